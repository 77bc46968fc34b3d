"""Checks a provision's `value` against its taxonomy type.

Works on plain data and reports (relative path, message) pairs, so the same
checks serve YAML files (where the loader turns paths into line:col) and
plans built by `apply` or the extractor. The checks themselves are the value
kinds' (plandiff/kinds); this adds what only the loader knows: a value the
YAML reader already refused (`INVALID`) is not reported twice.
"""

from __future__ import annotations

from typing import Any

from plandiff.kinds import Kind, kind_of
from plandiff.kinds.base import Problems, is_date, show
from plandiff.load.yamlsafe import INVALID

__all__ = ["Problems", "check", "is_date", "show"]


def check(spec: Kind | dict, value: Any, at: tuple = (), out: Problems | None = None) -> Problems:
    """Append to `out` every way `value` fails `spec` (a kind, or its spec); return `out`."""
    return kind_of(spec).check(value, at, out, skip=INVALID)
