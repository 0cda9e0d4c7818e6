"""The top bar (brand, main navigation, store counts) is written once, in static/js/layout.js, and every page
shows it as before: the same links in the same order, its own link marked current (none on the article
page), the same titles. The browser tests reuse the server and browser of test_web_e2e.py."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_web_e2e import _doc_key, browser, server, web  # noqa: F401 - browser, server and web are fixtures

STATIC = Path(__file__).resolve().parents[1] / "src" / "detente" / "web" / "static"
NAV = [["/documents", "Documents"], ["/dyad", "Dyad explorer"], ["/network", "Network"], ["/flags", "Flags"],
       ["/code", "Code a text"]]
# page file, its nav link marked current, its title
PAGE_FILES = {
    "documents.html": ("/documents", "Documents · detente"),
    "article.html": (None, "Article · detente"),
    "dyad.html": ("/dyad", "Dyad explorer · detente"),
    "network.html": ("/network", "Network · detente"),
    "flags.html": ("/flags", "Flags · detente"),
    "code.html": ("/code", "Code a text · detente"),
}
LAVROV = "Lavrov faults Ankara over drones, says Moscow open to settlement"
# route ("article" for an article of the samples), the nav link marked current, the title once loaded
ROUTES = [
    ("/", "/documents", "Documents · detente"),
    ("/documents", "/documents", "Documents · detente"),
    ("article", None, f"{LAVROV} · detente"),
    ("/dyad", "/dyad", "Dyad explorer · detente"),
    ("/network", "/network", "Network · detente"),
    ("/flags", "/flags", "Flags · detente"),
    ("/code", "/code", "Code a text · detente"),
]
TOP_BAR = """() => {
    const bars = [...document.querySelectorAll("header.topbar")];
    const bar = bars[0];
    const brand = bar && bar.querySelector(":scope > a.brand");
    return {
        bars: bars.length,
        first: document.body.firstElementChild === bar,
        children: bar ? [...bar.children].map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")) : [],
        brand: brand ? [brand.getAttribute("href"), brand.textContent] : null,
        links: [...document.querySelectorAll("nav[aria-label='Main'] a")].map((a) => [a.getAttribute("href"), a.textContent]),
        current: [...document.querySelectorAll("[aria-current]")].map((a) => [a.getAttribute("href"), a.getAttribute("aria-current")]),
        layout_scripts: document.querySelectorAll("script[src$='/layout.js']").length,
    };
}"""


def test_pages_have_no_top_bar_of_their_own():
    assert sorted(p.name for p in STATIC.glob("*.html")) == sorted(PAGE_FILES)
    for name, (current, title) in PAGE_FILES.items():
        html = (STATIC / name).read_text(encoding="utf-8")
        assert "topbar" not in html and "<nav" not in html.replace('<nav id="pager"', ""), name
        for href, _ in NAV:
            assert f'href="{href}"' not in html, (name, href)
        assert re.findall(r"<title>(.*)</title>", html) == [title], name
        body = html.split("<body>", 1)[1].lstrip()
        attr = f' data-current="{current}"' if current else ""
        assert body.startswith(f'<script src="/static/js/layout.js"{attr}></script>\n'), name
        assert html.count("layout.js") == 1, name


@pytest.mark.slow
@pytest.mark.parametrize("route, current, title", ROUTES, ids=[r[0] for r in ROUTES])
def test_every_page_shows_the_one_top_bar(web, server, route, current, title):  # noqa: F811 - fixtures
    from playwright.sync_api import expect

    path = f"/article/{_doc_key(server, LAVROV)}" if route == "article" else route
    page = web.open(path)
    expect(page).to_have_title(title)
    expect(page.locator("#health")).to_contain_text("documents")
    bar = page.evaluate(TOP_BAR)
    assert bar == {
        "bars": 1, "first": True, "children": ["a.brand", "nav", "span.health"], "brand": ["/", "detente"],
        "links": NAV, "current": [[current, "page"]] if current else [], "layout_scripts": 0,
    }


@pytest.mark.slow
def test_nav_links_lead_to_their_pages(web):  # noqa: F811 - fixture
    from playwright.sync_api import expect

    page = web.open("/")
    for href, text in [*NAV[1:], NAV[0]]:
        page.locator("nav[aria-label='Main'] a", has_text=text).click()
        page.wait_for_url(f"**{href}")
        expect(page.locator("[aria-current='page']")).to_have_count(1)
        expect(page.locator("nav[aria-label='Main'] a[aria-current='page']")).to_have_text(text)
    page.locator("a.brand").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("nav[aria-label='Main'] a[aria-current='page']")).to_have_attribute("href", "/documents")
