"""How fast and how lean is `plandiff diff` on large plans, next to the floor and generic differs?

    python benchmarks/bench_diff.py                          # N = 100, 1,000, 10,000; markdown table
    python benchmarks/bench_diff.py --sizes 1000 --repeat 5
    python benchmarks/bench_diff.py --json                   # the same numbers as JSON
    python benchmarks/bench_diff.py --profile 10000          # where plandiff diff spends its time
    python benchmarks/bench_diff.py --shapes long-summaries  # one shape of pair (default: all of gen_pair.SHAPES)

For each shape and N a seeded pair from benchmarks/gen_pair.py is generated
once and cached in benchmarks/out/N/ or benchmarks/out/SHAPE-N/ (git-ignored). Then, in the same run and each in
a fresh subprocess, interleaved round by round so drift in machine load hits
every tool alike:

  floor (gc off)  PyYAML's C loader (`yaml.load(f, Loader=yaml.CSafeLoader)`)
                  on both files with `gc.disable()`, both documents kept in
                  memory: the least any Python differ has to do to see the data;
  floor (gc on)   the same with garbage collection left on;
  plandiff        `plandiff diff OLD NEW --format json`, run as
                  `plandiff.cli.main([...])` with its output going to a file;
  deepdiff        `DeepDiff(a, b, ignore_order=True)` on the two loaded documents, result `.to_json()` to a file;
  jsondiff        `jsondiff.diff(a, b, syntax='symmetric', dump=True)` to a file;
  graphtage       what the `graphtage OLD NEW` command does (build both trees, diff, print), output to a file;
                  only for N <= 1,000, with a time limit.

Wall time is measured around each subprocess (interpreter start-up
included); peak RSS is what the subprocess itself reports from
`getrusage(RUSAGE_SELF).ru_maxrss` when its work is done. Bytecode is cached
(in benchmarks/out/pycache) and stdout buffered, whatever PYTHONDONTWRITEBYTECODE
or PYTHONUNBUFFERED say in the calling shell. Correctness is
computed from each tool's output against OUTDIR/truth.json.

Targets at N = 10,000: plandiff ≤ 1.5 × the gc-off floor's time; growth of
plandiff's time from N = 1,000 to 10,000 ≤ 12 ×; peak memory ≤ 1.5 × the
floor's; the report equals the truth exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out"
sys.path.insert(0, str(REPO / "benchmarks"))

TIME_TARGET, GROWTH_TARGET, MEM_TARGET = 1.5, 12.0, 1.5
TOOLS = ("floor-gc-off", "floor-gc-on", "plandiff", "deepdiff", "jsondiff", "graphtage")
LABEL = {
    "floor-gc-off": "floor: CSafeLoader, gc off",
    "floor-gc-on": "floor: CSafeLoader, gc on",
    "plandiff": "plandiff diff --format json",
    "deepdiff": "DeepDiff(ignore_order=True)",
    "jsondiff": "jsondiff (symmetric)",
    "graphtage": "graphtage",
}

# One runner for every tool (benchmarks/_runner.py): argv = TOOL OLD NEW [SIDE-FILE]; the tool's output goes to
# stdout (a file), and the last line on stderr is "BENCH {json}" with the peak RSS and the in-process time.
RUNNER = [sys.executable, "-m", "benchmarks._runner"]
# The profiler's side (benchmarks/_profile.py): argv = OLD NEW MODE [ARG]; one JSON line on stdout.
PROFILER = [sys.executable, "-m", "benchmarks._profile"]


# --- the pairs ----------------------------------------------------------------------------------------------


def ensure_pair(n: int, seed: int, shape: str = "standard") -> Path:
    """benchmarks/out/N (or SHAPE-N) with a pair generated for (n, seed, shape) by the current gen_pair.py."""
    import gen_pair

    d = OUT / (str(n) if shape == "standard" else f"{shape}-{n}")
    params = d / "params.json"
    fresh = False
    if params.exists() and (d / "old.yaml").exists() and (d / "new.yaml").exists() and (d / "truth.json").exists():
        p = json.loads(params.read_text())
        fresh = (
            p.get("n") == n
            and p.get("seed") == seed
            and p.get("shape", "standard") == shape
            and params.stat().st_mtime >= Path(gen_pair.__file__).stat().st_mtime
        )
    if not fresh:
        print(f"bench_diff: generating the N={n} {shape} pair in {d} …", file=sys.stderr)
        gen_pair.write_pair(n, d, seed, shape)
    return d


# --- running ------------------------------------------------------------------------------------------------


def bench_env() -> dict:
    """The environment of every timed process: bytecode cached (in a private tree under benchmarks/out/, so
    nothing is written into the checkout), as in a pip-installed copy, and stdout buffered as usual."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONUNBUFFERED", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


