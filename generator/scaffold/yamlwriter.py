"""YAML text for a new record: one value as flow text, the template filled, a record dumped.

The text is written by hand rather than by ``yaml.dump`` so a draft reads like
the hand-written records: fields in the schema's order, long text folded, the
template's comments kept.
"""

from __future__ import annotations

import re
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import yaml

from generator.errors import BrokenTemplate
from generator.schema import DATE_PATTERN, SCHEMA_URL_FROM_RECORD, Practice
from generator.stages.load import load_file

_DATE_RE = re.compile(DATE_PATTERN)
_MISSING = object()


def yaml_scalar(value: Any) -> str:
    """One value as YAML flow text, quoted only when it must be."""
    # A list is dumped whole, so its items are quoted for flow context too
    # (a tag `a]b` written bare would end the list early).
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def fill_template(template: str, values: dict[tuple[str, ...], Any], display: str) -> str:
    """The template with the lines of ``values``' keys replaced by ``key: value``.

    Keys are found through the strict loader's positions, not by pattern, so a
    reordered template still works; the ``# ISI`` comment of a filled line goes.
    """
    tmp = Path(tempfile.mkdtemp(prefix="replika-templat-")) / "_templat.yaml"
    try:
        tmp.write_text(template, encoding="utf-8")
        loaded = load_file(tmp, display)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.parent.rmdir()
    if loaded.data is None:
        first = loaded.problems[0].as_text() if loaded.problems else ""
        raise BrokenTemplate(f"templat catatan rusak: {first}")
    lines = template.splitlines()
    for path, value in values.items():
        node: Any = loaded.data
        for part in path:
            node = node.get(part, _MISSING) if isinstance(node, dict) else _MISSING
        if node is _MISSING:
            raise BrokenTemplate(f"templat catatan tidak memuat kolom `{'.'.join(path)}`")
        line, col = loaded.where(path, key=True)
        indent = " " * (col - 1)
        lines[line - 1] = f"{indent}{path[-1]}: {yaml_scalar(value)}"
    return "\n".join(lines) + "\n"


def _field_order(model: type[Any]) -> list[str]:
    return [f.alias for f in model.model_fields.values() if f.alias]


def dump_record(data: dict[str, Any], notes: dict[str, list[str]] | None = None) -> str:
    """Readable YAML in the order of the schema, long text as folded blocks."""
    lines = [f"# yaml-language-server: $schema={SCHEMA_URL_FROM_RECORD}"]
    for key in _field_order(Practice):
        if key not in data:
            continue
        for note_key, note_lines in (notes or {}).items():
            if note_key == key:
                lines.append(f"# Dari usulan (rapikan menjadi butir `{key}` dengan sumbernya):")
                lines.extend(f"#   {n}" for n in note_lines)
        lines.extend(_dump(key, data[key], 0))
    return "\n".join(lines) + "\n"


def _dump(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out.extend(_dump(k, v, indent + 2))
        return out
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        if all(isinstance(v, str) and len(v) <= 30 for v in value) and key in ("jenis", "tag"):
            return [f"{pad}{key}: {yaml_scalar(value)}"]
        out = [f"{pad}{key}:"]
        for item in value:
            out.extend(_dump_item(item, indent + 2))
        return out
    return _scalar_lines(f"{pad}{key}:", value, indent)


def _dump_item(item: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict):
        out: list[str] = []
        for n, (k, v) in enumerate(item.items()):
            sub = _dump(k, v, indent + 2)
            if n == 0:
                sub[0] = f"{pad}- " + sub[0].lstrip()
            out.extend(sub)
        return out
    return _scalar_lines(f"{pad}-", item, indent)


def _scalar_lines(prefix: str, value: Any, indent: int) -> list[str]:
    if isinstance(value, str) and (len(value) > 70 or ": " in value or " #" in value):
        body = textwrap.wrap(value, width=max(40, 88 - indent - 2), break_on_hyphens=False)
        return [f"{prefix} >-", *(" " * (indent + 2) + line for line in body)]
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        return [f"{prefix} {value}"]  # the strict loader keeps dates as text
    return [f"{prefix} {yaml_scalar(value)}"]
