"""The static site: index, comparisons, the matrix, one page per provision and per source article.

    site/index.html                           versions, lineage, pictures, contents
    site/matrix.html                          provisions × versions
    site/timeline.html                        versions and events on one time axis (anchors #e-<event id>)
    site/compare/<old>.vs.<new>.html          a comparison (anchors #p-<key>)
    site/provisions/<key>.html                one provision in every version (anchors #v-<plan id>)
    site/sources/<article>.html               a source article (anchors #q-<hash>)

`Site` knows every page and answers "where is X" for the links; `write_site`
writes the pages into one directory and nowhere else.
The comparisons picker, timeline and matrix pages and the default pairs are
built in site_pages.py; the status grid is in grid.py.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from lxml import etree

from plandiff.diff import diff_plans
from plandiff.diff.across import matrix
from plandiff.diff.changes import ChangeSet
from plandiff.lineage import lineage_order
from plandiff.model import Event, Plan
from plandiff.output import OwnedFolder
from plandiff.render.html.compare import ComparePage, topic_title
from plandiff.render.html.grid import status_grid
from plandiff.render.html.lineage import lineage_diagram
from plandiff.render.html.page import KIND_ORDER, Links, document, el, serialize
from plandiff.render.html.parts import file_label, label_of, spec_of
from plandiff.render.html.provision import render_provision
from plandiff.render.html.site_pages import NEAR_DAYS, _day, comparisons_page, default_pairs, matrix_page, timeline_page
from plandiff.render.html.source import Article, Articles, quote_anchor, render_article
from plandiff.render.html.svg import numeric_chart
from plandiff.taxonomy import Taxonomy, default_taxonomy

MANIFEST = ".plandiff-site"
_SAFE = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$")


def safe_name(name: str) -> str:
    """A file-name part from a plan id, key or article stem; anything unusual becomes a hash."""
    if _SAFE.match(name) and len(name) <= 100:
        return name
    return "x-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _plan_link(links: Links, key: str, plan: Plan) -> str | None:
    """The provision's page at one version (a chart's bar links there)."""
    return links.provision(key, plan.id)


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
        return comparisons_page(self)

    def timeline_page(self) -> etree._Element:
        return timeline_page(self)

    def matrix_page(self) -> etree._Element:
        return matrix_page(self)


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
