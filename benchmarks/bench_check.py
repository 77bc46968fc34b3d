"""How much does `plandiff check plans/` cost over just reading the plan files?

This is the pre-commit path: every commit that touches a plan file starts a
fresh `plandiff check` process, so what matters is the wall time of the whole
process, interpreter start-up included. The yardstick ("bare") is a fresh
Python process that imports PyYAML, loads the same plan files with
`yaml.CSafeLoader` and reads the cited articles: the least any checker written
in Python has to do. Target: check ≤ 3 × bare (median wall time).

    python benchmarks/bench_check.py                 # markdown table
    python benchmarks/bench_check.py --json          # the same numbers as JSON
    python benchmarks/bench_check.py --profile       # plus where check spends its time

Runs are interleaved (bare, check, bare, check, …) so drift in machine load
hits all commands alike. Peak RSS comes from GNU `/usr/bin/time -v` when it is
available, otherwise from a fresh wrapper process's RUSAGE_CHILDREN (which then
covers exactly one child).

Bytecode is cached for every process (in a private PYTHONPYCACHEPREFIX tree,
so nothing is written into the checkout), as it is in any pip-installed copy
such as pre-commit's hook virtualenv, even when the calling environment sets
PYTHONDONTWRITEBYTECODE. `--inherit-bytecode-env` keeps the environment as it
is, to show what compiling plandiff's modules on every run costs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = 3.0
ENV = dict(os.environ)  # replaced in main() by bytecode_env()


# --- measuring ------------------------------------------------------------------


def commands(plans: str) -> dict[str, list[str]]:
    py = sys.executable
    cmds = {
        "python -c pass (interpreter start-up)": [py, "-c", "pass"],
        "bare: import yaml, CSafeLoader the plans, read the articles": [
            py,
            str(REPO / "benchmarks" / "_bare.py"),
            plans,
        ],
        "plandiff check (python -m plandiff)": [py, "-m", "plandiff", "check", plans],
    }
    script = Path(py).parent / "plandiff"
    if not script.exists():
        found = shutil.which("plandiff")
        script = Path(found) if found else None
    if script is not None:
        cmds["plandiff check (console script)"] = [str(script), "check", plans]
    return cmds


def bytecode_env(cache_dir: str | None) -> dict:
    """The environment for every timed process.

    By default bytecode is cached (in a private PYTHONPYCACHEPREFIX tree, so
    nothing is written into the checkout), as in any pip-installed copy such as
    pre-commit's hook virtualenv. With cache_dir None, PYTHONDONTWRITEBYTECODE
    and friends are left as they are.
    """
    env = dict(os.environ)
    if cache_dir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache_dir
    return env


def run_once(cmd: list[str]) -> tuple[float, int]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO, env=ENV)
    return time.perf_counter() - t, proc.returncode


def gnu_time() -> str | None:
    if not os.path.exists("/usr/bin/time"):
        return None
    try:
        proc = subprocess.run(["/usr/bin/time", "-v", "true"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return "/usr/bin/time" if "Maximum resident set size" in proc.stderr else None


def peak_rss_kib(cmd: list[str], timer: str | None) -> int:
    if timer:
        proc = subprocess.run(
            [timer, "-v", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO, env=ENV
        )
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        if m:
            return int(m.group(1))
    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "_rss.py"), *cmd], capture_output=True, text=True, cwd=REPO, env=ENV
    ).stdout
    value = int(out.strip().splitlines()[-1])
    return value // 1024 if sys.platform == "darwin" else value  # bytes on macOS, KiB on Linux


def measure(plans: str, reps: int, warmup: int, rss_runs: int) -> dict:
    cmds = commands(plans)
    for name, cmd in cmds.items():
        _, rc = run_once(cmd)
        if rc != 0:
            sys.exit(f"bench_check: {name!r} exited {rc}; the plans must be clean to be timed: {' '.join(cmd)}")
    for _ in range(warmup):
        for cmd in cmds.values():
            run_once(cmd)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(reps):
        for name, cmd in cmds.items():
            times[name].append(run_once(cmd)[0])
    timer = gnu_time()
    rss = {name: statistics.median(peak_rss_kib(cmd, timer) for _ in range(rss_runs)) for name, cmd in cmds.items()}
    bare_name = next(n for n in cmds if n.startswith("bare"))
    bare_med = statistics.median(times[bare_name])
    bare_min = min(times[bare_name])
    rows = []
    for name, cmd in cmds.items():
        med, lo = statistics.median(times[name]), min(times[name])
        row = {
            "command": name,
            "argv": cmd,
            "median_ms": med * 1000,
            "min_ms": lo * 1000,
            "stdev_ms": statistics.stdev(times[name]) * 1000 if reps > 1 else 0.0,
            "peak_rss_mib": rss[name] / 1024,
        }
        if name.startswith("plandiff check"):
            row["ratio_median"] = med / bare_med
            row["ratio_min"] = lo / bare_min
            row["meets_target"] = row["ratio_median"] <= TARGET
        rows.append(row)
    checks = [r for r in rows if "meets_target" in r]
    return {
        "benchmark": "plandiff check (pre-commit path)",
        "target": f"check <= {TARGET:g} x bare (median wall time)",
        "meets_target": all(r["meets_target"] for r in checks),
        "reps": reps,
        "warmup": warmup,
        "rss_runs": rss_runs,
        "rss_method": "GNU /usr/bin/time -v" if timer else "RUSAGE_CHILDREN of a fresh wrapper process",
        "bytecode": "cached (private PYTHONPYCACHEPREFIX)"
        if "PYTHONPYCACHEPREFIX" in ENV and "PYTHONDONTWRITEBYTECODE" not in ENV
        else f"as inherited (PYTHONDONTWRITEBYTECODE={ENV.get('PYTHONDONTWRITEBYTECODE', '')!r})",
        "plans": plans,
        "plan_files": sum(1 for f in Path(plans).iterdir() if f.suffix in (".yaml", ".yml")),
        "source_articles": sum(1 for f in (Path(plans) / "sources").iterdir() if f.is_file())
        if (Path(plans) / "sources").is_dir()
        else 0,
        "machine": machine(),
        "rows": rows,
    }


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import yaml

        yaml_ver = f"{yaml.__version__} ({'LibYAML' if getattr(yaml, '__with_libyaml__', False) else 'pure Python'})"
    except ImportError:  # pragma: no cover
        yaml_ver = "?"
    return {
        "cpus": os.cpu_count(),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": platform.platform(),
        "pyyaml": yaml_ver,
    }


# --- profiling ------------------------------------------------------------------


def import_profile(plans: str, runs: int = 7) -> dict:
    """Median self-time of imports (python -X importtime), grouped by top-level package."""
    per_run: list[dict[str, float]] = []
    totals = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "plandiff", "check", plans],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=ENV,
        )
        groups: dict[str, float] = {}
        total = 0.0
        for line in proc.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if not m:
                continue
            self_us, name = int(m.group(1)), m.group(4)
            root = name.split(".")[0]
            groups[root] = groups.get(root, 0.0) + self_us / 1000
            total += self_us / 1000
        per_run.append(groups)
        totals.append(total)
    roots = {r for g in per_run for r in g}
    med = {r: statistics.median(g.get(r, 0.0) for g in per_run) for r in roots}
    top = sorted(med.items(), key=lambda kv: -kv[1])
    return {"total_import_ms": statistics.median(totals), "by_package_ms": dict(top)}


def call_profile(plans: str, top: int, runs: int = 7) -> dict:
    """Phase timings (median of `runs` fresh processes) and the cProfile of the median run."""
    results = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks._check_profile", plans],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=ENV,
        )
        if proc.returncode != 0:
            sys.exit(f"bench_check: profiling failed:\n{proc.stderr}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    phases = {k: statistics.median(r["phases"][k] for r in results) for k in results[0]["phases"]}
    key = "main(['check', plans]) under cProfile"
    data = sorted(results, key=lambda r: r["phases"][key])[len(results) // 2]
    rows = data["rows"]

    def short(where: str) -> str:
        for marker in ("site-packages/", "/plandiff/", "lib/python3"):
            i = where.find(marker)
            if i >= 0:
                return ("plandiff/" if marker == "/plandiff/" else "") + where[i + len(marker) :]
        return where

    for r in rows:
        r["where"] = short(r["where"])
    return {
        "rc": data["rc"],
        "runs": runs,
        "phases_ms": {k: v * 1000 for k, v in phases.items()},
        "top_cumulative": sorted(rows, key=lambda r: -r["cumtime"])[:top],
        "top_self": sorted(rows, key=lambda r: -r["tottime"])[:top],
    }


# --- output ---------------------------------------------------------------------


def markdown(result: dict) -> str:
    m = result["machine"]
    lines = [
        f"Machine: {m['nproc']} cores ({m['cpu'] or 'unknown CPU'}), {m['implementation']} {m['python']}, "
        f"PyYAML {m['pyyaml']}, {m['os']}.",
        f"Corpus: {result['plan_files']} plan files, {result['source_articles']} source articles. "
        f"{result['reps']} interleaved runs per command after {result['warmup']} warm-up rounds; "
        f"peak RSS is the median of {result['rss_runs']} runs ({result['rss_method']}). "
        f"Bytecode: {result['bytecode']}.",
        "",
        "| command | median (ms) | min (ms) | stdev (ms) | × bare (median) | × bare (min) | peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["rows"]:
        ratio = f"{r['ratio_median']:.2f}" if "ratio_median" in r else "—"
        ratio_min = f"{r['ratio_min']:.2f}" if "ratio_min" in r else "—"
        lines.append(
            f"| {r['command']} | {r['median_ms']:.1f} | {r['min_ms']:.1f} | {r['stdev_ms']:.1f} | "
            f"{ratio} | {ratio_min} | {r['peak_rss_mib']:.1f} |"
        )
    verdict = "meets" if result["meets_target"] else "MISSES"
    worst = max(r["ratio_median"] for r in result["rows"] if "ratio_median" in r)
    lines += ["", f"Verdict: {verdict} the target ({result['target']}); worst ratio {worst:.2f}×."]
    prof = result.get("profile")
    if prof:
        imp = prof["imports"]
        lines += [
            "",
            f"Import self-time (python -X importtime, median of runs): {imp['total_import_ms']:.1f} ms total",
            "",
            "| package | ms |",
            "|---|---:|",
        ]
        for name, ms in list(imp["by_package_ms"].items())[:15]:
            lines.append(f"| {name} | {ms:.1f} |")
        calls = prof["calls"]
        lines += [
            "",
            f"In-process phases (perf_counter, median of {calls['runs']} fresh processes):",
            "",
            "| phase | ms |",
            "|---|---:|",
        ]
        for name, ms in calls["phases_ms"].items():
            lines.append(f"| {name} | {ms:.1f} |")
        for title, key, col in (("cumulative", "top_cumulative", "cumtime"), ("self", "top_self", "tottime")):
            lines += [
                "",
                f"cProfile of main(['check', plans]) (the median run), top by {title} time:",
                "",
                "| function | calls | ms |",
                "|---|---:|---:|",
            ]
            for r in calls[key]:
                lines.append(f"| `{r['where']}` | {r['calls']} | {r[col] * 1000:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", default=str(REPO / "plans"), help="plans directory (default: this checkout's)")
    ap.add_argument("--reps", type=int, default=30, help="timed runs per command (default: 30)")
    ap.add_argument("--warmup", type=int, default=3, help="untimed rounds first (default: 3)")
    ap.add_argument("--rss-runs", type=int, default=5, help="runs for peak RSS (default: 5)")
    ap.add_argument("--profile", action="store_true", help="also profile imports and the check itself")
    ap.add_argument("--top", type=int, default=15, help="rows of cProfile output (default: 15)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a markdown table")
    ap.add_argument(
        "--inherit-bytecode-env",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE etc. as inherited instead of caching bytecode "
        "(shows the cost of compiling plandiff on every run)",
    )
    args = ap.parse_args(argv)
    global ENV
    with tempfile.TemporaryDirectory(prefix="bench-check-pycache-") as cache:
        ENV = bytecode_env(None if args.inherit_bytecode_env else cache)
        result = measure(args.plans, args.reps, args.warmup, args.rss_runs)
        if args.profile:
            result["profile"] = {"imports": import_profile(args.plans), "calls": call_profile(args.plans, args.top)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(markdown(result), end="")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
