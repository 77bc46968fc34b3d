"""The lineage diagram's geometry: no arrow runs through a box it does not join, and every id fits its box.

Checked on the real corpus (from the SVG as drawn) and on random lineages
(from the layout and from the SVG). The browser test in
test_html_browser.py measures the ids in a real font.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from plandiff.lineage import lineage_order
from plandiff.load import load_corpus
from plandiff.model import Plan
from plandiff.render.html.lineage import PAD_X, id_width, lineage_diagram, lineage_edges, lineage_layout
from tests.support.paths import REPO

SVG = "{http://www.w3.org/2000/svg}"
Rect = tuple[float, float, float, float]  # x, y, w, h
Seg = tuple[tuple[float, float], tuple[float, float]]


def _corpus_plans() -> list[Plan]:
    corpus = load_corpus([REPO / "plans"], verify_quotes=False)
    assert corpus.ok, corpus.diagnostics
    return lineage_order(list(corpus.plans.values()))


def _hits(seg: Seg, r: Rect, grow: float) -> bool:
    """Whether an axis-parallel segment touches the rectangle grown by `grow` on every side (negative: shrunk)."""
    (x1, y1), (x2, y2) = seg
    assert x1 == x2 or y1 == y2, f"not horizontal or vertical: {seg}"
    x, y, w, h = r
    return (
        min(x1, x2) <= x + w + grow
        and max(x1, x2) >= x - grow
        and min(y1, y2) <= y + h + grow
        and max(y1, y2) >= y - grow
    )


def _segments(points) -> list[Seg]:
    return list(zip(points, points[1:], strict=False))


def _overlap(a: Seg, b: Seg) -> bool:
    """Whether two axis-parallel segments run along the same line for more than a point."""
    (ax1, ay1), (ax2, ay2) = a
    (bx1, by1), (bx2, by2) = b
    if ay1 == ay2 == by1 == by2:
        return min(max(ax1, ax2), max(bx1, bx2)) - max(min(ax1, ax2), min(bx1, bx2)) > 0
    if ax1 == ax2 == bx1 == bx2:
        return min(max(ay1, ay2), max(by1, by2)) - max(min(ay1, ay2), min(by1, by2)) > 0
    return False


def _check(boxes: dict[str, Rect], arrows: list[tuple[str, str, list[tuple[float, float]]]]) -> None:
    """The properties the picture promises, on boxes by id and arrows (parent, child, corners)."""
    ids = list(boxes)
    for i, a in enumerate(ids):  # boxes do not overlap
        for b in ids[i + 1 :]:
            ax, ay, aw, ah = boxes[a]
            bx, by, bw, bh = boxes[b]
            assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, (a, b)
    for parent, child, pts in arrows:
        px, py, pw, ph = boxes[parent]
        cx, cy, cw, ch = boxes[child]
        # it leaves its parent's right side and ends on its child's left side
        assert abs(pts[0][0] - (px + pw)) < 0.2 and py < pts[0][1] < py + ph, (parent, child, pts)
        assert abs(pts[-1][0] - cx) < 0.2 and cy < pts[-1][1] < cy + ch, (parent, child, pts)
        for seg in _segments(pts):
            for other, r in boxes.items():
                if other in (parent, child):
                    assert not _hits(seg, r, -0.5), f"{child} ← {parent} runs inside its own end {other}"
                else:
                    assert not _hits(seg, r, 2), f"{child} ← {parent} runs through {other}: {seg}"
    for i, (pa, ca, a) in enumerate(arrows):  # no two arrows share a stretch of line
        for pb, cb, b in arrows[i + 1 :]:
            for sa in _segments(a):
                for sb in _segments(b):
                    assert not _overlap(sa, sb), f"{ca} ← {pa} and {cb} ← {pb} run together: {sa} {sb}"


def _from_svg(svg: etree._Element) -> tuple[dict[str, Rect], list[tuple[str, str, list[tuple[float, float]]]]]:
    """Boxes and arrows read back from the drawn SVG (boxes by the id they show, arrows by their title)."""
    boxes: dict[str, Rect] = {}
    for g in svg.iter(SVG + "g"):
        rect = g.find(SVG + "rect")
        if rect is None or rect.get("class") != "node":
            continue
        text = g.find(SVG + "text")
        pid = "".join(text.itertext())
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        # the id is centred in its box and fits it by the width rule, with room on both sides
        assert abs(float(text.get("x")) - (x + w / 2)) < 0.2 and text.get("text-anchor") == "middle"
        assert id_width(pid) + 2 * PAD_X <= w + 0.1, pid
        assert y < float(text.get("y")) < y + h
        boxes[pid] = (x, y, w, h)
    arrows = []
    for path in svg.iter(SVG + "path"):
        if "edge" not in (path.get("class") or "").split() or path.getparent().find(SVG + "title") is None:
            continue  # the legend's samples have no title
        child, rel, parent = path.getparent().find(SVG + "title").text.split(" ")
        d = path.get("d")
        assert re.fullmatch(r"M[-\d.]+,[-\d.]+( L[-\d.]+,[-\d.]+)+", d), d
        pts = [(float(x), float(y)) for x, y in re.findall(r"([-\d.]+),([-\d.]+)", d)]
        arrows.append((parent, child, pts))
    return boxes, arrows


def _parsed(plans: list[Plan]) -> etree._Element:
    """The diagram as a browser reads it: serialised and parsed back as SVG."""
    wrap = lineage_diagram(plans, href=lambda p: f"#v-{p.id}")
    svg = wrap[0]
    xml = etree.tostring(svg)
    if b"xmlns=" not in xml:
        xml = xml.replace(b"<svg", b'<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return etree.fromstring(xml)


def test_corpus_arrows_go_round_the_boxes_and_every_id_fits():
    plans = _corpus_plans()
    svg = _parsed(plans)
    boxes, arrows = _from_svg(svg)
    assert set(boxes) == {p.id for p in plans}
    assert sorted((a, c) for a, c, _ in arrows) == sorted((a, c) for a, c, _ in lineage_edges(plans))
    _check(boxes, arrows)


def test_corpus_geneva_arrow_from_us_28_point_passes_no_box():
    """The review's case: 'geneva-revised revises us-28-point' read as coming from ua-istanbul-memorandum."""
    lay = lineage_layout(_corpus_plans())
    route = next(r for r in lay.routes if (r.parent, r.child) == ("us-28-point", "geneva-revised"))
    assert route.rel == "revises"
    for seg in _segments(route.points):
        for pid, b in lay.boxes.items():
            if pid not in ("us-28-point", "geneva-revised"):
                assert not _hits(seg, (b.x, b.y, b.w, b.h), 2), pid


