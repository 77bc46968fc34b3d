"""The claim record (`plandiff.claims/1`) and its renderings.

A module of its own so that every stage that consumes claims (`propose`,
the CLI, the scoring scripts) can import the record without importing the
engine that makes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "plandiff.claims/1"
STANCES = ("included", "omitted", "rejected", "changed")


@dataclass
class Claim:
    source: str
    start: int
    end: int
    quote: str
    plan: str | None
    provision: str
    value: Any
    stance: str
    relative_to: str | None
    confidence: float
    candidates: list[str] = field(default_factory=list)
    note: str | None = None
    # how the version was found: "clause" / "sentence" (named there), "paragraph" (earlier in it), "heading"
    # (a list's lead or a section's heading), "earlier" (a previous paragraph), "salient", "unresolved", "none"
    found: str | None = None
    point: str | None = None  # the point number of the list item the claim stands in ("Point 4: …")

    def to_data(self) -> dict:
        d = {
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "plan": self.plan,
            "provision": self.provision,
            "value": self.value,
            "stance": self.stance,
            "relative_to": self.relative_to,
            "confidence": self.confidence,
        }
        if self.plan is None and self.candidates:
            d["candidates"] = self.candidates
        if self.note:
            d["note"] = self.note
        if self.found:
            d["version_found"] = self.found
        if self.point:
            d["point"] = self.point
        return d

    @classmethod
    def from_data(cls, d: dict) -> Claim:
        return cls(
            d["source"],
            d["start"],
            d["end"],
            d["quote"],
            d.get("plan"),
            d["provision"],
            d.get("value"),
            d["stance"],
            d.get("relative_to"),
            float(d.get("confidence", 0.5)),
            list(d.get("candidates") or ()),
            d.get("note"),
            d.get("version_found"),
            d.get("point"),
        )

    @property
    def explicit(self) -> bool:
        """Whether the version is named in the claim's own sentence or governs it as a heading."""
        return self.found in ("clause", "sentence", "paragraph", "heading")


def claims_document(claims: list[Claim]) -> dict:
    return {"schema": SCHEMA, "claims": [c.to_data() for c in claims]}


def render_claims(claims: list[Claim], fmt: str) -> str:
    """The claims as json, yaml or text (jsonl is written line by line by the caller)."""
    if fmt == "json":
        return json.dumps(claims_document(claims), indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(claims_document(claims), sort_keys=False, allow_unicode=True, width=100)
    if fmt == "jsonl":
        return "".join(json.dumps(c.to_data(), ensure_ascii=False) + "\n" for c in claims)
    lines = []
    for c in claims:
        value = "" if c.value is None else " " + json.dumps(c.value, ensure_ascii=False)
        rel = f" (vs {c.relative_to})" if c.relative_to else ""
        plan = c.plan or ("? " + "/".join(c.candidates) if c.candidates else "?")
        lines.append(f"{c.source}:{c.start}-{c.end}: {plan}: {c.provision} {c.stance}{rel}{value} [{c.confidence:.2f}]")
        lines.append(f'    "{c.quote}"')
    return "\n".join(lines) + ("\n" if lines else "")
