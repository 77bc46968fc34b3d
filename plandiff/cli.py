"""The `plandiff` command: a thin layer over the library.

Every command returns an exit code instead of exiting, so tests call
`main([...])` in-process. Conventional codes: 0 clean, 1 problems (or
differences), 2 usage errors and trouble.
"""
from __future__ import annotations

import os
import sys

import click

from plandiff.commands.common import (EXIT_FOUND, EXIT_OK, EXIT_TROUBLE, corpus_plans, corpus_plans_option, emit,
                                      load_for_report, plans_option)
from plandiff.render.style import Style, want_color

# Kept here rather than imported from the renderers, so `plandiff --help` stays light.
DIAGNOSTIC_FORMATS = ("text", "github")
MATRIX_FORMATS = ("text", "markdown", "csv", "json")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plandiff")
def cli() -> None:
    """Cited, typed plan files for the Ukraine peace-plan versions, and what changed between them.

    Each version lives in plans/<id>.yaml; every value cites the words it
    rests on. Run `plandiff COMMAND --help` for each command.
    """


color_option = click.option("--color/--no-color", default=None,
                            help="Force colour on or off (default: on for a terminal, off if NO_COLOR is set).")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(DIAGNOSTIC_FORMATS), default="text", show_default=True,
              help="text: path:line:col: error: message; github: GitHub Actions annotations.")
@click.option("--no-quotes", is_flag=True, help="Skip checking quotes against the cited articles.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary line.")
@color_option
def check(paths: tuple[str, ...], fmt: str, no_quotes: bool, quiet: bool, color: bool | None) -> int:
    """Validate plan files (or directories of them; default: plans/).

    Checks the YAML itself (duplicate keys, tags, aliases, encodings), the plan
    format, provision keys and values against the taxonomy, that every quote
    occurs in its cited article, and the lineage (revises / responds_to).
    Exits 0 when clean, 1 when any problem is found, 2 on usage errors.
    """
    from plandiff.load import load_corpus
    from plandiff.render.diagnostics import render_diagnostic

    from plandiff.load.corpus import expand

    _, missing = expand(list(paths))
    if missing:
        for d in missing:
            click.echo(f"plandiff check: {d.path}: {d.message}", err=True)
        return EXIT_TROUBLE
    corpus = load_corpus(list(paths) or ["plans"], verify_quotes=not no_quotes)
    style = Style(want_color(color, sys.stdout) and fmt == "text")
    for d in corpus.diagnostics:
        click.echo(render_diagnostic(d, fmt, style), color=True)
    files = [f for f in corpus.files if f.path]
    if not files and not corpus.diagnostics and not corpus.events:
        click.echo("plandiff check: no plan files found", err=True)
        return EXIT_TROUBLE
    errors = [d for d in corpus.diagnostics if d.severity == "error"]  # warnings are shown, and do not fail
    if not quiet:
        bad = sum(1 for f in corpus.files if any(d.severity == "error" for d in f.diagnostics))
        bad += len({d.path for d in corpus.event_problems if d.severity == "error"})
        n = len(errors)
        if n:
            msg = f"plandiff check: {n} problem{'s' * (n != 1)} in {bad} of {len(files)} file{'s' * (len(files) != 1)}"
        else:
            provs = sum(len(p.provisions) for p in corpus.plans.values())
            parts = [f"{len(files)} plan file{'s' * (len(files) != 1)} OK ({provs} provisions)"] if files else []
            if corpus.events:
                parts.append(f"{len(corpus.events)} events OK")
            msg = "plandiff check: " + ", ".join(parts)
        w = len(corpus.diagnostics) - n
        click.echo(msg + (f"; {w} warning{'s' * (w != 1)}" if w else ""), err=True)
    return EXIT_FOUND if errors else EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--long", "long_", is_flag=True, help="Also list each version's title and drafters.")
@color_option
def versions(paths: tuple[str, ...], long_: bool, color: bool | None) -> int:
    """A one-screen summary of the plan versions (default: plans/).

    Files that cannot be read are reported (path:line:col: error: …) and the
    rest is still listed; the exit status is then 2.
    """
    from plandiff.load import load_corpus
    from plandiff.render.versions import render_versions

    corpus = load_corpus(list(paths) or ["plans"], verify_quotes=False)
    for d in corpus.diagnostics:  # list what can be read, but never hide what cannot
        click.echo(str(d), err=True)
    if not corpus.plans:
        click.echo("plandiff versions: no readable plan files", err=True)
        return EXIT_TROUBLE
    click.echo(render_versions(list(corpus.plans.values()), Style(want_color(color, sys.stdout)), long=long_),
               nl=False, color=True)
    return EXIT_TROUBLE if any(d.severity == "error" for d in corpus.diagnostics) else EXIT_OK


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output (never into the plans directory).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@plans_option
def schema(output: str | None, force: bool, plans_dir: str) -> int:
    """Print the JSON Schema of the plan format, generated from the taxonomy.

    Point your editor's YAML language server at it to validate and complete
    plan files as you type (see docs/editor-setup.md).
    """
    from plandiff.output import dumps_json
    from plandiff.schema import plan_schema

    return emit("schema", dumps_json(plan_schema()) + "\n", output, plans_dir, force)


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="text for a terminal, markdown for a pull-request comment, json for scripts.")
@click.option("--all", "show_all", is_flag=True, help="Also list provisions that did not change.")
@click.option("--evidence", type=click.Choice(["one", "full", "none"]), default="one", show_default=True,
              help="Citations per change: the first on each side (outlet, date, quote), all of them, or none.")
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

    with paused_gc():  # the models and change set hold no cycles; see gc_pause
        plans = load_for_report([old, new], plans_dir)
        if plans is None:
            return EXIT_TROUBLE
        from plandiff.diff import diff_plans

        cs = diff_plans(plans[0], plans[1])
    if fmt == "json":
        from plandiff.output import dumps_json
        from plandiff.render.json_report import changeset_to_json

        with paused_gc():  # the report is as acyclic as the change set, and as big (6–12 MB at N = 10,000)
            text = dumps_json(changeset_to_json(cs, show_all))
        click.echo(text)
    elif fmt == "markdown":
        from plandiff.render.markdown import render_markdown

        click.echo(render_markdown(cs, show_all, evidence), nl=False)
    else:
        from plandiff.render.text import render_text

        click.echo(render_text(cs, Style(want_color(color, sys.stdout)), show_all, evidence), nl=False, color=True)
    return EXIT_FOUND if cs.differs else EXIT_OK


@cli.command()
@click.argument("old")
@click.argument("changes", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the new version to this file (never into the plans directory); default: standard output.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@plans_option
def apply(old: str, changes: str, output: str | None, force: bool, plans_dir: str) -> int:
    """Apply a JSON change set (from `diff --format json`) to OLD and print NEW as YAML.

    Refuses, like patch(1), when OLD does not hold what the changes start
    from, and when the result would not be a valid plan. Never writes over a
    plan file or into the plans directory.
    """
    from pathlib import Path

    from plandiff.diff.apply import ApplyError, apply_changes
    from plandiff.load.plan import plan_from_data

    plans = load_for_report([old], plans_dir)
    if plans is None:
        return EXIT_TROUBLE
    from plandiff.load import jsonsafe

    name = "<stdin>" if changes == "-" else changes
    try:
        raw = sys.stdin.buffer.read() if changes == "-" else Path(changes).read_bytes()
        doc = jsonsafe.loads(raw.decode("utf-8"))
    except OSError as exc:
        click.echo(f"plandiff apply: cannot read {name}: {exc.strerror or exc}", err=True)
        return EXIT_TROUBLE
    except UnicodeDecodeError as exc:
        click.echo(f"{name}:1:{exc.start + 1}: error: not UTF-8 text", err=True)
        return EXIT_TROUBLE
    except jsonsafe.JsonProblem as exc:
        where = f"{exc.where}: " if exc.where else ""
        click.echo(f"{name}:{exc.line}:{exc.col}: error: cannot apply: {where}{exc.message}", err=True)
        return EXIT_TROUBLE
    try:
        result = apply_changes(plans[0], doc)
    except ApplyError as exc:
        click.echo(f"{name}:1:1: error: cannot apply: {exc}", err=True)
        return EXIT_TROUBLE
    data = result.to_data()
    _, problems = plan_from_data(data)
    if problems:
        for where, msg, _ in problems:
            path = ".".join(map(str, where)) or "(top)"
            click.echo(f"{name}:1:1: error: the result would not be a valid plan: {path}: {msg}", err=True)
        return EXIT_TROUBLE
    from plandiff.output import dumps_yaml

    return emit("apply", dumps_yaml(data), output, plans_dir, force)


@cli.command(short_help="One provision across all versions, with values and evidence.")
@click.argument("key")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--evidence", type=click.Choice(["full", "one", "none"]), default="full", show_default=True,
              help="Citations per version: all of them, the first, or none.")
@corpus_plans_option
@color_option
def history(key: str, paths: tuple[str, ...], evidence: str, plans_dir: str, color: bool | None) -> int:
    """One provision (e.g. military.troop_cap) across all versions, in lineage and date order.

    Shows its value, point number and evidence in each version. PATHS are plan
    files or directories (default: --plans).
    """
    from plandiff.diff.across import history as build
    from plandiff.render.across import render_history
    from plandiff.taxonomy import default_taxonomy

    tax = default_taxonomy()
    if tax.get(key) is None:
        hint = tax.suggest(key)
        click.echo(f"plandiff history: unknown provision key {key!r}" + (f"; did you mean {hint!r}?" if hint else ""),
                   err=True)
        return EXIT_TROUBLE
    plans = corpus_plans(paths, plans_dir)
    if plans is None:
        return EXIT_TROUBLE
    click.echo(render_history(key, build(key, plans), Style(want_color(color, sys.stdout)), evidence), nl=False,
               color=True)
    return EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(MATRIX_FORMATS), default="text",
              show_default=True, help="text for a terminal, markdown for a report, csv for a spreadsheet, json for scripts.")
@corpus_plans_option
@color_option
def matrix(paths: tuple[str, ...], fmt: str, plans_dir: str, color: bool | None) -> int:
    """Provisions × versions: how each provision evolved, at a glance.

    `—` not in that version (reported omitted, or missing from its published
    full text), `n/r` not reported (the version is known only through
    reports), `?` held but its value not reported, `⚠` disputed. The text
    table fits the terminal (or $COLUMNS) and, where a value is too long,
    keeps the words that differ between versions. PATHS are plan files or
    directories (default: --plans).
    """
    import shutil

    from plandiff.diff.across import matrix as build
    from plandiff.render.across import render_matrix

    plans = corpus_plans(paths, plans_dir)
    if plans is None:
        return EXIT_TROUBLE
    width = shutil.get_terminal_size((120, 24)).columns
    click.echo(render_matrix(build(plans), fmt, Style(want_color(color, sys.stdout) and fmt == "text"), width),
               nl=False, color=True)
    return EXIT_OK


@cli.command("git-diff", context_settings={"ignore_unknown_options": True})
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
    from plandiff.render.text import render_text

    if len(args) < 7:
        click.echo("plandiff git-diff: expects the 7 arguments git passes to an external diff driver "
                   "(see docs/git.md)", err=True)
        return EXIT_TROUBLE
    path, old_file, new_file = args[0], args[1], args[4]
    sides = []
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
    click.echo(f"plandiff {path}")
    click.echo(render_text(cs, Style(want_color(color, sys.stdout))), nl=False, color=True)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising SystemExit.

    Everything a command prints passes the output guard (plandiff.guard).
    """
    from plandiff.guard import guarded_output

    with guarded_output():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    try:
        rv = cli.main(args=argv, prog_name="plandiff", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_TROUBLE
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_TROUBLE
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FOUND
    return rv if isinstance(rv, int) else EXIT_OK


from plandiff.commands.html import html_cmd, site_cmd  # noqa: E402  (lxml is imported only when they run)
cli.add_command(html_cmd, "html")
cli.add_command(site_cmd, "site")

from plandiff.commands.extract import extract_cmd  # noqa: E402  (click + stdlib only; the extractor loads lazily)

cli.add_command(extract_cmd, "extract")

from plandiff.commands.export import export_cmd  # noqa: E402
cli.add_command(export_cmd, "export")
