"""The static site: index, comparisons, the matrix, one page per provision and per source article.

    site/index.html                           versions, lineage, pictures, contents
    site/matrix.html                          provisions × versions
    site/timeline.html                        versions and events on one time axis (anchors #e-<event id>)
    site/compare/<old>.vs.<new>.html          a comparison (anchors #p-<key>)
    site/provisions/<key>.html                one provision in every version (anchors #v-<plan id>)
    site/sources/<article>.html               a source article (anchors #q-<hash>)

`Site` knows every page and answers "where is X" for the links; `write_site`
writes the pages into one directory and nowhere else.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from lxml import etree

from plandiff.diff import diff_plans
from plandiff.diff.across import LEGEND, matrix
from plandiff.diff.changes import ChangeSet
from plandiff.lineage import lineage_order
from plandiff.model import Event, Plan
from plandiff.output import OwnedFolder
from plandiff.render.html.compare import ComparePage, topic_title
from plandiff.render.html.lineage import lineage_diagram
from plandiff.render.html.page import KIND_ORDER, Links, document, el, filters, serialize
from plandiff.render.html.parts import file_label, label_of, spec_of
from plandiff.render.html.provision import render_provision, state_words
from plandiff.render.html.source import Article, Articles, quote_anchor, render_article
from plandiff.render.html.svg import numeric_chart, status_grid
from plandiff.render.html.timeline import chronology, default_sides, marks, timeline_svg
from plandiff.taxonomy import Taxonomy, default_taxonomy

MANIFEST = ".plandiff-site"
_SAFE = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$")


def safe_name(name: str) -> str:
    """A file-name part from a plan id, key or article stem; anything unusual becomes a hash."""
    if _SAFE.match(name) and len(name) <= 100:
        return name
    return "x-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]


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


def _plan_link(links: Links, key: str, plan: Plan) -> str | None:
    """The provision's page at one version (a chart's bar links there)."""
    return links.provision(key, plan.id)


def _day(s: str) -> datetime.date:
    return datetime.date.fromisoformat(s)


class Site:
    def __init__(
        self,
        plans: list[Plan],
        pairs: Sequence[tuple[str, str]] = (),
        taxonomy: Taxonomy | None = None,
        events: Sequence[Event] = (),
    ):
        self.tax = taxonomy or default_taxonomy()
        self.events = sorted(events, key=lambda e: (e.date, e.id))
        self.plans = lineage_order(list(plans))
        self.by_id = {p.id: p for p in self.plans}
        self._default = set(default_pairs(self.plans))
        wanted = default_pairs(self.plans) + [(a, b) for a, b in pairs]
        self.pairs: list[tuple[str, str]] = list(dict.fromkeys(wanted))
        for a, b in self.pairs:
            if a not in self.by_id or b not in self.by_id:
                raise KeyError(f"no version {a if a not in self.by_id else b!r}")
        self._changesets: dict[tuple[str, str], ChangeSet] = {}
        self.matrix = matrix(self.plans, self.tax)
        self.keys = self.matrix.keys
        self._article_pages: dict[str, str] = {}  # real path → site path
        self.articles = Articles(self.plans, self._article_page)

    def _article_page(self, stem: str, real: str) -> str:
        name = f"sources/{safe_name(stem)}.html"
        if name in self._article_pages.values():
            digest = hashlib.sha1(real.encode("utf-8", "surrogatepass")).hexdigest()[:8]
            name = f"sources/{safe_name(stem)}-{digest}.html"
        self._article_pages[real] = name
        return name

    # --- what is where -------------------------------------------------------

    def changeset(self, old_id: str, new_id: str) -> ChangeSet | None:
        if (old_id, new_id) not in self.pairs:
            return None
        cs = self._changesets.get((old_id, new_id))
        if cs is None:
            cs = self._changesets[(old_id, new_id)] = diff_plans(self.by_id[old_id], self.by_id[new_id], self.tax)
        return cs

    @staticmethod
    def compare_path(old_id: str, new_id: str) -> str:
        return f"compare/{safe_name(old_id)}.vs.{safe_name(new_id)}.html"

    @staticmethod
    def provision_path(key: str) -> str:
        return f"provisions/{safe_name(key)}.html"

    def provision_target(self, key: str, plan_id: str | None):
        if key not in self.matrix.rows:
            return None
        return self.provision_path(key), (f"v-{plan_id}" if plan_id in self.by_id else None)

    def version_target(self, plan_id: str):
        return ("index.html", f"v-{plan_id}") if plan_id in self.by_id else None

    def compare_target(self, old_id: str, new_id: str, key: str | None):
        if (old_id, new_id) not in self.pairs:
            return None
        return self.compare_path(old_id, new_id), (f"p-{key}" if key is not None else None)

    def article_target(self, plan: Plan, source_id: str, quote: str | None):
        art = self.articles.article(plan, source_id)
        if art is None:
            return None
        if quote is not None:
            p = art.passages.get(quote_anchor(quote) or "")
            if p is not None and p.start is not None:
                return art.page, p.anchor
        return art.page, None

    @staticmethod
    def page_target(name: str):
        return f"{name}.html", None

    # --- the pages -------------------------------------------------------------

    def pages(self) -> Iterator[tuple[str, Callable[[], etree._Element]]]:
        """(site path, builder) for every page; builders are called one at a time."""
        yield "index.html", self.index_page
        yield "matrix.html", self.matrix_page
        yield "timeline.html", self.timeline_page
        yield "comparisons.html", self.comparisons_page
        for a, b in self.pairs:
            yield self.compare_path(a, b), partial(self.compare_page, a, b)
        for key in self.keys:
            yield self.provision_path(key), partial(self.provision_page, key)
        for art in self.articles:
            yield art.page, partial(self._render_article, art)

    def _render_article(self, art: Article) -> etree._Element:
        return render_article(art, Links(art.page, self), self.tax)

    def compare_page(self, old_id: str, new_id: str) -> etree._Element:
        cs = self.changeset(old_id, new_id)
        assert cs is not None, (old_id, new_id)  # a page for each of self.pairs
        return ComparePage(cs, Links(self.compare_path(old_id, new_id), self), self.tax).render()

    def provision_page(self, key: str) -> etree._Element:
        links = Links(self.provision_path(key), self)
        ptype = self.tax.get(key)
        return render_provision(key, label_of(self.tax, key), ptype, self.matrix.rows[key], links, self, self.tax)

    def _near(self, a: str, b: str) -> bool:
        pa, pb = self.by_id[a], self.by_id[b]
        if not (pa.date and pb.date):
            return False
        return abs((_day(pb.date) - _day(pa.date)).days) <= NEAR_DAYS

    def _numeric_keys(self) -> list[str]:
        return [k for k in self.keys if self.tax.kind(k).chart == "numeric"]

    def _enum_keys(self) -> list[str]:
        return [k for k in self.keys if self.tax.kind(k).chart == "status"]

    def index_page(self) -> etree._Element:
        links = Links("index.html", self)
        body: list = [
            el("h1", "Peace-plan versions compared"),
            el(
                "p",
                f"{len(self.plans)} versions of the plans to end the war in Ukraine, each kept as a "
                "cited file in which every value rests on quoted words. Follow a comparison to see "
                "what one version changed in another, a provision to follow it through every "
                "version, or a source article to read the quoted passages in context.",
                class_="sub",
            ),
        ]
        body.append(
            el(
                "figure",
                lineage_diagram(self.plans, href=lambda p: f"#v-{p.id}"),
                el(
                    "figcaption",
                    "Lineage, oldest generation on the left. Solid arrow: revises; "
                    "dashed arrow: answers (a counterproposal to).",
                ),
            )
        )
        body.append(el("h2", "Versions", id="versions"))
        rows = []
        for p in self.plans:
            provs = list(p.provisions.values())
            lineage = []
            if p.revises:
                lineage.append(f"revises {p.revises}")
            if p.responds_to:
                lineage.append(f"answers {p.responds_to}")
            comps = [el("li", el("a", f"vs {a}", href=links.compare(a, b))) for a, b in self.pairs if b == p.id]
            comps += [el("li", el("a", f"vs {b}", href=links.compare(a, b))) for a, b in self.pairs if a == p.id]
            rows.append(
                el(
                    "tr",
                    el("th", el("div", el("bdi", p.title), class_="label"), el("code", p.id), scope="row"),
                    el("td", p.date or "?"),
                    el("td", ", ".join(p.drafted_by) or "unknown"),
                    el(
                        "td",
                        p.status or "?",
                        el("br"),
                        el("span", "full text" if p.full_text else "partial: from reports", class_="muted"),
                    ),
                    el("td", str(p.point_count) if p.point_count else "?"),
                    el(
                        "td",
                        f"{sum(1 for x in provs if not x.omitted)} in",
                        el("br"),
                        f"{sum(1 for x in provs if x.disputed)} disputed",
                        el("br"),
                        f"{sum(1 for x in provs if x.omitted)} omitted",
                    ),
                    el("td", "; ".join(lineage) or "—"),
                    el("td", el("ul", *comps, class_="plain") if comps else "—"),
                    id=f"v-{p.id}",
                )
            )
        head = el(
            "tr",
            *[
                el("th", h, scope="col")
                for h in ("Version", "Date", "Drafted by", "Status", "Points", "Provisions", "Lineage", "Comparisons")
            ],
        )
        body.append(el("div", el("table", el("thead", head), el("tbody", *rows), class_="grid"), class_="table-wrap"))
        body += self._pictures(links)
        body.append(el("h2", "Comparisons", id="comparisons"))
        items = []
        for a, b in self.pairs:
            cs = self.changeset(a, b)
            assert cs is not None  # one of self.pairs
            counts = cs.counts()
            what = ", ".join(f"{counts[k]} {k}" for k in KIND_ORDER if counts[k])
            new = self.by_id[b]
            how = (
                "revises and answers"
                if new.revises == a and new.responds_to == a
                else "revises"
                if new.revises == a
                else "answers"
                if new.responds_to == a
                else "close in time"
                if (a, b) in self._default and self._near(a, b)
                else "end to end"
                if (a, b) in self._default
                else "on request"
            )
            items.append(
                el("li", el("a", f"{a} → {b}", href=links.compare(a, b)), f" ({how})", f" — {what or 'no changes'}")
            )
        body.append(
            el("ul", *items)
            if items
            else el(
                "p",
                "None of these versions revises or answers another one here; "
                "`plandiff site --pair OLD:NEW` adds a comparison.",
                class_="muted",
            )
        )
        body.append(el("p", el("a", "Every provision in every version (the matrix)", href=links.page("matrix"))))
        body.append(el("p", el("a", "Pick any two versions (all comparisons)", href=links.page("comparisons"))))
        body.append(
            el("p", el("a", "Every version and event on one time axis (the timeline)", href=links.page("timeline")))
        )
        body.append(el("h2", "Provisions", id="provisions"))
        topics = el("div", class_="topics")
        body.append(topics)
        current = None
        ul = None
        for key in self.keys:
            ptype = self.tax.get(key)
            topic = ptype.topic if ptype else "custom"
            if topic != current:
                current = topic
                ul = el("ul")
                topics.append(el("div", el("h3", topic_title(self.tax, topic)), ul))
            cells = self.matrix.rows[key]
            n = sum(1 for c in cells if c.held)
            assert ul is not None  # the first key opens a topic
            ul.append(
                el(
                    "li",
                    el("a", label_of(self.tax, key), href=links.provision(key)),
                    " ",
                    el("code", key, class_="key"),
                    f" — in {n} of {len(cells)} versions",
                )
            )
        body.append(el("h2", "Source articles", id="sources"))
        arts = list(self.articles)
        if arts:
            body.append(
                el(
                    "ul",
                    *[
                        el(
                            "li",
                            el("a", file_label(a.file), href=links.rel(a.page)),
                            f" — {sum(1 for p in a.passages.values() if p.start is not None)} "
                            "quoted passages; cited by " + ", ".join(dict.fromkeys(pl.id for pl, _ in a.cited_as)),
                        )
                        for a in arts
                    ],
                )
            )
        else:
            body.append(el("p", "No plan cites a local article.", class_="muted"))
        return document(
            "Peace-plan versions — plandiff",
            body,
            links=links,
            description="Versions of the Ukraine peace plans, compared provision by provision",
        )

    def _pictures(self, links: Links) -> list:
        out: list = [el("h2", "At a glance", id="glance")]
        for key in self._numeric_keys():
            label = label_of(self.tax, key)
            out.append(
                el(
                    "figure",
                    numeric_chart(
                        key, label, spec_of(self.tax, key), self.matrix.rows[key], href=partial(_plan_link, links, key)
                    ),
                    el(
                        "figcaption",
                        el("a", label, href=links.provision(key)),
                        " in each version. Hatched bars with a dashed outline: reports disagree (each "
                        "report's figure is drawn); no bar: known absent (dropped, or not in the full "
                        "text) or not reported, as the label under it says.",
                    ),
                )
            )
        enums = self._enum_keys()
        if enums:
            rows = [(k, label_of(self.tax, k), spec_of(self.tax, k), self.matrix.rows[k]) for k in enums]
            out.append(
                el(
                    "figure",
                    el(
                        "div",
                        status_grid(
                            rows,
                            self.plans,
                            title="Statuses across versions",
                            uid="grid-index",
                            row_href=lambda k: links.provision(k),
                            cell_href=lambda k, p: links.provision(k, p.id),
                        ),
                        class_="table-wrap",
                    ),
                    el(
                        "figcaption",
                        "Each cell names the status a version gives; a cell split in bands "
                        "combines statuses. Hatched with a dashed outline: reports disagree; "
                        "dashed empty: — known absent (omitted, or not in the full text) or n/r not "
                        "reported. Every row links to the "
                        "provision's page.",
                    ),
                )
            )
        return out

    def comparisons_page(self) -> etree._Element:
        """A picker: every pair of versions, linked where the site has the comparison."""
        links = Links("comparisons.html", self)
        head = el(
            "tr",
            el("th", "Older ↓ · newer →", scope="col"),
            *[el("th", el("a", p.id, href=links.version(p.id)), scope="col") for p in self.plans],
        )
        rows = []
        for i, a in enumerate(self.plans):
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
            for j, b in enumerate(self.plans):
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
                f"Every pair of the {len(self.plans)} versions, older (row) against newer (column). The "
                "site compares each version with the one it revises or answers, each line end to end, and "
                f"versions dated within {NEAR_DAYS} days of each other; a dash marks a pair it does not "
                "build — add one with plandiff site --pair OLD:NEW.",
                class_="sub",
            ),
            el("div", el("table", el("thead", head), el("tbody", *rows), class_="grid picker"), class_="table-wrap"),
        ]
        return document("Comparisons — plandiff", body, links=links, description="Pick two plan versions to compare")

    def timeline_page(self) -> etree._Element:
        links = Links("timeline.html", self)
        sides = default_sides()
        items = marks(
            self.plans,
            self.events,
            version_href=lambda p: links.version(p.id),
            event_href=lambda e: f"#e-{e.id}",
            sides=sides,
        )
        body: list = [
            el("h1", "Timeline"),
            el(
                "p",
                f"{len(self.plans)} versions and {len(self.events)} events of the talks on one time "
                "axis, one lane per drafting side; a version or event of more than one side is in "
                "the joint lane. Each mark links to the version or to the event's entry below.",
                class_="sub",
            ),
        ]
        if items:
            body.append(
                el(
                    "figure",
                    el("div", timeline_svg(items, self.plans, lanes=sides.lanes), class_="table-wrap"),
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
                    chronology(items, self.by_id, {e.id: e for e in self.events}, version_href=links.version),
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

    def matrix_page(self) -> etree._Element:
        links = Links("matrix.html", self)
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
                for p in self.plans
            ],
        )
        table = el(
            "table",
            el("caption", "Each provision (rows) in each version (columns). " + LEGEND, class_="muted"),
            el("thead", head),
            class_="grid matrix",
        )
        current, group = None, None
        for key in self.keys:
            ptype = self.tax.get(key)
            topic = ptype.topic if ptype else "custom"
            if topic != current:
                current = topic
                group = el(
                    "tbody",
                    el(
                        "tr", el("th", topic_title(self.tax, topic), scope="rowgroup", colspan=str(len(self.plans) + 1))
                    ),
                    data_filter_group=True,
                )
                table.append(group)
            row = el(
                "tr",
                el(
                    "th",
                    el("a", label_of(self.tax, key), href=links.provision(key)),
                    el("br"),
                    el("code", key, class_="key"),
                    scope="row",
                ),
                data_filter_row=True,
            )
            for c in self.matrix.rows[key]:
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
                "How each provision evolved, at a glance. Each cell links to the provision's page, where "
                "the evidence is.",
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


# --- writing ---------------------------------------------------------------------


def write_site(site: Site, out_dir: str | Path, plans_dir: str | Path | None = None, protected=()) -> list[str]:
    """Build every page and write it under out_dir (plandiff.output.OwnedFolder); returns the site paths.

    The folder must be new, empty or an earlier build; pages the previous
    build wrote and this one does not are removed if nobody changed them.
    """
    with OwnedFolder(
        out_dir, MANIFEST, owner="plandiff site", plans_dir=plans_dir, protected=protected, fresh_only=True
    ) as folder:
        for path, build in site.pages():
            folder.write(path, serialize(build()))
        folder.prune()
    return list(folder.written)
