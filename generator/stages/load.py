"""Stage 1: read practice files strictly, remembering where every value is.

PyYAML's ordinary loaders are too forgiving for a contributed data format:
they keep the last of two duplicate keys (silently losing data), turn ``no``
into ``False``, build arbitrary Python objects from ``!!python`` tags with the
unsafe loader, and expand aliases without limit ("billion laughs"). Here the
file is only *composed* into a node tree by libyaml's C parser where it is
available, and our own small walker turns nodes into plain data:

* only the tags of plain data are allowed (str, int, float, bool, null, map,
  seq); any other tag is an error;
* anchors and aliases are refused outright: a record never needs them, and
  without them no file can make the walker do more work than its size;
* ``yes``/``no``/``on``/``off`` and dates stay text; only ``true``/``false``
  are booleans, and only plain decimal numbers are numbers;
* a duplicate key is an error that names both lines.

The walker records the line and column of every value and key so that later
stages can point at the exact place of a problem.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from generator.problems import Problem

try:  # libyaml's C parser is ~6x faster; fall back quietly where absent.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
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


MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 40

Location = tuple[int, int]
FieldPath = tuple[str | int, ...]

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


@dataclass
class LoadedFile:
    """One file as read: its data (None if unreadable), positions and problems."""

    path: Path
    display: str
    data: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    _root: yaml.Node | None = field(default=None, repr=False)

    @property
    def root(self) -> yaml.Node | None:
        """The node tree, composed again on first use.

        Keeping every file's node tree alive would cost memory and (through the
        garbage collector) time on large catalogues; only files with problems
        ever need positions, so they pay for a second parse.
        """
        if self._root is None and self.text:
            try:
                self._root = yaml.compose(self.text, Loader=_Loader)
            except yaml.YAMLError:
                return None
        return self._root

    def where(self, loc: FieldPath, *, key: bool = False) -> Location:
        """Line and column of the value (or key) at ``loc``, or of its nearest ancestor.

        Positions are looked up in the node tree only when a problem needs one,
        so valid files pay nothing for them.
        """
        node = self.root
        if node is None:
            return (1, 1)
        found = _mark(node)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = next((kv for kv in node.value if kv[0].value == part), None)
                if pair is None:
                    return found
                node = pair[1]
                found = _mark(pair[0]) if (key and last) else _mark(node)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return found
                node = node.value[part]
                found = _mark(node)
            else:
                return found
        return found

    @property
    def value_at(self) -> _Positions:
        """``value_at[path]``: position of the value at ``path`` (for tests and tools)."""
        return _Positions(self, key=False)

    @property
    def key_at(self) -> _Positions:
        return _Positions(self, key=True)

    def problem(
        self, loc: FieldPath, rule: str, message: str, hint: str = "", *, key: bool = False
    ) -> Problem:
        """A Problem located at field ``loc`` of this file."""
        line, col = self.where(loc, key=key)
        return Problem(self.display, line, col, rule, message, format_field(loc), hint)


class _Positions:
    def __init__(self, loaded: LoadedFile, *, key: bool) -> None:
        self.loaded, self.key = loaded, key

    def __getitem__(self, loc: FieldPath) -> Location:
        return self.loaded.where(loc, key=self.key)


def format_field(loc: FieldPath) -> str:
    """``('replikasi', 0, 'status')`` -> ``replikasi[0].status``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class Unsafe(Exception):
    """A path in ``practices/`` that must not be read at all (link, device, pipe...)."""

    def __init__(self, rule: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.rule, self.message, self.hint = rule, message, hint


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path``, never following a link.

    The file is opened without following a symbolic link and without blocking
    (a FIFO would otherwise wait forever), then checked to be a regular file
    before a single byte is read; the size limit applies to the bytes actually
    read, not to the size the file system claims (``/proc`` files claim 0).
    Raises :class:`Unsafe` for anything that is not a plain file.
    """
    if path.is_symlink():
        raise Unsafe(
            "symlink",
            "berkas ini tautan simbolik (symlink); Replika tidak membaca berkas lewat tautan",
            "Salin isi catatan ke berkas biasa di `practices/` lalu hapus tautannya.",
        )
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Unsafe(
                "symlink",
                "berkas ini tautan simbolik (symlink); Replika tidak membaca berkas lewat tautan",
                "Salin isi catatan ke berkas biasa di `practices/` lalu hapus tautannya.",
            ) from err
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unsafe(
                "not-a-file",
                "ini bukan berkas biasa (mis. perangkat, pipa atau soket); tidak dibaca",
                "Di `practices/` hanya boleh ada berkas teks `.yaml`.",
            )
        return handle.read(limit + 1)


# C0 controls other than tab, line feed and carriage return; DEL; C1 controls;
# and the Unicode bidirectional controls that can make text display in a
# different order than it is stored ("Trojan Source", CVE-2021-42574).
_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def forbidden_char(text: str) -> re.Match[str] | None:
    """The first control or bidirectional-control character in ``text``, if any."""
    return _FORBIDDEN_CHARS.search(text)


def char_name(char: str) -> str:
    """``\x1b`` -> ``U+001B (ESC)``: a control character described without printing it."""
    names = {0: "NUL", 7: "BEL", 8: "BS", 0x1B: "ESC", 0x7F: "DEL", 0x202E: "RLO"}
    code = ord(char)
    label = names.get(code) or unicodedata.name(char, "")
    return f"U+{code:04X}" + (f" ({label})" if label else "")


class _Refused(Exception):
    """Stops the walk at a construct that makes the file unusable."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read one YAML record. Never raises for bad content: problems are collected."""
    shown = display or str(path)
    loaded = LoadedFile(path=path, display=shown)
    try:
        raw = read_limited(path)
    except Unsafe as err:
        loaded.problems.append(Problem(shown, 0, 0, err.rule, err.message, hint=err.hint))
        return loaded
    except OSError as err:
        loaded.problems.append(
            Problem(shown, 0, 0, "file-unreadable", f"berkas tidak bisa dibaca: {_os_reason(err)}")
        )
        return loaded
    if len(raw) > MAX_FILE_BYTES:
        loaded.problems.append(
            Problem(
                shown,
                1,
                1,
                "file-too-large",
                f"berkas terlalu besar (lebih dari {MAX_FILE_BYTES // 1024} KiB)",
                hint="Satu praktik cukup beberapa halaman teks; pindahkan lampiran ke "
                "tautan di bagian `sumber`.",
            )
        )
        return loaded
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    loaded.text = text
    if _report_tabs(text, loaded):
        return loaded
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        first = _syntax_problem(err, shown, text)
        loaded.problems.append(first)
        from generator.stages.yamlerrors import first_document, further_problems

        loaded.problems.extend(further_problems(err, text, shown, first, _Loader))

        # A second document (`---`): report it, and still check the first one.
        recovered = first_document(err, text, _Loader)
        if recovered is None:
            return loaded
        node, loaded.text = recovered
    except yaml.YAMLError as err:  # unmarked: libyaml's reader (control characters)
        from generator.stages.yamlerrors import reader_problem

        loaded.problems.append(reader_problem(err, shown, text))
        return loaded
    if node is None:
        loaded.problems.append(
            Problem(
                shown,
                1,
                1,
                "file-empty",
                "berkas kosong",
                hint="Mulailah dari templat `practices/_templat.yaml` atau jalankan `replika new`.",
            )
        )
        return loaded
    if not isinstance(node, yaml.MappingNode):
        line, col = _mark(node)
        loaded.problems.append(
            Problem(
                shown,
                line,
                col,
                "not-a-mapping",
                "isi berkas harus berupa kumpulan kolom `nama: nilai`, bukan " + _kind_name(node),
                hint="Baris pertama setelah komentar biasanya `id: nama-praktik`.",
            )
        )
        return loaded
    if "&" in text and _MAYBE_ANCHOR.search(text):
        # An alias is the real problem when there is one; a lone anchor is refused too.
        anchor = _first_token(text, yaml.AliasToken) or _first_token(text, yaml.AnchorToken)
        if anchor is not None:
            loaded.problems.append(_anchor_problem(shown, anchor))
            return loaded
    walker = _Walker(loaded)
    try:
        data = walker.walk(node, (), 0)
    except _Refused as refused:
        loaded.problems.append(refused.problem)
        return loaded
    loaded.data = data
    return loaded


_OS_REASONS = {
    errno.ENOENT: "berkas tidak ada",
    errno.EACCES: "tidak ada izin membacanya",
    errno.EPERM: "tidak ada izin membacanya",
    errno.EISDIR: "ini sebuah folder",
    errno.ELOOP: "tautan simbolis berputar",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
}


def _os_reason(err: OSError) -> str:
    """The operating system's reason in Indonesian (its own text is English)."""
    return _OS_REASONS.get(err.errno or 0, f"kesalahan sistem berkas (errno {err.errno})")


def _decode(raw: bytes, loaded: LoadedFile) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        loaded.problems.append(
            Problem(
                loaded.display,
                line,
                col,
                "not-utf8",
                f"berkas bukan teks UTF-8 (bita 0x{raw[err.start]:02x} tidak sah)",
                hint="Simpan ulang berkas dengan pengodean UTF-8 (di editor: "
                "'Save with encoding' → UTF-8).",
            )
        )
        return None
    text = text.removeprefix("\ufeff")
    bad = forbidden_char(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        loaded.problems.append(
            Problem(
                loaded.display,
                line,
                col,
                "control-char",
                f"ada karakter kendali {char_name(bad.group())} yang tidak terlihat di baris {line}",
                hint="Hapus karakter itu (biasanya terbawa saat menyalin dari dokumen lain); "
                "karakter kendali dan pembalik arah teks tidak diizinkan.",
            )
        )
        return None
    return text


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def _report_tabs(text: str, loaded: LoadedFile) -> bool:
    if not _TAB_INDENT.search(text):
        return False
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        col = line.find("\t", 0, indent)
        if col >= 0:
            found = True
            loaded.problems.append(
                Problem(
                    loaded.display,
                    number,
                    col + 1,
                    "tab-indent",
                    "indentasi memakai karakter tab; YAML hanya menerima spasi",
                    hint="Ganti tab dengan dua spasi per tingkat.",
                )
            )
    return found


_QUOTES = "\"'"
_PLAIN_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):\s*")


def _text_after_quote(err: yaml.MarkedYAMLError, text: str, shown: str) -> Problem | None:
    """``judul: "Layanan lumpur" tinja``: text after a closing quote, found by its quoted scalar.

    libyaml only says "did not find expected key"; the contributor needs to know
    that the quotes end the value, and what the line should look like instead.
    """
    mark = err.problem_mark
    if mark is None or "did not find expected" not in (err.problem or ""):
        return None
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    closed_at = len(line[: mark.column].rstrip())
    if closed_at == 0 or line[closed_at - 1] not in _QUOTES:
        return None
    quoted = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > mark.line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.end_mark.line == mark.line
                and token.end_mark.column == closed_at
            ):
                quoted = token
    except yaml.YAMLError:
        pass
    if quoted is None or quoted.start_mark.line != mark.line:
        return None
    rest = line[mark.column :].split(" #", 1)[0].strip()
    before = line[: quoted.start_mark.column].strip()
    whole = quoted.value + (" " if mark.column > closed_at else "") + rest
    field_name = _field_at(lines, mark.line, quoted.start_mark.column)
    hint = "Masukkan seluruh teks ke dalam tanda kutip"
    quote = next((q for q in _QUOTES if q not in whole), "")
    if quote:
        example = f"{before} {quote}{whole}{quote}".strip()
        hint += f", mis. `{example}`"
    hint += ", atau hapus kedua tanda kutipnya."
    return Problem(
        shown,
        mark.line + 1,
        mark.column + 1,
        "yaml-syntax",
        f"YAML tidak valid: ada teks `{rest}` setelah tanda kutip penutup; tanda kutip "
        "menutup isi kolom, jadi teks sesudahnya tidak terbaca",
        field_name,
        hint,
    )


