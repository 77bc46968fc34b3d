"""The status grid: enum provisions (rows) across versions (columns), as inline SVG.

Built from the helpers in svg.py; every cell is labelled in words and the
picture's description states everything it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lxml import etree

from plandiff.diff.across import ABSENT, DISPUTED, OMITTED, UNREPORTED, VALUE, Cell
from plandiff.kinds import Kind, kind_of
from plandiff.model import Plan
from plandiff.render.html.page import el
from plandiff.render.html.svg import CHAR_W, PALETTE_SIZE, _hatch, _n, _svg, _text, _version_label, cell_words, wrap

# --- enum statuses across versions ---------------------------------------------


def _value_class(spec: Kind | dict, value: Any) -> str:
    values = kind_of(spec).spec.get("values") or []
    try:
        return f"s{values.index(value) % PALETTE_SIZE}"
    except ValueError:
        return f"s{sum(map(ord, str(value))) % PALETTE_SIZE}"


def status_grid(
    rows: Sequence[tuple[str, str, Kind | dict, list[Cell]]],
    plans: list[Plan],
    *,
    title: str,
    uid: str = "grid",
    row_href: Callable[[str], str | None] | None = None,
    cell_href: Callable[[str, Plan], str | None] | None = None,
) -> etree._Element:
    """A grid of enum provisions (rows) × versions (columns): coloured cells, each labelled in words."""
    col_w, label_w, head_h, pad = 138, 190, 58, 6
    chars = int((col_w - 2 * pad) / (11 * CHAR_W))
    layout = []
    for key, label, spec, cells in rows:
        texts = []
        for c in cells:
            if c.state == VALUE:
                vals = c.prov.value if isinstance(c.prov.value, list) else [c.prov.value]
                lines = [ln for v in vals for ln in wrap(str(v), chars, 3)]
            elif c.state == DISPUTED:
                lines = ["disputed:"] + [ln for alt in c.text.split(" | ") for ln in wrap(alt, chars, 2)]
            elif c.state == ABSENT:
                lines = ["—", "not in the text"]
            elif c.state == UNREPORTED:
                lines = ["n/r", "not reported"]
            elif c.state == OMITTED:
                lines = ["omitted"]
            else:
                lines = ["?", "no value given"]
            texts.append(lines[:7])
        lab = wrap(label, int(label_w / (12 * CHAR_W)) - 1, 3)
        h = max(34, 14 * max(len(t) for t in texts) + 12, 15 * len(lab) + 10)
        layout.append((key, label, spec, cells, texts, lab, h))
    width = label_w + col_w * len(plans) + 4
    height = head_h + sum(r[-1] for r in layout) + 4
    desc = "; ".join(f"{label}: " + ", ".join(cell_words(c) for c in cells) for _, label, _, cells in rows)
    svg = _svg(uid, title, desc + ".", width, height)
    svg.append(_hatch(uid))
    head = el("g", aria_hidden="true")
    for j, plan in enumerate(plans):
        head.append(_text(label_w + j * col_w + col_w / 2, 16, _version_label(plan), cls="small", line_h=13))
    svg.append(head)
    y = head_h
    for key, label, spec, cells, texts, lab, h in layout:
        row = el("g", class_="row")
        lt = _text(4, y + 16, lab, anchor="start", cls="strong", line_h=15)
        target = row_href(key) if row_href else None
        row.append(el("a", lt, href=target) if target else lt)
        for j, (c, lines) in enumerate(zip(cells, texts)):
            x = label_w + j * col_w
            g = el("g", el("title", f"{label} — {cell_words(c)}"))
            if c.state == VALUE:
                vals = c.prov.value if isinstance(c.prov.value, list) else [c.prov.value]
                part = (h - 2) / len(vals)
                for k, v in enumerate(vals):
                    g.append(
                        el(
                            "rect",
                            x=_n(x + 1),
                            y=_n(y + 1 + k * part),
                            width=_n(col_w - 2),
                            height=_n(part),
                            class_=f"cell {_value_class(spec, v)}",
                        )
                    )
            elif c.state == DISPUTED:
                g.append(
                    el(
                        "rect",
                        x=_n(x + 2),
                        y=_n(y + 2),
                        width=_n(col_w - 4),
                        height=_n(h - 4),
                        class_="cell-disputed",
                        fill=f"url(#{uid}-hatch)",
                    )
                )
            else:
                g.append(
                    el("rect", x=_n(x + 2), y=_n(y + 2), width=_n(col_w - 4), height=_n(h - 4), class_="cell-empty")
                )
            ty = y + h / 2 - (len(lines) - 1) * 7 + 4
            g.append(_text(x + col_w / 2, ty, lines, cls="on-cell", size=11, line_h=14))
            target = cell_href(key, c.plan) if cell_href else None
            row.append(el("a", g, href=target) if target else g)
        svg.append(row)
        y += h
    return svg
