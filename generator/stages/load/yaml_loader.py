"""The restricted YAML loader: a composed node tree turned into plain data.

The file is only *composed* into a node tree by libyaml's C parser where it
is available (:class:`ComposeLoader`), and :class:`Walker` turns nodes into
plain data:

* only the tags of plain data are allowed (str, int, float, bool, null, map,
  seq); any other tag is an error;
* anchors and aliases are refused outright: a record never needs them, and
  without them no file can make the walker do more work than its size;
* ``yes``/``no``/``on``/``off`` and dates stay text; only ``true``/``false``
  are booleans, and only plain decimal numbers are numbers;
* a duplicate key is an error that names both lines.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

import yaml

from generator.problems import Problem
from generator.stages.load.positions import FieldPath, Location, format_field, node_mark
from generator.stages.load.reader import char_name, forbidden_char

try:  # libyaml's C parser is ~6x faster; fall back quietly where absent.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class ComposeLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Skips PyYAML's implicit tag resolution (regexes per scalar, YAML 1.1 rules).

    The walker below types plain scalars itself; explicit tags (``!!python/...``)
    are still set by the parser and checked there.
    """

    _TAGS: ClassVar[dict[type, str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._TAGS[kind]


MAX_DEPTH = 40
MAX_INT_DIGITS = 15
"""Longest whole number accepted (below 2**53, so every JSON reader keeps it exact)."""
MAX_NUMBER = 10.0**MAX_INT_DIGITS

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_STR = _CORE + "str"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# "1.250" or "400.000": in Indonesian the dot groups thousands. Reading it as
# 1.25 or 400.0 would silently change the figure, so it stays text and a
# numeric field then reports it.
_DOT_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:\.[0-9]{3})+")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Refused(Exception):
    """Stops the walk at a construct that makes the file unusable."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class Walker:
    """Turns a composed node tree into plain data, recording positions.

    Duplicate keys are appended to ``problems`` and the walk goes on; anything
    that makes the file unusable raises :class:`Refused`.
    """

    def __init__(self, display: str, text: str, problems: list[Problem]) -> None:
        self.display, self.text, self.problems = display, text, problems
        self.seen: set[int] = set()

    def walk(self, node: yaml.Node, path: FieldPath, depth: int) -> Any:
        if id(node) in self.seen:
            raise Refused(self._alias_problem())
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise Refused(
                self.problem(
                    node,
                    "yaml-tag",
                    f"tag YAML `{node.tag}` tidak diizinkan",
                    path,
                    "Hapus tag yang diawali `!`; catatan praktik hanya berisi teks, angka, "
                    "daftar dan kolom.",
                )
            )
        if depth > MAX_DEPTH:
            raise Refused(
                self.problem(
                    node, "too-deep", f"struktur bersarang lebih dari {MAX_DEPTH} tingkat", path
                )
            )
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node)
            # Only explicit tags, numbers and double-quoted text (the one style
            # with escapes) can be refused here; plain text skips the checks.
            if node.tag != _STR or node.style == '"' or type(value) in (int, float):
                self._check_scalar(node, value, path)
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def problem(
        self, node: yaml.Node, rule: str, message: str, path: FieldPath, hint: str = ""
    ) -> Problem:
        line, col = node_mark(node)
        return Problem(self.display, line, col, rule, message, format_field(path), hint)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_key: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise Refused(
                    self.problem(
                        key_node, "complex-key", "nama kolom harus berupa teks sederhana", path
                    )
                )
            if id(key_node) in self.seen:
                raise Refused(self._alias_problem())
            self.seen.add(id(key_node))
            key = str(key_node.value)
            child = (*path, key)
            if key in out:
                self.problems.append(
                    self.problem(
                        key_node,
                        "duplicate-key",
                        f"kolom `{key}` ditulis dua kali (pertama di baris "
                        f"{node_mark(first_key[key])[0]})",
                        child,
                        "Gabungkan isinya ke satu kolom; YAML hanya menyimpan salah satunya.",
                    )
                )
                continue
            first_key[key] = key_node
            out[key] = self.walk(value_node, child, depth + 1)
        return out

    def _check_scalar(self, node: yaml.ScalarNode, value: Any, path: FieldPath) -> None:
        """Refuse explicit tags that do not fit the text, and numbers no one can use."""
        problem = (
            _tag_mismatch(node, value)
            or _number_problem(value, node.value)
            or _escaped_control(value)
        )
        if problem is not None:
            message, hint = problem
            raise Refused(self.problem(node, "bad-value", message, path, hint))

    def _alias_problem(self) -> Problem:
        line, col = _first_token(self.text, yaml.AliasToken) or (1, 1)
        return Problem(
            self.display,
            line,
            col,
            "yaml-alias",
            "penanda rujukan YAML (`&nama`, `*nama`) tidak diizinkan dalam catatan praktik",
            hint="Tulis isinya langsung di setiap tempat yang membutuhkannya.",
        )


_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])&\S", re.MULTILINE)
"""Where an anchor could start (``R&D`` cannot); only then are the tokens scanned."""


def anchor_problem(text: str, shown: str) -> Problem | None:
    """The first alias (or, failing that, anchor) in ``text``: refused, records never need one."""
    if "&" not in text or not _MAYBE_ANCHOR.search(text):
        return None
    # An alias is the real problem when there is one; a lone anchor is refused too.
    where = _first_token(text, yaml.AliasToken) or _first_token(text, yaml.AnchorToken)
    if where is None:
        return None
    line, col = where
    return Problem(
        shown,
        line,
        col,
        "yaml-alias",
        "penanda rujukan YAML (`&nama`, `*nama`) tidak diizinkan dalam catatan praktik",
        hint="Hapus `&nama` di depan nilai; teks yang diawali `&` harus diapit tanda kutip.",
    )


def _first_token(text: str, kind: type) -> Location | None:
    try:
        for token in yaml.scan(text, Loader=ComposeLoader):
            if isinstance(token, kind):
                return token.start_mark.line + 1, token.start_mark.column + 1
    except yaml.YAMLError:  # pragma: no cover - the text already composed
        pass
    return None


_TAG_FITS = {
    _CORE + "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    _CORE + "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    _CORE + "bool": lambda v: isinstance(v, bool),
    _CORE + "null": lambda v: v is None,
    _CORE + "timestamp": lambda v: isinstance(v, str) and _DATE.fullmatch(v) is not None,
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _tag_mismatch(node: yaml.ScalarNode, value: Any) -> tuple[str, str] | None:
    """``!!int abc`` or ``!!bool maybe``: an explicit tag its text does not satisfy."""
    fits = _TAG_FITS.get(node.tag)
    if fits is None or fits(_scalar(yaml.ScalarNode(node.tag, node.value))):
        return None
    short = "!!" + node.tag.removeprefix(_CORE)
    return (
        f"`{short} {node.value}`: isinya tidak cocok dengan tag `{short}`",
        "Hapus tag yang diawali `!!`; tulis angka, `true`/`false` atau teks apa adanya.",
    )


_NUMBER_HINT = "Periksa angkanya; untuk nilai sangat besar tuliskan satuannya, mis. `12 miliar`."


def _number_problem(value: Any, text: str) -> tuple[str, str] | None:
    """A number too long or too large to be a figure (``1.0e999``, 5,000 digits)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and math.isinf(value) and _INT.fullmatch(text):
        return (f"angka terlalu besar (paling banyak {MAX_INT_DIGITS} digit)", _NUMBER_HINT)
    if isinstance(value, float) and not math.isfinite(value):
        return ("angka ini tidak terhingga (terlalu besar untuk disimpan)", _NUMBER_HINT)
    if abs(value) >= MAX_NUMBER:
        return (f"angka terlalu besar (paling banyak {MAX_INT_DIGITS} digit)", _NUMBER_HINT)
    return None


def _escaped_control(value: Any) -> tuple[str, str] | None:
    """``"\\e[31m"``: a control character written as an escape inside double quotes."""
    bad = forbidden_char(value) if isinstance(value, str) else None
    if bad is None:
        return None
    return (
        f"teks ini memuat karakter kendali {char_name(bad.group())} (ditulis sebagai kode "
        "escape di dalam tanda kutip ganda)",
        "Hapus kode escape itu (mis. `\\e`, `\\a`, `\\u202E`); karakter kendali dan "
        "pembalik arah teks tidak diizinkan.",
    )


_NUMBER_STARTS = frozenset("+-.0123456789")
"""The first character of every text the three number patterns above can match."""


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always text (plain is None or '')
        return value
    if value and value[0] not in _NUMBER_STARTS and value not in _NULLS and value not in _BOOLS:
        return value  # plain text, by far the most common value: no pattern can match
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _DOT_THOUSANDS.fullmatch(value):
        return value
    if _INT.fullmatch(value):
        if len(value) > MAX_INT_DIGITS + 1:  # int() refuses > 4,300 digits; never try
            return float("inf")
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value
