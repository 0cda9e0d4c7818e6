"""Article text, title and date from an HTML page, with trafilatura (boilerplate left out)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None
    date: str | None  # ISO date when the page states one
    url: str | None


def extract_article(html: str, url: str | None = None) -> Article | None:
    """The main text of a page with its title and date, or None when the page holds no article text."""
    import trafilatura

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=False, favor_precision=True)
    if found is None:
        return None
    get = found.get if isinstance(found, dict) else lambda k: getattr(found, k, None)
    text = (get("text") or "").strip()
    if not text:
        return None
    date = get("date")
    return Article(text=text, title=get("title") or None, date=str(date)[:10] if date else None,
                   url=get("url") or url)
