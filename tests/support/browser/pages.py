"""Shared by the HTML tests: hostile plans, the tags and attributes pages may contain, link checks.

`hostile_pair(texts, ...)` builds two `Plan`s (in memory, or laid out on disk
with a cited article) whose every free-text field — titles, summaries, values,
notes, quotes, source names, drafters, even provision keys — comes from
`texts`, so a test can render them and look for anything that escaped.
"""

from __future__ import annotations

import itertools
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from hypothesis import strategies as st

from plandiff.model import Claim, Evidence, Plan, Provision, Source

# What the pages are made of; anything else in a page means input became markup.
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "script",
    "body",
    "a",
    "nav",
    "main",
    "footer",
    "h1",
    "h2",
    "h3",
    "p",
    "div",
    "section",
    "aside",
    "span",
    "strong",
    "code",
    "bdi",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "details",
    "summary",
    "fieldset",
    "legend",
    "label",
    "input",
    "output",
    "del",
    "ins",
    "q",
    "blockquote",
    "mark",
    "sup",
    "dl",
    "dt",
    "dd",
    "br",
    "figure",
    "figcaption",
    "svg",
    "defs",
    "pattern",
    "rect",
    "line",
    "path",
    "marker",
    "g",
    "text",
    "tspan",
    "desc",
}
ALLOWED_ATTRS = {
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "id",
    "class",
    "href",
    "rel",
    "title",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-hidden",
    "aria-live",
    "hidden",
    "type",
    "value",
    "checked",
    "for",
    "placeholder",
    "autocomplete",
    "scope",
    "colspan",
    "data-kind",
    "data-side",
    "data-filter-row",
    "data-filter-group",
    # SVG (lxml's HTML parser lower-cases names)
    "viewbox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "d",
    "rx",
    "dy",
    "fill",
    "stroke",
    "text-anchor",
    "marker-end",
    "patternunits",
    "patterntransform",
    "refx",
    "refy",
    "markerwidth",
    "markerheight",
    "orient",
}

PAYLOADS = [
    "<img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=1</script>",
    "</script><script>window.__pwned=1</script>",
    "</style><script>window.__pwned=1</script>",
    '"><svg onload=window.__pwned=1>',
    "'><iframe srcdoc='<script>parent.__pwned=1</script>'>",
    "javascript:window.__pwned=1",
    '<a href="javascript:window.__pwned=1">x</a>',
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&lt;b&gt;&amp;",
    "&#60;script&#62;",
    "\u202e\u200fright-to-left\u200e\u202c",
    "\u2066isolate\u2069",
    "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f",
    "\ud800lone\udfff",
    "\ufeff\ufffe\uffff",
    "\r\n\t  ",
    "{{constructor.constructor('window.__pwned=1')()}}",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
    "<base href='http://evil.invalid/'>",
    "<meta http-equiv=refresh content='0;url=http://evil.invalid/'>",
    "<link rel=stylesheet href=http://evil.invalid/x.css>",
    "<form action=http://evil.invalid/><button>",
]

_CHARS = st.characters(exclude_categories=())  # everything: controls, surrogates, format marks, unassigned
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(_CHARS, min_size=1, max_size=30),
    st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(_CHARS, min_size=1, max_size=8)), min_size=2, max_size=4).map(
        "".join
    ),
)


