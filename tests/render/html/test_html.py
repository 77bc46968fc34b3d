"""The HTML pages and the `plandiff html` / `plandiff site` commands, checked without a browser.

What a reader sees in Chromium is in test_html_browser.py; hostile input is
in test_html_hostile.py. The structure of the us-28-point → e3-counterproposal
page (headings, provision anchors and their kinds) is pinned in
tests/golden_html/; regenerate after an intended change with

    PLANDIFF_UPDATE_GOLDEN=1 python -m pytest tests/render/html/test_html.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from plandiff.cli import main
from plandiff.diff import KINDS, diff_plans
from plandiff.load import load_corpus, load_plan
from plandiff.output import parse_manifest
from plandiff.render.html import ComparePage, Site, render_compare, serialize, write_site
from plandiff.render.html.assets import CSS, SCRIPT
from plandiff.render.html.parts import safe_url
from plandiff.render.html.site import MANIFEST, safe_name
from tests.support.browser.pages import ids_and_links, markup_problems
from tests.support.paths import GOLDEN_HTML, PLANS

GOLDEN = GOLDEN_HTML
UPDATE = os.environ.get("PLANDIFF_UPDATE_GOLDEN", "")


@pytest.fixture(scope="module")
def corpus_plans():
    corpus = load_corpus([PLANS], verify_quotes=False)
    assert corpus.ok, corpus.diagnostics
    return corpus.plans


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory, corpus_plans):
    out = tmp_path_factory.mktemp("site") / "site"
    write_site(Site(list(corpus_plans.values())), out)
    return out


def _doc(path: Path):
    return lxml.html.document_fromstring(path.read_bytes())


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)).replace(os.sep, "/") for p in site.rglob("*.html"))


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# --- the comparison page ---------------------------------------------------------


def test_every_change_kind_has_a_renderer():
    for kind in KINDS:
        assert callable(getattr(ComparePage, f"_render_{kind.__name__}", None)), kind.__name__


def test_page_is_self_contained_with_a_strict_csp(site_dir):
    for rel in _pages(site_dir):
        doc = _doc(site_dir / rel)
        head = doc.find("head")
        assert head[0].get("charset") == "utf-8"
        csp = head[1]
        assert csp.get("http-equiv") == "Content-Security-Policy", rel
        policy = dict(d.strip().split(" ", 1) for d in csp.get("content").split(";"))
        assert policy["default-src"] == "'none'"
        assert policy["style-src"] == _sha(CSS)
        scripts = doc.findall(".//script")
        assert policy["script-src"] == (_sha(SCRIPT) if scripts else "'none'"), rel
        assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
        assert [s.text for s in scripts] in ([], [SCRIPT])
        # nothing that could load: no src, no link elements, no url() but fragment references
        assert not doc.xpath("//*[@src] | //link | //iframe | //img | //object | //embed"), rel
        assert not re.search(r"url\((?!#)|@import|@font-face", CSS)
        assert markup_problems((site_dir / rel).read_bytes(), SCRIPT, CSS) == [], rel
        assert doc.get("lang") == "en" and len(doc.findall(".//h1")) == 1, rel


def test_same_input_same_bytes(corpus_plans):
    cs = diff_plans(corpus_plans["us-28-point"], corpus_plans["e3-counterproposal"])
    assert serialize(render_compare(cs)) == serialize(render_compare(cs))


def test_rows_anchored_by_key_and_marked_by_kind_in_words(corpus_plans):
    cs = diff_plans(corpus_plans["us-28-point"], corpus_plans["e3-counterproposal"])
    doc = lxml.html.document_fromstring(serialize(render_compare(cs)))
    rows = doc.xpath("//tr[@data-filter-row]")
    # by topic, then the provisions one side is silent on, in a collapsed group of their own
    order = [c for c in cs.changes if c.kind != "unreported"] + [c for c in cs.changes if c.kind == "unreported"]
    assert any(c.kind == "unreported" for c in order)
    assert [r.get("id") for r in rows] == [f"p-{c.key}" for c in order]
    silent = doc.xpath("//details[contains(@class, 'silent')]//tr[@data-filter-row]")
    assert [r.get("data-kind") for r in silent] == ["unreported"] * len(silent) and silent
    for row, change in zip(rows, order):
        assert row.get("data-kind") == change.kind
        badge = row.xpath(".//span[contains(@class, 'kind')]")[0]
        assert change.kind in badge.text_content()  # a word, not colour alone
        assert row.find("th").get("scope") == "row"


def test_troop_cap_row(corpus_plans):
    cs = diff_plans(corpus_plans["us-28-point"], corpus_plans["e3-counterproposal"])
    doc = lxml.html.document_fromstring(serialize(render_compare(cs)))
    row = doc.get_element_by_id("p-military.troop_cap")
    head, old, new = row.getchildren()
    assert "600,000 → 800,000 personnel (+200,000, +33%)" in " ".join(head.text_content().split())
    assert old.xpath(".//del") and not old.xpath(".//ins")
    assert new.xpath(".//ins") and not new.xpath(".//del")
    assert "600,000" in old.text_content() and "800,000" in new.text_content()
    assert "attribution uncertain" in new.text_content()


def test_disputed_claims_side_by_side_with_their_sources(corpus_plans):
    cs = diff_plans(corpus_plans["us-28-point"], corpus_plans["geneva-revised"])
    doc = lxml.html.document_fromstring(serialize(render_compare(cs)))
    new = doc.get_element_by_id("p-military.troop_cap").getchildren()[2]
    claims = new.xpath(".//ul[@class='claims']/li")
    assert len(claims) == 2
    assert "omitted" in claims[0].text_content() and "800,000" in claims[1].text_content()
    assert all(c.xpath(".//*[contains(@class, 'srcname')]") for c in claims)
    assert "disputed" in new.text_content()


def test_counts_at_the_top(corpus_plans):
    cs = diff_plans(corpus_plans["us-28-point"], corpus_plans["e3-counterproposal"])
    doc = lxml.html.document_fromstring(serialize(render_compare(cs)))
    table = doc.xpath("//table[@class='counts']")[0]
    heads = [" ".join(th.text_content().split()) for th in table.xpath(".//th")]
    cells = [td.text_content() for td in table.xpath(".//td")]
    assert dict(zip((h.split()[-1] for h in heads), map(int, cells))) == cs.counts()
    assert all(th.get("scope") == "col" for th in table.xpath(".//th"))
    order = list(doc.iter())
    assert order.index(table) < order.index(doc.xpath("//tr[@data-filter-row]")[0])  # counts come first


def test_filters_are_labelled_and_hidden_until_the_script_runs(corpus_plans):
    cs = diff_plans(corpus_plans["us-28-point"], corpus_plans["e3-counterproposal"])
    doc = lxml.html.document_fromstring(serialize(render_compare(cs)))
    box = doc.get_element_by_id("filters")
    assert box.get("hidden") is not None
    for inp in box.iter("input"):
        label = inp.getparent()
        assert label.tag == "label" and label.get("for") == inp.get("id")
    assert {i.get("value") for i in box.xpath(".//input[@name='kind']")} == {
        "all",
        "added",
        "dropped",
        "changed",
        "renumbered",
        "reworded",
        "recited",
        "unchanged",
    }


def test_golden_structure_us_28_point_vs_e3():
    """Headings, provision anchors with their kinds, and the counts, pinned for the real plans."""
    old = load_plan(GOLDEN / "us-28-point.yaml", verify_quotes=False).plan
    new = load_plan(GOLDEN / "e3-counterproposal.yaml", verify_quotes=False).plan
    doc = lxml.html.document_fromstring(serialize(render_compare(diff_plans(old, new))))
    got = {
        "title": doc.findtext(".//title"),
        "headings": [f"{h.tag} {' '.join(h.text_content().split())}" for h in doc.iter("h1", "h2", "h3")],
        "rows": [f"{r.get('id')} {r.get('data-kind')}" for r in doc.xpath("//tr[@data-filter-row]")],
        "counts": [" ".join(c.text_content().split()) for c in doc.xpath("//table[@class='counts']//td")],
    }
    path = GOLDEN / "compare-us-28-point-e3-counterproposal.json"
    if UPDATE:
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8")), (
        "page structure changed; if intended: PLANDIFF_UPDATE_GOLDEN=1 python -m pytest tests/render/html/test_html.py"
    )


def test_golden_copies_match_plans():
    """The pinned copies are today's plans (re-copy them when the plan data changes on purpose)."""
    for name in ("us-28-point.yaml", "e3-counterproposal.yaml"):
        if UPDATE == "plans":
            shutil.copyfile(PLANS / name, GOLDEN / name)
        if (GOLDEN / name).read_bytes() != (PLANS / name).read_bytes():
            pytest.skip(
                f"plans/{name} changed since the golden copy; "
                "PLANDIFF_UPDATE_GOLDEN=plans python -m pytest tests/render/html/test_html.py re-pins it"
            )


