"""The development set: it is well formed, covers every version and style, and the extractor keeps its floors.

The floors sit a little under the scores measured when the set was written
(benchmarks/score_extract.py prints them); a change that costs precision or
recall on hand-written text nobody tuned the rules to fails here. The last
test adds a plan file with invented metadata and shows that the extractor
recognises it from that metadata alone.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from plandiff.extract import extractor_for, plan_context
from tests.support.benchmarks import score_extract
from tests.support.corpus import FIRST_VERSIONS, LATER_DOCUMENTS
from tests.support.gold import assert_well_formed
from tests.support.paths import REPO

# measured: overall P 0.92 R 0.64; provision 1.00/0.70, version 0.96/0.67, stance 1.00/0.70, value 0.95/0.67
FLOORS = {
    None: (0.85, 0.58),
    "provision": (0.93, 0.64),
    "version": (0.9, 0.6),
    "stance": (0.93, 0.64),
    "value": (0.88, 0.6),
}


@pytest.fixture(scope="module")
def dev():
    return score_extract.load_dev()


def test_dev_set_is_well_formed_and_covers_every_version_and_style(dev, ctx):
    assert len(dev) >= 100
    named = assert_well_formed(dev, ctx, unnamed_ok=True)
    assert named >= LATER_DOCUMENTS | FIRST_VERSIONS
    assert sum(1 for p in dev if p["style"] == "opinion" and not p["claims"]) >= 10  # traps


def test_dev_set_floors_overall_and_per_class(dev, ctx):
    sc = score_extract.score(dev, extractor_for(ctx))
    print("\n" + score_extract.report(sc, "dev set"))
    for cls, (p_floor, r_floor) in FLOORS.items():
        assert sc.precision(cls) >= p_floor, (cls, sc.precision(cls), sc.misses)
        assert sc.recall(cls) >= r_floor, (cls, sc.recall(cls), sc.misses)


def test_heldout_set_floor(ctx):
    """The held-out set (written after the rules, never tuned to): a looser floor."""
    sc = score_extract.score(score_extract.load_dev(score_extract.HELDOUT), extractor_for(ctx))
    print("\n" + score_extract.report(sc, "held-out set"))
    assert sc.precision() >= 0.78 and sc.recall() >= 0.58, sc.misses


def test_wire_copy_floor(dev, ctx):
    sc = score_extract.score(dev, extractor_for(ctx), style="wire")
    assert sc.precision() >= 0.85 and sc.recall() >= 0.62, sc.misses


def test_opinion_traps_give_no_claims(dev, ctx):
    ex = extractor_for(ctx)
    for p in dev:
        if p["style"] == "opinion" and not p["claims"]:
            assert ex.extract(p["text"], p["id"]) == [], p["id"]


INVENTED = """schema: plandiff/1
id: zz-vilnius-accord
title: Vilnius accord on a Black Sea settlement
date: 2026-03-15
drafted_by: [Turkey, Ukraine]
status: framework
revises: null
responds_to: null
point_count: 17
aliases: []
place: Vilnius
sources: []
provisions: {}
"""


def test_a_new_plan_file_is_recognised_from_its_metadata_alone(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(REPO / "plans", plans)
    sentences = [
        ("The 17-point plan would cap Ukraine's army at 700,000 troops.", "military.troop_cap"),
        ("Ankara's framework leaves the door open to NATO membership.", "nato.accession"),
        ("The framework agreed in Vilnius makes NATO membership depend on allied consensus.", "nato.accession"),
        ("The Black Sea accord says Ukraine will remain a non-nuclear state.", "nuclear.non_nuclear_status"),
    ]
    before = extractor_for(plan_context(plans))
    for text, _key in sentences:
        assert not any(c.plan == "zz-vilnius-accord" for c in before.extract(text, "t"))
    (plans / "zz-vilnius-accord.yaml").write_text(INVENTED, encoding="utf-8")
    after = extractor_for(plan_context(plans))
    for text, key in sentences:
        got = [c for c in after.extract(text, "t", date=dt.date(2026, 3, 20)) if c.provision == key]
        assert [c.plan for c in got] == ["zz-vilnius-accord"], (text, got)
    # and a time word: "last week's framework" in an article of 20 March 2026
    cs = after.extract(
        "Last week's framework would cap Ukraine's army at 700,000 troops.", "t", date=dt.date(2026, 3, 20)
    )
    assert all(c.plan != "us-28-point" for c in cs)
