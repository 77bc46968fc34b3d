"""The lineage diagram as inline SVG: versions in columns by generation, arrows for 'revises' and 'answers'.

Built with the helpers in svg.py; like every picture there it is `role="img"`
with a title and a description that says everything it shows.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from plandiff.model import Plan
from plandiff.render.html.page import el
from plandiff.render.html.svg import _n, _svg, _text, arrow_marker, wrap

# --- lineage -------------------------------------------------------------------


def lineage_diagram(
    plans: list[Plan], *, href: Callable[[Plan], str | None] | None = None, uid: str = "lineage"
) -> etree._Element:
    """Versions as boxes in columns by generation; solid arrows 'revises', dashed arrows 'answers', both labelled.

    Within a column, versions sit near the versions they come from; versions
    unrelated to any other go last. An arrow that skips a generation arcs
    over the boxes.
    """
    by_id = {p.id: p for p in plans}
    depth: dict[str, int] = {}

    def depth_of(p: Plan, trail: frozenset = frozenset()) -> int:
        if p.id in depth:
            return depth[p.id]
        parents = [by_id[x] for x in (p.revises, p.responds_to) if x in by_id and x not in trail]
        d = 1 + max((depth_of(q, trail | {p.id}) for q in parents), default=-1)
        depth[p.id] = d
        return d

    for p in plans:
        depth_of(p)
    edges = []
    for p in plans:
        for rel, parent in (("revises", p.revises), ("answers", p.responds_to)):
            if parent in by_id and parent != p.id:
                edges.append((parent, p.id, rel))
    linked = {a for a, _, _ in edges} | {c for _, c, _ in edges}
    columns: dict[int, list[Plan]] = {}
    for p in plans:  # plans come in lineage order, so dates ascend within a column
        columns.setdefault(depth[p.id], []).append(p)
    row: dict[str, int] = {}
    for col in sorted(columns):

        def rank(p: Plan, col=col):
            parents = [row[x] for x in (p.revises, p.responds_to) if x in row]
            return (p.id not in linked, sum(parents) / len(parents) if parents else 0, p.date or "", p.id)

        columns[col].sort(key=rank)
        for r, p in enumerate(columns[col]):
            row[p.id] = r
    box_w, box_h, gap_x, gap_y, margin, lane = 176, 50, 84, 24, 8, 40
    nrows = max((len(c) for c in columns.values()), default=1)
    ncols = max(columns, default=0) + 1
    skips = any(depth[c] - depth[a] > 1 for a, c, _ in edges)
    top = margin + (lane if skips else 0)
    width = margin * 2 + ncols * box_w + (ncols - 1) * gap_x
    height = top + margin + nrows * box_h + (nrows - 1) * gap_y
    pos = {p.id: (margin + depth[p.id] * (box_w + gap_x), top + row[p.id] * (box_h + gap_y)) for p in plans}
    desc = "; ".join(f"{c} {rel} {a}" for a, c, rel in edges) or "No version revises or answers another"
    svg = _svg(uid, "How the versions descend from one another", desc + ".", width, height)
    svg.append(arrow_marker(uid))
    near = [(a, c, rel) for a, c, rel in edges if depth[c] - depth[a] == 1]
    far = [(a, c, rel) for a, c, rel in edges if depth[c] - depth[a] != 1]

    def spread(items: list, key) -> dict:
        out = {}
        for node in {key(e) for e in items}:
            mine = sorted((e for e in items if key(e) == node), key=lambda e: pos[e[0] if key(e) == e[1] else e[1]][1])
            for i, e in enumerate(mine):
                out[e] = (i + 1) / (len(mine) + 1)
        return out

    into = spread(near, lambda e: e[1])
    out_of = spread(near, lambda e: e[0])
    x1: float
    x2: float
    for a, c, rel in near:
        (ax, ay), (cx, cy) = pos[a], pos[c]
        x1, y1 = ax + box_w, ay + box_h * out_of[(a, c, rel)]
        x2, y2 = cx, cy + box_h * into[(a, c, rel)]
        mid = (x1 + x2) / 2
        d = f"M{_n(x1)},{_n(y1)} C{_n(mid)},{_n(y1)} {_n(mid)},{_n(y2)} {_n(x2)},{_n(y2)}"
        svg.append(_edge(uid, d, a, c, rel, mid, (y1 + y2) / 2 - 4))
    for i, (a, c, rel) in enumerate(far):
        (ax, ay), (cx, cy) = pos[a], pos[c]
        x1, y1 = ax + box_w * 0.7, ay
        x2, y2 = cx + box_w * 0.3, cy
        peak = margin + 4 + i * 6
        ctrl = min(y1, y2) - (min(y1, y2) - peak) / 0.75
        d = f"M{_n(x1)},{_n(y1)} C{_n(x1)},{_n(ctrl)} {_n(x2)},{_n(ctrl)} {_n(x2)},{_n(y2)}"
        svg.append(_edge(uid, d, a, c, rel, (x1 + x2) / 2, peak - 3 + 14))
    for p in plans:
        x, y = pos[p.id]
        g = el(
            "g",
            el("title", f"{p.title} ({p.id}, {p.date or 'undated'})"),
            el("rect", x=_n(x), y=_n(y), width=_n(box_w), height=_n(box_h), rx="6", class_="node"),
            _text(x + box_w / 2, y + 21, [wrap(p.id, 24, 1)[0]], cls="strong"),
            _text(x + box_w / 2, y + 38, [p.date or "undated"], cls="small"),
        )
        target = href(p) if href else None
        svg.append(el("a", g, href=target) if target else g)
    return svg


def _edge(uid: str, d: str, a: str, c: str, rel: str, lx: float, ly: float) -> etree._Element:
    return el(
        "g",
        el("title", f"{c} {rel} {a}"),
        el("path", d=d, class_="edge" + (" edge-answers" if rel == "answers" else ""), marker_end=f"url(#{uid}-arrow)"),
        _text(lx, ly, [rel], cls="small edge-label"),
    )
