"""What every value kind can do, and the small helpers the kinds share.

A kind is built once from its taxonomy spec (`parse`) and then answers every
question the pipeline asks about a value of that type: is it valid (`check`,
with located problems), what JSON Schema says the same (`schema`), how the
docs describe it (`docs`), how a report writes it (`format`), how two values
differ (`compare`), whether a reported claim agrees with a held value
(`agrees`), and what number a chart draws (`number`). The defaults here are
those of a kind that knows nothing: the "any" kind of custom keys.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeGuard

from plandiff.kinds.detail import Detail, num

Problems = list[tuple[tuple, str]]
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def did_you_mean(word: str, choices) -> str | None:
    if len(str(word)) > 100:  # difflib is quadratic; nothing that long is a typo of a key
        return None
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return match[0] if match else None


def show(value: Any, width: int = 60) -> str:
    """repr() cut to a readable length: messages must not echo a megabyte back."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_number(v: Any) -> TypeGuard[int | float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and v not in (float("inf"), float("-inf"))


def is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def same_number(a: Any, b: Any) -> bool:
    """Equal as quantities: 800000 and 800000.0000001 are one figure read twice."""
    return is_number(a) and is_number(b) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def abbreviate(n: float, smallest: float = 1e6) -> str | None:
    """ "1.5bn", "600m" (and "800k" when `smallest` allows thousands); None below `smallest`."""
    for size, suffix in _SCALES:
        if size >= smallest and abs(n) >= size:
            short = n / size
            return (f"{short:.0f}" if float(short).is_integer() else f"{short:.1f}") + suffix
    return None


def fmt_any(v: Any) -> str:
    if v is None:
        return "?"
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, float)):
        return num(v)
    if isinstance(v, list):
        return ", ".join(fmt_any(x) for x in v) if v else "none"
    if isinstance(v, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {fmt_any(x)}" for k, x in v.items())
    return str(v)


@dataclass
class SpecContext:
    """What parsing a spec needs besides the spec: shared vocabularies, where it is, where problems go."""

    vocabularies: dict
    where: str
    problems: list[str] = field(default_factory=list)

    def at(self, name: str) -> SpecContext:
        return SpecContext(self.vocabularies, f"{self.where}.{name}", self.problems)


class Kind:
    """A value type of the taxonomy; `spec` is its normalised taxonomy spec ({"type": name, …})."""

    name: ClassVar[str] = "any"
    chart: ClassVar[str | None] = None  # "numeric" (a bar chart), "status" (a grid), or none
    doc: ClassVar[str] = "any"

    def __init__(self, spec: dict):
        self.spec = spec

    @classmethod
    def parse(cls, spec: dict, ctx: SpecContext) -> Kind:
        """The kind of a (copied) spec; problems with the spec go to `ctx.problems`."""
        return cls(spec)

    @property
    def fields(self) -> dict[str, Kind]:
        """A record's field kinds; {} for every other kind."""
        return {}

    def field(self, name: str) -> Kind:
        return self.fields.get(name) or ANY

    # --- checking ----------------------------------------------------------------

    def check(self, value: Any, at: tuple = (), out: Problems | None = None, skip: object = None) -> Problems:
        """Append to `out` every way `value` fails this kind; return `out`. `skip` is already reported."""
        out = [] if out is None else out
        if skip is None or value is not skip:
            self._check(value, at, out, skip)
        return out

    def _check(self, v: Any, at: tuple, out: Problems, skip: object) -> None:
        pass

    def schema(self) -> dict:
        return {}

    def docs(self) -> str:
        return self.doc

    def doc_lines(self) -> list[str]:
        """The "Value: …" paragraph of docs/provisions.md."""
        return [f"Value: {self.docs()}."]

    # --- reports -----------------------------------------------------------------

    def format(self, v: Any) -> str:
        """A short human form of a value, for reports and the matrix."""
        return "?" if v is None else self._format(v)

    def _format(self, v: Any) -> str:
        return fmt_any(v)

    def compare(self, label: str, old: Any, new: Any) -> list[Detail]:
        """Details of how `old` became `new` (both present or absent); [] if equal."""
        if old == new:
            return []
        if old is None or new is None:
            return [
                Detail(
                    label,
                    None if old is None else self.format(old),
                    None if new is None else self.format(new),
                    "value now known" if old is None else "value no longer given",
                )
            ]
        typed = self._compare(label, old, new)
        return typed if typed is not None else [Detail(label, self.format(old), self.format(new))]

    def _compare(self, label: str, old: Any, new: Any) -> list[Detail] | None:
        return None

    # --- claims (extract) ----------------------------------------------------------

    def agrees(self, claim: Any, held: Any, key: str = "", compat: dict | None = None) -> bool:
        """Whether a claimed value agrees with a held one: equivalent, or less specific."""
        if claim is None or held is None or claim == held:
            return True
        return self._agrees(claim, held, key, compat or {})

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        return True  # free text and custom values: nothing typed to contradict

    def holds(self, claim: Any, held: Any, key: str = "", compat: dict | None = None) -> bool:
        """Whether the held value already states everything the claim says."""
        return self.agrees(claim, held, key, compat)

    def merge(self, claim: Any, held: Any) -> Any:
        """The held value with what the claim adds (records only)."""
        return held

    # --- numbers (charts, export) ---------------------------------------------------

    def number(self, v: Any) -> float | None:
        """The figure a chart draws for a value; None when it has none."""
        return None

    def unit(self) -> str:
        """What the chart's figures count."""
        return ""

    def columns(self, v: Any) -> dict:
        """A value spread over the export's typed columns (value_number, value_unit, …)."""
        return {}


ANY = Kind({"type": "any"})
