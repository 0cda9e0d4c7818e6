"""Watching RSS and Atom feeds: poll, fetch new articles, ingest them incrementally.

A feed that is down, slow or malformed is logged and skipped until the next poll; a page that cannot be
fetched is stored in the `errors` table with its reason. Fetches have a timeout and are retried with
exponential backoff. Articles already stored (by URL or by text) are not fetched or coded again.
"""
from __future__ import annotations

import email.utils
import math
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator
from urllib.parse import urljoin, urlparse

from .errors import BadFeed, BadValue, FetchError
from .html_text import extract_article
from .records import Document, Skipped

if TYPE_CHECKING:
    import threading

    from .coder import Coder, CoderOptions
    from .engine import Engine
    from .store import StoreWriter

USER_AGENT = "detente-watch/0.1 (+offline event coder)"
ATOM = "{http://www.w3.org/2005/Atom}"
__all__ = ["BadFeed", "FeedItem", "FetchError", "article_text", "fetch", "parse_feed", "parse_interval", "poll"]


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None
    date: str | None


def fetch(url: str, timeout: float = 10.0, retries: int = 3, backoff: float = 1.0) -> bytes:
    """GET a URL with a timeout, retrying with exponential backoff; raises FetchError with the reason."""
    last = ""
    for attempt in range(max(retries, 1)):
        try:
            req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as err:
            last = f"HTTP {err.code}"
            if 400 <= err.code < 500 and err.code != 429:
                break  # a missing page does not come back by asking again
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            last = str(getattr(err, "reason", err)) or type(err).__name__
        if attempt + 1 < retries:
            time.sleep(backoff * (2 ** attempt))
    raise FetchError(f"{url}: {last}")


def _iso_date(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()  # RSS: RFC 822 dates
    except (TypeError, ValueError):
        return text[:10] if len(text) >= 10 and text[4] == "-" else None  # Atom: ISO 8601


def parse_feed(data: bytes, base_url: str) -> list[FeedItem]:
    """Items of an RSS 2.0 or Atom feed; raises BadFeed on a document that is neither."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise BadFeed(f"malformed feed XML: {err}") from None
    items: list[FeedItem] = []
    for item in root.iter("item"):  # RSS
        link = (item.findtext("link") or "").strip()
        if link:
            items.append(FeedItem(urljoin(base_url, link), item.findtext("title"), _iso_date(item.findtext("pubDate"))))
    for entry in root.iter(f"{ATOM}entry"):  # Atom
        link_el = next((e for e in entry.findall(f"{ATOM}link") if e.get("rel", "alternate") == "alternate"), None)
        if link_el is not None and link_el.get("href"):
            date = entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated")
            items.append(FeedItem(urljoin(base_url, link_el.get("href")), entry.findtext(f"{ATOM}title"),
                                  _iso_date(date)))
    if not items and root.tag not in ("rss", f"{ATOM}feed") and root.find("channel") is None:
        raise BadFeed(f"not an RSS or Atom feed (root element <{root.tag}>)")
    return items


def article_text(html: bytes, url: str | None = None) -> tuple[str | None, str, str | None]:
    """Title, article text and date of a fetched page (empty text when the page holds no article)."""
    article = extract_article(html.decode("utf-8", errors="replace"), url)
    if article is None:
        return None, "", None
    return article.title, article.text, article.date


def poll(feeds: list[str], store: "StoreWriter", coder: "Engine | Coder | CoderOptions | None" = None,
         timeout: float = 10.0, retries: int = 3, backoff: float = 1.0, log: Callable[[str], None] = lambda s: None,
         stop: "threading.Event | None" = None) -> dict[str, int]:
    """One pass over the feeds: fetch new articles and ingest them with `coder` (an Engine or a Coder,
    built once for every poll; CoderOptions make one for this poll). Returns counts. When `stop` is set the
    pass ends early: what was coded is stored, and what was not is fetched again at the next poll (its URL
    is not stored)."""
    from .ingest import ingest

    # pages that failed for good (HTTP 4xx) are not asked for again; timeouts and 5xx are retried next poll
    seen = store.known_urls() | store.failed_urls()
    docs: list[Document | Skipped] = []
    counts = {"feeds": 0, "feeds_failed": 0, "new": 0, "failed": 0}
    for feed in feeds:
        if stop is not None and stop.is_set():
            break
        try:
            items = parse_feed(fetch(feed, timeout, retries, backoff), feed)
        except (FetchError, BadFeed) as err:
            counts["feeds_failed"] += 1
            log(f"feed skipped until the next poll: {feed}: {err}")
            continue
        counts["feeds"] += 1
        for item in items:
            if stop is not None and stop.is_set():
                break
            if item.link in seen:
                continue
            seen.add(item.link)
            try:
                title, text, page_date = article_text(fetch(item.link, timeout, retries, backoff), item.link)
            except FetchError as err:
                counts["failed"] += 1
                docs.append(Skipped(item.link, feed, f"cannot fetch the article: {err}"))
                continue
            counts["new"] += 1
            docs.append(Document(id=item.link, text=text, date=item.date or page_date, title=item.title or title,
                                 url=item.link,
                                 source=urlparse(feed).netloc, origin=feed))
    if docs:
        report = ingest(_until(docs, stop), store, coder, command="detente watch")
        log(f"ingested {report.stored} new article(s), {report.events} event(s), {report.errors} error(s)")
    return counts


def _until(docs: Iterable[Document | Skipped], stop: "threading.Event | None") -> Iterator[Document | Skipped]:
    for d in docs:
        if stop is not None and stop.is_set():
            return
        yield d


def parse_interval(text: str) -> float:
    """"15m", "30s", "2h" or seconds as a number; BadValue for anything else (or less than 0)."""
    value = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    scale = units.get(value[-1:])
    try:
        seconds = float(value[:-1] if scale else value) * (scale or 1)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise BadValue(f"{text!r} is not a poll interval: give seconds as a number (0 or more), or a number "
                       "with a unit: 30s, 15m, 2h", setting="interval")
    return seconds
