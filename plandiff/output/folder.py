"""A folder the tool owns (the site, the drafts directory): a hashed manifest, a lock, and safe removals.

See the package docstring (plandiff.output) for the promises and why each step is there.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from plandiff.output.files import (
    _CLOEXEC,
    _NOFOLLOW,
    LOCK_NAME,
    MANIFEST_HEADER,
    MAX_MANIFEST_BYTES,
    TMP_PREFIX,
    OutputError,
    _lstat,
    _open_dir,
    _write_into,
    plans_problem,
)

# --- a folder the tool owns ---------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_manifest(text: str) -> dict[str, str | None]:
    """path → recorded sha256 (None for a line from before hashes were recorded: never removed)."""
    out: dict[str, str | None] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        digest, sep, rel = line.partition("  ")
        if sep and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest):
            out[rel] = digest
        else:
            out.setdefault(line, None)
    return out


def _check_rel(rel: str) -> list[str]:
    parts = rel.split("/")
    if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\x00" in rel:
        raise OutputError(f"refusing to write {rel!r}: not a plain relative path")
    if parts[-1].startswith((TMP_PREFIX, LOCK_NAME)):
        raise OutputError(f"refusing to write {rel!r}: the name is reserved")
    return parts


class OwnedFolder:
    """A folder plandiff writes several files into, with a manifest of what it wrote there.

    Use as a context manager: entering creates the folder, takes the lock
    and reads the manifest; `write` puts one file in place; leaving without
    an error writes the new manifest (after `prune` of stale files, if asked).

    `fresh_only`: refuse a non-empty folder without our manifest (the site).
    `may_replace(rel, old_bytes)`: whether an existing file plandiff has no
    unchanged record of may still be replaced (drafts: one bearing the draft
    mark); by default only recorded, unchanged files and identical content are.
    """

    def __init__(
        self,
        path: str | Path,
        manifest: str,
        *,
        owner: str,
        plans_dir: str | Path | None = None,
        protected: Iterable[Path] = (),
        fresh_only: bool = False,
        may_replace: Callable[[str, bytes], bool] | None = None,
        keep_previous: bool = False,
    ):
        self.path = Path(path)
        self.manifest_name = manifest
        self.owner = owner
        self.plans_dir = plans_dir
        self.protected = list(protected)
        self.fresh_only = fresh_only
        self.may_replace = may_replace
        self.keep_previous = keep_previous
        self.previous: dict[str, str | None] = {}
        self.written: dict[str, str] = {}
        self._root: int | None = None
        self._lock: int | None = None
        self._dirs: dict[tuple[str, ...], int] = {}

    @property
    def _top(self) -> int:
        """The root's descriptor, open between __enter__ and __exit__."""
        assert self._root is not None, "the folder is used outside its `with` block"
        return self._root

    # -- entering and leaving --

    def __enter__(self) -> OwnedFolder:
        why = plans_problem(self.path, self.plans_dir, self.protected)
        if why:
            raise OutputError(why)
        st = os.path.lexists(self.path) and os.stat(self.path)
        if st and not stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{self.path} exists and is not a directory")
        os.makedirs(self.path, exist_ok=True)
        self._root = _open_dir(self.path)
        try:
            self._refuse_foreign(before_lock=True)  # a folder that is not ours gets no lock file either
            self._take_lock()
            self._refuse_foreign()  # again, now that no other run can be writing
            self.previous = self._read_manifest()
        except BaseException:
            self._close()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._write_manifest()
            elif self.written:  # stopped part way: what was written is still ours, and so is the rest
                self._write_manifest(after_error=True)
        finally:
            self._close()

    def _close(self) -> None:
        for fd in self._dirs.values():
            os.close(fd)
        self._dirs.clear()
        for held in (self._lock, self._root):
            if held is not None:
                os.close(held)
        self._lock = self._root = None

    def _take_lock(self) -> None:
        import fcntl

        try:
            fd = os.open(
                LOCK_NAME, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC | os.O_NONBLOCK, 0o666, dir_fd=self._root
            )
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OutputError(f"refusing to use {self.path / LOCK_NAME}: it is a symbolic link") from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OutputError(f"refusing to use {self.path / LOCK_NAME}: it is not a regular file")
        self._lock = fd
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _refuse_foreign(self, before_lock: bool = False) -> None:
        if not self.fresh_only:
            return
        names = set(os.listdir(self._root))
        if before_lock and LOCK_NAME in names:
            return  # another run may be writing its first build; look again under the lock
        if self.manifest_name not in names and names - {LOCK_NAME}:
            raise OutputError(
                f"{self.path} is not empty and was not written by `{self.owner}`; choose a new or empty directory"
            )

    def _read_manifest(self) -> dict[str, str | None]:
        st = _lstat(self.manifest_name, self._top)
        if st is None:
            return {}
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"refusing to use {self.path / self.manifest_name}: it is not a regular file")
        if st.st_size > MAX_MANIFEST_BYTES:
            raise OutputError(f"{self.path / self.manifest_name} is larger than {MAX_MANIFEST_BYTES // 2**20} MiB")
        fd = os.open(self.manifest_name, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | _CLOEXEC, dir_fd=self._root)
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(MAX_MANIFEST_BYTES + 1)
        return parse_manifest(raw.decode("utf-8", errors="replace"))

    def _write_manifest(self, after_error: bool = False) -> None:
        if after_error:
            entries = {**self.previous, **self.written}
        else:
            entries = dict(self.written)
            if self.keep_previous:
                for rel, digest in self.previous.items():
                    if rel not in entries and digest is not None and self._unchanged(rel, digest):
                        entries[rel] = digest
        body = "".join(f"{digest}  {rel}\n" if digest else f"{rel}\n" for rel, digest in sorted(entries.items()))
        _write_into(self._top, self.manifest_name, (MANIFEST_HEADER + "\n" + body).encode("utf-8"))

    # -- the files --

    def _dir(self, parts: tuple[str, ...], create: bool) -> int | None:
        """A descriptor of root/parts, every step opened without following a link."""
        if not parts:
            return self._root
        if parts in self._dirs:
            return self._dirs[parts]
        parent = self._dir(parts[:-1], create)
        if parent is None:
            return None
        name = parts[-1]
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o777, dir_fd=parent)
        try:
            fd = _open_dir(name, dir_fd=parent, follow=False)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                raise OutputError(
                    f"refusing to write into {self.path.joinpath(*parts)}: it is a symbolic link or not a directory"
                ) from None
            raise
        self._dirs[parts] = fd
        return fd

    def _unchanged(self, rel: str, digest: str) -> bool:
        """Whether root/rel is a regular file whose content still has the recorded hash."""
        parts = rel.split("/")
        try:
            dir_fd = self._dir(tuple(parts[:-1]), create=False)
            if dir_fd is None:
                return False
            fd = os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | _CLOEXEC, dir_fd=dir_fd)
        except (OSError, OutputError):
            return False
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            h = hashlib.sha256()
            while chunk := os.read(fd, 1 << 20):
                h.update(chunk)
            return h.hexdigest() == digest
        finally:
            os.close(fd)

    def check(self, rel: str, data: bytes) -> None:
        """Raise OutputError unless root/rel may be (re)written with `data`."""
        parts = _check_rel(rel)
        why = plans_problem(self.path.joinpath(*parts), self.plans_dir, self.protected)
        if why:
            raise OutputError(why)
        dir_fd = self._dir(tuple(parts[:-1]), create=False)
        if dir_fd is None:
            return
        st = _lstat(parts[-1], dir_fd)
        if st is None:
            return
        shown = self.path.joinpath(*parts)
        if stat.S_ISLNK(st.st_mode) and rel in self.previous:
            return  # a link planted where our own file was: replaced by the file, never followed
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"refusing to write {shown}: it is not a plain file")
        digest = self.previous.get(rel)
        if rel in self.previous and (digest is None or self._unchanged(rel, digest)):
            return
        old = _read_all(parts[-1], dir_fd)
        if old == data or (self.may_replace is not None and self.may_replace(rel, old)):
            return
        raise OutputError(
            f"refusing to overwrite {shown}: `{self.owner}` did not write it, or it was changed "
            "since (remove it or choose another directory)"
        )

    def write(self, rel: str, data: bytes) -> None:
        self.check(rel, data)
        parts = rel.split("/")
        dir_fd = self._dir(tuple(parts[:-1]), create=True)
        assert dir_fd is not None, rel  # made just now; None only if it vanished between mkdir and open
        _write_into(dir_fd, parts[-1], data)
        self.written[rel] = sha256(data)

    def prune(self) -> list[str]:
        """Remove what the previous run wrote and this one did not, if still exactly as written."""
        removed = []
        for rel, digest in sorted(self.previous.items()):
            if rel in self.written or digest is None:
                continue
            try:
                _check_rel(rel)
            except OutputError:
                continue
            if self._unchanged(rel, digest):
                parts = rel.split("/")
                os.unlink(parts[-1], dir_fd=self._dir(tuple(parts[:-1]), create=False))
                removed.append(rel)
        return removed


def _read_all(name: str, dir_fd: int) -> bytes:
    fd = os.open(name, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | _CLOEXEC, dir_fd=dir_fd)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()
