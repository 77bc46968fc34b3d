"""Generates docs/provisions.md from the taxonomy, so the page cannot drift from the data.

Run `python -m plandiff.docs` (or `make docs`); a test fails when the
committed page differs from what this produces.
"""

from __future__ import annotations

import sys
from pathlib import Path

from plandiff.taxonomy import Taxonomy, default_taxonomy

OUTPUT = Path("docs/provisions.md")


def render(tax: Taxonomy) -> str:
    out = [
        "# Provisions",
        "",
        "<!-- Generated from plandiff/data/taxonomy.yaml by `python -m plandiff.docs`; do not edit. -->",
        "",
        "Every key a plan file may use under `provisions:`, grouped by topic, with the shape its "
        "`value` takes. A point that fits no key goes under `custom.<slug>` (lowercase letters, "
        "digits, `_` and `-`), where any value is accepted.",
        "",
        "A PA-X note names the matching categories of the PA-X Peace Agreements Database "
        "(University of Edinburgh), so plan data can be joined with research datasets.",
        "",
    ]
    out.append("Topics: " + ", ".join(f"[{label}](#{t})" for t, label in tax.topics.items()) + ".")
    for topic, label in tax.topics.items():
        out += ["", f"## {label}", f'<a id="{topic}"></a>', ""]
        for key, p in tax.provisions.items():
            if p.topic != topic:
                continue
            pax = f" PA-X: {', '.join(p.pax)}." if p.pax else ""
            out += [f"### `{key}` — {p.label}", "", f"{p.description}{pax}", ""]
            out += p.kind.doc_lines()
            out.append("")
    out += ["## Shared vocabularies", ""]
    for name, vocab in tax.vocabularies.items():
        out += [f"### {name}", ""]
        out += [f"- `{v}`: {meaning}" for v, meaning in vocab.items()]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else OUTPUT
    target.write_text(render(default_taxonomy()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