def run_tool(tool: str, d: Path, timeout: float | None) -> dict:
    """One fresh subprocess: wall time, peak RSS, and where its output went."""
    suffix = "txt" if tool == "graphtage" else "json"
    out_path = d / f"result-{tool}.{suffix}"
    side = d / f"result-{tool}-pairs.json"
    cmd = [*RUNNER, tool, str(d / "old.yaml"), str(d / "new.yaml"), str(side)]
    with open(out_path if not tool.startswith("floor") else os.devnull, "wb") as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=REPO, env=bench_env(), start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # the runner and anything it started; only ours
            proc.wait()
            return {"timeout": timeout}
        wall = time.perf_counter() - t
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    m = re.search(r"^BENCH (\{.*\})\s*$", stderr, re.M)
    if m is None:
        return {"error": f"exit {proc.returncode}: {stderr.strip()[-500:]}"}
    rep = json.loads(m.group(1))
    rss_kb = rep["rss_kb"] // 1024 if sys.platform == "darwin" else rep["rss_kb"]
    return {
        "wall_s": wall,
        "inner_s": rep["inner_s"],
        "cpu_s": rep["cpu_s"],
        "rss_mb": rss_kb / 1024,
        "rc": rep.get("rc"),
        "output": str(out_path),
        "side": str(side),
    }


# --- correctness --------------------------------------------------------------------------------------------


def _truth_pairs(truth: dict) -> set[tuple[str, str]]:
    return {(k, kind) for kind, keys in truth.items() for k in keys}


def check_plandiff(out: Path, truth: dict) -> dict:
    doc = json.loads(out.read_text(encoding="utf-8"))
    got = {(c["key"], c["kind"]) for c in doc["changes"] if c["kind"] != "unchanged"}
    want = _truth_pairs(truth)
    missed, false = sorted(want - got), sorted(got - want)
    ok = not missed and not false
    text = (
        f"exact ({len(got):,} changes)"
        if ok
        else f"missed {len(missed)}, false {len(false)}: "
        + ", ".join(f"{k} {kind}" for k, kind in (missed + false)[:4])
    )
    return {"exact": ok, "missed": missed, "false": false, "counts": doc.get("counts"), "text": text}


_PROV = re.compile(r"^root\['provisions'\]\['((?:[^'\\]|\\.)+)'\](.*)$")


def _generic(added: set, dropped: set, changed: dict[str, list[str]], truth: dict) -> dict:
    """Compare a generic differ's per-key view (added / dropped / changed with what it saw) with the truth."""
    t_add, t_drop = set(truth["added"]), set(truth["dropped"])
    t_chg, t_ren = (
        set(truth["changed"]) | set(truth["reworded"]),
        set(truth["renumbered"]),
    )  # a rewording is a change to them
    ren_seen = Counter()
    for k in t_ren:
        ren_seen[" + ".join(sorted(set(changed[k]))) if k in changed else "not reported"] += 1
    false = sorted(set(changed) - t_chg - t_ren)
    res = {
        "added_exact": added == t_add,
        "dropped_exact": dropped == t_drop,
        "added_missed": len(t_add - added),
        "added_false": len(added - t_add),
        "dropped_missed": len(t_drop - dropped),
        "dropped_false": len(dropped - t_drop),
        "changed_missed": len(t_chg - set(changed)),
        "renumbered_as": dict(ren_seen),
        "false_changes": len(false),
        "false_examples": false[:5],
    }
    return res


