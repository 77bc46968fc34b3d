"""The article's date: what time words ("last month", "in November") are read against.

In order: a date given by the caller (`--date`, or a JSON Lines record's
`date`), the page's metadata (`article:published_time`, `datePublished`,
`<time datetime>`), a dateline at the top ("KYIV, Nov 23 (Reuters) -",
"23 November 2025 —"), and otherwise the latest full date the article
mentions. A date without a year is never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}

_MON = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_FULL = [
    re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b"),
    re.compile(rf"\b(\d{{1,2}}) {_MON},? (20\d\d)\b", re.I),
    re.compile(rf"\b{_MON} (\d{{1,2}})(?:st|nd|rd|th)?,? (20\d\d)\b", re.I),
]
_META = re.compile(
    r"""(?:article:published_time|datePublished|pubdate|publish-date|dc\.date|date)["']?\s*(?:content|:)\s*=?\s*["']?(20\d\d-\d\d-\d\d)""",
    re.I,
)
_TIME_TAG = re.compile(r"""<time[^>]*datetime=["'](20\d\d-\d\d-\d\d)""", re.I)


def parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


_YEAR = re.compile(r"20\d\d")


def _dates(text: str):
    # only around a year: most of an article holds none, and one C-speed scan finds them
    for y in _YEAR.finditer(text):
        lo = max(0, y.start() - 24)
        yield from _dates_in(text[lo : y.end() + 6], lo)


def _dates_in(text: str, offset: int):
    for rx in _FULL:
        for m in rx.finditer(text):
            g = m.groups()
            try:
                if rx is _FULL[0]:
                    yield offset + m.start(), dt.date(int(g[0]), int(g[1]), int(g[2]))
                elif rx is _FULL[1]:
                    yield offset + m.start(), dt.date(int(g[2]), MONTHS[g[1].lower().rstrip(".")], int(g[0]))
                else:
                    yield offset + m.start(), dt.date(int(g[2]), MONTHS[g[0].lower().rstrip(".")], int(g[1]))
            except (ValueError, KeyError):
                continue


def html_date(html: str | bytes) -> dt.date | None:
    """The publication date in a page's metadata, if any (only the head of the page is read)."""
    head = html[:20000]
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    m = _META.search(head) or _TIME_TAG.search(head)
    return parse_iso(m.group(1)) if m else None


def article_date(text: str, given: dt.date | None = None) -> dt.date | None:
    """The reference date of an article (see the module docstring)."""
    if given is not None:
        return given
    top = text[:300]
    found = sorted(_dates(top))
    if found:
        return found[0][1]
    best = None
    for _, d in _dates(text if len(text) < 2_000_000 else text[:2_000_000]):
        if best is None or d > best:
            best = d
    return best
