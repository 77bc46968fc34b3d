"""`plandiff extract`: claims about plan versions from news articles.

Only click and the standard library are imported at module level: this
module is imported whenever `plandiff` starts (the pre-commit `check` runs on
every commit), so the extractor, lxml and the data files load only when the
command runs.
"""

from __future__ import annotations

import json
import os
import sys

import click

from plandiff.commands.common import EXIT_FOUND, EXIT_OK, EXIT_TROUBLE, Trouble, said


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "yaml", "text"]),
    default=None,
    help="Output format (default: jsonl for a directory or a .jsonl input, json otherwise).",
)
@click.option(
    "--plans",
    "plans_dir",
    default="plans",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Plan files whose aliases name the versions (and that --propose compares against).",
)
@click.option(
    "--date",
    "ref_date",
    metavar="YYYY-MM-DD",
    help="The articles' date, for time words ('last month'); default: the page's metadata, a dateline, "
    "or the latest date the article mentions.",
)
@click.option("--emit-text", is_flag=True, help="Print the extracted text that claim offsets index, not claims.")
@click.option(
    "--propose",
    is_flag=True,
    help="Compare the claims with the plan files; print the proposal as a diff. A plan file can cite only an "
    "article in plans/sources/ (or a JSON Lines record with a url): copy an article there first. "
    "Exit 1 when it proposes any edit, new evidence included; 0 when it proposes nothing.",
)
@click.option(
    "--write-drafts",
    "drafts_dir",
    type=click.Path(file_okay=False),
    help="With --propose: write the proposed versions into this directory (never over plan files).",
)
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--no-progress", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
@click.option("--color/--no-color", default=None, help="Colour in --propose output (default: on a terminal).")
def extract_cmd(files, fmt, plans_dir, ref_date, emit_text, propose, drafts_dir, jobs, no_progress, color) -> int:
    """Extract claims about plan versions from articles (text, HTML or JSON Lines).

    FILES are article files (.txt; .html/.htm, or any file that looks like
    HTML, is read through lxml with navigation, scripts, newsletter banners
    and share links removed), directories (searched recursively), or JSON
    Lines files with one article per line: {"id" or "url": …, "text" or
    "html": …}. Each claim names the version (or null), the provision key, a
    typed value, a stance (included, omitted, rejected, changed) and the
    exact quote with its offsets in the extracted text (see --emit-text).

    Many articles stream out as JSON Lines, one claim per line, in input
    order, using all cores. --propose compares the claims with the plan files
    and shows what they would add or dispute, as a plandiff diff;
    --write-drafts DIR writes the proposed versions for review. Exit 0 on
    success, 2 on trouble; with --propose, 1 when it proposes any edit (new
    evidence included, unlike plandiff diff, where evidence alone is no
    difference), 0 when it proposes nothing.
    """
    from pathlib import Path

    from plandiff.extract.stream import InputError, expand_inputs, is_stream_input

    if not files:
        raise Trouble(said("name at least one article, directory or .jsonl file"))
    if drafts_dir and not propose:
        raise Trouble(said("--write-drafts needs --propose"))
    if ref_date is not None:
        from plandiff.extract.dates import parse_iso

        if parse_iso(ref_date) is None:
            raise Trouble(said(f"error: --date {ref_date!r} is not a date (YYYY-MM-DD)"))
    from plandiff.diagnostics import Diagnostic

    missing = [Diagnostic(f, 1, 1, "no such file or directory") for f in files if not os.path.exists(f)]
    if missing:  # located, as every command names a file it cannot read
        raise Trouble(*missing)
    skipped: list = []
    try:
        inputs = expand_inputs(files, skipped)
    except InputError as exc:
        raise Trouble(str(exc)) from None
    for note in skipped:
        click.echo(note, err=True)
    if not inputs:
        raise Trouble(said("no articles found (.txt, .html, .htm or .jsonl files)"))
    if emit_text:
        return _emit_text(inputs)
    from plandiff.extract import plan_context

    ctx = plan_context(plans_dir if Path(plans_dir).is_dir() else None)
    ctx["date"] = ref_date
    jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    jobs = min(jobs, max(1, len(inputs) if not is_stream_input(files) else jobs))
    fmt = fmt or ("jsonl" if is_stream_input(files) else "json")
    if propose:
        return _propose(inputs, ctx, jobs, plans_dir, drafts_dir, color, no_progress)
    return _extract(inputs, ctx, jobs, fmt, no_progress)


