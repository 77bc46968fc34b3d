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
from pathlib import Path
from typing import Any, Iterable, Iterator

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ALL_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

Item = tuple[str, str, Any]  # (source name, kind: file | line, payload)


class InputError(ValueError):
    pass


def expand_inputs(paths: Iterable[str]) -> list[tuple[str, Path]]:
    """(display name, path) for each article file or JSON Lines file named or found in a directory."""
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in ALL_SUFFIXES)
            out += [(str(f), f) for f in found]
        elif path.is_file():
            out.append((str(p), path))
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


def is_stream_input(paths: Iterable[str]) -> bool:
    return any(Path(p).is_dir() or Path(p).suffix.lower() in JSONL_SUFFIXES for p in paths)


def iter_items(files: list[tuple[str, Path]]) -> Iterator[Item]:
    for name, path in files:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with open(path, encoding="utf-8", errors="replace") as fh:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        yield (f"{name}:{n}", "line", line)
        else:
            yield (name, "file", str(path))


def load_article(item: Item) -> tuple[str, str]:
    """(source, extracted text) of one input item."""
    from plandiff.extract.text import html_to_text, looks_like_html

    name, kind, payload = item
    if kind == "line":
        try:
            rec = json.loads(payload)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: not JSON: {exc.msg}") from exc
        if not isinstance(rec, dict):
            raise InputError(f"{name}: expected an object with id/url and text/html")
        source = str(rec.get("id") or rec.get("url") or name)
        if isinstance(rec.get("text"), str):
            return source, rec["text"]
        if isinstance(rec.get("html"), str):
            return source, html_to_text(rec["html"])
        if "text" in rec or "html" in rec:
            raise InputError(f"{name}: \"text\"/\"html\" must be a string")
        raise InputError(f"{name}: no \"text\" or \"html\" field")
    raw = Path(payload).read_bytes()
    if b"\x00" in raw[:8192]:
        raise InputError(f"{name}: binary file, not a text or HTML article")
    text = raw.decode("utf-8", errors="replace")
    if Path(payload).suffix.lower() in HTML_SUFFIXES or (
            Path(payload).suffix.lower() not in TEXT_SUFFIXES and looks_like_html(text)):
        return name, html_to_text(raw)
    return name, text


# --- workers ------------------------------------------------------------------------

_EXTRACTOR = None


def _init(ctx: dict | None) -> None:
    global _EXTRACTOR
    if _EXTRACTOR is not None and getattr(_EXTRACTOR, "_ctx", None) is ctx:
        return  # inherited from the parent through fork
    from plandiff.extract import extractor_for

    _EXTRACTOR = extractor_for(ctx)
    _EXTRACTOR._ctx = ctx


def _work(item: Item) -> tuple[int, list[str], str | None]:
    """(bytes of text read, claims as JSON lines, error message)."""
    try:
        source, text = load_article(item)
    except (InputError, OSError) as exc:
        return 0, [], str(exc)
    claims = _EXTRACTOR.extract(text, source)
    return len(text.encode("utf-8")), [json.dumps(c.to_data(), ensure_ascii=False) for c in claims], None


def run(items: Iterable[Item], ctx: dict | None, jobs: int = 1, chunksize: int = 16) -> Iterator[tuple[int, list[str], str | None]]:
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
