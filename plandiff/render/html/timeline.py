"""The timeline: every version and event on one time axis, a lane per drafting side, arrows for lineage.

Drawn as inline SVG with lxml like the other pictures (see svg.py): each mark
is a link with a `<title>`, versions and events are drawn differently (a
filled dot, a hollow square or a bar for events that span days) and say so
in words, and the picture's description lists every mark. The SVG is wide,
so it scrolls sideways at its natural size instead of shrinking; the same
facts follow as a chronological table that reads at any width.

Which lane an actor belongs to is data (`plandiff/data/sides.yaml`, read by
`plandiff.sides`), not code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from plandiff.model import Event, Plan
from plandiff.render.html.page import el
from plandiff.render.html.parts import caveat_badges, ext_link
from plandiff.render.html.svg import CHAR_W, _n, _svg, _text, arrow_marker
from plandiff.sides import Sides, default_sides


@dataclass(frozen=True)
class Mark:
    """One thing on the time axis: a plan version or an event."""

    id: str
    kind: str  # "version" or "event"
    start: dt.date
    end: dt.date
    lane: str
    label: str
    words: str  # the mark in words, for its title and the picture's description
    href: str | None


def _day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def marks(
    plans: list[Plan],
    events: list[Event],
    *,
    version_href: Callable[[Plan], str | None],
    event_href: Callable[[Event], str | None],
    sides: Sides | None = None,
) -> list[Mark]:
    """Versions and events with a date, in date order (versions first on a shared day)."""
    sides = sides or default_sides()
    out = []
    for p in plans:
        if not p.date:
            continue
        lane = sides.lane(p.drafted_by)
        words = (
            f"{p.date}: version {p.id} — {p.title}; {p.status or 'status unknown'}; drafted by "
            f"{', '.join(p.drafted_by) or 'unknown'} ({lane})"
        )
        out.append(Mark(p.id, "version", _day(p.date), _day(p.date), lane, p.id, words, version_href(p)))
    for e in events:
        lane = sides.lane(e.parties)
        span = f"{e.date} to {e.end}" if e.end else e.date
        words = f"{span}: event ({e.kind}) {e.title}; {', '.join(e.parties)} ({lane})"
        out.append(Mark(e.id, "event", _day(e.date), _day(e.end or e.date), lane, e.id, words, event_href(e)))
    return sorted(out, key=lambda m: (m.start, m.kind != "version", m.id))


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, d = [], first.replace(day=1)
    while d <= last:
        out.append(d)
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    out.append(d)  # the end of the last month
    return out


def timeline_svg(
    items: list[Mark], plans: list[Plan], *, lanes: tuple[str, ...], uid: str = "timeline", day_w: float = 4.2
) -> etree._Element:
    """Lanes (rows) over a month axis; a label never overlaps another (labels stack within a lane)."""
    months = _months(min(m.start for m in items), max(m.end for m in items))
    origin = months[0]
    label_w, top, axis_h, row_h, pad, font = 116, 8, 34, 17, 8, 11

    def x_of(d: dt.date) -> float:
        return label_w + (d - origin).days * day_w

    # Pack each lane's marks into rows so that mark + label never overlap the previous one in that row.
    placed: dict[str, list[tuple[Mark, int]]] = {lane: [] for lane in lanes}
    for m in items:
        rows_end = placed.setdefault(m.lane, [])
        ends: dict[int, float] = {}
        for other, r in rows_end:
            ends[r] = max(ends.get(r, 0), _extent(other, x_of, font))
        r = next(i for i in range(len(rows_end) + 1) if ends.get(i, -1) < x_of(m.start) - 14)
        rows_end.append((m, r))
    lane_order = list(lanes) + [lane for lane in placed if lane not in lanes]
    lane_rows = {lane: max((r for _, r in placed[lane]), default=0) + 1 for lane in lane_order}
    lane_y, y = {}, top + axis_h
    for lane in lane_order:
        lane_y[lane] = y
        y += lane_rows[lane] * row_h + 2 * pad
    width = x_of(months[-1]) + 160
    height = y + 4
    desc = (
        "Every version and event on one time axis, "
        + months[0].strftime("%B %Y")
        + " to "
        + (months[-1] - dt.timedelta(days=1)).strftime("%B %Y")
        + ", one lane per drafting side ("
        + ", ".join(lane_order)
        + "): "
        + "; ".join(m.words for m in items)
        + ". Lineage: "
        + (
            "; ".join(
                f"{p.id} {rel} {parent}"
                for p in plans
                for rel, parent in (("revises", p.revises), ("answers", p.responds_to))
                if parent
            )
            or "none"
        )
        + "."
    )
    svg = _svg(uid, "Timeline of versions and events", desc, width, height)
    svg.set("class", "chart timeline")
    svg.append(arrow_marker(uid))
    grid = el("g", aria_hidden="true")
    for i, month in enumerate(months):
        x = x_of(month)
        grid.append(el("line", x1=_n(x), x2=_n(x), y1=_n(top + axis_h - 8), y2=_n(height - 4), class_="gridline"))
        if i < len(months) - 1:
            name = month.strftime("%b") + (f" {month.year}" if month.month == 1 or i == 0 else "")
            grid.append(_text(x + 4, top + 14, [name], anchor="start", cls="small"))
    for lane in lane_order:
        yl = lane_y[lane]
        h = lane_rows[lane] * row_h + 2 * pad
        grid.append(el("rect", x="0", y=_n(yl), width=_n(width), height=_n(h), class_="lane"))
        grid.append(_text(6, yl + pad + 12, [lane], anchor="start", cls="strong"))
    svg.append(grid)
    at: dict[str, tuple[float, float]] = {}
    for lane in lane_order:
        for m, r in placed.get(lane, []):
            at[m.id] = (x_of(m.start), lane_y[lane] + pad + r * row_h + row_h / 2)
    arrows = el("g")
    for p in plans:
        for rel, parent in (("revises", p.revises), ("answers", p.responds_to)):
            if parent in at and p.id in at:
                (x1, y1), (x2, y2) = at[parent], at[p.id]
                mid = (x1 + x2) / 2
                d = (
                    f"M{_n(x1)},{_n(y1)} C{_n(mid)},{_n(y1 - 28 if y1 == y2 else y1)} "
                    f"{_n(mid)},{_n(y2 - 28 if y1 == y2 else y2)} {_n(x2 - 7)},{_n(y2)}"
                )
                arrows.append(
                    el(
                        "g",
                        el("title", f"{p.id} {rel} {parent}"),
                        el(
                            "path",
                            d=d,
                            class_="edge" + (" edge-answers" if rel == "answers" else ""),
                            marker_end=f"url(#{uid}-arrow)",
                        ),
                    )
                )
    svg.append(arrows)
    for lane in lane_order:
        for m, _ in placed.get(lane, []):
            x, ym = at[m.id]
            g = el("g", el("title", m.words), class_=f"tl-{m.kind}")
            if m.kind == "version":
                g.append(el("rect", x=_n(x - 6), y=_n(ym - 6), width="12", height="12", rx="6", class_="tl-dot"))
                lx = x + 10
            elif m.end > m.start:
                x2 = x_of(m.end)
                g.append(
                    el("rect", x=_n(x - 4), y=_n(ym - 4), width=_n(x2 - x + 8), height="8", rx="2", class_="tl-span")
                )
                lx = x2 + 8
            else:
                g.append(el("rect", x=_n(x - 4.5), y=_n(ym - 4.5), width="9", height="9", class_="tl-square"))
                lx = x + 9
            g.append(
                _text(lx, ym + 4, [m.label], anchor="start", size=font, cls="strong" if m.kind == "version" else None)
            )
            svg.append(el("a", g, href=m.href) if m.href else g)
    return svg


def _extent(m: Mark, x_of, font: int) -> float:
    """Where a mark's label ends."""
    end = x_of(m.end) + 8 if m.end > m.start else x_of(m.start) + 10
    bold = 1.12 if m.kind == "version" else 1.0  # version labels are bold, and bold glyphs are wider
    return end + len(m.label) * font * CHAR_W * bold


