"""Peak RSS of one command, when GNU time is missing: `python benchmarks/_rss.py CMD…` prints the child's
ru_maxrss (a fresh wrapper, so RUSAGE_CHILDREN covers exactly one child)."""

import resource
import subprocess
import sys


def main(argv: list[str] | None = None) -> None:
    subprocess.run(sys.argv[1:] if argv is None else argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


if __name__ == "__main__":
    main()
