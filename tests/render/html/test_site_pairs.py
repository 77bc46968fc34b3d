"""Which comparisons the site builds for sixteen versions, and the page that picks among all pairs."""

from __future__ import annotations

import datetime as dt
import itertools

from lxml import etree

from plandiff.load import load_corpus
from plandiff.render.html import Site, serialize
from plandiff.render.html.site import NEAR_DAYS, default_pairs
from tests.support.paths import REPO

PLANS = list(load_corpus([REPO / "plans"], verify_quotes=False).plans.values())


def _days(a, b) -> int:
    return abs((dt.date.fromisoformat(b.date) - dt.date.fromisoformat(a.date)).days)


def test_lineage_pairs_and_versions_close_in_time_get_pages_far_ones_do_not():
    pairs = set(default_pairs(PLANS))
    by_id = {p.id: p for p in PLANS}
    for p in PLANS:
        for parent in (p.revises, p.responds_to):
            if parent:
                assert (parent, p.id) in pairs
    for a, b in itertools.combinations(PLANS, 2):
        near = _days(a, b) <= NEAR_DAYS
        built = (a.id, b.id) in pairs or (b.id, a.id) in pairs
        if near:
            assert built, (a.id, b.id)
    assert ("us-28-point", "ua-20-point") in pairs  # end to end
    assert ("jeddah-truce", "prosperity-plan") not in pairs and ("prosperity-plan", "jeddah-truce") not in pairs
    for a, b in pairs:  # older first
        assert (by_id[a].date, a) <= (by_id[b].date, b) or by_id[b].revises == a or by_id[b].responds_to == a
    assert len(pairs) < len(PLANS) * (len(PLANS) - 1) // 2


def test_the_picker_links_every_built_pair_and_names_the_rest():
    site = Site(PLANS)
    page = etree.fromstring(serialize(site.comparisons_page()), etree.HTMLParser())
    table = page.find(".//table")
    links = {a.get("title") for a in table.iter("a") if a.get("title")}
    hints = [td.get("title") for td in table.iter("td") if (td.get("title") or "").startswith("not built")]
    order = [p.id for p in site.plans]
    built = {f"{a} → {b}" if order.index(a) < order.index(b) else f"{b} → {a}" for a, b in site.pairs}
    assert links == built
    n = len(order)
    assert len(links) + len(hints) == n * (n - 1) // 2
    assert all(h.startswith("not built: plandiff site --pair ") for h in hints)
