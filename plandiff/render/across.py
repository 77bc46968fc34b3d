"""Renderings of `history` and `matrix`: text, Markdown, CSV and JSON."""
from __future__ import annotations

import csv
import io

from plandiff.diff.across import Cell, Matrix
from plandiff.output import dumps_json
from plandiff.render.evidence import evidence_lines
from plandiff.render.markdown import md_escape
from plandiff.render.style import Style
from plandiff.taxonomy import default_taxonomy

def _label(key: str) -> str:
    p = default_taxonomy().get(key)
    return p.label if p else key


def _cell_json(c: Cell) -> dict:
    p = c.provision
    return {"state": c.state, "text": c.short,
            "point": p.point if p else None, "value": p.value if p else None,
            "claims": [cl.to_data() for cl in p.claims] if p else []}


def matrix_json(m: Matrix) -> dict:
    return {"schema": "plandiff.matrix/1", "versions": [p.id for p in m.plans],
            "rows": [{"key": k, "label": _label(k), "cells": {c.plan.id: _cell_json(c) for c in m.rows[k]}}
                     for k in m.keys]}


def render_matrix(m: Matrix, fmt: str, style: Style | None = None, width: int = 28) -> str:
    style = style or Style(False)
    header = ["provision"] + [p.id for p in m.plans]
    if fmt == "json":
        return dumps_json(matrix_json(m)) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["key"] + header)
        for k in m.keys:
            w.writerow([k, _label(k)] + [c.short for c in m.rows[k]])
        return buf.getvalue()
    if fmt == "markdown":
        out = ["| " + " | ".join(md_escape(h) for h in header) + " |", "|" + "---|" * len(header)]
        for k in m.keys:
            out.append("| " + " | ".join([f"{md_escape(_label(k))} (`{k}`)"]
                                         + [md_escape(c.short) for c in m.rows[k]]) + " |")
        return "\n".join(out) + "\n\n— not in that version · ? mentioned without a value · ⚠ disputed\n"

    def clip(s: str) -> str:
        return s if len(s) <= width else s[: width - 1] + "…"

    rows = [[clip(h) for h in header]] + [[clip(_label(k))] + [clip(c.short) for c in m.rows[k]] for k in m.keys]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for n, r in enumerate(rows):
        line = "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
        lines.append(style(line, "bold") if n == 0 else line)
    lines.append("")
    lines.append("— not in that version · ? mentioned without a value · ⚠ disputed")
    return "\n".join(lines) + "\n"


def render_history(key: str, cells: list[Cell], style: Style | None = None) -> str:
    style = style or Style(False)
    lines = [style(f"{_label(key)} ({key}) across {len(cells)} versions", "bold")]
    for c in cells:
        p = c.provision
        point = ""
        if p is not None and p.point is not None:
            pts = p.point if isinstance(p.point, list) else [p.point]
            point = f", point {', '.join(map(str, pts))}"
        lines.append("")
        lines.append(f"{style(c.plan.id, 'bold')} ({c.plan.date}{point}): {c.short}"
                     + (f"  [{c.text}]" if c.state in ("omitted", "absent", "unknown") else ""))
        if p is not None and p.summary:
            lines.append(f"    {p.summary}")
        for line in evidence_lines(c.plan, p, 100):
            lines.append(style(f"    evidence: {line}", "dim"))
    return "\n".join(lines) + "\n"
