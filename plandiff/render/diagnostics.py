"""Diagnostics for people (`path:line:col: error: …`) and for GitHub Actions."""

from __future__ import annotations

from plandiff.diagnostics import Diagnostic
from plandiff.render.style import Style


def render_diagnostic(d: Diagnostic, fmt: str, style: Style) -> str:
    if fmt == "github":
        return d.github()
    level = style(f"{d.severity}:", "red" if d.severity == "error" else "yellow", "bold")
    return f"{style(f'{d.path}:{d.line}:{d.col}:', 'bold')} {level} {d.message}"
