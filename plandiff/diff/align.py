"""Pairing provisions of two versions by their declared key — no guessing.

Alignment is its own step so other tools (history, the matrix, the HTML
side-by-side view) reuse it. Pairs come in a stable order — taxonomy topic,
then taxonomy order, then custom keys alphabetically — that does not depend
on how either file orders its provisions.
"""

from __future__ import annotations

from plandiff.model import Plan, Provision
from plandiff.taxonomy import Taxonomy, default_taxonomy

Pair = tuple[str, Provision | None, Provision | None]


def key_order(keys, taxonomy: Taxonomy | None = None) -> list[str]:
    tax = taxonomy or default_taxonomy()
    topic_rank = {t: i for i, t in enumerate(tax.topic_order())}
    key_rank = {k: i for i, k in enumerate(tax.provisions)}

    def rank(key: str):
        known = tax.provisions.get(key)
        if known is not None:
            return (topic_rank.get(known.topic, len(topic_rank)), key_rank[key], key)
        return (len(topic_rank) + 1, 0, key)

    return sorted(set(keys), key=rank)


def align(old: Plan, new: Plan, taxonomy: Taxonomy | None = None) -> list[Pair]:
    """(key, provision in old or None, provision in new or None) for every key in either."""
    keys = key_order(list(old.provisions) + list(new.provisions), taxonomy)
    return [(k, old.provisions.get(k), new.provisions.get(k)) for k in keys]
