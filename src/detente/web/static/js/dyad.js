// Dyad explorer: both directions of a dyad over time. Stacked bars of events by quad class (A → B
// above the axis, B → A below it) and the mean Goldstein score of each direction as lines. Clicking a
// bar or a point lists the events behind it. Chart.js is loaded as a global by dyad.html.

import {
  QUADS, actorCompletion, api, el, eventsTable, formatGoldstein, formatPeriod, hideError, periodEnd,
  plural, showError,
} from "./common.js";

const Chart = window.Chart;
const PAGE_SIZE = 50;
const form = document.getElementById("dyad-form");
const summary = document.getElementById("summary");
const canvas = document.getElementById("dyad-chart");
const listing = document.getElementById("period-events");
let chart = null;
let current = null; // {a, b, by, mentions}

// Which direction a series row belongs to: 0 = A → B, 1 = B → A.
function direction(row, a, b) {
  const s = (row.source || "").toUpperCase();
  const t = (row.target || "").toUpperCase();
  if (s === a && t === b) return 0;
  if (s === b && t === a) return 1;
  return s.startsWith(a) && t.startsWith(b) ? 0 : 1;
}

function lighten(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

// Writes "A → B" above and "B → A" below the axis.
const directionLabels = {
  id: "directionLabels",
  afterDraw(c, _args, options) {
    const { ctx, chartArea } = c;
    ctx.save();
    ctx.font = "600 12px system-ui, sans-serif";
    ctx.fillStyle = "#44505c";
    ctx.textBaseline = "top";
    ctx.fillText(options.up || "", chartArea.left + 8, chartArea.top + 6);
    ctx.textBaseline = "bottom";
    ctx.fillText(options.down || "", chartArea.left + 8, chartArea.bottom - 6);
    ctx.restore();
  },
};

// The periods in order, the empty ones between them filled in (so the axis is proportional to time)
// unless that would make more than MAX_PERIODS bars; "undated" last.
const MAX_PERIODS = 400;
function continuous(periods, by) {
  const dated = periods.filter((p) => p !== "undated").sort();
  const out = [];
  if (dated.length) {
    let day = dated[0];
    const last = dated[dated.length - 1];
    while (day <= last && out.length <= MAX_PERIODS) {
      out.push(day);
      const next = new Date(`${periodEnd(day, by)}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      day = next.toISOString().slice(0, 10);
    }
  }
  const filled = out.length <= MAX_PERIODS && dated.every((p) => out.includes(p)) ? out : dated;
  return periods.includes("undated") ? [...filled, "undated"] : filled;
}

function buildChart(data, a, b) {
  const periods = continuous([...new Set(data.series.map((r) => r.period))], data.by);
  const index = new Map(periods.map((p, i) => [p, i]));
  const rows = [new Array(periods.length).fill(null), new Array(periods.length).fill(null)];
  for (const r of data.series) rows[direction(r, a, b)][index.get(r.period)] = r;

  const names = [`${a} → ${b}`, `${b} → ${a}`];
  const datasets = [];
  for (const dir of [0, 1]) {
    for (const q of [1, 2, 3, 4]) {
      datasets.push({
        type: "bar",
        label: QUADS[q].name,
        data: rows[dir].map((r) => (r ? (dir ? -1 : 1) * (r[`q${q}`] || 0) : 0)),
        backgroundColor: dir ? lighten(QUADS[q].color, 0.62) : QUADS[q].color,
        borderColor: QUADS[q].color,
        borderWidth: dir ? 1 : 0,
        stack: "dyad",
        maxBarThickness: 90,
        yAxisID: "y",
        order: 2,
        dir,
        quad: q,
      });
    }
  }
  for (const dir of [0, 1]) {
    datasets.push({
      type: "line",
      label: `mean Goldstein ${names[dir]}`,
      data: rows[dir].map((r) => (r && r.count ? r.goldstein_mean : null)),
      borderColor: dir ? "#6b7785" : "#1d2733",
      backgroundColor: "rgba(0, 0, 0, 0)",
      pointBackgroundColor: dir ? "#6b7785" : "#1d2733",
      borderDash: dir ? [6, 4] : [],
      borderWidth: 2,
      pointRadius: 4,
      pointHoverRadius: 6,
      spanGaps: true,
      yAxisID: "g",
      order: 0,
      dir,
      quad: null,
    });
  }
  const totals = [0, 1].map((dir) => Math.max(0, ...rows[dir].map((r) => (r ? r.q1 + r.q2 + r.q3 + r.q4 : 0))));
  const top = Math.max(1, ...totals);
  const bound = top <= 4 ? top + 1 : Math.ceil(top * 1.15);

  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    data: { labels: periods.map((p) => (data.by === "week" ? p : formatPeriod(p, data.by))), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "nearest", intersect: true },
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: {
          stacked: true,
          min: -bound,
          max: bound,
          title: { display: true, text: data.mentions ? "event mentions" : "events (clusters)" },
          ticks: { precision: 0, callback: (v) => Math.abs(v) },
        },
        g: {
          position: "right",
          min: -10,
          max: 10,
          title: { display: true, text: "mean Goldstein" },
          grid: { drawOnChartArea: false },
        },
      },
      plugins: {
        directionLabels: { up: `▲ ${names[0]}`, down: `▼ ${names[1]}` },
        legend: {
          labels: {
            sort: (x, y) => x.datasetIndex - y.datasetIndex,
            // one entry per quad class (both directions share it) and one per line
            filter: (item, chartData) => {
              const ds = chartData.datasets[item.datasetIndex];
              return ds.type === "line" || ds.dir === 0;
            },
          },
          onClick: (_ev, item, legendObj) => {
            const c = legendObj.chart;
            const ds = c.data.datasets[item.datasetIndex];
            const hidden = c.isDatasetVisible(item.datasetIndex);
            c.data.datasets.forEach((other, i) => {
              if (i === item.datasetIndex || (ds.quad && other.quad === ds.quad)) c.setDatasetVisibility(i, !hidden);
            });
            c.update();
          },
        },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? `${names[items[0].dataset.dir]}, ${items[0].label}` : ""),
            label: (item) => {
              const ds = item.dataset;
              const row = rows[ds.dir][item.dataIndex];
              if (ds.type === "line") return `mean Goldstein ${formatGoldstein(item.raw)} over ${row ? row.count : 0}`;
              return `${QUADS[ds.quad].name}: ${Math.abs(item.raw)}`;
            },
            footer: (items) => {
              const row = items.length ? rows[items[0].dataset.dir][items[0].dataIndex] : null;
              return row && row.top_codes ? `top codes: ${row.top_codes}` : "";
            },
          },
        },
      },
      onClick: (ev, _elements, c) => {
        const [hit] = c.getElementsAtEventForMode(ev, "nearest", { intersect: true }, true);
        if (!hit) return;
        const ds = c.data.datasets[hit.datasetIndex];
        const period = periods[hit.index];
        const pair = ds.dir ? [b, a] : [a, b];
        listEvents({ source: pair[0], target: pair[1], period, by: data.by, quad: ds.quad });
      },
      onHover: (ev, elements) => {
        ev.native.target.style.cursor = elements.length ? "pointer" : "default";
      },
    },
    plugins: [directionLabels],
  });
  return { periods, rows };
}

async function listEvents({ source, target, period, by, quad }, page = 1, append = false) {
  const params = { source, target, quad: quad || "", page, page_size: PAGE_SIZE };
  if (period !== "undated") {
    params.start = period;
    params.end = periodEnd(period, by);
  } else {
    params.undated = "true";
  }
  const what = `${source} → ${target}, ${formatPeriod(period, by)}${quad ? `, ${QUADS[quad].name.toLowerCase()}` : ""}`;
  if (!append) listing.replaceChildren(el("h2", {}, what), el("p", { class: "muted" }, "Loading…"));
  try {
    const data = await api("/api/events", { params });
    let events = data.events;
    const table = eventsTable(events);
    if (append) {
      listing.querySelector("table tbody").append(...table.querySelectorAll("tbody tr"));
      listing.querySelector(".more")?.remove();
    } else {
      const header = el("div", { class: "listing-head" }, el("h2", {}, what));
      if (quad) {
        const all = el("button", { type: "button", class: "secondary small" }, "all classes");
        all.addEventListener("click", () => listEvents({ source, target, period, by, quad: null }));
        header.append(all);
      }
      listing.replaceChildren(
        header,
        el("p", { class: "muted" }, period === "undated"
          ? `${plural(events.length, "undated event mention")} on this page of ${data.total}`
          : plural(data.total, "event mention")),
        table,
      );
    }
    if (data.page * data.page_size < data.total) {
      const more = el("button", { type: "button", class: "secondary more" }, "Show more");
      more.addEventListener("click", () => listEvents({ source, target, period, by, quad }, page + 1, true));
      listing.append(more);
    }
    if (!append) listing.scrollIntoView({ behavior: "smooth", block: "nearest" });
  } catch (err) {
    showError(err);
  }
}

async function load() {
  const a = form.elements.a.value.trim().toUpperCase();
  const b = form.elements.b.value.trim().toUpperCase();
  const by = form.elements.by.value;
  const mentions = form.elements.mentions.checked;
  if (!a || !b) {
    summary.textContent = "Choose two actors (codes or code prefixes, e.g. TUR and UKR).";
    return;
  }
  const q = new URLSearchParams({ a, b, by });
  if (mentions) q.set("mentions", "true");
  history.replaceState(null, "", `?${q}`);
  current = { a, b, by, mentions };
  summary.textContent = "Loading…";
  listing.replaceChildren();
  try {
    const data = await api("/api/dyad", { params: { a, b, by, mentions: mentions ? "true" : "false" } });
    hideError();
    const unit = data.unit || (mentions ? "mentions" : "events");
    const count = (dir) => data.series.filter((r) => direction(r, a, b) === dir).reduce((n, r) => n + r.count, 0);
    const periods = new Set(data.series.map((r) => r.period)).size;
    summary.textContent = data.series.length
      ? `${a} → ${b}: ${count(0)} ${unit}; ${b} → ${a}: ${count(1)} ${unit}; ${plural(periods, "period")}.`
      : `No events between ${a} and ${b}.`;
    buildChart({ ...data, by, mentions }, a, b);
    canvas.dataset.periods = String(periods);
  } catch (err) {
    summary.textContent = "";
    showError(err);
  }
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  load();
});
form.elements.by.addEventListener("change", () => current && load());
form.elements.mentions.addEventListener("change", () => current && load());
actorCompletion(form.elements.a);
actorCompletion(form.elements.b);

const initial = new URLSearchParams(location.search);
form.elements.a.value = initial.get("a") || "";
form.elements.b.value = initial.get("b") || "";
if (["day", "week", "month", "year"].includes(initial.get("by"))) form.elements.by.value = initial.get("by");
form.elements.mentions.checked = ["true", "1", "yes"].includes((initial.get("mentions") || "").toLowerCase());
if (!Chart) showError("The chart library did not load.");
else if (form.elements.a.value && form.elements.b.value) load();
else summary.textContent = "Choose two actors (codes or code prefixes, e.g. TUR and UKR).";
