// The marked-up document view shared by the article page and the "code a text" page: the text with
// actor mentions, event triggers, quotes, speakers and places marked, and one card per event, linked
// both ways (hovering a card highlights its trigger, source and target; hovering a trigger highlights
// its card).
//
// Spans may nest or overlap, so the text is cut at every span boundary and each piece is wrapped in
// one <span> carrying the classes of all the spans that cover it. Everything is inserted as text.

import { QUADS, api, articleHref, el, formatGoldstein, plural, showError } from "./common.js";

// ---- input normalisation ---------------------------------------------------------------------

// Quotes come as {quote_index, speaker_code, speaker_text, speaker_start, speaker_end, cue, content,
// start, end, direct} from both the store and POST /api/code.
function normaliseQuote(q, position) {
  return {
    index: q.quote_index ?? position,
    speakerCode: q.speaker_code ?? null,
    speakerText: q.speaker_text || "",
    speakerStart: typeof q.speaker_start === "number" ? q.speaker_start : null,
    speakerEnd: typeof q.speaker_end === "number" ? q.speaker_end : null,
    cue: q.cue || "",
    start: q.start,
    end: q.end,
    direct: Boolean(q.direct),
  };
}

// Offsets from the server count code points (Python); JavaScript strings count UTF-16 units.
function offsetMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const units = [0];
  let n = 0;
  for (const ch of text) {
    n += ch.length;
    units.push(n);
  }
  return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
}

// For a speaker without offsets (a store written before they were kept): the speaker's words near the
// quote, the nearest occurrence within a few hundred characters outside the quoted content.
function findSpeaker(text, quote) {
  const needle = quote.speakerText && quote.speakerText.trim();
  if (!needle || needle.length > 80) return null;
  const from = Math.max(0, quote.start - 300);
  const to = Math.min(text.length, quote.end + 300);
  let best = null;
  let at = text.indexOf(needle, from);
  while (at >= 0 && at + needle.length <= to) {
    const end = at + needle.length;
    if (end <= quote.start || at >= quote.end) {
      const distance = end <= quote.start ? quote.start - end : at - quote.end;
      if (!best || distance < best.distance) best = { start: at, end, distance };
    }
    at = text.indexOf(needle, at + 1);
  }
  return best;
}

function actorTitle(a) {
  const name = a.name && a.name !== a.code ? ` — ${a.name}` : "";
  return `Actor ${a.code || "?"}${name}`;
}

function placeTitle(p) {
  const parts = [`Place: ${p.name || p.text}`];
  if (p.country) parts[0] += `, ${p.country}`;
  if (p.feature) parts.push(`(${p.feature})`);
  if (p.lat !== null && p.lat !== undefined && p.lon !== null && p.lon !== undefined) {
    parts.push(`${Number(p.lat).toFixed(3)}, ${Number(p.lon).toFixed(3)}`);
  }
  return parts.join(" ");
}

