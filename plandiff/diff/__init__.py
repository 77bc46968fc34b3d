"""Stage 2 of the pipeline: align two versions by key, then emit typed changes."""

from plandiff.diff.align import align
from plandiff.diff.apply import ApplyError, apply_changes
from plandiff.diff.changes import KINDS, Added, Change, Changed, ChangeSet, Dropped, Renumbered, Unchanged
from plandiff.diff.compare import diff_plans

__all__ = [
    "align",
    "diff_plans",
    "apply_changes",
    "ApplyError",
    "KINDS",
    "Change",
    "ChangeSet",
    "Added",
    "Dropped",
    "Changed",
    "Renumbered",
    "Unchanged",
]
