"""The one shape every error takes, and its three output formats.

Every stage (loading, schema validation, cross-record checks, the CLI's own
usage checks) reports a :class:`Problem`. People read the text format; CI
tools read JSON; GitHub turns the ``github`` format into annotations on the
offending line of a pull request.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place.

    ``line`` and ``col`` are 1-based; 0 means "the whole file". ``field`` is the
    dotted path of the field inside the record (``replikasi[0].status``) and
    ``hint`` tells the contributor how to fix it.
    """

    path: str
    line: int
    col: int
    rule: str
    message: str
    field: str = ""
    hint: str = ""

    @property
    def field_for_people(self) -> str:
        """``linimasa[1].tanggal`` -> ``linimasa butir ke-2 › tanggal`` (counted from 1)."""
        return human_field(self.field)

    def as_text(self) -> str:
        """``path:line:col: [rule] message (kolom: x) Saran: hint``.

        Every part is passed through :func:`safe_line`: a value quoted from a
        record or a file name can neither start a new line (a forged
        ``::error`` workflow command in CI logs) nor send a terminal escape.
        """
        text = (
            f"{safe_line(self.path)}:{self.line}:{self.col}: [{safe_line(self.rule)}] "
            f"{safe_line(self.message)}"
        )
        if self.field:
            text += f" (kolom: {safe_line(self.field_for_people)})"
        if self.hint:
            text += f"\n    Saran: {safe_line(self.hint)}"
        return text

    def as_github(self) -> str:
        """A GitHub Actions workflow command that annotates the line."""
        body = self.message
        if self.field:
            body += f" (kolom: {self.field_for_people})"
        if self.hint:
            body += f" Saran: {self.hint}"
        props = f"file={_gh_prop(self.path)},line={max(self.line, 1)},col={max(self.col, 1)}"
        props += f",title={_gh_prop('replika ' + self.rule)}"
        return f"::error {props}::{_gh_data(body)}"


_INDEX = re.compile(r"\[(\d+)\]")


def human_field(field: str) -> str:
    """A machine field path as people count: list positions from 1.

    ``replikasi[0].sumber[2]`` -> ``replikasi butir ke-1 › sumber butir ke-3``.
    The JSON output keeps the machine path (:attr:`Problem.field`).
    """
    if not field:
        return ""
    text = _INDEX.sub(lambda m: f" butir ke-{int(m[1]) + 1}", field)
    return " › ".join(part.strip() for part in text.split(".")).strip()


# Line breaks (including Unicode's), C0/C1 controls, DEL and bidirectional
# controls: anything that could end an output line, move the cursor or
# reorder what a terminal or browser shows.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def safe_line(text: str) -> str:
    """``text`` as one inert line: control characters written as escapes (``\\x1b``)."""
    return _UNSAFE.sub(lambda m: _SHORT.get(m.group()) or _escape(m.group()), str(text))


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _gh_data(text: str) -> str:
    # "%", CR and LF are encoded as GitHub documents; other controls are escaped.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return safe_line(text)


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: Sequence[Problem], fmt: str) -> str:
    """Render problems as ``text``, ``json`` or ``github``."""
    ordered = sorted(problems)
    if fmt == "json":
        # json escapes C0 controls itself; the rest (C1, bidi, U+2028) as \\uXXXX too.
        out = json.dumps([asdict(p) for p in ordered], ensure_ascii=False, indent=2)
        return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    if fmt == "github":
        return "\n".join(p.as_github() for p in ordered)
    return "\n".join(p.as_text() for p in ordered)


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest choice to ``word`` (case-insensitive), or None."""
    by_lower = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=cutoff)
    return by_lower[found[0]] if found else None


def suggestion(word: str, choices: Sequence[str], *, show_all_below: int = 12) -> str:
    """A hint naming the closest choice, or listing the choices if few."""
    close = did_you_mean(word, choices)
    parts = []
    if close:
        parts.append(f"Maksud Anda `{close}`?")
    if len(choices) <= show_all_below:
        parts.append("Pilihan yang ada: " + ", ".join(f"`{c}`" for c in choices) + ".")
    return " ".join(parts)
