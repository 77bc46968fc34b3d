"""`plandiff export`: the corpus as tidy tables (CSV with a Data Package descriptor, or JSON).

The table-building lives in `plandiff.export`; this module only picks the
format and writes behind the output guard every writing command shares.
"""

from __future__ import annotations

from pathlib import Path

import click

from plandiff.commands.common import EXIT_OK, Trouble, corpus_plans, corpus_plans_option, emit, said


@click.command("export")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="csv: provisions.csv, evidence.csv and datapackage.json in a directory; json: one document.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="csv: the directory to write (made if missing); json: the file. Default: standard output "
    "(csv: the provisions table only). Never inside the plans directory.",
)
@click.option("--force", is_flag=True, help="Replace files that exist.")
@corpus_plans_option
def export_cmd(paths: tuple[str, ...], fmt: str, output: str | None, force: bool, plans_dir: str) -> int:
    """Export every version × provision × claim as a tidy table for pandas or R.

    Each row gives the state (held, omitted, unreported), the point, the value
    (as JSON and in typed columns), the PA-X code and the evidence's outlets,
    dates and URLs; evidence.csv has one row per piece of evidence.
    datapackage.json describes both files (Frictionless Data Package). See
    docs/export.md. PATHS are plan files or directories (default: --plans).
    """
    from plandiff.export import (
        DATAPACKAGE,
        EVIDENCE_COLUMNS,
        EVIDENCE_CSV,
        PROVISION_COLUMNS,
        PROVISIONS_CSV,
        build_tables,
        datapackage,
        to_csv,
        to_json,
    )

    plans = corpus_plans(paths, plans_dir)
    tables = build_tables(plans)
    if fmt == "json":
        return emit(to_json(tables), output, plans_dir, force)
    if not output:
        return emit(to_csv(tables.provisions, PROVISION_COLUMNS), None, plans_dir, force)
    directory = Path(output)
    if directory.exists() and not directory.is_dir():
        raise Trouble(said(f"{directory} is a file; --format csv writes a directory of files"))
    files = {
        PROVISIONS_CSV: to_csv(tables.provisions, PROVISION_COLUMNS),
        EVIDENCE_CSV: to_csv(tables.evidence, EVIDENCE_COLUMNS),
        DATAPACKAGE: datapackage(tables),
    }
    from plandiff.output import write_file

    for name in files:  # every file is checked before any is written
        why = (
            write_file(directory / name, None, plans_dir=plans_dir, force=force)
            if directory.is_dir()
            else write_file(directory, None, plans_dir=plans_dir, force=True)
        )
        if why:
            raise Trouble(said(why))
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Trouble(said(f"cannot make {directory}: {exc.strerror or exc}")) from exc
    for name, text in files.items():  # tables for a program, written as they are (not escaped for a terminal)
        why = write_file(directory / name, text.encode("utf-8"), plans_dir=plans_dir, force=force)
        if why:
            raise Trouble(said(why))
    return EXIT_OK