def chronology(
    items: list[Mark], plans: dict[str, Plan], events: dict[str, Event], *, version_href: Callable[[str], str | None]
) -> etree._Element:
    """The same facts as a table, for narrow screens and for reading: one row per version or event."""
    rows = []
    for m in items:
        if m.kind == "version":
            p = plans[m.id]
            what = el(
                "td",
                el("a", el("bdi", p.title), href=m.href),
                " ",
                el("code", p.id, class_="key"),
                el(
                    "div",
                    f"Version ({p.status or 'status unknown'}); drafted by {', '.join(p.drafted_by) or 'unknown'}",
                    class_="muted",
                ),
            )
            when = p.date
        else:
            e = events[m.id]
            what = el(
                "td",
                el("strong", el("bdi", e.title)),
                " ",
                el("code", e.id, class_="key"),
                el(
                    "div",
                    f"Event ({e.kind}); " + ", ".join(e.parties) + (f"; {e.place}" if e.place else ""),
                    class_="muted",
                ),
                el("p", e.summary) if e.summary else None,
                el("p", "Versions: ", *_joined([el("a", v, href=version_href(v)) for v in e.versions]))
                if e.versions
                else None,
                el("ul", *[el("li", _source(s)) for s in e.sources], class_="sources"),
            )
            when = f"{e.date} – {e.end}" if e.end else e.date
        rows.append(
            el(
                "tr",
                el("td", when, class_="when"),
                el("td", m.lane, class_="lane"),
                what,
                id=("e-" if m.kind == "event" else "t-") + m.id,
            )
        )
    head = el("tr", *[el("th", h, scope="col") for h in ("Date", "Side", "Version or event")])
    return el("table", el("thead", head), el("tbody", *rows), class_="grid chronology")


def _joined(items: list) -> list:
    out: list = []
    for i, x in enumerate(items):
        out += ([", "] if i else []) + [x]
    return out


def _source(s) -> list:
    parts: list = [ext_link(s.outlet or s.url, s.url)]
    if s.date:
        parts.append(f", {s.date}")
    if s.language:
        parts.append(f" ({s.language})")
    parts += caveat_badges(s)
    if s.note:
        parts.append(f" — {s.note}")
    return parts
