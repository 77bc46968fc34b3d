"""The numeric chart with many versions: who states a figure, who states none, who is not reported."""

from __future__ import annotations

import pytest

from plandiff.diff.across import history
from plandiff.load import load_corpus
from plandiff.render.html.svg import numeric_chart
from plandiff.taxonomy import default_taxonomy
from tests.support.paths import REPO


@pytest.fixture(scope="module")
def chart():
    plans = list(load_corpus([REPO / "plans"], verify_quotes=False).plans.values())
    tax = default_taxonomy()
    spec = tax.get("military.troop_cap").value
    return numeric_chart(
        "military.troop_cap", "Troop cap", spec, history("military.troop_cap", plans, tax), href=lambda p: f"#v-{p.id}"
    )


def _ids() -> list[str]:
    return list(load_corpus([REPO / "plans"], verify_quotes=False).plans)


def _groups(chart):
    stated, none = [], []
    for g in chart.iter("g"):
        cls = g.get("class") or ""
        if "slot" not in cls:
            continue
        pid = g.find("title").text.split(" ")[0]
        (none if "st-none" in cls else stated).append(pid)
    return stated, none


def test_every_version_is_in_exactly_one_group(chart):
    stated, none = _groups(chart)
    desc = chart.find("desc").text
    assert set(stated).isdisjoint(none)
    assert {
        "us-28-point",
        "e3-counterproposal",
        "eu-berlin-statement",
        "ua-20-point",
        "geneva-revised",
        "ru-istanbul-memorandum",
        "us-framework-apr2025",
    } <= set(stated)
    # stating no cap, and a full text without a cap, are both "states none" — not "unknown"
    assert {
        "ua-eu-london-apr2025",
        "ua-istanbul-memorandum",
        "eu-24-point",
        "jeddah-truce",
        "paris-declaration",
    } <= set(none)
    unreported = desc.split("Not reported: ")[1].rstrip(".").split(", ")
    assert {"eu-ua-12-point", "prosperity-plan", "multilateral-guarantee-framework"} <= set(unreported)
    assert sorted(stated + none + unreported) == sorted(_ids())  # each version once


def test_bars_only_for_figures_and_hatched_bars_for_disputes(chart):
    bars = [r for r in chart.iter("rect") if r.get("class") == "bar"]
    hatched = [r for r in chart.iter("rect") if r.get("class") == "bar-disputed"]
    assert len(bars) == 5  # 600,000 once and 800,000 four times
    assert len(hatched) == 1  # geneva-revised: dropped, or 800,000
    texts = " ".join(t.xpath("string()") for t in chart.iter("text"))
    assert "600,000 personnel" in texts and "says no-cap" in texts and "none in the full text" in texts
