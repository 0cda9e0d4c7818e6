// Actor network: actors as nodes sized by their events, directed links weighted by event count and
// coloured by mean Goldstein score, placed by a force-directed layout and drawn by cytoscape (loaded as
// a global by network.html). Clicking a link lists its events; clicking an actor shows its counterparts.

import { api, el, eventsTable, formatGoldstein, hideError, plural, showError, table } from "./common.js";

const cytoscape = window.cytoscape;
const form = document.getElementById("network-form");
const summary = document.getElementById("summary");
const box = document.getElementById("network");
const selection = document.getElementById("selection");
let cy = null;
const LABEL_PX = 11; // label size on screen

// Mean Goldstein to colour: red (−10) … grey (0) … green (+10); a square root makes small means visible.
const GREY = [154, 163, 173];
const RED = [196, 38, 46];
const GREEN = [78, 154, 6];
function goldsteinColor(g) {
  const v = Math.max(-10, Math.min(10, Number(g) || 0));
  const t = Math.sqrt(Math.abs(v) / 10);
  const end = v < 0 ? RED : GREEN;
  const rgb = GREY.map((c, i) => Math.round(c + (end[i] - c) * t));
  return `rgb(${rgb.join(", ")})`;
}

function renderLegend(maxCount) {
  const stops = [];
  for (let g = -10; g <= 10; g += 2.5) stops.push(`${goldsteinColor(g)} ${((g + 10) / 20) * 100}%`);
  const bar = el("div", { class: "gradient" });
  bar.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
  document.getElementById("network-legend").replaceChildren(
    el("div", { class: "legend-block" },
      el("span", { class: "legend-title" }, "Link colour: mean Goldstein"),
      el("span", { class: "gradient-scale" }, bar,
        el("span", { class: "gradient-ticks" }, el("span", {}, "−10 conflict"), el("span", {}, "0"), el("span", {}, "+10 cooperation")))),
    el("div", { class: "legend-block" },
      el("span", { class: "legend-title" }, "Link width: events"),
      el("span", { class: "width-sample thin" }), " 1 ",
      el("span", { class: "width-sample thick" }), ` ${maxCount} (links of one event are not labelled)`),
    el("div", { class: "legend-block" },
      el("span", { class: "legend-title" }, "Actor size: events"),
      el("span", { class: "node-sample small" }), el("span", { class: "node-sample large" })),
  );
}

function periodParams() {
  return { start: form.elements.start.value, end: form.elements.end.value };
}

// The events of one link: whole codes at the actor level (exact), every code of the country at the
// country level (TUR also matches TURGOV).
async function edgeEvents(source, target, wanted) {
  const kept = [];
  const exact = form.elements.level.value !== "country";
  for (let page = 1; page <= 20 && kept.length < wanted; page++) {
    const data = await api("/api/events", {
      params: { source, target, exact: exact ? "true" : "", ...periodParams(), page, page_size: 200 },
    });
    kept.push(...data.events);
    if (page * data.page_size >= data.total) break;
  }
  return kept;
}

async function showEdge(edge) {
  const { source, target, count, goldstein_mean: mean } = edge;
  const head = [
    el("h2", {}, `${source} → ${target}`),
    el("p", {}, `${plural(count, "event")}, mean Goldstein ${formatGoldstein(mean)}. `,
      el("a", { href: `/dyad?a=${encodeURIComponent(source)}&b=${encodeURIComponent(target)}` }, "Open in the dyad explorer")),
  ];
  selection.replaceChildren(...head, el("p", { class: "muted" }, "Loading…"));
  try {
    const events = await edgeEvents(source, target, count);
    selection.replaceChildren(...head, eventsTable(events));
  } catch (err) {
    showError(err);
  }
}

async function showNode(code) {
  selection.replaceChildren(el("h2", {}, code), el("p", { class: "muted" }, "Loading…"));
  try {
    const data = await api(`/api/actor/${encodeURIComponent(code)}`);
    const rows = (data.counterparts || []).slice(0, 25);
    selection.replaceChildren(
      el("h2", {}, code),
      el("p", {}, `${plural(data.counterparts.length, "counterpart")} (both directions):`),
      table(
        [
          ["Counterpart", (r) => (r.counterpart
            ? el("a", { href: `/dyad?a=${encodeURIComponent(code)}&b=${encodeURIComponent(r.counterpart)}`, title: "open the dyad" }, r.counterpart)
            : el("span", { class: "muted" }, "(no target)"))],
          ["Events", (r) => String(r.events)],
          ["Coop.", (r) => String(r.cooperation)],
          ["Conflict", (r) => String(r.conflict)],
          ["Mean Gs", (r) => formatGoldstein(r.goldstein_mean)],
        ],
        rows,
      ),
    );
  } catch (err) {
    showError(err);
  }
}

