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

The package is split by responsibility: `dump` (JSON and YAML text),
`files` (what may be written, and one file written safely), `folder` (a
folder the tool owns: manifest, lock, removals).
"""

from __future__ import annotations

from plandiff.output.dump import dumps_json, dumps_yaml
from plandiff.output.files import (
    LOCK_NAME,
    MANIFEST_HEADER,
    MAX_MANIFEST_BYTES,
    TMP_PREFIX,
    OutputError,
    looks_like_plan,
    plans_problem,
    write_file,
)
from plandiff.output.folder import OwnedFolder, parse_manifest, sha256

__all__ = [
    "LOCK_NAME",
    "MANIFEST_HEADER",
    "MAX_MANIFEST_BYTES",
    "TMP_PREFIX",
    "OutputError",
    "OwnedFolder",
    "dumps_json",
    "dumps_yaml",
    "looks_like_plan",
    "parse_manifest",
    "plans_problem",
    "sha256",
    "write_file",
]
