"""The lineage diagram as inline SVG: versions in columns by generation, arrows for 'revises' and 'answers'.

The layout is layered: a version's column is its generation (one more than
the latest of the versions it revises or answers), and every arrow runs from
the right side of its parent's box to the left side of its child's box. An
arrow that skips a generation passes through the columns in between on a
row of its own, where no box stands; between two columns every arrow turns
on a vertical track of its own in the gap. So no arrow crosses a box that
is not one of its two ends, and no two arrows run along the same line:
within a row an arrow leaves a box in the upper half of its right side,
enters one in the lower half of its left side and passes through a column
at the middle, so two different arrows never share a height in a gap.

Every box is as wide as its id needs at the size it is drawn, counted with
a conservative glyph width. The picture keeps that size and scrolls sideways
in its wrapper on a narrow screen, as the timeline does, instead of
shrinking its text.

Built with the helpers in svg.py; like every picture there it is `role="img"`
with a title and a description that says everything it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from plandiff.model import Plan
from plandiff.render.html.page import el
from plandiff.render.html.svg import CHAR_W, _n, _svg, _text, arrow_marker

ID_FONT = 12  # the id is drawn bold at this size (svg.chart .strong)
DATE_FONT = 11  # the date below it (svg.chart .small)
BOLD_CHAR_W = 0.72  # a glyph of a bold id, as a share of the font size: wider than DejaVu Sans Bold's a-z, 0-9, -
PAD_X = 14  # room between the text and the side of its box
MIN_BOX_W = 112
ROW_H = 50  # a row's height unless its boxes need more room for arrows
ROW_GAP = 22
PORT_GAP = 5  # the least distance between two arrows on one side of a box
TRACK_GAP = 8  # between two vertical tracks in a gap
GAP_PAD = 14  # between a column and the nearest track (room for an arrowhead)
MIN_GAP = 44
MARGIN = 8
LEGEND_H = 28

RELATIONS = (("revises", "revises"), ("answers", "responds_to"))  # the word drawn, and the field it comes from


def id_width(pid: str) -> float:
    """How wide a version's id is drawn, at most (the width rule every box is sized by)."""
    return len(pid) * ID_FONT * BOLD_CHAR_W


def date_width(date: str) -> float:
    return len(date) * DATE_FONT * CHAR_W


def box_width(pid: str, date: str) -> float:
    """A box wide enough for its id and its date, with room on both sides."""
    return max(MIN_BOX_W, id_width(pid) + 2 * PAD_X, date_width(date) + 2 * PAD_X)


@dataclass(frozen=True)
class Box:
    """A version's box."""

    id: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Route:
    """An arrow from a parent's box to its child's box, as the corners of a line of horizontal and vertical runs."""

    parent: str
    child: str
    rel: str  # "revises" or "answers"
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: dict[str, Box]
    routes: tuple[Route, ...]
    top: float  # where the rows start, below the legend


# a slot is a place in a column: a version's box ("v", id), or where a long arrow passes ("d", arrow index, column)
Slot = tuple


def lineage_edges(plans: list[Plan]) -> list[tuple[str, str, str]]:
    """(parent, child, relation) for every 'revises' and 'answers' between the given versions, in plan order."""
    ids = {p.id for p in plans}
    out = []
    for p in plans:
        for rel, attr in RELATIONS:
            parent = getattr(p, attr)
            if parent in ids and parent != p.id:
                out.append((parent, p.id, rel))
    return out


def _depths(plans: list[Plan]) -> dict[str, int]:
    by_id = {p.id: p for p in plans}
    depth: dict[str, int] = {}

    def depth_of(p: Plan, trail: frozenset = frozenset()) -> int:
        if p.id in depth:
            return depth[p.id]
        parents = [by_id[x] for x in (p.revises, p.responds_to) if x in by_id and x not in trail and x != p.id]
        d = 1 + max((depth_of(q, trail | {p.id}) for q in parents), default=-1)
        depth[p.id] = d
        return d

    for p in plans:
        depth_of(p)
    return depth


