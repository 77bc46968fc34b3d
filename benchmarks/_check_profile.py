"""bench_check's profiler side: `python -m benchmarks._check_profile PLANS` prints one JSON line with the phase
timings of `plandiff check` in a fresh process and its cProfile rows."""

import contextlib
import cProfile
import json
import os
import pstats
import sys
import time


def main(argv: list[str] | None = None) -> None:
    plans = (sys.argv[1:] if argv is None else argv)[0]
    t0 = time.perf_counter()
    import plandiff.cli

    t1 = time.perf_counter()
    import plandiff.load  # noqa: F401  (check's lazy imports)
    import plandiff.render.diagnostics  # noqa: F401

    t2 = time.perf_counter()
    from plandiff.taxonomy import default_taxonomy

    default_taxonomy()
    t3 = time.perf_counter()
    prof = cProfile.Profile()
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
        t4 = time.perf_counter()
        prof.enable()
        rc = plandiff.cli.main(["check", plans])
        prof.disable()
        t5 = time.perf_counter()
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
        t6 = time.perf_counter()
        plandiff.cli.main(["check", plans])
        t7 = time.perf_counter()
        plandiff.cli.main(["check", "--no-quotes", plans])
        t8 = time.perf_counter()
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        rows.append({"where": f"{file}:{line}({func})", "calls": nc, "tottime": tt, "cumtime": ct})
    print(
        json.dumps(
            {
                "rc": rc,
                "phases": {
                    "import plandiff.cli (click, …)": t1 - t0,
                    "import plandiff.load (lazy, in check)": t2 - t1,
                    "default_taxonomy() (first call)": t3 - t2,
                    "main(['check', plans]) under cProfile": t5 - t4,
                    "main(['check', plans]) again, no profiler": t7 - t6,
                    "main(['check', '--no-quotes', plans]) again": t8 - t7,
                },
                "rows": rows,
            }
        )
    )


if __name__ == "__main__":
    main()
