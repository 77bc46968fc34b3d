"""The change set as JSON, both ways: writing then reading gives the differ's model back.

xmldiff's patch parses its own edit script back; here the property is the
same: render a change set to JSON, parse it against OLD, and every change
comes back with its kind, states, fields, words and typed details — and the
JSON of what was read is the JSON that was written.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from plandiff.diff import diff_plans
from plandiff.diff.changes import KINDS, Changed, Detail
from plandiff.diff.changeset_json import ApplyError, _Reader, changeset_to_json, read_changeset
from tests.support.diff_strategies import plan_pairs

SLOW = settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])


def _roundtrip(cs, show_all: bool):
    doc = json.loads(json.dumps(changeset_to_json(cs, show_all=show_all), ensure_ascii=False))
    return doc, read_changeset(cs.old, doc)


@SLOW
@given(plan_pairs())
def test_render_then_parse_gives_the_same_model(pair):
    a, b, _ = pair
    for old, new in ((a, b), (b, a)):
        cs = diff_plans(old, new)
        doc, back = _roundtrip(cs, show_all=True)
        assert back.new == new
        assert back.changes == cs.changes  # kinds, states, provisions, fields, typed details
        assert [c.words.granularity for c in back.changes if c.words] == [
            c.words.granularity for c in cs.changes if c.words
        ]
        assert (back.header, back.sources_differ, back.differs, back.counts()) == (
            cs.header,
            cs.sources_differ,
            cs.differs,
            cs.counts(),
        )
        assert changeset_to_json(back, show_all=True) == doc


@SLOW
@given(plan_pairs())
def test_without_all_the_listed_changes_come_back(pair):
    a, b, _ = pair
    cs = diff_plans(a, b)
    doc, back = _roundtrip(cs, show_all=False)
    assert back.changes == tuple(c for c in cs.changes if c.kind != "unchanged" or c.fields)
    again = changeset_to_json(back)
    assert again.pop("counts")["unchanged"] <= doc.pop("counts")["unchanged"]  # unlisted unchanged ones are not read
    assert again == doc


def test_every_change_kind_has_its_apply_method():
    missing = [k.__name__ for k in KINDS if not callable(getattr(_Reader, f"_apply_{k.__name__}", None))]
    assert missing == []


def test_an_unknown_kind_is_refused_where_it_is():
    from plandiff.load import load_plan

    plan = load_plan("plans/us-28-point.yaml").plan
    key, prov = next(iter(plan.provisions.items()))
    doc = {
        "schema": "plandiff.diff/2",
        "old": {"id": plan.id},
        "changes": [{"key": key, "kind": "moved", "old": prov.to_data(), "new": None}],
    }
    with pytest.raises(ApplyError, match=r"changes\[0\]\.kind: expected one of added, dropped"):
        read_changeset(plan, doc)


def test_details_are_typed_data_worded_once():
    from plandiff.load import load_plan

    cs = diff_plans(load_plan("plans/us-28-point.yaml").plan, load_plan("plans/e3-counterproposal.yaml").plan)
    (cap,) = [c for c in cs.changes if c.key == "military.troop_cap"]
    assert isinstance(cap, Changed)
    assert cap.details[0] == Detail(
        "", 600000, 800000, delta=200000, percent=pytest.approx(33.33, abs=0.01), unit="personnel"
    )
    doc = changeset_to_json(cs)
    (entry,) = [c for c in doc["changes"] if c["key"] == "military.troop_cap"]
    assert entry["details"][0] == {"label": "", "old": "600,000", "new": "800,000 personnel", "note": "+200,000, +33%"}
