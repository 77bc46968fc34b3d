"""The comparison page: two versions side by side, provisions grouped by topic.

Like the text and Markdown reports it dispatches on the change type
(`_render_<Kind>`), so a new kind of change needs one method here. Each
provision row has a stable anchor, `id="p-<key>"`, and is marked by kind with
a symbol, a word and a colour.
"""

from __future__ import annotations

from lxml import etree

from plandiff.diff.changes import (
    KIND_NAMES,
    Added,
    Change,
    Changed,
    ChangeSet,
    Detail,
    Dropped,
    Recited,
    Renumbered,
    Reworded,
    Unchanged,
    Unreported,
)
from plandiff.kinds.detail import detail_words
from plandiff.model import ABSENT, SILENT
from plandiff.render.html.page import KIND_ORDER, Links, add, document, el, filters, kind_mark, points_text
from plandiff.render.html.parts import provision_view, spec_of, version_heading
from plandiff.taxonomy import Taxonomy, default_taxonomy

CUSTOM_TOPIC = "Other points (custom keys)"


def provision_anchor(key: str) -> str:
    """The stable id of a provision's row on a comparison page."""
    return f"p-{key}"


def topic_title(tax: Taxonomy, topic: str) -> str:
    if topic == "custom":
        return CUSTOM_TOPIC
    return tax.topics.get(topic, topic.replace("_", " ").capitalize())


def detail_view(d: Detail, tag: str = "li") -> etree._Element:
    """A detail as spans (label, old → new, note), worded like every report; a measured note is a delta."""
    w = detail_words(d)
    li = el(tag)
    has_values = w.old is not None or w.new is not None
    if w.label and (has_values or w.label not in ("added", "dropped")):
        add(li, el("span", w.label, class_="dlabel"), ": " if has_values else None)
    if w.old is not None and w.new is not None:
        add(li, el("span", w.old, class_="old"), " → ", el("span", w.new, class_="new"))
    elif w.old is not None:
        add(li, el("span", w.old, class_="old"))
    elif w.new is not None:
        add(li, el("span", w.new, class_="new"))
    if w.note:
        if d.measured:
            add(li, " ", el("span", f"({w.note})", class_="delta"))
        elif has_values or (w.label and w.label not in ("added", "dropped")):
            add(li, " ", el("span", f"({w.note})", class_="note"))
        else:
            add(li, el("span", w.note))
    return li


def change_summary(c: Change) -> str:
    """The details of a change on one line, without the label (the page shows it already)."""
    return "; ".join(str(d) for d in c.details) if c.details else c.kind


