"""The Markdown report, for a pull-request comment: counts first, then changes by topic.

Plan text is escaped so a summary or quote can never turn into markup, links
or HTML in the rendered comment.
"""

from __future__ import annotations

import re
import unicodedata

from plandiff.diff.changes import (
    KIND_NAMES,
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
from plandiff.render.evidence import Citation, paired_citations
from plandiff.render.report import COUNT_LABELS, Outline, ReportRenderer, counts_text, summary_label, version_text

_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")
_SAFE_URL = re.compile(r"https?://[^\s<>()\[\]`\\]+")
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
        pieces.append((op, " " if text[:1].isspace() else "", md_escape(text), " " if text[-1:].isspace() else ""))
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


def md_link(text: str, url: str | None) -> str:
    """An escaped link; a URL that is not plain http(s) is shown as text, never linked."""
    if url and _SAFE_URL.fullmatch(url):
        return f"[{md_escape(text)}](<{url}>)"
    return md_escape(text)


def md_citation(cit: Citation, width: int = 0) -> str:
    """`[Outlet](url) (caveats), date "quote"`: outlet named and linked, the rest escaped."""
    where = md_link(cit.name, cit.url)
    if cit.caveats:
        where += f" ({md_escape(', '.join(cit.caveats))})"
    if cit.date:
        where += f", {cit.date}"
    tail = cit.tail(width).strip()
    return md_escape(cit.prefix) + where + (f" {md_escape(tail)}" if tail else "")


class MarkdownReport(ReportRenderer):
    def __init__(self, cs: ChangeSet, show_all: bool = False, evidence: str = "one"):
        super().__init__(cs, show_all)
        self.evidence = evidence

    def title(self) -> list[str]:
        cs = self.cs
        return [
            f"## {md_escape(cs.old.id)} → {md_escape(cs.new.id)}",
            "",
            f"{md_escape(version_text(cs.old))} → {md_escape(version_text(cs.new))}",
        ]

    def counts(self, o: Outline) -> list[str]:
        kinds = [k for k in KIND_NAMES if k != "unchanged"]
        return [
            "",
            "| " + " | ".join(COUNT_LABELS[k] for k in kinds) + " |",
            "|" + "---:|" * len(kinds),
            "| " + " | ".join(str(o.counts[k]) for k in kinds) + " |",
            "",
            md_escape(counts_text(o)),
        ]

    def heading(self, text: str) -> list[str]:
        return ["", f"### {md_escape(text)}", ""]

    def bullets(self, lines: list[str]) -> list[str]:
        return [f"- {md_escape(h)}" for h in lines]

    def silent_group(self, plan: Plan, tokens: list[str]) -> list[str]:
        return ["", f"**Not reported in {md_escape(plan.id)}** ({len(tokens)}): " + ", ".join(tokens)]

    def _item(self, c: Change, full: bool = True) -> list[str]:
        out = [f"- **{c.kind}** {_code(c.key)} — {md_escape(c.description)}"]
        if not full:
            return out
        if c.words and "summary" in c.fields and (c.old_state == c.new_state or self.evidence == "full"):
            out.append(f"  - {md_escape(summary_label(c.words))}: " + _words(c.words))
        for side, cit in paired_citations(self.cs, c, self.evidence):
            out.append(f"  - {side}: {md_citation(cit)}")
        return out

    def _render_Added(self, c: Added) -> list[str]:
        return self._item(c)

    def _render_Dropped(self, c: Dropped) -> list[str]:
        return self._item(c)

    def _render_Changed(self, c: Changed) -> list[str]:
        return self._item(c)

    def _render_Renumbered(self, c: Renumbered) -> list[str]:
        return self._item(c, full=False)

    def _render_Reworded(self, c: Reworded) -> list[str]:
        return self._item(c, full=self.evidence == "full")

    def _render_Recited(self, c: Recited) -> list[str]:
        return self._item(c, full=self.evidence == "full")

    def _render_Unreported(self, c: Unreported) -> list[str]:
        return [_code(c.key)]

    def _render_Unchanged(self, c: Unchanged) -> list[str]:
        return self._item(c, full=False)


def render_markdown(cs: ChangeSet, show_all: bool = False, evidence: str = "one") -> str:
    return MarkdownReport(cs, show_all, evidence).render()
