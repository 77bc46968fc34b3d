"""The kinds with a unit: money ({amount, currency}) and duration ({years|months|days: N}).

A claim agrees with a held value when it says the same quantity, however it
is written: 1.5bn and 1,500,000,000 dollars, a year and twelve months.
"""

from __future__ import annotations

import re
from typing import Any

from plandiff.kinds.base import Kind, Problems, abbreviate, fmt_any, is_number, num, same_number, show, type_name

DURATION_UNITS = ("years", "months", "days")
_CURRENCY_RE = re.compile(r"[A-Z]{3}")
_MONTHS = {"years": 12, "months": 1}  # days are not a whole number of months: compared only with days


class Money(Kind):
    name = "money"
    chart = "numeric"
    doc = "`{amount: N, currency: USD}`"

    def _check(self, v: Any, at: tuple, out: Problems, skip: object) -> None:
        if not isinstance(v, dict):
            out.append((at, f"expected {{amount: N, currency: USD}}; got {type_name(v)}"))
            return
        if not is_number(v.get("amount")) or v["amount"] < 0:
            out.append((at, "money needs amount: a number ≥ 0"))
        if not isinstance(v.get("currency"), str) or not _CURRENCY_RE.fullmatch(v["currency"]):
            out.append((at, "money needs currency: a three-letter code such as USD or EUR"))
        for k in set(v) - {"amount", "currency"}:
            out.append((at + (k,), f"unknown field {show(k)} in money (fields: amount, currency)"))

    def schema(self) -> dict:
        return {
            "type": "object",
            "required": ["amount", "currency"],
            "additionalProperties": False,
            "properties": {
                "amount": {"type": "number", "minimum": 0},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            },
        }

    def _format(self, v: Any) -> str:
        if not isinstance(v, dict):
            return fmt_any(v)
        amount, cur = v.get("amount"), v.get("currency", "")
        if isinstance(amount, (int, float)) and not isinstance(amount, bool):
            amount_s = abbreviate(amount) or num(amount)
        else:
            amount_s = fmt_any(amount)
        return f"${amount_s}" if cur == "USD" else f"{amount_s} {cur}".strip()

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        return (
            isinstance(claim, dict)
            and isinstance(held, dict)
            and claim.get("currency") == held.get("currency")
            and same_number(claim.get("amount"), held.get("amount"))
        )

    def number(self, v: Any) -> float | None:
        n = v.get("amount") if isinstance(v, dict) else None
        return float(n) if is_number(n) else None

    def unit(self) -> str:
        return "amount"

    def columns(self, v: Any) -> dict:
        return {"value_number": v.get("amount"), "value_unit": v.get("currency")} if isinstance(v, dict) else {}


def _length(v: dict) -> tuple[str, Any] | None:
    """(measure, figure): months for years and months, days for days; None unless exactly one unit."""
    units = [u for u in DURATION_UNITS if u in v]
    if len(units) != 1 or not is_number(v[units[0]]):
        return None
    u = units[0]
    return ("days", v[u]) if u == "days" else ("months", v[u] * _MONTHS[u])


class Duration(Kind):
    name = "duration"
    doc = "one of `{years: N}`, `{months: N}`, `{days: N}`, optionally with `extendable: true`"

    def _check(self, v: Any, at: tuple, out: Problems, skip: object) -> None:
        if not isinstance(v, dict):
            out.append((at, f"expected a mapping such as {{years: 15}}; got {type_name(v)}"))
            return
        units = [u for u in DURATION_UNITS if u in v]
        if len(units) != 1:
            out.append((at, f"a duration has exactly one of {', '.join(DURATION_UNITS)}"))
        for u in units:
            if not is_number(v[u]) or v[u] < 0:
                out.append((at + (u,), f"{u} must be a number ≥ 0"))
        if "extendable" in v and not isinstance(v["extendable"], bool):
            out.append((at + ("extendable",), "extendable must be true or false"))
        for k in set(v) - set(DURATION_UNITS) - {"extendable"}:
            out.append((at + (k,), f"unknown field {show(k)} in a duration"))

    def schema(self) -> dict:
        props: dict[str, Any] = {u: {"type": "number", "minimum": 0} for u in DURATION_UNITS}
        props["extendable"] = {"type": "boolean"}
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": props,
            "oneOf": [{"required": [u]} for u in DURATION_UNITS],
        }

    def _format(self, v: Any) -> str:
        if not isinstance(v, dict):
            return fmt_any(v)
        parts = [f"{num(v[u])} {u if v[u] != 1 else u[:-1]}" for u in DURATION_UNITS if u in v]
        text = " ".join(parts) or fmt_any(v)
        return text + (", extendable" if v.get("extendable") else "")

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        if not (isinstance(claim, dict) and isinstance(held, dict)):
            return False
        a, b = _length(claim), _length(held)
        if a is None or b is None or a[0] != b[0] or not same_number(a[1], b[1]):
            return False
        return "extendable" not in claim or bool(claim["extendable"]) == bool(held.get("extendable"))

    def columns(self, v: Any) -> dict:
        if not isinstance(v, dict):
            return {}
        unit = next((u for u in DURATION_UNITS if u in v), None)
        return {"value_number": v.get(unit) if unit else None, "value_unit": unit}
