"""Loading plan files, one or a directory's worth, with the checks that span files.

A plan's `revises`/`responds_to` must name a version that exists, and the
lineage must not loop. When a single file is checked (as the pre-commit hook
does), the other plan files beside it supply the lineage context; their own
problems are reported only when they are checked themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from plandiff.diagnostics import Diagnostic
from plandiff.hints import did_you_mean_suffix
from plandiff.load.evidence import SOURCES_DIR, SourceTexts, check_evidence
from plandiff.load.plan import ID_RE, plan_from_data
from plandiff.load.reading import MAX_PLAN_BYTES, ReadError, read_capped
from plandiff.load.yamlsafe import YamlDoc, read_yaml
from plandiff.model import Event, Plan
from plandiff.taxonomy import Taxonomy, default_taxonomy, did_you_mean

PLAN_SUFFIXES = (".yaml", ".yml")
EVENTS_FILE = "events.yaml"  # the dated events beside the plan files (plandiff.load.events), not a plan


def _is_plan_file(f: Path) -> bool:
    return f.suffix in PLAN_SUFFIXES and f.name != EVENTS_FILE and f.is_file()


@dataclass
class Loaded:
    """One file's outcome: the plan (None when unusable) and its problems."""

    path: str
    plan: Plan | None
    diagnostics: list[Diagnostic]
    doc: YamlDoc | None = None


@dataclass
class Corpus:
    plans: dict[str, Plan] = field(default_factory=dict)  # id → plan, for the files asked for
    files: list[Loaded] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # from the events.yaml beside the plans
    event_problems: list[Diagnostic] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted([d for f in self.files for d in f.diagnostics] + self.event_problems)

    @property
    def ok(self) -> bool:
        return not any(f.diagnostics for f in self.files) and not self.event_problems


def load_plan(
    path: str | Path,
    *,
    verify_quotes: bool = True,
    taxonomy: Taxonomy | None = None,
    texts: SourceTexts | None = None,
    raw: bytes | None = None,
    display_path: str | None = None,
    keep_doc: bool = True,
    expect_stem: bool = True,
) -> Loaded:
    """Read, validate and (optionally) verify the quotes of one plan file.

    `raw` supplies the bytes (git hands us blobs in temporary files);
    `display_path` is then the name used in messages and for the id check.
    `keep_doc=False` lets the text and node graph go once the diagnostics are
    made — they are twice the size of the plan itself.
    """
    path = Path(path)
    name = display_path or str(path)
    if raw is None and display_path is not None:
        try:
            raw = read_capped(path, MAX_PLAN_BYTES, "a plan file", pipe=True)
        except ReadError as exc:
            return Loaded(name, None, [Diagnostic(name, 1, 1, str(exc))])
    doc = read_yaml(name, raw)
    if doc.root is None:
        return Loaded(name, None, doc.problems, doc)
    plan, problems = plan_from_data(doc.data, taxonomy or default_taxonomy(), numbers_checked=True)
    diagnostics = list(doc.problems)
    diagnostics += [doc.error(where, msg, at_key) for where, msg, at_key in problems]
    if plan is not None:
        plan = _with_path(plan, name)
        stem = Path(name).stem
        if expect_stem and plan.id != stem:
            diagnostics.append(doc.error(("id",), f"id {plan.id!r} must equal the file name {stem!r}"))
        if expect_stem and isinstance(doc.data, dict) and "coverage" not in doc.data:
            diagnostics.append(
                doc.error(
                    (),
                    "missing required field 'coverage': full-text (a complete text "
                    "was published) or partial (known only through reports)",
                )
            )
        if verify_quotes:
            diagnostics += check_evidence(plan, path.parent, lambda w, m: doc.error(w, m), texts or SourceTexts())
    return Loaded(name, plan, sorted(set(diagnostics)), doc if keep_doc else None)


def _with_path(plan: Plan, path: str) -> Plan:
    object.__setattr__(plan, "path", path)  # path is not part of the plan's value
    return plan


