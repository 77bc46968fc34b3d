"""The terminal report of a diff: grouped by topic, marked by kind in words and colour."""
from __future__ import annotations

from plandiff.diff.changes import (Added, Change, ChangeSet, Changed, Dropped, KIND_NAMES, Renumbered,
                                   Unchanged)
from plandiff.render.evidence import hidden_updates, paired_evidence, version_changes
from plandiff.render.style import Style
from plandiff.taxonomy import default_taxonomy

_MARK = {"added": ("+", "green"), "dropped": ("-", "red"), "changed": ("~", "yellow"),
         "renumbered": ("#", "cyan"), "unchanged": ("=", "dim")}


def _points(c: Change) -> str:
    p = c.new if c.new is not None and c.new.point is not None else c.old
    if p is None or p.point is None:
        return ""
    pts = p.point if isinstance(p.point, list) else [p.point]
    return f" (point {', '.join(map(str, pts))})"


def _version(plan) -> str:
    """Title and date; a side git hands over as /dev/null has no date."""
    return f"{plan.title} ({plan.date})" if plan.date else plan.title


class TextReport:
    def __init__(self, cs: ChangeSet, style: Style, show_all: bool = False, quote_width: int = 100):
        self.cs, self.style, self.show_all, self.width = cs, style, show_all, quote_width

    def render(self) -> str:
        cs, s = self.cs, self.style
        counts = cs.counts()
        lines = [s(f"plandiff: {cs.old.id} → {cs.new.id}", "bold"),
                 f"  {_version(cs.old)} → {_version(cs.new)}",
                 "  " + " · ".join(f"{counts[k]} {k}" for k in KIND_NAMES)
                 + ("" if self.show_all or not counts["unchanged"] else " (unchanged hidden; --all shows them)")]
        header = version_changes(cs)
        if header:
            lines += ["", s("== Version details ==", "bold")] + [f"    {h}" for h in header]
        topics = default_taxonomy().topics
        current = None
        for c in cs.visible(self.show_all):
            if c.topic != current:
                current = c.topic
                lines += ["", s(f"== {topics.get(c.topic, c.topic.title())} ==", "bold")]
            lines += getattr(self, f"_render_{type(c).__name__}")(c)
        hidden = hidden_updates(cs, self.show_all)
        if hidden:
            lines += ["", f"{hidden} (--all lists them)"]
        if not cs.differs:
            lines += ["", "No differences."]
        return "\n".join(lines) + "\n"

    def _head(self, c: Change) -> str:
        mark, colour = _MARK[c.kind]
        return f"{self.style(f'{mark} {c.kind:<10}', colour, 'bold')} {c.key}{_points(c)}"

    def _body(self, c: Change) -> list[str]:
        out = [f"    {c.description}"]
        if c.words and "summary" in c.fields:
            out.append("    summary: " + "".join(self._word(op, t) for op, t in c.words))
        for side, line in paired_evidence(self.cs, c, self.width):
            out.append(self.style(f"    {side}: {line}", "dim"))
        return out

    def _word(self, op: int, text: str) -> str:
        if op < 0:
            return self.style(f"[-{text}-]", "red")
        if op > 0:
            return self.style(f"{{+{text}+}}", "green")
        return text

    def _render_Added(self, c: Added) -> list[str]:
        return [self._head(c)] + self._body(c)

    def _render_Dropped(self, c: Dropped) -> list[str]:
        return [self._head(c)] + self._body(c)

    def _render_Changed(self, c: Changed) -> list[str]:
        return [self._head(c)] + self._body(c)

    def _render_Renumbered(self, c: Renumbered) -> list[str]:
        return [self._head(c), f"    {c.description}"]

    def _render_Unchanged(self, c: Unchanged) -> list[str]:
        return [self._head(c)] + ([f"    {c.description}"] if c.fields else [])


def render_text(cs: ChangeSet, style: Style | None = None, show_all: bool = False) -> str:
    return TextReport(cs, style or Style(False), show_all).render()
