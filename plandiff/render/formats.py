"""The report formats of a change set, in one registry: `diff --format`, `git-diff` and `extract --propose` use it.

Each format is a name and a function (change set, options → the whole
text, final newline included). The renderers are imported only when a
format is used, so the CLI can list the names (`--format` choices, `--help`)
without loading them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plandiff.render.style import Style

if TYPE_CHECKING:  # plandiff.diff loads the differ; the CLI imports this module on every start
    from plandiff.diff.changes import ChangeSet


@dataclass(frozen=True)
class ReportOptions:
    style: Style = field(default_factory=lambda: Style(False))
    show_all: bool = False  # also list provisions that did not change
    evidence: str = "one"  # citations per change: one, full or none


@dataclass(frozen=True)
class ReportFormat:
    name: str
    help: str
    render: Callable[[ChangeSet, ReportOptions], str]
    color: bool | None = None  # click.echo's `color`: True where the text may carry the Style's codes


def _text(cs: ChangeSet, o: ReportOptions) -> str:
    from plandiff.render.text import render_text

    return render_text(cs, o.style, o.show_all, o.evidence)


def _markdown(cs: ChangeSet, o: ReportOptions) -> str:
    from plandiff.render.markdown import render_markdown

    return render_markdown(cs, o.show_all, o.evidence)


def _json(cs: ChangeSet, o: ReportOptions) -> str:
    from plandiff.gc_pause import paused_gc
    from plandiff.output import dumps_json
    from plandiff.render.json_report import changeset_to_json

    with paused_gc():  # the report is as acyclic as the change set, and as big (6–12 MB at N = 10,000)
        return dumps_json(changeset_to_json(cs, o.show_all)) + "\n"


REPORT_FORMATS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat("text", "for a terminal", _text, color=True),
        ReportFormat("markdown", "for a pull-request comment", _markdown),
        ReportFormat("json", "for scripts", _json),
    )
}


def render_report(cs: ChangeSet, fmt: str = "text", options: ReportOptions | None = None) -> str:
    return REPORT_FORMATS[fmt].render(cs, options or ReportOptions())
