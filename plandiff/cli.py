"""The `plandiff` command: a thin layer over the library.

This module holds only the click group and `main`; each command is a module
in plandiff.commands. Every command returns an exit code instead of
exiting, so tests call `main([...])` in-process. Conventional codes: 0
clean, 1 problems (or differences), 2 usage errors and trouble. A command in
trouble raises `Trouble`, which `main` prints, once, on standard error.

Standard output that refuses what a command prints (a full disk) is trouble
too: one line, exit 2, whatever the command. A reader that has gone away
(`plandiff diff … | head -1`) is not: nothing more is said, and the exit
status is 1, as click gives for a closed pipe.
"""

from __future__ import annotations

import contextlib
import os
import sys

import click

from plandiff.commands.across import history, matrix
from plandiff.commands.apply import apply
from plandiff.commands.check import check, versions
from plandiff.commands.common import EXIT_FOUND, EXIT_OK, EXIT_TROUBLE, Trouble
from plandiff.commands.export import export_cmd
from plandiff.commands.extract import extract_cmd
from plandiff.commands.html import html_cmd, site_cmd  # lxml is imported only when they run
from plandiff.commands.report import diff, git_diff
from plandiff.commands.schema import schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plandiff")
def cli() -> None:
    """Cited, typed plan files for the Ukraine peace-plan versions, and what changed between them.

    Each version lives in plans/<id>.yaml; every value cites the words it
    rests on. Run `plandiff COMMAND --help` for each command.
    """


for _command in (
    check,
    versions,
    schema,
    diff,
    apply,
    history,
    matrix,
    git_diff,
    html_cmd,
    site_cmd,
    extract_cmd,
    export_cmd,
):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising SystemExit.

    Everything a command prints passes the output guard (plandiff.guard).
    """
    from plandiff.guard import OutputFailed, guarded_output

    with guarded_output():
        try:
            code = _run(argv)
            sys.stdout.flush()  # output short enough to sit in the buffer fails here, not as Python exits
            return code
        except OutputFailed as exc:
            _discard_stdout()
            if exc.closed:
                return EXIT_FOUND
            with contextlib.suppress(OutputFailed):  # standard error may be the stream that failed
                click.echo(f"plandiff: error: cannot write output: {exc.reason}", err=True)
            return EXIT_TROUBLE


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so what is still buffered cannot fail again as Python exits."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _run(argv: list[str] | None) -> int:
    try:
        rv = cli.main(args=argv, prog_name="plandiff", standalone_mode=False)
    except Trouble as exc:
        for line in exc.lines:
            click.echo(str(line), err=True)
        return EXIT_TROUBLE
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_TROUBLE
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_TROUBLE
    return rv if isinstance(rv, int) else EXIT_OK
