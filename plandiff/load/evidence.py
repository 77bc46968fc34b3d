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
from plandiff.load.reading import MAX_ARTICLE_BYTES, ReadError, read_capped
from plandiff.model import Evidence, Plan

SOURCES_DIR = "sources"
QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u02bc": "'",
    }
)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(QUOTE_MARKS).split())


def read_article(real: str) -> str:
    """A cited article's text: a regular file of at most MAX_ARTICLE_BYTES, strictly UTF-8; else ReadError.

    No replacement characters: a Latin-1 article would otherwise lose its
    accented letters silently, and a quote with them would never be found.
    """
    raw = read_capped(real, MAX_ARTICLE_BYTES, "a cited article")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", errors="replace")) + 1
        raise ReadError(
            f"invalid UTF-8 byte 0x{raw[exc.start]:02x} at line {line}, column {col}; cited articles must be UTF-8 text"
        ) from None


class SourceTexts:
    """Reads and normalises each cited article once per run."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str | None, str | None]] = {}

    def load(self, real: str) -> tuple[str | None, str | None]:
        """(normalised text, None), or (None, why it cannot be read)."""
        if real not in self._cache:
            try:
                self._cache[real] = normalise(read_article(real)), None
            except ReadError as exc:
                self._cache[real] = None, str(exc)
        return self._cache[real]

    def get(self, real: str) -> str | None:
        return self.load(real)[0]


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
    if not os.path.lexists(real):
        return None, f"source file {file!r} does not exist"
    if not os.path.isfile(real):
        return None, f"source file {file!r} is not a regular file"
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
        if why or real is None:
            out.append(locate(("sources", i, "file"), why))
        else:
            unreadable = texts.load(real)[1]
            if unreadable:
                out.append(locate(("sources", i, "file"), f"cannot read {source.file}: {unreadable}"))
        article[source.id] = real
    for key, prov in plan.provisions.items():
        groups: list[tuple[tuple, tuple[Evidence, ...]]] = [(("provisions", key), prov.evidence)]
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
                    out.append(
                        locate(
                            at + ("evidence", i, "quote"),
                            f"quote not found in {src.file if src else ev.source}{_near_miss(quote, text)}",
                        )
                    )
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
