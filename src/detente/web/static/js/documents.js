// Documents: search by text, actor and dates; a page of results with links to the article view.

import { actorCompletion, api, articleHref, el, hideError, plural, showError } from "./common.js";

const PAGE_SIZE = 20;
const form = document.getElementById("search");
const fields = ["q", "actor", "start", "end"];
const results = document.getElementById("results");
const summary = document.getElementById("summary");
const pager = document.getElementById("pager");

function state() {
  const s = {};
  for (const name of fields) s[name] = form.elements[name].value.trim();
  return s;
}

function fillForm(params) {
  for (const name of fields) form.elements[name].value = params.get(name) || "";
}

function resultItem(d) {
  return el(
    "li",
    { class: "doc-item" },
    el(
      "div",
      { class: "doc-item-head" },
      el("a", { class: "doc-title", href: articleHref(d.doc_key) }, d.title || d.doc_id || "(untitled)"),
      el("span", { class: "count", title: "coded events" }, plural(d.events ?? 0, "event")),
    ),
    el(
      "div",
      { class: "doc-meta" },
      el("span", {}, d.date || "undated"),
      d.source ? el("span", {}, d.source) : null,
      d.doc_id ? el("code", {}, d.doc_id) : null,
    ),
    d.snippet ? el("p", { class: "snippet" }, d.snippet) : null,
  );
}

function pageButton(label, page, disabled) {
  const b = el("button", { type: "button", class: "secondary", disabled }, label);
  b.addEventListener("click", () => load(page));
  return b;
}

async function load(page = 1) {
  const s = state();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) if (v) params.set(k, v);
  if (page > 1) params.set("page", String(page));
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  summary.textContent = "Searching…";
  try {
    const data = await api("/api/documents", { params: { ...s, page, page_size: PAGE_SIZE } });
    hideError();
    results.replaceChildren(...data.documents.map(resultItem));
    const first = data.total ? (data.page - 1) * data.page_size + 1 : 0;
    const last = Math.min(data.total, data.page * data.page_size);
    summary.textContent = data.total
      ? `${first}–${last} of ${plural(data.total, "document")}`
      : "No documents match.";
    const pages = Math.max(1, Math.ceil(data.total / data.page_size));
    pager.hidden = pages <= 1;
    pager.replaceChildren(
      pageButton("← Previous", data.page - 1, data.page <= 1),
      el("span", { class: "muted" }, `page ${data.page} of ${pages}`),
      pageButton("Next →", data.page + 1, data.page >= pages),
    );
    results.start = first || 1;
  } catch (err) {
    summary.textContent = "";
    results.replaceChildren();
    pager.replaceChildren();
    showError(err);
  }
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  load(1);
});
form.addEventListener("reset", () => setTimeout(() => load(1), 0));
actorCompletion(form.elements.actor);

const initial = new URLSearchParams(location.search);
fillForm(initial);
load(Number(initial.get("page")) || 1);