# --- the site -------------------------------------------------------------------


def test_site_has_every_page(site_dir, corpus_plans):
    pages = set(_pages(site_dir))
    assert {"index.html", "matrix.html"} <= pages
    for pair in [
        "us-28-point.vs.e3-counterproposal",
        "us-28-point.vs.eu-24-point",
        "us-28-point.vs.geneva-revised",
        "e3-counterproposal.vs.geneva-revised",
        "geneva-revised.vs.ua-20-point",
        "us-28-point.vs.ua-20-point",
    ]:
        assert f"compare/{pair}.html" in pages
    keys = {k for p in corpus_plans.values() for k in p.provisions}
    assert {f"provisions/{k}.html" for k in keys} <= pages
    assert {f"sources/{f.stem}.html" for f in (PLANS / "sources").glob("*.txt")} <= pages
    manifest = parse_manifest((site_dir / MANIFEST).read_text())
    assert sorted(manifest) == sorted(pages)
    assert all(manifest[p] == hashlib.sha256((site_dir / p).read_bytes()).hexdigest() for p in pages)


def test_every_internal_link_resolves(site_dir):
    ids, links = {}, []
    for rel in _pages(site_dir):
        page_ids, page_links = ids_and_links(rel, (site_dir / rel).read_bytes())
        ids[rel] = page_ids
        links += [(rel, target, frag) for target, frag in page_links]
    assert len(links) > 1000
    broken = [(src, t, f) for src, t, f in links if t not in ids or (f is not None and f not in ids[t])]
    assert broken == []


