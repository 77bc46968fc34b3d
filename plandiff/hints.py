"""The "did you mean" suffix of a message, written once: `; did you mean 'x'?`, or what to say instead.

The close match itself is `plandiff.taxonomy.did_you_mean` (difflib); this
module only words it, so every message that offers one reads the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def did_you_mean_suffix(hint: Any, show: Callable[[Any], str] = repr, otherwise: str = "") -> str:
    """`; did you mean {show(hint)}?` when there is a hint, else `otherwise` (e.g. " (allowed: a, b)")."""
    return f"; did you mean {show(hint)}?" if hint else otherwise
