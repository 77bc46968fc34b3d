"""Field-level checks of the plan format: text, ids, dates, lists of text, unknown fields.

`plan.py` builds the section checks (sources, provisions, claims, evidence)
on these, and `events.py` extends that checker for event files.
"""

from __future__ import annotations

import re

from plandiff.hints import did_you_mean_suffix
from plandiff.kinds.base import is_date, type_name
from plandiff.load.values import show
from plandiff.load.yamlsafe import INVALID
from plandiff.model import Source
from plandiff.taxonomy import Taxonomy, did_you_mean

ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")

# A report's date: the day, or only the month when that is all a brief or the
# address gives ("RFE/RL, late Jan 2026"). A version's or an event's date is a day.
# Unanchored, as Table Schema patterns are; JSON Schema adds ^…$.
REPORT_DATE_PATTERN = r"[0-9]{4}-(0[1-9]|1[0-2])(-[0-9]{2})?"
_MONTH_RE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def is_report_date(value: object) -> bool:
    return is_date(value) or (isinstance(value, str) and _MONTH_RE.fullmatch(value) is not None)


Problem = tuple[tuple, str, bool]


class FieldChecker:
    """Problem collection and the field-level checks every section of a plan file shares."""

    def __init__(self, taxonomy: Taxonomy, numbers_checked: bool = False):
        self.tax = taxonomy
        self.numbers_checked = numbers_checked
        self.problems: list[Problem] = []
        self.source_ids: dict[str, Source] = {}

    def bad(self, where: tuple, message: str, at_key: bool = False) -> None:
        self.problems.append((where, message, at_key))

    def fields(self, d: dict, allowed: tuple, where: tuple, what: str) -> None:
        for k in d:
            if k not in allowed:
                hint = did_you_mean(k, allowed)
                extra = did_you_mean_suffix(hint, show, f" (allowed: {', '.join(allowed)})")
                self.bad(where + (k,), f"unknown field {show(k)} in {what}{extra}", True)

    def text(self, d: dict, k: str, where: tuple, required: bool = False) -> str | None:
        v = d.get(k)
        if v is INVALID:
            return None
        if v is None:
            if required:
                self.missing(d, k, where)
            return None
        if not isinstance(v, str) or not v.strip():
            self.bad(where + (k,), f"{k} must be non-empty text; got {type_name(v)}")
            return None
        return v

    def slug(self, d: dict, k: str, where: tuple, required: bool = False) -> str | None:
        v = self.text(d, k, where, required)
        if v is not None and not ID_RE.fullmatch(v):
            self.bad(where + (k,), f"{k} must be a lowercase id such as us-28-point; got {show(v)}")
            return None
        return v

    def missing(self, d: dict, k: str, where: tuple) -> None:
        if k in d:
            self.bad(where + (k,), f"{k} is empty; it is required")
        else:
            self.bad(where, f"missing required field {show(k)}", bool(where))

    def date(self, d: dict, k: str, where: tuple, required: bool = False, month: bool = False) -> str | None:
        """A day YYYY-MM-DD; with `month`, a report's date may also be YYYY-MM."""
        v = d.get(k)
        if v is INVALID:
            return None
        if v is None:
            if required:
                self.missing(d, k, where)
            return None
        if not (is_report_date(v) if month else is_date(v)):
            form = "YYYY-MM-DD, or YYYY-MM when only the month is known" if month else "YYYY-MM-DD"
            self.bad(where + (k,), f"{k} must be a date {form}; got {show(v)}")
            return None
        return v

    def strings(self, d: dict, k: str, where: tuple) -> tuple[str, ...]:
        v = d.get(k)
        if v is None:
            return ()
        if not isinstance(v, list):
            self.bad(where + (k,), f"{k} must be a list; got {type_name(v)}")
            return ()
        out = []
        for i, item in enumerate(v):
            if isinstance(item, str) and item.strip():
                out.append(item)
            elif item is not INVALID:
                self.bad(where + (k, i), f"{k} entries must be non-empty text; got {type_name(item)}")
        return tuple(out)