def hostile_pair(
    texts: list[str], *, base: Path | None = None, article: str | None = None, url: str = "https://example.org/report"
) -> tuple[Plan, Plan]:
    """(old, new) plans whose free text is drawn from `texts` (cycled); on disk under `base` when given.

    With `base`, both plans cite `sources/art.txt` (holding `article`) and
    quote texts[0] from it, so the source page has a passage to highlight.
    """
    it = itertools.cycle(texts)

    def t() -> str:
        return next(it)

    def plan(pid: str, date: str, revises: str | None) -> Plan:
        quote = texts[0]
        sources = (
            Source("art", file="sources/art.txt"),
            Source("rep", url=url, outlet=t(), date="2025-01-02", title=t()),
        )
        ev = (
            Evidence("art", quote=quote, note=t(), attribution="uncertain"),
            Evidence("rep"),
            Evidence("rep", quote=t()),
        )
        provs = {
            "territory.general": Provision("territory.general", point=1, summary=t(), value=t(), evidence=ev, note=t()),
            "military.troop_cap": Provision(
                "military.troop_cap",
                point=[2, "2a"],
                summary=t(),
                claims=(Claim({"personnel": 600000}, evidence=ev, note=t()), Claim(status="omitted", evidence=ev[1:])),
            ),
            "nato.accession": Provision(
                "nato.accession", point=3, summary=t(), value="barred" if revises else "not-barred", evidence=ev
            ),
            "custom." + t(): Provision(
                "custom.anything", summary=t(), value={"k": t(), "list": [t(), t()]}, evidence=ev
            ),
            "sovereignty": Provision("sovereignty", point=4, summary=t(), status="omitted", evidence=ev),
        }
        provs = {
            k: Provision(k, p.point, p.summary, p.value, p.status, p.evidence, p.claims, p.note)
            for k, p in provs.items()
        }
        path = None
        if base is not None:
            path = str(base / f"{pid}.yaml")
        return Plan(
            id=pid,
            title=t(),
            date=date,
            drafted_by=(t(), t()),
            status=t(),
            revises=revises,
            point_count=3,
            aliases=(t(),),
            notes=t(),
            sources=sources,
            provisions=provs,
            path=path,
        )

    if base is not None:
        (base / "sources").mkdir(parents=True, exist_ok=True)
        (base / "sources" / "art.txt").write_bytes(
            (article if article is not None else f"Lead. {texts[0]} tail.").encode("utf-8", "surrogatepass")
        )
    old = plan("old-plan", "2025-01-01", None)
    new = plan("new-plan", "2025-02-01", "old-plan")
    return old, new


def parse(data: bytes):
    return lxml.html.document_fromstring(data)


def markup_problems(data: bytes, script_text: str, css_text: str) -> list[str]:
    """Anything in a page that the renderer did not create: unknown tags or attributes, handlers, scripts."""
    root = parse(data)
    out = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            if node.tag is lxml.html.HtmlComment:
                out.append("a comment")
            continue
        if node.tag not in ALLOWED_TAGS:
            out.append(f"element <{node.tag}>")
        for name, value in node.attrib.items():
            if name not in ALLOWED_ATTRS:
                out.append(f"attribute {name}= on <{node.tag}>")
            if name == "href":
                scheme = urlsplit(value).scheme.lower()
                if scheme not in ("", "http", "https"):
                    out.append(f"href with scheme {scheme!r}")
    scripts = root.findall(".//script")
    if len(scripts) > 1 or any((s.text or "") != script_text for s in scripts):
        out.append("a script that is not the page's own")
    styles = root.findall(".//style")
    if len(styles) != 1 or (styles[0].text or "") != css_text:
        out.append("a stylesheet that is not the page's own")
    return out


def skeleton(data: bytes) -> list[tuple]:
    """The element structure (tags and attribute names) with word-diff <ins>/<del> pieces left out."""
    root = parse(data)
    return [
        (n.tag, tuple(sorted(n.attrib))) for n in root.iter() if isinstance(n.tag, str) and n.tag not in ("ins", "del")
    ]


def ids_and_links(path: str, data: bytes) -> tuple[set[str], list[tuple[str, str | None]]]:
    """(ids on the page, internal links as (target site path, fragment)) for a page at site path `path`."""
    root = parse(data)
    ids = {n.get("id") for n in root.iter() if isinstance(n.tag, str) and n.get("id")}
    links = []
    for a in root.iter("a"):
        href = a.get("href")
        if href is None or urlsplit(href).scheme:
            continue
        parts = urlsplit(href)
        target = (
            path if not parts.path else posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
        )
        links.append((target, unquote(parts.fragment) or None))
    return ids, links


def page_holds_at(page, width: int, picture: str) -> None:
    """At `width` px the page itself does not overflow; the `picture` (a CSS selector) keeps its size and
    scrolls sideways inside its wrapper instead of shrinking into illegibility."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(picture).is_visible()
    assert page.evaluate(
        f"""(() => {{ const w = document.querySelector({picture!r}).parentElement;
        return w.scrollWidth > w.clientWidth && getComputedStyle(w).overflowX === 'auto'; }})()"""
    )
