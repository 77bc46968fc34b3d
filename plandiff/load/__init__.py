"""Stage 1 of the pipeline: YAML bytes → validated `Plan` models, with source locations.

`yamlsafe` turns bytes into plain data without ever raising on hostile input,
`plan` checks that data against the plan format and the taxonomy, `evidence`
verifies quotes against the cited articles, and `corpus` checks a set of
plans together (lineage).
"""

from plandiff.load.corpus import load_corpus, load_plan, resolve_plan
from plandiff.load.plan import plan_from_data

__all__ = ["load_plan", "load_corpus", "resolve_plan", "plan_from_data"]