def _parts(line: str, end: int) -> list[tuple[int, str]]:
    """``  - nama: `` -> ``[(2, "-"), (4, "nama")]``: list dashes and keys before column ``end``."""
    out: list[tuple[int, str]] = []
    i = len(line) - len(line.lstrip(" "))
    while i < end and line[i] == "-" and line[i + 1 : i + 2] in (" ", ""):
        out.append((i, "-"))
        i += 2
        while i < end and line[i] == " ":
            i += 1
    key = _PLAIN_KEY.match(line, i)
    if key and i < end:
        out.append((i, key[1]))
    return out


def _content_col(line: str) -> int | None:
    stripped = line.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return None
    return len(line) - len(stripped)


def _field_at(lines: list[str], number: int, end: int) -> str:
    """The dotted field path of the value starting at column ``end`` of line ``number``.

    Only used for a file libyaml refused, so it reads the block layout by
    indentation: good enough for records, which use no flow mappings.
    """
    path: list[str | int] = []
    parts = _parts(lines[number], end)
    row = number
    while parts:
        for col, name in reversed(parts):
            if name != "-":
                path.insert(0, name)
                continue
            index = 0
            for above in range(row - 1, -1, -1):
                found = _content_col(lines[above])
                if found is None or found > col:
                    continue
                if found < col or lines[above][col] != "-":
                    break
                index += 1
            path.insert(0, index)
        limit = parts[0][0]
        if limit == 0:
            break
        parts = []
        for above in range(row - 1, -1, -1):
            found = _content_col(lines[above])
            if found is not None and found < limit:
                row = above
                parts = [p for p in _parts(lines[above], len(lines[above])) if p[0] < limit]
                break
    return format_field(tuple(path))


