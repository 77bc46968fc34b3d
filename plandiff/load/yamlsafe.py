"""Safe YAML reading that turns every kind of bad input into located diagnostics.

PyYAML's constructors silently keep the last of two duplicate keys, accept
aliases that expand exponentially, and its C composer overflows the C stack
on very deep nesting. We compose the node graph with the C parser (fast, and
every node keeps its line and column), after a cheap guard against deep
nesting, and build plain data ourselves so each of those cases becomes an
error at the offending node.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from plandiff.diagnostics import Diagnostic, line_col
from plandiff.gc_pause import paused_gc
from plandiff.guard import BIDI_OVERRIDES
from plandiff.load.reading import MAX_PLAN_BYTES, ReadError, mib, read_capped

MAX_BYTES = MAX_PLAN_BYTES
MAX_DEPTH = 64
# The C composer recurses once per nesting level and crashes somewhere past
# 20,000 levels. Nesting comes from flow brackets, indentation (YAML indents
# with spaces only) or compact block indicators on one line ("- - - x"). When
# none of them could reach that depth — the usual case, checked with C-speed
# string searches — we compose directly; otherwise we count the depth
# exactly from the event stream first.
_FLOW_OPENERS_SAFE = 1000
_DEEP_INDENT = "\n" + " " * 1000
# Compact indicators ("- - x", "? - x") nest only at the start of a line (after the indentation, or
# after "---"); one search anchored on the newline is 5 × faster than looking for each pair anywhere.
_COMPACT = re.compile(r"\n(?:---[ \t]+)?[ ]*[-?][ \t]+[-?]")
_COMPACT_AT_START = re.compile(r"(?:---[ \t]+)?[ ]*[-?][ \t]+[-?]")
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_NOT_C0_OR_DEL = bytes(b for b in range(256) if not (b < 0x20 and b not in (0x09, 0x0A, 0x0D)) and b != 0x7F)
MAX_NUMBER_CHARS = 64  # plan numbers are short; long literals are slow or huge to build
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OCTAL = re.compile(r"[-+]?0[0-9_]+$")
_SEXAGESIMAL = re.compile(r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$")
_scalars = yaml.constructor.SafeConstructor()
_T = "tag:yaml.org,2002:"


class _Invalid:
    """Stands in for a node already reported as unreadable, so later checks stay quiet about it."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID = _Invalid()


@dataclass
class YamlDoc:
    """A read YAML file: its data (None if unreadable), its node tree, and problems."""

    path: str
    text: str = ""
    root: Node | None = None
    data: Any = None
    problems: list[Diagnostic] = field(default_factory=list)

    def error(self, where: tuple, message: str, at_key: bool = False) -> Diagnostic:
        """A diagnostic at the node reached by following `where` (keys and indexes)."""
        line, col = self.locate(where, at_key)
        return Diagnostic(self.path, line, col, message)

    def locate(self, where: tuple, at_key: bool = False) -> tuple[int, int]:
        node = self.root
        key_node = None
        for step in where:
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and _same_key(k, step):
                        key_node, node = k, v
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                key_node, node = None, node.value[step]
            else:
                break
        target = key_node if (at_key and key_node is not None) else node
        if target is None:
            return 1, 1
        return target.start_mark.line + 1, target.start_mark.column + 1


def _same_key(node: ScalarNode, step: Any) -> bool:
    if isinstance(step, str) and node.tag == _T + "str":
        return node.value == step
    value = construct_scalar(node)
    return value is not INVALID and type(value) is type(step) and value == step


def read_yaml(path: str, raw: bytes | None = None) -> YamlDoc:
    """Read one YAML document; never raises for anything wrong with the bytes."""
    doc = YamlDoc(path)
    if raw is None:
        try:
            raw = read_capped(path, MAX_BYTES, "a plan file", pipe=True)
        except ReadError as exc:
            doc.problems.append(Diagnostic(path, 1, 1, str(exc)))
            return doc
    if len(raw) > MAX_BYTES:
        doc.problems.append(Diagnostic(path, 1, 1, f"file is larger than {mib(MAX_BYTES)}, the cap for a plan file"))
        return doc
    text = _decode(doc, raw)
    if text is None:
        return doc
    doc.text = text
    if _looks_deep(text) and not _depth_ok(doc, text):
        return doc
    try:
        with paused_gc():
            root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        doc.problems.append(_yaml_error(path, text, exc))
        return doc
    except (RecursionError, MemoryError, ValueError) as exc:  # pragma: no cover - defensive
        doc.problems.append(Diagnostic(path, 1, 1, f"cannot parse YAML: {exc.__class__.__name__}"))
        return doc
    if root is None:
        doc.problems.append(Diagnostic(path, 1, 1, "file holds no YAML document"))
        return doc
    doc.root = root
    with paused_gc():
        doc.data = _Builder(doc).build(root)
    return doc


