"""The output guard: text from plan data reaches a terminal or a file only with its controls made visible.

A title such as ``"\\e]0;pwned\\a \\e[31mRED"`` would retitle the terminal
window and colour what follows; a right-to-left override (U+202E) makes
``txt.exe`` read as ``exe.txt``. Every text a command prints goes through
`guard()` once, at the emit layer (`guarded_output()` wraps the standard
streams for the length of a command), so no renderer has to remember it:

* C0 controls other than newline and tab, DEL, and the C1 controls become
  ``\\u001b``-style escapes;
* a carriage return passes only as the first half of a CRLF line end (CSV's,
  from `plandiff export`): there it cannot overwrite anything, because the
  line feed moves on at once. A lone CR would return the cursor and let data
  print over the line before it, so it is escaped;
* bidi embeddings, overrides, isolates and marks (U+202A–U+202E,
  U+2066–U+2069, U+200E, U+200F, U+061C) become escapes too;
* the one exception is plandiff's own colour (`render.style.Style`): while
  colour is on, SGR sequences made only of its palette codes pass, so data
  can at most recolour text on a colour terminal, never move the cursor,
  retitle the window, hide text or write a hyperlink. Plan files that pass
  `plandiff check` carry no ESC at all.

The escape form is that of JSON, so a guarded JSON document stays valid JSON
and decodes to the same data.

A write the stream beneath refuses (a full disk, a closed pipe) comes out of
the guarded streams as `OutputFailed`, not as an OSError: click would take an
EPIPE for its own and exit behind `main`'s back, and any other OSError would
look like trouble reading input. `main` reports it once (or, for a closed
pipe, stays silent, as `head` expects).
"""

from __future__ import annotations

import contextlib
import errno
import io
import re
import sys
from collections.abc import Iterator

CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # and CR (\x0d), unless a line feed follows it
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
BIDI_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LONE_CR = "\r(?!\n)"
UNSAFE = re.compile(f"{_LONE_CR}|[{CONTROLS}{BIDI}]")
_STYLE_CODES = r"(?:0|1|2|3[1-6])"
_SGR = re.compile(rf"\x1b\[{_STYLE_CODES}(?:;{_STYLE_CODES})*m")
_UNSAFE_OR_SGR = re.compile(rf"{_SGR.pattern}|{_LONE_CR}|[{CONTROLS}{BIDI}]")

_style_on = False


def allow_style(enabled: bool = True) -> None:
    """Called by `Style` when colour is on for this run: its SGR codes may then pass the guard."""
    global _style_on
    _style_on = enabled


def escape_char(ch: str) -> str:
    return f"\\u{ord(ch):04x}"


def _sub(m: re.Match) -> str:
    s = m.group()
    return s if len(s) > 1 else escape_char(s)


_NOT_C0_OR_DEL = bytes(b for b in range(256) if not (b < 0x20 and b not in (0x09, 0x0A)) and b != 0x7F)


def guard(text: str, style: bool | None = None) -> str:
    """`text` with every control and bidi character as a visible escape (see the module docstring)."""
    if text.isascii():  # the common case, checked at memory speed: only C0 controls and DEL can be there
        if not text.encode("ascii").translate(None, _NOT_C0_OR_DEL):
            return text
    elif not UNSAFE.search(text):
        return text
    if style if style is not None else _style_on:
        return _UNSAFE_OR_SGR.sub(_sub, text)
    return UNSAFE.sub(lambda m: escape_char(m.group()), text)


class OutputFailed(Exception):
    """A standard stream refused a write. `closed`: the reader has gone (EPIPE, `plandiff … | head`)."""

    def __init__(self, exc: OSError):
        super().__init__(exc.strerror or str(exc))
        self.reason = exc.strerror or str(exc)
        self.closed = isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE


@contextlib.contextmanager
def _refusals() -> Iterator[None]:
    """Turn the OSError of a write or flush into OutputFailed (see the module docstring)."""
    try:
        yield
    except OSError as exc:
        raise OutputFailed(exc) from exc


def write_bytes(data: bytes) -> None:
    """Bytes to standard output, past the text layer (`plandiff html -o -`), failing as a text write does."""
    sys.stdout.flush()
    with _refusals():
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


class GuardedStream(io.TextIOBase):
    """A text stream that guards what is written to it and passes it on.

    It reports UTF-8 when the stream beneath says ASCII, so click never
    reaches around it to the binary buffer; anything the stream beneath
    cannot encode is written as a backslash escape.
    """

    def __init__(self, raw):
        self._raw = raw

    def write(self, s) -> int:
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        # A carriage return that starts a write is a progress line redrawing itself (extract's bar);
        # anywhere else it could make data overwrite what was printed before it.
        text = "\r" + guard(s[1:]) if s.startswith("\r") else guard(s)
        with _refusals():
            try:
                self._raw.write(text)
            except UnicodeEncodeError:
                enc = getattr(self._raw, "encoding", None) or "ascii"
                self._raw.write(text.encode(enc, "backslashreplace").decode(enc))
        return len(s)

    def flush(self) -> None:
        with _refusals():
            self._raw.flush()

    def isatty(self) -> bool:
        isatty = getattr(self._raw, "isatty", None)
        return bool(isatty and isatty())

    def fileno(self) -> int:
        return self._raw.fileno()

    def writable(self) -> bool:
        return True

    # io.TextIOBase declares these as attributes; ours follow the raw stream, so they are properties
    @property
    def encoding(self) -> str:  # type: ignore[override]
        enc = getattr(self._raw, "encoding", None)
        return enc if enc and "ascii" not in enc.lower().replace("-", "") else "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return getattr(self._raw, "errors", None) or "strict"

    @property
    def buffer(self):
        """The bytes beneath: only for output that is not text (`plandiff html -o -`)."""
        return self._raw.buffer

    def __getattr__(self, name):
        return getattr(self._raw, name)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """Guard standard output and standard error for the length of one command."""
    saved = sys.stdout, sys.stderr
    allow_style(False)
    sys.stdout, sys.stderr = GuardedStream(sys.stdout), GuardedStream(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, OutputFailed):
                stream.flush()
        sys.stdout, sys.stderr = saved
        allow_style(False)
