"""The terminal report of a diff: grouped by topic, marked by kind in words and colour."""

from __future__ import annotations

import textwrap

from plandiff.diff.changes import (
    Added,
    Change,
    Changed,
    ChangeSet,
    Dropped,
    Recited,
    Renumbered,
    Reworded,
    Unchanged,
    Unreported,
)
from plandiff.model import Plan
from plandiff.points import points_phrase
from plandiff.render.evidence import paired_citations
from plandiff.render.report import Outline, ReportRenderer, counts_text, summary_label, version_text
from plandiff.render.style import Style

_MARK = {
    "added": ("+", "green"),
    "dropped": ("-", "red"),
    "changed": ("~", "yellow"),
    "renumbered": ("#", "cyan"),
    "reworded": ("≈", "dim"),
    "recited": ("≈", "dim"),
    "unreported": ("?", "dim"),
    "unchanged": ("=", "dim"),
}


def points_text(c: Change) -> str:
    """ " (point 6)" — NEW's numbering where it has one, else OLD's; "" when neither numbers it."""
    p = c.new if c.new is not None and c.new.point is not None else c.old
    phrase = points_phrase(p.point, plural=False) if p is not None else None
    return f" ({phrase})" if phrase else ""


class TextReport(ReportRenderer):
    def __init__(
        self, cs: ChangeSet, style: Style, show_all: bool = False, quote_width: int = 100, evidence: str = "one"
    ):
        super().__init__(cs, show_all)
        self.style, self.width, self.evidence = style, quote_width, evidence

    def title(self) -> list[str]:
        cs = self.cs
        return [
            self.style(f"plandiff: {cs.old.id} → {cs.new.id}", "bold"),
            f"  {version_text(cs.old)} → {version_text(cs.new)}",
        ]

    def counts(self, o: Outline) -> list[str]:
        return textwrap.wrap(counts_text(o), 100, initial_indent="  ", subsequent_indent="    ")

    def heading(self, text: str) -> list[str]:
        return ["", self.style(f"== {text} ==", "bold")]

    def bullets(self, lines: list[str]) -> list[str]:
        return [f"    {h}" for h in lines]

    def silent_group(self, plan: Plan, tokens: list[str]) -> list[str]:
        head = f"Not reported in {plan.id} ({len(tokens)}): "
        return [""] + [
            self.style(line, "dim")
            for line in textwrap.wrap(head + ", ".join(tokens), 100, subsequent_indent="    ", break_on_hyphens=False)
        ]

    def _head(self, c: Change) -> str:
        mark, colour = _MARK[c.kind]
        return f"{self.style(f'{mark} {c.kind:<10}', colour, 'bold')} {c.key}{points_text(c)}"

    def _body(self, c: Change) -> list[str]:
        out = [f"    {c.description}"]
        if c.words and "summary" in c.fields and (c.old_state == c.new_state or self.evidence == "full"):
            out.append(f"    {summary_label(c.words)}: " + "".join(self._word(op, t) for op, t in c.words))
        lines = [(side, cit.text(self.width)) for side, cit in paired_citations(self.cs, c, self.evidence)]
        if self.evidence == "one" and [s for s, _ in lines] == ["old", "new"] and lines[0][1] == lines[1][1]:
            lines = [("old and new", lines[0][1])]  # two reports that read the same here: one line
        out += [self.style(f"    {side}: {text}", "dim") for side, text in lines]
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

    def _record_line(self, c: Change) -> list[str]:
        """One line for a provision whose record moved; its evidence only with --evidence full."""
        out = [f"{self._head(c)}: " + "; ".join(str(d) for d in c.details)]
        if self.evidence == "full":
            out += self._body(c)[1:]
        return out

    def _render_Reworded(self, c: Reworded) -> list[str]:
        return self._record_line(c)

    def _render_Recited(self, c: Recited) -> list[str]:
        return self._record_line(c)

    def _render_Unreported(self, c: Unreported) -> list[str]:
        return [c.key]

    def _render_Unchanged(self, c: Unchanged) -> list[str]:
        return [self._head(c)] + ([f"    {c.description}"] if c.fields else [])


def render_text(cs: ChangeSet, style: Style | None = None, show_all: bool = False, evidence: str = "one") -> str:
    return TextReport(cs, style or Style(False), show_all, evidence=evidence).render()