def check_deepdiff(out: Path, truth: dict) -> dict:
    doc = json.loads(out.read_text(encoding="utf-8"))
    added, dropped, changed = set(), set(), {}
    for report, items in doc.items():
        for path in items:
            m = _PROV.match(path)
            if not m:
                continue
            key, rest = m.group(1), m.group(2)
            if rest == "" and report == "dictionary_item_added":
                added.add(key)
            elif rest == "" and report == "dictionary_item_removed":
                dropped.add(key)
            else:
                field = re.match(r"^\['([^']*)'\]", rest)
                changed.setdefault(key, []).append(f"{report} on {field.group(1) if field else rest or '(whole)'}")
    res = _generic(added, dropped, changed, truth)
    res["text"] = _generic_text(res, len(truth["renumbered"]))
    return res


def check_jsondiff(out: Path, truth: dict) -> dict:
    doc = json.loads(out.read_text(encoding="utf-8"))
    prov = doc.get("provisions", {}) if isinstance(doc, dict) else {}
    added, dropped, changed = set(), set(), {}
    if isinstance(prov, list):  # the whole mapping replaced: [old, new]
        changed = {k: ["provisions replaced whole"] for k in set(prov[0]) | set(prov[1])}
    else:
        for key, sub in prov.items():
            if key == "$insert":
                added |= set(sub)
            elif key == "$delete":
                dropped |= set(sub)
            elif key.startswith("$"):
                changed.setdefault(key, []).append(key)
            else:
                if isinstance(sub, dict):
                    fields = [f"change in {f}" for f in sub if not f.startswith("$")]
                    fields += [f"{f} of fields" for f in sub if f.startswith("$")]
                else:
                    fields = ["provision replaced whole"]
                changed[key] = fields
    res = _generic(added, dropped, changed, truth)
    res["text"] = _generic_text(res, len(truth["renumbered"]))
    return res


def check_graphtage(side: Path, truth: dict) -> dict:
    g = json.loads(side.read_text())
    t_add, t_drop = set(truth["added"]), set(truth["dropped"])
    pairs = [tuple(p) for p in g["pairs"]]
    paired_drop_add = [p for p in pairs if p[0] in t_drop and p[1] in t_add]
    other_pairs = [p for p in pairs if p not in paired_drop_add]
    changed = set(g["changed"])
    t_chg, t_ren = (
        set(truth["changed"]) | set(truth["reworded"]),
        set(truth["renumbered"]),
    )  # a rewording is a change to them
    res = {
        "pairs": len(pairs),
        "dropped_paired_with_added": len(paired_drop_add),
        "dropped": len(t_drop),
        "other_key_pairs": len(other_pairs),
        "pair_examples": paired_drop_add[:3],
        "unpaired_dropped": len(set(g["dropped"]) & t_drop),
        "unpaired_added": len(set(g["added"]) & t_add),
        "changed_missed": len(t_chg - changed),
        "renumbered_reported_changed": len(t_ren & changed),
        "false_changes": len(changed - t_chg - t_ren),
    }
    bits = [
        f"pairs {len(paired_drop_add)}/{len(t_drop)} dropped with added provisions (as key edits); "
        f"reports {res['unpaired_dropped']} dropped, {res['unpaired_added']} added",
        f"renumbered as ordinary edits {res['renumbered_reported_changed']}/{len(t_ren)}",
    ]
    if res["other_key_pairs"]:
        bits.append(f"{res['other_key_pairs']} other key pairings")
    if res["changed_missed"]:
        bits.append(f"changed missed {res['changed_missed']}")
    bits.append(f"false {res['false_changes']}")
    res["text"] = "; ".join(bits)
    return res


def _generic_text(res: dict, n_ren: int) -> str:
    bits = []
    ad = (
        "added/dropped exact"
        if res["added_exact"] and res["dropped_exact"]
        else (
            f"added missed {res['added_missed']} false {res['added_false']}, "
            f"dropped missed {res['dropped_missed']} false {res['dropped_false']}"
        )
    )
    bits.append(ad)
    how = "; ".join(f"{v}/{n_ren} as {k}" for k, v in sorted(res["renumbered_as"].items(), key=lambda kv: -kv[1]))
    bits.append(f"renumbered not told apart: {how}")
    if res["changed_missed"]:
        bits.append(f"changed missed {res['changed_missed']}")
    bits.append(f"false {res['false_changes']}")
    return "; ".join(bits)


