"""The plan corpus itself: complete, clean, and faithful to its sources."""

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from plandiff.load import load_corpus
from tests.support.corpus import FIRST_VERSIONS, VERSION_IDS
from tests.support.paths import CORPUS_DATA, DATA, PLANS, SHARED

SEEDS = Path(os.environ.get("PLANDIFF_SEEDS", SHARED / "seeds"))
VERSIONS = set(VERSION_IDS)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([PLANS])


def test_every_version_loads_without_a_single_problem(corpus):
    assert [str(d) for d in corpus.diagnostics] == []
    assert set(corpus.plans) == VERSIONS


SEED_HASHES = DATA / "seeds.sha256"


def _recorded_seeds() -> dict[str, str]:
    """name → sha256 of the five seed articles, recorded when the project started from them."""
    pairs = (line.split() for line in SEED_HASHES.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def test_sources_match_the_recorded_seed_articles():
    """Runs everywhere: plans/sources/ holds exactly the seeds, byte for byte (by their recorded hashes)."""
    recorded = _recorded_seeds()
    assert len(recorded) == 5
    assert sorted(p.name for p in (PLANS / "sources").glob("*.txt")) == sorted(recorded)
    for name, digest in recorded.items():
        assert hashlib.sha256((PLANS / "sources" / name).read_bytes()).hexdigest() == digest, name


def test_sources_are_the_seed_articles_byte_for_byte():
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"seed articles not found at {SEEDS}")
        pytest.skip("shared/seeds not here; test_sources_match_the_recorded_seed_articles checked the hashes")
    seeds = sorted(p.name for p in SEEDS.iterdir())
    assert _recorded_seeds() == {n: hashlib.sha256((SEEDS / n).read_bytes()).hexdigest() for n in seeds}
    assert sorted(p.name for p in (PLANS / "sources").glob("*.txt")) == seeds
    for name in seeds:
        assert (PLANS / "sources" / name).read_bytes() == (SEEDS / name).read_bytes(), name


def test_every_article_is_cited_and_every_value_has_evidence(corpus):
    cited = set()
    for plan in corpus.plans.values():
        for p in plan.provisions.values():
            groups = [p.evidence] + [c.evidence for c in p.claims]
            assert p.unreported or any(groups), (plan.id, p.key)
            for evidence in groups:
                for e in evidence:
                    src = plan.source(e.source)
                    if src.file:
                        cited.add(Path(src.file).name)
    assert cited == {p.name for p in (PLANS / "sources").glob("*.txt")}


def test_the_headline_facts_are_recorded(corpus):
    us, e3, gv, ua = (corpus.plans[k] for k in ("us-28-point", "e3-counterproposal", "geneva-revised", "ua-20-point"))
    assert us.provisions["military.troop_cap"].value == {"personnel": 600000, "scope": "unqualified"}
    assert e3.provisions["military.troop_cap"].value == {"personnel": 800000, "scope": "peacetime"}
    assert us.provisions["nato.accession"].value == "barred-constitutionally"
    assert e3.provisions["nato.accession"].value == "depends-on-allied-consensus"
    assert e3.provisions["territory.crimea"].omitted
    assert ua.provisions["security.guarantee"].disputed or ua.provisions["security.guarantee"].value
    assert ua.revises == "geneva-revised" and gv.revises == "us-28-point"


def test_disputes_are_kept_as_claims_not_resolved(corpus):
    cap = corpus.plans["geneva-revised"].provisions["military.troop_cap"]
    assert cap.disputed
    states = {c.status for c in cap.claims}
    values = [c.value for c in cap.claims if c.value is not None]
    assert states == {"omitted", "included"}
    assert {"personnel": 800000, "scope": "peacetime"} in values


def test_uncertain_attribution_of_article_000_is_recorded(corpus):
    flagged = [
        (plan.id, p.key)
        for plan in corpus.plans.values()
        for p in plan.provisions.values()
        for e in list(p.evidence) + [e for c in p.claims for e in c.evidence]
        if e.source == "a000" and e.attribution == "uncertain"
    ]
    assert {pid for pid, _ in flagged} >= {"e3-counterproposal", "geneva-revised"}


