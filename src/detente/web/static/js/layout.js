// The top bar of every page, written once: the brand, the main navigation and the place for the store's
// counts (filled by common.js). Each page loads this as a classic script, the first thing in <body>:
//   <script src="/static/js/layout.js" data-current="/dyad"></script>
// It runs before the rest of the page is parsed and replaces itself with the bar, so the bar is there from
// the first paint and the page modules find #health. data-current names the nav link marked as the current
// page (none when absent, as on the article page).
"use strict";

(() => {
  const NAV = [
    ["/documents", "Documents"],
    ["/dyad", "Dyad explorer"],
    ["/network", "Network"],
    ["/flags", "Flags"],
    ["/code", "Code a text"],
  ];
  const script = document.currentScript;
  const current = script.dataset.current;

  function link(href, text) {
    const a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = text;
    return a;
  }

  const header = document.createElement("header");
  header.className = "topbar";
  const brand = link("/", "detente");
  brand.className = "brand";
  const nav = document.createElement("nav");
  nav.setAttribute("aria-label", "Main");
  for (const [href, text] of NAV) {
    const a = link(href, text);
    if (href === current) a.setAttribute("aria-current", "page");
    nav.append(a);
  }
  if (current && !NAV.some(([href]) => href === current)) console.warn(`layout.js: no nav link ${current}`);
  const health = document.createElement("span");
  health.id = "health";
  health.className = "health";
  header.append(brand, nav, health);
  script.replaceWith(header);
})();