def test_every_box_links_to_its_version_and_the_two_relations_look_different():
    plans = _corpus_plans()
    svg = _parsed(plans)
    links = {"".join(a.find(f"{SVG}g/{SVG}text").itertext()): a.get("href") for a in svg.iter(SVG + "a")}
    assert links == {p.id: f"#v-{p.id}" for p in plans}
    styles = {}
    for path in svg.iter(SVG + "path"):
        title = path.getparent().find(SVG + "title")
        if title is not None and "edge" in (path.get("class") or ""):
            styles.setdefault(title.text.split(" ")[1], set()).add((path.get("class"), path.get("marker-end")))
    assert styles == {
        "revises": {("edge", "url(#lineage-arrow)")},
        "answers": {("edge edge-answers", "url(#lineage-arrow-open)")},
    }


def test_same_plans_give_the_same_bytes():
    plans = _corpus_plans()
    first = etree.tostring(lineage_diagram(plans))
    assert etree.tostring(lineage_diagram(list(plans))) == first
    assert etree.tostring(lineage_diagram(_corpus_plans())) == first


def test_no_lineage_and_a_single_version_draw_without_arrows():
    for plans in ([], [Plan(id="only", title="Only")], [Plan(id="a", title="A"), Plan(id="b", title="B")]):
        svg = _parsed(plans)
        boxes, arrows = _from_svg(svg)
        assert set(boxes) == {p.id for p in plans} and arrows == []
        _check(boxes, arrows)


_ID = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=40)


@st.composite
def lineages(draw) -> list[Plan]:
    """Up to 12 versions; each may revise and may answer an earlier one (so there is no loop), in any order."""
    ids = draw(st.lists(_ID, min_size=1, max_size=12, unique=True))
    plans = []
    for i, pid in enumerate(ids):
        earlier = st.none() | st.sampled_from(ids[:i]) if i else st.none()
        date = draw(st.none() | st.dates().map(str))
        plans.append(Plan(id=pid, title=pid, date=date, revises=draw(earlier), responds_to=draw(earlier)))
    return draw(st.permutations(plans))


@settings(max_examples=300, deadline=None)
@given(lineages())
def test_random_lineages_route_round_every_box_and_fit_every_id(plans):
    lay = lineage_layout(plans)
    boxes = {pid: (b.x, b.y, b.w, b.h) for pid, b in lay.boxes.items()}
    assert set(boxes) == {p.id for p in plans}
    for pid, (_, _, w, _) in boxes.items():
        assert id_width(pid) + 2 * PAD_X <= w
    arrows = [(r.parent, r.child, list(r.points)) for r in lay.routes]
    assert sorted((a, c) for a, c, _ in arrows) == sorted((a, c) for a, c, _ in lineage_edges(plans))
    _check(boxes, arrows)
    for x, y in (pt for _, _, pts in arrows for pt in pts):  # everything inside the picture
        assert 0 <= x <= lay.width and 0 <= y <= lay.height
    for b in lay.boxes.values():
        assert b.x >= 0 and b.x + b.w <= lay.width and b.y >= 0 and b.y + b.h <= lay.height
    # and the SVG draws exactly that
    drawn_boxes, drawn_arrows = _from_svg(_parsed(plans))
    assert drawn_boxes == {k: tuple(float(f"{v:.1f}") for v in r) for k, r in boxes.items()}
    assert len(drawn_arrows) == len(arrows)


def test_two_long_arrows_on_one_row_in_neighbouring_columns_do_not_share_a_run():
    """Found by the property above: one arrow leaves a passing point at the height where another, one
    column on, arrives; the leaver must turn first."""
    spec = [("0", None, None), ("1", None, "0"), ("2", None, "1"), ("00", None, None), ("000", None, "2")]
    spec += [("0000", "1", "00"), ("00000", "0", "2")]
    plans = [Plan(id=i, title=i, revises=r, responds_to=t) for i, r, t in spec]
    _check(*_from_svg(_parsed(plans)))
