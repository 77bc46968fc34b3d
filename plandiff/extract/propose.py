"""Claims → proposed edits to the plan files, shown as a plandiff diff.

For each version the claims speak of, the plan file is copied and edited:

* a claim on a provision the file lacks **adds** it (with the claim's value,
  or `status: omitted`, and the quote as evidence);
* a claim that agrees with the file's value (equal, or less specific: a
  claim of `barred` agrees with `barred-constitutionally`, see `compatible`
  in vocab.yaml) **adds evidence**, unless the same source already backs it
  with an overlapping quote: then the claim is *reproduced* and changes
  nothing;
* a claim that contradicts the file's value turns the provision into a
  **disputed** one (`claims:`), the file's account first — but only when the
  claim's version is named in its own sentence, paragraph or list heading
  and its confidence reaches `dispute_confidence` (vocab.yaml `propose`);
  any other contradiction is listed *for review* and never written into a
  draft, so a misread sentence cannot manufacture a dispute;
* a claim with no version (`plan: null`) is proposed, as evidence with
  `attribution: uncertain`, only to versions the article names that already
  hold a value it agrees with;
* `rejected` claims (a party's position) are listed, never applied.

The proposed versions are ordinary `Plan` objects: the report
(plandiff.render.proposal) is `diff_plans` + the text report, and
`write_drafts` writes them (with the plan
files they need for lineage and the cited articles) into a separate
directory that `plandiff check` accepts, never over the human-edited files.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from plandiff.extract.compat import consistent, holds, merge
from plandiff.extract.record import Claim
from plandiff.load.evidence import normalise

if TYPE_CHECKING:
    from plandiff.kinds import Kind

DRAFT_MARK = "# Draft proposed by `plandiff extract --propose`"
MANIFEST = ".plandiff-drafts"  # the files an earlier run wrote (copies carry no mark), one per line


class ProposalError(Exception):
    pass


@dataclass
class Proposal:
    originals: dict[str, Any]  # id → Plan
    proposed: dict[str, Any]  # id → Plan (only versions with edits)
    reproduced: list[tuple[str, Claim]] = field(default_factory=list)
    applied: list[tuple[str, Claim, str]] = field(default_factory=list)  # (plan, claim, what)
    skipped: list[tuple[Claim, str]] = field(default_factory=list)
    review: list[tuple[str, Claim, str]] = field(default_factory=list)  # contradictions not written: (plan, claim, why)

    @property
    def changed(self) -> bool:
        return bool(self.proposed)


# --- sources ----------------------------------------------------------------------------


def _source_ref(plan_data: dict, claim: Claim, plans_dir: Path) -> tuple[str | None, str | None]:
    """(source id to cite, None) — adding a source to plan_data if needed — or (None, why not)."""
    sources = plan_data.setdefault("sources", [])
    if re.match(r"^https?://", claim.source):
        for s in sources:
            if s.get("url") == claim.source:
                return s["id"], None
        host = urlparse(claim.source).netloc or "web"
        sid = _unique_id(_slug(host + "-" + urlparse(claim.source).path)[:40], sources)
        sources.append(
            {
                "id": sid,
                "url": claim.source,
                "outlet": host,
                "note": "added by plandiff extract --propose; check the outlet",
            }
        )
        return sid, None
    path = Path(claim.source)
    root = (plans_dir / "sources").resolve()
    try:
        real = path.resolve()
    except OSError:
        return None, "unreadable source path"
    if not real.is_file() or os.path.commonpath([str(root), str(real)]) != str(root):
        return None, "the article is not in plans/sources/; copy it there to cite it"
    rel = "sources/" + real.relative_to(root).as_posix()
    for s in sources:
        if s.get("file") == rel:
            return s["id"], None
    m = re.match(r"^(\d{3})_", real.name)
    sid = _unique_id(f"a{m.group(1)}" if m else _slug(real.stem), sources)
    sources.append({"id": sid, "file": rel})
    return sid, None


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "source"


def _unique_id(base: str, sources: list) -> str:
    taken = {s.get("id") for s in sources}
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    return sid


# --- applying claims ------------------------------------------------------------------------


def _same_evidence(ev: dict, sid: str, quote: str) -> bool:
    if ev.get("source") != sid:
        return False
    q = ev.get("quote")
    if not q:
        return False
    a, b = normalise(q), normalise(quote)
    return a in b or b in a


def _all_evidence(prov: dict) -> list[dict]:
    out = list(prov.get("evidence") or [])
    for c in prov.get("claims") or []:
        out += c.get("evidence") or []
    return out


def _summary(label: str, spec: Kind | dict, claim: Claim) -> str:
    from plandiff.diff.describe import format_value

    what = (
        "omitted"
        if claim.stance == "omitted"
        else (format_value(spec, claim.value) if claim.value is not None else "mentioned without a value")
    )
    return f"{label}: {what} (proposed by plandiff extract from {Path(claim.source).name}; review)."


def dispute_threshold() -> float:
    from plandiff.extract.data import load

    return float((load()["vocab"].get("propose") or {}).get("dispute_confidence", 0.75))


def may_dispute(claim: Claim) -> str | None:
    """None if the claim may make a provision disputed; otherwise why it goes to review instead."""
    if not claim.explicit:
        return "contradicts the file, but the article does not name the version in this sentence or paragraph"
    if claim.confidence < dispute_threshold():
        return f"contradicts the file, but the claim's confidence {claim.confidence:.2f} is below {dispute_threshold():.2f}"
    return None


REVIEW = "review: "


def _apply(
    prov: dict | None, key: str, spec: Kind | dict, label: str, claim: Claim, ev: dict
) -> tuple[dict | None, str]:
    """(new provision data or None for no change, what happened; "review: …" for a contradiction not written)."""
    omitted = claim.stance == "omitted"
    value = claim.value
    if prov is None:
        new: dict[str, Any] = {"summary": _summary(label, spec, claim)}
        if claim.point:  # the article's numbered list gave the point ("Point 6: …")
            new = {"point": int(claim.point) if claim.point.isdigit() else claim.point, **new}
        if omitted:
            new["status"] = "omitted"
        elif value is not None:
            new["value"] = copy.deepcopy(value)
        new["evidence"] = [ev]
        return new, "adds the provision"
    if any(_same_evidence(e, ev["source"], ev["quote"]) for e in _all_evidence(prov)):
        return None, "reproduced"
    prov = copy.deepcopy(prov)
    if prov.get("claims"):
        for c in prov["claims"]:
            c_omitted = c.get("status") == "omitted"
            if (omitted and c_omitted) or (
                not omitted and not c_omitted and value is not None and consistent(spec, key, value, c.get("value"))
            ):
                c.setdefault("evidence", []).append(ev)
                return prov, "adds evidence to a claim"
        if not omitted and value is None:
            return None, "no value to place among the disputed claims"
        why = may_dispute(claim)
        if why:
            return None, REVIEW + why
        prov["claims"].append({"status": "omitted"} if omitted else {"value": copy.deepcopy(value)})
        prov["claims"][-1]["evidence"] = [ev]
        return prov, "adds a disputed claim"
    was_omitted = prov.get("status") == "omitted"
    if omitted == was_omitted and (omitted or consistent(spec, key, value, prov.get("value"))):
        if not omitted and value is not None and prov.get("value") is not None:
            prov["value"] = merge(spec, value, prov["value"])
        elif not omitted and value is not None:
            prov["value"] = copy.deepcopy(value)
        prov.setdefault("evidence", []).append(ev)
        return prov, "adds evidence"
    if not omitted and value is None:
        return None, "says the provision is in the version, but the file records it omitted"
    why = may_dispute(claim)
    if why:
        return None, REVIEW + why
    old_claim: dict[str, Any] = {"status": "omitted"} if was_omitted else {"value": prov.get("value")}
    old_claim["evidence"] = prov.pop("evidence", [])
    new_claim: dict[str, Any] = {"status": "omitted"} if omitted else {"value": copy.deepcopy(value)}
    new_claim["evidence"] = [ev]
    prov.pop("value", None)
    prov.pop("status", None)
    prov["claims"] = [{k: v for k, v in old_claim.items() if v is not None}, new_claim]
    return prov, "contradicts the file: now disputed"


def propose(claims: list[Claim], plans_dir: str | Path = "plans") -> Proposal:
    from plandiff.load import load_plan
    from plandiff.load.corpus import PLAN_SUFFIXES
    from plandiff.load.plan import plan_from_data
    from plandiff.taxonomy import default_taxonomy

    plans_dir = Path(plans_dir)
    if not plans_dir.is_dir():
        raise ProposalError(f"{plans_dir}: no plans directory")
    originals = {}
    for f in sorted(plans_dir.iterdir()):
        if f.suffix in PLAN_SUFFIXES and f.is_file():
            loaded = load_plan(f, verify_quotes=False)
            if loaded.plan is not None:
                originals[loaded.plan.id] = loaded.plan
    tax = default_taxonomy()
    data = {pid: p.to_data() for pid, p in originals.items()}
    proposal = Proposal(originals, {})
    touched: set[str] = set()
    for c in claims:
        if c.stance == "rejected":
            proposal.skipped.append((c, "a party's position, not the text"))
            continue
        ptype = tax.get(c.provision)
        if ptype is None:
            proposal.skipped.append((c, "unknown provision key"))
            continue
        spec = ptype.kind
        if c.plan is not None:
            if c.plan not in data:
                proposal.skipped.append((c, f"no plan file for {c.plan}"))
                continue
            targets: list[tuple[str, str | None]] = [(c.plan, None)]
        else:
            targets = []
            if c.value is not None and c.stance == "included":
                for pid in c.candidates:
                    prov = (data.get(pid) or {}).get("provisions", {}).get(c.provision)
                    if prov is None or prov.get("status") == "omitted":
                        continue
                    values = (
                        [prov.get("value")]
                        if "claims" not in prov
                        else [x.get("value") for x in prov["claims"] if x.get("status") != "omitted"]
                    )
                    if any(v is not None and holds(spec, c.provision, c.value, v) for v in values):
                        targets.append((pid, "uncertain"))
            if not targets:
                proposal.skipped.append(
                    (c, "no version named; none of the versions the article mentions holds this value")
                )
                continue
        for pid, attribution in targets:
            pdata = data[pid]
            sid, why = _source_ref(pdata, c, plans_dir)
            if sid is None:
                assert why is not None  # _source_ref gives a reason whenever it gives no id
                proposal.skipped.append((c, why))
                continue
            ev = {"source": sid, "quote": c.quote}
            if attribution:
                ev["attribution"] = attribution
                ev["note"] = "the article names no version here; proposed because this version holds the value"
            provisions = pdata.setdefault("provisions", {})
            new, what = _apply(provisions.get(c.provision), c.provision, spec, ptype.label, c, ev)
            if what == "reproduced":
                proposal.reproduced.append((pid, c))
            elif what.startswith(REVIEW):
                proposal.review.append((pid, c, what[len(REVIEW) :]))
            elif new is None:
                proposal.skipped.append((c, what))
            else:
                provisions[c.provision] = new
                proposal.applied.append((pid, c, what))
                touched.add(pid)
    for pid in sorted(touched):
        pdata = data[pid]
        used = {e.get("source") for p in pdata["provisions"].values() for e in _all_evidence(p)}
        pdata["sources"] = [s for s in pdata["sources"] if s["id"] in used or s in originals[pid].to_data()["sources"]]
        plan, problems = plan_from_data(pdata, tax)
        if plan is None or problems:
            msgs = "; ".join(m for _, m, _ in problems[:3])
            raise ProposalError(f"the proposal for {pid} would not be a valid plan: {msgs}")
        proposal.proposed[pid] = plan
    return proposal


def write_drafts(proposal: Proposal, plans_dir: str | Path, drafts_dir: str | Path) -> list[Path]:
    """Write each proposed version to DIR/<id>.yaml, with what `plandiff check DIR` needs beside it.

    The human-edited files are never touched: DIR may not be the plans
    directory, and a file already in DIR is replaced only if an earlier run
    of this command wrote it.
    """
    import yaml

    plans_dir, drafts_dir = Path(plans_dir), Path(drafts_dir)
    if drafts_dir.resolve() == plans_dir.resolve() or (
        drafts_dir.exists() and drafts_dir.resolve() == (plans_dir / "sources").resolve()
    ):
        raise ProposalError(
            f"refusing to write drafts into {drafts_dir}: it holds the plan files; choose another directory"
        )
    for p in plans_dir.iterdir():
        target = drafts_dir / p.name
        if target.exists() and target.resolve() == p.resolve():
            raise ProposalError(f"refusing to write drafts: {target} is a plan file")
    writes: dict[Path, bytes] = {}
    for pid, plan in proposal.proposed.items():
        body = yaml.safe_dump(plan.to_data(), sort_keys=False, allow_unicode=True, width=100)
        header = (
            f"{DRAFT_MARK} from {plans_dir / (pid + '.yaml')}.\n"
            f"# Review with: plandiff diff {plans_dir / (pid + '.yaml')} {drafts_dir / (pid + '.yaml')}\n"
            "# then carry the edits you accept into the plan file by hand.\n"
        )
        writes[drafts_dir / f"{pid}.yaml"] = (header + body).encode("utf-8")
    for f in sorted(plans_dir.iterdir()):  # the other versions, for lineage, byte for byte
        if f.is_file() and f.suffix in (".yaml", ".yml") and (drafts_dir / f.name) not in writes:
            writes[drafts_dir / f.name] = f.read_bytes()
    src = plans_dir / "sources"
    if src.is_dir():  # the articles the quotes cite, so `plandiff check DIR` can verify them
        for f in sorted(src.iterdir()):
            if f.is_file():
                writes[drafts_dir / "sources" / f.name] = f.read_bytes()
    from plandiff.output import OutputError, OwnedFolder

    try:  # plandiff.output: exclusive temp files, atomic renames, no symlinks, a lock, a hashed manifest
        with OwnedFolder(
            drafts_dir,
            MANIFEST,
            owner="plandiff extract",
            plans_dir=plans_dir,
            keep_previous=True,
            may_replace=lambda rel, old: old.startswith(DRAFT_MARK.encode()),
        ) as folder:
            rels = {t: t.relative_to(drafts_dir).as_posix() for t in writes}
            for target, content in writes.items():
                folder.check(rels[target], content)
            for target, content in writes.items():
                folder.write(rels[target], content)
    except OutputError as exc:
        raise ProposalError(str(exc)) from None
    return [t for t in writes if t.stem in proposal.proposed]
