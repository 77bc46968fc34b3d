"""A change set file applied to OLD: read it, apply it, and check that the result is a valid plan.

The engine behind `plandiff apply`, for scripts too: `apply_change_set(old,
raw, name)` returns the new version's plan data, ready to dump as YAML, or
raises `PatchProblems` carrying located Diagnostics (`name:line:col: error:
…`), as every other reader does. Applying the parsed document is
`plandiff.diff.apply`.
"""

from __future__ import annotations

from typing import Any

from plandiff.diagnostics import Diagnostic
from plandiff.model import Plan


class PatchProblems(ValueError):
    """Why a change set cannot be applied: located Diagnostics, in the order found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(map(str, diagnostics)))
        self.diagnostics = diagnostics


def read_change_set(raw: bytes, name: str = "<changes>") -> Any:
    """The JSON document in `raw` (UTF-8), read with plandiff's one reader for user JSON."""
    from plandiff.load import jsonsafe

    try:
        return jsonsafe.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PatchProblems([Diagnostic(name, 1, exc.start + 1, "not UTF-8 text")]) from None
    except jsonsafe.JsonProblem as exc:
        where = f"{exc.where}: " if exc.where else ""
        raise PatchProblems([Diagnostic(name, exc.line, exc.col, f"cannot apply: {where}{exc.message}")]) from None


def apply_change_set(old: Plan, raw: bytes, name: str = "<changes>") -> dict[str, Any]:
    """The plan data of OLD with the change set in `raw` applied; PatchProblems if it cannot be, or is not a plan."""
    from plandiff.diff.apply import ApplyError, apply_changes
    from plandiff.load.plan import plan_from_data

    doc = read_change_set(raw, name)
    try:
        result = apply_changes(old, doc)
    except ApplyError as exc:
        raise PatchProblems([Diagnostic(name, 1, 1, f"cannot apply: {exc}")]) from None
    data = result.to_data()
    _, problems = plan_from_data(data)
    if problems:
        raise PatchProblems(
            [
                Diagnostic(
                    name, 1, 1, f"the result would not be a valid plan: {'.'.join(map(str, where)) or '(top)'}: {msg}"
                )
                for where, msg, _ in problems
            ]
        )
    return data
