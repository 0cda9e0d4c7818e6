"""End-to-end tests of the web interface in a real browser (Playwright with Debian's Chromium).

The app is served in-process by uvicorn over a store holding the bundled sample articles and one hostile
article (markup in its title and text). Every page must open without console errors and without asking
for anything outside 127.0.0.1. Screenshots of every page go to a temporary folder, or to the folder named
by DETENTE_SCREENSHOTS (`DETENTE_SCREENSHOTS=docs/screenshots python -m pytest tests/test_web_e2e.py`
regenerates the README screenshots).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "samples" / "articles.jsonl"
N_DOCS = sum(1 for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()) + 1  # and HOSTILE
HOSTILE = {
    "id": "hostile-01",
    "date": "2024-05-06",
    "title": '<b>Hostile</b> <img src=x onerror="window.__xss=3"> article',
    "source": "<i>test</i>",
    "url": "javascript:window.__xss=4",
    "text": 'Iran criticized Iraq on Monday. <script>window.__xss=1</script> Officials said Iran attacked Iraq '
            'near Basra. <img src=x onerror="window.__xss=2"> Iraq condemned Iran.',
}
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = pytest.mark.slow


def _require_browser() -> None:
    if sync_playwright is None:
        pytest.skip("Playwright for Python is not installed: pip install playwright")
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        pytest.skip("Chromium not installed: apt-get install chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str, **params) -> dict:
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    with urllib.request.urlopen(f"{base}{path}{query}", timeout=10) as r:
        return json.loads(r.read())


# ---- fixtures ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(coder, tmp_path_factory):
    _require_browser()
    import uvicorn

    from detente.ingest import ingest
    from detente.reader import read_inputs
    from detente.store import Store
    from detente.web.app import create_app

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "corpus.duckdb"
    with Store(db) as store:
        ingest(read_inputs([str(SAMPLES), str(hostile)]), store, coder)

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(str(db), coder=coder), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if _get(base, "/api/health")["status"] == "ok":
                break
        except OSError:
            pass
        if time.monotonic() > deadline or not thread.is_alive():
            srv.should_exit = True
            pytest.fail("the web server did not start")
        time.sleep(0.1)
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server):
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                     args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """Where screenshots go; `public` is False for those that do not belong in the documentation."""
    wanted = os.environ.get("DETENTE_SCREENSHOTS")
    private = tmp_path_factory.mktemp("screenshots")
    public = Path(wanted) if wanted else private
    public.mkdir(parents=True, exist_ok=True)

    def save(page, name: str, full_page: bool = False, documented: bool = True) -> Path:
        path = (public if documented else private) / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


class Watched:
    """A page with its console errors, page errors and blocked outside requests."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        host = urllib.parse.urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.base + path, wait_until="networkidle")
        return self.page

    def check(self) -> None:
        assert not self.outside, f"requests outside the machine: {self.outside}"
        assert not self.errors, "\n".join(self.errors)


