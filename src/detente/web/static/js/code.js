// Code a text: POST /api/code and show the events and the marked text like the article view.
// Nothing is stored.

import { api, hideError, plural, showError } from "./common.js";
import { legend, renderDocument } from "./markup.js";

const EXAMPLE = {
  date: "2024-09-06",
  text: "Russia's foreign minister Sergey Lavrov criticized Türkiye for supplying weapons to Ukraine while "
    + "offering to mediate. \"Ankara cannot sell drones to Kyiv and call itself neutral,\" Lavrov told "
    + "reporters in Moscow on Thursday.\n\nTurkish Foreign Minister Hakan Fidan rejected the criticism and "
    + "said Türkiye would host talks in Istanbul.",
};
const form = document.getElementById("code-form");
const button = document.getElementById("code-button");
const summary = document.getElementById("summary");
const result = document.getElementById("result");

async function submit() {
  const text = form.elements.text.value;
  const date = form.elements.date.value;
  if (!text.trim()) {
    showError("Paste a text to code.");
    return;
  }
  button.disabled = true;
  summary.textContent = "Coding… (the first request loads the language model and takes a few seconds)";
  try {
    const data = await api("/api/code", { body: date ? { text, date } : { text } });
    hideError();
    const events = data.events || [];
    summary.textContent = `${plural(events.length, "event")}, ${plural((data.quotes || []).length, "quote")}, `
      + `${plural((data.mentions || []).length, "actor mention")}, ${plural((data.places || []).length, "place")}.`;
    document.getElementById("legend").replaceChildren(legend());
    document.getElementById("events-heading").textContent = `Events (${events.length})`;
    result.hidden = false;
    renderDocument({ ...data, text: data.text ?? text }, document.getElementById("doc-text"),
      document.getElementById("event-cards"));
  } catch (err) {
    summary.textContent = "";
    showError(err);
  } finally {
    button.disabled = false;
  }
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  submit();
});
document.getElementById("example").addEventListener("click", () => {
  form.elements.text.value = EXAMPLE.text;
  form.elements.date.value = EXAMPLE.date;
  form.elements.text.focus();
});
