// Article view: one stored document with its marked text and event cards.

import { api, el, externalUrl, plural, showError } from "./common.js";
import { legend, renderDocument } from "./markup.js";

const header = document.getElementById("doc-header");
const textPane = document.getElementById("doc-text");
const cardPane = document.getElementById("event-cards");

function docKey() {
  const parts = location.pathname.split("/").filter(Boolean);
  return parts.length >= 2 && parts[0] === "article" ? decodeURIComponent(parts.slice(1).join("/")) : "";
}

function renderHeader(d, data) {
  const url = externalUrl(d.url);
  header.replaceChildren(
    el("h1", { id: "doc-title" }, d.title || d.doc_id || "(untitled)"),
    el(
      "div",
      { class: "doc-meta" },
      el("span", { title: "document date" }, d.date || "undated"),
      d.source ? el("span", { title: "source" }, d.source) : null,
      d.doc_id ? el("code", { title: "document id" }, d.doc_id) : null,
      el("span", {}, `${plural(data.events.length, "event")}, ${plural(data.quotes.length, "quote")}, `
        + `${plural(data.mentions.length, "actor mention")}, ${plural(data.places.length, "place")}`),
      url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original article ↗") : null,
    ),
  );
  document.title = `${d.title || d.doc_id || "Article"} · detente`;
}

async function main() {
  const key = docKey();
  if (!key) {
    header.replaceChildren(el("h1", {}, "No article"));
    return;
  }
  try {
    const data = await api(`/api/documents/${encodeURIComponent(key)}`);
    data.events = data.events || [];
    data.mentions = data.mentions || [];
    data.quotes = data.quotes || [];
    data.places = data.places || [];
    renderHeader(data.document, data);
    document.getElementById("legend").replaceChildren(legend());
    document.getElementById("events-heading").textContent = `Events (${data.events.length})`;
    const view = renderDocument({ ...data, text: data.document.text }, textPane, cardPane);
    const wanted = /^#event-(\d+)$/.exec(location.hash);
    if (wanted) view.pin(wanted[1], true);
  } catch (err) {
    header.replaceChildren(el("h1", {}, "Article not available"));
    showError(err);
  }
}

main();
