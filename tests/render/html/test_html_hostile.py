"""Arbitrary text in plans and articles never becomes markup in the HTML pages (checked with lxml).

Hypothesis puts markup, quotes, `</script>`, `javascript:` URLs, control
characters, lone surrogates and right-to-left marks into every free-text
field. The page must always be produced and parse; it must contain only the
elements and attributes the renderer makes (and the same structure as for
benign text); the text must come through as text. The browser half of this
(no injected script runs) is in test_html_browser.py.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.diff import diff_plans
from plandiff.load.evidence import normalise
from plandiff.render.html import Site, render_compare, serialize, write_site
from plandiff.render.html.assets import CSS, SCRIPT
from plandiff.render.html.page import REPLACEMENT, clean
from tests.support.browser.pages import PAYLOADS, hostile_pair, hostile_text, markup_problems, parse, skeleton

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _norm(text: str) -> str:
    return " ".join(clean(text).split())


def _page(texts: list[str]) -> bytes:
    old, new = hostile_pair(texts)
    return serialize(render_compare(diff_plans(old, new)))


def _benign(texts: list[str]) -> list[str]:
    """Harmless words in the same pattern: equal texts stay equal, and their order (keys sort) is kept."""
    names = {t: f"benign text {i:03d}" for i, t in enumerate(sorted(set(texts)))}
    return [names[t] for t in texts]


@SETTINGS
@given(st.lists(hostile_text, min_size=1, max_size=12))
def test_compare_page_keeps_text_as_text(texts):
    data = _page(texts)
    assert markup_problems(data, SCRIPT, CSS) == []
    assert skeleton(data) == skeleton(_page(_benign(texts)))
    body = _norm(parse(data).text_content())
    for t in texts:
        assert _norm(t) in body


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_alone(payload):
    data = _page([payload])
    assert markup_problems(data, SCRIPT, CSS) == []
    root = parse(data)
    assert not root.xpath("//img | //iframe | //base | //link | //form | //button | //math | //object")
    assert not [a for n in root.iter() if isinstance(n.tag, str) for a in n.attrib if a.startswith("on")]
    assert _norm(payload) in _norm(root.text_content())


@pytest.mark.parametrize(
    "url",
    [
        "javascript:window.__pwned=1",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.invalid/x",
        "/etc/passwd",
        "http://",
        "https:evil",
        'http://ex.org/"onmouseover="x',
        "http://ex.org/<script>",
        "file:///etc/passwd",
    ],
)
def test_unsafe_urls_never_become_links(url):
    old, new = hostile_pair(["words"], url=url)
    root = parse(serialize(render_compare(diff_plans(old, new))))
    hrefs = [a.get("href") for a in root.iter("a")]
    assert not [h for h in hrefs if h and not h.startswith("#")]


def test_safe_external_links_open_without_opener_or_referrer():
    old, new = hostile_pair(["words"], url="https://example.org/report?a=1&b=2")
    root = parse(serialize(render_compare(diff_plans(old, new))))
    ext = [a for a in root.iter("a") if (a.get("href") or "").startswith("https://")]
    assert ext and all(a.get("href") == "https://example.org/report?a=1&b=2" for a in ext)
    assert all(set(a.get("rel").split()) >= {"noopener", "noreferrer"} for a in ext)


def test_control_characters_are_replaced_visibly():
    assert (
        clean("a\x00b\x1fc\ud800d\ufffee\x85f")
        == "a" + REPLACEMENT + "b" + REPLACEMENT + "c" + REPLACEMENT + "d" + REPLACEMENT + "e" + REPLACEMENT + "f"
    )
    assert clean("tab\tnew\nline\rok") == "tab\tnew\nline\rok"
    data = _page(["\x00\x07 nul and bell"])
    assert (REPLACEMENT + REPLACEMENT + " nul and bell").encode() in data


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(hostile_text, min_size=1, max_size=8), article=hostile_text)
def test_whole_site_keeps_text_as_text(texts, article):
    """Every page of a site built from hostile plans and a hostile article (which contains the quote)."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "plans"
        old, new = hostile_pair(texts, base=base, article=f"{article} {texts[0]} {article}")
        out = Path(tmp) / "site"
        written = write_site(Site([old, new]), out)
        assert {"index.html", "matrix.html", "sources/art.html"} <= set(written)
        for path in written:
            data = (out / path).read_bytes()
            assert markup_problems(data, SCRIPT, CSS) == [], path
        art = parse((out / "sources/art.html").read_bytes())
        # what the page can show: the article as read back (bytes that are not UTF-8 become U+FFFD), in NFC
        shown = unicodedata.normalize("NFC", (base / "sources" / "art.txt").read_bytes().decode("utf-8", "replace"))
        quote = normalise(texts[0])
        assert bool(art.xpath("//mark")) == bool(quote and quote in normalise(shown))
        text = art.xpath("//div[@class='article']")[0]
        for sup in text.xpath(".//sup"):  # the passage numbers
            sup.drop_tree()
        assert "".join(clean(shown).split()) == "".join(text.text_content().split())
        # nothing was written outside the output directory
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["plans", "site"]
