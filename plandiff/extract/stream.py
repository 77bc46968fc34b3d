"""Running the extractor over many articles: inputs, worker processes, progress.

Inputs are article files (plain text, or HTML by suffix or content),
directories (searched recursively for *.txt, *.html, *.htm, *.jsonl) and
JSON Lines files with one article per line:

    {"id": "reuters-2025-11-23", "text": "…"}
    {"url": "https://…", "html": "<html>…"}

(`id` or `url` names the source; `text` or `html` carries the article.)

Work goes out in chunks to a `multiprocessing` pool whose workers build the
extractor once (`initializer`); `imap` keeps the input order, so output is
deterministic whatever the number of jobs. Each result comes back already
serialised, so the parent process only writes lines.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ALL_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

Item = tuple[str, str, Any]  # (source name, kind: file | line, payload)


class InputError(ValueError):
    pass


def expand_inputs(paths: Iterable[str], skipped: list[str] | None = None) -> list[tuple[str, Path]]:
    """(display name, path) for each article file or JSON Lines file named or found in a directory.

    A directory is walked without following symbolic links; a linked file is
    read only if it resolves inside the directory (else it is listed in
    `skipped` with the reason), so `extract DIR` never reads outside DIR.
    """
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            root = path.resolve()
            found = []
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames.sort()
                for fn in filenames:
                    f = Path(dirpath) / fn
                    if f.suffix.lower() not in ALL_SUFFIXES:
                        continue
                    if f.is_symlink():
                        try:
                            real = f.resolve(strict=True)
                        except (OSError, RuntimeError):
                            if skipped is not None:
                                skipped.append(f"{f}: note: skipped, a broken symbolic link")
                            continue
                        if os.path.commonpath([str(root), str(real)]) != str(root):
                            if skipped is not None:
                                skipped.append(f"{f}: note: skipped, a symbolic link out of {p}")
                            continue
                    if f.is_file():
                        found.append(f)
            out += [(str(f), f) for f in sorted(found)]
        elif path.is_file():
            out.append((str(p), path))
        else:
            raise InputError(f"{p}: error: no such file or directory")
    return out


def is_stream_input(paths: Iterable[str]) -> bool:
    return any(Path(p).is_dir() or Path(p).suffix.lower() in JSONL_SUFFIXES for p in paths)


def iter_items(files: list[tuple[str, Path]]) -> Iterator[Item]:
    for name, path in files:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with open(path, encoding="utf-8", errors="surrogateescape") as fh:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        yield (f"{name}:{n}", "line", line)
        else:
            yield (name, "file", str(path))


@dataclass
class Article:
    source: str
    text: str
    date: Any = None  # datetime.date from the record, the page's metadata, or None
    note: str | None = None  # something the reader should know (empty article, not UTF-8)


def _has_surrogate(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _line_record(name: str, payload: str) -> dict:
    from plandiff.load import jsonsafe

    if _has_surrogate(payload):
        raise InputError(f"{name}: error: not UTF-8")
    try:
        rec = jsonsafe.loads(payload)
    except jsonsafe.JsonProblem as exc:
        what = exc.message.replace("invalid JSON", "not JSON", 1)
        at = f" (column {exc.col})" if exc.col > 1 else ""
        raise InputError(f"{name}: error: {f'{exc.where}: ' if exc.where else ''}{what}{at}") from exc
    if not isinstance(rec, dict):
        raise InputError(f"{name}: error: expected an object with id/url and text/html")
    return rec


def read_article(item: Item) -> Article:
    """One input item as an article: its source name, extracted text, date and any note."""
    from plandiff.extract.dates import html_date, parse_iso
    from plandiff.extract.text import html_to_text, looks_like_html

    name, kind, payload = item
    if kind == "line":
        rec = _line_record(name, payload)
        source = str(rec.get("id") or rec.get("url") or name)
        date = parse_iso(rec.get("date")) if isinstance(rec.get("date"), str) else None
        if isinstance(rec.get("text"), str):
            art = Article(source, rec["text"], date)
        elif isinstance(rec.get("html"), str):
            art = Article(source, html_to_text(rec["html"]), date or html_date(rec["html"]))
        elif "text" in rec or "html" in rec:
            raise InputError(f'{name}: error: "text"/"html" must be a string')
        else:
            raise InputError(f'{name}: error: no "text" or "html" field')
        return _noted(art, name)
    raw = Path(payload).read_bytes()
    if b"\x00" in raw[:8192]:
        raise InputError(f"{name}: error: binary file, not a text or HTML article")
    note = None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        note = f"{name}: note: not UTF-8 (byte {exc.start}); read with replacement characters"
    # HTML by suffix or by content: a .txt file saved from a browser is a page too
    if Path(payload).suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        return _noted(Article(name, html_to_text(raw), html_date(raw), note), name)
    return _noted(Article(name, text, None, note), name)


def _noted(art: Article, name: str) -> Article:
    if not art.text.strip() and art.note is None:
        art.note = f"{name}: note: the article is empty (no text left after removing page furniture)"
    return art


def load_article(item: Item) -> tuple[str, str]:
    """(source, extracted text) of one input item."""
    art = read_article(item)
    return art.source, art.text


# --- workers ------------------------------------------------------------------------

_EXTRACTOR = None
_DATE = None  # the --date given on the command line: the reference date of articles that carry none


def _init(ctx: dict | None) -> None:
    global _EXTRACTOR, _DATE
    from plandiff.extract.dates import parse_iso

    _DATE = parse_iso((ctx or {}).get("date"))
    if _EXTRACTOR is not None and getattr(_EXTRACTOR, "_ctx", None) is ctx:
        return  # inherited from the parent through fork
    from plandiff.extract import extractor_for

    _EXTRACTOR = extractor_for(ctx)
    _EXTRACTOR._ctx = ctx


def _work(item: Item) -> tuple[int, list[str], str | None, str | None]:
    """(bytes of text read, claims as JSON lines, error message, note)."""
    try:
        art = read_article(item)
    except InputError as exc:
        return 0, [], str(exc), None
    except OSError as exc:
        return 0, [], f"{item[0]}: error: cannot read: {exc.strerror or exc}", None
    date = art.date or _DATE
    assert _EXTRACTOR is not None  # set by _init in every worker
    claims = _EXTRACTOR.extract(art.text, art.source, date=date)
    lines = [json.dumps(c.to_data(), ensure_ascii=False) for c in claims]
    return len(art.text.encode("utf-8", "surrogatepass")), lines, None, art.note


def run(
    items: Iterable[Item], ctx: dict | None, jobs: int = 1, chunksize: int = 16
) -> Iterator[tuple[int, list[str], str | None, str | None]]:
    """Results in input order, on `jobs` processes (1: in this process)."""
    _init(ctx)  # in the parent first: a broken data file fails here, not in every worker
    if jobs <= 1:
        for item in items:
            yield _work(item)
        return
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else None
    pool = mp.get_context(method).Pool(jobs, initializer=_init, initargs=(ctx,))
    try:
        yield from pool.imap(_work, items, chunksize)
    finally:
        pool.terminate()
        pool.join()


class Progress:
    """A one-line progress report on stderr, redrawn at most ten times a second."""

    def __init__(self, enabled: bool, total: int | None = None, stream=None):
        self.enabled, self.total = enabled, total
        self.stream = stream or sys.stderr
        self.docs = self.bytes = self.claims = 0
        self.t0 = self.last = time.monotonic()

    def update(self, nbytes: int, nclaims: int) -> None:
        self.docs += 1
        self.bytes += nbytes
        self.claims += nclaims
        now = time.monotonic()
        if self.enabled and now - self.last >= 0.1:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.bytes / max(now - self.t0, 1e-6) / 1e6
        if self.total:
            width = 24
            done = int(width * self.docs / self.total)
            bar = f"[{'#' * done}{'.' * (width - done)}] {self.docs}/{self.total}"
        else:
            bar = f"{self.docs} articles"
        self.stream.write(f"\rextract {bar}  {self.bytes / 1e6:.1f} MB  {rate:.1f} MB/s  {self.claims} claims ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


def default_jobs() -> int:
    return os.cpu_count() or 1
