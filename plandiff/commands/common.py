"""What every command shares: exit codes, the --plans option, loading plans for a
report, and `emit` (standard output, or a file written through plandiff.output).

Imports only click and the standard library at module level (the CLI loads
it on every start, and `check` runs on every commit).
"""
from __future__ import annotations

from pathlib import Path

import click

EXIT_OK, EXIT_FOUND, EXIT_TROUBLE = 0, 1, 2

plans_option = click.option("--plans", "plans_dir", default="plans", show_default=True,
                            type=click.Path(file_okay=False),
                            help="Directory where plan ids are looked up.")
corpus_plans_option = click.option("--plans", "plans_dir", default="plans", show_default=True,
                                   type=click.Path(file_okay=False),
                                   help="Directory of plan files, used when no PATHS are given.")


def load_for_report(names, plans_dir: str, verify_quotes: bool = False):
    """Plans named by id or path, or None after printing located errors.

    A file whose name differs from its id (a saved copy, an `apply` result,
    a `git show` dump) is fine here: only `check` insists on the rule.
    """
    from plandiff.load import load_plan, resolve_plan
    from plandiff.load.corpus import PLAN_SUFFIXES, plan_ids

    plans = []
    failed = False
    where = Path(plans_dir).absolute()
    for name in names:
        path = resolve_plan(name, plans_dir)
        if not path.exists() and Path(name).suffix not in PLAN_SUFFIXES and "/" not in str(name):
            from plandiff.taxonomy import did_you_mean

            if not where.is_dir():
                click.echo(f"plandiff: no plan {name!r}: looked for {where / (name + '.yaml')}, but there is no "
                           f"directory {where}; run from the repository that holds plans/, give a file path, "
                           "or say where the plans are with --plans DIR", err=True)
            else:
                hint = did_you_mean(name, plan_ids(plans_dir))
                click.echo(f"plandiff: no plan {name!r} in {where}/" + (f"; did you mean {hint!r}?" if hint else
                                                                        "; give --plans DIR if they are elsewhere"),
                           err=True)
            failed = True
            continue
        loaded = load_plan(path, verify_quotes=verify_quotes, keep_doc=False, expect_stem=False)
        for d in loaded.diagnostics:  # warnings too: they are why the guard escapes a character in the report
            click.echo(str(d), err=True)
        if loaded.plan is None or any(d.severity == "error" for d in loaded.diagnostics):
            failed = True
        else:
            plans.append(loaded.plan)
    return None if failed else plans


def corpus_plans(paths, plans_dir: str):
    """All plans under PATHS (default: plans_dir), or None after printing located errors."""
    from plandiff.load import load_corpus

    corpus = load_corpus(list(paths) or [plans_dir], verify_quotes=False)
    for d in corpus.diagnostics:
        click.echo(str(d), err=True)
    if any(d.severity == "error" for d in corpus.diagnostics) or not corpus.plans:
        if not corpus.plans:
            click.echo("plandiff: no readable plan files", err=True)
        return None
    return list(corpus.plans.values())


def emit(command: str, text: str, output: str | None, plans_dir: str, force: bool) -> int:
    """Print `text`, or write it to OUTPUT through plandiff.output, as every writing command does."""
    if not output:
        click.echo(text, nl=False)
        return EXIT_OK
    from plandiff.guard import guard
    from plandiff.output import write_file

    why = write_file(Path(output), guard(text).encode("utf-8"), plans_dir=plans_dir, force=force)
    if why:
        click.echo(f"plandiff {command}: {why}", err=True)
        return EXIT_TROUBLE
    return EXIT_OK