@pytest.fixture
def web(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
    watched = Watched(context.new_page(), server)
    yield watched
    try:
        watched.check()
    finally:
        context.close()


def _doc_key(base: str, q: str) -> str:
    docs = _get(base, "/api/documents", q=q)["documents"]
    assert docs, f"no document matches {q!r}"
    return docs[0]["doc_key"]


def _painted(page, selector: str) -> int:
    """Non-blank pixels over the canvases under `selector`."""
    return page.evaluate("""(selector) => {
        let n = 0;
        for (const c of document.querySelectorAll(selector)) {
            if (!c.width || !c.height) continue;
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
        }
        return n;
    }""", selector)


# ---- tests -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/documents", "/dyad", "/network", "/flags", "/code"])
def test_pages_open_without_errors(web, path):
    page = web.open(path)
    expect(page.locator("nav a")).to_have_count(5)
    expect(page.locator("#health")).to_contain_text("documents")
    expect(page.locator("#error")).to_be_hidden()


def test_documents_search_finds_a_sample(web, shots):
    page = web.open("/documents")
    expect(page.locator(".doc-item")).to_have_count(N_DOCS)
    shots(page, "documents", full_page=True)
    page.fill("#q", "Lavrov")
    page.click("#search button[type=submit]")
    expect(page.locator(".doc-title", has_text="Lavrov faults Ankara")).to_have_count(1)
    expect(page.locator(".doc-item")).not_to_have_count(N_DOCS)
    page.fill("#q", "")
    page.fill("#actor", "GEO")
    page.click("#search button[type=submit]")
    georgia = page.locator(".doc-title", has_text="Georgian police")
    expect(georgia).to_have_count(1)
    assert "actor=GEO" in page.url
    georgia.click()
    page.wait_for_url("**/article/*")
    expect(page.locator(".event-card").first).to_be_visible()


def test_article_marks_actors_triggers_quotes_and_places(web, shots, server):
    key = _doc_key(server, "Lavrov faults Ankara")
    page = web.open(f"/article/{key}")
    expect(page.locator("#doc-title")).to_have_text("Lavrov faults Ankara over drones, says Moscow open to settlement")
    cards = page.locator(".event-card")
    expect(cards.first).to_be_visible()
    counts = {cls: page.locator(f"#doc-text .{cls}").count()
              for cls in ("m-actor", "m-trigger", "m-quote", "m-speaker", "m-place")}
    assert counts["m-actor"] >= 10 and counts["m-trigger"] >= 10, counts
    assert counts["m-quote"] >= 3 and counts["m-speaker"] >= 1 and counts["m-place"] >= 3, counts
    assert page.locator("#doc-text .m-actor[title*='RUSGOV']").count() >= 1
    assert page.locator("#doc-text .m-place[title*='Istanbul']").count() >= 1

    card = cards.nth(2)
    index = card.get_attribute("data-event")
    card.hover()
    lit = page.locator("#doc-text .hl-trigger")
    expect(lit.first).to_be_visible()
    assert all(index in t.split() for t in lit.evaluate_all("els => els.map(e => e.dataset.trigger)"))
    assert page.locator("#doc-text .hl-source, #doc-text .hl-target").count() >= 1
    shots(page, "article")

    page.mouse.move(5, 5)
    expect(page.locator("#doc-text .hl-trigger")).to_have_count(0)
    page.locator(f"#doc-text [data-trigger~='{cards.first.get_attribute('data-event')}']").first.hover()
    expect(cards.first).to_have_class(re.compile(r"\bhl\b"))


def test_event_card_lists_the_other_reports_of_its_cluster(web, server):
    key = _doc_key(server, "Lavrov faults Ankara")
    page = web.open(f"/article/{key}")
    # the second sample wire reports the criticism too: one cluster, two documents
    button = page.locator(".event-card button.tag.cluster").first
    expect(button).to_contain_text("2 mentions in 2 documents")
    button.click()
    items = button.locator("xpath=ancestor::article").locator(".cluster-list li")
    expect(items).to_have_count(2)
    expect(items.locator("a", has_text="sample-09-ankara-wire")).to_have_count(1)
    expect(items.locator("xpath=self::li[contains(@class, 'this')]")).to_have_count(1)


def test_hostile_article_renders_markup_as_text(web, shots, server):
    key = _doc_key(server, "window.__xss=1")
    page = web.open(f"/article/{key}")
    expect(page.locator(".event-card").first).to_be_visible()
    text = page.locator("#doc-text").inner_text()
    assert "<script>window.__xss=1</script>" in text
    assert '<img src=x onerror="window.__xss=2">' in text
    expect(page.locator("#doc-title")).to_have_text(HOSTILE["title"])
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#doc-text img, #doc-text script, img[src='x'], #doc-header img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#doc-text .m-trigger").count() >= 2
    shots(page, "article-hostile", documented=False)

    page = web.open("/documents")
    expect(page.locator(".doc-title", has_text="<b>Hostile</b>")).to_have_count(1)
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"


def _click_bar(page, quad: int | None = None) -> dict:
    """Clicks the first non-empty bar of the dyad chart (of a quad class, if given)."""
    bar = page.evaluate("""(quad) => {
        const chart = Chart.getChart(document.getElementById('dyad-chart'));
        for (let i = 0; i < chart.data.datasets.length; i++) {
            const ds = chart.data.datasets[i];
            if (ds.type !== 'bar' || (quad && ds.quad !== quad)) continue;
            const k = ds.data.findIndex(v => v !== 0);
            if (k >= 0) {
                const el = chart.getDatasetMeta(i).data[k];
                return {x: el.x, y: (el.y + el.base) / 2, quad: ds.quad, label: chart.data.labels[k]};
            }
        }
        return null;
    }""", quad)
    assert bar is not None, "no bar drawn"
    box = page.locator("#dyad-chart").bounding_box()
    page.mouse.click(box["x"] + bar["x"], box["y"] + bar["y"])
    return bar


def test_dyad_explorer_draws_and_lists_events(web, shots):
    page = web.open("/dyad?a=TUR&b=UKR&by=month")
    expect(page.locator("#summary")).to_contain_text("TUR → UKR:")
    expect(page.locator("#dyad-chart[data-periods]")).to_have_count(1)
    assert _painted(page, "#dyad-chart") > 2000
    shots(page, "dyad-tur-ukr", documented=False)
    bar = _click_bar(page)
    rows = page.locator("#period-events table tbody tr")
    expect(rows.first).to_be_visible()
    expect(page.locator("#period-events h2")).to_contain_text(f"TUR → UKR, {bar['label']}")
    assert all(r.split("\t")[1].startswith("TUR") for r in rows.all_inner_texts())
    assert rows.first.locator("a").get_attribute("href").startswith("/article/")

    page.select_option("#by", "year")
    expect(page).to_have_url(re.compile(r"by=year"))
    expect(page.locator("#summary")).to_contain_text("TUR → UKR")

    # both directions, for the documentation
    page = web.open("/dyad?a=RUS&b=UKR&by=month")
    expect(page.locator("#summary")).to_contain_text("UKR → RUS")
    _click_bar(page, quad=4)
    expect(page.locator("#period-events table tbody tr").first).to_be_visible()
    shots(page, "dyad", full_page=True)


def test_network_draws_nodes_and_edges(web, shots):
    page = web.open("/network")
    graph = page.locator("#network[data-nodes]")
    expect(graph).to_have_count(1)
    assert int(graph.get_attribute("data-nodes")) >= 10
    assert int(graph.get_attribute("data-edges")) >= 10
    expect(page.locator("#summary")).to_contain_text("links")
    assert _painted(page, "#network canvas") > 2000
    expect(page.locator("#network-legend")).to_contain_text("mean Goldstein")
    shots(page, "network")
    link = page.locator("#selection tbody tr", has=page.locator("button.linklike", has_text="TUR → UKR"))
    count = int(link.locator("td").nth(1).inner_text())
    link.locator("button").click()
    rows = page.locator("#selection table tbody tr")
    expect(rows).to_have_count(count)
    assert all("TUR" in r and "UKR" in r for r in rows.all_inner_texts())


def test_flags_show_the_turkiye_dual_track(web, shots):
    page = web.open("/flags")
    flag = page.locator(".flag-card[data-kind='dual-track'][data-actor='TUR']")
    expect(flag).to_have_count(1)
    expect(flag.locator(".flag-summary")).to_contain_text("TUR aids UKR")
    assert flag.locator("tbody tr").count() >= 3
    assert flag.locator("a[href^='/article/']").count() >= 3
    shots(page, "flags", full_page=True)
    page.fill("#min_events", "5")  # the samples aid UKR once: no flag needs five events a side
    page.click("form button[type='submit']")
    expect(page.locator(".flag-card")).to_have_count(0)
    assert "min_events=5" in page.url


def test_code_page_codes_a_pasted_text(web, shots):
    page = web.open("/code")
    expect(page.locator("#result")).to_be_hidden()
    page.click("#example")
    page.click("#code-button")
    cards = page.locator(".event-card")
    expect(cards.first).to_be_visible(timeout=60_000)
    assert cards.count() >= 3
    for cls in ("m-trigger", "m-actor", "m-quote", "m-speaker", "m-place"):
        assert page.locator(f"#doc-text .{cls}").count() >= 1, cls
    cards.first.hover()
    expect(page.locator("#doc-text .hl-trigger").first).to_be_visible()
    shots(page, "code")

    page.fill("#text", "Iran criticized Iraq on Monday. <img src=x onerror=\"window.__xss=5\"> <script>window.__xss=6"
                       "</script> Iraq condemned Iran.")
    page.fill("#date", "2024-09-06")
    page.click("#code-button")
    expect(page.locator("#summary")).to_contain_text("2 events")
    assert "<img src=x" in page.locator("#doc-text").inner_text()
    assert page.locator("img[src='x'], #doc-text script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"

    page.fill("#text", "   ")
    page.click("#code-button")
    expect(page.locator("#error")).to_be_visible()