def test_european_texts_are_separate_versions(corpus):
    e3, eu = corpus.plans["e3-counterproposal"], corpus.plans["eu-24-point"]
    assert eu.point_count == 24
    assert eu.provisions["military.troop_cap"].value == "no-cap"
    assert e3.provisions["military.troop_cap"].value != eu.provisions["military.troop_cap"].value


# --- coverage: what a missing key means -------------------------------------

COVERAGE = {
    "us-28-point": "full-text",
    "e3-counterproposal": "full-text",
    "eu-24-point": "full-text",
    "geneva-revised": "partial",
    "ua-20-point": "full-text",
    "jeddah-truce": "full-text",
    # the later documents, as the brief reads them (plan-facts-later.md, each section's header)
    "us-framework-apr2025": "full-text",
    "ua-eu-london-apr2025": "full-text",
    "ru-istanbul-memorandum": "full-text",
    "ua-istanbul-memorandum": "full-text",
    "eu-ua-12-point": "partial",
    "eu-berlin-statement": "full-text",
    "us-ua-bilateral-guarantee": "partial",
    "multilateral-guarantee-framework": "partial",
    "paris-declaration": "full-text",
    "prosperity-plan": "partial",
    "us-guarantee-draft-nov2025": "full-text",
    "ua-revised-20pt-dec2025": "partial",
}


def _points(plan):
    """The plan's own point numbers that some provision is filed under ("21a" counts as 21)."""
    out = set()
    for p in plan.provisions.values():
        for pt in p.point if isinstance(p.point, list) else [p.point]:
            if pt is not None:
                out.add(int(re.match(r"[0-9]+", str(pt)).group()))
    return out


def test_each_version_declares_the_coverage_the_briefs_support(corpus):
    assert {pid: plan.coverage for pid, plan in corpus.plans.items()} == COVERAGE


def test_a_full_text_version_names_a_declared_external_source_for_its_text(corpus):
    for plan in corpus.plans.values():
        if plan.full_text:
            src = plan.source(plan.coverage_source)
            assert src is not None and src.url and not src.file, plan.id
        else:
            assert plan.coverage_source is None, plan.id
    assert corpus.plans["e3-counterproposal"].coverage_source == "straitstimes-e3-full-text"


@pytest.mark.parametrize("pid, count", [("us-28-point", 28), ("e3-counterproposal", 28), ("ua-20-point", 20)])
def test_every_point_of_a_numbered_full_text_is_coded(corpus, pid, count):
    """A full text's missing key reads as 'the text does not hold it', so no point may be missing."""
    assert _points(corpus.plans[pid]) >= set(range(1, count + 1))


def test_e3_points_nobody_describes_are_unreported_not_absent(corpus):
    e3 = corpus.plans["e3-counterproposal"]
    unreported = {k for k, p in e3.provisions.items() if p.unreported}
    assert unreported == {
        "economy.us_russia_cooperation",
        "implementation.monitoring",
        "nuclear.arms_control",
        "territory.other_regions",
        "territory.no_forcible_change",
        "navigation.dnipro_black_sea",
        "legal_force",
        "ceasefire",
    }
    for key in unreported:
        assert e3.provisions[key].value is None and e3.provisions[key].note, key


def test_geneva_keeps_no_extrapolated_or_single_weak_source_values(corpus):
    gv = corpus.plans["geneva-revised"]
    for region in ("crimea", "luhansk", "donetsk", "kherson", "zaporizhzhia"):
        assert f"territory.{region}" not in gv.provisions
    assert "security.guarantee" not in gv.provisions
    assert gv.provisions["territory.recognition"].note
    claim = next(c for c in gv.provisions["military.troop_cap"].claims if c.value)
    assert "kyivindependent-ft-800000" in {e.source for e in claim.evidence}
    assert gv.source("kyivindependent-ft-800000").date == "2025-11-25"


# --- corrections from review (issue 8, brief §14) ----------------------------


def test_ua_referendum_is_one_fact_on_the_whole_agreement(corpus):
    ref = corpus.plans["ua-20-point"].provisions["implementation.referendum"]
    assert not ref.disputed
    assert ref.value == {
        "scope": "whole-agreement",
        "trigger": "territorial-option",
        "precondition_ceasefire": {"days": 60},
    }


