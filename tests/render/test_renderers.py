"""Every renderer handles every change kind; typed descriptions, escaping, colour and exit codes on real plans.

Real plans are read from the repository's plans/ directory; commands that
could write (apply) run on a copy in tmp_path.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import sys

import pytest
import yaml

from plandiff.cli import main
from plandiff.diff import diff_plans
from plandiff.diff.across import LEGEND
from plandiff.diff.changes import KIND_NAMES, KINDS, MIRROR, Change, ChangeSet, Detail, Unchanged
from plandiff.lineage import lineage_order
from plandiff.load import load_plan, plan_from_data
from plandiff.model import Evidence, Plan, Provision, Source
from plandiff.render import text as text_mod
from plandiff.render.json_report import change_to_json, changeset_to_json
from plandiff.render.markdown import MarkdownReport, md_escape, render_markdown
from plandiff.render.style import Style
from plandiff.render.text import TextReport, render_text
from tests.support.paths import PLANS

REAL_IDS = [
    "jeddah-truce",
    "us-framework-apr2025",
    "ua-eu-london-apr2025",
    "ua-istanbul-memorandum",
    "ru-istanbul-memorandum",
    "eu-ua-12-point",
    "us-28-point",
    "us-guarantee-draft-nov2025",
    "e3-counterproposal",
    "eu-24-point",
    "geneva-revised",
    "ua-revised-20pt-dec2025",
    "eu-berlin-statement",
    "multilateral-guarantee-framework",
    "us-ua-bilateral-guarantee",
    "ua-20-point",
    "paris-declaration",
    "prosperity-plan",
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def real(plan_id: str) -> Plan:
    loaded = load_plan(PLANS / f"{plan_id}.yaml", verify_quotes=False)
    assert loaded.plan is not None and not loaded.diagnostics, [str(d) for d in loaded.diagnostics]
    return loaded.plan


def change(cs: ChangeSet, key: str) -> Change:
    return next(c for c in cs.changes if c.key == key)


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- one change set per kind ---------------------------------------------------

SOURCES = (Source("art", file="sources/art.txt"), Source("rep", url="https://example.org/r", outlet="Wire"))
EV = (Evidence("art", quote="capped at 600,000"),)
EV2 = (Evidence("rep", note="a second report"),)


def prov(key: str, **kw) -> Provision:
    base = {
        "point": 6,
        "summary": "The army is capped.",
        "value": {"personnel": 600000, "scope": "peacetime"},
        "evidence": EV,
    }
    base.update(kw)
    return Provision(key, **base)


def plan(pid: str, *provisions: Provision, coverage: str = "full-text") -> Plan:
    """A version whose full text is known (so a key it lacks is one it does not hold), unless partial."""
    return Plan(
        id=pid,
        title=f"Plan {pid}",
        date="2025-11-20",
        status="leaked-draft",
        sources=SOURCES,
        provisions={p.key: p for p in provisions},
        coverage=coverage,
        coverage_source="rep" if coverage == "full-text" else None,
    )


CAP = "military.troop_cap"
KIND_PAIRS = {
    "added": (plan("old-plan"), plan("new-plan", prov(CAP))),
    "dropped": (plan("old-plan", prov(CAP)), plan("new-plan")),
    "changed": (
        plan("old-plan", prov(CAP)),
        plan(
            "new-plan",
            prov(CAP, value={"personnel": 800000, "scope": "peacetime"}, summary="The army is capped higher."),
        ),
    ),
    "renumbered": (plan("old-plan", prov(CAP)), plan("new-plan", prov(CAP, point="6a"))),
    "reworded": (plan("old-plan", prov(CAP)), plan("new-plan", prov(CAP, summary="Our words for it changed."))),
    "recited": (plan("old-plan", prov(CAP)), plan("new-plan", prov(CAP, evidence=EV + EV2))),
    "unreported": (plan("old-plan", coverage="partial"), plan("new-plan", prov(CAP))),
    "unchanged": (plan("old-plan", prov(CAP)), plan("new-plan", prov(CAP))),
}


def shows(kind: str, text: str, md: str) -> bool:
    """Whether the text and Markdown reports name the change as its kind requires."""
    text = ANSI.sub("", text)
    if kind == "unreported":  # one compact group per silent version, not a line of its own
        return (
            re.search(rf"Not reported in [\w-]+ \(1\): {re.escape(CAP)}", text) is not None
            and re.search(rf"\*\*Not reported in [\w-]+\*\* \(1\): `{re.escape(CAP)}`", md) is not None
        )
    return f"{kind:<10} {CAP}" in text and f"**{kind}** `{CAP}`" in md


def test_every_kind_has_a_pair_here():
    assert set(KIND_PAIRS) == set(KIND_NAMES)


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_every_renderer_renders_every_kind(kind):
    old, new = KIND_PAIRS[kind]
    cs = diff_plans(old, new)
    c = change(cs, CAP)
    assert c.kind == kind
    for show_all in (False, True):
        listed = kind != "unchanged" or show_all
        for style in (Style(False), Style(True)):
            assert shows(kind, render_text(cs, style, show_all), render_markdown(cs, show_all)) == listed
        doc = json.loads(json.dumps(changeset_to_json(cs, show_all)))
        assert [ch["kind"] for ch in doc["changes"]] == ([kind] if listed else [])
        assert doc["counts"][kind] == 1
        assert doc["differences"] == (1 if c.difference else 0)


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_synthetic_change_of_every_kind_renders(kind):
    """Each renderer on a hand-built change of each class (no differ involved)."""
    cls = next(k for k in KINDS if k.kind == kind)
    old, new = KIND_PAIRS["changed"]
    c = cls(
        key=CAP,
        label="Troop cap",
        topic="military",
        old=old.provisions[CAP],
        new=new.provisions[CAP],
        fields=("value", "summary"),
        details=(Detail("", "600,000", "800,000 personnel", "+200,000"),),
        words=((0, "The army is capped"), (1, " higher"), (0, ".")),
        old_state="unreported" if kind == "unreported" else "held",
    )
    cs = ChangeSet(old=old, new=new, changes=(c,))
    for show_all in (False, True):
        text = render_text(cs, Style(False), show_all)
        md = render_markdown(cs, show_all)
        doc = changeset_to_json(cs, show_all)
        assert shows(kind, text, md) == (kind != "unchanged" or show_all)
        assert change_to_json(c)["kind"] == kind
        assert json.loads(json.dumps(doc))["changes"][0]["kind"] == kind


@pytest.mark.parametrize("kind", KIND_NAMES)
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_cli_formats_render_every_kind(kind, fmt, tmp_path, capsys):
    old, new = KIND_PAIRS[kind]
    for p in (old, new):
        (tmp_path / f"{p.id}.yaml").write_text(yaml.safe_dump(p.to_data(), sort_keys=False), encoding="utf-8")
    for extra in ([], ["--all"], ["--color"]):
        code, out, err = cli(capsys, "diff", "old-plan", "new-plan", "--plans", str(tmp_path), "--format", fmt, *extra)
        assert code == 1, err  # the versions differ (ids, titles), whatever the provision did
        assert err == ""
        if fmt == "json":
            doc = json.loads(out)
            assert doc["schema"] == "plandiff.diff/2"
            listed = kind != "unchanged" or extra == ["--all"]
            assert [c["kind"] for c in doc["changes"]] == ([kind] if listed else [])
        elif kind != "unchanged" or extra == ["--all"]:
            assert CAP in out


def test_silence_rewording_and_evidence_are_not_differences(tmp_path, capsys):
    """The exit status counts only what the plan itself does: the same version with another
    summary, new evidence or a silent side exits 0."""
    base = prov(CAP)
    for edited in (prov(CAP, summary="Our words changed."), prov(CAP, evidence=EV + EV2)):
        cs = diff_plans(plan("p", base), plan("p", edited))
        assert not cs.differs and cs.edited and cs.differences == 0
    cs = diff_plans(plan("p", coverage="partial"), plan("p", base, coverage="partial"))
    assert [c.kind for c in cs.changes] == ["unreported"] and not cs.differs


def test_each_renderer_has_a_handler_for_each_kind():
    for renderer in (TextReport, MarkdownReport):
        for k in KINDS:
            assert callable(getattr(renderer, f"_render_{k.__name__}", None)), (
                f"{renderer.__name__} has no _render_{k.__name__}: a new change kind needs a handler in every renderer"
            )
    for k in KINDS:
        assert k.kind in text_mod._MARK, f"render/text.py _MARK has no mark for {k.kind!r}"
        assert k.kind in MIRROR and MIRROR[MIRROR[k.kind]] == k.kind


def test_a_kind_without_a_handler_fails_loudly():
    """The renderers dispatch on the class name, so the test above is what guards a new kind."""

    @dataclasses.dataclass(frozen=True)
    class Merged(Change):
        kind = "merged"

    old, new = KIND_PAIRS["changed"]
    c = Merged(
        key=CAP,
        label="Troop cap",
        topic="military",
        old=old.provisions[CAP],
        new=new.provisions[CAP],
        fields=("value",),
    )
    cs = ChangeSet(old=old, new=new, changes=(c,))
    with pytest.raises((AttributeError, KeyError)):
        render_text(cs)
    with pytest.raises((AttributeError, KeyError)):
        render_markdown(cs)


# --- typed descriptions on the real plans -------------------------------------------


def test_us_28_to_e3_typed_descriptions():
    cs = diff_plans(real("us-28-point"), real("e3-counterproposal"))
    cap = change(cs, "military.troop_cap")
    assert cap.kind == "changed"
    assert cap.description == "Troop cap: 600,000 → 800,000 personnel (+200,000, +33%); scope: unqualified → peacetime"
    for part in ("600,000", "800,000 personnel", "+200,000", "+33%", "scope: unqualified → peacetime"):
        assert part in cap.description
    nato = change(cs, "nato.accession")
    assert nato.kind == "changed"
    assert "barred-constitutionally → depends-on-allied-consensus" in nato.description
    crimea = change(cs, "territory.crimea")
    assert crimea.kind == "dropped"
    assert "reported omitted" in crimea.description
    assert crimea.new is not None and crimea.new.omitted  # the E3 entry and its evidence are kept
    guarantee = change(cs, "security.guarantee")
    assert "article 5 like: false → true" in guarantee.description
    assert "strength: reliable → robust" in guarantee.description
    # a drop is a provision the E3 text is known not to hold, never one it is silent on
    assert all(c.new_state == "omitted" for c in cs.changes if c.kind == "dropped")
    # our own rewording and new citations are not changes of the plan
    for key in (
        "russia.g8",
        "sovereignty",
        "eu.membership",
        "nuclear.non_nuclear_status",
        "non_aggression.legislation",
    ):
        assert change(cs, key).kind == "reworded", key


def test_us_28_to_ua_20_guarantee_members_and_compensation():
    cs = diff_plans(real("us-28-point"), real("ua-20-point"))
    g = change(cs, "security.guarantee")
    assert g.kind == "changed"
    assert "guarantors: +NATO, +European signatories" in g.description
    assert "compensation to us: true → false" in g.description
    assert "article 5 like: false → true" in g.description
    # the 15-year term belongs to the bilateral guarantee document, not to the 20 points
    assert "disputed" not in g.description and "duration" not in g.description
    assert (
        "Troop cap: point: 6 → 4; 600,000 → 800,000 personnel (+200,000, +33%)"
        in change(cs, "military.troop_cap").description
    )


def test_a_dispute_that_settles_is_described():
    cs = diff_plans(real("geneva-revised"), real("ua-20-point"))
    cap = change(cs, "military.troop_cap")
    assert "dispute settled" in cap.description
    assert "dropped → 800,000 personnel (peacetime)" in cap.description
    # omitted in Geneva, not in the 20-point text: out of both, and the report says why
    amnesty = change(cs, "amnesty")
    assert amnesty.kind == "unchanged" and not amnesty.difference
    assert (
        "in neither version (reported omitted in geneva-revised; not in the full text of ua-20-point)"
        in amnesty.description
    )


def test_cli_diff_on_real_plans(capsys):
    code, out, err = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(PLANS))
    assert code == 1 and err == ""
    assert "    Troop cap: 600,000 → 800,000 personnel (+200,000, +33%); scope: unqualified → peacetime\n" in out
    assert "~ changed    military.troop_cap (point 6)" in out
    assert "- dropped    territory.crimea (point 21)" in out
    assert "+ added      territory.no_military_recovery (point 21)" in out


# --- Markdown escaping and word diffs -----------------------------------------------

HOSTILE = "*bold* _x_ [link](javascript:alert(1)) <script>"


def test_markdown_escapes_plan_text():
    old = plan(
        "old-plan",
        Provision(
            "territory.general",
            21,
            "Ukraine cedes land.",
            "Ukraine cedes land.",
            evidence=(Evidence("art", quote=HOSTILE),),
        ),
    )
    new = dataclasses.replace(
        plan(
            "new-plan",
            Provision(
                "territory.general",
                21,
                f"Ukraine cedes {HOSTILE} land.",
                HOSTILE,
                evidence=(Evidence("rep", note=HOSTILE),),
            ),
        ),
        title=HOSTILE,
    )
    md = render_markdown(diff_plans(old, new))
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\*bold\\*" in md and "\\_x\\_" in md
    assert "\\[link\\](javascript:alert(1))" in md
    assert "[link](" not in md
    assert re.search(r"(?<!\\)\*bold", md) is None and re.search(r"(?<!\\)_x", md) is None
    # the plan's own words appear escaped in the title line, the description, the summary diff and the evidence
    assert md.count("&lt;script&gt;") >= 4


def test_markdown_plan_text_cannot_start_a_heading_or_list():
    old = dataclasses.replace(plan("old-plan", prov(CAP)), title="# Big heading")
    new = dataclasses.replace(plan("new-plan", prov(CAP)), title="1. First item")
    md = render_markdown(diff_plans(old, new))
    assert "\n\\# Big heading (2025-11-20; full text) → 1\\. First item (2025-11-20; full text)\n" in md


def test_word_diff_in_markdown_and_text():
    old = plan("old-plan", prov(CAP, summary="Ukraine may keep a small army in peacetime."))
    new = plan("new-plan", prov(CAP, summary="Ukraine may keep a large army in peacetime."))
    cs = diff_plans(old, new)
    c = change(cs, CAP)
    assert c.fields == ("summary",) and c.kind == "reworded"  # our summary, not the plan, moved
    assert "military.troop_cap (point 6): summary reworded" in render_text(cs)
    md, text = render_markdown(cs, evidence="full"), render_text(cs, evidence="full")
    assert "  - summary: Ukraine may keep a ~~small~~**large** army in peacetime." in md
    assert "    summary: Ukraine may keep a [-small-]{+large+} army in peacetime." in text


def test_word_diff_markup_stays_markup_next_to_punctuation():
    """`Russia~~, Ukraine~~` would show its tildes on GitHub (a run before punctuation needs
    whitespace or punctuation in front to open); such pieces use <del>/<ins>."""
    old = plan("old-plan", prov(CAP, summary="Russia, Ukraine and Europe agree."))
    new = plan("new-plan", prov(CAP, summary="Russia and Europe agree, firmly."))
    md = render_markdown(diff_plans(old, new), evidence="full")
    line = next(ln for ln in md.splitlines() if ln.startswith("  - summary:"))
    assert "Russia<del>, Ukraine</del> and Europe agree" in line
    for m in re.finditer(r"(~~|\*\*)(.+?)\1", line):
        before = line[m.start() - 1]
        assert not (before.isalnum() and not m.group(2)[0].isalnum() and m.group(2)[0] != "\\"), line


# --- colour ---------------------------------------------------------------------------


def test_no_colour_when_not_a_terminal(capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    code, out, _ = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(PLANS))
    assert code == 1 and "\x1b[" not in out


def test_colour_with_flag_and_on_a_terminal(capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    code, out, _ = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(PLANS), "--color")
    assert code == 1 and "\x1b[" in out
    assert "\x1b[33;1m~ changed   \x1b[0m military.troop_cap" in out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(PLANS))
    assert "\x1b[" in out


def test_no_color_env_wins_unless_color_flag(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # even on a terminal
    _, out, _ = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(PLANS))
    assert "\x1b[" not in out
    _, out, _ = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(PLANS), "--color")
    assert "\x1b[" in out
    _, out, _ = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(PLANS), "--no-color")
    assert "\x1b[" not in out


def test_markdown_and_json_never_coloured(capsys):
    for fmt in ("markdown", "json"):
        _, out, _ = cli(
            capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(PLANS), "--format", fmt, "--color"
        )
        assert "\x1b[" not in out


# --- exit codes -----------------------------------------------------------------------


def test_exit_0_when_identical(capsys):
    code, out, err = cli(capsys, "diff", "us-28-point", "us-28-point", "--plans", str(PLANS))
    assert code == 0 and "No differences." in out and err == ""


def test_exit_1_when_different(capsys):
    code, _, _ = cli(capsys, "diff", "us-28-point", "ua-20-point", "--plans", str(PLANS), "--format", "json")
    assert code == 1


def test_exit_2_for_a_missing_plan(capsys):
    code, out, err = cli(capsys, "diff", "us-28-point", "no-such-plan", "--plans", str(PLANS))
    assert code == 2
    assert out == ""
    assert "plandiff diff: no plan 'no-such-plan' in" in err
    assert "Traceback" not in err


def test_exit_2_for_broken_yaml(tmp_path, capsys):
    bad = tmp_path / "broken.yaml"
    bad.write_text("schema: plandiff/1\nid: broken\ntitle: [unclosed\n", encoding="utf-8")
    code, out, err = cli(capsys, "diff", str(PLANS / "us-28-point.yaml"), str(bad))
    assert code == 2 and out == ""
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error: invalid YAML", err, re.M), err
    assert "Traceback" not in err


def test_exit_2_for_an_invalid_plan(tmp_path, capsys):
    bad = tmp_path / "wrong.yaml"
    text = (PLANS / "us-28-point.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("barred-constitutionally", "barred-constitutionaly", 1), encoding="utf-8")
    code, _, err = cli(capsys, "diff", str(PLANS / "us-28-point.yaml"), str(bad))
    assert code == 2
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error: unknown value 'barred-constitutionaly'", err, re.M)


def test_a_copy_under_another_name_can_be_compared(tmp_path, capsys):
    """Saved copies, apply results and git show dumps carry the id of the plan, not their file name."""
    copy = tmp_path / "us-28-point.saved-copy.yaml"
    copy.write_bytes((PLANS / "us-28-point.yaml").read_bytes())
    code, out, err = cli(capsys, "diff", str(copy), str(PLANS / "us-28-point.yaml"))
    assert (code, err) == (0, "")
    assert "No differences." in out


def test_a_mistyped_plan_id_gets_a_suggestion(capsys):
    code, _, err = cli(capsys, "diff", "us-28-pont", "e3-counterproposal", "--plans", str(PLANS))
    assert code == 2
    assert "no plan 'us-28-pont'" in err and "did you mean 'us-28-point'?" in err


# --- history and matrix -------------------------------------------------------------------


def test_history_lists_all_versions_in_lineage_order(capsys):
    code, out, err = cli(capsys, "history", "military.troop_cap", "--plans", str(PLANS))
    assert code == 0 and err == ""
    assert out.startswith("Troop cap (military.troop_cap) across 18 versions\n")
    body = out.rsplit("\n\n", 1)[0]  # the legend follows the versions
    heads = [ln.split(" ", 1)[0] for ln in body.splitlines() if ln and not ln.startswith((" ", "Troop cap"))]
    assert heads == REAL_IDS
    # the order respects lineage: each version after what it revises or answers
    plans = {p: real(p) for p in REAL_IDS}
    for i, pid in enumerate(heads):
        for parent in (plans[pid].revises, plans[pid].responds_to):
            if parent:
                assert heads.index(parent) < i
    assert [p.id for p in lineage_order(list(plans.values()))] == REAL_IDS
    assert "jeddah-truce (2025-03-11): —  [not in the full text]" in out
    assert out.rstrip().endswith(LEGEND)
    assert "us-28-point (2025-11-20, point 6): 600,000 personnel (unqualified)" in out
    assert "eu-24-point (2025-11-23): no-cap" in out
    assert "geneva-revised (2025-11-23): ⚠ omitted | 800,000 personnel (peacetime)" in out
    assert "    evidence: claim 1: Caliber.az" in out
    assert (
        '    evidence: claim 2: article a000, 2025-11-25 "a cap on the Ukrainian armed forces at 800,000 personnel during peacetime"'
        " [attribution uncertain]" in out
    )
    assert "ua-20-point (2025-12-23, point 4): 800,000 personnel (peacetime)" in out


def test_history_unknown_key(capsys):
    code, out, err = cli(capsys, "history", "military.troop_capp", "--plans", str(PLANS))
    assert code == 2 and "did you mean 'military.troop_cap'?" in err


def test_matrix_csv(capsys):
    code, out, _ = cli(capsys, "matrix", "--format", "csv", "--plans", str(PLANS))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["key", "provision"] + REAL_IDS
    by_key = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    cap = by_key["military.troop_cap"]
    assert cap["jeddah-truce"] == "not in the full text"
    assert cap["us-28-point"] == "600,000 personnel (unqualified)"
    assert cap["geneva-revised"] == "disputed: omitted | 800,000 personnel (peacetime)"
    assert cap["eu-24-point"] == "no-cap"
    assert by_key["territory.no_forcible_change"]["eu-24-point"] == "held, value not reported"
    assert by_key["territory.crimea"]["e3-counterproposal"] == "reported omitted"
    assert by_key["sovereignty"]["jeddah-truce"] == "not in the full text"
    assert by_key["elections"]["geneva-revised"] == "not reported"  # partial: silence is not absence
    assert by_key["custom.negotiating_teams"]["provision"] == "negotiating teams"  # a custom key, humanised
    assert all(len(r) == len(rows[0]) for r in rows)


def test_matrix_json(capsys):
    code, out, _ = cli(capsys, "matrix", "--format", "json", "--plans", str(PLANS))
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "plandiff.matrix/2" and doc["versions"] == REAL_IDS
    assert doc["legend"] == LEGEND and doc["coverage"]["geneva-revised"] == "partial"
    rows = {r["key"]: r for r in doc["rows"]}
    cells = rows["military.troop_cap"]["cells"]
    assert cells["jeddah-truce"] == {
        "presence": "omitted",
        "state": "absent",
        "text": "—",
        "words": "not in the full text",
        "point": None,
        "value": None,
        "claims": [],
    }
    assert rows["elections"]["cells"]["geneva-revised"]["presence"] == "unreported"
    assert cells["geneva-revised"]["state"] == "disputed" and len(cells["geneva-revised"]["claims"]) == 2
    assert cells["us-28-point"]["value"] == {"personnel": 600000, "scope": "unqualified"}
    assert cells["us-28-point"]["point"] == 6
    assert rows["territory.crimea"]["cells"]["e3-counterproposal"]["state"] == "omitted"
    assert rows["territory.no_forcible_change"]["cells"]["eu-24-point"]["state"] == "unknown"
    assert rows["territory.no_forcible_change"]["cells"]["eu-24-point"]["text"] == "?"


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_matrix_markdown_and_text(fmt, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = cli(capsys, "matrix", "--format", fmt, "--plans", str(PLANS))
    assert code == 0
    table, legend = out.rstrip().rsplit("\n\n", 1)
    if fmt == "markdown":
        assert legend == md_escape(LEGEND)
    else:  # wrapped to the width: entries joined by " · ", a wrapped entry's continuation indented
        assert max(map(len, legend.splitlines())) <= 120
        assert legend.replace("\n  ", " ").replace("\n", " · ") == LEGEND
    assert "⚠" in table and "?" in table and "n/r" in table and "—" in table
    if fmt == "markdown":
        assert out.startswith("| provision | " + " | ".join(REAL_IDS) + " |\n|---|")
        assert (
            "| Troop cap (`military.troop_cap`) | — | ⚠ omitted \\| no-cap | no-cap | no-cap | cap-unspecified | n/r "
            "| 600,000 personnel (unqualified) |"
        ) in out
    else:
        assert "\x1b[" not in out


# --- apply ------------------------------------------------------------------------------


def test_apply_rebuilds_new(plans_copy, tmp_path, capsys):
    code, out, _ = cli(
        capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(plans_copy), "--format", "json"
    )
    assert code == 1
    changes = tmp_path / "changes.json"
    changes.write_text(out, encoding="utf-8")
    code, out, err = cli(capsys, "apply", "us-28-point", str(changes), "--plans", str(plans_copy))
    assert code == 0, err
    rebuilt, problems = plan_from_data(yaml.safe_load(out))
    assert problems == []
    assert rebuilt == real("e3-counterproposal")
    target = tmp_path / "out.yaml"
    code, out, err = cli(capsys, "apply", "us-28-point", str(changes), "--plans", str(plans_copy), "-o", str(target))
    assert code == 0 and out == ""
    assert plan_from_data(yaml.safe_load(target.read_text(encoding="utf-8")))[0] == real("e3-counterproposal")


def test_apply_refuses_changes_made_from_another_old(plans_copy, tmp_path, capsys):
    _, out, _ = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(plans_copy), "--format", "json")
    changes = tmp_path / "changes.json"
    changes.write_text(out, encoding="utf-8")
    code, out, err = cli(capsys, "apply", "geneva-revised", str(changes), "--plans", str(plans_copy))
    assert code == 2 and out == ""
    assert "error: cannot apply: the changes were made from 'us-28-point', not from 'geneva-revised'" in err
    # same id, different content: refused provision by provision, like patch(1)
    doc = json.loads(changes.read_text(encoding="utf-8"))
    cap = next(c for c in doc["changes"] if c["key"] == "military.troop_cap")
    cap["old"]["value"]["personnel"] = 500000
    changes.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = cli(capsys, "apply", "us-28-point", str(changes), "--plans", str(plans_copy))
    assert code == 2 and "military.troop_cap: OLD does not hold the provision these changes start from" in err


def test_apply_refuses_to_overwrite_old(plans_copy, tmp_path, capsys):
    _, out, _ = cli(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(plans_copy), "--format", "json")
    changes = tmp_path / "changes.json"
    changes.write_text(out, encoding="utf-8")
    before = (plans_copy / "us-28-point.yaml").read_bytes()
    code, _, err = cli(
        capsys,
        "apply",
        "us-28-point",
        str(changes),
        "--plans",
        str(plans_copy),
        "-o",
        str(plans_copy / "us-28-point.yaml"),
    )
    assert code == 2 and "refusing to write" in err and "inside the plans directory" in err
    assert (plans_copy / "us-28-point.yaml").read_bytes() == before


def test_apply_rejects_broken_json(plans_copy, tmp_path, capsys):
    changes = tmp_path / "changes.json"
    changes.write_text("{not json", encoding="utf-8")
    code, _, err = cli(capsys, "apply", "us-28-point", str(changes), "--plans", str(plans_copy))
    assert code == 2 and re.search(r"changes\.json:1:2: error: (cannot apply: )?invalid JSON", err)


def test_unchanged_hidden_but_counted(capsys):
    cs = diff_plans(*KIND_PAIRS["unchanged"])
    text = render_text(cs)
    assert "1 unchanged (--all lists them)" in text
    assert isinstance(cs.changes[0], Unchanged) and cs.changes[0].fields == ()
    assert "= unchanged  military.troop_cap (point 6)" in render_text(cs, show_all=True)
    cs = diff_plans(*KIND_PAIRS["recited"])  # new evidence is listed apart, with what moved
    assert "military.troop_cap (point 6): evidence (+1)" in render_text(cs)


# --- reports a reader can cite ------------------------------------------------------------


def test_default_report_is_short_and_names_outlets_not_ids():
    cs = diff_plans(real("us-28-point"), real("e3-counterproposal"))
    text = render_text(cs)
    assert len(text.splitlines()) <= 150
    cap = text[text.index("military.troop_cap (point 6)") :].split("\n~ ", 1)[0]
    # no quote states 600,000, so the published full text the version is coded from stands for it
    assert cs.old.coverage_source == "liga-28-points"
    assert "    old: LIGA.net\n" in cap
    assert "a001" not in text  # local articles are named by their outlet where it is known


def test_the_one_citation_shown_is_the_one_that_states_the_figure():
    from plandiff.render.evidence import best_citation, citations

    def plan_with(*evidence, coverage_source=None):
        sources = tuple(
            Source(id=e.source, url=f"https://example.org/{e.source}", outlet=e.source.upper()) for e in evidence
        )
        prov = Provision(key="military.troop_cap", value={"personnel": 600000}, evidence=tuple(evidence))
        plan = Plan(id="p", title="P", sources=sources, provisions={prov.key: prov}, coverage_source=coverage_source)
        return plan, prov

    vague = Evidence(source="vague", quote="accept curbs on its military")
    figure = Evidence(source="figure", quote="an army of no more than 600 000 soldiers")
    unsure = Evidence(source="unsure", quote="a cap of 600,000", attribution="uncertain")
    text = Evidence(source="text")
    plan, prov = plan_with(vague, unsure, figure, text, coverage_source="text")
    assert [c.source_id for c in best_citation(plan, prov, citations(plan, prov))] == ["figure"]
    plan, prov = plan_with(vague, unsure, text, coverage_source="text")
    assert [c.source_id for c in best_citation(plan, prov, citations(plan, prov))] == ["text"]
    plan, prov = plan_with(unsure, vague)
    assert [c.source_id for c in best_citation(plan, prov, citations(plan, prov))] == ["vague"]
    words = Provision(key="nato.accession", value="barred", evidence=(vague, text))
    plan = dataclasses.replace(plan, provisions={"nato.accession": words}, coverage_source="text")
    assert [c.source_id for c in best_citation(plan, words, citations(plan, words))] == ["vague"]  # no figure
    plan, prov = plan_with(unsure)
    assert [c.source_id for c in best_citation(plan, prov, citations(plan, prov))] == ["unsure"]


def test_a_dispute_names_its_reports_by_outlet():
    cs = diff_plans(real("us-28-point"), real("geneva-revised"))
    cap = render_text(cs)
    line = next(ln for ln in cap.splitlines() if "now disputed" in ln)
    assert "Caliber.az" in line and "caliber-19-points" not in line


def test_evidence_modes_show_one_all_or_no_citations():
    cs = diff_plans(real("us-28-point"), real("e3-counterproposal"))
    lines = {mode: render_text(cs, evidence=mode).splitlines() for mode in ("none", "one", "full")}
    cites = {
        mode: [ln for ln in out if re.match(r"    (old|new|both|old and new): ", ln)] for mode, out in lines.items()
    }
    assert cites["none"] == []
    assert len(cites["none"]) < len(cites["one"]) < len(cites["full"])
    head = [ln for ln in lines["one"] if ln.startswith("~ changed    military.troop_cap")]
    assert head and head[0] in lines["full"] and head[0] in lines["none"]


def test_markdown_links_every_external_report_and_names_its_outlet():
    cs = diff_plans(real("us-28-point"), real("e3-counterproposal"))
    md = render_markdown(cs, evidence="full")
    for side, plan_ in (("old", cs.old), ("new", cs.new)):
        for c in cs.changes:
            prov_ = c.old if side == "old" else c.new
            if prov_ is None or not c.difference:
                continue
            for ev in prov_.evidence:
                src = plan_.source(ev.source)
                if src.url:
                    assert f"[{md_escape(src.outlet)}](<{src.url}>)" in md, (c.key, src.id)


def test_a_coarse_summary_diff_says_so_in_every_format():
    """Summaries too long for the word diff's budget are compared by sentence, and the reports say so."""
    long_old = " ".join(f"Clause {i} keeps the army at its size." for i in range(400))
    long_new = long_old.replace("Clause 7 keeps", "Clause 7 lifts", 1)
    old = plan("old-plan", prov(CAP, summary=long_old))
    new = plan("new-plan", prov(CAP, summary=long_new, value={"personnel": 800000, "scope": "peacetime"}))
    cs = diff_plans(old, new)
    c = change(cs, CAP)
    assert c.words.granularity == "sentences"
    assert "summary (too long to compare word by word; compared sentence by sentence):" in render_text(cs)
    assert "too long to compare word by word" in render_markdown(cs)
    assert change_to_json(c)["words_granularity"] == "sentences"
