"""A provision's page: what every version says about it, with a picture and the evidence.

Rows are versions in lineage order, each with a stable anchor
`id="v-<plan id>"`; a row says how the version changed the provision from
the version it revises or answers, and links to that comparison.
"""

from __future__ import annotations

from lxml import etree

from plandiff.diff.across import ABSENT, DISPUTED, OMITTED, UNKNOWN, UNREPORTED, VALUE, Cell
from plandiff.diff.describe import format_value
from plandiff.kinds import Kind
from plandiff.render.html.compare import change_summary, topic_title
from plandiff.render.html.grid import status_grid
from plandiff.render.html.page import Links, document, el, kind_mark, points_text
from plandiff.render.html.parts import provision_view
from plandiff.render.html.svg import numeric_chart


def state_words(c: Cell, compact: bool = False) -> etree._Element:
    """A matrix or history cell in words (symbols come with their meaning; compact: for sighted readers the
    dash alone, the words kept for screen readers and search)."""
    if c.state == DISPUTED:
        return el("span", el("span", "⚠ disputed", class_="badge"), " ", c.text.replace(" | ", " or "))
    if c.state == ABSENT:
        return el("span", "— ", el("span", "not in the full text", class_="vh" if compact else "muted"))
    if c.state == OMITTED:
        return el("span", "— omitted", class_="state")
    if c.state == UNREPORTED:
        return el("span", "n/r ", el("span", "not reported", class_="vh" if compact else "muted"))
    if c.state == UNKNOWN:
        return el("span", "? ", el("span", "mentioned without a value", class_="muted"))
    return el("span", c.text)


def record_table(key: str, spec: Kind, cells: list[Cell]) -> etree._Element | None:
    """For a record provision: its fields × versions, so each field can be followed across versions."""
    if not spec.fields:
        return None
    names: list[str] = list(spec.fields)
    extra = [
        k
        for c in cells
        if c.provision is not None
        for v in [c.provision.value, *(cl.value for cl in c.provision.claims)]
        if isinstance(v, dict)
        for k in v
        if k not in names
    ]
    names += list(dict.fromkeys(extra))

    def field_text(c: Cell, name: str) -> str:
        p = c.provision
        fspec = spec.field(name)
        if c.state == VALUE and p is not None and isinstance(p.value, dict):
            return format_value(fspec, p.value[name]) if name in p.value else "—"
        if c.state == DISPUTED and p is not None:
            alts = []
            for cl in p.claims:
                if cl.status == "omitted":
                    alts.append("omitted")
                elif isinstance(cl.value, dict) and name in cl.value:
                    alts.append(format_value(fspec, cl.value[name]))
                else:
                    alts.append("not stated")
            return alts[0] if len(set(alts)) == 1 else "⚠ " + " or ".join(alts)
        return ""

    shown = [c for c in cells if c.state not in (ABSENT, UNREPORTED)]
    used = [n for n in names if any(field_text(c, n) not in ("", "—") for c in shown)]
    if not used:
        return None
    head = el("tr", el("th", "field", scope="col"), *[el("th", c.plan.id, scope="col") for c in shown])
    rows = []
    for name in used:
        row = el("tr", el("th", name.replace("_", " "), scope="row"))
        for c in shown:
            row.append(el("td", field_text(c, name) or ("omitted" if c.state == OMITTED else "?")))
        rows.append(row)
    absent = [c.plan.id for c in cells if c.state == ABSENT]
    silent = [c.plan.id for c in cells if c.state == UNREPORTED]
    note = (f"; not in the full text of {', '.join(absent)}" if absent else "") + (
        f"; not reported in {', '.join(silent)}" if silent else ""
    )
    return el(
        "div",
        el(
            "table",
            el(
                "caption",
                f"Each field of the provision in each version that has it; — not stated, ⚠ reports disagree{note}.",
                class_="muted",
            ),
            el("thead", head),
            el("tbody", *rows),
            class_="grid",
        ),
        class_="table-wrap",
    )


