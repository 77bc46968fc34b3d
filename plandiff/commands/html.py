"""`plandiff html` (one comparison page) and `plandiff site` (the static site).

Only click and the standard library are imported when the module loads:
`plandiff check` runs on every commit and imports the CLI, so lxml and the
renderers are imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path

import click

from plandiff.commands.common import (
    EXIT_OK,
    Trouble,
    corpus_plans,
    corpus_plans_option,
    load_for_report,
    plans_option,
    said,
)


def _protected(plans) -> set[Path]:
    """Files -o must never overwrite: the plan files and the articles they cite."""
    from plandiff.load.evidence import source_file_problem

    out: set[Path] = set()
    for plan in plans:
        if not plan.path:
            continue
        path = Path(plan.path)
        out.add(path.resolve())
        for s in plan.sources:
            if s.file:
                real, _ = source_file_problem(path.parent, s.file)
                if real:
                    out.add(Path(real).resolve())
    return out


@click.command("html")
@click.argument("old")
@click.argument("new")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The HTML file to write ('-' for standard output). Never a plan file.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@plans_option
def html_cmd(old: str, new: str, output: str, force: bool, plans_dir: str) -> int:
    """Write one self-contained HTML page comparing OLD with NEW.

    OLD and NEW are plan ids (looked up in --plans) or plan files, as for
    `plandiff diff`. The page shows both versions side by side, grouped by
    topic, each change marked by a word and a colour, with word-level edits,
    typed deltas, disputed claims and evidence; it loads nothing from the
    network and reads fine with scripts off. Exits 0 when written, 2 on bad
    input (located errors on stderr).
    """
    plans = load_for_report([old, new], plans_dir)
    from plandiff.output import write_file

    def write(data: bytes | None) -> str | None:
        return write_file(
            Path(output), data, plans_dir=plans_dir, force=force, protected=_protected(plans), yaml_name_ok=False
        )

    why = None if output == "-" else write(None)  # refuse before rendering, then check again when writing
    if why:
        raise Trouble(said(why))
    from plandiff.diff import diff_plans
    from plandiff.render.html import render_compare, serialize

    data = serialize(render_compare(diff_plans(plans[0], plans[1])))
    if output == "-":
        from plandiff.guard import write_bytes

        write_bytes(data)
        return EXIT_OK
    why = write(data)
    if why:
        raise Trouble(said(why))
    return EXIT_OK


@click.command("site")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    help="Directory to write the site into: new, empty, or an earlier `plandiff site` output.",
)
@click.option(
    "--pair",
    "pairs",
    multiple=True,
    metavar="OLD:NEW",
    help="Also compare these two versions (repeatable), e.g. --pair us-28-point:ua-20-point.",
)
@corpus_plans_option
def site_cmd(paths: tuple[str, ...], output: str, pairs: tuple[str, ...], plans_dir: str) -> int:
    """Write a static HTML site for the plan versions (PATHS: plan files or directories; default --plans).

    The site has an index of the versions (lineage diagram, dates, drafters,
    point counts, charts of numeric and enum provisions), a comparison page
    for each version against the one it revises or answers (plus every
    --pair), the provisions × versions matrix, a page per provision with its
    history, and a page per source article with the quoted passages
    highlighted. Pages are self-contained and load nothing. Writes only inside
    OUTPUT; refuses a non-empty directory that it did not write. Exits 0 when
    written, 2 on bad input.
    """
    plans = corpus_plans(paths, plans_dir)
    ids = {p.id for p in plans}
    wanted = []
    for spec in pairs:
        parts = spec.split(":")
        if len(parts) != 2 or not all(parts):
            raise Trouble(said(f"--pair {spec!r}: expected OLD:NEW, e.g. us-28-point:ua-20-point"))
        for part in parts:
            if part not in ids:
                raise Trouble(said(f"--pair {spec!r}: no version {part!r} among {', '.join(sorted(ids))}"))
        if parts[0] == parts[1]:
            raise Trouble(said(f"--pair {spec!r}: a version compared with itself"))
        wanted.append((parts[0], parts[1]))
    out = Path(output)
    protected = _protected(plans)
    if out.resolve() in protected or out.resolve() in {p.parent for p in protected}:
        raise Trouble(said(f"refusing to write into {output}: it holds the plan files or their articles"))
    from plandiff.render.html import OutputError, Site, write_site

    try:
        written = write_site(
            Site(plans, wanted, events=_events(paths, plans_dir, ids)), out, plans_dir=plans_dir, protected=protected
        )
    except OutputError as exc:
        raise Trouble(said(str(exc))) from exc
    except OSError as exc:
        raise Trouble(said(f"cannot write {exc.filename or output}: {exc.strerror or exc}")) from exc
    click.echo(said(f"wrote {len(written)} pages to {output} (start at {out / 'index.html'})"), err=True)
    return EXIT_OK


def _events(paths, plans_dir: str, ids: set[str]):
    """The events beside the plans (already checked by corpus_plans, which refuses a corpus with problems)."""
    from plandiff.load.corpus import events_files
    from plandiff.load.events import load_events

    return [e for f in events_files(list(paths) or [plans_dir]) for e in load_events(f, ids)[0]]
