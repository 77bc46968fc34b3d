"""`plandiff extract`: accuracy on the hand-written gold set, exact quotes, formats, HTML, streaming, --propose."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from plandiff.cli import main
from plandiff.extract import SCHEMA, extractor_for, plan_context
from plandiff.extract.text import html_to_text
from plandiff.load.values import check
from plandiff.taxonomy import default_taxonomy
from tests.support.paths import EXTRACT_GOLD, PLANS, REPO

SOURCES = PLANS / "sources"
GOLD = yaml.safe_load((EXTRACT_GOLD / "gold.yaml").read_text(encoding="utf-8"))
PRECISION_TARGET, RECALL_TARGET = 0.9, 0.8


@pytest.fixture(scope="module")
def extractor():
    return extractor_for(plan_context(PLANS))


def article(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(extractor) -> tuple[float, float, list[str]]:
    """Precision and recall of the extractor against the gold set, with the misses listed."""
    tp = fp = fn = 0
    report = []
    for name, gold in GOLD["articles"].items():
        text = article(name)
        claims = extractor.extract(text, name)
        used = set()
        for g in gold:
            at = text.find(g["quote"])
            assert at >= 0, f"gold quote not in {name}: {g['quote']!r}"
            span = (at, at + len(g["quote"]))
            hit = None
            for i, c in enumerate(claims):
                if i in used:
                    continue
                if (c.plan, c.provision, c.stance, c.value) == (
                    g["plan"],
                    g["provision"],
                    g["stance"],
                    g["value"],
                ) and _overlap((c.start, c.end), span):
                    hit = i
                    break
            if hit is None:
                fn += 1
                report.append(f"missed  {name}: {g['plan']} {g['provision']} {g['stance']} {g['value']}")
            else:
                used.add(hit)
                tp += 1
        for i, c in enumerate(claims):
            if i not in used:
                fp += 1
                report.append(f"extra   {name}: {c.plan} {c.provision} {c.stance} {c.value} {c.quote!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, report


def test_accuracy_on_gold_set(extractor):
    precision, recall, report = score(extractor)
    print(f"\nextract gold set: precision {precision:.2f}, recall {recall:.2f}")
    for line in report:
        print("  " + line)
    assert precision >= PRECISION_TARGET, report
    assert recall >= RECALL_TARGET, report


def test_every_quote_is_exact_and_every_value_valid(extractor):
    tax = default_taxonomy()
    for f in sorted(SOURCES.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for c in extractor.extract(text, str(f)):
            assert text[c.start : c.end] == c.quote
            assert c.stance in ("included", "omitted", "rejected", "changed")
            assert tax.get(c.provision) is not None
            if c.value is not None:
                assert check(tax.get(c.provision).value, c.value) == [], (c.provision, c.value)
            if c.stance == "omitted":
                assert c.value is None


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_document(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code, out, _ = run_cli(capsys, "extract", "plans/sources/002_7ded3184a7ecd17b.txt", "--no-progress")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == SCHEMA
    keys = ["source", "start", "end", "quote", "plan", "provision", "value", "stance", "relative_to", "confidence"]
    for c in doc["claims"]:
        assert list(c)[: len(keys)] == keys
    assert {(c["plan"], c["provision"], c["stance"]) for c in doc["claims"]} >= {
        ("e3-counterproposal", "territory.recognition", "omitted"),
        ("e3-counterproposal", "military.troop_cap", "changed"),
    }


@pytest.mark.parametrize("fmt", ["yaml", "text", "jsonl"])
def test_cli_other_formats(capsys, monkeypatch, fmt):
    monkeypatch.chdir(REPO)
    code, out, _ = run_cli(
        capsys, "extract", "plans/sources/004_3c5c0ab8d8f163a3.txt", "--format", fmt, "--no-progress"
    )
    assert code == 0
    assert "ceasefire.air_sea" in out
    if fmt == "yaml":
        assert yaml.safe_load(out)["schema"] == SCHEMA
    if fmt == "jsonl":
        assert all(json.loads(line)["provision"] for line in out.splitlines())


PAGE = """<!doctype html><html><head><title>Peace plan</title><script>var x = "cap of 600,000 troops";</script>
<style>.a{}</style></head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> 28-point plan news</nav></header>
<div class="newsletter-signup">Sign up for our newsletter: the 28-point plan in your inbox</div>
<article><h1>Europe answers the US draft</h1>
<p>The European counterproposal sets a cap on Ukraine&#8217;s armed forces at 800,000 personnel in peacetime.</p>
<p>Unlike the European text, the 28-point plan would bar Ukraine from ever joining NATO.</p>
<ul class="share-links"><li>Share on Facebook</li><li>Tweet</li></ul>
</article><aside class="related">Related: the 28-point plan would cap the army at 600,000</aside>
<footer>© News Corp</footer></body></html>"""


def test_html_boilerplate_is_removed_and_offsets_index_the_emitted_text(tmp_path, capsys):
    text = html_to_text(PAGE)
    assert "Europe answers the US draft" in text
    for junk in ("Home", "newsletter", "Share on Facebook", "Related", "News Corp", "var x", "Peace plan"):
        assert junk not in text
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "extract", str(f), "--emit-text")
    assert code == 0 and out.rstrip("\n") == text
    code, out, _ = run_cli(capsys, "extract", str(f), "--no-progress", "--plans", str(PLANS))
    claims = json.loads(out)["claims"]
    assert all(text[c["start"] : c["end"]] == c["quote"] for c in claims)
    got = {(c["plan"], c["provision"], json.dumps(c["value"], sort_keys=True)) for c in claims}
    assert (
        "e3-counterproposal",
        "military.troop_cap",
        json.dumps({"personnel": 800000, "scope": "peacetime"}, sort_keys=True),
    ) in got
    assert ("us-28-point", "nato.accession", '"barred"') in got
    assert not any(c["value"] == {"personnel": 600000} for c in claims)  # the cap in the sidebar is gone


def test_jsonl_input_streams_in_order_on_two_jobs(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    lines = []
    for n, f in enumerate(sorted(SOURCES.glob("*.txt")) * 3):
        rec = {"id": f"doc-{n}", "text": f.read_text(encoding="utf-8")}
        if n % 2:
            rec = {"url": f"https://example.org/{n}", "html": "<p>" + rec["text"].replace("\n\n", "</p><p>") + "</p>"}
        lines.append(json.dumps(rec))
    src = tmp_path / "articles.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out1, err = run_cli(capsys, "extract", str(src), "--jobs", "2")
    assert code == 0 and err == ""  # no progress bar when not on a terminal
    code, out2, _ = run_cli(capsys, "extract", str(src), "--jobs", "1", "--no-progress")
    assert out1 == out2
    sources = [json.loads(line)["source"] for line in out1.splitlines()]
    assert sources[0] == "doc-0" and "https://example.org/1" in sources
    order = [int(s.rsplit("-", 1)[1]) if s.startswith("doc-") else int(s.rsplit("/", 1)[1]) for s in sources]
    assert order == sorted(order)


def test_bad_jsonl_line_is_reported(tmp_path, capsys):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "extract", str(src), "--no-progress", "--jobs", "1")
    assert code == 2 and "bad.jsonl:1" in err and "bad.jsonl:2" in err


def test_propose_reproduces_the_plan_files(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code, out, _ = run_cli(capsys, "extract", "plans/sources", "--propose", "--no-progress", "--no-color")
    assert code == 0, out  # nothing the plan files lack
    assert "0 proposed edit(s)" in out
    assert "e3-counterproposal: military.troop_cap changed" in out.split("== Already in the plan files ==")[1]
    assert "a party's position" in out  # rejected claims are listed, not applied


def test_propose_flags_what_the_plan_files_lack_and_drafts_pass_check(tmp_path, capsys, monkeypatch):
    plans = tmp_path / "plans"
    import shutil

    shutil.copytree(PLANS, plans)
    new = plans / "sources" / "900_new.txt"
    new.write_text(
        "The Jeddah statement provides for a 30-day interim ceasefire along the entire front line. "
        "The 28-point plan would cap Ukraine's army at 600,000 troops.\n\n"
        "The European counterproposal drops the amnesty clause.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    code, out, err = run_cli(
        capsys,
        "extract",
        str(new),
        "--plans",
        str(plans),
        "--propose",
        "--no-progress",
        "--no-color",
        "--write-drafts",
        str(drafts),
    )
    assert code == 1, out + err
    assert "us-28-point: military.troop_cap included — adds evidence" in out
    assert "jeddah-truce → jeddah-truce" in out
    assert "e3-counterproposal: amnesty omitted" in out
    assert (drafts / "us-28-point.yaml").read_text(encoding="utf-8").startswith("# Draft proposed")
    assert main(["check", str(drafts), "-q"]) == 0
    capsys.readouterr()
    # a second run may replace its own drafts, but never the plan files
    code, _, err = run_cli(
        capsys, "extract", str(new), "--plans", str(plans), "--propose", "--no-progress", "--write-drafts", str(plans)
    )
    assert code == 2 and "refusing" in err


def test_cli_startup_does_not_load_the_extractor():
    code = "import sys, plandiff.cli; print(any(m.startswith(('lxml', 'plandiff.extract')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_write_drafts_never_overwrites_what_it_did_not_write(tmp_path, capsys, monkeypatch):
    import shutil

    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    new = plans / "sources" / "901_new.txt"
    new.write_text("The European counterproposal drops the amnesty clause.\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    mine = drafts / "e3-counterproposal.yaml"
    mine.write_text("# my own notes\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["extract", str(new), "--plans", str(plans), "--propose", "--no-progress", "--write-drafts", str(drafts)]
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and "refusing to overwrite" in err
    assert mine.read_text(encoding="utf-8") == "# my own notes\n"
    mine.unlink()
    code, _, err = run_cli(capsys, *args)
    assert code == 1 and "wrote" in err
    code, _, err = run_cli(capsys, *args)  # its own drafts it may replace
    assert code == 1, err
    with open(plans / "jeddah-truce.yaml", "a", encoding="utf-8") as fh:
        fh.write("# an analyst's later edit\n")  # the copy in drafts/ is now stale, and still ours
    code, _, err = run_cli(capsys, *args)
    assert code == 1, err
    assert (drafts / "jeddah-truce.yaml").read_text(encoding="utf-8").endswith("# an analyst's later edit\n")
    code, _, err = run_cli(
        capsys,
        "extract",
        str(PLANS / "sources"),
        "--plans",
        str(PLANS),
        "--propose",
        "--no-progress",
        "--write-drafts",
        str(tmp_path / "none"),
    )
    assert code == 0 and "nothing to draft" in err and not (tmp_path / "none").exists()
