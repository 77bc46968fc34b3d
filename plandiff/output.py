"""Every file plandiff writes goes through here: one file (`-o`) or a folder the tool owns.

What this module promises, and why each step is there:

* A file appears whole or not at all. Data goes to a temporary file created
  exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`, an unpredictable name) in the
  target's own folder, then `os.replace` swaps it in. A planted
  `.NAME.tmp → plans/x.yaml` symlink can no longer redirect the write, and a
  reader never sees half a page.
* Nothing is written through a symbolic link: the target itself, and inside
  an owned folder every sub-folder on the way (`DIR/sources → elsewhere`), is
  opened relative to its parent's descriptor with `O_NOFOLLOW`; a link is
  refused, never followed and never replaced.
* An existing file is replaced only with `--force`, never when it looks like
  a plan file, and nothing is ever written inside the plans directory.
* A folder the tool owns (the site, the drafts directory) records what it
  wrote in one manifest scheme: `sha256  path` lines. Only a regular file
  whose content still has the recorded hash is ever removed, so a hand-planted
  entry or a file someone changed is left alone.
* Runs into one folder take turns: an exclusive `flock` on `DIR/.plandiff-lock`
  is held from reading the manifest to writing the new one.

JSON and YAML output are dumped here too, so there is one place that decides
their form (`allow_nan=False`: a bare NaN is not JSON).

Imports only the standard library at module level (the CLI imports it on
every start).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Callable, Iterable

LOCK_NAME = ".plandiff-lock"
TMP_PREFIX = ".plandiff-tmp-"
MANIFEST_HEADER = "# plandiff manifest 2: sha256 and path of each file plandiff wrote here; only those, unchanged, are ever removed"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class OutputError(Exception):
    """The output cannot be written without putting something that is not ours at risk."""


# --- serialising ---------------------------------------------------------------


def dumps_json(data, indent: int | None = 2) -> str:
    """The one way plandiff writes JSON: UTF-8 text, and a NaN or infinity is an error (ValueError), not `NaN`.

    The text is exactly `json.dumps(data, indent=indent, ensure_ascii=False,
    allow_nan=False)`. With an indent the standard library falls back to its
    pure-Python encoder (generators, one per container); `_Indented` writes
    the same text about twice as fast, with C string escaping — at
    N = 10,000 the report is 6–12 MB and this was 10% of `diff`.
    """
    if indent is None:
        return json.dumps(data, ensure_ascii=False, allow_nan=False)
    return _Indented(indent).dumps(data)


class _Indented:
    def __init__(self, indent: int):
        from json.encoder import encode_basestring

        self.esc = encode_basestring
        self.pads = [" " * (indent * i) for i in range(66)]
        self.indent = indent

    def pad(self, level: int) -> str:
        while level >= len(self.pads):
            self.pads.append(" " * (self.indent * len(self.pads)))
        return self.pads[level]

    def dumps(self, data) -> str:
        parts: list[str] = []
        self._enc(data, 0, parts.append)
        return "".join(parts)

    def _enc(self, o, level: int, app) -> None:
        t = type(o)
        esc = self.esc
        if t is str:
            app(esc(o))
        elif t is dict:
            if not o:
                app("{}")
                return
            inner = self.pad(level + 1)
            sep = ",\n" + inner
            app("{\n" + inner)
            first = True
            for k, v in o.items():
                if first:
                    first = False
                else:
                    app(sep)
                app(esc(k if type(k) is str else _json_key(k)))
                app(": ")
                if type(v) is str:
                    app(esc(v))
                else:
                    self._enc(v, level + 1, app)
            app("\n" + self.pad(level) + "}")
        elif t is list or t is tuple or isinstance(o, (list, tuple)):
            if not o:
                app("[]")
                return
            inner = self.pad(level + 1)
            sep = ",\n" + inner
            app("[\n" + inner)
            first = True
            for v in o:
                if first:
                    first = False
                else:
                    app(sep)
                if type(v) is str:
                    app(esc(v))
                else:
                    self._enc(v, level + 1, app)
            app("\n" + self.pad(level) + "]")
        elif o is None:
            app("null")
        elif o is True:
            app("true")
        elif o is False:
            app("false")
        elif isinstance(o, int):
            app(int.__repr__(o))
        elif isinstance(o, float):
            if o != o or o in (_INF, -_INF):
                raise ValueError(f"Out of range float values are not JSON compliant: {o!r}")
            app(float.__repr__(o))
        elif isinstance(o, str):
            app(esc(o))
        elif isinstance(o, dict):
            self._enc(dict(o), level, app)
        else:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


_INF = float("inf")


def _json_key(k) -> str:
    """A non-string key as json.dumps writes it."""
    if isinstance(k, float):
        if k != k or k in (_INF, -_INF):
            raise ValueError(f"Out of range float values are not JSON compliant: {k!r}")
        return float.__repr__(k)
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def dumps_yaml(data) -> str:
    """YAML for plan data, with control and bidi characters written as escapes, never raw.

    PyYAML counts U+0085 and the bidi controls as printable and writes them
    as they are when `allow_unicode` is on; a scalar holding one is written
    double-quoted with `\\u` escapes instead, so the file shows what is there.
    """
    import yaml

    from plandiff.guard import UNSAFE

    class Dumper(yaml.SafeDumper):
        def analyze_scalar(self, scalar):
            if not UNSAFE.search(scalar):
                return super().analyze_scalar(scalar)
            self.allow_unicode = False
            try:
                return super().analyze_scalar(scalar)
            finally:
                self.allow_unicode = True

        def write_double_quoted(self, text, split=True):
            if not UNSAFE.search(text):
                return super().write_double_quoted(text, split)
            self.allow_unicode = False
            try:
                return super().write_double_quoted(text, split)
            finally:
                self.allow_unicode = True

    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)


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
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        raise


def write_file(target: str | Path, data: bytes | None, *, plans_dir: str | Path | None, force: bool = False,
               protected: Iterable[Path] = (), yaml_name_ok: bool = True) -> str | None:
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

    def __init__(self, path: str | Path, manifest: str, *, owner: str, plans_dir: str | Path | None = None,
                 protected: Iterable[Path] = (), fresh_only: bool = False,
                 may_replace: Callable[[str, bytes], bool] | None = None, keep_previous: bool = False):
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
        self._root = self._lock = None
        self._dirs: dict[tuple[str, ...], int] = {}

    # -- entering and leaving --

    def __enter__(self) -> "OwnedFolder":
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
        for fd in (self._lock, self._root):
            if fd is not None:
                os.close(fd)
        self._lock = self._root = None

    def _take_lock(self) -> None:
        import fcntl

        try:
            fd = os.open(LOCK_NAME, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC | os.O_NONBLOCK, 0o666,
                         dir_fd=self._root)
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
            raise OutputError(f"{self.path} is not empty and was not written by `{self.owner}`; "
                              "choose a new or empty directory")

    def _read_manifest(self) -> dict[str, str | None]:
        st = _lstat(self.manifest_name, self._root)
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
        _write_into(self._root, self.manifest_name, (MANIFEST_HEADER + "\n" + body).encode("utf-8"))

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
            try:
                os.mkdir(name, 0o777, dir_fd=parent)
            except FileExistsError:
                pass
        try:
            fd = _open_dir(name, dir_fd=parent, follow=False)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                raise OutputError(f"refusing to write into {self.path.joinpath(*parts)}: "
                                  "it is a symbolic link or not a directory") from None
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
        raise OutputError(f"refusing to overwrite {shown}: `{self.owner}` did not write it, or it was changed "
                          "since (remove it or choose another directory)")

    def write(self, rel: str, data: bytes) -> None:
        self.check(rel, data)
        parts = rel.split("/")
        _write_into(self._dir(tuple(parts[:-1]), create=True), parts[-1], data)
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
