"""Word-level differences between two summaries, with diff-match-patch.

Each word (and each run of spaces or punctuation) is mapped to one character
so the character differ works on words, then semantic cleanup merges the
small equalities that make a diff hard to read.
"""
from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_dmp = diff_match_patch()
_dmp.Diff_Timeout = 0  # summaries are short; an exact answer is cheap


def _code(i: int) -> str:
    i += 0x100
    return chr(i + 0x800 if i >= 0xD800 else i)  # step over the surrogate block


def word_diff(old: str, new: str) -> tuple[tuple[int, str], ...]:
    """(op, text) pieces: -1 only in old, 0 in both, 1 only in new."""
    if old == new:
        return ((0, old),) if old else ()
    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in _TOKEN.findall(text):
            if tok not in table:
                table[tok] = _code(len(words))
                words.append(tok)
            out.append(table[tok])
        return "".join(out)

    a, b = encode(old), encode(new)
    diffs = _dmp.diff_main(a, b, False)
    _dmp.diff_cleanupSemantic(diffs)
    decode = {c: w for w, c in table.items()}
    return tuple((op, "".join(decode[c] for c in chunk)) for op, chunk in diffs if chunk)
