"""The fresh set (tests/extract_gold/fresh.yaml): well formed, about every version, and the extractor keeps its floors.

A second reviewer wrote it before reading the rules (fr-1..fr-46, first
scored P 0.73 R 0.49) and after the fixes they exposed (fr-47..fr-60,
scored once at P 0.83 R 0.53). The floors sit just under the figures
measured at the end of that review (P 0.99 R 0.82 overall), so a change that
costs precision or recall on this text fails here; like the held-out set,
it must not be tuned to: a new failure class gets a general fix and a unit
test on another sentence (tests/extract/test_extract_review.py).
"""

from __future__ import annotations

import pytest

from plandiff.extract import extractor_for
from tests.support.benchmarks import score_extract
from tests.support.gold import assert_well_formed

# measured at the end of the review: 0.99 / 0.82 overall and in every class; wire copy 1.00 / 0.93
FLOORS = {
    None: (0.95, 0.79),
    "provision": (0.95, 0.79),
    "version": (0.95, 0.79),
    "stance": (0.95, 0.79),
    "value": (0.95, 0.79),
}


@pytest.fixture(scope="module")
def fresh():
    return score_extract.load_dev(score_extract.FRESH)


def test_fresh_set_is_well_formed_and_covers_every_version_and_style(fresh, ctx):
    assert len(fresh) >= 40
    assert assert_well_formed(fresh, ctx) == set(ctx["meta"])  # all eighteen versions
    assert sum(1 for p in fresh if not p["claims"]) >= 10  # opinion pieces and context traps


def test_fresh_set_floors_overall_and_per_class(fresh, ctx):
    sc = score_extract.score(fresh, extractor_for(ctx))
    print("\n" + score_extract.report(sc, "fresh set"))
    for cls, (p_floor, r_floor) in FLOORS.items():
        assert sc.precision(cls) >= p_floor, (cls, sc.precision(cls), sc.misses)
        assert sc.recall(cls) >= r_floor, (cls, sc.recall(cls), sc.misses)


def test_fresh_wire_copy_floor(fresh, ctx):
    sc = score_extract.score(fresh, extractor_for(ctx), style="wire")
    assert sc.precision() >= 0.95 and sc.recall() >= 0.88, sc.misses


def test_fresh_traps_give_no_claims(fresh, ctx):
    """Opinion pieces and other documents (Gaza, Istanbul 2022, China 2023, Berlin 2024, the 2024 agreement)."""
    ex = extractor_for(ctx)
    for p in fresh:
        if not p["claims"]:
            assert ex.extract(p["text"], p["id"], date=p["date"]) == [], p["id"]
