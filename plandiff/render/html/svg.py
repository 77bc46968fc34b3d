"""Pictures as inline SVG, built with lxml like the rest of the page.

Here: a bar chart of a numeric provision across versions and the shared
helpers; the status grid of enum provisions is in grid.py and the lineage
diagram in lineage.py, both built from the same helpers. Every mark
carries a text label and a `<title>`; disputed, unknown and missing values
are drawn differently (hatched and dashed, dashed outline, no bar) and also
say so in words. Each picture is `role="img"` with a title and a description
that states everything the picture shows, so nothing depends on seeing it.
Colours come from CSS classes (the page's stylesheet has light and dark
schemes); nothing here uses inline styles, which the page's CSP would refuse.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from lxml import etree

from plandiff.diff.across import ABSENT, DISPUTED, OMITTED, UNKNOWN, UNREPORTED, VALUE, Cell
from plandiff.diff.describe import format_value
from plandiff.kinds import Kind, kind_of
from plandiff.kinds.base import abbreviate
from plandiff.model import Plan
from plandiff.render.html.page import el

PALETTE_SIZE = 10
CHAR_W = 0.62  # average glyph width as a share of the font size (DejaVu Sans is wide)
_ID_SAFE = re.compile(r"[^a-zA-Z0-9_-]")


def _id(*parts: str) -> str:
    return "-".join(_ID_SAFE.sub("_", p) for p in parts)


def wrap(text: str, width: int, max_lines: int = 4) -> list[str]:
    """Lines of at most ~`width` characters, broken at spaces and after hyphens; the last one ellipsised."""
    tokens = re.findall(r"[^\s-]*-|\S+", text)
    lines: list[str] = []
    line = ""
    for tok in tokens:
        sep = "" if not line or line.endswith("-") else " "
        if line and len(line) + len(sep) + len(tok) > width:
            lines.append(line)
            line = tok
        else:
            line += sep + tok
    if line:
        lines.append(line)
    lines = [ln if len(ln) <= width else ln[: max(width - 1, 1)] + "…" for ln in lines]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(width - 1, 1)].rstrip() + "…"
    return lines or [""]


def _text(
    x: float,
    y: float,
    lines: Sequence[str],
    *,
    size: int = 12,
    anchor: str = "middle",
    cls: str | None = None,
    line_h: float | None = None,
) -> etree._Element:
    t = el("text", x=_n(x), y=_n(y), text_anchor=anchor, class_=cls)
    lh = line_h or size * 1.25
    for i, line in enumerate(lines):
        t.append(el("tspan", line, x=_n(x), dy="0" if i == 0 else _n(lh)))
    return t


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _svg(uid: str, title: str, desc: str, width: float, height: float) -> etree._Element:
    return el(
        "svg",
        el("title", title, id=f"{uid}-title"),
        el("desc", desc, id=f"{uid}-desc"),
        viewBox=f"0 0 {_n(width)} {_n(height)}",
        width=_n(width),
        height=_n(height),
        role="img",
        class_="chart",
        aria_labelledby=f"{uid}-title {uid}-desc",
    )


def arrow_marker(uid: str, open_head: bool = False) -> etree._Element:
    """An arrowhead as `<defs>` for the chart `uid`: filled (url(#uid-arrow)) for the solid arrows, or open
    (url(#uid-arrow-open)) for the dashed ones of the lineage diagram."""
    path = (
        el("path", d="M1,1 L9,5 L1,9", class_="arrowhead-open")
        if open_head
        else el("path", d="M0,0 L10,5 L0,10 z", class_="arrowhead")
    )
    return el(
        "defs",
        el(
            "marker",
            path,
            id=f"{uid}-arrow-open" if open_head else f"{uid}-arrow",
            viewBox="0 0 10 10",
            refX="9",
            refY="5",
            markerWidth="7",
            markerHeight="7",
            orient="auto",
        ),
    )


def _hatch(uid: str) -> etree._Element:
    pid = f"{uid}-hatch"
    return el(
        "defs",
        el(
            "pattern",
            el("rect", width="8", height="8", class_="hatch-bg"),
            el("line", x1="4", y1="0", x2="4", y2="8", class_="hatch-line"),
            id=pid,
            width="8",
            height="8",
            patternUnits="userSpaceOnUse",
            patternTransform="rotate(45)",
        ),
    )


def _version_label(plan: Plan) -> list[str]:
    return wrap(plan.id, 16, 2) + ([plan.date] if plan.date else [])


# --- numbers across versions -------------------------------------------------


def numeric_value(spec: Kind | dict, value: Any) -> float | None:
    """The figure a chart draws for a value (its kind says which); None when it has none."""
    return kind_of(spec).number(value)


def _nice_max(v: float) -> tuple[float, float]:
    """(axis top, tick step) for a maximum value."""
    if v <= 0:
        return 1.0, 1.0
    step = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if v / (step * m) <= 5:
            step *= m
            break
    return math.ceil(v / step) * step, step


def _short_num(v: float) -> str:
    return abbreviate(v, 1e3) or (f"{v:.0f}" if float(v).is_integer() else f"{v:g}")


def cell_words(cell: Cell) -> str:
    """A cell in words, for titles and descriptions."""
    when = f" ({cell.plan.date})" if cell.plan.date else ""
    if cell.state == DISPUTED:
        return f"{cell.plan.id}{when}: disputed between reports: {cell.text.replace(' | ', ' or ')}"
    if cell.state == ABSENT:
        return f"{cell.plan.id}{when}: not in its full text"
    if cell.state == UNREPORTED:
        return f"{cell.plan.id}{when}: not reported (known only through reports)"
    if cell.state == OMITTED:
        return f"{cell.plan.id}{when}: reported omitted (dropped)"
    if cell.state == UNKNOWN:
        return f"{cell.plan.id}{when}: mentioned without a value"
    return f"{cell.plan.id}{when}: {cell.text}"


def known_none(cell: Cell, spec: Kind | dict) -> bool:
    """Whether the version is known to state none: it says so (the kind's `none` special, e.g. no-cap),
    the point was dropped, or a published full text does not have it."""
    if cell.state == VALUE:
        none = kind_of(spec).spec.get("none")  # the special that says there is none ("no-cap")
        return none is not None and cell.prov.value == none
    return cell.state in (OMITTED, ABSENT)  # ABSENT: missing from a published full text


def numeric_chart(
    key: str, label: str, spec: Kind | dict, cells: list[Cell], *, href: Callable[[Plan], str | None] | None = None
) -> etree._Element:
    """Horizontal bars, one row per version that states something; then, apart, the versions known to state none.

    A row per version keeps the chart legible however many versions there
    are. Rows that state a figure get a bar; a disputed figure one hatched
    bar per report; a value without a figure (such as no-cap) or a mention
    without a value a dashed outline with the words. Versions known to state
    none (dropped, or a full text without the provision) follow under their
    own heading; versions where it is merely not reported are named in one
    line at the end, so the difference between "none" and "unknown" stays
    visible.
    """
    uid = _id("chart", key)
    none = [c for c in cells if known_none(c, spec)]
    stated = [c for c in cells if c.state in (VALUE, DISPUTED, UNKNOWN) and c not in none]
    unreported = [c for c in cells if c.state == UNREPORTED]
    label_w, plot_w, value_w, row_h, top, head_h = 178, 240, 190, 30, 34, 26
    width = label_w + plot_w + value_w
    values: list[float] = []
    for c in stated:
        p = c.prov
        if c.state == VALUE:
            v = numeric_value(spec, p.value)
            values += [v] if v is not None else []
        elif c.state == DISPUTED:
            values += [
                v for v in (numeric_value(spec, cl.value) for cl in p.claims if cl.status != "omitted") if v is not None
            ]
    axis_top, step = _nice_max(max(values) if values else 1.0)
    rest_lines = (
        wrap("Not reported in: " + ", ".join(c.plan.id for c in unreported), int(width / (11 * CHAR_W)), 6)
        if unreported
        else []
    )
    height = top + row_h * len(stated) + (head_h + row_h * len(none) if none else 0) + 16 * len(rest_lines) + 14
    unit = kind_of(spec).unit()
    desc = (
        f"{label} in each version, in the order the versions were drafted. States a value: "
        + ("; ".join(cell_words(c) for c in stated) or "none")
        + ". States none: "
        + ("; ".join(_none_words(c) for c in none) or "none")
        + ". Not reported: "
        + (", ".join(c.plan.id for c in unreported) or "none")
        + "."
    )
    svg = _svg(uid, f"{label} across versions", desc, width, height)
    svg.append(_hatch(uid))
    x0 = label_w

    def x_of(v: float) -> float:
        return x0 + (v / axis_top) * plot_w if axis_top else x0

    plot_bottom = top + row_h * len(stated)
    ticks = el("g", aria_hidden="true")
    t = 0.0
    while t <= axis_top + 1e-9:
        x = x_of(t)
        ticks.append(
            el("line", x1=_n(x), x2=_n(x), y1=_n(top - 4), y2=_n(max(plot_bottom, top + 4)), class_="gridline")
        )
        ticks.append(_text(x, top - 10, [_short_num(t)], cls="small"))
        t += step
    if unit:
        ticks.append(_text(4, top - 10, [unit], anchor="start", cls="small"))
    svg.append(ticks)

    def row_label(c: Cell, y: float) -> etree._Element:
        lab = _text(
            label_w - 8,
            y + row_h / 2 - 2,
            [wrap(c.plan.id, 26, 1)[0], c.plan.date or "undated"],
            anchor="end",
            cls="small",
            line_h=12,
        )
        target = href(c.plan) if href else None
        return el("a", lab, href=target) if target else lab

    y = top
    for c in stated:
        g = el("g", el("title", cell_words(c)), class_=f"slot st-{c.state}")
        g.append(row_label(c, y))
        p = c.prov
        bar_h = row_h - 10
        by = y + 5
        if c.state == VALUE and numeric_value(spec, p.value) is not None:
            v = numeric_value(spec, p.value)
            assert v is not None  # just checked
            g.append(el("rect", x=_n(x0), y=_n(by), width=_n(max(x_of(v) - x0, 1)), height=_n(bar_h), class_="bar"))
            scope = p.value.get("scope") if isinstance(p.value, dict) else None
            figure = format_value(spec, p.value).split(" (")[0]
            g.append(
                _text(
                    x0 + plot_w + 6,
                    y + row_h / 2 - (2 if scope else -4),
                    [figure] + ([f"({scope})"] if scope else []),
                    anchor="start",
                    cls="strong",
                    line_h=12,
                )
            )
        elif c.state == DISPUTED:
            claims = p.claims
            sub = bar_h / max(len(claims), 1)
            for j, cl in enumerate(claims):
                v = numeric_value(spec, cl.value) if cl.status != "omitted" else None
                sy = by + j * sub
                if v is None:
                    g.append(
                        el(
                            "line",
                            x1=_n(x0),
                            x2=_n(x0 + 12),
                            y1=_n(sy + sub / 2),
                            y2=_n(sy + sub / 2),
                            class_="bar-disputed",
                        )
                    )
                    continue
                g.append(
                    el(
                        "rect",
                        x=_n(x0),
                        y=_n(sy + 1),
                        width=_n(max(x_of(v) - x0, 1)),
                        height=_n(sub - 2),
                        class_="bar-disputed",
                        fill=f"url(#{uid}-hatch)",
                    )
                )
            alts = " or ".join(
                "dropped"
                if cl.status == "omitted"
                else (format_value(spec, cl.value).split(" (")[0] if cl.value is not None else "?")
                for cl in claims
            )
            g.append(
                _text(
                    x0 + plot_w + 6,
                    y + row_h / 2 - 2,
                    wrap("disputed: " + alts, 24, 2),
                    anchor="start",
                    cls="strong",
                    line_h=12,
                )
            )
        else:  # a value that is not a figure (no-cap), or a mention without a value
            g.append(el("rect", x=_n(x0), y=_n(by), width=_n(plot_w), height=_n(bar_h), class_="bar-unknown"))
            words = c.text if c.state == VALUE else "? no figure given"
            g.append(_text(x0 + plot_w / 2, y + row_h / 2 + 4, [wrap(words, 34, 1)[0]], cls="strong"))
        svg.append(g)
        y += row_h
    if none:
        svg.append(_text(4, y + head_h - 8, ["States none:"], anchor="start", cls="strong"))
        y += head_h
        for c in none:
            g = el("g", el("title", _none_words(c)), class_="slot st-none")
            g.append(row_label(c, y))
            g.append(
                el(
                    "line",
                    x1=_n(x0),
                    x2=_n(x0 + plot_w),
                    y1=_n(y + row_h / 2),
                    y2=_n(y + row_h / 2),
                    class_="none-line",
                )
            )
            g.append(_text(x0 + plot_w + 6, y + row_h / 2 + 4, [_none_short(c)], anchor="start"))
            svg.append(g)
            y += row_h
    if rest_lines:
        svg.append(_text(4, y + 16, rest_lines, anchor="start", cls="small", line_h=16))
    return svg


def _none_short(cell: Cell) -> str:
    if cell.state == VALUE:
        return f"says {cell.text}"
    return "dropped (omitted)" if cell.state == OMITTED else "none in the full text"


def _none_words(cell: Cell) -> str:
    when = f" ({cell.plan.date})" if cell.plan.date else ""
    if cell.state == VALUE:
        return f"{cell.plan.id}{when}: {cell.text}"
    if cell.state == OMITTED:
        return f"{cell.plan.id}{when}: reported omitted (dropped)"
    return f"{cell.plan.id}{when}: not in the published full text"
