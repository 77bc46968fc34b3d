"""Where the time of `plandiff diff --format json` goes, in a fresh process (the subprocess side of
`bench_diff.py --profile`).

    python -m benchmarks._profile OLD NEW MODE [ARG]

MODE is floors (PyYAML's C compose and load, gc on and off), phases (the
CLI's diff path step by step; ARG gc-off to disable the collector), cli (the
CLI as it is; ARG gc-on | gc-off), whatif (the CLI with candidate fixes
patched in from outside; ARG steps joined by "+") or cprofile. Prints one
JSON line. CPU time throughout: the machine may be shared.
"""

import time

T0 = time.process_time()  # first, so "process total" includes the imports below

import contextlib  # noqa: E402
import cProfile  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402

out: dict = {}
rss: dict = {}


def rss_now() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def clock(name, fn, *a, **k):
    t = time.process_time()
    r = fn(*a, **k)
    out[name] = out.get(name, 0.0) + time.process_time() - t
    rss[name] = rss_now()
    return r


def _read_bytes(path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def floors(old: str, new: str) -> dict:
    import yaml

    texts = [_read_bytes(p).decode("utf-8") for p in (old, new)]
    for gc_on in (True, False):
        gc.enable() if gc_on else gc.disable()
        tag = "gc on" if gc_on else "gc off"
        for _ in range(3):
            t = time.process_time()
            for s in texts:
                yaml.compose(s, Loader=yaml.CSafeLoader)
            c = time.process_time() - t
            t = time.process_time()
            for s in texts:
                yaml.load(s, Loader=yaml.CSafeLoader)
            full = time.process_time() - t
            out[f"C compose only, both files ({tag})"] = min(out.get(f"C compose only, both files ({tag})", 1e9), c)
            out[f"C full load, both files ({tag})"] = min(out.get(f"C full load, both files ({tag})", 1e9), full)
    gc.enable()
    return out


def phases(old: str, new: str, gc_off: bool) -> dict:
    """The CLI's diff path, step by step, with the library's own functions, timed without a profiler."""
    if gc_off:
        gc.disable()
    t = time.process_time()
    import click

    out["import click"] = time.process_time() - t
    t = time.process_time()
    import plandiff.cli  # noqa: F401

    out["import plandiff.cli (rest)"] = time.process_time() - t
    t = time.process_time()
    import yaml

    from plandiff.diff import diff_plans
    from plandiff.load import plan_from_data, yamlsafe
    from plandiff.load.evidence import SourceTexts, check_evidence
    from plandiff.render.json_report import changeset_to_json
    from plandiff.taxonomy import default_taxonomy

    out["import plandiff.load/diff/render, yaml"] = time.process_time() - t
    tax = clock("default_taxonomy()", default_taxonomy)
    gc_before = [s["collections"] for s in gc.get_stats()]
    plans = []
    for path in (old, new):
        raw = clock("read file", _read_bytes, path)
        doc = yamlsafe.YamlDoc(path)
        text = clock("decode + control-char scan", yamlsafe._decode, doc, raw)
        clock("_looks_deep guard", yamlsafe._looks_deep, text)
        root = clock("yaml.compose (C)", yaml.compose, text, Loader=yamlsafe._Loader)
        doc.root = root
        doc.data = clock("_Builder.build (nodes → data)", yamlsafe._Builder(doc).build, root)
        plan, problems = clock("plan_from_data (validation)", plan_from_data, doc.data, tax)
        assert plan is not None and not problems and not doc.problems, problems[:3]
        plans.append(plan)
    cs = clock("diff_plans", diff_plans, plans[0], plans[1])
    data = clock("changeset_to_json", changeset_to_json, cs, False)
    from plandiff.guard import guard
    from plandiff.output import dumps_json

    s = clock("dumps_json (indent=2, as the CLI)", dumps_json, data)
    clock(
        "(reference) json.dumps(indent=2): the stdlib's pure-Python encoder",
        json.dumps,
        data,
        indent=2,
        ensure_ascii=False,
    )
    with open(os.devnull, "w") as null:
        clock("output guard", guard, s)
        clock("click.echo (write)", click.echo, s, file=null)
    out["(reference) json.dumps no indent (C encoder)"] = 0.0
    clock("(reference) json.dumps no indent (C encoder)", json.dumps, data, ensure_ascii=False)
    gc_after = [s["collections"] for s in gc.get_stats()]
    out["gc collections gen0/1/2 during load+diff+render"] = [b - a for a, b in zip(gc_before, gc_after)]
    # Quote verification is off in `diff` (verify_quotes=False); what it would cost:
    from pathlib import Path

    texts = SourceTexts()
    for p in plans:
        clock(
            "(not in diff) check_evidence: quote verification",
            check_evidence,
            p,
            Path(old).parent,
            lambda w, m: None,
            texts,
        )
    out["process total"] = time.process_time() - T0
    import resource

    out["peak RSS MB (ru_maxrss)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["held at the end: 2 plans + changeset + JSON doc + JSON text, RSS MB"] = rss_now()
    return {"out": out, "rss": rss}


def cli(old: str, new: str, gc_mode: str) -> dict:
    """The CLI as it is, in a fresh process, with garbage collection as given (on | off), for the what-if."""
    if gc_mode == "gc-off":
        gc.disable()
    import resource

    from plandiff.cli import main

    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        t = time.process_time()
        main(["diff", old, new, "--format", "json"])
        out["main(['diff', …]) in-process"] = time.process_time() - t
    out["process total"] = time.process_time() - T0
    out["peak RSS MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def whatif(old: str, new: str, spec: str) -> dict:
    """The CLI with candidate fixes patched in from outside (plandiff's code is untouched), to size each one.

    Patches reach into internals and may stop applying as the code changes; then the row says so.
    """
    steps = set(filter(None, spec.split("+")))
    import resource

    if "gc-off" in steps:
        gc.disable()
    import plandiff.cli as plandiff_cli
    import plandiff.output
    from plandiff.load import corpus, yamlsafe

    try:
        if "guard" in steps:  # both guard regexes need a line of 1,000+ characters to match
            orig = yamlsafe._looks_deep

            def looks_deep(text, orig=orig):
                if text.count("[") + text.count("{") > yamlsafe._FLOW_OPENERS_SAFE:
                    return True
                return max(map(len, text.split("\n"))) >= 1000 and orig(text)

            yamlsafe._looks_deep = looks_deep
        if "orjson" in steps:  # byte-identical to dumps_json (indent=2, ensure_ascii=False) on these reports
            import orjson

            def dumps_json(o, indent=2):
                return orjson.dumps(o, option=orjson.OPT_INDENT_2).decode()

            plandiff.output.dumps_json = dumps_json  # the report formats look it up when they render
        if "drop-nodes" in steps:  # a clean plan's Loaded keeps no YamlDoc (node graph, text, data)
            orig_loaded = corpus.Loaded

            def _loaded(path, plan, diags, doc=None, orig_loaded=orig_loaded):
                return orig_loaded(path, plan, diags, None if (plan is not None and not diags) else doc)

            corpus.Loaded = _loaded
    except Exception as exc:  # the internals moved
        return {"error": f"{exc.__class__.__name__}: {exc}"}
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        t, w = time.process_time(), time.perf_counter()
        plandiff_cli.main(["diff", old, new, "--format", "json"])
        out["cpu_s"], out["wall_s"] = time.process_time() - t, time.perf_counter() - w
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def cprofile(old: str, new: str) -> dict:
    """With gc off, so that collection pauses (measured by `phases`) are not charged to whichever function
    happened to allocate when a collection started."""
    gc.disable()
    prof = cProfile.Profile()
    from plandiff.cli import main

    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        t = time.process_time()
        prof.enable()
        main(["diff", old, new, "--format", "json"])
        prof.disable()
        out["cpu under cProfile"] = time.process_time() - t
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        rows.append({"file": file, "line": line, "func": func, "calls": nc, "tottime": tt, "cumtime": ct})
    return {"out": out, "rows": rows, "total": stats.total_tt}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    old, new, mode = args[:3]
    arg = args[3] if len(args) > 3 else ""
    modes = {
        "floors": lambda: floors(old, new),
        "phases": lambda: phases(old, new, arg == "gc-off"),
        "cli": lambda: cli(old, new, arg),
        "whatif": lambda: whatif(old, new, arg),
        "cprofile": lambda: cprofile(old, new),
    }
    if mode not in modes:
        sys.exit(f"_profile: unknown mode {mode!r} (one of {', '.join(modes)})")
    print(json.dumps(modes[mode]()))


if __name__ == "__main__":
    main()
