"""Typed descriptions: what a value means and how it moved, from its taxonomy type.

A generic differ sees `600000` become `800000`; this module says "troop cap:
600,000 → 800,000 personnel (+200,000, +33%)". One formatter and one
comparer per value kind, chosen by the kind named in the taxonomy.
"""
from __future__ import annotations

from typing import Any

from plandiff.diff.changes import Detail
from plandiff.taxonomy import DURATION_UNITS


def _num(n: Any) -> str:
    if isinstance(n, bool):
        return str(n).lower()
    if isinstance(n, int):
        return f"{n:,}"
    if isinstance(n, float):
        return f"{n:,.0f}" if n.is_integer() else f"{n:,.2f}".rstrip("0")
    return str(n)


def _money(v: Any) -> str:
    if not isinstance(v, dict):
        return fmt_any(v)
    amount, cur = v.get("amount"), v.get("currency", "")
    if isinstance(amount, (int, float)) and not isinstance(amount, bool):
        for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
            if abs(amount) >= size:
                short = amount / size
                amount_s = (f"{short:.0f}" if float(short).is_integer() else f"{short:.1f}") + suffix
                break
        else:
            amount_s = _num(amount)
    else:
        amount_s = fmt_any(amount)
    return f"${amount_s}" if cur == "USD" else f"{amount_s} {cur}".strip()


def _duration(v: Any) -> str:
    if not isinstance(v, dict):
        return fmt_any(v)
    parts = [f"{_num(v[u])} {u if v[u] != 1 else u[:-1]}" for u in DURATION_UNITS if u in v]
    text = " ".join(parts) or fmt_any(v)
    return text + (", extendable" if v.get("extendable") else "")


def fmt_any(v: Any) -> str:
    if v is None:
        return "?"
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, float)):
        return _num(v)
    if isinstance(v, list):
        return ", ".join(fmt_any(x) for x in v) if v else "none"
    if isinstance(v, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {fmt_any(x)}" for k, x in v.items())
    return str(v)


def format_value(spec: dict, v: Any) -> str:
    """A short human form of a value of the given type, for reports and the matrix."""
    kind = spec["type"]
    if v is None:
        return "?"
    if kind == "count":
        if isinstance(v, dict) and isinstance(v.get(spec["unit"]), int):
            text = f"{_num(v[spec['unit']])} {spec['unit']}"
            return text + (f" ({v['scope']})" if v.get("scope") else "")
        return fmt_any(v)
    if kind == "enum" and isinstance(v, list):
        return " + ".join(map(str, v))
    if kind == "money":
        return _money(v)
    if kind == "duration":
        return _duration(v)
    if kind == "record" and isinstance(v, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {format_value(spec['fields'].get(k, {'type': 'any'}), x)}"
                         for k, x in v.items())
    return fmt_any(v)


def _pct(old: float, new: float) -> str | None:
    if not old:
        return None
    pct = (new - old) / abs(old) * 100
    return f"{pct:+.0f}%"


def compare_values(spec: dict, label: str, old: Any, new: Any) -> list[Detail]:
    """Details of how `old` became `new` (both present or absent); [] if equal."""
    if old == new:
        return []
    if old is None or new is None:
        return [Detail(label, None if old is None else format_value(spec, old),
                       None if new is None else format_value(spec, new),
                       "value now known" if old is None else "value no longer given")]
    kind = spec["type"]
    handler = _COMPARERS.get(kind)
    if handler is not None:
        out = handler(spec, label, old, new)
        if out is not None:
            return out
    return [Detail(label, format_value(spec, old), format_value(spec, new))]


def _compare_count(spec: dict, label: str, old: Any, new: Any) -> list[Detail] | None:
    unit = spec["unit"]
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return None
    a, b = old.get(unit), new.get(unit)
    out = []
    if a != b and isinstance(a, int) and isinstance(b, int):
        delta = f"{'+' if b >= a else '−'}{_num(abs(b - a))}"
        pct = _pct(a, b)
        note = f"{delta}, {pct.replace('-', '−')}" if pct else delta
        out.append(Detail(label, _num(a), f"{_num(b)} {unit}", note))
    elif a != b:
        out.append(Detail(label, fmt_any(a), fmt_any(b)))
    if old.get("scope") != new.get("scope"):
        out.append(Detail("scope", old.get("scope") or "unstated", new.get("scope") or "unstated"))
    return out


def _as_list(v: Any) -> list:
    return v if isinstance(v, list) else [v]


def _compare_set(spec: dict, label: str, old: Any, new: Any) -> list[Detail] | None:
    if not (isinstance(old, list) and isinstance(new, list)):
        return None
    added = [x for x in new if x not in old]
    removed = [x for x in old if x not in new]
    parts = [f"+{x}" for x in added] + [f"−{x}" for x in removed]
    text = ", ".join(map(str, parts)) if parts else "reordered"
    return [Detail(f"{label}: {text}" if label else text)]


def _compare_enum(spec: dict, label: str, old: Any, new: Any) -> list[Detail] | None:
    if spec.get("multiple") and (isinstance(old, list) or isinstance(new, list)):
        if sorted(map(str, _as_list(old))) == sorted(map(str, _as_list(new))):
            return [Detail(f"{label} reordered".strip())]
    return [Detail(label, format_value(spec, old), format_value(spec, new))]


def _compare_record(spec: dict, label: str, old: Any, new: Any) -> list[Detail] | None:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return None
    out = []
    names = list(spec["fields"]) + [k for k in list(old) + list(new) if k not in spec["fields"]]
    for name in dict.fromkeys(names):
        if name not in old and name not in new:
            continue
        fspec = spec["fields"].get(name, {"type": "any"})
        flabel = f"{label} · {name.replace('_', ' ')}" if label else name.replace("_", " ")
        if name not in new:
            out.append(Detail(flabel, format_value(fspec, old[name]), None, "no longer stated"))
        elif name not in old:
            out.append(Detail(flabel, None, format_value(fspec, new[name]), "newly stated"))
        else:
            out += compare_values(fspec, flabel, old[name], new[name])
    return out


_COMPARERS = {"count": _compare_count, "set": _compare_set, "enum": _compare_enum, "record": _compare_record}
