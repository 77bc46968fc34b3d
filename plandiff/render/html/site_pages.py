"""The site's overview pages that need no more than the versions, events and matrix: the comparisons
picker, the timeline and the matrix; and the default choice of pairs to compare.

The builders take the site (anything shaped like `SiteLike`, i.e. a
`plandiff.render.html.site.Site`) rather than importing it, so that site.py
can import them without a cycle.
"""

from __future__ import annotations

import datetime
from typing import Protocol

from lxml import etree

from plandiff.diff.across import LEGEND, Matrix
from plandiff.lineage import lineage_order
from plandiff.model import Event, Plan
from plandiff.render.html.compare import topic_title
from plandiff.render.html.page import Links, document, el, filters
from plandiff.render.html.parts import label_of
from plandiff.render.html.provision import state_words
from plandiff.render.html.timeline import chronology, default_sides, marks, timeline_svg
from plandiff.taxonomy import Taxonomy


class SiteLike(Protocol):
    """What the page builders use of a site (plandiff.render.html.site.Site); also the resolver for Links."""

    plans: list[Plan]
    events: list[Event]
    by_id: dict[str, Plan]
    keys: list[str]
    matrix: Matrix
    tax: Taxonomy


NEAR_DAYS = 31  # versions this close in time get a comparison page of their own


def default_pairs(plans: list[Plan]) -> list[tuple[str, str]]:
    """Each version against the version it revises and the one it answers; each line end to end; then
    each pair of versions dated within NEAR_DAYS of each other, older first.

    "End to end" is a first version (one that revises and answers nothing
    here) against each latest version descended from it (one nothing here
    revises or answers), e.g. the US 28-point plan against the 20-point plan.
    Versions close in time are usually drafts answering the same moment (the
    November 2025 texts, the December guarantee documents) even when neither
    names the other. Every pair would be n·(n-1)/2 pages — 120 for sixteen
    versions, too slow to build on each run; the comparisons page lists the
    rest and how to add them (--pair).
    """
    ordered = lineage_order(plans)
    ids = {p.id for p in ordered}
    out: list[tuple[str, str]] = []
    children: dict[str, list[str]] = {}
    for p in ordered:
        for parent in (p.revises, p.responds_to):
            if parent in ids and parent != p.id:
                children.setdefault(parent, []).append(p.id)
                if (parent, p.id) not in out:
                    out.append((parent, p.id))
    for root in (p.id for p in ordered if not any(x in ids for x in (p.revises, p.responds_to))):
        seen, stack = set(), list(children.get(root, []))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack += children.get(node, [])
        for leaf in (p.id for p in ordered if p.id in seen and not children.get(p.id)):
            if (root, leaf) not in out:
                out.append((root, leaf))
    dated = [p for p in ordered if p.date]
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            assert a.date is not None and b.date is not None  # dated
            near = abs((_day(b.date) - _day(a.date)).days) <= NEAR_DAYS
            older, newer = (a, b) if (a.date, a.id) <= (b.date, b.id) else (b, a)
            if near and (older.id, newer.id) not in out and (newer.id, older.id) not in out:
                out.append((older.id, newer.id))
    return out


def _day(s: str) -> datetime.date:
    return datetime.date.fromisoformat(s)


def comparisons_page(site: SiteLike) -> etree._Element:
    """A picker: every pair of versions, linked where the site has the comparison."""
    links = Links("comparisons.html", site)
    head = el(
        "tr",
        el("th", "Older ↓ · newer →", scope="col"),
        *[el("th", el("a", p.id, href=links.version(p.id)), scope="col") for p in site.plans],
    )
    rows = []
    for i, a in enumerate(site.plans):
        row = el(
            "tr",
            el(
                "th",
                el("a", a.id, href=links.version(a.id)),
                el("br"),
                el("span", a.date or "", class_="muted"),
                scope="row",
            ),
        )
        for j, b in enumerate(site.plans):
            target = (links.compare(a.id, b.id) or links.compare(b.id, a.id)) if j > i else None
            if j <= i:
                row.append(el("td", "·" if j == i else "", class_="muted"))
            elif target:
                row.append(el("td", el("a", "compare", href=target, title=f"{a.id} → {b.id}")))
            else:
                row.append(el("td", "—", title=f"not built: plandiff site --pair {a.id}:{b.id}", class_="muted"))
        rows.append(row)
    body = [
        el("h1", "Comparisons"),
        el(
            "p",
            f"Every pair of the {len(site.plans)} versions, older (row) against newer (column). The "
            "site compares each version with the one it revises or answers, each line end to end, and "
            f"versions dated within {NEAR_DAYS} days of each other; a dash marks a pair it does not "
            "build — add one with plandiff site --pair OLD:NEW.",
            class_="sub",
        ),
        el("div", el("table", el("thead", head), el("tbody", *rows), class_="grid picker"), class_="table-wrap"),
    ]
    return document("Comparisons — plandiff", body, links=links, description="Pick two plan versions to compare")


