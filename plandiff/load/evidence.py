"""Evidence checks that need the file system: cited articles and their quotes.

A quote counts as found when it occurs in the article after both are
normalised the same way: Unicode NFC, curly quote marks made straight, and
runs of whitespace collapsed. Nothing else is forgiven, so a quote stays
verbatim evidence.
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path, PurePosixPath

from plandiff.diagnostics import Diagnostic
from plandiff.model import Plan

SOURCES_DIR = "sources"
QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u00ab": '"', "\u00bb": '"', "\u02bc": "'"})


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(QUOTE_MARKS).split())


class SourceTexts:
    """Reads and normalises each cited article once per run."""

    def __init__(self) -> None:
        self._cache: dict[str, str | None] = {}

    def get(self, real: str) -> str | None:
        if real not in self._cache:
            try:
                with open(real, "rb") as fh:
                    self._cache[real] = normalise(fh.read().decode("utf-8", errors="replace"))
            except OSError:
                self._cache[real] = None
        return self._cache[real]


def source_file_problem(plans_dir: Path, file: str) -> tuple[str | None, str | None]:
    """(real path, None) for a safe, existing article; (None, why) otherwise."""
    posix = PurePosixPath(file.replace("\\", "/"))
    if posix.is_absolute() or (len(file) > 1 and file[1] == ":"):
        return None, f"source file must be a path relative to the plans directory, not {file!r}"
    if ".." in posix.parts:
        return None, f"source file {file!r} may not use '..'; articles live in {SOURCES_DIR}/"
    if not posix.parts or posix.parts[0] != SOURCES_DIR or len(posix.parts) < 2:
        return None, f"source file {file!r} must be inside {SOURCES_DIR}/"
    root = os.path.realpath(plans_dir / SOURCES_DIR)
    real = os.path.realpath(plans_dir / Path(*posix.parts))
    if os.path.commonpath([root, real]) != root:
        return None, f"source file {file!r} leads outside {SOURCES_DIR}/ (through a symlink)"
    if not os.path.isfile(real):
        return None, f"source file {file!r} does not exist"
    return real, None


def check_evidence(plan: Plan, plans_dir: Path, locate, texts: SourceTexts) -> list[Diagnostic]:
    """Diagnostics for unreadable sources and quotes not found in their article.

    `locate(path_tuple, message)` builds a located Diagnostic.
    """
    out: list[Diagnostic] = []
    article: dict[str, str | None] = {}
    for i, source in enumerate(plan.sources):
        if source.file is None:
            continue
        real, why = source_file_problem(plans_dir, source.file)
        if why:
            out.append(locate(("sources", i, "file"), why))
        article[source.id] = real
    for key, prov in plan.provisions.items():
        groups = [(("provisions", key), prov.evidence)]
        groups += [(("provisions", key, "claims", c), claim.evidence) for c, claim in enumerate(prov.claims)]
        for at, evidence in groups:
            for i, ev in enumerate(evidence):
                real = article.get(ev.source)
                if ev.quote is None or real is None:
                    continue
                text = texts.get(real)
                if text is None:
                    continue
                quote = normalise(ev.quote)
                if quote not in text:
                    src = plan.source(ev.source)
                    out.append(locate(at + ("evidence", i, "quote"),
                                      f"quote not found in {src.file if src else ev.source}{_near_miss(quote, text)}"))
    return out


def _near_miss(quote: str, text: str) -> str:
    words = quote.split(" ")
    lo, hi = 0, len(words)
    while lo < hi:  # longest prefix of whole words that does occur
        mid = (lo + hi + 1) // 2
        if " ".join(words[:mid]) in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return ""
    return f" (it matches up to {' '.join(words[:lo])[-40:]!r}, then differs)"
