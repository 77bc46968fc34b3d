"""The extractor's patterns and vocabularies, read from `plandiff/data/extract/*.yaml`.

Patterns are written for people: a single space stands for any run of
whitespace, and `%NAME%` expands to a macro from vocab.yaml. Everything is
read and compiled once per process (`load()` is cached), so worker processes
pay the cost once and every document after that only matches.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml

FLAGS = 0  # patterns are lower-cased and run on a lower-case view (faster than IGNORECASE)
_MACRO = re.compile(r"%([A-Z0-9_]+)%")
FILES = ("versions", "vocab", "cues", "rules", "html", "anaphora")


class DataError(ValueError):
    """A data file is malformed; the message names the file and the entry."""


def read_data(name: str) -> Any:
    text = resources.files("plandiff").joinpath(f"data/extract/{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _spaces(pattern: str) -> str:
    """A literal space means one or more whitespace characters (`" ?"`: any, even none)."""
    out, in_class, i, n = [], False, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if i + 1 < n and pattern[i + 1] == "^":
                out.append("^")
                i += 1
            if i + 1 < n and pattern[i + 1] == "]":
                out.append("]")
                i += 1
        elif c == " ":
            if i + 1 < n and pattern[i + 1] == "?":
                out.append(r"\s*")
                i += 1
            else:
                out.append(r"\s+")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _number_words(nw: dict) -> str:
    words = list(nw["units"]) + list(nw["tens"]) + list(nw["scales"])
    word = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    frac = "(?:" + "|".join(nw["fractions"]) + ")"
    return (
        rf"\b(?:(?:a |an )?{frac} (?:of )?an? (?:million|billion)"
        rf"|{word}(?:(?:[ -]|[ -]and[ -]){word})*)\b"
    )


def _lower(pattern: str) -> str:
    """Lower-case the literal letters of a pattern (not escapes such as \\W, not (?P<…>))."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern.startswith("(?P", i):
            out.append("(?P")
            i += 3
        else:
            out.append(c.lower())
            i += 1
    return "".join(out)


class Macros:
    def __init__(self, raw: dict[str, str]):
        self.raw = dict(raw)
        self._done: dict[str, str] = {}

    def expand(self, pattern: str, trail: tuple = ()) -> str:
        def sub(m: re.Match) -> str:
            name = m.group(1)
            if name in trail:
                raise DataError(f"vocab.yaml: macro {name} refers to itself")
            if name not in self.raw:
                raise DataError(f"unknown macro %{name}% in pattern {pattern!r}")
            if name not in self._done:
                self._done[name] = self.expand(self.raw[name], trail + (name,))
            return "(?:" + self._done[name] + ")"

        return _MACRO.sub(sub, pattern)


class Compiler:
    def __init__(self, macros: Macros):
        self.macros = macros

    def source(self, pattern: str) -> str:
        return _lower(_spaces(self.macros.expand(pattern)))

    def __call__(self, pattern: str, where: str = "", flags: int = FLAGS) -> re.Pattern:
        try:
            return re.compile(self.source(pattern), flags)
        except (re.error, DataError) as exc:
            raise DataError(f"{where or 'pattern'}: {exc} in {pattern!r}") from exc

    def any_of(self, patterns, where: str = "", flags: int = FLAGS) -> re.Pattern:
        if isinstance(patterns, str):
            patterns = [patterns]
        return self("|".join(f"(?:{p})" for p in patterns), where, flags)


def trie_regex(words) -> str:
    """A regex matching any of `words` (lowercase literals), factored by common prefix.

    Python's re tries alternatives one by one; a trie lets it reject a
    position after one character and gives the engine a first-character set
    to skip ahead with.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


@functools.lru_cache(maxsize=1)
def load() -> dict:
    """All data files as plain data, plus the macro compiler."""
    raw = {name: read_data(name) for name in FILES}
    vocab = raw["vocab"]
    macros = dict(vocab["macros"])
    macros["NUMWORDS"] = _number_words(vocab["number_words"])
    macros["PRESENT"] = raw["versions"]["present_verbs"]
    macros["ADVERB"] = raw["versions"]["adverbs"]
    # "by Britain, France and Germany": a list of party names, for the versions grammar. A name
    # after a comma that is a possessive ("drawn up by Washington, Ukraine's army …") begins the
    # next noun phrase, not another member of the list.
    party = (
        "(?:the )?(?:"
        + "|".join(list(raw["versions"]["parties"].values()) + [g["words"] for g in raw["versions"]["groups"].values()])
        + ")"
    )
    macros["PARTYLIST"] = f"{party}(?:,? (?:and )?{party}(?![\\w-]|'s\\b))*"
    raw["compile"] = Compiler(Macros(macros))
    return raw