def test_quotes_link_to_their_passage_and_back(site_dir):
    page = _doc(site_dir / "compare/us-28-point.vs.e3-counterproposal.html")
    row = page.get_element_by_id("p-military.troop_cap")
    hrefs = [a.get("href") for a in row.xpath(".//q/a")]
    assert "../sources/001_4e13f074f69586d0.html#q-" in " ".join(hrefs)
    target, frag = hrefs[0].split("#")
    article = _doc(site_dir / "compare" / target)
    mark = article.get_element_by_id(frag)
    assert mark.tag == "mark"
    cite = article.get_element_by_id(mark.getnext().xpath(".//a")[0].get("href")[1:])
    assert any("provisions/military.troop_cap.html#v-us-28-point" in a.get("href") for a in cite.iter("a"))


def test_external_links_are_http_and_open_safely(site_dir):
    for rel in _pages(site_dir):
        for a in _doc(site_dir / rel).iter("a"):
            href = a.get("href")
            if re.match(r"^[a-z]+:", href or ""):
                assert safe_url(href) == href and href.startswith(("http://", "https://")), (rel, href)
                assert set(a.get("rel").split()) >= {"noopener", "noreferrer"}, (rel, href)


def test_pictures_are_labelled(site_dir):
    doc = _doc(site_dir / "provisions/military.troop_cap.html")
    svg = doc.find(".//svg")
    assert svg.get("role") == "img" and svg.find("title").text == "Troop cap across versions"
    desc = svg.find("desc").text
    for words in (
        "us-28-point (2025-11-20): 600,000 personnel (unqualified)",
        "e3-counterproposal (2025-11-23): 800,000 personnel (peacetime)",
        "geneva-revised (2025-11-23): disputed between reports",
        "jeddah-truce (2025-03-11): not in",
    ):
        assert words in desc
    texts = " ".join(" ".join(t.itertext()) for t in svg.iter("text"))
    assert (
        "600,000" in texts
        and "800,000" in texts
        and "disputed:" in texts
        and "none in the full text" in texts
        and "Not reported in:" in texts
    )
    grid = _doc(site_dir / "index.html").xpath("//svg[@aria-labelledby='grid-index-title grid-index-desc']")[0]
    cells = [g.findtext("title") for g in grid.iter("g") if g.find("rect") is not None and g.find("title") is not None]
    assert "NATO accession — us-28-point (2025-11-20): barred-constitutionally" in cells
    assert "Donetsk — ua-20-point (2025-12-23): frozen-at-line-of-contact + unresolved" in cells


def test_tables_have_header_scopes(site_dir):
    for rel in _pages(site_dir):
        for th in _doc(site_dir / rel).iter("th"):
            assert th.get("scope") in ("col", "row", "rowgroup"), rel


def test_safe_names_and_urls():
    assert safe_name("military.troop_cap") == "military.troop_cap"
    for bad in ("../x", "a/b", ".hidden", "A B", "x" * 200, "con\x00"):
        assert re.fullmatch(r"x-[0-9a-f]{16}", safe_name(bad))
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        "java\nscript:x",
        "data:,x",
        "//x.org",
        "http://",
        "ftp://x.org",
        "",
        None,
        "http://x.org/ space",
        'https://x.org/"x',
    ):
        assert safe_url(bad) is None


# --- the commands -------------------------------------------------------------


