"""The skeleton every diff report shares: what it says, in what order.

1. the two versions and what is known of each (full text or partial);
2. the counts: differences first, then what is not a difference (our
   rewording, new evidence, silence);
3. the version's own fields that moved;
4. the differences, grouped by topic (with `--all`, unchanged ones too);
5. our record only: provisions whose wording or evidence moved, the plan not;
6. one compact line per silent version: "Not reported in X (23): …".

Text and Markdown differ only in how each piece looks, so both subclass
`ReportRenderer`, which walks the outline and dispatches every change to a
`_render_<Kind>` method.
"""

from __future__ import annotations

from dataclasses import dataclass

from plandiff.diff.changes import DIFFERENCE_KINDS, Change, ChangeSet, Recited, Reworded, Unchanged, Unreported
from plandiff.model import Plan
from plandiff.render.evidence import version_changes
from plandiff.taxonomy import default_taxonomy

# How each kind is named in a count; the kind names themselves are the JSON contract.
COUNT_LABELS = {
    "added": "added",
    "dropped": "dropped",
    "changed": "changed",
    "renumbered": "renumbered",
    "reworded": "reworded",
    "recited": "with new evidence",
    "unreported": "not reported",
    "unchanged": "unchanged",
}
RECORD_HEADING = "Our record only (wording or evidence; the plan did not change)"


@dataclass(frozen=True)
class Outline:
    counts: dict[str, int]
    differences: int
    header: list[str]
    topics: list[tuple[str, list[Change]]]
    record: list[Change]
    silent: list[tuple[Plan, list[Unreported]]]
    differs: bool
    hidden_unchanged: int


def outline(cs: ChangeSet, show_all: bool = False) -> Outline:
    titles = default_taxonomy().topics
    topics: list[tuple[str, list[Change]]] = []
    for c in cs.changes:
        if not (c.difference or (show_all and isinstance(c, Unchanged))):
            continue
        title = titles.get(c.topic, c.topic.title())
        if not topics or topics[-1][0] != title:
            topics.append((title, []))
        topics[-1][1].append(c)
    silent: list[tuple[Plan, list[Unreported]]] = []
    for side, plan in (("old", cs.old), ("new", cs.new)):
        group = [c for c in cs.of_kind(Unreported) if c.silent == side]
        if group:
            silent.append((plan, group))
    counts = cs.counts()
    return Outline(
        counts=counts,
        differences=cs.differences,
        header=version_changes(cs),
        topics=topics,
        record=cs.of_kind(Reworded, Recited),
        silent=silent,
        differs=cs.differs,
        hidden_unchanged=0 if show_all else counts["unchanged"],
    )


def counts_text(o: Outline) -> str:
    """ "13 changed · 2 dropped … (15 differences); also 5 reworded · 23 not reported"."""
    diff = " · ".join(f"{o.counts[k]} {COUNT_LABELS[k]}" for k in DIFFERENCE_KINDS)
    text = f"{diff} ({o.differences} difference{'s' * (o.differences != 1)})"
    other = [f"{o.counts[k]} {COUNT_LABELS[k]}" for k in ("reworded", "recited", "unreported") if o.counts[k]]
    if other:
        text += "; not differences: " + " · ".join(other)
    if o.hidden_unchanged:
        text += f"; {o.hidden_unchanged} unchanged (--all lists them)"
    return text


def summary_label(words) -> str:
    """ "summary", and how coarse its diff is when it was over the word diff's budget (diff/words.py)."""
    granularity = getattr(words, "granularity", "words")
    if granularity == "words":
        return "summary"
    how = "sentence by sentence" if granularity == "sentences" else "as a whole"
    return f"summary (too long to compare word by word; compared {how})"


def coverage_text(plan: Plan) -> str:
    return "full text" if plan.full_text else "partial: known from reports"


def version_text(plan: Plan) -> str:
    """Title, date and coverage; a side git hands over as /dev/null has no date."""
    bits = [b for b in (plan.date, coverage_text(plan) if plan.date else None) if b]
    return f"{plan.title} ({'; '.join(bits)})" if bits else plan.title


class ReportRenderer:
    """Walks an outline; subclasses say how each piece looks."""

    def __init__(self, cs: ChangeSet, show_all: bool = False):
        self.cs, self.show_all = cs, show_all
        self.outline = outline(cs, show_all)

    def render(self) -> str:
        o = self.outline
        out = self.title() + self.counts(o)
        if o.header:
            out += self.heading("Version details") + self.bullets(o.header)
        for topic, changes in o.topics:
            out += self.heading(topic)
            for c in changes:
                out += self.dispatch(c)
        if o.record:
            out += self.heading(RECORD_HEADING)
            for c in o.record:
                out += self.dispatch(c)
        for plan, group in o.silent:
            out += self.silent_group(plan, [line for c in group for line in self.dispatch(c)])
        if not o.differs:
            out += ["", "No differences in the plans themselves." if self.cs.edited else "No differences."]
        return "\n".join(out) + "\n"

    def dispatch(self, c: Change) -> list[str]:
        return getattr(self, f"_render_{type(c).__name__}")(c)

    # --- the pieces each format draws ---------------------------------------------

    def title(self) -> list[str]:
        raise NotImplementedError

    def counts(self, o: Outline) -> list[str]:
        raise NotImplementedError

    def heading(self, text: str) -> list[str]:
        raise NotImplementedError

    def bullets(self, lines: list[str]) -> list[str]:
        raise NotImplementedError

    def silent_group(self, plan: Plan, tokens: list[str]) -> list[str]:
        raise NotImplementedError
