"""One runner for every tool bench_diff times, each in a fresh process (the subprocess side of bench_diff.py).

    python -m benchmarks._runner TOOL OLD NEW [SIDE-FILE]

The tool's output goes to stdout (a file), and the last line on stderr is
"BENCH {json}" with the peak RSS and the in-process time. TOOL is
floor-gc-off, floor-gc-on (PyYAML's C loader, both documents kept, as a
differ must), plandiff (`plandiff diff --format json`), deepdiff, jsondiff
or graphtage; graphtage also writes how it paired the provisions to
SIDE-FILE (after the timed part).
"""

import time

T0 = time.perf_counter()  # first, so the in-process time includes the imports below

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402


def _load_both(old: str, new: str) -> list:
    import yaml

    docs = []  # both kept, as a differ must
    for path in (old, new):
        with open(path, "rb") as fh:
            docs.append(yaml.load(fh, Loader=yaml.CSafeLoader))
    return docs


def _report(extra: dict) -> None:
    t1 = time.perf_counter()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    rss, cpu = ru.ru_maxrss, ru.ru_utime + ru.ru_stime
    print("BENCH " + json.dumps({"rss_kb": rss, "inner_s": t1 - T0, "cpu_s": cpu, **extra}), file=sys.stderr)


def _graphtage(old: str, new: str, side: str) -> dict:
    """Diff with graphtage as `graphtage OLD NEW` would; returns the BENCH figures, then writes the pairing."""
    import graphtage
    from graphtage import BuildOptions, KeyValuePairNode
    from graphtage.edits import Remove
    from graphtage.printer import Printer, set_default_printer

    printer = Printer(sys.stdout, ansi_color=False, quiet=True)
    set_default_printer(printer)
    # the `graphtage OLD NEW` defaults (dict strategy "auto": key edits allowed)
    options = BuildOptions(
        allow_key_edits=True,
        auto_match_keys=True,
        allow_list_edits=True,
        allow_list_edits_when_same_length=True,
        ignore_list_order=False,
    )
    options.printer = printer
    fmt = graphtage.FILETYPES_BY_TYPENAME["yaml"]
    a = fmt.build_tree_handling_errors(old, options)
    b = fmt.build_tree_handling_errors(new, options)
    d = a.diff(b)
    fmt.get_default_formatter().print(printer, d)
    printer.write("\n")
    printer.close()
    sys.stdout.flush()
    t1 = time.perf_counter()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    figures = {"rss_kb": ru.ru_maxrss, "inner_s": t1 - T0, "cpu_s": ru.ru_utime + ru.ru_stime}
    # How graphtage paired the provisions (after the timed part; cheap next to the diff).
    prov = next(kvp.value for kvp in d.children() if getattr(kvp.key, "object", None) == "provisions")
    pairs, changed, dropped = [], [], []
    for kvp in prov.children():
        e = kvp.edit
        key = kvp.key.object
        if e is None or isinstance(e, Remove) or getattr(kvp, "removed", False):
            dropped.append(key)
            continue
        to = e.to_node
        to_key = to.key.object if isinstance(to, KeyValuePairNode) else None
        while e.tighten_bounds():
            pass
        if to_key != key:
            pairs.append([key, to_key])
        elif e.bounds().upper_bound > 0:
            changed.append(key)
    added = [n.key.object for n in prov.inserted if isinstance(n, KeyValuePairNode)]
    with open(side, "w") as fh:
        json.dump({"pairs": pairs, "changed": changed, "dropped": dropped, "added": added}, fh)
    return figures


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    tool, old, new = args[:3]
    extra: dict = {}
    if tool.startswith("floor"):
        import gc

        if tool == "floor-gc-off":
            gc.disable()
        _load_both(old, new)
    elif tool == "plandiff":
        from plandiff.cli import main as plandiff_main

        extra["rc"] = plandiff_main(["diff", old, new, "--format", "json"])
        sys.stdout.flush()
    elif tool in ("deepdiff", "jsondiff"):
        docs = _load_both(old, new)
        if tool == "deepdiff":
            from deepdiff import DeepDiff

            sys.stdout.write(DeepDiff(docs[0], docs[1], ignore_order=True).to_json())
        else:
            import jsondiff

            sys.stdout.write(jsondiff.diff(docs[0], docs[1], syntax="symmetric", dump=True))
        sys.stdout.flush()
    elif tool == "graphtage":
        print("BENCH " + json.dumps(_graphtage(old, new, args[3])), file=sys.stderr)
        return
    else:
        sys.exit(f"_runner: unknown tool {tool!r}")
    _report(extra)


if __name__ == "__main__":
    main()
