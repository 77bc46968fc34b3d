"""The keyword prefilter: one fast scan that says which sentences a pattern can match in.

Every version pattern and provision rule in the data names the keywords it
`needs` (a list of alternatives, all of which must occur in the sentence:
`['nato']`, `['cap|ceiling|limit', 'army|forces']`). Keywords are word
beginnings (stems such as `recogni`); all of them go into one regex, anchored
at a word start and shaped like a trie and run, without IGNORECASE, over a lower-case
view of the text: Python's `re` can then skip ahead by first character, so
the scan costs little, and the detailed (slower) patterns run only in the
few sentences that can hold a match.
"""

from __future__ import annotations

import re

from plandiff.extract.data import trie_regex

Needs = tuple[frozenset, ...]


def lower_view(v: str) -> str:
    """`v.lower()` of the same length (a few characters lower-case to two)."""
    low = v.lower()
    if len(low) == len(v):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in v)


class Keywords:
    def __init__(self) -> None:
        self.words: set[str] = set()
        self.regex: re.Pattern | None = None

    def needs(self, spec) -> Needs:
        """`['a|b', 'c']` → ({a, b}, {c}); registers the words."""
        if not spec:
            return ()
        if isinstance(spec, str):
            spec = [spec]
        out = []
        for alternatives in spec:
            words = frozenset(w.lower().lstrip() for w in str(alternatives).split("|") if w.strip())
            self.words |= words
            out.append(words)
        return tuple(out)

    def compile(self) -> None:
        # keywords are word beginnings: anchoring there lets most positions fail at once
        self.regex = re.compile(r"(?<![a-z0-9])(?:" + trie_regex(sorted(self.words)) + ")") if self.words else None
        # a match hides the keywords inside it ("counterproposal" holds "counter")
        self.inside = {w: frozenset(k for k in self.words if k in w) for w in self.words}

    def scan(self, lv: str, sents) -> dict[int, set[str]]:
        """Sentence index → the keywords found in it (sentences without any are left out)."""
        out: dict[int, set[str]] = {}
        if self.regex is None:
            return out
        findall = self.regex.findall
        for i, s in enumerate(sents):
            found = findall(lv, s.start, s.end)
            if found:
                inside = self.inside
                out[i] = set().union(*(inside[w] for w in set(found)))
        return out


def satisfied(needs: Needs, found: set[str]) -> bool:
    for alternatives in needs:  # noqa: SIM110 - a plain loop is twice as fast here, and it runs per rule and sentence
        if alternatives.isdisjoint(found):
            return False
    return True


class Dispatch:
    """Items (patterns, rules) indexed by keyword: which of them can match given a sentence's keywords."""

    def __init__(self, items: list, needs_of) -> None:
        self.items = items
        self.needs = [needs_of(it) for it in items]
        self.always = [i for i, n in enumerate(self.needs) if not n]
        self.index: dict[str, list[int]] = {}
        self._cache: dict[frozenset, list] = {}
        for i, n in enumerate(self.needs):
            if n:
                for w in n[0]:
                    self.index.setdefault(w, []).append(i)

    def candidates(self, found: set[str]) -> list:
        key = frozenset(found)
        got = self._cache.get(key)
        if got is None:
            got = self._candidates(found)
            if len(self._cache) > 20000:
                self._cache.clear()
            self._cache[key] = got
        return got

    def _candidates(self, found: set[str]) -> list:
        idx = set(self.always)
        for w in found:
            got = self.index.get(w)
            if got:
                idx.update(got)
        return [self.items[i] for i in sorted(idx) if satisfied(self.needs[i], found)]
