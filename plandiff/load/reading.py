"""Reading an input file: never more than a cap, never waiting without end.

`open()` on a FIFO waits for a writer, and `read()` on `/dev/zero` never
ends, so a file named on the command line (or a cited article) is opened
with `O_NONBLOCK` and checked with `fstat` before a byte is read. A plan
file may come through a pipe — `plandiff diff <(git show HEAD~1:plans/x.yaml)
plans/x.yaml` — so a pipe is read too, under the same cap and a time
budget: a FIFO nobody writes to is an empty read at once, a writer that
stalls runs out of time. Devices, sockets and directories are refused, and
a cited article must be a regular file. The caps keep memory bounded per
input: a plan file of 32 MiB is already 5 × the largest benchmark plan
(10,000 provisions); a cited article is a news story.
"""

from __future__ import annotations

import os
import select
import stat
import time

MAX_PLAN_BYTES = 32 * 1024 * 1024
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
PIPE_SECONDS = 60.0  # the whole budget for reading a plan from a pipe
WRITER_SECONDS = 5.0  # how long a named FIFO may wait for its first writer


class ReadError(Exception):
    """Why an input cannot be read, in words for a located diagnostic."""


def mib(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB"


def read_capped(path, limit: int, what: str, pipe: bool = False) -> bytes:
    """The bytes of a regular file (or, with `pipe`, a pipe) of at most `limit` bytes; ReadError otherwise.

    `what` names the kind of input in the message ("a plan file", "a cited article").
    """
    return _read(path, limit, f"file is larger than {mib(limit)}, the cap for {what}", pipe)


def _read(path, limit: int, too_big: str, pipe: bool) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if pipe and stat.S_ISFIFO(st.st_mode):
            return _read_pipe(fd, limit, too_big)
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


def _read_pipe(fd: int, limit: int, too_big: str) -> bytes:
    deadline = time.monotonic() + PIPE_SECONDS
    chunks, total, waited = [], 0, False
    while True:
        try:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        except BlockingIOError:  # a writer is there but has not written yet
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ReadError(f"cannot read file: the pipe gave no end of data within {PIPE_SECONDS:.0f} s") from None
            continue
        if not chunk:
            if total == 0 and not waited:  # a named FIFO whose writer may not have opened it yet
                waited = True
                if select.select([fd], [], [], WRITER_SECONDS)[0]:
                    continue
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ReadError(too_big)
    if total == 0:
        raise ReadError("cannot read file: it is a pipe that gave no data (is anything writing to it?)")
    return b"".join(chunks)
