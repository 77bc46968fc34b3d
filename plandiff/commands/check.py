"""`plandiff check` (validate plan files) and `plandiff versions` (a one-screen summary of them).

Only click and the standard library are imported at module level: `check`
runs on every commit.
"""

from __future__ import annotations

import sys

import click

from plandiff.commands.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_TROUBLE,
    Trouble,
    color_option,
    require_plans_folder,
    said,
)

# Kept here rather than imported from the renderers, so `plandiff --help` stays light.
DIAGNOSTIC_FORMATS = ("text", "github")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIAGNOSTIC_FORMATS),
    default="text",
    show_default=True,
    help="text: path:line:col: error: message; github: GitHub Actions annotations.",
)
@click.option("--no-quotes", is_flag=True, help="Skip checking quotes against the cited articles.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary line.")
@color_option
def check(paths: tuple[str, ...], fmt: str, no_quotes: bool, quiet: bool, color: bool | None) -> int:
    """Validate plan files (or directories of them; default: plans/).

    Checks the YAML itself (duplicate keys, tags, aliases, encodings), the plan
    format, provision keys and values against the taxonomy, that every quote
    occurs in its cited article, and the lineage (revises / responds_to).
    Exits 0 when clean, 1 when any problem is found, 2 on usage errors (a
    path that does not exist, or no PATHS and no plans/ folder here).
    """
    from plandiff.load import load_corpus
    from plandiff.load.corpus import expand
    from plandiff.render.diagnostics import render_diagnostic
    from plandiff.render.style import Style, want_color

    style = Style(want_color(color, sys.stdout) and fmt == "text")
    require_plans_folder(paths, option=False)
    _, missing = expand(list(paths))
    if missing:  # each named once; no summary that counts files it never found
        raise Trouble(*(said(f"{d.path}: {d.message}") for d in missing))
    corpus = load_corpus(list(paths) or ["plans"], verify_quotes=not no_quotes)
    for d in corpus.diagnostics:
        click.echo(render_diagnostic(d, fmt, style), color=True)
    files = [f for f in corpus.files if f.path]
    if not files and not corpus.diagnostics and not corpus.events:
        raise Trouble(said("no plan files found"))
    errors = [d for d in corpus.diagnostics if d.severity == "error"]  # warnings are shown, and do not fail
    if not quiet:
        bad = sum(1 for f in corpus.files if any(d.severity == "error" for d in f.diagnostics))
        bad += len({d.path for d in corpus.event_problems if d.severity == "error"})
        n = len(errors)
        if n:
            msg = said(f"{_plural(n, 'problem')} in {bad} of {_plural(len(files), 'file')}")
        else:
            provs = sum(len(p.provisions) for p in corpus.plans.values())
            parts = [f"{_plural(len(files), 'plan file')} OK ({provs} provisions)"] if files else []
            if corpus.events:
                parts.append(f"{len(corpus.events)} events OK")
            msg = said(", ".join(parts))
        w = len(corpus.diagnostics) - n
        click.echo(msg + (f"; {_plural(w, 'warning')}" if w else ""), err=True)
    return EXIT_FOUND if errors else EXIT_OK


@click.command("versions")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--long", "long_", is_flag=True, help="Also list each version's title and drafters.")
@color_option
def versions(paths: tuple[str, ...], long_: bool, color: bool | None) -> int:
    """A one-screen summary of the plan versions (default: plans/).

    Files that cannot be read are reported (path:line:col: error: …) and the
    rest is still listed; the exit status is then 2.
    """
    from plandiff.load import load_corpus
    from plandiff.render.style import Style, want_color
    from plandiff.render.versions import render_versions

    require_plans_folder(paths, option=False)
    corpus = load_corpus(list(paths) or ["plans"], verify_quotes=False)
    for d in corpus.diagnostics:  # list what can be read, but never hide what cannot
        click.echo(str(d), err=True)
    if not corpus.plans:
        raise Trouble(said("no readable plan files"))
    click.echo(
        render_versions(list(corpus.plans.values()), Style(want_color(color, sys.stdout)), long=long_),
        nl=False,
        color=True,
    )
    return EXIT_TROUBLE if any(d.severity == "error" for d in corpus.diagnostics) else EXIT_OK  # reported above
