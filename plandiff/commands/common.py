"""What every command shares: exit codes, `Trouble`, the --plans and --color
options, loading plans for a report, and `emit` (standard output, or a file
written through plandiff.output).

Imports only click and the standard library at module level (the CLI loads
it on every start, and `check` runs on every commit).
"""

from __future__ import annotations

from pathlib import Path

import click

EXIT_OK, EXIT_FOUND, EXIT_TROUBLE = 0, 1, 2


def said(message: str) -> str:
    """`message` as the running command says it: "plandiff site: …" (plain "plandiff: …" outside a command).

    The one place that names the command in a message, so every command's
    errors and notes start the same way.
    """
    ctx = click.get_current_context(silent=True)
    return f"{ctx.command_path if ctx is not None else 'plandiff'}: {message}"


class Trouble(Exception):
    """Why a command cannot go on. `main` prints its lines on standard error, once, and exits 2.

    Each line is a message made by `said()` ("plandiff site: …") or a located
    Diagnostic (`path:line:col: error: …`), printed in order. A Trouble with
    no lines means the problems were already reported as they streamed past.
    """

    def __init__(self, *lines):
        super().__init__(*lines)
        self.lines = lines


plans_option = click.option(
    "--plans",
    "plans_dir",
    default="plans",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory where plan ids are looked up.",
)
corpus_plans_option = click.option(
    "--plans",
    "plans_dir",
    default="plans",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory of plan files, used when no PATHS are given.",
)
color_option = click.option(
    "--color/--no-color",
    default=None,
    help="Force colour on or off (default: on for a terminal, off if NO_COLOR is set).",
)


def load_for_report(names, plans_dir: str, verify_quotes: bool = False):
    """Plans named by id or path; Trouble with every located error (warnings are printed and let pass).

    A file whose name differs from its id (a saved copy, an `apply` result,
    a `git show` dump) is fine here: only `check` insists on the rule.
    """
    from plandiff.load import load_plan, resolve_plan
    from plandiff.load.corpus import PLAN_SUFFIXES, plan_ids

    plans = []
    failed = False
    lines: list = []  # in the order they were found; printed now (warnings) or carried by Trouble (errors)
    where = Path(plans_dir).absolute()
    for name in names:
        path = resolve_plan(name, plans_dir)
        if not path.exists() and Path(name).suffix not in PLAN_SUFFIXES and "/" not in str(name):
            from plandiff.hints import did_you_mean_suffix
            from plandiff.taxonomy import did_you_mean

            if not where.is_dir():
                lines.append(
                    said(
                        f"no plan {name!r}: looked for {where / (name + '.yaml')}, but there is no "
                        f"directory {where}; run from the repository that holds plans/, give a file path, "
                        "or say where the plans are with --plans DIR"
                    )
                )
            else:
                hint = did_you_mean(name, plan_ids(plans_dir))
                lines.append(
                    said(
                        f"no plan {name!r} in {where}/"
                        + did_you_mean_suffix(hint, otherwise="; give --plans DIR if they are elsewhere")
                    )
                )
            failed = True
            continue
        loaded = load_plan(path, verify_quotes=verify_quotes, keep_doc=False, expect_stem=False)
        lines.extend(loaded.diagnostics)  # warnings too: they are why the guard escapes a character in the report
        if loaded.plan is None or any(d.severity == "error" for d in loaded.diagnostics):
            failed = True
        else:
            plans.append(loaded.plan)
    if failed:
        raise Trouble(*lines)
    for line in lines:
        click.echo(str(line), err=True)
    return plans


def require_plans_folder(paths, plans_dir: str = "plans", option: bool = True) -> None:
    """Trouble (exit 2) when no PATHS are named and the default folder of plans is not there: said once, plainly,
    instead of a located error about a folder the user never named."""
    if paths or plans_dir != "plans" or Path(plans_dir).is_dir():
        return  # a folder the user named is reported where it is read, as a located error
    ctx = click.get_current_context(silent=True)
    usage = ""
    if ctx is not None:  # the command's own usage line: "plandiff history KEY [PATHS]..."
        pieces = [p for p in ctx.command.collect_usage_pieces(ctx) if p != "[OPTIONS]"]
        usage = f" ({' '.join([ctx.command_path, *pieces])})"
    how = f"name the plan files or folders{usage}" + (", or say where they are with --plans DIR" if option else "")
    raise Trouble(said(f"no plans/ folder in {Path.cwd()}: run it in the repository that holds plans/, or {how}"))


def corpus_plans(paths, plans_dir: str):
    """All plans under PATHS (default: plans_dir); Trouble with the located errors if any file has one."""
    from plandiff.load import load_corpus

    require_plans_folder(paths, plans_dir)
    corpus = load_corpus(list(paths) or [plans_dir], verify_quotes=False)
    if any(d.severity == "error" for d in corpus.diagnostics) or not corpus.plans:
        raise Trouble(*corpus.diagnostics, *([] if corpus.plans else [said("no readable plan files")]))
    for d in corpus.diagnostics:
        click.echo(str(d), err=True)
    return list(corpus.plans.values())


def emit(text: str, output: str | None, plans_dir: str, force: bool) -> int:
    """Print `text`, or write it to OUTPUT through plandiff.output, as every writing command does."""
    if not output:
        click.echo(text, nl=False)
        return EXIT_OK
    from plandiff.guard import guard
    from plandiff.output import write_file

    why = write_file(Path(output), guard(text).encode("utf-8"), plans_dir=plans_dir, force=force)
    if why:
        raise Trouble(said(why))
    return EXIT_OK
