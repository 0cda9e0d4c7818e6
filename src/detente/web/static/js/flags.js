// Flags: dual-track behaviour and say–do gaps found in the store, each with its evidence events.

import {
  QUADS, actorCell, api, articleHref, el, formatGoldstein, hideError, plural, sentenceWithTrigger, showError, table,
} from "./common.js";

const KINDS = {
  "dual-track": {
    title: "Dual track",
    about: "An actor arms or aids one side of a conflict found in the data while mediating or cooperating "
      + "diplomatically with the other side.",
  },
  "say-do": {
    title: "Say–do gaps",
    about: "An expressed intent to cooperate followed, within the window, by a contrary act toward the same "
      + "counterpart.",
  },
};
const form = document.getElementById("flags-form");
const summary = document.getElementById("summary");
const container = document.getElementById("flags");

function evidenceTable(evidence) {
  return table(
    [
      ["Date", (e) => e.date || "undated"],
      ["Source", (e) => actorCell(e.source)],
      ["Code", (e) => el("span", {}, el("span", { class: `quad-dot q${e.quad_class}`, title: QUADS[e.quad_class]?.name || "" }), el("code", {}, e.cameo || "?"))],
      ["Target", (e) => actorCell(e.target)],
      ["Gs", (e) => formatGoldstein(e.goldstein)],
      ["Sentence", (e) => sentenceWithTrigger(e.sentence, e.trigger)],
      ["Article", (e) => el("a", { href: articleHref(e.doc_key, e.event_index) }, e.doc_id || "article")],
    ],
    evidence,
    { className: "data events" },
  );
}

function flagCard(f) {
  return el(
    "article",
    { class: `flag-card ${f.kind}`, dataset: { kind: f.kind, actor: f.actor } },
    el("header", {}, el("code", { class: "flag-actor" }, f.actor), el("span", { class: "flag-kind" }, KINDS[f.kind]?.title || f.kind)),
    el("p", { class: "flag-summary" }, f.summary),
    el("details", { open: true },
      el("summary", {}, `Evidence: ${plural(f.evidence.length, "event")}`),
      evidenceTable(f.evidence)),
  );
}

const FIELDS = { window: "90", min_events: "1", limit: "50" };

async function load() {
  const params = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, form.elements[k].value]));
  const changed = Object.entries(params).filter(([k, v]) => v && v !== FIELDS[k]);
  history.replaceState(null, "", changed.length ? `?${new URLSearchParams(changed)}` : location.pathname);
  summary.textContent = "Loading…";
  try {
    const data = await api("/api/flags", { params });
    hideError();
    const flags = data.flags || [];
    summary.textContent = flags.length
      ? `${plural(flags.length, "flag")}${flags.length >= Number(params.limit) ? " (the strongest; raise the limit for more)" : ""}.`
      : "No flags in this store.";
    const kinds = [...Object.keys(KINDS), ...new Set(flags.map((f) => f.kind).filter((k) => !KINDS[k]))];
    container.replaceChildren(
      ...kinds.map((kind) => {
        const mine = flags.filter((f) => f.kind === kind);
        return el(
          "section",
          { class: "flag-group", id: `kind-${kind}` },
          el("h2", {}, `${KINDS[kind]?.title || kind} (${mine.length})`),
          KINDS[kind] ? el("p", { class: "hint" }, KINDS[kind].about) : null,
          mine.length ? mine.map(flagCard) : el("p", { class: "muted" }, "None found."),
        );
      }),
    );
  } catch (err) {
    summary.textContent = "";
    showError(err);
  }
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  load();
});
const initial = new URLSearchParams(location.search);
for (const name of Object.keys(FIELDS)) {
  if (initial.get(name)) form.elements[name].value = initial.get(name);
}
load();
