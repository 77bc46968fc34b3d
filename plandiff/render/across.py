"""Renderings of `history` and `matrix`: text, Markdown, CSV and JSON.

Every format tells held, omitted and unreported apart: text and Markdown with
symbols and the legend under the table, CSV in words, JSON with a `presence`
per cell and the legend beside the rows.
"""

from __future__ import annotations

import csv
import io
import textwrap

from plandiff.diff.across import LEGEND, LEGEND_ENTRIES, Cell, Matrix
from plandiff.output import dumps_json
from plandiff.render.evidence import evidence_lines
from plandiff.render.markdown import md_escape
from plandiff.render.points import points_phrase
from plandiff.render.style import Style
from plandiff.taxonomy import default_taxonomy

MIN_COLUMN = 9  # narrower than this a value can no longer be told from its neighbours


def _label(key: str) -> str:
    p = default_taxonomy().get(key)
    return p.label if p else key


def _cell_json(c: Cell) -> dict:
    p = c.provision
    return {
        "presence": c.presence,
        "state": c.state,
        "text": c.short,
        "words": c.words,
        "point": p.point if p else None,
        "value": p.value if p else None,
        "claims": [cl.to_data() for cl in p.claims] if p else [],
    }


def matrix_json(m: Matrix) -> dict:
    return {
        "schema": "plandiff.matrix/2",
        "versions": [p.id for p in m.plans],
        "coverage": {p.id: p.coverage for p in m.plans},
        "legend": LEGEND,
        "rows": [
            {"key": k, "label": _label(k), "cells": {c.plan.id: _cell_json(c) for c in m.rows[k]}} for k in m.keys
        ],
    }


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _differing(cells: list[str], width: int) -> list[str]:
    """Clip each cell of a row to `width`, dropping first the words every long cell of the row
    begins or ends with, so that what tells the versions apart is what stays visible."""
    long = [c.split(" ") for c in cells if len(c) > width]
    if len(long) < 2:
        return [_clip(c, width) for c in cells]
    head = 0
    while all(len(w) > head + 1 and w[head] == long[0][head] for w in long):
        head += 1
    tail = 0
    while all(len(w) > head + tail + 1 and w[-1 - tail] == long[0][-1 - tail] for w in long):
        tail += 1
    out = []
    for c in cells:
        words = c.split(" ")
        if len(c) > width and (head or tail):
            core = " ".join(words[head : len(words) - tail])
            c = ("…" if head else "") + core + ("…" if tail else "")
        out.append(_clip(c, width))
    return out


def _legend_lines(width: int) -> list[str]:
    """LEGEND on one line, or, wider than `width`, its entries packed into lines that fit; an entry
    longer than the width is wrapped on lines of its own, its continuation indented."""
    if len(LEGEND) <= width:
        return [LEGEND]
    lines: list[str] = []
    joinable = False  # whether the last line holds whole entries only
    for entry in LEGEND_ENTRIES:
        if joinable and len(lines[-1]) + 3 + len(entry) <= width:
            lines[-1] += " · " + entry
            continue
        wrapped = textwrap.wrap(entry, max(1, width), subsequent_indent="  ")
        lines += wrapped
        joinable = len(wrapped) == 1
    return lines


def _text_matrix(m: Matrix, style: Style, width: int) -> str:
    header = ["provision"] + [p.id for p in m.plans]
    labels = [_label(k) for k in m.keys]
    label_w = min(28, max(len(h) for h in [header[0], *labels]))
    n = max(1, len(m.plans))
    col_w = max(MIN_COLUMN, (width - label_w - 2 * n) // n)
    rows = [[_clip(header[0], label_w)] + [_clip(h, col_w) for h in header[1:]]]
    rows += [
        [_clip(label, label_w)] + _differing([c.short for c in m.rows[k]], col_w) for k, label in zip(m.keys, labels)
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for i, r in enumerate(rows):
        line = "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
        lines.append(style(line, "bold") if i == 0 else line)
    return "\n".join(lines + ["", *_legend_lines(width)]) + "\n"


def render_matrix(m: Matrix, fmt: str, style: Style | None = None, width: int = 120) -> str:
    """The matrix in a format; `width` is the terminal's, which the text table fits."""
    style = style or Style(False)
    if fmt == "json":
        return dumps_json(matrix_json(m)) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["key", "provision"] + [p.id for p in m.plans])
        for k in m.keys:
            w.writerow([k, _label(k)] + [c.words for c in m.rows[k]])
        return buf.getvalue()
    if fmt == "markdown":
        header = ["provision"] + [p.id for p in m.plans]
        out = ["| " + " | ".join(md_escape(h) for h in header) + " |", "|" + "---|" * len(header)]
        for k in m.keys:
            out.append(
                "| " + " | ".join([f"{md_escape(_label(k))} (`{k}`)"] + [md_escape(c.short) for c in m.rows[k]]) + " |"
            )
        return "\n".join(out) + "\n\n" + md_escape(LEGEND) + "\n"
    return _text_matrix(m, style, width)


def render_history(key: str, cells: list[Cell], style: Style | None = None, evidence: str = "full") -> str:
    """The provision version by version; `evidence` as for diff: all citations, the first, or none."""
    style = style or Style(False)
    lines = [style(f"{_label(key)} ({key}) across {len(cells)} versions", "bold")]
    for c in cells:
        p = c.provision
        phrase = points_phrase(p.point, plural=False) if p is not None else None
        point = f", {phrase}" if phrase else ""
        lines.append("")
        lines.append(
            f"{style(c.plan.id, 'bold')} ({c.plan.date}{point}): {c.short}"
            + (f"  [{c.words}]" if not c.held or c.state == "unknown" else "")
        )
        if p is not None and p.summary:
            lines.append(f"    {p.summary}")
        cites = [] if evidence == "none" else evidence_lines(c.plan, p, 100)
        for line in cites[:1] if evidence == "one" else cites:
            lines.append(style(f"    evidence: {line}", "dim"))
    return "\n".join(lines + ["", LEGEND]) + "\n"
