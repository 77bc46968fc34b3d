"""The JSON contract of a diff (`plandiff.diff/2`), documented in docs/json.md.

It carries each changed provision whole on both sides, with what each side is
known to say (`old_state`/`new_state`: held, omitted, unreported), so `apply`
can rebuild NEW from OLD; unchanged provisions appear only with `--all`. It is
written and read in one module, diff/changeset_json.py; this is the
renderers' name for the writing half.
"""

from plandiff.diff.changeset_json import change_to_json, changeset_to_json

__all__ = ["change_to_json", "changeset_to_json"]
