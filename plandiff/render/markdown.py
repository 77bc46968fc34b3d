"""The Markdown report, for a pull-request comment: counts first, then changes by topic.

Plan text is escaped so a summary or quote can never turn into markup, links
or HTML in the rendered comment.
"""
from __future__ import annotations

import re
import unicodedata

from plandiff.diff.changes import (Added, Change, ChangeSet, Changed, Dropped, KIND_NAMES, Renumbered,
                                   Unchanged)
from plandiff.render.evidence import hidden_updates, paired_evidence, version_changes
from plandiff.taxonomy import default_taxonomy

_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")
_LEADING = re.compile(r"^(\d{1,9}(?=[.)](?:\s|$))|(?=[#+-](?:\s|$)))")


def md_escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = " ".join(text.split())  # newlines would end a list item or table row
    # at the start of a line, "# x", "- x", "+ x", "1. x" would make a heading or a list
    return _LEADING.sub(r"\1\\", text, count=1)


def _code(text: str) -> str:
    return f"`{text.replace('`', '')}`"


def _is_punct(ch: str) -> bool:
    """CommonMark's punctuation: Unicode P* and S* categories (ASCII punctuation included)."""
    return unicodedata.category(ch)[0] in "PS"


def _words(words) -> str:
    """A summary word diff as ~~deleted~~ and **inserted** text, escaped.

    A `~~` or `**` run opens before punctuation only after whitespace or
    punctuation (and closes after punctuation only before one), so
    "Russia~~, Ukraine~~" would show its tildes; such pieces use <del>/<ins>.
    """
    pieces = []  # (op, lead, escaped text, trail), none of them empty
    for op, text in words:
        if not text.strip():
            if text and op >= 0:  # a kept or inserted space separates words; a deleted one goes
                pieces.append((0, "", " ", ""))
            continue
        pieces.append((op, " " if text[:1].isspace() else "", md_escape(text),
                       " " if text[-1:].isspace() else ""))
    out = []
    for i, (op, lead, text, trail) in enumerate(pieces):
        if op == 0:
            out.append(f"{lead}{text}{trail}")
            continue
        before = lead or "".join(out)[-1:] or " "
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        after = trail or (" " if nxt is None else nxt[1][:1] or ("~" if nxt[0] else nxt[2][:1]))
        opens = not _is_punct(text[0]) or before.isspace() or _is_punct(before)
        closes = not _is_punct(text[-1]) or after.isspace() or _is_punct(after)
        if opens and closes:
            mark = "~~" if op < 0 else "**"
            out.append(f"{lead}{mark}{text}{mark}{trail}")
        else:
            tag = "del" if op < 0 else "ins"
            out.append(f"{lead}<{tag}>{text}</{tag}>{trail}")
    return "".join(out)


def _version(plan) -> str:
    """Title and date, escaped; a side git hands over as /dev/null has no date."""
    return md_escape(f"{plan.title} ({plan.date})" if plan.date else plan.title)


class MarkdownReport:
    def __init__(self, cs: ChangeSet, show_all: bool = False):
        self.cs, self.show_all = cs, show_all

    def render(self) -> str:
        cs = self.cs
        counts = cs.counts()
        out = [f"## {md_escape(cs.old.id)} → {md_escape(cs.new.id)}", "",
               f"{_version(cs.old)} → {_version(cs.new)}", "",
               "| " + " | ".join(KIND_NAMES) + " |", "|" + "---:|" * len(KIND_NAMES),
               "| " + " | ".join(str(counts[k]) for k in KIND_NAMES) + " |"]
        header = version_changes(cs)
        if header:
            out += ["", "### Version details", ""] + [f"- {md_escape(h)}" for h in header]
        topics = default_taxonomy().topics
        current = None
        for c in cs.visible(self.show_all):
            if c.topic != current:
                current = c.topic
                out += ["", f"### {md_escape(topics.get(c.topic, c.topic.title()))}", ""]
            out += getattr(self, f"_render_{type(c).__name__}")(c)
        hidden = hidden_updates(cs, self.show_all)
        if hidden:
            out += ["", f"{hidden} (not listed)."]
        if not cs.differs:
            out += ["", "No differences."]
        return "\n".join(out) + "\n"

    def _item(self, c: Change, full: bool = True) -> list[str]:
        out = [f"- **{c.kind}** {_code(c.key)} — {md_escape(c.description)}"]
        if not full:
            return out
        if c.words and "summary" in c.fields:
            out.append("  - summary: " + _words(c.words))
        for side, line in paired_evidence(self.cs, c):
            out.append(f"  - {side}: {md_escape(line)}")
        return out

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
