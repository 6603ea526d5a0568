"""Reading raw record data (the YAML mapping) without trusting its shape.

The checks that run on a record's raw data (so that a record with schema
errors still gets its other problems reported in the same run) read it
through these helpers: a missing key or a value of the wrong kind is None.
"""

from __future__ import annotations

import re
from typing import Any

from generator.schema import DATE_PATTERN, check_date

_DATE_RE = re.compile(DATE_PATTERN)


def dig(data: Any, *path: str | int) -> Any:
    """``data[path...]`` or None when any step is missing or of the wrong kind."""
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[part] if isinstance(part, int) else data.get(part)
    return data


def numbered(data: Any, key: str) -> list[tuple[int, Any]]:
    """Numbered items of the list ``data[key]`` (empty when it is not a list)."""
    value = dig(data, key)
    return list(enumerate(value)) if isinstance(value, list) else []


def as_text(value: Any) -> str | None:
    """``value`` if it is text, else None."""
    return value if isinstance(value, str) else None


def date_key(value: Any) -> tuple[int, ...]:
    """``"2018-04"`` -> ``(2018, 4)``; empty for anything that is not a valid date.

    An invalid date (``2020-13``) is reported by the schema; comparing it would
    report the same mistake a second time as an ordering problem.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            check_date(value)
        except ValueError:
            return ()
        return tuple(int(p) for p in value.split("-"))
    return ()
