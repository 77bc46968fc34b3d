"""The Markdown report, for a pull-request comment: counts first, then changes by topic.

Plan text is escaped so a summary or quote can never turn into markup, links
or HTML in the rendered comment.
"""
from __future__ import annotations

import re

from plandiff.diff.changes import (Added, Change, ChangeSet, Changed, Dropped, KIND_NAMES, Renumbered,
                                   Unchanged)
from plandiff.render.evidence import evidence_lines
from plandiff.taxonomy import default_taxonomy

_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")


def md_escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())  # newlines would end a list item or table row


def _code(text: str) -> str:
    return f"`{text.replace('`', '')}`"


class MarkdownReport:
    def __init__(self, cs: ChangeSet, show_all: bool = False):
        self.cs, self.show_all = cs, show_all

    def render(self) -> str:
        cs = self.cs
        counts = cs.counts()
        out = [f"## {md_escape(cs.old.id)} → {md_escape(cs.new.id)}", "",
               f"{md_escape(cs.old.title)} ({md_escape(str(cs.old.date))}) → "
               f"{md_escape(cs.new.title)} ({md_escape(str(cs.new.date))})", "",
               "| " + " | ".join(KIND_NAMES) + " |", "|" + "---:|" * len(KIND_NAMES),
               "| " + " | ".join(str(counts[k]) for k in KIND_NAMES) + " |"]
        topics = default_taxonomy().topics
        current = None
        for c in cs.visible(self.show_all):
            if c.topic != current:
                current = c.topic
                out += ["", f"### {md_escape(topics.get(c.topic, c.topic.title()))}", ""]
            out += getattr(self, f"_render_{type(c).__name__}")(c)
        if not cs.differs:
            out += ["", "No differences."]
        return "\n".join(out) + "\n"

    def _item(self, c: Change, full: bool = True) -> list[str]:
        out = [f"- **{c.kind}** {_code(c.key)} — {md_escape(c.description)}"]
        if not full:
            return out
        if c.words and "summary" in c.fields:
            out.append("  - summary: " + "".join(self._word(op, t) for op, t in c.words))
        for side, plan, prov in (("old", self.cs.old, c.old), ("new", self.cs.new, c.new)):
            for line in evidence_lines(plan, prov):
                out.append(f"  - {side}: {md_escape(line)}")
        return out

    @staticmethod
    def _word(op: int, text: str) -> str:
        if not text.strip():
            return text if op == 0 else ""
        escaped = md_escape(text)
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() else ""
        if op < 0:
            return f"{lead}~~{escaped}~~{trail}"
        if op > 0:
            return f"{lead}**{escaped}**{trail}"
        return f"{lead}{escaped}{trail}"

    def _render_Added(self, c: Added) -> list[str]:
        return self._item(c)

    def _render_Dropped(self, c: Dropped) -> list[str]:
        return self._item(c)

    def _render_Changed(self, c: Changed) -> list[str]:
        return self._item(c)

    def _render_Renumbered(self, c: Renumbered) -> list[str]:
        return self._item(c, full=False)

    def _render_Unchanged(self, c: Unchanged) -> list[str]:
        return self._item(c, full=False)


def render_markdown(cs: ChangeSet, show_all: bool = False) -> str:
    return MarkdownReport(cs, show_all).render()
