"""Applying a JSON change set (`plandiff.diff/2`) to OLD, which reproduces NEW.

The reading lives with the writing in diff/changeset_json.py; this name stays
for callers that only apply.
"""

from plandiff.diff.changeset_json import DIFF_SCHEMA, OLDER_SCHEMAS, ApplyError, apply_changes, check_shape

__all__ = ["DIFF_SCHEMA", "OLDER_SCHEMAS", "ApplyError", "apply_changes", "check_shape"]