def _results(inputs, ctx, jobs, no_progress, failures: list):
    """Claim lines per article, in input order; an article that fails is reported and counted, not fatal."""
    from plandiff.extract.stream import JSONL_SUFFIXES, Progress, iter_items, run

    streamed = any(path.suffix.lower() in JSONL_SUFFIXES for _, path in inputs)
    items = iter_items(inputs)  # lazily: a JSON Lines file may hold millions of articles
    total = None if streamed else len(inputs)
    progress = Progress(not no_progress and sys.stderr.isatty(), total)
    try:
        for nbytes, lines, error, note in run(items, ctx, jobs):
            for message in (error, note):
                if message:  # "file.jsonl:LINE: error: …" / "file: note: …"
                    click.echo(f"\n{message}" if progress.enabled else message, err=True)
            if error:
                failures.append(error)
            progress.update(nbytes, len(lines))
            yield lines
    finally:
        progress.close()


def _extract(inputs, ctx, jobs, fmt, no_progress) -> int:
    from plandiff.extract.record import Claim, render_claims

    out = sys.stdout
    failures: list = []
    if fmt == "jsonl":
        for lines in _results(inputs, ctx, jobs, no_progress, failures):
            for line in lines:
                out.write(line + "\n")
        out.flush()
    else:
        claims = [
            Claim.from_data(json.loads(line))
            for lines in _results(inputs, ctx, jobs, no_progress, failures)
            for line in lines
        ]
        out.write(render_claims(claims, fmt))
    return EXIT_TROUBLE if failures else EXIT_OK


def _emit_text(inputs) -> int:
    from plandiff.diagnostics import Diagnostic
    from plandiff.extract.stream import InputError, iter_items, load_article

    items = list(iter_items(inputs))
    failed = False
    for item in items:
        try:
            source, text = load_article(item)
        except InputError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        except OSError as exc:
            click.echo(Diagnostic(item[0], 1, 1, f"cannot read file: {exc.strerror or exc}"), err=True)
            failed = True
            continue
        if len(items) > 1:
            click.echo(f"==> {source} <==")
        click.echo(text)
    return EXIT_TROUBLE if failed else EXIT_OK


def _propose(inputs, ctx, jobs, plans_dir, drafts_dir, color, no_progress) -> int:
    from plandiff.extract.propose import ProposalError, propose, write_drafts
    from plandiff.extract.record import Claim
    from plandiff.render.proposal import render_proposal
    from plandiff.render.style import Style, want_color

    failures: list = []
    claims = [
        Claim.from_data(json.loads(line))
        for lines in _results(inputs, ctx, jobs, no_progress, failures)
        for line in lines
    ]
    try:
        proposal = propose(claims, plans_dir)
    except ProposalError as exc:
        raise Trouble(said(str(exc))) from None
    click.echo(render_proposal(proposal, Style(want_color(color, sys.stdout))), nl=False)
    if drafts_dir and not proposal.proposed:
        click.echo(said("nothing to draft: the claims change no plan file"), err=True)
    elif drafts_dir:
        try:
            written = write_drafts(proposal, plans_dir, drafts_dir)
        except ProposalError as exc:
            raise Trouble(said(str(exc))) from None
        except OSError as exc:
            raise Trouble(said(f"cannot write drafts to {exc.filename or drafts_dir}: {exc.strerror or exc}")) from None
        for path in written:
            click.echo(said(f"wrote {path}"), err=True)
    _say_why_nothing_was_proposed(proposal)
    if failures:
        return EXIT_TROUBLE
    return EXIT_FOUND if proposal.changed else EXIT_OK


# The reason plandiff.extract.propose gives a claim from an article it cannot cite.
_NOT_IN_SOURCES = "the article is not in plans/sources/"


def _say_why_nothing_was_proposed(proposal) -> None:
    """One line when no edit came out only because the articles lie outside plans/sources/.

    The report lists the reason per claim, easy to miss below the diff;
    this says it once, with what to do.
    """
    if proposal.applied:
        return
    outside = {c.source for c, why in proposal.skipped if why.startswith(_NOT_IN_SOURCES)}
    if not outside:
        return
    where = "the article is not" if len(outside) == 1 else f"{len(outside)} articles are not"
    it = "it" if len(outside) == 1 else "them"
    click.echo(
        said(f"0 edits proposed: {where} in plans/sources/; copy {it} there so plan files can cite {it}"), err=True
    )
