"""What may be written, and one output file (`-o`) written whole or not at all, never through a link.

See the package docstring (plandiff.output) for the promises and why each step is there.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

LOCK_NAME = ".plandiff-lock"
TMP_PREFIX = ".plandiff-tmp-"
MANIFEST_HEADER = (
    "# plandiff manifest 2: sha256 and path of each file plandiff wrote here; only those, unchanged, are ever removed"
)
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class OutputError(Exception):
    """The output cannot be written without putting something that is not ours at risk."""


# --- what may be written ---------------------------------------------------------


def _inside(root: str, path: str) -> bool:
    return path == root or os.path.commonpath([root, path]) == root


def plans_problem(target: Path, plans_dir: str | Path | None, protected: Iterable[Path] = ()) -> str | None:
    """Why `target` (a file or folder to write) is off limits, or None.

    Off limits: anything inside the plans directory, the plans directory
    itself, and the files in `protected` (plan files and the articles they
    cite, wherever they live).
    """
    try:
        real = os.path.realpath(target)
    except OSError as exc:  # pragma: no cover - realpath only fails on very odd paths
        return f"cannot use {target}: {exc.strerror or exc}"
    if plans_dir is not None:
        plans_root = os.path.realpath(plans_dir)
        if _inside(plans_root, real):
            return f"refusing to write {target}: it is inside the plans directory {plans_dir}/"
    if real in {os.path.realpath(p) for p in protected}:
        return f"refusing to write {target}: it is a plan file or a cited article"
    return None


def looks_like_plan(head: bytes, name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml")) or b"schema: plandiff/" in head


# --- one file ------------------------------------------------------------------------


def _open_dir(path: str | Path, dir_fd: int | None = None, follow: bool = True) -> int:
    flags = os.O_RDONLY | _DIRECTORY | _CLOEXEC | (0 if follow else _NOFOLLOW)
    return os.open(path, flags, dir_fd=dir_fd)


def _lstat(name: str, dir_fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _read_head(name: str, dir_fd: int, limit: int = 4096) -> bytes:
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | _CLOEXEC, dir_fd=dir_fd)
    except OSError:
        return b""
    try:
        return os.read(fd, limit) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    finally:
        os.close(fd)


def _write_into(dir_fd: int, name: str, data: bytes) -> None:
    """Create a fresh temporary file beside `name`, fill it, and rename it over `name`."""
    for _ in range(100):
        tmp = TMP_PREFIX + secrets.token_hex(8)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666, dir_fd=dir_fd)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 collisions of 64 random bits
        raise OutputError("cannot create a temporary file")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        raise


def write_file(
    target: str | Path,
    data: bytes | None,
    *,
    plans_dir: str | Path | None,
    force: bool = False,
    protected: Iterable[Path] = (),
    yaml_name_ok: bool = True,
) -> str | None:
    """Write one output file (`-o`) safely; None when written, else why not (for `plandiff CMD: …`).

    `data=None` only checks, so a command can refuse before it does the work.
    `yaml_name_ok=False` (a page, not a plan) also refuses a new .yaml/.yml name.
    """
    target = Path(target)
    why = plans_problem(target, plans_dir, protected)
    if why:
        return why
    parent, name = target.parent, target.name
    if name in ("", ".", ".."):
        return f"{target} is a directory; give a file name"
    try:
        dir_fd = _open_dir(parent if str(parent) else ".")
    except OSError as exc:
        return f"cannot write {target}: {exc.strerror or exc}"
    try:
        st = _lstat(name, dir_fd)
        if st is not None:
            if stat.S_ISLNK(st.st_mode):
                return f"refusing to write {target}: it is a symbolic link"
            if stat.S_ISDIR(st.st_mode):
                return f"{target} is a directory; give a file name"
            if not stat.S_ISREG(st.st_mode):
                return f"refusing to write {target}: it is not a regular file"
            if looks_like_plan(_read_head(name, dir_fd), name):
                return f"refusing to write over {target}: it looks like a plan file"
            if not force:
                return f"refusing to overwrite {target}; use --force to replace it"
        elif not yaml_name_ok and looks_like_plan(b"", name):
            return f"refusing to write {target}: a .yaml name is for plan files; choose another name"
        if data is not None:
            _write_into(dir_fd, name, data)
    except (OSError, OutputError) as exc:
        return f"cannot write {target}: {getattr(exc, 'strerror', None) or exc}"
    finally:
        os.close(dir_fd)
    return None
