"""Article text: HTML → plain text without page furniture, and sentences with their offsets.

Claims index the *extracted* text: for a plain-text article that is the file
as decoded, byte for byte; for HTML it is the text this module makes
(paragraphs separated by a blank line, whitespace inside a paragraph
collapsed), which `plandiff extract --emit-text` prints.

Matching runs on a *view* of the text with the same length, in which curly
quote marks are straight and odd spaces and hyphens are plain, so a pattern
need not spell every variant and an offset in the view is an offset in the
text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from plandiff.extract.data import load
from plandiff.load.evidence import QUOTE_MARKS

# the quote marks a cited quote is matched under (load/evidence.py), plus odd spaces and hyphens
_VIEW = {
    **QUOTE_MARKS,
    **str.maketrans(
        {
            "\u00a0": " ",
            "\u2007": " ",
            "\u2009": " ",
            "\u202f": " ",
            "\u2002": " ",
            "\u2003": " ",
            "\u200a": " ",
            "\u2010": "-",
            "\u2011": "-",
            "\u2212": "-",
        }
    ),
}


_PAIRS = tuple((chr(c), r) for c, r in _VIEW.items())


def view(text: str) -> str:
    """The text as patterns see it: same length, straight quotes, plain spaces and hyphens."""
    if text.isascii():
        return text
    for ch, plain in _PAIRS:  # str.replace runs in C; most articles hold only a few of these
        if ch in text:
            text = text.replace(ch, plain)
    return text


# --- HTML -------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _html_rules():
    data = load()
    h = data["html"]
    compile_ = data["compile"]
    markers = "|".join(re.escape(m) for m in sorted(h["drop_markers"], key=len, reverse=True))
    return {
        "drop_tags": tuple(h["drop_tags"]),
        "marker": re.compile(rf"(?:^|[\s_-])(?:{markers})(?:$|[\s_-])", re.I),
        "roles": frozenset(h["drop_roles"]),
        "block": frozenset(h["block_tags"]),
        "furniture": compile_.any_of(h["drop_paragraphs"], "html.yaml drop_paragraphs"),
    }


_HSPACE = re.compile(r"[^\S\n]+")
_KEEP = frozenset({"html", "body", "main", "article"})
_MARKED = "//*[@class or @id or @role or @aria-label]"


def html_to_text(html: str | bytes) -> str:
    """The readable text of an HTML page: paragraphs separated by blank lines."""
    from lxml import etree
    from lxml import html as lhtml

    rules = _html_rules()
    raw = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if not raw.strip():
        return ""
    parser = lhtml.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lhtml.document_fromstring(raw, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, *rules["drop_tags"], with_tail=False)
    marker, roles = rules["marker"], rules["roles"]
    for el in root.xpath(_MARKED):
        if el.tag in _KEEP or not isinstance(el.tag, str):
            continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("aria-label"))))
        if (el.get("role") in roles or (attrs and marker.search(attrs))) and (
            el.getparent() is not None and el.find(".//article") is None
        ):
            el.drop_tree()
    # List items keep their bullet or number, so a list reads as one (structure.py) and point numbers survive.
    for lst in root.iter("ol", "ul"):
        n = 0
        for li in lst:
            if getattr(li, "tag", None) != "li":
                continue
            n += 1
            marker = f"{n}. " if lst.tag == "ol" else "• "
            li.text = marker + (li.text or "").lstrip()
    # Mark block boundaries with newlines, then let lxml serialise the text in C.
    for el in root.iter(*rules["block"]):
        el.tail = "\n" + el.tail if el.tail else "\n"
        el.text = "\n" + el.text if el.text else "\n"
    body = root.find("body")
    text = etree.tostring(body if body is not None else root, method="text", encoding="unicode")
    furniture = rules["furniture"]
    paras = []
    for line in _HSPACE.sub(" ", text).split("\n"):
        line = line.strip()
        if line and not (len(line) < 200 and furniture.match(line.lower())):
            paras.append(line)
    return "\n\n".join(paras)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:body|p|div|article|head)\b", head)
    )


# --- sentences ----------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@functools.lru_cache(maxsize=1)
def _sentence_re() -> re.Pattern:
    # Both branches start with a literal character class, so `re` skips to
    # candidate positions; the abbreviation checks are look-behinds placed
    # after the full stop, so they run only there. No IGNORECASE on purpose.
    abbrs = load()["cues"]["abbreviations"]
    behind = "".join(f"(?<!\\b{re.escape(str(a))}\\.)" for a in abbrs)
    return re.compile(
        rf"[.!?](?:(?<=\.){behind}(?<![A-Z]\.[A-Z]\.)(?<!\s[A-Z]\.)|(?<=[!?]))"
        r"[.!?]*[\"')\]]*[ \t]+(?=[\"'(\[]?[A-Z0-9])"
        r"|\n\s*+(?![a-z])"
    )


def sentences(v: str) -> list[Sentence]:
    """Sentences of the view `v`, stripped of surrounding space, with a paragraph number."""
    out: list[Sentence] = []
    para, pos = 0, 0
    for m in _sentence_re().finditer(v):
        s, e = pos, m.start()
        g = m.group()
        if g[0] != "\n":  # keep the closing punctuation and quotes in the sentence
            e = m.start() + len(g.rstrip())
        _add(out, v, s, e, para)
        if "\n" in g:
            para += 1
        pos = m.end()
    _add(out, v, pos, len(v), para)
    return out


@functools.lru_cache(maxsize=1)
def _max_sentence() -> int:
    return int(load()["cues"].get("max_sentence", 3000))


def _add(out: list, v: str, s: int, e: int, para: int) -> None:
    while s < e and v[s].isspace():
        s += 1
    while e > s and v[e - 1].isspace():
        e -= 1
    limit = _max_sentence()
    while e - s > limit:
        # a run-on "sentence" (a list without full stops, a page with none) is read in pieces, cut at a
        # semicolon, comma or space near the limit: no real sentence is this long, and every later stage
        # then works on bounded pieces
        cut = max(v.rfind("; ", s, s + limit), v.rfind(", ", s, s + limit))
        if cut <= s + limit // 2:
            cut = v.rfind(" ", s + limit // 2, s + limit)
        if cut <= s:
            cut = s + limit
        else:
            cut += 1
        _add(out, v, s, cut, para)
        s = cut
        while s < e and v[s].isspace():
            s += 1
    if e > s:
        out.append(Sentence(s, e, para))


def sentence_index(sents: list[Sentence], starts: list[int], pos: int) -> int:
    """Index of the sentence holding `pos` (or the last one starting before it)."""
    return max(0, bisect.bisect_right(starts, pos) - 1)