def lineage_layout(plans: list[Plan]) -> Layout:
    """Where every box and every arrow goes (see the module's docstring); the same plans give the same layout."""
    depth = _depths(plans)
    # a lineage that loops (the loader refuses one) has an arrow that cannot run rightwards: it is left out
    edges = [(a, c, rel) for a, c, rel in lineage_edges(plans) if depth[c] > depth[a]]
    linked = {a for a, _, _ in edges} | {c for _, c, _ in edges}
    ncols = max(depth.values(), default=0) + 1
    columns: list[list[Slot]] = [[] for _ in range(ncols)]
    for p in sorted(plans, key=lambda p: p.id not in linked):  # stable: plan order, versions unrelated to any last
        columns[depth[p.id]].append(("v", p.id))
    chains: list[list[Slot]] = []
    for i, (a, c, _) in enumerate(edges):
        chain: list[Slot] = [("v", a)]
        for col in range(depth[a] + 1, depth[c]):
            dummy = ("d", i, col)
            columns[col].append(dummy)
            chain.append(dummy)
        chains.append(chain + [("v", c)])
    col_of = {s: k for k, col in enumerate(columns) for s in col}
    preds: dict[Slot, list[Slot]] = {s: [] for col in columns for s in col}
    succs: dict[Slot, list[Slot]] = {s: [] for col in columns for s in col}
    for chain in chains:
        for s, t in zip(chain, chain[1:], strict=False):
            succs[s].append(t)
            preds[t].append(s)

    # order each column by where its neighbours stand (barycentres), down, up and down again
    def reorder(k: int, neighbours: dict[Slot, list[Slot]]) -> None:
        index = {s: i for col in columns for i, s in enumerate(col)}

        def key(s: Slot) -> tuple:
            near = neighbours[s]
            at = sum(index[t] for t in near) / len(near) if near else float(index[s])
            return (s[0] == "v" and s[1] not in linked, at, index[s])

        columns[k].sort(key=key)

    for sweep in (range(1, ncols), range(ncols - 2, -1, -1), range(1, ncols)):
        for k in sweep:
            reorder(k, preds if sweep.step == 1 else succs)

    # rows: a slot stands level with its neighbours on the left (the median one) when there is room, else
    # below the one above it
    row: dict[Slot, int] = {}
    for column in columns:
        last = -1
        for s in column:
            want = sorted(row[t] for t in preds[s])
            row[s] = last = max(last + 1, want[(len(want) - 1) // 2] if want else 0)
    nrows = max(row.values(), default=-1) + 1

    # ports: which arrow leaves or enters a slot where, ordered by the row at its other end so a fan does not cross
    outs: dict[Slot, list[int]] = {s: [] for s in row}
    ins: dict[Slot, list[int]] = {s: [] for s in row}
    hops: list[tuple[int, Slot, Slot]] = []  # (arrow, from slot, to slot)
    for i, chain in enumerate(chains):
        for s, t in zip(chain, chain[1:], strict=False):
            outs[s].append(len(hops))
            ins[t].append(len(hops))
            hops.append((i, s, t))
    for s in row:
        outs[s].sort(key=lambda h: (row[hops[h][2]], h))
        ins[s].sort(key=lambda h: (row[hops[h][1]], h))
    need = [0] * nrows
    for s in row:
        if s[0] == "v":
            need[row[s]] = max(need[row[s]], len(outs[s]), len(ins[s]))
    row_h = [max(ROW_H, 2 * (PORT_GAP * (n + 1) + 9)) for n in need]
    top = MARGIN + (LEGEND_H if edges else 0)
    row_y = []
    y = top
    for h in row_h:
        row_y.append(y)
        y += h + ROW_GAP
    height = (y - ROW_GAP if nrows else top) + MARGIN

    def port(s: Slot, h: int, side: str) -> float:
        y0, rh = row_y[row[s]], row_h[row[s]]
        if s[0] == "d":
            return y0 + rh / 2
        mine = outs[s] if side == "out" else ins[s]
        span = rh / 2 - 9  # the upper half for arrows out, the lower for arrows in
        start = y0 + 5 if side == "out" else y0 + rh / 2 + 4
        return start + span * (mine.index(h) + 1) / (len(mine) + 1)

    # tracks: in each gap, every arrow that changes height turns on a track of its own
    gap_hops: list[list[int]] = [[] for _ in range(max(ncols - 1, 0))]
    for h, (_, s, _) in enumerate(hops):
        gap_hops[col_of[s]].append(h)
    track: dict[int, int] = {}
    gap_w: list[float] = []
    lead: list[float] = []  # from a column's right side to the first track in the gap after it
    for hs in gap_hops:
        ends = {h: (port(hops[h][1], h, "out"), port(hops[h][2], h, "in")) for h in hs}
        turning = [h for h in hs if ends[h][0] != ends[h][1]]
        # downward arrows first, the lowest leftmost; then upward ones, the highest leftmost: parallels do not cross
        turning.sort(key=lambda h: (ends[h][1] < ends[h][0], -ends[h][0] if ends[h][1] > ends[h][0] else ends[h][0], h))
        turning = _turn_before_arrival(turning, ends)
        for j, h in enumerate(turning):
            track[h] = j
        gap_w.append(max(MIN_GAP, 2 * GAP_PAD + (len(turning) - 1) * TRACK_GAP))
        lead.append(GAP_PAD + (gap_w[-1] - 2 * GAP_PAD - (len(turning) - 1) * TRACK_GAP) / 2)  # the tracks, centred
    by_id = {p.id: p for p in plans}
    col_w = [
        max((box_width(s[1], by_id[s[1]].date or "undated") for s in col if s[0] == "v"), default=0) for col in columns
    ]
    col_x = []
    x = float(MARGIN)
    for k in range(ncols):
        col_x.append(x)
        x += col_w[k] + (gap_w[k] if k < ncols - 1 else 0)
    width = x + MARGIN
    boxes = {}
    for s, r in row.items():
        if s[0] == "v":
            w = box_width(s[1], by_id[s[1]].date or "undated")
            k = col_of[s]
            boxes[s[1]] = Box(s[1], col_x[k] + (col_w[k] - w) / 2, row_y[r], w, row_h[r])

    def left(s: Slot) -> float:
        return boxes[s[1]].x if s[0] == "v" else col_x[col_of[s]]

    def right(s: Slot) -> float:
        return boxes[s[1]].x + boxes[s[1]].w if s[0] == "v" else col_x[col_of[s]] + col_w[col_of[s]]

    routes = []
    hop_of = {(i, s): h for h, (i, s, _) in enumerate(hops)}
    for i, (a, c, rel) in enumerate(edges):
        chain = chains[i]
        pts: list[tuple[float, float]] = []
        for s, t in zip(chain, chain[1:], strict=False):
            h = hop_of[(i, s)]
            y1, y2 = port(s, h, "out"), port(t, h, "in")
            pts.append((right(s), y1))
            if h in track:
                tx = col_x[col_of[s]] + col_w[col_of[s]] + lead[col_of[s]] + track[h] * TRACK_GAP
                pts += [(tx, y1), (tx, y2)]
            pts.append((left(t), y2))
        routes.append(Route(a, c, rel, _simplify(pts)))
    return Layout(width, height, boxes, tuple(routes), top)


def _turn_before_arrival(order: list[int], ends: dict[int, tuple[float, float]]) -> list[int]:
    """Where one arrow leaves a passing point at the height another arrives at (two long arrows on one row in
    neighbouring columns), the leaving one must turn first, or their runs in the gap would overlap.

    A height is left by at most one arrow and reached by at most one, so each leaver has one partner;
    it is moved to just before its partner when it stands after it."""
    arriving = {ends[h][1]: h for h in order}
    pairs = [(h, arriving[ends[h][0]]) for h in order if arriving.get(ends[h][0], h) != h]
    order = list(order)
    for _ in range(len(pairs)):  # a move can unsettle a pair before it: again, until none moves
        moved = False
        for x, y in pairs:
            if order.index(x) > order.index(y):
                order.remove(x)
                order.insert(order.index(y), x)
                moved = True
        if not moved:
            break
    return order


def _simplify(pts: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The corners only: repeated points and points in the middle of a straight run are dropped."""
    out: list[tuple[float, float]] = []
    for p in pts:
        if out and out[-1] == p:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            continue
        out.append(p)
    return tuple(out)


def lineage_svg(
    plans: list[Plan], *, href: Callable[[Plan], str | None] | None = None, uid: str = "lineage"
) -> etree._Element:
    """The diagram itself: a box per version (a link to it when `href` gives one), an arrow per relation."""
    lay = lineage_layout(plans)
    edges = lineage_edges(plans)
    desc = "; ".join(f"{c} {rel} {a}" for a, c, rel in edges) or "No version revises or answers another"
    svg = _svg(uid, "How the versions descend from one another", desc + ".", lay.width, lay.height)
    svg.set("class", "chart lineage")
    svg.append(arrow_marker(uid))
    svg.append(arrow_marker(uid, open_head=True))
    if lay.routes:
        svg.append(_legend(uid))
    for r in lay.routes:
        d = "M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in r.points)
        answers = r.rel == "answers"
        svg.append(
            el(
                "g",
                el("title", f"{r.child} {r.rel} {r.parent}"),
                el(
                    "path",
                    d=d,
                    class_="edge" + (" edge-answers" if answers else ""),
                    marker_end=f"url(#{uid}-arrow{'-open' if answers else ''})",
                ),
            )
        )
    for p in plans:
        b = lay.boxes[p.id]
        g = el(
            "g",
            el("title", f"{p.title} ({p.id}, {p.date or 'undated'})"),
            el("rect", x=_n(b.x), y=_n(b.y), width=_n(b.w), height=_n(b.h), rx="6", class_="node"),
            _text(b.x + b.w / 2, b.y + b.h / 2 - 3, [p.id], size=ID_FONT, cls="strong"),
            _text(b.x + b.w / 2, b.y + b.h / 2 + 13, [p.date or "undated"], size=DATE_FONT, cls="small"),
        )
        target = href(p) if href else None
        svg.append(el("a", g, href=target) if target else g)
    return svg


def _legend(uid: str) -> etree._Element:
    y = MARGIN + 10
    return el(
        "g",
        el("path", d=f"M{MARGIN},{y} L{MARGIN + 30},{y}", class_="edge", marker_end=f"url(#{uid}-arrow)"),
        _text(MARGIN + 38, y + 4, ["revises"], anchor="start", cls="small"),
        el(
            "path",
            d=f"M{MARGIN + 110},{y} L{MARGIN + 140},{y}",
            class_="edge edge-answers",
            marker_end=f"url(#{uid}-arrow-open)",
        ),
        _text(MARGIN + 148, y + 4, ["answers (a counterproposal to)"], anchor="start", cls="small"),
        aria_hidden="true",
        class_="lineage-legend",
    )


def lineage_diagram(
    plans: list[Plan], *, href: Callable[[Plan], str | None] | None = None, uid: str = "lineage"
) -> etree._Element:
    """The diagram in a wrapper that scrolls sideways when the screen is narrower than the picture."""
    return el("div", lineage_svg(plans, href=href, uid=uid), class_="table-wrap lineage-wrap")
