"""What every HTML page shares: the element builder, the skeleton and its CSP.

Pages are lxml element trees. Text from a plan or an article only ever
becomes a text node or an attribute value through `el()`/`add()`, so it can
never turn into markup, and the serializer escapes it.

One thing lxml refuses is text that XML cannot hold: C0 control characters
other than tab, newline and carriage return, lone surrogates, U+FFFE and
U+FFFF. `clean()` replaces each of them, and the C1 controls (U+007F–U+009F)
that browsers would silently drop, with U+FFFD REPLACEMENT CHARACTER, so the
reader sees that something was there. Bidi overrides and isolates (U+202A–E,
U+2066–9) are shown as escapes: in a <title> nothing can wrap them.

Each page is self-contained: one inline stylesheet and at most one inline
script, both constants pinned by SHA-256 in a Content-Security-Policy that
allows nothing else to load (no fonts, images, frames or connections).
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from collections.abc import Iterable

from lxml import etree
from lxml import html as lhtml

from plandiff.guard import BIDI_OVERRIDES, escape_char
from plandiff.points import points_phrase
from plandiff.render.html.assets import CSS, SCRIPT

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"

KIND_MARK = {
    "added": "+",
    "dropped": "−",
    "changed": "~",
    "renumbered": "#",
    "reworded": "≈",
    "recited": "≈",
    "unreported": "?",
    "unchanged": "=",
}
KIND_ORDER = ("added", "dropped", "changed", "renumbered", "reworded", "recited", "unchanged")
GENERATOR = "plandiff"


def clean(text) -> str:
    """`text` as a string XML can hold: illegal characters become U+FFFD; bidi overrides and isolates are
    written out as `\u202e`-style escapes, so no title or text can reorder what a reader sees."""
    text = _ILLEGAL.sub(REPLACEMENT, text if isinstance(text, str) else str(text))
    if BIDI_OVERRIDES.search(text):
        text = BIDI_OVERRIDES.sub(lambda m: escape_char(m.group()), text)
    return text


def _attr_name(name: str) -> str:
    if name in ("class_", "for_"):
        return name[:-1]
    return name.replace("_", "-")


def add(parent: etree._Element, *children) -> etree._Element:
    """Append children: elements as they are, anything else as (cleaned) text."""
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, (list, tuple)):
            add(parent, *child)
        elif isinstance(child, etree._Element):
            parent.append(child)
        else:
            text = clean(child)
            if not text:
                continue
            if len(parent):
                last = parent[-1]
                last.tail = (last.tail or "") + text
            else:
                parent.text = (parent.text or "") + text
    return parent


def el(tag: str, *children, **attrs) -> etree._Element:
    """An element; keyword `class_="x"` sets class, `data_kind=` sets data-kind, True sets a bare attribute."""
    node = etree.Element(tag)
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        node.set(_attr_name(name), "" if value is True else clean(value))
    return add(node, *children)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


STYLE_HASH = _sha256(CSS)
SCRIPT_HASH = _sha256(SCRIPT)


def csp(with_script: bool) -> str:
    """The policy: nothing loads; the inline stylesheet and script are allowed by hash only."""
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {STYLE_HASH}",
            f"script-src {SCRIPT_HASH}" if with_script else "script-src 'none'",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "require-trusted-types-for 'script'",
        ]
    )


class Links:
    """Where the other pages of a site are, relative to the page being built.

    A single comparison page (`plandiff html`) has no site: provision,
    version and source pages are then None and the renderers leave links out.
    """

    def __init__(self, here: str = "page.html", site=None):
        self.here = here
        self.site = site

    def at(self, here: str) -> Links:
        return Links(here, self.site)

    def rel(self, target: str, fragment: str | None = None) -> str:
        """A relative href from this page to `target` (a site path), plus #fragment."""
        here_dir = posixpath.dirname(self.here)
        if target == self.here:
            href = ""
        elif posixpath.dirname(target) == here_dir:
            href = posixpath.basename(target)
        else:  # site paths are relative and never contain "..": climb to the root, then down
            href = "../" * (here_dir.count("/") + 1 if here_dir else 0) + target
        return href + (f"#{fragment}" if fragment else "") if (href or fragment) else "#"

    def _site(self, method: str, *args):
        if self.site is None:
            return None
        found = getattr(self.site, method)(*args)
        if found is None:
            return None
        target, fragment = found
        return self.rel(target, fragment)

    def provision(self, key: str, plan_id: str | None = None) -> str | None:
        return self._site("provision_target", key, plan_id)

    def version(self, plan_id: str) -> str | None:
        return self._site("version_target", plan_id)

    def compare(self, old_id: str, new_id: str, key: str | None = None) -> str | None:
        return self._site("compare_target", old_id, new_id, key)

    def article(self, plan, source_id: str, quote: str | None = None) -> str | None:
        return self._site("article_target", plan, source_id, quote)

    def page(self, name: str) -> str | None:
        return self._site("page_target", name)


def nav(links: Links) -> etree._Element | None:
    if links.site is None:
        return None
    return el(
        "nav",
        el("a", "plandiff", class_="brand", href=links.page("index")),
        el("a", "Versions", href=links.page("index")),
        el("a", "Provisions × versions", href=links.page("matrix")),
        el("a", "Timeline", href=links.page("timeline")),
        el("a", "Comparisons", href=links.page("comparisons")),
        el("a", "Provisions", href=links.rel("index.html", "provisions")),
        el("a", "Source articles", href=links.rel("index.html", "sources")),
        class_="site-nav",
        aria_label="Site",
    )


def document(
    title: str, body: Iterable, *, links: Links, script: bool = False, description: str | None = None
) -> etree._Element:
    """A whole page: head with CSP and inline style, skip link, site navigation, main, footer, script."""
    head = el(
        "head",
        el("meta", charset="utf-8"),
        el("meta", http_equiv="Content-Security-Policy", content=csp(script)),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("meta", name="color-scheme", content="light dark"),
        el("meta", name="referrer", content="no-referrer"),
        el("meta", name="generator", content=GENERATOR),
        el("meta", name="description", content=description) if description else None,
        el("title", title),
    )
    style = etree.SubElement(head, "style")
    style.text = CSS
    main = el("main", id="main")
    add(main, *body)
    body_el = el(
        "body",
        el("a", "Skip to content", href="#main", class_="skip"),
        nav(links),
        main,
        el(
            "footer",
            el(
                "p",
                "Built by plandiff from cited plan files. Every value on this page rests on "
                "the evidence shown with it; colours always come with a word.",
            ),
        ),
    )
    if script:
        s = etree.SubElement(body_el, "script")
        s.text = SCRIPT
    return el("html", head, body_el, lang="en")


def serialize(root: etree._Element) -> bytes:
    return lhtml.tostring(root, encoding="utf-8", method="html", doctype="<!DOCTYPE html>") + b"\n"


def kind_mark(kind: str, count: int | None = None) -> etree._Element:
    """The badge for a kind of change: symbol and word, coloured (never colour alone)."""
    text = f"{KIND_MARK.get(kind, '')} {kind}".strip()
    return el("span", text, class_=f"kind k-{kind}")


def filters(kinds: Iterable[str] | None, placeholder: str = "troop, Donetsk, NATO…") -> etree._Element:
    """The filter controls; hidden until the script runs (so never dead controls without it)."""
    box = el("div", id="filters", class_="filters", role="search", aria_label="Filter rows", hidden=True)
    if kinds is not None:
        fs = el("fieldset", el("legend", "Show"))
        for i, kind in enumerate(["all", *kinds]):
            rid = f"kind-{kind}"
            fs.append(
                el(
                    "label",
                    el("input", type="radio", name="kind", value=kind, id=rid, checked=(i == 0)),
                    " " + kind if kind == "all" else " ",
                    kind_mark(kind) if kind != "all" else None,
                    for_=rid,
                )
            )
        box.append(fs)
    box.append(
        el(
            "label",
            "Search ",
            el("input", type="search", id="filter-text", placeholder=placeholder, autocomplete="off"),
            for_="filter-text",
        )
    )
    box.append(el("output", id="filter-status", aria_live="polite", for_="filter-text"))
    return box


def points_text(point) -> str | None:
    """ "point 6", "points 5, 10"; None when unnumbered (plandiff.points)."""
    return points_phrase(point)