def _decode(doc: YamlDoc, raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        doc.problems.append(Diagnostic(doc.path, 1, 1, "file is UTF-32 encoded; save it as UTF-8"))
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.problems.append(Diagnostic(doc.path, 1, 1, "file is UTF-16 encoded; save it as UTF-8"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        doc.problems.append(
            Diagnostic(doc.path, line, col, f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; plan files must be UTF-8 text")
        )
        return None
    # An ASCII file (most large ones) can only hold C0 controls and DEL: bytes.translate finds any
    # of them at memory speed; only a file that has some, or non-ASCII text, needs the regex.
    if raw.isascii() and not raw.translate(None, _NOT_C0_OR_DEL):
        return text
    bad = _RAW_CONTROL.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        doc.problems.append(
            Diagnostic(doc.path, line, col, f"control character U+{ord(bad.group()):04X} is not allowed in YAML")
        )
        return None
    return text


def _looks_deep(text: str) -> bool:
    return (
        text.count("[") + text.count("{") > _FLOW_OPENERS_SAFE
        or _DEEP_INDENT in text
        or text.startswith(_DEEP_INDENT[1:])
        or _COMPACT_AT_START.match(text) is not None
        or _COMPACT.search(text) is not None
    )


def _depth_ok(doc: YamlDoc, text: str) -> bool:
    """Count nesting exactly from the event stream, which has no recursion."""
    depth = 0
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, starts):
                depth += 1
                if depth > MAX_DEPTH:
                    m = event.start_mark
                    line, col = (m.line + 1, m.column + 1) if m is not None else (1, 1)
                    doc.problems.append(Diagnostic(doc.path, line, col, f"nested deeper than {MAX_DEPTH} levels"))
                    return False
            elif isinstance(event, ends):
                depth -= 1
    except yaml.YAMLError as exc:
        doc.problems.append(_yaml_error(doc.path, text, exc))
        return False
    return True


def _yaml_error(path: str, text: str, exc: yaml.YAMLError) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    elif getattr(exc, "position", None) is not None:  # a reader error: an offset, not a mark
        line, col = line_col(text, exc.position)  # type: ignore[attr-defined]
    else:
        line, col = 1, 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    if context and problem and context not in problem:
        problem = f"{problem} ({context})"
    if "expected a single document" in str(exc):
        problem = "more than one YAML document in the file; a plan file holds exactly one"
    return Diagnostic(path, line, col, f"invalid YAML: {problem}")


class _Builder:
    """Node graph → plain data, reporting what plan files must not contain."""

    def __init__(self, doc: YamlDoc):
        self.doc = doc
        # Only an anchored node can be reused; without "&" in the text there is
        # nothing to track (the set costs 8 MB on a 5 MB file).
        self.track = "&" in doc.text
        self.seen: set[int] = set()
        # A string can hold a control character only through a double-quoted
        # escape ("\e", "\x1b", "\u001b": raw ones are refused in _decode), and a
        # bidi control only if the text has one; otherwise no scalar needs a look.
        self.scan_text = "\\" in doc.text or (not doc.text.isascii() and BIDI_OVERRIDES.search(doc.text) is not None)

    def err(self, node: Node, message: str) -> None:
        m = node.start_mark
        self.doc.problems.append(Diagnostic(self.doc.path, m.line + 1, m.column + 1, message))

    def build(self, node: Node, depth: int = 0) -> Any:
        if self.track:
            if id(node) in self.seen:
                self.err(node, "anchors and aliases are not supported in plan files; write the value out")
                return INVALID
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.err(node, f"nested deeper than {MAX_DEPTH} levels")
            return INVALID
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _T + "seq":
                self.err(node, f"unsupported tag {_short(node.tag)}")
                return INVALID
            return [self.build(item, depth + 1) for item in node.value]
        if node.tag != _T + "map":
            self.err(node, f"unsupported tag {_short(node.tag)}")
            return INVALID
        out: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.err(key_node, "mapping keys must be plain scalars")
                continue
            if key_node.tag == _T + "merge":
                self.err(key_node, "merge keys (<<) are not supported in plan files")
                continue
            key = self.scalar(key_node)
            if key is INVALID:
                self.seen.add(id(value_node))
                continue
            if key in first:
                shown = repr(key) if len(repr(key)) <= 60 else repr(key)[:59] + "…"
                self.err(key_node, f"duplicate key {shown} (first defined on line {first[key]})")
                self.seen.add(id(value_node))
                continue
            first[key] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, depth + 1)
        return out

    def warn(self, node: Node, message: str) -> None:
        m = node.start_mark
        self.doc.problems.append(Diagnostic(self.doc.path, m.line + 1, m.column + 1, message, "warning"))

    def scalar(self, node: ScalarNode) -> Any:
        value = construct_scalar(node)
        if value is INVALID:
            self.err(node, _scalar_problem(node))
        elif self.scan_text and type(value) is str:
            bad = TEXT_CONTROL.search(value)
            if bad:
                self.err(
                    node,
                    f"control character {_char_name(bad.group())} in text; plan text may not hold "
                    "terminal control codes, however the YAML spells them (\\e, \\x1b, \\u001b)",
                )
                return INVALID
            bidi = BIDI_OVERRIDES.search(value)
            if bidi:
                self.warn(
                    node,
                    f"bidirectional control {_char_name(bidi.group())} in text: it makes text show "
                    "in another order than it is stored; remove it unless the text needs it",
                )
        return value


TEXT_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab and newline are text
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
}


def _char_name(ch: str) -> str:
    import unicodedata

    name = _CONTROL_NAMES.get(ord(ch)) or unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def construct_scalar(node: ScalarNode) -> Any:
    """A scalar's plain value, or INVALID for what plan files do not accept."""
    tag = node.tag
    if tag == _T + "str":
        return node.value
    if tag == _T + "null":
        return None
    if tag in (_T + "int", _T + "float") and len(node.value) > MAX_NUMBER_CHARS:
        return INVALID
    try:
        if tag == _T + "int":
            v = node.value
            if (len(v) > 1 and v[0] in "0+-" and _OCTAL.match(v)) or (":" in v and _SEXAGESIMAL.match(v)):
                return INVALID  # YAML 1.1 reads 0600000 as 196,608 and 1:30 as 90: never what was meant
            return _scalars.construct_yaml_int(node)
        if tag == _T + "float":
            value = _scalars.construct_yaml_float(node)
            return value if math.isfinite(value) else INVALID
        if tag == _T + "bool":
            return _scalars.construct_yaml_bool(node)
        if tag == _T + "timestamp":
            return _scalars.construct_yaml_timestamp(node).isoformat()
    except (ValueError, OverflowError, yaml.YAMLError):
        return INVALID
    return INVALID


def _scalar_problem(node: ScalarNode) -> str:
    tag = node.tag
    shown = node.value if len(node.value) <= 40 else node.value[:39] + "…"
    kind = tag[len(_T) :] if tag.startswith(_T) else tag
    if tag in (_T + "int", _T + "float") and len(node.value) > MAX_NUMBER_CHARS:
        return f"cannot read {kind} {shown!r}: longer than {MAX_NUMBER_CHARS} characters"
    if tag == _T + "int" and _OCTAL.match(node.value):
        plain = node.value.replace("_", "").lstrip("+-").lstrip("0") or "0"
        sign = "-" if node.value.startswith("-") else ""
        return (
            f"integer {shown!r} has a leading zero, which YAML reads as octal "
            f"({_scalars.construct_yaml_int(node):,}); write {sign}{plain}, or quote it if it is text"
        )
    if tag == _T + "int" and _SEXAGESIMAL.match(node.value):
        return (
            f"{shown!r} reads as a base-60 number in YAML ({_scalars.construct_yaml_int(node):,}); "
            "quote it if it is a time or a ratio, or write the number"
        )
    if tag == _T + "float":
        try:
            value = _scalars.construct_yaml_float(node)
        except ValueError:
            value = 0.0
        if value != value:
            return f"{shown!r} is NaN (not a number); a plan value must be a finite number or text"
        if value in (float("inf"), float("-inf")):
            what = "is infinite" if "inf" in node.value.lower() else "is too large: it would read as infinity"
            return f"{shown!r} {what}; a plan value must be a finite number"
    if tag in (_T + "int", _T + "float", _T + "bool", _T + "timestamp"):
        try:
            getattr(_scalars, f"construct_yaml_{kind}")(node)
            reason = "not a valid value"
        except Exception as exc:  # the constructor's own words say what is wrong
            reason = str(exc).splitlines()[0][:80]
        return f"cannot read {kind} {shown!r}: {reason}"
    if tag in (_T + "merge", _T + "value"):
        return f"unsupported YAML key {node.value!r}"
    return f"unsupported tag {_short(tag)}; plan files use plain YAML values only"


def _short(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag
