"""The `plandiff` command: a thin layer over the library.

Every command returns an exit code instead of exiting, so tests call
`main([...])` in-process. Conventional codes: 0 clean, 1 problems (or
differences), 2 usage errors and trouble.
"""
from __future__ import annotations

import json
import os
import sys

import click

from plandiff.render.style import Style, want_color

EXIT_OK, EXIT_FOUND, EXIT_TROUBLE = 0, 1, 2


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
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text", show_default=True,
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
        click.echo(render_diagnostic(d, fmt, style))
    files = [f for f in corpus.files if f.path]
    if not quiet:
        bad = sum(1 for f in corpus.files if f.diagnostics)
        n = len(corpus.diagnostics)
        if n:
            msg = f"plandiff check: {n} problem{'s' * (n != 1)} in {bad} of {len(files)} file{'s' * (len(files) != 1)}"
        else:
            provs = sum(len(p.provisions) for p in corpus.plans.values())
            msg = f"plandiff check: {len(files)} plan file{'s' * (len(files) != 1)} OK ({provs} provisions)"
        click.echo(msg, err=True)
    if not files and not corpus.diagnostics:
        click.echo("plandiff check: no plan files found", err=True)
        return EXIT_TROUBLE
    return EXIT_FOUND if corpus.diagnostics else EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@color_option
def versions(paths: tuple[str, ...], color: bool | None) -> int:
    """A one-screen summary of the plan versions (default: plans/)."""
    from plandiff.load import load_corpus
    from plandiff.render.versions import render_versions

    corpus = load_corpus(list(paths) or ["plans"], verify_quotes=False)
    if not corpus.plans:
        for d in corpus.diagnostics:
            click.echo(str(d), err=True)
        click.echo("plandiff versions: no readable plan files", err=True)
        return EXIT_TROUBLE
    click.echo(render_versions(list(corpus.plans.values()), Style(want_color(color, sys.stdout))), nl=False)
    return EXIT_OK


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def schema(output: str | None) -> int:
    """Print the JSON Schema of the plan format, generated from the taxonomy.

    Point your editor's YAML language server at it to validate and complete
    plan files as you type (see docs/editor-setup.md).
    """
    from plandiff.schema import plan_schema

    text = json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising SystemExit."""
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