def correctness(tool: str, result: dict, truth: dict) -> dict | None:
    if "output" not in result:
        return None
    if tool == "plandiff":
        return check_plandiff(Path(result["output"]), truth)
    if tool == "deepdiff":
        return check_deepdiff(Path(result["output"]), truth)
    if tool == "jsondiff":
        return check_jsondiff(Path(result["output"]), truth)
    if tool == "graphtage":
        return check_graphtage(Path(result["side"]), truth)
    return None


# --- the benchmark ------------------------------------------------------------------------------------------


def available(tool: str) -> bool:
    mod = {"deepdiff": "deepdiff", "jsondiff": "jsondiff", "graphtage": "graphtage"}.get(tool)
    if mod is None:
        return True
    import importlib.util

    return importlib.util.find_spec(mod) is not None


def code_state() -> dict:
    """The commit and a digest of uncommitted changes to plandiff/, to notice code changing under a run."""
    import hashlib

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return ""

    dirty = git("diff", "HEAD", "--", "plandiff") + git("status", "--porcelain", "--", "plandiff")
    return {
        "head": git("rev-parse", "--short", "HEAD").strip(),
        "plandiff_uncommitted_sha1": hashlib.sha1(dirty.encode()).hexdigest()[:12] if dirty.strip() else None,
    }


def bench(
    sizes: list[int],
    repeat: int,
    seed: int,
    tools: list[str],
    g_timeout: float,
    g_max: int,
    timeout: float,
    warmup: bool,
    shapes: list[str] = ("standard",),
) -> dict:
    missing = [t for t in tools if not available(t)]
    if missing:
        print(
            f"bench_diff: not installed: {', '.join(missing)} (pip install -e '.[bench]'); skipping them",
            file=sys.stderr,
        )
    tools = [t for t in tools if t not in missing]
    # Compile every module the runs import once, into the private bytecode cache, outside the timings.
    mods = ["yaml", "plandiff.cli", "plandiff.diff", "plandiff.render.json_report", "plandiff.load"]
    mods += [t for t in ("deepdiff", "jsondiff", "graphtage") if t in tools]
    subprocess.run([sys.executable, "-c", "import " + ", ".join(mods)], cwd=REPO, env=bench_env(), check=False)
    results = []
    load_before = os.getloadavg()
    code_before = code_state()
    for shape, n in [(shape, n) for shape in shapes for n in sizes]:
        d = ensure_pair(n, seed, shape)
        truth = json.loads((d / "truth.json").read_text())
        plan = [t for t in tools if t != "graphtage" or n <= g_max]
        runs: dict[str, list[dict]] = {t: [] for t in plan}
        if warmup:  # bytecode and page cache, for the cheap runs
            for t in plan:
                if t in ("floor-gc-off", "floor-gc-on", "plandiff"):
                    run_tool(t, d, timeout)
        reps = {t: (1 if t == "graphtage" else repeat) for t in plan}
        for r in range(max(reps.values())):
            for t in plan:
                if r < reps[t] and not any("timeout" in x or "error" in x for x in runs[t]):
                    res = run_tool(t, d, g_timeout if t == "graphtage" else timeout)
                    runs[t].append(res)
                    what = (
                        f"{res['wall_s']:.2f} s, {res['rss_mb']:.0f} MB" if "wall_s" in res else json.dumps(res)[:200]
                    )
                    print(f"bench_diff: {shape} N={n:,} {t} run {r + 1}: {what}", file=sys.stderr)
        for t in plan:
            ok = [x for x in runs[t] if "wall_s" in x]
            row = {
                "shape": shape,
                "n": n,
                "tool": t,
                "label": LABEL[t],
                "runs": len(runs[t]),
                "old_bytes": (d / "old.yaml").stat().st_size,
                "new_bytes": (d / "new.yaml").stat().st_size,
            }
            if len(ok) == len(runs[t]) and ok:
                row.update(
                    {
                        "median_s": statistics.median(x["wall_s"] for x in ok),
                        "min_s": min(x["wall_s"] for x in ok),
                        "inner_median_s": statistics.median(x["inner_s"] for x in ok),
                        "cpu_median_s": statistics.median(x["cpu_s"] for x in ok),
                        "peak_mb": max(x["rss_mb"] for x in ok),
                        "walls_s": [x["wall_s"] for x in ok],
                    }
                )
                row["correctness"] = correctness(t, ok[-1], truth)
            else:
                bad = next(x for x in runs[t] if "wall_s" not in x)
                row["timeout_s" if "timeout" in bad else "error"] = bad.get("timeout", bad.get("error"))
            results.append(row)
        floor = next(
            (
                r
                for r in results
                if r["n"] == n and r["shape"] == shape and r["tool"] == "floor-gc-off" and "median_s" in r
            ),
            None,
        )
        for row in results:
            if row["n"] == n and row["shape"] == shape and floor and "median_s" in row:
                row["x_floor_time"] = row["median_s"] / floor["median_s"]
                row["x_floor_mem"] = row["peak_mb"] / floor["peak_mb"]
                row["x_floor_cpu"] = row["cpu_median_s"] / floor["cpu_median_s"]
    return {
        "benchmark": "plandiff diff on generated plan pairs",
        "python": platform.python_version(),
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "repeat": repeat,
        "seed": seed,
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
        "code_before": code_before,
        "code_after": code_state(),
        "results": results,
        "shapes": list(shapes),
        "verdicts": {shape: verdict([r for r in results if r["shape"] == shape]) for shape in shapes},
        "verdict": verdict([r for r in results if r["shape"] == shapes[0]]),
    }


