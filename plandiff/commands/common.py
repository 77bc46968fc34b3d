"""What every command shares: exit codes, the --plans option, loading plans for a
report, and the guard that keeps an output file from landing on a user's data.

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
        if loaded.plan is None or loaded.diagnostics:
            for d in loaded.diagnostics:
                click.echo(str(d), err=True)
            failed = True
        else:
            plans.append(loaded.plan)
    return None if failed else plans


def corpus_plans(paths, plans_dir: str):
    """All plans under PATHS (default: plans_dir), or None after printing located errors."""
    from plandiff.load import load_corpus

    corpus = load_corpus(list(paths) or [plans_dir], verify_quotes=False)
    if corpus.diagnostics or not corpus.plans:
        for d in corpus.diagnostics:
            click.echo(str(d), err=True)
        if not corpus.plans:
            click.echo("plandiff: no readable plan files", err=True)
        return None
    return list(corpus.plans.values())


def output_problem(target: Path, plans_dir: str, force: bool = False) -> str | None:
    """Why writing `target` would put a user's data at risk, or None when it is safe.

    Never inside the plans directory (plan files, articles, their README),
    never over a file that looks like a plan, and never over an existing file
    unless the user said --force.
    """
    try:
        resolved = target.resolve()
        plans_root = Path(plans_dir).resolve()
    except OSError as exc:
        return f"cannot use {target}: {exc.strerror or exc}"
    if resolved == plans_root or plans_root in resolved.parents:
        return f"refusing to write {target}: it is inside the plans directory {plans_dir}/"
    if target.is_dir():
        return f"{target} is a directory; give a file name"
    if target.exists():
        if target.suffix.lower() in (".yaml", ".yml") or _looks_like_plan(target):
            return f"refusing to write over {target}: it looks like a plan file"
        if not force:
            return f"refusing to overwrite {target}; use --force to replace it"
    return None


def _looks_like_plan(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return b"schema: plandiff/" in fh.read(4096)
    except OSError:
        return False


def write_output(target: Path, data: bytes) -> str | None:
    """Write through a temporary file, so a failed write leaves no half file; the error, or None."""
    import os

    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        return f"cannot write {target}: {exc.strerror or exc}"
    return None


def emit(command: str, text: str, output: str | None, plans_dir: str, force: bool) -> int:
    """Print `text`, or write it to OUTPUT behind the same guard every writing command uses."""
    if not output:
        click.echo(text, nl=False)
        return EXIT_OK
    why = output_problem(Path(output), plans_dir, force) or write_output(Path(output), text.encode("utf-8"))
    if why:
        click.echo(f"plandiff {command}: {why}", err=True)
        return EXIT_TROUBLE
    return EXIT_OK