def timeline_page(site: SiteLike) -> etree._Element:
    links = Links("timeline.html", site)
    sides = default_sides()
    items = marks(
        site.plans,
        site.events,
        version_href=lambda p: links.version(p.id),
        event_href=lambda e: f"#e-{e.id}",
        sides=sides,
    )
    body: list = [
        el("h1", "Timeline"),
        el(
            "p",
            f"{len(site.plans)} versions and {len(site.events)} events of the talks on one time "
            "axis, one lane per drafting side; a version or event of more than one side is in "
            "the joint lane. Each mark links to the version or to the event's entry below.",
            class_="sub",
        ),
    ]
    if items:
        body.append(
            el(
                "figure",
                el("div", timeline_svg(items, site.plans, lanes=sides.lanes), class_="table-wrap"),
                el(
                    "figcaption",
                    "Filled dot: a plan version (see its row on the versions page); "
                    "hollow square: an event, a bar when it lasted several days. Solid "
                    "arrow: revises; dashed arrow: answers. The picture scrolls sideways; "
                    "the table below holds the same facts.",
                ),
            )
        )
        body.append(el("h2", "Chronology", id="chronology"))
        body.append(
            el(
                "div",
                chronology(items, site.by_id, {e.id: e for e in site.events}, version_href=links.version),
                class_="table-wrap",
            )
        )
    else:
        body.append(el("p", "No dated version or event.", class_="muted"))
    return document(
        "Timeline — plandiff",
        body,
        links=links,
        description="Every plan version and event of the talks on one time axis",
    )


def matrix_page(site: SiteLike) -> etree._Element:
    links = Links("matrix.html", site)
    head = el(
        "tr",
        el("th", "Provision", scope="col"),
        *[
            el(
                "th",
                el("a", p.id, href=links.version(p.id)),
                el("br"),
                el("span", p.date or "", class_="muted"),
                scope="col",
            )
            for p in site.plans
        ],
    )
    table = el(
        "table",
        el("caption", "Each provision (rows) in each version (columns). " + LEGEND, class_="muted"),
        el("thead", head),
        class_="grid matrix",
    )
    current, group = None, None
    for key in site.keys:
        ptype = site.tax.get(key)
        topic = ptype.topic if ptype else "custom"
        if topic != current:
            current = topic
            group = el(
                "tbody",
                el("tr", el("th", topic_title(site.tax, topic), scope="rowgroup", colspan=str(len(site.plans) + 1))),
                data_filter_group=True,
            )
            table.append(group)
        row = el(
            "tr",
            el(
                "th",
                el("a", label_of(site.tax, key), href=links.provision(key)),
                el("br"),
                el("code", key, class_="key"),
                scope="row",
            ),
            data_filter_row=True,
        )
        for c in site.matrix.rows[key]:
            row.append(
                el(
                    "td",
                    el("a", state_words(c, compact=True), href=links.provision(key, c.plan.id), class_="cell-link"),
                    class_=f"st-{c.state}",
                )
            )
        assert group is not None  # the first key opens a topic
        group.append(row)
    body = [
        el("h1", "Provisions × versions"),
        el(
            "p",
            "How each provision evolved, at a glance. Each cell links to the provision's page, where the evidence is.",
            class_="sub",
        ),
        filters(None, placeholder="troop, Donetsk, 800,000…"),
        el("div", table, class_="table-wrap"),
    ]
    return document(
        "Provisions × versions — plandiff",
        body,
        links=links,
        script=True,
        description="Every provision in every plan version",
    )