def verdict(results: list[dict]) -> dict:
    """The targets for one shape of pair."""

    def get(n, tool):
        return next((r for r in results if r["n"] == n and r["tool"] == tool and "median_s" in r), None)

    big = max((r["n"] for r in results), default=None)
    out: dict = {"n": big}
    p, f = get(big, "plandiff"), get(big, "floor-gc-off")
    if p and f:
        out["time"] = {
            "ratio": p["x_floor_time"],
            "cpu_ratio": p["x_floor_cpu"],
            "target": TIME_TARGET,
            "met": p["x_floor_time"] <= TIME_TARGET,
        }
        out["memory"] = {"ratio": p["x_floor_mem"], "target": MEM_TARGET, "met": p["x_floor_mem"] <= MEM_TARGET}
        c = p.get("correctness") or {}
        out["truth"] = {"met": bool(c.get("exact")), "text": c.get("text")}
    small = get(big // 10, "plandiff") if big else None
    if p and small:
        g = p["median_s"] / small["median_s"]
        out["growth"] = {
            "from": big // 10,
            "ratio": g,
            "cpu_ratio": p["cpu_median_s"] / small["cpu_median_s"],
            "target": GROWTH_TARGET,
            "met": g <= GROWTH_TARGET,
        }
    return out


def markdown(report: dict) -> str:
    lines = [
        "| shape | N | tool | median s | peak MB | × floor time | × floor mem | CPU s (× floor) | correctness |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in report["results"]:
        if "median_s" in r:
            med, mb = f"{r['median_s']:.2f}", f"{r['peak_mb']:.0f}"
            xt = f"{r['x_floor_time']:.2f}" if "x_floor_time" in r else ""
            xm = f"{r['x_floor_mem']:.2f}" if "x_floor_mem" in r else ""
            cpu = f"{r['cpu_median_s']:.2f}" + (f" ({r['x_floor_cpu']:.2f})" if "x_floor_cpu" in r else "")
            corr = (r.get("correctness") or {}).get("text", "—")
        elif "timeout_s" in r:
            med, mb, xt, xm, cpu = f"> {r['timeout_s']:g}", "—", "—", "—", "—"
            corr = f"timed out after {r['timeout_s']:g} s"
        else:
            med, mb, xt, xm, cpu, corr = "error", "—", "—", "—", "—", r.get("error", "")[:80]
        lines.append(f"| {r['shape']} | {r['n']:,} | {r['label']} | {med} | {mb} | {xt} | {xm} | {cpu} | {corr} |")
    for shape, v in report["verdicts"].items():
        lines += _verdict_lines(shape, v)
    return "\n".join(lines) + "\n"


def _verdict_lines(shape: str, v: dict) -> list[str]:
    lines = ["", f"Targets at N = {v.get('n') or 0:,}, {shape} pairs:"]
    yes = {True: "met", False: "**missed**"}
    if "time" in v:
        lines.append(
            f"- time ≤ {TIME_TARGET}× floor (gc off): {v['time']['ratio']:.2f}× — {yes[v['time']['met']]}"
            f" (CPU time: {v['time']['cpu_ratio']:.2f}×)"
        )
    if "growth" in v:
        lines.append(
            f"- growth {v['growth']['from']:,} → {v['n']:,} ≤ {GROWTH_TARGET:g}×: "
            f"{v['growth']['ratio']:.1f}× — {yes[v['growth']['met']]} (CPU time: {v['growth']['cpu_ratio']:.1f}×)"
        )
    if "memory" in v:
        lines.append(f"- peak memory ≤ {MEM_TARGET}× floor: {v['memory']['ratio']:.2f}× — {yes[v['memory']['met']]}")
    if "truth" in v:
        lines.append(f"- report == truth: {v['truth']['text']} — {yes[v['truth']['met']]}")
    return lines


# --- profiling ----------------------------------------------------------------------------------------------


CATEGORIES = [  # (name, test on file path / function name); first match wins
    (
        "yaml.compose own time: the C parser/composer (Cython methods are not profiled separately)",
        lambda f, fn: f.endswith("yaml/__init__.py") and fn == "compose",
    ),
    ("yaml resolver.resolve & co (Python, called by the C composer per scalar)", lambda f, fn: "yaml/resolver.py" in f),
    ("yaml Node.__init__ (Python, called by the C composer per node)", lambda f, fn: "yaml/nodes.py" in f),
    ("yaml, other (scalar constructors …)", lambda f, fn: "/yaml/" in f),
    ("_Builder nodes→data (load/yamlsafe.py)", lambda f, fn: "plandiff/load/yamlsafe.py" in f),
    ("validation (load/plan.py)", lambda f, fn: "plandiff/load/plan.py" in f),
    ("validation (load/values.py)", lambda f, fn: "plandiff/load/values.py" in f),
    ("quote verification (load/evidence.py)", lambda f, fn: "plandiff/load/evidence.py" in f),
    ("load/corpus.py (load_plan: sorted(set(diagnostics)) …)", lambda f, fn: "plandiff/load/corpus.py" in f),
    ("model.py (to_data, dataclass __init__/__eq__)", lambda f, fn: "plandiff/model.py" in f or f == "<string>"),
    ("diff: compare.py", lambda f, fn: "plandiff/diff/compare.py" in f),
    ("diff: words.py", lambda f, fn: "plandiff/diff/words.py" in f),
    ("diff: diff_match_patch", lambda f, fn: "diff_match_patch" in f),
    ("diff: describe.py / align.py / changes.py", lambda f, fn: "plandiff/diff/" in f),
    ("render: json_report.py", lambda f, fn: "plandiff/render/json_report.py" in f),
    ("json.dumps (pure-Python encoder under indent=2)", lambda f, fn: "/json/" in f),
    ("click (incl. echo)", lambda f, fn: "/click/" in f),
    ("taxonomy", lambda f, fn: "plandiff/taxonomy.py" in f),
    (
        "imports (importlib, marshal …)",
        lambda f, fn: (
            "importlib" in f
            or fn
            in (
                "<built-in method marshal.loads>",
                "<built-in method builtins.exec>",
                "<built-in method _imp.create_dynamic>",
            )
        ),
    ),
]


def categorise(rows: list[dict]) -> dict[str, float]:
    cats: dict[str, float] = {}
    for r in rows:
        f, fn = r["file"], r["func"]
        if f == "~":  # built-ins: attribute to the caller's category is not possible from flat stats
            name = None
            if True:
                if "isinstance" in fn or "hash" in fn or fn == "id" or "built-in method builtins.id" in fn:
                    name = "built-ins: isinstance/id/hash (mostly _Builder, validation)"
                elif "json" in fn or "encode" in fn:
                    name = "json.dumps (pure-Python encoder under indent=2)"
                elif fn == "<method 'search' of 're.Pattern' objects>":
                    name = "regex searches over the whole text (yamlsafe: _looks_deep guard, control-character scan)"
                elif "re.Pattern" in fn:
                    name = "regex match/findall (validation, words.py tokens)"
                elif "marshal" in fn or "builtins.exec" in fn or "_imp" in fn or "posix" in fn or "io" in fn:
                    name = "imports (importlib, marshal …)"
                else:
                    name = "other built-ins (" + fn[:40] + ")" if r["tottime"] > 0.05 else "other built-ins"
        else:
            name = next((c for c, test in CATEGORIES if test(f, fn)), "other Python")
        cats[name] = cats.get(name, 0.0) + r["tottime"]
    return dict(sorted(cats.items(), key=lambda kv: -kv[1]))


def _short(r: dict) -> str:
    f = r["file"]
    for marker in ("/plandiff/", "/site-packages/", "/lib/python3"):
        if marker in f:
            f = f[f.index(marker) + 1 :]
            break
    return f"{f}:{r['line']}({r['func']})" if r["file"] != "~" else r["func"]


def profile(n: int, seed: int, top: int, shape: str = "standard") -> str:
    d = ensure_pair(n, seed, shape)
    old, new = str(d / "old.yaml"), str(d / "new.yaml")

    def run(*args):
        p = subprocess.run([*PROFILER, old, new, *args], capture_output=True, text=True, cwd=REPO, env=bench_env())
        if p.returncode != 0:
            sys.exit(f"bench_diff --profile: {p.stderr[-2000:]}")
        return json.loads(p.stdout.strip().splitlines()[-1])

    floors = run("floors")
    ph, ph_nogc = run("phases"), run("phases", "gc-off")
    phases, rss_on = ph["out"], ph["rss"]
    phases_nogc, rss_off = ph_nogc["out"], ph_nogc["rss"]
    cli_on, cli_off = run("cli", "gc-on"), run("cli", "gc-off")
    whatifs = ["", "gc-off", "gc-off+guard", "gc-off+guard+orjson", "gc-off+guard+orjson+drop-nodes"]
    whatif = {w: [] for w in whatifs}
    for _ in range(3):  # interleaved; the best CPU time of three
        for w in whatifs:
            whatif[w].append(run("whatif", w))
    prof = run("cprofile")
    rows = prof["rows"]
    lines = [
        f"## Profile of `plandiff diff --format json` at N = {n:,}, {shape} pair "
        f"({(d / 'old.yaml').stat().st_size / 1e6:.1f} MB + {(d / 'new.yaml').stat().st_size / 1e6:.1f} MB)",
        "",
        f"Code: {code_state()}; Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}.",
        "",
        "### Floors (in-process CPU time, best of 3, both files)",
        "",
    ]
    lines += [f"- {k}: {v:.3f} s" for k, v in floors.items()]
    lines += [
        "",
        "### The CLI in a fresh process, in-process CPU time (gc as is | gc.disable() first)",
        "",
        "| | gc on (as shipped) | gc off |",
        "|---|---:|---:|",
    ]
    for k in cli_on:
        lines.append(f"| {k} | {cli_on[k]:.2f} | {cli_off[k]:.2f} |")
    lines += [
        "",
        "### What-if: the CLI with candidate fixes patched in (fresh process each; best of 3)",
        "",
        "| patched in | CPU s | wall s | peak MB |",
        "|---|---:|---:|---:|",
    ]
    for w, rs in whatif.items():
        if any("error" in r for r in rs):
            lines.append(f"| {w or 'nothing (as shipped)'} | n/a: {next(r['error'] for r in rs if 'error' in r)} | | |")
            continue
        lines.append(
            f"| {w.replace('+', ' + ') or 'nothing (as shipped)'} | {min(r['cpu_s'] for r in rs):.2f} | "
            f"{min(r['wall_s'] for r in rs):.2f} | {max(r['peak_mb'] for r in rs):.0f} |"
        )
    lines += [
        "",
        "### Phases of the diff path, no profiler: CPU seconds, and RSS (MB) after the phase",
        "(gc on, as in the CLI | gc off)",
        "",
        "| phase | s, gc on | s, gc off | RSS after, gc on | RSS after, gc off |",
        "|---|---:|---:|---:|---:|",
    ]

    def fmt(x) -> str:
        return f"{x:.3f}" if isinstance(x, float) else str(x)

    for k, v in phases.items():
        w = phases_nogc.get(k)
        r1, r2 = rss_on.get(k), rss_off.get(k)
        lines.append(
            f"| {k} | {fmt(v)} | {fmt(w) if w is not None else ''} | "
            f"{f'{r1:.0f}' if r1 else ''} | {f'{r2:.0f}' if r2 else ''} |"
        )
    lines += [
        "",
        f"### cProfile, gc off: {prof['out']['cpu under cProfile']:.2f} s CPU under the profiler "
        f"(its overhead inflates Python-heavy parts; the GC's share is in the tables above); "
        f"tottime by area",
        "",
        "| area | tottime s | share |",
        "|---|---:|---:|",
    ]
    total = sum(r["tottime"] for r in rows)
    for k, v in categorise(rows).items():
        if v >= 0.005:
            lines.append(f"| {k} | {v:.3f} | {v / total:.0%} |")
    for key, title in (("cumtime", "cumulative"), ("tottime", "own time (tottime)")):
        lines += [
            "",
            f"### Top {top} by {title}",
            "",
            "| function | calls | tottime s | cumtime s |",
            "|---|---:|---:|---:|",
        ]
        for r in sorted(rows, key=lambda r: -r[key])[:top]:
            lines.append(f"| {_short(r)} | {r['calls']:,} | {r['tottime']:.3f} | {r['cumtime']:.3f} |")
    text = "\n".join(lines) + "\n"
    (OUT / f"profile-{'' if shape == 'standard' else shape + '-'}{n}.md").write_text(text, encoding="utf-8")
    return text


# --- main ---------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated N (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool, median reported (graphtage: 1)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--shapes",
        default="standard,long-summaries,many-evidence",
        help="comma-separated pair shapes from gen_pair.py (default: %(default)s)",
    )
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ", ".join(TOOLS))
    ap.add_argument("--graphtage-timeout", type=float, default=120.0)
    ap.add_argument("--graphtage-max", type=int, default=1000, help="largest N graphtage runs at")
    ap.add_argument("--timeout", type=float, default=900.0, help="time limit for every other run")
    ap.add_argument("--no-warmup", action="store_true", help="skip the untimed warm-up run of the cheap tools")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of markdown")
    ap.add_argument("--profile", type=int, metavar="N", help="profile plandiff diff at N instead of benchmarking")
    ap.add_argument("--top", type=int, default=25, help="rows in each profile table")
    args = ap.parse_args(argv)
    shapes = [s for s in args.shapes.split(",") if s]
    import gen_pair

    if set(shapes) - set(gen_pair.SHAPES):
        ap.error(f"unknown shapes: {', '.join(sorted(set(shapes) - set(gen_pair.SHAPES)))}")
    if args.profile:
        for shape in shapes:
            print(profile(args.profile, args.seed, args.top, shape))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    tools = [t for t in args.tools.split(",") if t]
    bad = set(tools) - set(TOOLS)
    if bad:
        ap.error(f"unknown tools: {', '.join(sorted(bad))}")
    report = bench(
        sizes,
        args.repeat,
        args.seed,
        tools,
        args.graphtage_timeout,
        args.graphtage_max,
        args.timeout,
        not args.no_warmup,
        shapes,
    )
    (OUT / "bench_diff.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        la, lb = report["loadavg_before"], report["loadavg_after"]
        print(
            f"Machine: {report['nproc']} CPUs, Python {report['python']} ({report['platform']}); "
            f"median of {args.repeat} runs (graphtage: 1); load average {la[0]:.1f} before, {lb[0]:.1f} after\n"
        )
        cb, ca = report["code_before"], report["code_after"]
        print(
            f"Code: {cb['head']}"
            + (
                f" + uncommitted plandiff/ changes ({cb['plandiff_uncommitted_sha1']})"
                if cb["plandiff_uncommitted_sha1"]
                else ""
            )
            + "\n"
        )
        if cb != ca:
            print(f"**Warning: plandiff's code changed during the run ({cb} → {ca}); the rows mix versions.**\n")
        print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