// All marked spans of a document, in UTF-16 offsets.
export function collectSpans(doc) {
  const text = doc.text || "";
  const map = offsetMapper(text);
  const spans = [];
  const add = (start, end, span) => {
    if (typeof start !== "number" || typeof end !== "number") return;
    const s = map(start);
    const e = map(end);
    if (!(e > s) || s < 0 || e > text.length) return;
    spans.push({ ...span, start: s, end: e });
  };
  for (const m of doc.mentions || []) add(m.start, m.end, { kind: "actor", title: actorTitle(m) });
  const placeKeys = new Set();
  for (const p of doc.places || []) {
    placeKeys.add(`${p.start}:${p.end}`);
    add(p.start, p.end, { kind: "place", title: placeTitle(p) });
  }
  (doc.quotes || []).forEach((raw, position) => {
    const q = normaliseQuote(raw, position);
    const who = q.speakerCode ? `${q.speakerText || "?"} (${q.speakerCode})` : q.speakerText || "unknown speaker";
    add(q.start, q.end, {
      kind: "quote",
      quote: q.index,
      title: `${q.direct ? "Quote" : "Reported speech"} by ${who}${q.cue ? `, cue “${q.cue}”` : ""}`,
    });
    const speakerTitle = `Speaker of a ${q.direct ? "quote" : "report"}: ${who}`;
    if (q.speakerStart !== null && q.speakerEnd !== null) {
      add(q.speakerStart, q.speakerEnd, { kind: "speaker", quote: q.index, title: speakerTitle });
    } else if (typeof q.start === "number" && typeof q.end === "number") {
      const speaker = findSpeaker(text, { ...q, start: map(q.start), end: map(q.end) });
      if (speaker) spans.push({ kind: "speaker", quote: q.index, start: speaker.start, end: speaker.end, title: speakerTitle });
    }
  });
  for (const e of doc.events || []) {
    const i = e.event_index;
    if (e.trigger) {
      add(e.trigger.start, e.trigger.end, {
        kind: "trigger", event: i, title: `Event ${e.cameo} ${e.cameo_name || ""}`.trim() });
    }
    if (e.source) add(e.source.start, e.source.end, { kind: "source", event: i, title: actorTitle(e.source) });
    if (e.target) add(e.target.start, e.target.end, { kind: "target", event: i, title: actorTitle(e.target) });
    const loc = e.location;
    if (loc && !placeKeys.has(`${loc.start}:${loc.end}`)) {
      placeKeys.add(`${loc.start}:${loc.end}`);
      add(loc.start, loc.end, { kind: "place", title: placeTitle(loc) });
    }
  }
  return spans;
}

// The text as a DocumentFragment of plain text nodes and marked <span>s.
export function markText(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k];
    const to = bounds[k + 1];
    const piece = text.slice(from, to);
    const covering = spans.filter((s) => s.start <= from && s.end >= to);
    if (!covering.length) {
      fragment.append(document.createTextNode(piece));
      continue;
    }
    const classes = new Set(["mk"]);
    const roles = { trigger: new Set(), source: new Set(), target: new Set() };
    const quotes = new Set();
    const titles = [];
    for (const s of covering) {
      if (s.kind === "source" || s.kind === "target") {
        classes.add("m-actor");
        roles[s.kind].add(s.event);
      } else {
        classes.add(`m-${s.kind}`);
      }
      if (s.kind === "trigger") roles.trigger.add(s.event);
      if (s.kind === "quote") {
        quotes.add(s.quote);
        if (s.start === from) classes.add("m-quote-start");
        if (s.end === to) classes.add("m-quote-end");
      }
      if (s.title && !titles.includes(s.title)) titles.push(s.title);
    }
    const span = el("span", { class: [...classes].join(" "), title: titles.join("\n") }, piece);
    for (const [role, set] of Object.entries(roles)) {
      if (set.size) span.dataset[role] = [...set].join(" ");
    }
    if (quotes.size) span.dataset.quote = [...quotes].join(" ");
    fragment.append(span);
  }
  return fragment;
}

// ---- event cards -----------------------------------------------------------------------------

function actorLine(a) {
  if (!a) return el("span", { class: "muted" }, "—");
  return el(
    "span",
    { class: "card-actor", title: a.name || "" },
    a.text || a.name || a.code,
    " ",
    el("code", {}, a.code || "?"),
  );
}

function dateLine(e) {
  if (!e.date) return "undated";
  const bits = [e.date_precision, e.date_source].filter(Boolean);
  let s = e.date;
  if (bits.length) s += ` (${bits.join(", ")}`;
  if (e.date_text) s += `: “${e.date_text}”`;
  if (bits.length) s += ")";
  return s;
}