def render_provision(key: str, label: str, ptype, cells: list[Cell], links: Links, site, taxonomy) -> etree._Element:
    spec = taxonomy.kind(key)
    topic = ptype.topic if ptype else "custom"
    held = sum(1 for c in cells if c.held)
    known_absent = sum(1 for c in cells if c.presence == "omitted")
    silent = len(cells) - held - known_absent
    body: list = [
        el("h1", label),
        el(
            "p",
            el("code", key),
            " · ",
            topic_title(taxonomy, topic),
            f" · held in {held} of {len(cells)} versions, known absent from {known_absent}, not reported in {silent}",
            class_="sub",
        ),
    ]
    if ptype is not None and ptype.description:
        body.append(el("p", ptype.description))
    if spec.chart == "numeric":
        body.append(
            el(
                "figure",
                numeric_chart(key, label, spec, cells, href=lambda p: f"#v-{p.id}"),
                el(
                    "figcaption",
                    f"{label} in each version. Hatched bars with a dashed outline: reports "
                    "disagree (each report's figure is drawn); dashed empty box: mentioned "
                    "without a figure; no bar: the version is known not to have it (dropped, or "
                    "not in its full text) or was not reported on, as the label under it says.",
                ),
            )
        )
    elif spec.chart == "status":
        body.append(
            el(
                "figure",
                status_grid(
                    [(key, label, spec, cells)],
                    [c.plan for c in cells],
                    title=f"{label} in each version",
                    uid=f"grid-{key}",
                    cell_href=lambda k, p: f"#v-{p.id}",
                ),
                el(
                    "figcaption",
                    "Each cell names the status; hatched cells: reports disagree; dashed "
                    "empty cells: not in that version (— known absent, n/r not reported).",
                ),
            )
        )
    table = record_table(key, spec, cells)
    if table is not None:
        body += [el("h2", "Field by field", id="fields"), table]
    body.append(el("h2", "In each version", id="versions"))
    rows = []
    for c in cells:
        p = c.provision
        pts = points_text(p.point) if p is not None else None
        vhref = links.version(c.plan.id)
        head = el(
            "th",
            el("div", el("a", c.plan.title, href=vhref) if vhref else c.plan.title, class_="label"),
            el("div", " · ".join(b for b in (c.plan.id, c.plan.date, pts) if b), class_="muted"),
            scope="row",
        )
        rows.append(
            el(
                "tr",
                head,
                el(
                    "td",
                    *(
                        provision_view(c.plan, p, spec, links)
                        if p is not None
                        else [el("p", state_words(c), class_="value")]
                    ),
                ),
                el("td", *_change_from_parents(site, key, c, links)),
                id=f"v-{c.plan.id}",
            )
        )
    body.append(
        el(
            "div",
            el(
                "table",
                el("colgroup", el("col", class_="c-what"), el("col"), el("col", class_="c-chg")),
                el(
                    "thead",
                    el(
                        "tr",
                        el("th", "Version", scope="col"),
                        el("th", "What it says", scope="col"),
                        el("th", "Change from the version before", scope="col"),
                    ),
                ),
                el("tbody", *rows),
                class_="grid history",
            ),
            class_="table-wrap",
        )
    )
    return document(
        f"{label} ({key}) across versions — plandiff",
        body,
        links=links,
        description=f"{label} in every plan version, with evidence",
    )


def _change_from_parents(site, key: str, c: Cell, links: Links) -> list:
    out: list = []
    if site is None:
        return out
    for rel, parent in (("revises", c.plan.revises), ("answers", c.plan.responds_to)):
        if not parent:
            continue
        cs = site.changeset(parent, c.plan.id)
        if cs is None:
            continue
        change = next((x for x in cs.changes if x.key == key), None)
        href = links.compare(parent, c.plan.id, key if change is not None else None)
        lead = el("p", f"{rel.capitalize()} ", el("a", parent, href=href) if href else parent, ": ")
        out.append(lead)
        if change is None:
            lead.append(el("span", "in neither version", class_="muted"))
            continue
        lead.append(kind_mark(change.kind))
        if change.kind != "unchanged" or change.details:
            out.append(el("p", change_summary(change), class_="muted"))
    if not out:
        out.append(el("p", "First version in its line.", class_="muted"))
    return out