function linkTable(edges) {
  const top = [...edges].sort((x, y) => y.count - x.count).slice(0, 15);
  const t = table(
    [
      ["Link", (e) => {
        const b = el("button", { type: "button", class: "linklike" }, `${e.source} → ${e.target}`);
        b.addEventListener("click", () => showEdge(e));
        return b;
      }],
      ["Events", (e) => String(e.count)],
      ["Mean Gs", (e) => el("span", {}, el("span", { class: "swatch", style: { background: goldsteinColor(e.goldstein_mean) } }), formatGoldstein(e.goldstein_mean))],
    ],
    top,
  );
  return [el("h2", {}, "Strongest links"), el("p", { class: "muted" }, "Click a link (here or in the graph) to list its events, or an actor to see its counterparts."), t];
}

async function load() {
  const params = {
    ...periodParams(), min_count: form.elements.min_count.value, limit: form.elements.limit.value,
    level: form.elements.level.value,
  };
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  history.replaceState(null, "", q.toString() ? `?${q}` : location.pathname);
  summary.textContent = "Loading…";
  try {
    const data = await api("/api/network", { params });
    hideError();
    const nodes = data.nodes || [];
    const edges = data.edges || [];
    summary.textContent = `${plural(nodes.length, "actor")}, ${plural(edges.length, "link")}, `
      + `${plural(edges.reduce((n, e) => n + e.count, 0), "event")} on the links.`;
    draw(nodes, edges);
    selection.replaceChildren(...linkTable(edges));
  } catch (err) {
    summary.textContent = "";
    showError(err);
  }
}

// A force-directed layout (Fruchterman–Reingold): every pair of actors repels, links pull their ends
// together, and a pull toward the centre, stretched to the box's aspect ratio, keeps separate groups
// of actors in view. It starts from a circle, so the same data is laid out the same way every time.
function forceLayout(nodes, links, width, height) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const pos = nodes.map((_, i) => ({ x: Math.cos((2 * Math.PI * i) / n) * width / 3, y: Math.sin((2 * Math.PI * i) / n) * height / 3 }));
  const pairs = links.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.9;
  const aspect = width / Math.max(1, height);
  let temperature = Math.min(width, height) / 8;
  const steps = n > 300 ? 120 : 350;
  for (let step = 0; step < steps; step++) {
    const move = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x;
        let dy = pos[i].y - pos[j].y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        move[i].x += dx * f; move[i].y += dy * f;
        move[j].x -= dx * f; move[j].y -= dy * f;
      }
    }
    for (const [a, b] of pairs) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.1;
      const f = d / k;
      move[a].x -= dx * f; move[a].y -= dy * f;
      move[b].x += dx * f; move[b].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      move[i].x -= (pos[i].x * 1.2) / aspect * (k / 100);
      move[i].y -= pos[i].y * 1.2 * (k / 100);
      const len = Math.sqrt(move[i].x ** 2 + move[i].y ** 2) || 1;
      const limited = Math.min(len, temperature);
      pos[i].x += (move[i].x / len) * limited;
      pos[i].y += (move[i].y / len) * limited;
    }
    temperature = Math.max(1, temperature * 0.985);
  }
  return pos;
}

// Pushes apart actors whose boxes (the node and its label below it, at the zoom that fits the layout in
// the box) overlap, along the axis where they overlap least.
function separateLabels(pos, nodes, width, height, fontPx) {
  for (let pass = 0; pass < 60; pass++) {
    const xs = pos.map((p) => p.x);
    const ys = pos.map((p) => p.y);
    const zoom = Math.min(width / (Math.max(...xs) - Math.min(...xs) + 120), height / (Math.max(...ys) - Math.min(...ys) + 60), 1.5);
    const boxes = nodes.map((n, i) => {
      const w = Math.max(n.size, (n.label.length * fontPx * 0.62) / zoom) + 6 / zoom;
      const h = n.size + (fontPx * 1.5) / zoom;
      return { x: pos[i].x, y: pos[i].y + (h - n.size) / 2, w, h };
    });
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const ox = (a.w + b.w) / 2 - Math.abs(a.x - b.x);
        const oy = (a.h + b.h) / 2 - Math.abs(a.y - b.y);
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        if (ox / a.w < oy / a.h) {
          const d = (ox / 2 + 0.5) * (a.x < b.x || (a.x === b.x && i < j) ? -1 : 1);
          pos[i].x += d; pos[j].x -= d; a.x += d; b.x -= d;
        } else {
          const d = (oy / 2 + 0.5) * (a.y < b.y || (a.y === b.y && i < j) ? -1 : 1);
          pos[i].y += d; pos[j].y -= d; a.y += d; b.y -= d;
        }
      }
    }
    if (!moved) break;
  }
  return pos;
}