export function eventCard(e) {
  const quad = QUADS[e.quad_class];
  const card = el("article", {
    class: `event-card q${e.quad_class || 0}`,
    id: `event-${e.event_index}`,
    tabindex: "0",
    dataset: { event: String(e.event_index) },
  });
  card.append(
    el(
      "header",
      {},
      el("code", { class: "cameo" }, e.cameo || "?"),
      el("span", { class: "cameo-name" }, e.cameo_name || ""),
      el("span", { class: "goldstein", title: "Goldstein score" }, formatGoldstein(e.goldstein)),
    ),
    el("div", { class: "dyad" }, actorLine(e.source), el("span", { class: "arrow" }, " → "), actorLine(e.target)),
  );
  const facts = el("dl", { class: "facts" });
  const fact = (label, value) => facts.append(el("dt", {}, label), el("dd", {}, value));
  fact("Class", el("span", { class: `quad-label q${e.quad_class}` }, quad ? quad.name : "–"));
  if (e.plover) fact("PLOVER", e.plover_mode ? `${e.plover} (${e.plover_mode})` : e.plover);
  fact("Trigger", el("b", {}, e.trigger ? e.trigger.text : "–"));
  fact("Date", dateLine(e));
  if (e.location) {
    const loc = e.location;
    fact("Place", [loc.name || loc.text, loc.country ? `, ${loc.country}` : ""].join(""));
  }
  card.append(facts);

  const tags = el("div", { class: "tags" });
  if (e.claimed) {
    const a = e.attribution || {};
    const speaker = (a.speaker && a.speaker.code) || a.speaker_text || "a speaker";
    tags.append(el("span", { class: "tag claimed", title: a.speaker_text ? `as written: ${a.speaker_text}` : "" },
      `claimed by ${speaker}`));
  }
  if (e.negated) tags.append(el("span", { class: "tag negated" }, "negated"));
  if (e.modality && e.modality !== "asserted") tags.append(el("span", { class: "tag modality" }, e.modality));
  if (e.cluster) {
    const c = e.cluster;
    const label = `${plural(c.mentions, "mention")} in ${plural(c.documents, "document")}, ${plural(c.sources, "source")}`;
    const title = "the same source, target and code reported nearby in time";
    if (c.mentions > 1 && c.id) {
      const button = el("button", { type: "button", class: "tag cluster link", title: `${title}: list them` }, label);
      button.addEventListener("click", (ev) => {
        ev.stopPropagation();
        toggleClusterList(card, c.id, e);
      });
      tags.append(button);
    } else {
      tags.append(el("span", { class: "tag cluster", title }, label));
    }
  }
  if (tags.childElementCount) card.append(tags);
  return card;
}

// The other reports of the same event (its cluster), each with its sentence and a link to its article.
async function toggleClusterList(card, clusterId, e) {
  const open = card.querySelector(".cluster-list");
  if (open) {
    open.remove();
    return;
  }
  const list = el("ul", { class: "cluster-list" }, el("li", { class: "muted" }, "Loading…"));
  card.append(list);
  try {
    const data = await api("/api/events", { params: { cluster: clusterId, page_size: 100 } });
    list.replaceChildren(...data.events.map((m) => el(
      "li",
      { class: m.doc_id === e.doc_id && m.event_index === e.event_index ? "this" : "" },
      el("a", { href: articleHref(m.doc_key, m.event_index) }, m.doc_id || "article"),
      ` ${m.date || "undated"}: `,
      el("span", { class: "sentence" }, m.sentence || ""),
    )));
    if (data.total > data.events.length) list.append(el("li", { class: "muted" }, `and ${data.total - data.events.length} more`));
  } catch (err) {
    list.remove();
    showError(err);
  }
}

// ---- linking ---------------------------------------------------------------------------------

// Scrolls `target` into view inside the scrollable `pane`; when the pane does not scroll (narrow
// screens), scrolls the window only when `force` is set.
function reveal(pane, target, force) {
  if (!target) return;
  if (pane.scrollHeight > pane.clientHeight + 1) {
    const paneBox = pane.getBoundingClientRect();
    const box = target.getBoundingClientRect();
    if (box.top < paneBox.top || box.bottom > paneBox.bottom) {
      const top = box.top - paneBox.top + pane.scrollTop - pane.clientHeight / 3;
      pane.scrollTo({ top, behavior: "smooth" });
    }
  } else if (force) {
    target.scrollIntoView({ block: "center", behavior: "smooth" });
  }
}