def _syntax_problem(err: yaml.MarkedYAMLError, shown: str, text: str = "") -> Problem:
    after_quote = _text_after_quote(err, text, shown) if text else None
    if after_quote is not None:
        return after_quote
    from generator.stages.yamlerrors import syntax_problem

    return syntax_problem(err, shown, text)


def _mark(node: yaml.Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind_name(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "daftar"
    return "teks atau angka"


class _Walker:
    """Turns a composed node tree into plain data, recording positions."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.seen: set[int] = set()

    def walk(self, node: yaml.Node, path: FieldPath, depth: int) -> Any:
        if id(node) in self.seen:
            raise _Refused(self._alias_problem())
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            line, col = _mark(node)
            raise _Refused(
                Problem(
                    self.loaded.display,
                    line,
                    col,
                    "yaml-tag",
                    f"tag YAML `{node.tag}` tidak diizinkan",
                    format_field(path),
                    "Hapus tag yang diawali `!`; catatan praktik hanya berisi teks, angka, "
                    "daftar dan kolom.",
                )
            )
        if depth > MAX_DEPTH:
            line, col = _mark(node)
            raise _Refused(
                Problem(
                    self.loaded.display,
                    line,
                    col,
                    "too-deep",
                    f"struktur bersarang lebih dari {MAX_DEPTH} tingkat",
                    format_field(path),
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

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_key: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                raise _Refused(
                    Problem(
                        self.loaded.display,
                        line,
                        col,
                        "complex-key",
                        "nama kolom harus berupa teks sederhana",
                        format_field(path),
                    )
                )
            if id(key_node) in self.seen:
                raise _Refused(self._alias_problem())
            self.seen.add(id(key_node))
            key = str(key_node.value)
            child = (*path, key)
            if key in out:
                key_line, key_col = _mark(key_node)
                self.loaded.problems.append(
                    Problem(
                        self.loaded.display,
                        key_line,
                        key_col,
                        "duplicate-key",
                        f"kolom `{key}` ditulis dua kali (pertama di baris "
                        f"{_mark(first_key[key])[0]})",
                        format_field(child),
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
            line, col = _mark(node)
            message, hint = problem
            raise _Refused(
                Problem(
                    self.loaded.display, line, col, "bad-value", message, format_field(path), hint
                )
            )

    def _alias_problem(self) -> Problem:
        line, col = _first_alias(self.loaded.text)
        return Problem(
            self.loaded.display,
            line,
            col,
            "yaml-alias",
            "penanda rujukan YAML (`&nama`, `*nama`) tidak diizinkan dalam catatan praktik",
            hint="Tulis isinya langsung di setiap tempat yang membutuhkannya.",
        )


_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])&\S", re.MULTILINE)
"""Where an anchor could start (``R&D`` cannot); only then are the tokens scanned."""


def _first_alias(text: str) -> Location:
    return _first_token(text, yaml.AliasToken) or (1, 1)


def _first_token(text: str, kind: type) -> Location | None:
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, kind):
                return token.start_mark.line + 1, token.start_mark.column + 1
    except yaml.YAMLError:  # pragma: no cover - the text already composed
        pass
    return None


def _anchor_problem(shown: str, where: Location) -> Problem:
    line, col = where
    return Problem(
        shown,
        line,
        col,
        "yaml-alias",
        "penanda rujukan YAML (`&nama`, `*nama`) tidak diizinkan dalam catatan praktik",
        hint="Hapus `&nama` di depan nilai; teks yang diawali `&` harus diapit tanda kutip.",
    )


MAX_INT_DIGITS = 15
"""Longest whole number accepted (below 2**53, so every JSON reader keeps it exact)."""
MAX_NUMBER = 10.0**MAX_INT_DIGITS

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


_NUMBER_HINT = "Periksa angkanya; untuk nilai sangat besar tuliskan satuannya, mis. `12 miliar`."


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always text (plain is None or '')
        return value
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
