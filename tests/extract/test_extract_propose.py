"""--propose does not manufacture disputes: only an explicit, confident claim may contradict a plan file."""

from __future__ import annotations

import shutil
from pathlib import Path

from plandiff.extract import extractor_for, plan_context
from plandiff.extract.propose import dispute_threshold, propose
from plandiff.render.proposal import render_proposal
from tests.support.paths import REPO


def _plans(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    plans = tmp_path / "plans"
    shutil.copytree(REPO / "plans", plans)
    art = plans / "sources" / name
    art.write_text(text, encoding="utf-8")
    return plans, art


def test_explicit_confident_contradiction_becomes_a_dispute(tmp_path):
    plans, art = _plans(tmp_path, "950_a.txt", "The 28-point plan would cap Ukraine's army at 900,000 troops.\n")
    claims = extractor_for(plan_context(plans)).extract(art.read_text(encoding="utf-8"), str(art))
    c = next(c for c in claims if c.provision == "military.troop_cap")
    assert c.plan == "us-28-point" and c.explicit and c.confidence >= dispute_threshold()
    p = propose(claims, plans)
    assert [(pid, what) for pid, _, what in p.applied] == [("us-28-point", "contradicts the file: now disputed")]
    assert p.proposed["us-28-point"].provisions["military.troop_cap"].disputed


def test_contradiction_by_salience_is_listed_for_review_not_written(tmp_path):
    text = (
        "The 28-point plan was leaked on Thursday.\n\nDiplomats met in Geneva on Sunday.\n\n"
        "Officials said on Monday that it would cap Ukraine's army at 900,000 troops.\n"
    )
    plans, art = _plans(tmp_path, "951_b.txt", text)
    claims = extractor_for(plan_context(plans)).extract(text, str(art))
    c = next(c for c in claims if c.provision == "military.troop_cap")
    assert c.plan == "us-28-point" and not c.explicit
    p = propose(claims, plans)
    assert not p.proposed and not p.applied
    assert [(pid, cl.provision) for pid, cl, _ in p.review] == [("us-28-point", "military.troop_cap")]
    assert "Contradictions for review" in render_proposal(p)


def test_low_confidence_contradiction_is_listed_for_review(tmp_path):
    plans, art = _plans(tmp_path, "952_c.txt", "The 28-point plan would cap Ukraine's army at 900,000 troops.\n")
    claims = extractor_for(plan_context(plans)).extract(art.read_text(encoding="utf-8"), str(art))
    for c in claims:
        c.confidence = round(dispute_threshold() - 0.01, 2)
    p = propose(claims, plans)
    assert not p.proposed and p.review and "below" in p.review[0][2]


def test_a_new_provision_keeps_the_point_number_of_its_list_item(tmp_path):
    text = "The 28-point plan, point by point:\n\nPoint 12: The deal is put to a national referendum.\n"
    plans, art = _plans(tmp_path, "953_d.txt", text)
    claims = extractor_for(plan_context(plans)).extract(text, str(art))
    c = next(c for c in claims if c.provision == "implementation.referendum")
    assert c.plan == "us-28-point" and c.point == "12"
    p = propose(claims, plans)
    assert "implementation.referendum" not in p.originals["us-28-point"].provisions
    assert p.proposed["us-28-point"].provisions["implementation.referendum"].point == 12