def test_html_command_writes_one_page(in_repo, tmp_path, capsys):
    out = tmp_path / "cmp.html"
    assert main(["html", "us-28-point", "e3-counterproposal", "-o", str(out)]) == 0
    doc = _doc(out)
    assert doc.get_element_by_id("p-military.troop_cap") is not None
    # an existing file is replaced only with --force, as schema -o and apply -o do
    assert main(["html", "plans/us-28-point.yaml", "plans/ua-20-point.yaml", "-o", str(out)]) == 2
    assert "use --force" in capsys.readouterr().err
    assert main(["html", "plans/us-28-point.yaml", "plans/ua-20-point.yaml", "-o", str(out), "--force"]) == 0
    assert _doc(out).find(".//h1").text_content() == "What changed: us-28-point → ua-20-point"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmp.html"]


def test_html_command_to_stdout(in_repo, capfdbinary):
    assert main(["html", "us-28-point", "e3-counterproposal", "-o", "-"]) == 0
    assert capfdbinary.readouterr().out.startswith(b"<!DOCTYPE html>")


def test_html_command_bad_input_is_located_exit_2(in_repo, tmp_path, capsys):
    out = tmp_path / "x.html"
    assert main(["html", "us-28-point", "no-such-plan", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no plan 'no-such-plan'" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: plandiff/1\nid: bad\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["html", "us-28-point", str(bad), "-o", str(out)]) == 2
    assert re.search(r"bad\.yaml:\d+:\d+: error: ", capsys.readouterr().err)
    assert not out.exists()


def test_html_command_refuses_to_overwrite_a_plan(tmp_path, capsys):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    target = plans / "us-28-point.yaml"
    before = target.read_bytes()
    for out in (
        target,
        plans / "e3-counterproposal.yaml",
        plans / "sources" / "001_4e13f074f69586d0.txt",
        tmp_path / "new.yml",
    ):
        code = main(["html", "us-28-point", "e3-counterproposal", "--plans", str(plans), "-o", str(out)])
        assert code == 2, out
    assert target.read_bytes() == before
    assert "refusing" in capsys.readouterr().err
    assert not (tmp_path / "new.yml").exists()


def test_site_command(in_repo, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["site", "plans/", "-o", str(out), "--pair", "e3-counterproposal:paris-declaration"]) == 0
    assert (out / "compare" / "e3-counterproposal.vs.paris-declaration.html").is_file()
    assert "wrote" in capsys.readouterr().err
    # rebuilding over its own output works, and drops pages that are no longer part of the site
    assert main(["site", "plans/", "-o", str(out)]) == 0
    assert not (out / "compare" / "e3-counterproposal.vs.paris-declaration.html").exists()
    assert (out / "index.html").is_file()


@pytest.mark.parametrize(
    "pair", ["us-28-point", "us-28-point:", "nope:ua-20-point", "us-28-point:us-28-point", "a:b:c"]
)
def test_site_command_bad_pair(in_repo, tmp_path, capsys, pair):
    assert main(["site", "-o", str(tmp_path / "s"), "--pair", pair]) == 2
    assert "--pair" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_site_command_bad_plans_exit_2(tmp_path, capsys):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    (plans / "us-28-point.yaml").write_text("schema: plandiff/1\nid: us-28-point\n", encoding="utf-8")
    assert main(["site", str(plans), "-o", str(tmp_path / "s")]) == 2
    assert re.search(r"us-28-point\.yaml:\d+:\d+: error: ", capsys.readouterr().err)
    assert not (tmp_path / "s").exists()


def test_site_never_writes_outside_its_directory(in_repo, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    # a directory that is not ours is refused
    assert main(["site", "-o", str(outside)]) == 2
    assert "not empty" in capsys.readouterr().err
    # nor the plans directory, nor a plan file
    assert main(["site", "-o", "plans"]) == 2
    assert main(["site", "-o", "plans/us-28-point.yaml"]) == 2
    # a symlink planted in an earlier build is not followed
    out = tmp_path / "site"
    assert main(["site", "-o", str(out)]) == 0
    shutil.rmtree(out / "compare")
    (out / "compare").symlink_to(outside, target_is_directory=True)
    assert main(["site", "-o", str(out)]) == 2
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    (out / "compare").unlink()
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(outside / "keep.txt")
    assert main(["site", "-o", str(out)]) == 0
    assert (outside / "keep.txt").read_text() == "mine"
    assert not (out / "index.html").is_symlink()
    capsys.readouterr()


def test_commands_keep_imports_light():
    """`plandiff check` imports the CLI on every commit; the HTML commands must not pull in lxml."""
    import subprocess
    import sys

    code = (
        "import sys, plandiff.cli; "
        "print(sorted(m for m in sys.modules if m.startswith(('lxml', 'plandiff.render.html'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
