"""bench_site's in-process side: `python -m benchmarks._site_phases PLANS [OLD:NEW …]` builds the site phase by
phase in a fresh process and prints one JSON line (pages, bytes, seconds per phase)."""

import json
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    t0 = time.perf_counter()
    import plandiff.cli  # noqa: F401  (timed)

    t1 = time.perf_counter()
    from plandiff.load import load_corpus
    from plandiff.render.html import Site, write_site  # noqa: F401  (timed, as the command imports it)
    from plandiff.render.html.page import serialize

    t2 = time.perf_counter()
    corpus = load_corpus([args[0]], verify_quotes=False)
    plans = list(corpus.plans.values())
    t3 = time.perf_counter()
    pairs = [tuple(p.split(":")) for p in args[1:]]
    site = Site(plans, pairs, events=corpus.events)
    t4 = time.perf_counter()
    trees = [(path, build()) for path, build in site.pages()]
    t5 = time.perf_counter()
    blobs = [(path, serialize(tree)) for path, tree in trees]
    t6 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        from plandiff.output import OwnedFolder
        from plandiff.render.html.site import MANIFEST

        with OwnedFolder(Path(tmp) / "site", MANIFEST, owner="plandiff site", fresh_only=True) as folder:
            for path, data in blobs:
                folder.write(path, data)
    t7 = time.perf_counter()
    print(
        json.dumps(
            {
                "pages": len(blobs),
                "bytes": sum(len(b) for _, b in blobs),
                "phases": {
                    "import plandiff.cli": t1 - t0,
                    "import lxml and the HTML renderers": t2 - t1,
                    "load the plans (YAML, format, taxonomy, lineage)": t3 - t2,
                    "Site(): diff the pairs, matrix, read and index the articles": t4 - t3,
                    "build every page as an lxml tree": t5 - t4,
                    "serialise the pages": t6 - t5,
                    "write the files": t7 - t6,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