def test_ua_guarantee_term_belongs_to_the_bilateral_document(corpus):
    g = corpus.plans["ua-20-point"].provisions["security.guarantee"]
    assert not g.disputed
    assert "duration" not in g.value and "ratification" not in g.value
    assert g.value["compensation_to_us"] is False
    assert "us-ua-bilateral-guarantee" in g.note


def test_ua_point_13_applies_eu_rules(corpus):
    m = corpus.plans["ua-20-point"].provisions["minorities_language_religion"]
    assert m.point == 13 and m.value["eu_rules"] is True


def test_ua_peace_council_is_point_19_with_its_confidence_shown(corpus):
    ua = corpus.plans["ua-20-point"]
    mon = ua.provisions["implementation.monitoring"]
    assert mon.point == 19 and "Trump" in mon.value["chair"]
    assert "medium confidence" in mon.note.lower()
    assert any("medium confidence" in (e.note or "") for e in mon.evidence)
    assert "enforcement" not in (ua.provisions["legal_force"].value or {})


def test_monitoring_of_the_ceasefire_and_of_the_agreement_are_kept_apart(corpus):
    """Point 2 of the 20 points watches the line of contact; point 19's council oversees the deal.
    The 24-point and London texts' remote, US-led watch is the ceasefire's, under the same key."""
    ua = corpus.plans["ua-20-point"]
    assert ua.provisions["ceasefire.monitoring"].point == 2
    assert "space" in ua.provisions["ceasefire.monitoring"].value["method"]
    for pid in ("eu-24-point", "ua-eu-london-apr2025"):
        assert corpus.plans[pid].state("ceasefire.monitoring") == "held", pid
        assert corpus.plans[pid].state("implementation.monitoring") == "omitted", pid


def test_no_version_files_a_taxonomy_provision_under_a_custom_key(corpus):
    """A custom key made when the taxonomy lacked one is renamed once the key exists, so versions line up."""
    from plandiff.taxonomy import default_taxonomy

    known = {k.rsplit(".", 1)[-1].replace("_", "") for k in default_taxonomy().provisions}
    for plan in corpus.plans.values():
        for key in plan.provisions:
            if key.startswith("custom."):
                assert key.split(".", 1)[1].replace("_", "") not in known, (plan.id, key)


def test_e3_znpp_split_and_no_military_recovery(corpus):
    e3 = corpus.plans["e3-counterproposal"]
    assert e3.provisions["nuclear.znpp"].value["output_split"] == "50:50 Russia/Ukraine"
    rec = e3.provisions["territory.no_military_recovery"]
    assert "through_negotiations" not in (rec.value or {})
    assert all(e.attribution == "uncertain" for e in rec.evidence if e.source == "a000")


def test_jeddah_resumption_rests_on_the_joint_statement(corpus):
    aid = corpus.plans["jeddah-truce"].provisions["us_support.intel_and_aid"]
    assert aid.value == {"intelligence_sharing": "resumed", "security_assistance": "resumed"}
    assert "interfax-1054814" in {e.source for e in aid.evidence}


# --- sources a reader can cite -----------------------------------------------


def _external_sources(corpus):
    return [(plan.id, s) for plan in corpus.plans.values() for s in plan.sources if not s.file]


