"""Properties of the differ on generated plans (tests/support/diff_strategies.py).

- a plan compared with itself shows nothing and `plandiff diff` exits 0;
- diff(a, b) mirrors diff(b, a): same keys in the same order, added ↔ dropped,
  old ↔ new swapped, the same `fields`;
- the JSON change set, through json.dumps/json.loads, applied to a gives b;
- every change the JSON carries is named in the text and Markdown reports;
- reordering provisions, sources or top-level fields in the file changes nothing;
- renumber-only, summary-only and evidence-only edits get the kind they should.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import random
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.cli import main
from plandiff.diff import diff_plans
from plandiff.diff.align import key_order
from plandiff.diff.apply import apply_changes
from plandiff.diff.changes import MIRROR, Recited, Renumbered, Reworded, Unchanged
from plandiff.load import load_plan, plan_from_data
from plandiff.model import ABSENT, HELD, SILENT
from plandiff.render.json_report import changeset_to_json
from plandiff.render.markdown import render_markdown
from plandiff.render.text import render_text
from tests.support.diff_strategies import (
    new_evidence,
    new_point,
    plan_and_key,
    plan_pairs,
    plans,
    reword,
    with_provision,
)

FAST = settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow])


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_valid(plan) -> None:
    again, problems = plan_from_data(plan.to_data())
    assert problems == [], f"generated plan is invalid: {problems}\n{dump(plan.to_data())}"
    assert again == plan, "plan_from_data(plan.to_data()) is not the same plan"


# --- the generators themselves ------------------------------------------------


@FAST
@given(plans())
def test_generated_plans_load_without_problems(plan):
    assert_valid(plan)


@FAST
@given(plan_pairs())
def test_generated_pairs_load_without_problems(pair):
    a, b, edits = pair
    assert_valid(a)
    assert_valid(b)


# --- a plan against itself ------------------------------------------------------


@FAST
@given(plans())
def test_diff_with_itself_shows_nothing(plan):
    cs = diff_plans(plan, plan)
    assert not cs.differs
    assert cs.visible() == []
    assert cs.header == {} and not cs.sources_differ
    assert all(isinstance(c, Unchanged) and c.fields == () for c in cs.changes)
    assert [c.key for c in cs.changes] == key_order(plan.provisions)
    assert "No differences." in render_text(cs)
    assert "No differences." in render_markdown(cs)
    assert changeset_to_json(cs)["changes"] == []


@SLOW
@given(plans())
def test_plandiff_diff_exits_0_on_the_same_file_twice(plan):
    text = dump(plan.to_data())
    with tempfile.TemporaryDirectory() as tmp:
        one, two = Path(tmp, "one"), Path(tmp, "two")
        one.mkdir(), two.mkdir()
        (one / f"{plan.id}.yaml").write_text(text, encoding="utf-8")
        (two / f"{plan.id}.yaml").write_text(text, encoding="utf-8")
        loaded = load_plan(one / f"{plan.id}.yaml", verify_quotes=False)
        assert loaded.diagnostics == [], [str(d) for d in loaded.diagnostics]
        assert loaded.plan == plan, "the YAML file does not read back as the plan it was written from"
        for fmt in ("text", "markdown", "json"):
            code, out, err = run_cli(
                ["diff", str(one / f"{plan.id}.yaml"), str(two / f"{plan.id}.yaml"), "--format", fmt]
            )
            assert code == 0, (fmt, out, err)
            assert err == ""
        assert "No differences." in out or json.loads(out)["changes"] == []


# --- mirror ----------------------------------------------------------------------


@FAST
@given(plan_pairs())
def test_diff_mirrors_reverse_diff(pair):
    a, b, edits = pair
    ab, ba = diff_plans(a, b), diff_plans(b, a)
    assert [c.key for c in ab.changes] == [c.key for c in ba.changes], edits
    for x, y in zip(ab.changes, ba.changes):
        assert MIRROR[x.kind] == y.kind, (x.key, x.kind, y.kind, edits)
        assert (x.old_state, x.new_state) == (y.new_state, y.old_state)
        if x.kind == "unreported":  # the silent side flips with the direction
            assert x.silent != y.silent, (x.key, edits)
        assert x.old == y.new and x.new == y.old, (x.key, edits)
        assert x.fields == y.fields, (x.key, edits)
        assert (x.label, x.topic) == (y.label, y.topic)
        if x.words:  # both word diffs spell out both summaries (their alignment may differ)
            assert "".join(t for op, t in x.words if op <= 0) == "".join(t for op, t in y.words if op >= 0)
            assert "".join(t for op, t in x.words if op >= 0) == "".join(t for op, t in y.words if op <= 0)
    assert ab.differs == ba.differs
    assert ab.sources_differ == ba.sources_differ
    assert {k: (o, n) for k, (o, n) in ab.header.items()} == {k: (n, o) for k, (o, n) in ba.header.items()}
    counts_ab, counts_ba = ab.counts(), ba.counts()
    assert counts_ab["added"] == counts_ba["dropped"] and counts_ab["dropped"] == counts_ba["added"]
    assert ab.differences == ba.differences


# --- apply -------------------------------------------------------------------------


@FAST
@given(plan_pairs())
def test_applying_the_json_change_set_to_old_gives_new(pair):
    a, b, edits = pair
    for old, new in ((a, b), (b, a)):
        doc = json.loads(json.dumps(changeset_to_json(diff_plans(old, new)), ensure_ascii=False))
        result = apply_changes(old, doc)
        assert result == new, f"apply(old, diff(old, new)) != new after edits {edits}"
        assert_valid(result)


@FAST
@given(plan_pairs())
def test_applying_with_all_gives_new_too(pair):
    a, b, edits = pair
    doc = json.loads(json.dumps(changeset_to_json(diff_plans(a, b), show_all=True)))
    assert apply_changes(a, doc) == b


# --- every change is reported --------------------------------------------------------


@FAST
@given(plan_pairs())
def test_every_json_change_appears_in_text_and_markdown(pair):
    a, b, edits = pair
    cs = diff_plans(a, b)
    text, md = render_text(cs), render_markdown(cs)
    doc = changeset_to_json(cs)
    flat = " ".join(text.split())  # the "not reported" group wraps its list of keys
    for ch in doc["changes"]:
        if ch["kind"] == "unchanged":
            continue
        if ch["kind"] == "unreported":
            silent = cs.old.id if ch["silent"] == "old" else cs.new.id
            assert re.search(rf"Not reported in {re.escape(silent)} \(\d+\): [^\n]*\b{re.escape(ch['key'])}\b", flat), (
                ch["key"],
                edits,
                text,
            )
            assert f"`{ch['key']}`" in md
            continue
        assert f"{ch['kind']:<10} {ch['key']}" in text, (ch["key"], ch["kind"], edits, text)
        assert f"**{ch['kind']}** `{ch['key']}`" in md, (ch["key"], ch["kind"], edits, md)
    assert f"({cs.differences} difference" in text
    if cs.differs:
        assert "No differences" not in text and "No differences" not in md


# --- what is known: silence is never a difference ---------------------------------


@FAST
@given(plan_pairs())
def test_added_and_dropped_only_where_the_other_side_is_known_not_to_hold_it(pair):
    a, b, edits = pair
    for c in diff_plans(a, b).changes:
        if c.kind == "dropped":
            assert (c.old_state, c.new_state) == (HELD, ABSENT), (c.key, edits)
        elif c.kind == "added":
            assert (c.old_state, c.new_state) == (ABSENT, HELD), (c.key, edits)
        elif SILENT in (c.old_state, c.new_state) and c.old_state != c.new_state:
            assert c.kind == "unreported" and not c.difference, (c.key, edits)


@FAST
@given(plan_pairs(), st.data())
def test_an_unreported_provision_never_counts_as_a_difference(pair, data):
    """Take any pair, make NEW partial and silent on some provision OLD holds: that provision
    leaves the differences, the totals and the exit status, whatever it was before."""
    a, b, edits = pair
    held = [k for k in a.provisions if a.state(k) == HELD]
    if not held:
        return
    key = data.draw(st.sampled_from(held))
    provs = {k: p for k, p in b.provisions.items() if k != key}
    silent_b = dataclasses.replace(b, provisions=provs, coverage="partial", coverage_source=None)
    before = diff_plans(a, dataclasses.replace(b, coverage="partial", coverage_source=None))
    after = diff_plans(a, silent_b)
    change = next(c for c in after.changes if c.key == key)
    assert change.kind == "unreported" and change.silent == "new" and not change.difference
    was = next(c for c in before.changes if c.key == key)
    assert after.differences == before.differences - (1 if was.difference else 0)
    assert change.key not in [c.key for c in after.changes if c.difference]


# --- order in the file is not content ---------------------------------------------------


@SLOW
@given(plans(), st.randoms(use_true_random=False))
def test_reordering_the_file_changes_nothing(plan, rnd: random.Random):
    data = plan.to_data()
    shuffled = dict(data)
    provs = list(data["provisions"].items())
    rnd.shuffle(provs)
    shuffled["provisions"] = dict(provs)
    shuffled["sources"] = rnd.sample(data["sources"], len(data["sources"]))
    keys = list(shuffled)
    rnd.shuffle(keys)
    shuffled = {k: shuffled[k] for k in keys}
    with tempfile.TemporaryDirectory() as tmp:
        one, two = Path(tmp, "one"), Path(tmp, "two")
        one.mkdir(), two.mkdir()
        f1, f2 = one / f"{plan.id}.yaml", two / f"{plan.id}.yaml"
        f1.write_text(dump(data), encoding="utf-8")
        f2.write_text(dump(shuffled), encoding="utf-8")
        p1, p2 = load_plan(f1, verify_quotes=False), load_plan(f2, verify_quotes=False)
        assert p1.diagnostics == [] and p2.diagnostics == []
        cs = diff_plans(p1.plan, p2.plan)
        assert not cs.differs, ([c.key for c in cs.changes if c.fields], cs.header, cs.sources_differ)
        code, out, err = run_cli(["diff", str(f1), str(f2)])
        assert code == 0, out + err
        assert "No differences." in out


# --- targeted edits ----------------------------------------------------------------------


@FAST
@given(plan_and_key(), st.data())
def test_renumbering_only_is_renumbered(pk, data):
    a, key = pk
    b = with_provision(a, key, point=new_point(data.draw, a.provisions[key].point))
    cs = diff_plans(a, b)
    (change,) = [c for c in cs.changes if c.key == key]
    assert change.fields == ("point",)
    if a.provisions[key].point is None or b.provisions[key].point is None:
        # a number only one side knows is missing knowledge, not a renumbering
        assert isinstance(change, Reworded)
        assert change.details[0].label in ("point now known", "point no longer given")
        assert not cs.differs
        return
    assert isinstance(change, Renumbered)
    assert [c.key for c in cs.visible()] == [key]
    assert change.details[0].label == "point"


@FAST
@given(plan_and_key(), st.data())
def test_rewording_only_is_reworded_not_changed(pk, data):
    a, key = pk
    b = with_provision(a, key, summary=reword(data.draw, a.provisions[key].summary))
    cs = diff_plans(a, b)
    (change,) = [c for c in cs.changes if c.key == key]
    assert isinstance(change, Reworded) and not change.difference
    assert list(change.fields) == ["summary"]
    assert any(op != 0 for op, _ in change.words)
    assert "".join(t for op, t in change.words if op <= 0) == a.provisions[key].summary
    assert "".join(t for op, t in change.words if op >= 0) == b.provisions[key].summary
    assert change.description.endswith("summary reworded")
    assert not cs.differs and cs.edited


@FAST
@given(plan_and_key(), st.data())
def test_changing_only_evidence_is_recited(pk, data):
    a, key = pk
    b = with_provision(a, key, evidence=new_evidence(data.draw, a.sources, a.provisions[key].evidence))
    cs = diff_plans(a, b)
    (change,) = [c for c in cs.changes if c.key == key]
    assert isinstance(change, Recited)
    assert list(change.fields) == ["evidence"]
    assert not cs.differs and cs.edited  # a new citation is not a new plan ...
    assert cs.visible() == [change]  # ... but it is shown
    doc = changeset_to_json(cs)
    assert [c["key"] for c in doc["changes"]] == [key]  # apply needs it
    assert apply_changes(a, json.loads(json.dumps(doc))) == b


@FAST
@given(plan_and_key(shape="plain"), st.data())
def test_a_new_report_of_a_removal_is_recited_not_unchanged(pk, data):
    """Both versions record the provision as omitted; only the reports of it differ. Our record changed, the
    plan did not: shown among "our record only", and apply carries it over."""
    a0, key = pk
    a = with_provision(a0, key, value=None, status="omitted")
    b = with_provision(a, key, evidence=new_evidence(data.draw, a.sources, a.provisions[key].evidence))
    cs = diff_plans(a, b)
    (change,) = [c for c in cs.changes if c.key == key]
    assert isinstance(change, Recited) and not cs.differs and cs.edited
    assert cs.visible() == [change]
    assert apply_changes(a, json.loads(json.dumps(changeset_to_json(cs)))) == b


@FAST
@given(plan_and_key(shape="plain"))
def test_omitting_an_included_provision_is_dropped(pk):
    a, key = pk
    b = with_provision(a, key, value=None, status="omitted")
    change = next(c for c in diff_plans(a, b).changes if c.key == key)
    assert change.kind == "dropped"
    assert "reported omitted" in change.description
    assert change.new is not None and change.new.omitted


@FAST
@given(plan_and_key(shape="omitted"))
def test_omitted_in_old_and_unmentioned_in_new_says_so(pk):
    a, key = pk
    provs = dict(a.provisions)
    del provs[key]
    b = dataclasses.replace(a, id="other", provisions=provs)
    for old, new in ((a, b), (b, a)):
        change = next(c for c in diff_plans(old, new).changes if c.key == key)
        assert not change.difference
        if b.full_text:  # absent from both: a full text without the key does not hold it either
            assert change.kind == "unchanged"
            assert "in neither version" in change.description
            assert f"reported omitted in {a.id}" in change.description
        else:  # the partial version is silent
            assert change.kind == "unreported"
            assert "not reported in other" in change.description
