"""The timeline page: every version and event on one axis, in its side's lane, each linked."""

from __future__ import annotations

import pytest
from lxml import etree

from plandiff.load import load_corpus
from plandiff.render.html import Site, serialize
from plandiff.render.html.timeline import marks
from plandiff.sides import JOINT, Sides, default_sides
from tests.support.paths import REPO


@pytest.fixture(scope="module")
def corpus():
    c = load_corpus([REPO / "plans"], verify_quotes=False)
    assert c.ok
    return c


@pytest.fixture(scope="module")
def page(corpus):
    site = Site(list(corpus.plans.values()), events=corpus.events)
    return etree.fromstring(serialize(site.timeline_page()), etree.HTMLParser())


def test_every_actor_in_the_corpus_has_a_side(corpus):
    sides = default_sides()
    names = {a for p in corpus.plans.values() for a in p.drafted_by} | {a for e in corpus.events for a in e.parties}
    assert sorted(names - set(sides.actors)) == []
    assert set(sides.actors.values()) <= set(sides.lanes)


def test_one_side_gets_its_lane_several_sides_share_the_joint_lane():
    sides = Sides(
        ("United States", "Europe", "joint"),
        {"United States": "United States", "France": "Europe", "Germany": "Europe"},
        {"United States": "US"},
        {"United States": "US", "Europe": "EU"},
    )
    assert sides.lane(["United States"]) == "United States"
    assert sides.lane(["France", "Germany"]) == "Europe"
    assert sides.lane(["France", "United States"]) == JOINT
    assert sides.lane(["Atlantis"]) == JOINT
    assert sides.lane(["France", "Atlantis"]) == JOINT
    # the versions table names a joint text by its sides, in lane order, so two joint texts read apart
    assert sides.label(["United States"]) == "US" and sides.label(["France", "Germany"]) == "Europe"
    assert sides.label(["Germany", "United States"]) == "US+EU"
    assert sides.label(["France", "Atlantis"]) == JOINT


def test_marks_are_in_date_order_with_the_right_lanes(corpus):
    items = marks(
        list(corpus.plans.values()), corpus.events, version_href=lambda p: f"v/{p.id}", event_href=lambda e: f"e/{e.id}"
    )
    assert len(items) == len(corpus.plans) + len(corpus.events)
    assert [m.start for m in items] == sorted(m.start for m in items)
    lane = {m.id: m.lane for m in items}
    assert lane["us-framework-apr2025"] == "United States"
    assert lane["ru-istanbul-memorandum"] == "Russia"
    assert lane["ua-istanbul-memorandum"] == "Ukraine"
    assert lane["eu-berlin-statement"] == "Europe"
    assert lane["ua-20-point"] == JOINT and lane["anchorage-summit"] == JOINT


def test_the_picture_spans_march_2025_to_june_2026_and_says_everything(page, corpus):
    svg = page.find(".//svg")
    assert svg.get("role") == "img" and "timeline" in svg.get("class")
    months = [t.xpath("string()") for t in svg.iter("text")]
    assert "Mar 2025" in months and "Jun" in months and "Jan 2026" in months
    desc = svg.find("desc").text
    for pid in corpus.plans:
        assert f"version {pid}" in desc
    for e in corpus.events:
        assert e.title in desc
    assert "ru-istanbul-memorandum answers ua-istanbul-memorandum" in desc


def test_labels_in_a_lane_row_never_overlap(page):
    svg = page.find(".//svg")
    rows: dict[str, list[tuple[float, float]]] = {}
    for a in svg.iter("a"):
        text = a.find(".//text")
        x, y = float(text.get("x")), text.get("y")
        label = text.xpath("string()")
        rows.setdefault(y, []).append((x, x + len(label) * 11 * 0.62 * 1.12))
    for y, spans in rows.items():
        spans.sort()
        for (_a0, a1), (b0, _) in zip(spans, spans[1:]):
            assert a1 <= b0, (y, spans)


def test_every_mark_links_to_a_version_row_or_an_event_entry(page, corpus):
    hrefs = [a.get("href") for a in page.find(".//svg").iter("a")]
    assert sorted(hrefs) == sorted([f"index.html#v-{p}" for p in corpus.plans] + [f"#e-{e.id}" for e in corpus.events])
    ids = {e.get("id") for e in page.iter() if e.get("id")}
    assert {f"e-{e.id}" for e in corpus.events} <= ids


def test_event_sources_carry_their_caveats(page):
    caveats = [s.text for s in page.iter("span") if s.get("class") == "caveat"]
    assert "aggregator" in caveats and "state-aligned outlet" in caveats


def test_citations_on_pages_carry_their_sources_caveats(corpus):
    site = Site(list(corpus.plans.values()), events=corpus.events)
    page = etree.fromstring(serialize(site.provision_page("territory.crimea")), etree.HTMLParser())
    tass = [s for s in page.iter("span") if s.get("class") == "src" and "TASS" in s.xpath("string()")]
    assert tass and all("state-aligned outlet" in s.xpath("string()") for s in tass)
    plain = [a for a in page.iter("a") if a.get("class") == "srcname ext" and "GOV.UK" in a.xpath("string()")]
    for a in plain:  # a source without caveats gets no badge
        assert a.getparent().get("class") != "src"
