"""The block layout of a file libyaml refused, read line by line from indentation.

The syntax messages (:mod:`generator.stages.load.syntax_messages`) need to
know which lines are fields, list items or continuations of a ``>-`` text,
and at which indentation; the parser cannot tell them any more once it has
stopped. These helpers read it from the text alone.
"""

from __future__ import annotations

import re

KEY_LINE = re.compile(
    r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s#:'\"\-][^:#]*?|\"[^\"]*\"|'[^']*'):(?: |$)"
)
DASH_LINE = re.compile(r"^(?P<indent> *)- ")
_BLOCK_HEADER = re.compile(r"(?:^|:\s+|-\s+)[>|][-+0-9]*\s*(?:#.*)?$")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def is_content(line: str) -> bool:
    """Neither blank nor a comment."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def key_name(line: str) -> str | None:
    found = KEY_LINE.match(line)
    return found["key"].strip().strip("'\"") if found else None


def key_col(line: str) -> int:
    """Column where the key (after any ``- ``) starts."""
    found = KEY_LINE.match(line)
    if not found:
        return indent_of(line)
    return len(found["indent"]) + len(found["dashes"])


def looks_structural(line: str) -> bool:
    """A field (``nama:``) or a list item (``- ``), not a line of text."""
    return bool(key_name(line)) or bool(DASH_LINE.match(line)) or line.strip() == "-"


def structure_cols(line: str) -> tuple[int | None, int | None]:
    """``(dash column, key column)`` of a field or list-item line."""
    dash = DASH_LINE.match(line)
    key = key_col(line) if key_name(line) else None
    return (len(dash["indent"]) if dash else None), key


def block_scalars(lines: list[str], upto: int) -> list[tuple[int, int, int, int]]:
    """Block scalars (``>-``, ``|``) before line ``upto``.

    Each is ``(header_line, key_indent, content_indent, first_line_after)``;
    ``first_line_after`` is the first content line not indented as deep as the
    text (the line that ends the block, or breaks it).
    """
    out = []
    i = 0
    while i < min(upto, len(lines)):
        line = lines[i]
        if is_content(line) and _BLOCK_HEADER.search(line.split(" #", 1)[0].rstrip() or line):
            key_indent = key_col(line) if key_name(line) else indent_of(line)
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and indent_of(lines[j]) > key_indent:
                content_indent = indent_of(lines[j])
                while j < len(lines) and (
                    not lines[j].strip() or indent_of(lines[j]) >= content_indent
                ):
                    j += 1
                out.append((i, key_indent, content_indent, j))
                i = j
                continue
        i += 1
    return out


def levels_above(lines: list[str], row: int) -> list[tuple[int, int, str]]:
    """``(indent, line, name)`` of the fields and list items above ``row``, nearest first.

    Lines inside block texts are skipped; only one entry per indentation is kept.
    """
    inside: set[int] = set()
    for header, _k, _c, after in block_scalars(lines, row):
        inside.update(range(header + 1, after))
    seen: set[int] = set()
    out = []
    for k in range(row - 1, -1, -1):
        line = lines[k]
        if k in inside or not is_content(line) or not looks_structural(line):
            continue
        found = KEY_LINE.match(line)
        cols = []
        if found and found["key"]:
            cols.append((key_col(line), key_name(line) or ""))
        dash = DASH_LINE.match(line)
        if dash:
            cols.append((len(dash["indent"]), "-"))
        for col, name in cols:
            if col not in seen:
                seen.add(col)
                out.append((col, k, name))
        if indent_of(line) == 0:
            break
    return out


def content_above(lines: list[str], row: int) -> int | None:
    """The nearest line above ``row`` that is neither blank nor a comment."""
    return next((k for k in range(row - 1, -1, -1) if is_content(lines[k])), None)
