"""From a path to checked text: the limits applied before any YAML is parsed.

A record is read only if it is a regular file (never through a symbolic
link, never a device or a pipe), at most :data:`MAX_FILE_BYTES` long, valid
UTF-8, free of control and bidirectional-control characters, and indented
with spaces. Each refusal is a :class:`~generator.problems.Problem` in
Indonesian; the operating system's English never reaches the contributor.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

from generator.problems import Problem

MAX_FILE_BYTES = 256 * 1024

_SYMLINK_MESSAGE = "berkas ini tautan simbolik (symlink); Replika tidak membaca berkas lewat tautan"
_SYMLINK_HINT = "Salin isi catatan ke berkas biasa di `practices/` lalu hapus tautannya."


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
        raise Unsafe("symlink", _SYMLINK_MESSAGE, _SYMLINK_HINT)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Unsafe("symlink", _SYMLINK_MESSAGE, _SYMLINK_HINT) from err
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unsafe(
                "not-a-file",
                "ini bukan berkas biasa (mis. perangkat, pipa atau soket); tidak dibaca",
                "Di `practices/` hanya boleh ada berkas teks `.yaml`.",
            )
        return handle.read(limit + 1)


def read_problem(path: Path, shown: str) -> bytes | Problem:
    """The file's bytes, or the Problem that stops it from being read at all."""
    try:
        raw = read_limited(path)
    except Unsafe as err:
        return Problem(shown, 0, 0, err.rule, err.message, hint=err.hint)
    except OSError as err:
        return Problem(
            shown, 0, 0, "file-unreadable", f"berkas tidak bisa dibaca: {os_reason(err)}"
        )
    if len(raw) > MAX_FILE_BYTES:
        return Problem(
            shown,
            1,
            1,
            "file-too-large",
            f"berkas terlalu besar (lebih dari {MAX_FILE_BYTES // 1024} KiB)",
            hint="Satu praktik cukup beberapa halaman teks; pindahkan lampiran ke "
            "tautan di bagian `sumber`.",
        )
    return raw


_OS_REASONS = {
    errno.ENOENT: "berkas tidak ada",
    errno.EACCES: "tidak ada izin membacanya",
    errno.EPERM: "tidak ada izin membacanya",
    errno.EISDIR: "ini sebuah folder",
    errno.ELOOP: "tautan simbolis berputar",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
}


def os_reason(err: OSError) -> str:
    """The operating system's reason in Indonesian (its own text is English)."""
    return _OS_REASONS.get(err.errno or 0, f"kesalahan sistem berkas (errno {err.errno})")


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


def decode(raw: bytes, shown: str) -> str | Problem:
    """The UTF-8 text of ``raw`` (without a byte-order mark), or why it cannot be a record."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        return Problem(
            shown,
            line,
            col,
            "not-utf8",
            f"berkas bukan teks UTF-8 (bita 0x{raw[err.start]:02x} tidak sah)",
            hint="Simpan ulang berkas dengan pengodean UTF-8 (di editor: "
            "'Save with encoding' → UTF-8).",
        )
    text = text.removeprefix("\ufeff")
    bad = forbidden_char(text)
    if bad is None:
        return text
    line = text.count("\n", 0, bad.start()) + 1
    col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    return Problem(
        shown,
        line,
        col,
        "control-char",
        f"ada karakter kendali {char_name(bad.group())} yang tidak terlihat di baris {line}",
        hint="Hapus karakter itu (biasanya terbawa saat menyalin dari dokumen lain); "
        "karakter kendali dan pembalik arah teks tidak diizinkan.",
    )


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def tab_problems(text: str, shown: str) -> list[Problem]:
    """One Problem per line indented with a tab (YAML only accepts spaces)."""
    if "\t" not in text or not _TAB_INDENT.search(text):
        return []  # most files hold no tab at all: one fast scan instead of a pattern
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        col = line.find("\t", 0, indent)
        if col >= 0:
            found.append(
                Problem(
                    shown,
                    number,
                    col + 1,
                    "tab-indent",
                    "indentasi memakai karakter tab; YAML hanya menerima spasi",
                    hint="Ganti tab dengan dua spasi per tingkat.",
                )
            )
    return found