class ComparePage:
    def __init__(self, cs: ChangeSet, links: Links | None = None, taxonomy: Taxonomy | None = None):
        self.cs = cs
        self.links = links or Links()
        self.tax = taxonomy or default_taxonomy()

    # --- the page -----------------------------------------------------------

    def render(self) -> etree._Element:
        cs = self.cs
        title = f"{cs.old.title} → {cs.new.title}"
        body = [
            el("h1", "What changed: ", el("bdi", cs.old.id), " → ", el("bdi", cs.new.id)),
            self._versus(),
            self._summary(),
            filters(KIND_ORDER),
        ]
        body += self._topics()
        body += self._silent()
        return document(
            f"{title} — plandiff",
            body,
            links=self.links,
            script=True,
            description=f"Provision-by-provision comparison of {cs.old.id} and {cs.new.id}",
        )

    def _side_box(self, plan, role: str, relation: str | None = None) -> etree._Element:
        box = el("section", *version_heading(plan, self.links, role=role), class_="side", aria_label=f"{role} version")
        if relation:
            box.append(el("p", relation, class_="muted"))
        if plan.notes or plan.aliases:
            more = el("details", el("summary", "About this version"))
            if plan.notes:
                more.append(el("p", plan.notes, class_="note-text"))
            if plan.aliases:
                more.append(el("p", el("strong", "Also called: "), ", ".join(plan.aliases), class_="note-text"))
            box.append(more)
        return box

    def _versus(self) -> etree._Element:
        cs = self.cs
        relation = None
        if cs.new.revises == cs.old.id and cs.new.responds_to == cs.old.id:
            relation = f"Revises and answers {cs.old.id}."
        elif cs.new.revises == cs.old.id:
            relation = f"Revises {cs.old.id}."
        elif cs.new.responds_to == cs.old.id:
            relation = f"Answers {cs.old.id}."
        elif cs.old.revises == cs.new.id or cs.old.responds_to == cs.new.id:
            relation = f"Came before {cs.old.id}: this page reads the lineage backwards."
        return el(
            "div",
            self._side_box(cs.old, "Old (left)"),
            el("div", "→", class_="arrow", aria_hidden="true"),
            self._side_box(cs.new, "New (right)", relation),
            class_="versus",
        )

    def _summary(self) -> etree._Element:
        cs = self.cs
        counts = cs.counts()
        head = el("tr", *[el("th", kind_mark(k), scope="col", class_=f"k-{k}") for k in KIND_NAMES])
        row = el("tr", *[el("td", str(counts[k]), class_=f"k-{k}") for k in KIND_NAMES])
        out = el(
            "section",
            el("h2", "Summary", id="summary"),
            el(
                "table",
                el("caption", f"Provisions by kind of change ({len(cs.changes)} in all)", class_="vh"),
                el("thead", head),
                el("tbody", row),
                class_="counts",
            ),
            el(
                "p",
                f"{cs.differences} provision{'s' * (cs.differences != 1)} differ in the plans themselves. "
                "Reworded, recited (new evidence) and not-reported provisions are not differences: "
                "our wording or citations moved, or one version is silent.",
                class_="muted",
            ),
            aria_labelledby="summary",
        )
        differences = [c for c in cs.changes if c.difference]
        if differences:
            out.append(el("h3", "Changes at a glance", id="glance"))
            out.append(
                el(
                    "ul",
                    *[
                        el("li", kind_mark(c.kind), " ", el("a", c.label, href=f"#p-{c.key}"), " ", self._what(c))
                        for c in differences
                    ],
                    class_="glance",
                    aria_labelledby="glance",
                )
            )
        else:
            out.append(el("p", "No provision differs between these versions."))
        return out

    @staticmethod
    def _what(c: Change) -> etree._Element:
        what = el("span", class_="what")
        for i, d in enumerate(c.details):
            add(what, "; " if i else None, detail_view(d, "span"))
        return what

    def _topics(self) -> list:
        out, current, table = [], None, None
        for c in self.cs.changes:
            if isinstance(c, Unreported):
                continue  # listed apart, collapsed: silence is not a difference
            if c.topic != current:
                current = c.topic
                tid = f"topic-{c.topic}"
                table = el("tbody")
                out.append(
                    el(
                        "section",
                        el("h2", topic_title(self.tax, c.topic), id=tid),
                        self._side_table("Provision and change", table),
                        aria_labelledby=tid,
                        data_filter_group=True,
                    )
                )
            assert table is not None  # the first change opens a topic
            table.append(getattr(self, f"_render_{type(c).__name__}")(c))
        return out

    def _side_table(self, first: str, body: etree._Element) -> etree._Element:
        """A side-by-side table: the provision, then OLD's and NEW's entries for it."""
        head = el(
            "tr",
            el("th", first, scope="col"),
            el("th", el("bdi", self.cs.old.id), " (old)", scope="col"),
            el("th", el("bdi", self.cs.new.id), " (new)", scope="col"),
        )
        return el(
            "table",
            el("colgroup", el("col", class_="c-what"), el("col"), el("col")),
            el("thead", head),
            body,
            class_="side-by-side",
        )

    def _silent(self) -> list:
        """One collapsed table per silent version: what the other version holds that it does not speak of."""
        out = []
        for side, plan in (("old", self.cs.old), ("new", self.cs.new)):
            rows = [c for c in self.cs.of_kind(Unreported) if c.silent == side]
            if not rows:
                continue
            sid = f"silent-{side}"
            out.append(
                el(
                    "details",
                    el("summary", f"Not reported in {plan.id} ({len(rows)})", id=sid),
                    el(
                        "p",
                        f"No report about {plan.id} mentions these provisions; {plan.id} is known only "
                        "through reports, so nothing can be said about whether it holds them.",
                        class_="muted",
                    ),
                    self._side_table("Provision", el("tbody", *[self._render_Unreported(c) for c in rows])),
                    class_="silent",
                )
            )
        return out

    # --- one row per provision, by kind ------------------------------------

    def _row(self, c: Change, old_cell: list, new_cell: list, details: bool = True) -> etree._Element:
        href = self.links.provision(c.key)
        label = el("a", c.label, href=href, title="This provision in every version") if href else c.label
        head = el(
            "th",
            el("div", label, class_="label"),
            el("div", el("span", c.key, class_="key")),
            el("div", kind_mark(c.kind)),
            scope="row",
        )
        if details and c.details:
            head.append(el("ul", *[detail_view(d) for d in c.details], class_="details"))
        return el(
            "tr",
            head,
            el("td", *old_cell, data_side=f"{self.cs.old.id} (old)"),
            el("td", *new_cell, data_side=f"{self.cs.new.id} (new)"),
            id=f"p-{c.key}",
            class_=f"r-{c.kind}",
            data_kind=c.kind,
            data_filter_row=True,
        )

    def _side(self, c: Change, side: str) -> list:
        plan = self.cs.old if side == "old" else self.cs.new
        prov = c.old if side == "old" else c.new
        out: list = []
        pts = points_text(prov.point) if prov is not None else None
        if pts:
            out.append(el("p", pts.capitalize(), class_="points"))
        words = c.words if "summary" in c.fields else ()
        state = c.old_state if side == "old" else c.new_state
        absent = {ABSENT: f"Not in the full text of {plan.id}.", SILENT: f"Not reported in {plan.id}."}.get(
            state, f"Not in {plan.id}."
        )
        return out + provision_view(
            plan, prov, spec_of(self.tax, c.key), self.links, words=words, side=side, absent_text=absent
        )

    def _render_Added(self, c: Added) -> etree._Element:
        return self._row(c, self._side(c, "old"), self._side(c, "new"))

    def _render_Dropped(self, c: Dropped) -> etree._Element:
        return self._row(c, self._side(c, "old"), self._side(c, "new"))

    def _render_Changed(self, c: Changed) -> etree._Element:
        return self._row(c, self._side(c, "old"), self._side(c, "new"))

    def _render_Renumbered(self, c: Renumbered) -> etree._Element:
        return self._row(c, self._side(c, "old"), self._side(c, "new"))

    def _render_Reworded(self, c: Reworded) -> etree._Element:
        return self._row(c, self._side(c, "old"), self._side(c, "new"))

    def _render_Recited(self, c: Recited) -> etree._Element:
        return self._row(c, self._side(c, "old"), self._side(c, "new"))

    def _render_Unreported(self, c: Unreported) -> etree._Element:
        return self._row(c, self._side(c, "old"), self._side(c, "new"))

    def _render_Unchanged(self, c: Unchanged) -> etree._Element:
        return self._row(c, self._side(c, "old"), self._side(c, "new"))


def render_compare(cs: ChangeSet, links: Links | None = None, taxonomy: Taxonomy | None = None) -> etree._Element:
    """The comparison page of a change set, as an lxml tree (serialize with `page.serialize`)."""
    return ComparePage(cs, links, taxonomy).render()
