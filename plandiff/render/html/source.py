"""Source-article pages: the article's text with every quoted passage highlighted.

A quote is found the way `plandiff check` finds it (Unicode NFC, curly
quote marks made straight, runs of whitespace collapsed), then mapped back
onto the article's own text, so the highlight covers exactly the words the
plans cite. Each passage has a stable anchor, `id="q-<hash>"` (the first 12
hex digits of the SHA-1 of the normalised quote), which the comparison and
provision pages link to; each links back to the provisions that cite it.

Articles are read only through `source_file_problem`, the loader's own guard,
so a source path can never lead outside the plans' `sources/` directory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from plandiff.load.evidence import QUOTE_MARKS, normalise, source_file_problem
from plandiff.load.reading import MAX_ARTICLE_BYTES, ReadError, read_capped
from plandiff.model import Plan
from plandiff.render.html.page import Links, add, document, el
from plandiff.render.html.parts import file_label, label_of

_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def quote_anchor(quote: str) -> str | None:
    norm = normalise(quote)
    if not norm:
        return None
    return "q-" + hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """`normalise(text)` for NFC text, and for each of its characters the index it came from."""
    out: list[str] = []
    where: list[int] = []
    gap: int | None = None
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and gap is None:
                gap = i
            continue
        if gap is not None:
            out.append(" ")
            where.append(gap)
            gap = None
        out.append(ch.translate(QUOTE_MARKS))
        where.append(i)
    return "".join(out), where


@dataclass
class Citation:
    plan: Plan
    key: str
    source_id: str
    claim: int | None = None  # 1-based claim number of a disputed provision


@dataclass
class Passage:
    anchor: str
    quote: str  # as first written in a plan
    start: int | None = None  # span in the article's display text; None when not found
    end: int | None = None
    number: int = 0
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Article:
    real: str
    file: str
    page: str
    text: str  # NFC, control characters as read (cleaned when rendered)
    norm: str
    where: list[int]
    cited_as: list[tuple[Plan, str]] = field(default_factory=list)
    passages: dict[str, Passage] = field(default_factory=dict)

    def passage(self, quote: str) -> Passage | None:
        anchor = quote_anchor(quote)
        if anchor is None:
            return None
        found = self.passages.get(anchor)
        if found is None:
            found = Passage(anchor, quote)
            q = normalise(quote)
            at = self.norm.find(q)
            if at >= 0:
                found.start = self.where[at]
                found.end = self.where[at + len(q) - 1] + 1
            self.passages[anchor] = found
        return found


def read_article(real: str) -> str:
    """The article's text, NFC-normalised; capped and never blocking (load.reading).

    Bytes that are not UTF-8 are shown as U+FFFD, visibly, on the page;
    `plandiff check` reports the article as a located error.
    """
    raw = read_capped(real, MAX_ARTICLE_BYTES, "a cited article")
    return unicodedata.normalize("NFC", raw.decode("utf-8", errors="replace"))


class Articles:
    """Every local article the plans cite, with the passages they quote."""

    def __init__(self, plans: list[Plan], page_for):
        self.by_real: dict[str, Article] = {}
        self._source: dict[tuple[str, str], Article] = {}  # (plan id, source id) → article
        for plan in plans:
            base = Path(plan.path).parent if plan.path else Path("plans")
            for s in plan.sources:
                if not s.file:
                    continue
                real, why = source_file_problem(base, s.file)
                if why or real is None:
                    continue
                art = self.by_real.get(real)
                if art is None:
                    try:
                        text = read_article(real)
                    except ReadError:  # `plandiff check` reports it, located; the site leaves the page out
                        continue
                    norm, where = _normalise_with_map(text)
                    art = Article(real, s.file, page_for(Path(real).stem, real), text, norm, where)
                    self.by_real[real] = art
                art.cited_as.append((plan, s.id))
                self._source[(plan.id, s.id)] = art
        for plan in plans:
            for key, prov in plan.provisions.items():
                groups = [(None, prov.evidence)] + [(n, c.evidence) for n, c in enumerate(prov.claims, 1)]
                for claim, evidence in groups:
                    for ev in evidence:
                        art = self._source.get((plan.id, ev.source))
                        if art is None or ev.quote is None:
                            continue
                        passage = art.passage(ev.quote)
                        if passage is not None:
                            passage.citations.append(Citation(plan, key, ev.source, claim))
        for art in self.by_real.values():
            spans = [(p.start, p.end, p) for p in art.passages.values() if p.start is not None and p.end is not None]
            found = [p for _, _, p in sorted(spans, key=lambda t: (t[0], -t[1]))]
            for n, p in enumerate(found, 1):
                p.number = n

    def article(self, plan: Plan, source_id: str) -> Article | None:
        return self._source.get((plan.id, source_id))

    def __iter__(self):
        return iter(sorted(self.by_real.values(), key=lambda a: a.page))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _PARA.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _citation_link(c: Citation, links: Links, tax) -> etree._Element:
    text = f"{label_of(tax, c.key)} in {c.plan.id}" + (f" (report {c.claim})" if c.claim else "")
    href = links.provision(c.key, c.plan.id)
    return el("a", text, href=href) if href else el("span", text)


def render_article(art: Article, links: Links, taxonomy) -> etree._Element:
    found = sorted((p for p in art.passages.values() if p.start is not None), key=lambda p: p.number)
    missing = [p for p in art.passages.values() if p.start is None]
    cited = []
    for plan, sid in art.cited_as:
        href = links.version(plan.id)
        cited.append(el("li", el("a", plan.id, href=href) if href else plan.id, f" cites it as {sid}"))
    aside = el("aside", el("h2", "Quoted passages", id="passages"), aria_labelledby="passages")
    if found:
        items = []
        for p in found:
            items.append(
                el(
                    "li",
                    el("blockquote", art.text[p.start : p.end]),
                    el(
                        "p",
                        "Cited for: ",
                        *_joined([_citation_link(c, links, taxonomy) for c in p.citations]),
                        " · ",
                        el("a", "↑ in the text", href=f"#{p.anchor}"),
                    ),
                    id=f"cite-{p.number}",
                )
            )
        aside.append(el("ol", *items, class_="passages"))
    else:
        aside.append(el("p", "No plan quotes this article.", class_="muted"))
    if missing:
        aside.append(el("h3", "Quoted but not found in this text"))
        aside.append(
            el(
                "ul",
                *[
                    el(
                        "li",
                        el("q", p.quote),
                        " — ",
                        *_joined([_citation_link(c, links, taxonomy) for c in p.citations]),
                    )
                    for p in missing
                ],
            )
        )
    n = len(found)
    body: list = [
        el("h1", "Source article ", el("code", file_label(art.file))),
        el(
            "p",
            f"{n} passage{'s' * (n != 1)} quoted by the plans, highlighted and numbered; each "
            "number leads to the provisions that cite it.",
            class_="sub",
        ),
        el("p", "Cited by:"),
        el("ul", *cited),
        el(
            "div",
            el("section", el("h2", "The article", id="text"), _article_text(art, found), aria_labelledby="text"),
            aside,
            class_="article-layout",
        ),
    ]
    return document(
        f"Source article {file_label(art.file)} — plandiff",
        body,
        links=links,
        description="A source article with the passages the plan files quote",
    )


def _joined(items: list) -> list:
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(", ")
        out.append(item)
    return out


def _article_text(art: Article, passages: list[Passage]) -> etree._Element:
    text = art.text
    bounds = {0, len(text)}
    spans = [(p, p.start, p.end) for p in passages if p.start is not None and p.end is not None]
    for _, start, end in spans:
        bounds.update((start, end))
    out = el("div", class_="article")
    for a, b in _paragraphs(text):
        para = el("p")
        cuts = sorted(x for x in bounds if a < x < b)
        edges = [a, *cuts, b]
        for s, e in zip(edges, edges[1:]):
            if s >= e:
                continue
            chunk = " ".join(text[s:e].split("\n"))
            covering = [p for p, start, end in spans if start <= s and e <= end]
            if not covering:
                add(para, chunk)
                continue
            starting = [p for p in covering if p.start == s]
            mark = el("mark", chunk, title="Quoted by a plan: passage " + ", ".join(str(p.number) for p in covering))
            for p in starting[1:]:
                para.append(el("span", id=p.anchor))
            if starting:
                mark.set("id", starting[0].anchor)
            para.append(mark)
            for p in covering:
                if p.end == e:
                    para.append(
                        el(
                            "sup",
                            el(
                                "a",
                                str(p.number),
                                href=f"#cite-{p.number}",
                                aria_label=f"passage {p.number}: who cites it",
                            ),
                            class_="fn",
                        )
                    )
        out.append(para)
    return out
