"""Renderings of `history` and `matrix`: text, Markdown, CSV and JSON.

Every format tells held, omitted and unreported apart: text and Markdown with
symbols and the legend under the table, CSV in words, JSON with a `presence`
per cell and the legend beside the rows.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap

from plandiff.diff.across import LEGEND, LEGEND_ENTRIES, Cell, Matrix
from plandiff.output import dumps_json
from plandiff.points import points_phrase
from plandiff.render.evidence import evidence_lines
from plandiff.render.markdown import md_escape
from plandiff.render.style import Style
from plandiff.taxonomy import default_taxonomy

MIN_COLUMN = 9  # narrower than this a value can no longer be told from its neighbours
READABLE_COLUMN = 24  # the widest a cell grows to tell a row's values apart; wider, a block holds too few versions
LABEL_COLUMN = 28  # the provision column
MIN_LABEL = 6  # the provision column gives way to a long version id down to this
SHOWN_LETTERS = 5  # a word tells two values apart once this much of it (or all of a shorter one) shows
_WORD = re.compile(r"[^ \-]+")  # words, to tell values apart by: "recognized-de-jure-russian" has four


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


def _first_difference(a: str, b: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The first word in which two values differ, in each of them (None past the end of the shorter)."""
    wa, wb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    n = 0
    while n < min(len(wa), len(wb)) and wa[n].group() == wb[n].group():
        n += 1
    return (wa[n] if n < len(wa) else None), (wb[n] if n < len(wb) else None)


def _shows(value: str, shown: str, word: re.Match[str] | None) -> bool:
    """Whether `shown`, the clipped form of `value`, shows the start of `word` (SHOWN_LETTERS of it, or all)."""
    if word is None:
        return True
    core = shown.strip("…")
    start = value.find(core)
    return 0 <= start <= word.start() and word.start() + min(SHOWN_LETTERS, len(word.group())) <= start + len(core)


def _tells_apart(cells: list[str], width: int) -> bool:
    """Whether `_differing` at `width` shows, for any two different values of the row, the first word
    they differ in."""
    shown = dict(zip(cells, _differing(cells, width)))
    if len(set(shown.values())) < len(shown):
        return False
    values = list(shown)
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            wa, wb = _first_difference(a, b)
            if not (_shows(a, shown[a], wa) and _shows(b, shown[b], wb)):
                return False
    return True


def _readable_width(rows: list[list[str]], most: int) -> int:
    """The narrowest cell width from MIN_COLUMN up to `most` at which `_differing` tells every row's values
    apart; a row that needs more than `most` gets `most`."""
    width = MIN_COLUMN
    for cells in rows:
        while width < most and not _tells_apart(cells, width):
            width += 1
    return width


def _blocks(widths: list[int], room: int) -> list[list[int]]:
    """The columns split into runs of consecutive ones that fit in `room` (each takes 2 + its width);
    a column wider than the room has a block of its own."""
    blocks: list[list[int]] = [[]]
    used = 0
    for i, w in enumerate(widths):
        if blocks[-1] and used + 2 + w > room:
            blocks.append([])
            used = 0
        blocks[-1].append(i)
        used += 2 + w
    return blocks


def _table(rows: list[list[str]], style: Style) -> list[str]:
    """Rows of clipped cells as aligned lines, the first (the header) in bold."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        line = "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
        lines.append(style(line, "bold") if i == 0 else line)
    return lines


def _text_matrix(m: Matrix, style: Style, width: int) -> str:
    """One table when every version fits the width at a cell width that tells each row's values apart
    (and shows the version ids whole); otherwise blocks of consecutive versions, each under a line
    saying which, repeating the provision column and fitting the width. The legend follows once."""
    ids = [p.id for p in m.plans]
    labels = [_label(k) for k in m.keys]
    label_w = min(LABEL_COLUMN, max(len(h) for h in ["provision", *labels]))
    cells = [[c.short for c in m.rows[k]] for k in m.keys]
    room = max(MIN_COLUMN, width - 2 - MIN_LABEL)  # the most one version's column may take
    readable = _readable_width(cells, min(READABLE_COLUMN, room))
    n = max(1, len(ids))
    fair = (width - label_w - 2 * n) // n  # each version's share of the width
    if not ids or fair >= max(readable, *map(len, ids)):
        col_w = max(MIN_COLUMN, fair)
        rows = [[_clip("provision", label_w)] + [_clip(h, col_w) for h in ids]]
        rows += [[_clip(label, label_w)] + _differing(row, col_w) for label, row in zip(labels, cells)]
        lines = _table(rows, style)
    else:
        shown = [_differing(row, readable) for row in cells]
        widths = [min(room, max([len(pid)] + [len(row[j]) for row in shown])) for j, pid in enumerate(ids)]
        lines = []
        for block in _blocks(widths, width - label_w):
            lw = max(1, min(label_w, width - sum(2 + widths[j] for j in block)))
            first, last = block[0] + 1, block[-1] + 1
            lines += [""] if lines else []
            lines.append(f"versions {first}–{last} of {len(ids)}" if last > first else f"version {first} of {len(ids)}")
            rows = [[_clip("provision", lw)] + [_clip(ids[j], widths[j]) for j in block]]
            rows += [[_clip(label, lw)] + [row[j] for j in block] for label, row in zip(labels, shown)]
            lines += _table(rows, style)
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
