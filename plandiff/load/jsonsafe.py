"""Reading JSON that a user hands plandiff (a change set, a JSON Lines record) without surprises.

Python's json module raises RecursionError on deep nesting, ValueError on an
integer of more than 4,300 digits, accepts NaN and Infinity (not JSON), and
lets lone surrogates through into strings. Each becomes a `JsonProblem`
with a place, under the same limits the YAML reader sets for plan files.
"""

from __future__ import annotations

import json
import math
from typing import Any

from plandiff.load.yamlsafe import MAX_DEPTH

MAX_INT_DIGITS = 64  # as for YAML scalars: no plan value needs a longer number


class JsonProblem(ValueError):
    """Why a JSON text cannot be used; `where` is a line:col or a path into the document."""

    def __init__(self, message: str, line: int = 1, col: int = 1, where: str = ""):
        super().__init__(message)
        self.message, self.line, self.col, self.where = message, line, col, where


def _no_constants(name: str) -> Any:
    raise JsonProblem(f"{name} is not a finite number (JSON has no NaN or Infinity)")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonProblem(f"a number of {len(text.lstrip('-'))} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonProblem(f"{text[:20]} is too large to be a finite number")
    return value


def loads(text: str) -> Any:
    """Parse `text`, then check every value; raises JsonProblem."""
    try:
        doc = json.loads(text, parse_constant=_no_constants, parse_int=_int, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise JsonProblem(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise JsonProblem(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    check_value(doc)
    return doc


def _path(parts: list, keep: int = 8) -> str:
    """`changes[3].new.value`; a very deep path keeps its first steps and says how many follow."""
    text = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(parts[:keep]))
    if len(parts) > keep:
        text += f"… ({len(parts) - keep} levels more)"
    return text or "(top)"


def check_value(doc: Any) -> None:
    """Depth, and strings that are text, for an already parsed document (iteratively: no recursion)."""
    stack: list[tuple[Any, list, int]] = [(doc, [], 0)]
    while stack:
        node, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise JsonProblem(f"nested deeper than {MAX_DEPTH} levels", where=_path(path))
        if isinstance(node, str):
            _text(node, path)
        elif isinstance(node, dict):
            for k, v in node.items():
                _text(k, path)
                stack.append((v, path + [k], depth + 1))
        elif isinstance(node, list):
            stack.extend((v, path + [i], depth + 1) for i, v in enumerate(node))


def _text(s: str, path: list) -> None:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise JsonProblem("a lone surrogate (\\ud800-\\udfff) is not text", where=_path(path)) from None
