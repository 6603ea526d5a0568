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
        """``path:line:col: [rule] message (kolom: x) Saran: hint``."""
        text = f"{self.path}:{self.line}:{self.col}: [{self.rule}] {self.message}"
        if self.field:
            text += f" (kolom: {self.field_for_people})"
        if self.hint:
            text += f"\n    Saran: {self.hint}"
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


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: Sequence[Problem], fmt: str) -> str:
    """Render problems as ``text``, ``json`` or ``github``."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in ordered], ensure_ascii=False, indent=2)
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