def _undated():
    lines = (CORPUS_DATA / "undated-sources.txt").read_text(encoding="utf-8").splitlines()
    return {tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")}


def test_every_external_source_has_outlet_url_and_a_date_unless_none_is_known(corpus):
    undated = _undated()
    missing, stale = [], []
    for pid, s in _external_sources(corpus):
        assert s.url and s.outlet, (pid, s.id)
        if s.date is None and (pid, s.id) not in undated:
            missing.append((pid, s.id))
        if s.date is not None and (pid, s.id) in undated:
            stale.append((pid, s.id))
    assert missing == [], "add a date, or list the source in corpus_data/undated-sources.txt"
    assert stale == [], "the source has a date now: delete its line from corpus_data/undated-sources.txt"
    known = {(pid, s.id) for pid, s in _external_sources(corpus)}
    assert undated <= known


def test_outlets_are_names_not_url_slugs(corpus):
    for pid, s in _external_sources(corpus):
        assert s.outlet.strip() == s.outlet and (any(ch.isupper() for ch in s.outlet) or "." in s.outlet), (
            pid,
            s.id,
            s.outlet,
        )


def test_local_articles_carry_their_known_outlet_and_inferred_date(corpus):
    outlets = {"001_4e13f074f69586d0.txt": "The Straits Times", "003_090deba9a47e598c.txt": "Metro"}
    for plan in corpus.plans.values():
        for s in plan.sources:
            if s.file:
                name = Path(s.file).name
                assert s.date, (plan.id, s.id)
                assert "inferred" in (s.note or ""), (plan.id, s.id)
                assert s.outlet == outlets.get(name), (plan.id, s.id)


def test_aggregators_carry_the_caveat(corpus):
    for pid, s in _external_sources(corpus):
        tagged = "(agg)" in (s.note or "") or "news-pravda.com" in s.url
        if tagged:  # a repost the briefs mark as such always says so where it is cited
            assert "aggregator" in s.caveats, (pid, s.id)


def test_no_source_from_the_do_not_use_lists_is_cited(corpus):
    banned = yaml.safe_load((CORPUS_DATA / "do-not-use.yaml").read_text(encoding="utf-8"))
    assert len(banned) >= 20 and all("host" in b and "why" in b for b in banned)
    cited = _external_sources(corpus) + [(e.id, s) for e in corpus.events for s in e.sources]
    for pid, s in cited:
        parts = urlsplit(s.url)
        host = (parts.hostname or "").removeprefix("www.")
        rest = parts.path + (f"?{parts.query}" if parts.query else "")
        for b in banned:
            on_host = host == b["host"] or host.endswith("." + b["host"])
            assert not (on_host and rest.startswith(b.get("path", ""))), (pid, s.id, b["host"], b["why"])


# --- what the reports can and cannot say, across every pair -------------------------------


def test_no_pair_of_versions_counts_silence_as_a_drop_or_an_addition(corpus):
    """For every ordered pair, each dropped or added provision is one the other side is known not
    to hold (reported omitted there, or missing from its published full text)."""
    from plandiff.diff import diff_plans

    plans = list(corpus.plans.values())
    for a in plans:
        for b in plans:
            if a is b:
                continue
            for c in diff_plans(a, b).changes:
                if c.kind == "dropped":
                    assert b.state(c.key) == "omitted" and a.state(c.key) == "held", (a.id, b.id, c.key)
                elif c.kind == "added":
                    assert a.state(c.key) == "omitted" and b.state(c.key) == "held", (a.id, b.id, c.key)


def test_geneva_drops_only_what_reports_say_was_removed(corpus):
    from plandiff.diff import diff_plans

    cs = diff_plans(corpus.plans["us-28-point"], corpus.plans["geneva-revised"])
    dropped = {c.key for c in cs.changes if c.kind == "dropped"}
    assert dropped == {"amnesty", "reconstruction.frozen_assets"}
    for key in dropped:  # each rests on a report of its removal
        assert corpus.plans["geneva-revised"].provisions[key].omitted
    silent = [c for c in cs.changes if c.kind == "unreported"]
    assert len(silent) > 20 and all(c.silent == "new" and not c.difference for c in silent)


def test_external_sources_say_who_and_mostly_when(corpus):
    new = [plan for pid, plan in corpus.plans.items() if pid not in FIRST_VERSIONS]
    sources = [s for plan in new for s in plan.sources if s.url] + [s for e in corpus.events for s in e.sources]
    assert all(s.outlet for s in sources)
    assert sum(1 for s in sources if s.date) / len(sources) >= 0.9


def test_every_version_says_which_date_it_carries(corpus):
    words = ("present", "leak", "sign", "sent", "hand", "circulat", "readout", "publi")  # word stems
    for plan in corpus.plans.values():
        if plan.id in FIRST_VERSIONS:
            continue  # kept by another editor
        first = (plan.notes or "").split(".")[0].lower()
        assert "date" in first and any(w in first for w in words), plan.id