function draw(nodes, edges) {
  const maxEvents = Math.max(1, ...nodes.map((n) => n.events || 0));
  const maxCount = Math.max(1, ...edges.map((e) => e.count || 0));
  renderLegend(maxCount);
  const known = new Set(nodes.map((n) => n.id));
  const width = box.clientWidth || 800;
  const height = box.clientHeight || 560;
  const shown = nodes.map((n) => ({ label: `${n.id} (${n.events})`, size: 14 + 32 * Math.sqrt((n.events || 0) / maxEvents) }));
  const layout = separateLabels(forceLayout(nodes, edges, width, height), shown, width, height, LABEL_PX);
  const elements = [
    ...nodes.map((n, i) => ({
      position: layout[i],
      data: { id: n.id, label: shown[i].label, events: n.events, size: shown[i].size },
    })),
    ...edges
      .filter((e) => known.has(e.source) && known.has(e.target))
      .map((e, i) => ({
        data: {
          id: `e${i}`, source: e.source, target: e.target, count: e.count, mean: e.goldstein_mean,
          label: e.count > 1 ? String(e.count) : "",
          width: 1.2 + 8 * Math.sqrt(e.count / maxCount), color: goldsteinColor(e.goldstein_mean), edge: e,
        },
      })),
  ];
  if (cy) cy.destroy();
  cy = cytoscape({
    container: box,
    elements,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      {
        selector: "node",
        style: {
          width: "data(size)", height: "data(size)", "background-color": "#44505c", label: "data(label)",
          "font-size": 13, "font-family": "system-ui, sans-serif", color: "#1d2733", "text-valign": "bottom",
          "text-margin-y": 3, "text-background-color": "#ffffff", "text-background-opacity": 0.75,
          "text-background-padding": 1, "border-width": 2, "border-color": "#ffffff",
        },
      },
      { selector: "node:selected", style: { "background-color": "#1f6fb2", "border-color": "#1d2733" } },
      {
        selector: "edge",
        style: {
          width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle", "arrow-scale": 0.9, "curve-style": "bezier", opacity: 0.85,
          label: "data(label)", "font-size": 11, color: "#44505c", "text-background-color": "#ffffff",
          "text-background-opacity": 0.8, "text-background-padding": 1,
        },
      },
      { selector: "edge:selected", style: { opacity: 1, "line-style": "solid", "z-index": 10, "overlay-opacity": 0.12, "overlay-color": "#1d2733" } },
      { selector: "edge.loop", style: { "curve-style": "bezier", "loop-direction": "0deg", "loop-sweep": "-45deg" } },
    ],
    layout: { name: "preset", fit: true, padding: 30 },
  });
  cy.edges().filter((e) => e.data("source") === e.data("target")).addClass("loop");
  // keep labels readable when a large graph is zoomed out to fit the box
  const zoom = Math.max(0.3, Math.min(1, cy.zoom()));
  cy.style()
    .selector("node").style("font-size", Math.round(LABEL_PX / zoom))
    .selector("edge").style("font-size", Math.round((LABEL_PX - 1) / zoom))
    .update();
  cy.on("tap", "edge", (ev) => showEdge(ev.target.data("edge")));
  cy.on("tap", "node", (ev) => showNode(ev.target.id()));
  cy.on("mouseover", "node, edge", () => { box.style.cursor = "pointer"; });
  cy.on("mouseout", "node, edge", () => { box.style.cursor = "default"; });
  box.dataset.nodes = String(cy.nodes().length);
  box.dataset.edges = String(cy.edges().length);
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  load();
});

const initial = new URLSearchParams(location.search);
for (const name of ["start", "end", "min_count", "limit", "level"]) {
  if (initial.get(name)) form.elements[name].value = initial.get(name);
}
if (!cytoscape) showError("The network library did not load.");
else load();
