"""Where a value is: field paths and their ``line:col`` in the file.

Two lookups, for two kinds of file:

* :func:`node_position` walks the composed node tree of a file that parsed,
  to the value (or key) at a field path;
* :func:`field_at` goes the other way for a file libyaml refused: from a line
  and column it reads the block layout by indentation and names the field.
"""

from __future__ import annotations

import re

import yaml

Location = tuple[int, int]
FieldPath = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):\s*")


def format_field(loc: FieldPath) -> str:
    """``('replikasi', 0, 'status')`` -> ``replikasi[0].status``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def node_mark(node: yaml.Node) -> Location:
    """1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def node_position(root: yaml.Node, loc: FieldPath, *, key: bool = False) -> Location:
    """Line and column of the value (or key) at ``loc`` below ``root``, or of its nearest ancestor."""
    node = root
    found = node_mark(node)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            pair = next((kv for kv in node.value if kv[0].value == part), None)
            if pair is None:
                return found
            node = pair[1]
            found = node_mark(pair[0]) if (key and last) else node_mark(node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return found
            node = node.value[part]
            found = node_mark(node)
        else:
            return found
    return found


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


def _item_index(lines: list[str], row: int, col: int) -> int:
    """How many list items at column ``col`` come before line ``row`` in the same list."""
    index = 0
    for above in range(row - 1, -1, -1):
        found = _content_col(lines[above])
        if found is None or found > col:
            continue
        if found < col or lines[above][col] != "-":
            break
        index += 1
    return index


def _parent_parts(lines: list[str], row: int, limit: int) -> tuple[int, list[tuple[int, str]]]:
    """The nearest line above ``row`` indented less than ``limit``, and its dashes and keys."""
    for above in range(row - 1, -1, -1):
        found = _content_col(lines[above])
        if found is not None and found < limit:
            return above, [p for p in _parts(lines[above], len(lines[above])) if p[0] < limit]
    return row, []


def field_at(lines: list[str], number: int, end: int) -> str:
    """The dotted field path of the value starting at column ``end`` of line ``number``.

    Only used for a file libyaml refused, so it reads the block layout by
    indentation: good enough for records, which use no flow mappings.
    """
    path: list[str | int] = []
    parts = _parts(lines[number], end)
    row = number
    while parts:
        for col, name in reversed(parts):
            path.insert(0, name if name != "-" else _item_index(lines, row, col))
        limit = parts[0][0]
        if limit == 0:
            break
        row, parts = _parent_parts(lines, row, limit)
    return format_field(tuple(path))
