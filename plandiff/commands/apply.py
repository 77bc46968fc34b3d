"""`plandiff apply`: a JSON change set applied to OLD, printed (or written) as the new version's YAML.

The engine is plandiff.diff.patch; this module reads the file and reports.
"""

from __future__ import annotations

import sys

import click

from plandiff.commands.common import Trouble, emit, load_for_report, plans_option, said


@click.command("apply")
@click.argument("old")
@click.argument("changes", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the new version to this file (never into the plans directory); default: standard output.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@plans_option
def apply(old: str, changes: str, output: str | None, force: bool, plans_dir: str) -> int:
    """Apply a JSON change set (from `diff --format json`) to OLD and print NEW as YAML.

    Refuses, like patch(1), when OLD does not hold what the changes start
    from, and when the result would not be a valid plan. Never writes over a
    plan file or into the plans directory.
    """
    from pathlib import Path

    from plandiff.diff.patch import PatchProblems, apply_change_set
    from plandiff.output import dumps_yaml

    plans = load_for_report([old], plans_dir)
    name = "<stdin>" if changes == "-" else changes
    try:
        raw = sys.stdin.buffer.read() if changes == "-" else Path(changes).read_bytes()
    except OSError as exc:
        raise Trouble(said(f"cannot read {name}: {exc.strerror or exc}")) from None
    try:
        data = apply_change_set(plans[0], raw, name)
    except PatchProblems as exc:
        raise Trouble(*exc.diagnostics) from None
    return emit(dumps_yaml(data), output, plans_dir, force)
