// Shared helpers for every page: the API client, DOM building (text only, never markup), actor
// completion, quad classes and small formatters.

export const QUADS = {
  1: { name: "Verbal cooperation", short: "verbal coop.", color: "#4e9a06" },
  2: { name: "Material cooperation", short: "material coop.", color: "#1f6fb2" },
  3: { name: "Verbal conflict", short: "verbal conflict", color: "#f0a30a" },
  4: { name: "Material conflict", short: "material conflict", color: "#c4262e" },
};

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// The query string of `params`, leaving out empty values.
export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

// Calls the JSON API; throws ApiError with the server's message on an error answer.
export async function api(path, { params, body } = {}) {
  const init = { headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.method = "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path + query(params), init);
  } catch (err) {
    throw new ApiError(`The server cannot be reached (${err.message}).`, 0);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data && data.error ? data.error : `${response.status} ${response.statusText}`;
    throw new ApiError(message, response.status);
  }
  return data;
}

// el("a", {href: "/x", class: "link", title: "t", dataset: {k: "v"}}, "text", otherNode)
// Strings always become text nodes: stored text can never turn into markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style") Object.assign(node.style, value);
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Only site-relative links and http(s) URLs become links.
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith("/") && !s.startsWith("//")) return s;
  return externalUrl(s) || "#";
}

export function externalUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

// Shows an error (an Error or a message) in the page's error region.
export function showError(err, region = document.getElementById("error")) {
  const message = err instanceof Error ? err.message : String(err);
  if (!region) {
    console.warn(message);
    return;
  }
  const status = err instanceof ApiError && err.status ? ` (${err.status})` : "";
  region.replaceChildren(el("strong", {}, "Error" + status + ": "), message);
  region.hidden = false;
}

export function hideError(region = document.getElementById("error")) {
  if (region) {
    region.hidden = true;
    region.replaceChildren();
  }
}

export function formatGoldstein(g) {
  if (g === null || g === undefined || Number.isNaN(Number(g))) return "–";
  const n = Number(g);
  return (n > 0 ? "+" : n < 0 ? "−" : "") + Math.abs(n).toFixed(1);
}

export function quadBadge(quad) {
  const q = QUADS[quad];
  if (!q) return el("span", { class: "quad-badge" }, "–");
  return el("span", { class: `quad-badge q${quad}`, title: q.name }, `Q${quad} ${q.short}`);
}

export function articleHref(docKey, eventIndex) {
  const base = `/article/${encodeURIComponent(docKey)}`;
  return eventIndex === undefined || eventIndex === null ? base : `${base}#event-${eventIndex}`;
}

export function plural(n, one, many = one + "s") {
  return `${n} ${n === 1 ? one : many}`;
}

export function debounce(fn, ms = 200) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Fills a <datalist> with actor codes matching what is typed in `input` (/api/actors).
export function actorCompletion(input) {
  const list = el("datalist", { id: `${input.id}-actors` });
  input.after(list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  let last = null;
  const update = debounce(async () => {
    const q = input.value.trim();
    if (q === last) return;
    last = q;
    try {
      const data = await api("/api/actors", { params: { q, limit: 20 } });
      list.replaceChildren(
        ...data.actors.map((a) =>
          el("option", { value: a.code, label: `${a.name || a.code} · ${plural(a.events, "event")}` }),
        ),
      );
    } catch {
      // completion is a convenience: a failure leaves the input as it is
    }
  }, 150);
  input.addEventListener("input", update);
  input.addEventListener("focus", update);
}

// The last day of the period starting on `period` ('YYYY-MM-DD') for by = day|week|month|year.
export function periodEnd(period, by) {
  const [y, m, d] = period.split("-").map(Number);
  let end;
  if (by === "day") end = new Date(Date.UTC(y, m - 1, d));
  else if (by === "week") end = new Date(Date.UTC(y, m - 1, d + 6));
  else if (by === "year") end = new Date(Date.UTC(y, 11, 31));
  else end = new Date(Date.UTC(y, m, 0)); // month: day 0 of the next month
  return end.toISOString().slice(0, 10);
}

export function formatPeriod(period, by) {
  if (!period || period === "undated") return "undated";
  if (by === "year") return period.slice(0, 4);
  if (by === "month") {
    const [y, m] = period.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
  }
  if (by === "week") return `week of ${period}`;
  return period;
}

// A table of event rows (from /api/events or flag evidence) with links to the articles.
// columns: list of [header, (row) => node or text]
export function table(columns, rows, { className = "data" } = {}) {
  return el(
    "table",
    { class: className },
    el("thead", {}, el("tr", {}, columns.map(([header]) => el("th", { scope: "col" }, header)))),
    el(
      "tbody",
      {},
      rows.map((row) => el("tr", {}, columns.map(([, cell]) => el("td", {}, cell(row))))),
    ),
  );
}

export function actorCell(code, text) {
  if (!code && !text) return el("span", { class: "muted" }, "–");
  return el("span", { class: "actor", title: text || "" }, el("code", {}, code || "?"), text ? ` ${text}` : "");
}

// The list of events of /api/events answers: date, dyad, code, sentence, article link.
export function eventsTable(events) {
  return table(
    [
      ["Date", (e) => e.date || "undated"],
      ["Source", (e) => actorCell(e.source_code, e.source_text)],
      ["Event", (e) => el("span", {}, el("span", { class: `quad-dot q${e.quad_class}`, title: QUADS[e.quad_class]?.name || "" }), el("code", {}, e.cameo), " ", e.cameo_name || "")],
      ["Target", (e) => actorCell(e.target_code, e.target_text)],
      ["Gs", (e) => formatGoldstein(e.goldstein)],
      ["Sentence", (e) => sentenceWithTrigger(e.sentence, e.trigger_text, e.claimed)],
      ["Article", (e) => el("a", { href: articleHref(e.doc_key, e.event_index) }, e.doc_id || "article")],
    ],
    events,
    { className: "data events" },
  );
}

// The sentence with the first occurrence of the trigger in bold.
export function sentenceWithTrigger(sentence, trigger, claimed) {
  const s = sentence || "";
  const at = trigger ? s.indexOf(trigger) : -1;
  const node = el("span", { class: "sentence" });
  if (at < 0) node.append(s);
  else append(node, s.slice(0, at), el("b", {}, trigger), s.slice(at + trigger.length));
  if (claimed) node.append(" ", el("span", { class: "tag", title: "reported as a party's claim" }, "claimed"));
  return node;
}

// "Documents · events" in the top bar.
async function health() {
  const badge = document.getElementById("health");
  if (!badge) return;
  try {
    const h = await api("/api/health");
    badge.textContent = `${h.documents} documents · ${h.events} events`;
    badge.title = "corpus store";
  } catch {
    badge.textContent = "store unavailable";
    badge.classList.add("bad");
  }
}

health();