PIPE_IN_CORPUS = (
    "cannot check a pipe: plan files are checked where they are kept, beside their sources;"
    " to compare a piped version, use plandiff diff"
)


def expand(paths: list[str | Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Plan files named directly or found (non-recursively) in named directories."""
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if _is_plan_file(f))
        elif p.name == EVENTS_FILE:
            continue  # named directly: load_corpus reads it as events
        elif p.is_fifo():  # its id cannot match a file name, its sources are not beside it
            problems.append(Diagnostic(str(p), 1, 1, PIPE_IN_CORPUS))
        elif p.exists():
            files.append(p)
        else:
            problems.append(Diagnostic(str(p), 1, 1, "no such file or directory"))
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def load_corpus(paths: list[str | Path], *, verify_quotes: bool = True, taxonomy: Taxonomy | None = None) -> Corpus:
    """Load the named plans and check lineage against them and their neighbours."""
    taxonomy = taxonomy or default_taxonomy()
    files, missing = expand(paths)
    texts = SourceTexts()
    corpus = Corpus()
    if missing:
        corpus.files.append(Loaded("", None, missing))
    targets = [load_plan(f, verify_quotes=verify_quotes, taxonomy=taxonomy, texts=texts) for f in files]
    corpus.files += targets
    known: dict[str, Plan] = {}
    first_file: dict[str, str] = {}
    for loaded in targets:
        plan = loaded.plan
        if plan is None:
            continue
        if plan.id in first_file and loaded.doc is not None:  # a loaded plan always has its document
            loaded.diagnostics.append(
                loaded.doc.error(("id",), f"id {plan.id!r} is also used by {first_file[plan.id]}")
            )
            continue
        first_file[plan.id] = loaded.path
        corpus.plans[plan.id] = plan
        known[plan.id] = plan
    _add_ancestors(targets, files, known, taxonomy)
    for loaded in targets:
        if loaded.plan is not None and corpus.plans.get(loaded.plan.id) is loaded.plan:
            loaded.diagnostics += _lineage_problems(loaded, known, files)
            loaded.diagnostics.sort()
    _load_events(corpus, paths, set(known))
    if verify_quotes:
        corpus.files += _sources_symlink_problems(files)
    return corpus


def events_files(paths: list[str | Path]) -> list[Path]:
    """The events files among PATHS: named directly, or an events.yaml in a named directory."""
    found: dict[Path, Path] = {}
    for p in map(Path, paths):
        candidate = p / EVENTS_FILE if p.is_dir() else p
        if candidate.name == EVENTS_FILE and candidate.is_file():
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


def _load_events(corpus: Corpus, paths: list[str | Path], known: set[str]) -> None:
    """Events beside the plans; their versions may name any plan loaded or any plan file in their directory."""
    from plandiff.load.events import load_events

    for path in events_files(paths):
        events, problems = load_events(path, known | set(plan_ids(path.parent)))
        corpus.events += events
        corpus.event_problems += problems


def _add_ancestors(targets: list[Loaded], files: list[Path], known: dict[str, Plan], taxonomy: Taxonomy) -> None:
    """Load, from beside the named files, only the plans their lineage names, and theirs in turn.

    A plan's file is named after its id (`check` insists), so `revises: x`
    is looked up as x.yaml / x.yml; `check FILE` reads no other sibling.
    """
    dirs = sorted({f.parent for f in files})
    named = {f.resolve() for f in files}
    wanted = [p for t in targets if t.plan is not None for p in (t.plan.revises, t.plan.responds_to) if p]
    tried: set[str] = set()
    while wanted:
        pid = wanted.pop()
        if pid in known or pid in tried or not ID_RE.fullmatch(pid):
            continue
        tried.add(pid)
        for d in dirs:
            for suffix in PLAN_SUFFIXES:
                f = d / f"{pid}{suffix}"
                if f.resolve() in named or not f.is_file():
                    continue
                neighbour = load_plan(f, verify_quotes=False, taxonomy=taxonomy)
                if neighbour.plan is not None and neighbour.plan.id == pid:
                    known[pid] = neighbour.plan
                    wanted += [p for p in (neighbour.plan.revises, neighbour.plan.responds_to) if p]
                    break
            if pid in known:
                break


def _sibling_ids(files: list[Path]) -> list[str]:
    """The ids the folders of the named files offer (file stems; no file is read), for did-you-mean hints."""
    return sorted({f.stem for d in {f.parent for f in files} for f in d.iterdir() if _is_plan_file(f)})


def _sources_symlink_problems(files: list[Path]) -> list[Loaded]:
    """A symlink anywhere in a plans folder's sources/ that leads outside it, cited or not."""
    out = []
    for d in sorted({f.parent for f in files}):
        root = d / SOURCES_DIR
        if not root.is_dir() or root.is_symlink():
            continue
        real_root = os.path.realpath(root)
        problems = []
        for here, dirnames, filenames in os.walk(root):  # does not descend into symlinked folders
            for name in sorted(dirnames + filenames):
                path = os.path.join(here, name)
                if os.path.islink(path):
                    real = os.path.realpath(path)
                    if os.path.commonpath([real_root, real]) != real_root:
                        problems.append(
                            Diagnostic(
                                path,
                                1,
                                1,
                                f"symbolic link leads outside {SOURCES_DIR}/ "
                                f"(to {os.readlink(path)}); articles must live "
                                f"inside {root}",
                            )
                        )
        if problems:
            out.append(Loaded("", None, problems))  # not a plan file: counted as problems, not as a file
    return out


def _lineage_problems(loaded: Loaded, known: dict[str, Plan], files: list[Path]) -> list[Diagnostic]:
    plan, doc = loaded.plan, loaded.doc
    out: list[Diagnostic] = []
    if plan is None or doc is None:
        return out
    for field_name in ("revises", "responds_to"):
        target = getattr(plan, field_name)
        if target is None:
            continue
        if target == plan.id:
            out.append(doc.error((field_name,), f"{field_name} names the plan itself"))
        elif target not in known:
            hint = did_you_mean(target, sorted(set(known) | set(_sibling_ids(files))))
            extra = did_you_mean_suffix(hint)
            out.append(doc.error((field_name,), f"{field_name} names {target!r}, but no plan has that id{extra}"))
        else:
            cycle = _cycle_through(plan.id, target, known)
            if cycle:
                out.append(doc.error((field_name,), "lineage loops: " + " → ".join(cycle)))
    return out


def _cycle_through(start: str, first: str, known: dict[str, Plan]) -> list[str] | None:
    """The path start → first → … → start, if following lineage returns to start."""
    stack = [(first, [start, first])]
    seen = set()
    while stack:
        node, trail = stack.pop()
        if node == start:
            return trail
        if node in seen or node not in known:
            continue
        seen.add(node)
        for nxt in (known[node].revises, known[node].responds_to):
            if nxt is not None:
                stack.append((nxt, trail + [nxt]))
    return None


def resolve_plan(name: str | Path, plans_dir: str | Path = "plans") -> Path:
    """A plan given as a file path or as an id looked up in `plans_dir` (.yaml, then .yml)."""
    p = Path(name)
    if p.suffix in PLAN_SUFFIXES or p.exists():
        return p
    for suffix in PLAN_SUFFIXES:
        candidate = Path(plans_dir) / f"{name}{suffix}"
        if candidate.exists():
            return candidate
    return Path(plans_dir) / f"{name}{PLAN_SUFFIXES[0]}"


def plan_ids(plans_dir: str | Path) -> list[str]:
    """The ids a plans directory offers (file stems), for did-you-mean hints."""
    d = Path(plans_dir)
    if not d.is_dir():
        return []
    return sorted(f.stem for f in d.iterdir() if _is_plan_file(f))
