"""Numbers, values and stances: what a provision trigger says, read from the words around it.

Every rule comes from rules.yaml. A rule finds its *trigger* (the words that
signal the provision); the handler then reads the value from the trigger's
clause, and the shared cues (cues.yaml) decide the stance: `omitted` after
"omitted/dropped/removed …", `changed` after "raised/increased …",
`rejected` when a party rejects it, and no claim at all when the clause is a
party's wish or an opinion ("Russia insisted on …", "should not be allowed
to …"). Numbers are read in every common form: 800,000; 800 000; 800k;
800 thousand; 0.8 million; eight hundred thousand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from plandiff.extract.data import DataError, load

# --- numbers ---------------------------------------------------------------------


class Numbers:
    def __init__(self, vocab: dict, compile_):
        nw = vocab["number_words"]
        self.small = {**nw["units"], **nw["tens"]}
        self.scales = nw["scales"]
        self.fractions = nw["fractions"]
        self.suffixes = {k.lower(): v for k, v in nw["suffixes"].items()}
        self.regex = compile_("%NUM%", "vocab.yaml NUM")
        self.currencies = [(compile_(c["pattern"], "vocab.yaml currencies"), c["code"]) for c in vocab["currencies"]]

    def parse(self, s: str) -> float | None:
        s = s.strip().lower()
        if not s:
            return None
        if s[0].isdigit():
            m = re.match(r"(\d[\d, ]*(?:\.\d+)?)\s*([a-z]+)?", s)
            if not m:
                return None
            digits = re.sub(r"[, ]", "", m.group(1))
            try:
                n = float(digits)
            except ValueError:
                return None
            if m.group(2):
                mult = self.suffixes.get(m.group(2))
                if mult is None:
                    return None
                n *= mult
            return n
        return self._words(s)

    def _words(self, s: str) -> float | None:
        tokens = [t for t in re.split(r"[\s-]+", s) if t and t != "and"]
        total, current, frac, seen = 0.0, 0.0, None, False
        for t in tokens:
            if t in ("a", "an", "of"):
                continue
            if t in self.fractions:
                frac = self.fractions[t]
            elif t in self.small:
                current += self.small[t]
                seen = True
            elif t == "hundred":
                current = (current or 1) * 100
                seen = True
            elif t in self.scales:
                scale = self.scales[t]
                if frac is not None and not current:
                    current = frac
                total += (current or 1) * scale
                current, seen = 0, True
            else:
                return None
        return total + current if seen else None

    def value(self, s: str) -> int | float | None:
        n = self.parse(s)
        if n is None:
            return None
        return int(n) if float(n).is_integer() else n

    def currency(self, s: str) -> str | None:
        for rx, code in self.currencies:
            if rx.search(s):
                return code
        return None


# --- rule records -------------------------------------------------------------------


@dataclass
class Field:
    name: str
    regex: re.Pattern
    value: Any = None
    kind: str = "value"  # value | set | money | duration | number | party
    group: str | None = None


@dataclass
class Rule:
    key: str
    handler: str
    regex: re.Pattern  # the triggers; for enum rules, one named group per value
    value: Any = None
    group_values: dict[str, Any] = field(default_factory=dict)
    fields: list[Field] = field(default_factory=list)
    window: str = "clause"
    after: int = 0
    opinion_ok: bool = False
    negated: Any = "skip"
    omission: bool = True
    change: bool = True
    confidence: float = 0.9
    extra: dict = field(default_factory=dict)
    needs: tuple = ()
    parts: list = field(default_factory=list)  # enum: (group source, needs) per value, in order
    _subsets: dict = field(default_factory=dict)

    def regex_for(self, found: set) -> re.Pattern | None:
        """The trigger regex restricted to the values whose keywords occur (order kept)."""
        if not self.parts:
            return self.regex
        from plandiff.extract.keywords import satisfied

        key = tuple(i for i, (_, needs) in enumerate(self.parts) if satisfied(needs, found))
        rx = self._subsets.get(key, False)
        if rx is False:
            rx = re.compile("|".join(self.parts[i][0] for i in key)) if key else None
            self._subsets[key] = rx
        return rx


class _Triggers:
    """How each rule handler (rules.yaml `handler:`) compiles its triggers: (regex, parts, group values, extra)."""

    @staticmethod
    def const(r: dict, where: str, compile_, keywords) -> tuple:
        return compile_.any_of(r["triggers"], where), [], {}, {}

    @staticmethod
    def enum(r: dict, where: str, compile_, keywords) -> tuple:
        group_values: dict[str, Any] = {}
        parts: list = []
        for j, entry in enumerate(r["values"]):
            name = f"e{j}"
            group_values[name] = entry["value"]
            src = f"(?P<{name}>" + "|".join(f"(?:{compile_.source(p)})" for p in entry["patterns"]) + ")"
            try:
                re.compile(src)
            except re.error as exc:
                raise DataError(f"{where} value {entry['value']!r}: {exc}") from exc
            parts.append((src, keywords.needs(entry.get("needs"))))
        return re.compile("|".join(p for p, _ in parts)), parts, group_values, {}

    @staticmethod
    def count(r: dict, where: str, compile_, keywords) -> tuple:
        parts = [f"(?P<nocap>{'|'.join('(?:' + compile_.source(p) + ')' for p in r.get('no_cap') or [])})"]
        parts.append("(?P<cap>" + "|".join(f"(?:{compile_.source(p)})" for p in r["triggers"]) + ")")
        try:
            regex = re.compile("|".join(parts))
        except re.error as exc:
            raise DataError(f"{where}: {exc}") from exc
        extra = {
            k: compile_(r[k], f"{where} {k}")
            for k in ("number_before", "number_after", "relative_by", "relative_from", "compared", "lowered")
        }
        extra.update(unit=r.get("unit", "personnel"), min=r.get("min", 1), max=r.get("max", 10**9))
        return regex, [], {}, extra


# A field entry names how to read it by one key beside `pattern` (and `value`): set, money, duration, number, …
_FIELD_PLAIN = ("pattern", "value")


def build_rules(compile_, keywords) -> list[Rule]:
    spec = load()["rules"]
    rules = []
    for i, r in enumerate(spec["rules"]):
        where = f"rules.yaml rules[{i}] ({r.get('key')})"
        handler = r.get("handler", "const")
        build = getattr(_Triggers, handler, None) if not handler.startswith("_") else None
        if build is None:
            raise DataError(f"{where}: unknown handler {handler!r}")
        regex, parts, group_values, extra = build(r, where, compile_, keywords)
        fields = []
        for name, entries in (r.get("fields") or {}).items():
            for entry in entries:
                kind = next((k for k in entry if k not in _FIELD_PLAIN), "value")
                fields.append(
                    Field(
                        name,
                        compile_(entry["pattern"], f"{where} field {name}"),
                        entry.get("value"),
                        kind,
                        entry[kind] if isinstance(entry.get(kind), str) else None,
                    )
                )
        rules.append(
            Rule(
                key=r["key"],
                handler=handler,
                regex=regex,
                value=r.get("value"),
                group_values=group_values,
                fields=fields,
                window=r.get("window", "clause"),
                after=int(r.get("after", 0)),
                opinion_ok=bool(r.get("opinion_ok")),
                negated=r.get("negated", "skip"),
                omission=r.get("omission", True),
                change=r.get("change", True),
                confidence=float(r.get("confidence", 0.9)),
                extra=extra,
                needs=keywords.needs(r.get("needs")),
                parts=parts,
            )
        )
    return rules


@dataclass
class Status:
    status: str
    regex: re.Pattern
    key: str | None
    always_key: str | None
    record: dict | None
    russia_subject: str | None
    needs: tuple = ()
    regions_after: bool = False
    negated: str | None = None  # the status a negation gives ("does not recognise Crimea as Russian")
    yields_to: tuple = ()  # more specific statuses that win when both are said of a region in one sentence


def build_territory(
    compile_, keywords
) -> tuple[
    list[Status], list[tuple[str, re.Pattern]], list[tuple[re.Pattern, list[str]]], list[tuple[str, re.Pattern]]
]:
    spec = load()["rules"]["territory"]
    vocab = load()["vocab"]
    statuses = [
        Status(
            s["status"],
            compile_.any_of(s["patterns"], f"rules.yaml territory {s['status']}"),
            s.get("key"),
            s.get("always_key"),
            s.get("record"),
            s.get("russia_subject"),
            keywords.needs(s.get("needs")),
            s.get("regions") == "after",
            s.get("negated"),
            tuple(s.get("yields_to") or ()),
        )
        for s in spec["statuses"]
    ]
    regions = [(k, compile_(p, f"vocab.yaml regions {k}")) for k, p in vocab["regions"].items()]
    groups = [(compile_(p, "vocab.yaml region_groups"), keys) for p, keys in vocab["region_groups"].items()]
    others = [(name, compile_(p, "vocab.yaml other_regions")) for name, p in vocab["other_regions"].items()]
    return statuses, regions, groups, others
