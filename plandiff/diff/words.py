"""Word-level differences between two summaries, with diff-match-patch, within a budget.

Each word (and each run of spaces or punctuation) is mapped to one character
so the character differ works on words, then semantic cleanup merges the
small equalities that make a diff hard to read.

The differ's cost grows with the product of the lengths and the number of
differences: two summaries of 40 KB that differ took a minute. So the work
is bounded twice. By size: a side with more than MAX_SYMBOLS tokens is not
diffed word by word but sentence by sentence, and with more than MAX_SYMBOLS
sentences as a whole value (old deleted, new inserted). By time: each level
gets TIME_BUDGET seconds, and a level that runs out falls to the next. The
result says which level it is (`granularity`), so a report can say the diff
is coarse. The size cap also keeps the symbol alphabet far below what chr()
can hold (about 1.1 million symbols).
"""

from __future__ import annotations

import re
import time

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_SENTENCE = re.compile(r"[^.!?;\n]*(?:[.!?;]+|\n|$)\s*")
MAX_SYMBOLS = 2000  # per side; a 40-word summary is about 80 tokens
TIME_BUDGET = 0.5  # seconds per level; typical summaries take well under a millisecond
WORDS, SENTENCES, VALUE = "words", "sentences", "value"
_LIMIT = 0x10FFFF - 0x100 - 0x800
_dmp = diff_match_patch()
# Diff_Timeout = 0 keeps the exact (minimal) diff: with a timeout set, diff-match-patch also takes a
# "half match" shortcut that gives other answers. The budget is a deadline passed with each call.
_dmp.Diff_Timeout = 0
_clock = time.time  # the clock diff-match-patch checks its deadline against


class WordDiff(tuple):
    """(op, text) pieces — -1 only in old, 0 in both, 1 only in new — and the granularity they have.

    A plain tuple to everything that iterates it; `granularity` is
    "words", "sentences" (the word diff was over budget) or "value" (so was
    the sentence diff: the whole old text is deleted and the new inserted).
    """

    granularity: str = WORDS

    def __new__(cls, pieces=(), granularity: str = WORDS):
        obj = super().__new__(cls, pieces)
        obj.granularity = granularity
        return obj

    @property
    def coarse(self) -> bool:
        return self.granularity != WORDS


class _OverBudget(Exception):
    pass


class _Symbols(dict):
    """token → its one-character symbol, handed out in order of first use (lookups run in C)."""

    def __missing__(self, token: str) -> str:
        code = self[token] = _code(len(self))
        return code


def _code(i: int) -> str:
    if i > _LIMIT:  # unreachable under MAX_SYMBOLS; a guard, not a path
        raise _OverBudget
    i += 0x100
    return chr(i + 0x800 if i >= 0xD800 else i)  # step over the surrogate block


def word_diff(old: str, new: str, *, max_symbols: int = MAX_SYMBOLS, budget: float = TIME_BUDGET) -> WordDiff:
    """The word diff of two texts, or a coarser one when words would cost more than the budget."""
    if old == new:
        return WordDiff(((0, old),) if old else ())
    for granularity, split in ((WORDS, _TOKEN.findall), (SENTENCES, _sentences)):
        try:
            return WordDiff(_diff(split(old), split(new), max_symbols, budget), granularity)
        except _OverBudget:
            continue
    return WordDiff(tuple(p for p in ((-1, old), (1, new)) if p[1]), VALUE)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def _diff(a_tokens: list[str], b_tokens: list[str], max_symbols: int, budget: float):
    if len(a_tokens) > max_symbols or len(b_tokens) > max_symbols:
        raise _OverBudget
    table = _Symbols()
    a, b = "".join(map(table.__getitem__, a_tokens)), "".join(map(table.__getitem__, b_tokens))
    deadline = _clock() + budget
    diffs = _dmp.diff_main(a, b, False, deadline)
    if _clock() >= deadline:
        raise _OverBudget  # the differ gave up part way: its answer is not a word diff any more
    _dmp.diff_cleanupSemantic(diffs)
    decode = {c: w for w, c in table.items()}.__getitem__
    return tuple((op, "".join(map(decode, chunk))) for op, chunk in diffs if chunk)
