"""bench_check's yardstick: what any checker written in Python has to do (PyYAML's C loader on the plans, the
articles read). Run as a script, `python benchmarks/_bare.py PLANS`, so it costs what `python -c` would."""

import pathlib
import sys

import yaml


def main(argv: list[str] | None = None) -> None:
    plans = pathlib.Path((sys.argv[1:] if argv is None else argv)[0])
    for f in sorted(plans.iterdir()):
        if f.suffix in (".yaml", ".yml") and f.is_file():
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    src = plans / "sources"
    if src.is_dir():
        for f in sorted(src.iterdir()):
            if f.is_file():
                f.read_text(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    main()
