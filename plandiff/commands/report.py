"""`plandiff diff` (what changed between two versions) and `plandiff git-diff` (the same, as git's diff driver).

Both print through the one registry of report formats (plandiff.render.formats).
"""

from __future__ import annotations

import sys

import click

from plandiff.commands.common import EXIT_FOUND, EXIT_OK, Trouble, color_option, load_for_report, plans_option, said
from plandiff.render.formats import REPORT_FORMATS, ReportOptions


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(REPORT_FORMATS)),
    default="text",
    show_default=True,
    help=", ".join(f"{f.name} {f.help}" for f in REPORT_FORMATS.values()) + ".",
)
@click.option("--all", "show_all", is_flag=True, help="Also list provisions that did not change.")
@click.option(
    "--evidence",
    type=click.Choice(["one", "full", "none"]),
    default="one",
    show_default=True,
    help="Citations per change: the first on each side (outlet, date, quote), all of them, or none.",
)
@plans_option
@color_option
def diff(old: str, new: str, fmt: str, show_all: bool, evidence: str, plans_dir: str, color: bool | None) -> int:
    """Show what changed between two plan versions.

    OLD and NEW are plan files or plan ids (looked up in --plans). Provisions
    are paired by key and reported as added, dropped, changed or renumbered,
    with typed descriptions ("600,000 → 800,000 personnel (+200,000, +33%)")
    and the evidence on both sides.

    Only what is known counts: a provision is dropped or added only where the
    other version is known not to hold it (reported omitted, or missing from a
    published full text). Where a version known only from reports is silent,
    the provision is listed as not reported. Changes to our own summaries,
    notes or evidence are listed apart (reworded, with new evidence).

    Exit status as diff(1): 0 the plans do not differ, 1 they differ, 2 trouble.
    Silence, rewording and new evidence do not count as differences.
    """
    from plandiff.gc_pause import paused_gc
    from plandiff.render.style import Style, want_color

    with paused_gc():  # the models and change set hold no cycles; see gc_pause
        plans = load_for_report([old, new], plans_dir)
        from plandiff.diff import diff_plans

        cs = diff_plans(plans[0], plans[1])
    report = REPORT_FORMATS[fmt]
    options = ReportOptions(Style(report.color is True and want_color(color, sys.stdout)), show_all, evidence)
    click.echo(report.render(cs, options), nl=False, color=report.color)
    return EXIT_FOUND if cs.differs else EXIT_OK


@click.command("git-diff", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@color_option
def git_diff(args: tuple[str, ...], color: bool | None) -> int:
    """External diff driver for git: shows plandiff's report in `git diff` and `git log -p`.

    Git calls it with PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
    (see docs/git.md for the .gitattributes and git config lines). A file that
    is not a readable plan on either side falls back to a note, never a crash.
    """
    from plandiff.diff import diff_plans
    from plandiff.load import load_plan
    from plandiff.model import FULL_TEXT, Plan
    from plandiff.render.style import Style, want_color

    if len(args) < 7:
        raise Trouble(said("expects the 7 arguments git passes to an external diff driver (see docs/git.md)"))
    path, old_file, new_file = args[0], args[1], args[4]
    sides: list[Plan | None] = []
    for f in (old_file, new_file):
        if f == "/dev/null":
            sides.append(None)
            continue
        loaded = load_plan(f, verify_quotes=False, display_path=path)
        if loaded.plan is None:
            click.echo(f"plandiff: {path}: not a readable plan on one side; showing problems instead")
            for d in loaded.diagnostics:
                click.echo(f"  {d}")
            return EXIT_OK
        sides.append(loaded.plan)
    old, new = sides
    if old is None and new is None:
        return EXIT_OK
    empty = Plan(id="/dev/null", title="(no such file)", date=None, coverage=FULL_TEXT)  # holds nothing, known
    cs = diff_plans(old or empty, new or empty)
    report = REPORT_FORMATS["text"]
    click.echo(f"plandiff {path}")
    click.echo(report.render(cs, ReportOptions(Style(want_color(color, sys.stdout)))), nl=False, color=report.color)
    return EXIT_OK
