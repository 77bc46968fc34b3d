"""Reading an input file: a regular file only, never more than a cap, never blocking.

`open()` on a FIFO waits for a writer, and `read()` on `/dev/zero` never
ends, so a file named on the command line (or a cited article) is opened
with `O_NONBLOCK` and checked with `fstat` before a byte is read. The caps
keep memory bounded per input: a plan file of 32 MiB is already 5 × the
largest benchmark plan (10,000 provisions); a cited article is a news story.
"""

from __future__ import annotations

import os
import stat

MAX_PLAN_BYTES = 32 * 1024 * 1024
MAX_ARTICLE_BYTES = 8 * 1024 * 1024


class ReadError(Exception):
    """Why an input cannot be read, in words for a located diagnostic."""


def mib(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB"


def read_capped(path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ReadError otherwise.

    `what` names the kind of input in the message ("a plan file", "a cited article").
    """
    return _read(path, limit, f"file is larger than {mib(limit)}, the cap for {what}")


def _read(path, limit: int, too_big: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = (
                "a FIFO"
                if stat.S_ISFIFO(st.st_mode)
                else "a device"
                if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "a socket"
                if stat.S_ISSOCK(st.st_mode)
                else "a directory"
                if stat.S_ISDIR(st.st_mode)
                else "not a regular file"
            )
            raise ReadError(f"cannot read file: it is {kind}, not a regular file")
        if st.st_size > limit:
            raise ReadError(too_big)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while we read
                raise ReadError(too_big)
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