function link(textPane, cardPane) {
  let pinned = null;
  const cardOf = (i) => cardPane.querySelector(`.event-card[data-event="${CSS.escape(String(i))}"]`);

  function highlight(i, on) {
    const sel = CSS.escape(String(i));
    for (const role of ["trigger", "source", "target"]) {
      for (const node of textPane.querySelectorAll(`[data-${role}~="${sel}"]`)) node.classList.toggle(`hl-${role}`, on);
    }
    const card = cardOf(i);
    if (card) card.classList.toggle("hl", on);
  }
  function show(i, force) {
    highlight(i, true);
    reveal(textPane, textPane.querySelector(`[data-trigger~="${CSS.escape(String(i))}"]`), force);
  }
  function hide(i) {
    if (String(i) !== pinned) highlight(i, false);
  }
  function pin(i, force) {
    if (pinned !== null && pinned !== String(i)) {
      const old = pinned;
      pinned = null;
      highlight(old, false);
      cardOf(old)?.classList.remove("pinned");
    }
    pinned = String(i);
    cardOf(i)?.classList.add("pinned");
    reveal(cardPane, cardOf(i), false);
    show(i, force);
  }

  cardPane.addEventListener("mouseover", (ev) => {
    const card = ev.target.closest(".event-card");
    if (card && !card.contains(ev.relatedTarget)) show(card.dataset.event, false);
  });
  cardPane.addEventListener("mouseout", (ev) => {
    const card = ev.target.closest(".event-card");
    if (card && !card.contains(ev.relatedTarget)) hide(card.dataset.event);
  });
  cardPane.addEventListener("focusin", (ev) => {
    const card = ev.target.closest(".event-card");
    if (card) show(card.dataset.event, false);
  });
  cardPane.addEventListener("focusout", (ev) => {
    const card = ev.target.closest(".event-card");
    if (card) hide(card.dataset.event);
  });
  cardPane.addEventListener("click", (ev) => {
    const card = ev.target.closest(".event-card");
    if (card) pin(card.dataset.event, true);
  });
  cardPane.addEventListener("keydown", (ev) => {
    const card = ev.target.closest(".event-card");
    if (card && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      pin(card.dataset.event, true);
    }
  });

  const triggersOf = (node) => (node && node.dataset && node.dataset.trigger ? node.dataset.trigger.split(" ") : []);
  textPane.addEventListener("mouseover", (ev) => {
    const seg = ev.target.closest("[data-trigger]");
    for (const i of triggersOf(seg)) {
      const card = cardOf(i);
      if (card) {
        card.classList.add("hl");
        reveal(cardPane, card, false);
      }
    }
  });
  textPane.addEventListener("mouseout", (ev) => {
    const seg = ev.target.closest("[data-trigger]");
    for (const i of triggersOf(seg)) {
      if (i !== pinned) cardOf(i)?.classList.remove("hl");
    }
  });
  textPane.addEventListener("click", (ev) => {
    const [first] = triggersOf(ev.target.closest("[data-trigger]"));
    if (first !== undefined) {
      pin(first, false);
      reveal(cardPane, cardOf(first), true);
    }
  });

  return { pin };
}

export function legend() {
  const item = (cls, label, title) => el("span", { class: "legend-item" }, el("span", { class: `mk ${cls}`, title }, label));
  return el(
    "div",
    { class: "markup-legend", "aria-label": "Legend" },
    item("m-actor", "actor", "an actor mention (hover for its code)"),
    item("m-trigger", "event trigger", "the words that triggered an event"),
    item("m-speaker", "speaker", "who is quoted"),
    item("m-quote m-quote-start m-quote-end", "quoted or reported words", "a quote or reported clause"),
    item("m-place", "place", "a place (hover for name and coordinates)"),
  );
}

// Renders `doc` ({text, events, mentions, quotes, places}) into textPane and cardPane.
// Events without event_index (POST /api/code) are numbered in order.
export function renderDocument(doc, textPane, cardPane) {
  const events = (doc.events || []).map((e, i) => ({ ...e, event_index: e.event_index ?? i }));
  const spans = collectSpans({ ...doc, events });
  textPane.replaceChildren(markText(doc.text || "", spans));
  cardPane.replaceChildren(...events.map(eventCard));
  if (!events.length) cardPane.append(el("p", { class: "muted" }, "No events were coded in this text."));
  return link(textPane, cardPane);
}
