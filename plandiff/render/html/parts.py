"""Fragments shared by the pages: a provision as one version states it, its evidence, its value.

Every function returns lxml elements (or lists of them); plan text goes in
only as text, through `el()`.
"""

from __future__ import annotations

import functools
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from lxml import etree

from plandiff.diff.describe import format_value
from plandiff.kinds import Kind, kind_of
from plandiff.model import Claim, Evidence, Plan, Provision
from plandiff.render.html.page import Links, el
from plandiff.taxonomy import default_taxonomy

_SAFE_SCHEMES = ("http", "https")


def safe_url(url) -> str | None:
    """`url` if it is a plain http(s) URL with a host, else None (javascript:, data:, relative, odd bytes…)."""
    if not isinstance(url, str) or not url or len(url) > 2048:
        return None
    return _checked_url(url)


@functools.lru_cache(maxsize=4096)
def _checked_url(url: str) -> str | None:
    """The check itself, cached: a site cites the same few hundred reports thousands of times."""
    if any(ord(c) <= 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\\<>\"'`" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.hostname:
        return None
    return url


def ext_link(text, url, **attrs) -> etree._Element:
    """A link out of the site (new browsing context gets no opener and no referrer), or plain text."""
    href = safe_url(url)
    cls = attrs.pop("class_", None)
    if href is None:
        return el("span", text, class_=cls)
    return el("a", text, href=href, rel="noopener noreferrer", class_=" ".join(c for c in (cls, "ext") if c), **attrs)


def source_name(plan: Plan, source_id: str) -> str:
    s = plan.source(source_id)
    if s is None:
        return source_id
    if s.outlet:
        return s.outlet
    if s.title:
        return s.title
    if s.file:
        return f"article {source_id}"
    return source_id


def source_date(plan: Plan, source_id: str) -> str | None:
    s = plan.source(source_id)
    return s.date if s is not None else None


def file_label(file: str) -> str:
    return PurePosixPath(str(file).replace("\\", "/")).name


def spec_of(taxonomy, key: str) -> Kind:
    """The kind of a key's values ("any" for one the taxonomy does not know)."""
    return taxonomy.kind(key)


def label_of(taxonomy, key: str) -> str:
    ptype = taxonomy.get(key)
    return ptype.label if ptype else key


def meanings(spec: Kind | dict, value) -> str | None:
    """What the enum values mean, from the taxonomy's shared vocabulary (None when it has no words for them)."""
    vocab = default_taxonomy().vocabularies.get(kind_of(spec).spec.get("vocabulary") or "")
    if not vocab:
        return None
    vals = value if isinstance(value, list) else [value]
    found = [vocab[v] for v in vals if isinstance(v, str) and v in vocab]
    return "; ".join(found) if found and len(found) == len(vals) else None


def value_view(spec: Kind | dict, value) -> etree._Element:
    """A value in words: a record as a small definition list, anything else as one line."""
    kind = kind_of(spec)
    if kind.fields and isinstance(value, dict) and value:
        dl = el("dl", class_="fields")
        for name, v in value.items():
            dl.append(el("dt", str(name).replace("_", " ")))
            dl.append(el("dd", kind.field(name).format(v)))
        return dl
    meaning = meanings(spec, value)
    return el(
        "p",
        el("span", "Value: ", class_="vlabel"),
        format_value(spec, value),
        el("span", f" — {meaning}", class_="muted") if meaning else None,
        class_="value",
    )


def words_view(words, side: str) -> list:
    """The summary word diff for one side: old shows <del> pieces, new shows <ins> pieces."""
    out: list = []
    for op, text in words:
        if side == "old" and op > 0 or side == "new" and op < 0:
            continue
        if op == 0 or not text.strip():
            out.append(text)
        else:
            out.append(el("del" if op < 0 else "ins", text))
    granularity = getattr(words, "granularity", "words")
    if granularity != "words":  # the word diff was over its budget (diff/words.py): say how coarse this is
        how = "sentence by sentence" if granularity == "sentences" else "as a whole"
        out.append(
            el("span", f" (compared {how}: too long or too different for a word-level comparison)", class_="muted")
        )
    return out


def evidence_view(plan: Plan, evidence: tuple[Evidence, ...], links: Links) -> list:
    """Quotes and annotated sources as a list; bare citations as one 'Also reported by' line."""
    items, bare = [], []
    for ev in evidence:
        if ev.quote is None and ev.note is None and ev.attribution is None:
            bare.append(ev)
            continue
        items.append(el("li", *cite(plan, ev, links)))
    out: list = []
    if items:
        out.append(el("ul", *items, class_="evidence"))
    if bare:
        line = el("p", "Also reported by: ", class_="also")
        for i, ev in enumerate(bare):
            if i:
                line.append(el("span", ", "))
            line.append(source_ref(plan, ev.source, links))
        out.append(line)
    return out


CAVEAT_WORDS = {
    "aggregator": "aggregator",
    "state-aligned": "state-aligned outlet",
    "machine-translated": "machine-translated",
}


def caveat_badges(source) -> list:
    """The source's caveats as words beside its name, so a reader can weigh the citation."""
    out: list = []
    for c in source.caveats if source is not None else ():
        out += [" ", el("span", CAVEAT_WORDS.get(c, c), class_="caveat")]
    return out


def source_ref(plan: Plan, source_id: str, links: Links) -> etree._Element:
    s = plan.source(source_id)
    name = source_name(plan, source_id)
    date = source_date(plan, source_id)
    label = el("bdi", name)
    if date:
        label = el("span", label, f" ({date})")
    if s is not None and s.url:
        ref = ext_link(label, s.url, class_="srcname")
    else:
        href = links.article(plan, source_id)
        ref = el("a", label, href=href, class_="srcname") if href is not None else el("span", label, class_="srcname")
    badges = caveat_badges(s)
    return el("span", ref, *badges, class_="src") if badges else ref


def cite(plan: Plan, ev: Evidence, links: Links) -> list:
    out: list = [source_ref(plan, ev.source, links)]
    if ev.quote is not None:
        s = plan.source(ev.source)
        href = links.article(plan, ev.source, ev.quote)
        if href is None and s is not None and s.url:
            quote = el("q", ext_link(ev.quote, s.url))
        elif href is not None:
            quote = el("q", el("a", ev.quote, href=href, title="The passage in the article"))
        else:
            quote = el("q", ev.quote)
        out += [": ", quote]
    if ev.attribution is not None:
        out += [" ", el("span", f"attribution {ev.attribution}", class_="badge")]
    if ev.note is not None:
        out += [" ", el("span", "— ", ev.note, class_="note-text")]
    return out


def claim_view(plan: Plan, spec: Kind, n: int, claim: Claim, links: Links) -> etree._Element:
    li = el(
        "li",
        el("p", el("strong", f"Report {n}: "), "omitted" if claim.status == "omitted" else None, class_="claim-head"),
    )
    if claim.status == "omitted":
        li[0].append(el("span", " (the provision is reported dropped)", class_="muted"))
    elif claim.value is None:
        li[0].append(el("span", "no value given", class_="muted"))
    else:
        li.append(value_view(spec, claim.value))
    if claim.note is not None:
        li.append(el("p", claim.note, class_="note-text"))
    li.extend(evidence_view(plan, claim.evidence, links))
    return li


def provision_view(
    plan: Plan,
    prov: Provision | None,
    spec: Kind,
    links: Links,
    *,
    words=(),
    side: str = "",
    absent_text: str = "Not in this version.",
) -> list:
    """One version's provision: state, summary (with the word diff), value or disputed claims, note, evidence."""
    if prov is None:
        return [el("p", absent_text, class_="absent")]
    out: list = []
    if prov.omitted:
        out.append(
            el("p", el("span", "Reported omitted", class_="state"), " — this version leaves it out.", class_="omitted")
        )
    if prov.unreported:
        out.append(
            el(
                "p",
                el("span", "Not reported", class_="state"),
                " — the text has this point, but no report we cite shows what it says.",
                class_="omitted",
            )
        )
    if prov.summary is not None:
        body = words_view(words, side) if words and side else [prov.summary]
        out.append(el("p", *body, class_="summary"))
    if prov.claims:
        out.append(el("p", el("span", "⚠ disputed", class_="badge"), " Reports disagree:", class_="claims-head"))
        out.append(
            el("ul", *[claim_view(plan, spec, n, c, links) for n, c in enumerate(prov.claims, 1)], class_="claims")
        )
    elif not prov.omitted and not prov.unreported:
        if prov.value is None:
            out.append(el("p", "Mentioned without a value.", class_="value muted"))
        else:
            out.append(value_view(spec, prov.value))
    if prov.note is not None:
        out.append(el("p", el("strong", "Note: "), prov.note, class_="note-text"))
    out += evidence_view(plan, prov.evidence, links)
    return out


def version_heading(plan: Plan, links: Links, level: str = "h2", role: str | None = None) -> list:
    """A version's title, then one line: (role ·) id · date · drafters · points · status."""
    title = el(level, el("bdi", plan.title))
    href = links.version(plan.id)
    line = el("p", class_="sub")
    if role:
        line.append(el("strong", role))
        line.append(el("span", " · "))
    line.append(el("a", plan.id, href=href) if href else el("code", plan.id))
    bits = []
    if plan.date:
        bits.append(plan.date)
    if plan.drafted_by:
        bits.append("drafted by " + ", ".join(plan.drafted_by))
    if plan.point_count:
        bits.append(f"{plan.point_count} points")
    if plan.status:
        bits.append(plan.status)
    bits.append("full text published" if plan.full_text else "known only through reports")
    for b in bits:
        line.append(el("span", " · " + b))
    return [title, line]
