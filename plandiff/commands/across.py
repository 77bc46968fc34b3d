"""`plandiff history` (one provision across the versions) and `plandiff matrix` (provisions × versions)."""

from __future__ import annotations

import sys

import click

from plandiff.commands.common import EXIT_OK, Trouble, color_option, corpus_plans, corpus_plans_option, said

# Kept here rather than imported from the renderers, so `plandiff --help` stays light.
MATRIX_FORMATS = ("text", "markdown", "csv", "json")


@click.command("history", short_help="One provision across all versions, with values and evidence.")
@click.argument("key")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--evidence",
    type=click.Choice(["full", "one", "none"]),
    default="full",
    show_default=True,
    help="Citations per version: all of them, the first, or none.",
)
@corpus_plans_option
@color_option
def history(key: str, paths: tuple[str, ...], evidence: str, plans_dir: str, color: bool | None) -> int:
    """One provision (e.g. military.troop_cap) across all versions, in lineage and date order.

    Shows its value, point number and evidence in each version. PATHS are plan
    files or directories (default: --plans).
    """
    from plandiff.diff.across import history as build
    from plandiff.hints import did_you_mean_suffix
    from plandiff.render.across import render_history
    from plandiff.render.style import Style, want_color
    from plandiff.taxonomy import default_taxonomy

    tax = default_taxonomy()
    if tax.get(key) is None:
        raise Trouble(said(f"unknown provision key {key!r}" + did_you_mean_suffix(tax.suggest(key))))
    plans = corpus_plans(paths, plans_dir)
    click.echo(
        render_history(key, build(key, plans), Style(want_color(color, sys.stdout)), evidence), nl=False, color=True
    )
    return EXIT_OK


@click.command("matrix")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(MATRIX_FORMATS),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a report, csv for a spreadsheet, json for scripts.",
)
@corpus_plans_option
@color_option
def matrix(paths: tuple[str, ...], fmt: str, plans_dir: str, color: bool | None) -> int:
    """Provisions × versions: how each provision evolved, at a glance.

    `—` not in that version (reported omitted, or missing from its published
    full text), `n/r` not reported (the version is known only through
    reports), `?` held but its value not reported, `⚠` disputed. The text
    table fits the terminal (or $COLUMNS; 120 columns when not on a
    terminal): where a value is too long it keeps the words that differ
    between versions, and when the versions do not all fit side by side it
    prints them in blocks of consecutive versions ("versions 1–3 of 18"),
    each repeating the provision column. PATHS are plan files or
    directories (default: --plans).
    """
    import shutil

    from plandiff.diff.across import matrix as build
    from plandiff.render.across import render_matrix
    from plandiff.render.style import Style, want_color

    plans = corpus_plans(paths, plans_dir)
    width = shutil.get_terminal_size((120, 24)).columns
    click.echo(
        render_matrix(build(plans), fmt, Style(want_color(color, sys.stdout) and fmt == "text"), width),
        nl=False,
        color=True,
    )
    return EXIT_OK
