"""Syntax problems of a file libyaml refused: the first, the further ones, the reader's.

:func:`syntax_problem` turns one parser error into a ``yaml-syntax``
:class:`~generator.problems.Problem` (the explanation comes from
:mod:`generator.stages.load.syntax_messages`); :func:`further_problems` blanks
the faulty part and parses again so one run lists every independent mistake;
:func:`first_document` recovers the first of two documents.
"""

from __future__ import annotations

import re

import yaml

from generator.problems import Problem
from generator.stages.load.positions import field_at
from generator.stages.load.syntax_layout import indent_of, is_content, looks_structural
from generator.stages.load.syntax_messages import GENERIC_HINT, explain
from generator.stages.load.yaml_loader import ComposeLoader


def first_problem(err: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    """The Problem for the first error libyaml raised on ``text``."""
    after_quote = _text_after_quote(err, text, shown) if text else None
    if after_quote is not None:
        return after_quote
    return syntax_problem(err, shown, text)


_QUOTES = "\"'"


def _quoted_before(text: str, row: int, closed_at: int) -> yaml.ScalarToken | None:
    """The last quoted scalar that ends at column ``closed_at`` of line ``row``."""
    quoted = None
    try:
        for token in yaml.scan(text, Loader=ComposeLoader):
            if token.start_mark.line > row:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.end_mark.line == row
                and token.end_mark.column == closed_at
            ):
                quoted = token
    except yaml.YAMLError:
        pass
    return quoted


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
    quoted = _quoted_before(text, mark.line, closed_at)
    if quoted is None or quoted.start_mark.line != mark.line:
        return None
    rest = line[mark.column :].split(" #", 1)[0].strip()
    before = line[: quoted.start_mark.column].strip()
    whole = quoted.value + (" " if mark.column > closed_at else "") + rest
    field_name = field_at(lines, mark.line, quoted.start_mark.column)
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


def syntax_problem(err: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    """A ``yaml-syntax`` Problem for ``err`` in the file shown as ``shown``."""
    found = explain(err, text)
    lines = text.splitlines()
    field = ""
    if found.with_field and found.line < len(lines):
        try:
            field = field_at(lines, found.line, len(lines[found.line]))
        except (IndexError, ValueError):  # pragma: no cover - a best effort only
            field = ""
    return Problem(
        shown,
        found.line + 1,
        found.col + 1,
        "yaml-syntax",
        f"YAML tidak valid: {found.message}",
        field,
        found.hint,
    )


def reader_problem(err: yaml.YAMLError, shown: str, text: str) -> Problem:
    """A Problem for errors without a mark (libyaml's reader: control characters)."""
    position = getattr(err, "position", None)
    character = getattr(err, "character", None)
    line, col = 1, 1
    if isinstance(position, int) and 0 <= position <= len(text):
        before = text[:position]
        line = before.count("\n") + 1
        col = position - (before.rfind("\n") + 1) + 1
    if isinstance(character, int | str) and character != "":
        code = character if isinstance(character, int) else ord(character)
        message = f"YAML tidak valid: ada karakter kendali tak terlihat (kode {code:#06x})"
        hint = (
            "Hapus karakter itu; biasanya ikut tersalin dari dokumen lain. Ketik ulang baris ini."
        )
        return Problem(shown, line, col, "yaml-syntax", message, "", hint)
    return Problem(
        shown,
        line,
        col,
        "yaml-syntax",
        "YAML tidak valid: berkas tidak bisa dibaca",
        "",
        GENERIC_HINT,
    )


def first_document(err: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Node | None, str] | None:
    """``(node, text)`` of the first document when the only trouble is a second one.

    The text is cut before the second document so that positions looked up
    later (in the first document) stay where they are.
    """
    if "another document" not in (err.problem or "") or err.problem_mark is None:
        return None
    head = "".join(text.splitlines(keepends=True)[: err.problem_mark.line])
    try:
        node = yaml.compose(head, Loader=ComposeLoader)
    except yaml.YAMLError:
        return None
    return (node, head) if isinstance(node, yaml.MappingNode) else None


MAX_SYNTAX_PROBLEMS = 5
# Mistakes local to a line or two, after which the rest of the file can be read.
_RECOVERABLE = (
    "could not find expected ':'",
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "quoted scalar",
    "cannot start any token",
    "undefined alias",
    "block scalar",
    "flow sequence",
    "flow mapping",
    "expected <block end>",
    "did not find expected node content",
)


def further_problems(
    err: yaml.MarkedYAMLError, text: str, shown: str, first: Problem
) -> list[Problem]:
    """Other, independent syntax mistakes further down the same file.

    The line of the first mistake (and the lines that belong under it) is
    blanked and the file composed again; a new error below that part is a
    separate mistake and reported too, so one run lists them all. An error
    inside the blanked part would follow from the first mistake: not reported.
    """
    if not any(kind in f"{err.context} {err.problem}" for kind in _RECOVERABLE):
        return []  # e.g. a second document: everything below is the same mistake
    lines = text.split("\n")
    out: list[Problem] = []
    culprit = first.line - 1
    mark = err.problem_mark.line if err.problem_mark else culprit
    for _ in range(MAX_SYNTAX_PROBLEMS - 1):
        if not 0 <= culprit < len(lines):
            break
        end = max(_block_end(lines, culprit), _under_inline_value_end(lines, culprit))
        for k in range(culprit, end):
            lines[k] = ""
        skip_to = max(end, mark + 1)
        try:
            yaml.compose("\n".join(lines), Loader=ComposeLoader)
            break
        except yaml.MarkedYAMLError as again:
            found = syntax_problem(again, shown, "\n".join(lines))
            if found.line - 1 < skip_to or not any(
                kind in f"{again.context} {again.problem}" for kind in _RECOVERABLE
            ):
                break  # not clearly a separate mistake
            out.append(found)
            culprit = found.line - 1
            mark = again.problem_mark.line if again.problem_mark else culprit
        except yaml.YAMLError:
            break
    return out


def _block_end(lines: list[str], row: int) -> int:
    """The first line after ``row`` that is not part of it.

    Lines indented deeper belong to it; so do the text lines that continue a
    line of text (neither a field nor a list item) at the same indentation.
    """
    indent = indent_of(lines[row]) if is_content(lines[row]) else 0
    text = is_content(lines[row]) and not looks_structural(lines[row])
    k = row + 1
    while k < len(lines):
        line = lines[k]
        deeper = indent_of(line) > indent
        more_text = text and indent_of(line) >= indent and not looks_structural(line)
        if is_content(line) and not deeper and not more_text:
            break
        k += 1
    return k


_INLINE_VALUE = re.compile(r"^\s*(?:- )?[^\s#][^:#]*:\s+(?![|>][-+0-9]*\s*(?:#.*)?$)\S")


def _under_inline_value_end(lines: list[str], row: int) -> int:
    """Where the deeper lines below a field that already has its value on its line end.

    ``ringkasan: {a: 1}`` left above the old text lines makes every one of
    them "too deeply indented": they are one mistake (the field's value was
    replaced), so they are blanked together instead of each being reported.
    Returns ``row`` when the line above ``row`` is not such a field.
    """
    indent = indent_of(lines[row])
    above = next(
        (
            k
            for k in range(row - 1, -1, -1)
            if is_content(lines[k]) and indent_of(lines[k]) < indent
        ),
        None,
    )
    if above is None or not _INLINE_VALUE.match(lines[above]):
        return row
    limit = indent_of(lines[above])
    k = row + 1
    while k < len(lines) and (not is_content(lines[k]) or indent_of(lines[k]) > limit):
        k += 1
    return k
