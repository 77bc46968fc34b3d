"""`plandiff extract` at the edges: bad JSON Lines, symbolic links, HTML in a .txt, empty articles, long input, dates."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from plandiff.cli import main
from plandiff.extract import extractor_for, plan_context
from tests.support.paths import PLANS

CLAIM = "The 28-point plan would cap Ukraine's army at 600,000 troops."


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_bad_jsonl_lines_are_located_errors_and_the_rest_is_read(tmp_path, capsys):
    src = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "good-1", "text": CLAIM})
    lines = [
        good,
        "[" * 100_000 + "]" * 100_000,  # nested too deeply
        '{"id": "big", "n": ' + "9" * 5000 + ', "text": "x"}',  # a 5,000-digit integer
        '{"id": "sur", "text": "a \\ud800 b"}',  # a lone surrogate
        '{"id": "nope"}',  # no text
        json.dumps({"id": "good-2", "text": CLAIM}),
    ]
    src.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"id": "bytes", "text": "caf\xe9"}\n')
    code, out, err = run_cli(capsys, "extract", str(src), "--no-progress", "--jobs", "1")
    assert code == 2
    for n in (2, 3, 4, 5, 7):
        assert f"feed.jsonl:{n}: error:" in err, (n, err)
    assert "Traceback" not in err
    sources = {json.loads(line)["source"] for line in out.splitlines()}
    assert sources == {"good-1", "good-2"}


def test_a_directory_is_read_without_following_links_out_of_it(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The European counterproposal drops the amnesty clause.\n", encoding="utf-8")
    d = tmp_path / "crawl"
    d.mkdir()
    (d / "a.txt").write_text(CLAIM + "\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", d / "linked.txt")
    os.symlink(outside, d / "linked-dir")
    (d / "inside.txt").symlink_to(d / "a.txt")  # a link that stays inside is read
    code, out, err = run_cli(capsys, "extract", str(d), "--no-progress", "--jobs", "1", "--plans", str(PLANS))
    assert code == 0
    claims = [json.loads(line) for line in out.splitlines()]
    assert {Path(c["source"]).name for c in claims} == {"a.txt", "inside.txt"}
    assert not any(c["provision"] == "amnesty" for c in claims)
    assert "linked.txt: note: skipped, a symbolic link out of" in err


def test_a_txt_file_holding_html_is_read_as_html(tmp_path, capsys):
    f = tmp_path / "saved-page.txt"
    f.write_text(
        "<!doctype html><html><head><script>var cap = 'capped at 900,000 troops';</script></head>"
        f"<body><nav>The 28-point plan news</nav><article><p>{CLAIM}</p></article></body></html>",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "extract", str(f), "--emit-text")
    assert out.strip() == CLAIM
    code, out, _ = run_cli(capsys, "extract", str(f), "--no-progress", "--plans", str(PLANS))
    claims = json.loads(out)["claims"]
    assert [c["value"] for c in claims if c["provision"] == "military.troop_cap"] == [{"personnel": 600000}]


def test_an_empty_article_gives_a_note(tmp_path, capsys):
    f = tmp_path / "empty.txt"
    f.write_text("   \n\n", encoding="utf-8")
    page = tmp_path / "furniture.html"
    page.write_text("<html><body><nav>Home | World</nav><footer>(c) News</footer></body></html>", encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", str(f), str(page), "--no-progress", "--jobs", "1")
    assert code == 0 and json.loads(out)["claims"] == []
    assert "empty.txt: note: the article is empty" in err and "furniture.html: note: the article is empty" in err


def test_a_latin1_article_is_read_with_a_note(tmp_path, capsys):
    f = tmp_path / "latin1.txt"
    f.write_bytes(("Caf\xe9 talk. " + CLAIM + "\n").encode("latin-1"))
    code, out, err = run_cli(capsys, "extract", str(f), "--no-progress", "--plans", str(PLANS))
    assert code == 0 and "latin1.txt: note: not UTF-8" in err
    assert json.loads(out)["claims"]


def _cpu(ex, text) -> float:
    t = time.process_time()
    ex.extract(text, "long")
    return time.process_time() - t


def test_time_is_linear_in_sentence_and_article_length():
    """CPU time, with generous bounds: quadratic work would take 8x longer for 8x the text, on top of linear."""
    ex = extractor_for(plan_context(PLANS))
    unit = (
        "the 28-point plan would cap Ukraine's army at 600,000 troops, bar it from NATO, and the "
        "European counterproposal drops the amnesty, "
    )
    small = (unit * 400)[:12_000]
    big = (unit * 3200)[:96_000]  # one 96 KB sentence
    base = max(_cpu(ex, small), 0.01)
    assert _cpu(ex, big) < 30 * base + 2.0  # linear: ~8x; quadratic: ~64x
    article = (CLAIM + " Officials met in Geneva. ") * 40_000  # ~3.4 MB on one line
    assert _cpu(ex, article) < 60.0  # a hang guard, not a speed test (about 2 s on an idle core)


def test_time_words_are_read_against_the_given_date(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(
        "The framework agreed last month would cap Ukraine's army at 800,000 in peacetime.\n", encoding="utf-8"
    )
    plans = {}
    for date in ("2026-01-10", "2025-12-10"):
        code, out, _ = run_cli(capsys, "extract", str(f), "--no-progress", "--plans", str(PLANS), "--date", date)
        plans[date] = [c["plan"] for c in json.loads(out)["claims"]]
    assert plans["2026-01-10"] == ["ua-20-point"]  # December's framework
    assert "ua-20-point" not in plans["2025-12-10"]  # not yet agreed on 10 December
    code, _, err = run_cli(capsys, "extract", str(f), "--date", "soon")
    assert code == 2 and "error: --date" in err


def test_a_page_date_in_the_html_metadata_is_used(tmp_path, capsys):
    f = tmp_path / "page.html"
    f.write_text(
        '<html><head><meta property="article:published_time" content="2026-01-10T08:00:00Z"></head>'
        "<body><p>The framework agreed last month would cap Ukraine's army at 800,000 in peacetime.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "extract", str(f), "--no-progress", "--plans", str(PLANS))
    assert [c["plan"] for c in json.loads(out)["claims"]] == ["ua-20-point"]


def test_an_html_quote_keeps_the_negation_set_in_an_inline_tag():
    from plandiff.extract.text import html_to_text

    text = html_to_text(
        "<html><body><p>Zelensky's 20-point plan <em>no longer</em> requires Kyiv to "
        "renounce NATO membership.</p></body></html>"
    )
    ex = extractor_for(plan_context(PLANS))
    c = next(c for c in ex.extract(text, "t") if c.provision == "nato.accession")
    assert (c.plan, c.value, c.stance) == ("ua-20-point", "not-barred", "changed")
    assert c.quote.startswith("no longer") and text[c.start : c.end] == c.quote
