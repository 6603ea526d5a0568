"""What to write instead of a date the schema refuses.

Date fields take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (see
:data:`generator.schema.DATE_PATTERN`). Contributors often write dates the
Indonesian way (``27-01-2020``, ``27/01/2020``, ``27 Januari 2020``) or name a
day that does not exist (``2020-02-30``). :func:`date_hint` turns such a value
into a hint in Bahasa Indonesia that names the value to write, spelled out in
words so that the contributor can check the reading, or says why none can be
proposed.
"""

from __future__ import annotations

import calendar
import re

from generator.vocab import MONTHS

# Full names and the usual abbreviations, lower case -> month number.
_MONTH_WORDS: dict[str, int] = {name.lower(): n for n, name in enumerate(MONTHS, start=1)}
_MONTH_WORDS.update(
    {
        "jan": 1,
        "feb": 2,
        "peb": 2,
        "pebruari": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "agu": 8,
        "agt": 8,
        "ags": 8,
        "agust": 8,
        "sep": 9,
        "sept": 9,
        "okt": 10,
        "nov": 11,
        "nop": 11,
        "nopember": 11,
        "des": 12,
    }
)

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
_YEAR_FIRST = re.compile(r"([0-9]{4})\s*[/.]\s*([0-9]{1,2})(?:\s*[/.]\s*([0-9]{1,2}))?")
_DAY_FIRST = re.compile(r"([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{4})")
_MONTH_YEAR = re.compile(r"([0-9]{1,2})\s*[-/.]\s*([0-9]{4})")
_IN_WORDS = re.compile(r"(?:([0-9]{1,2})\s+)?([A-Za-z]+)\.?\s+([0-9]{4})")


def _spelled(year: int, month: int, day: int | None = None) -> str:
    words = f"{MONTHS[month - 1]} {year}"
    return f"{day} {words}" if day else words


def _iso(year: int, month: int, day: int | None = None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _exists(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= _last_day(year, month)


def _propose(year: int, month: int, day: int | None) -> str:
    """``tulis 2020-01-27 (27 Januari 2020)``, or why that day does not exist."""
    if not 1 <= month <= 12:
        return ""
    if day is not None and not _exists(year, month, day):
        return _no_such_day(year, month, day)
    return f"Tulis `{_iso(year, month, day)}` ({_spelled(year, month, day)})."


def _no_such_day(year: int, month: int, day: int) -> str:
    last = _last_day(year, month)
    if day == 0:
        return f"Tanggal dimulai dari 01; {MONTHS[month - 1]} {year} berisi tanggal 01–{last}."
    return (
        f"{MONTHS[month - 1]} {year} hanya sampai tanggal {last}. Periksa tanggalnya di "
        f"sumber; bila hanya bulannya yang pasti, tulis `{_iso(year, month)}`."
    )


def _day_first(day: int, month: int, year: int) -> str:
    """A ``DD-MM-YYYY`` value: the Indonesian reading, else the only reading that exists."""
    if _exists(year, month, day):
        return _propose(year, month, day)
    if 1 <= month <= 12:  # a month that exists, a day that does not
        return _no_such_day(year, month, day)
    if _exists(year, day, month):  # 01/27/2020: only month-first makes sense
        return _propose(year, day, month)
    return ""


def date_hint(value: str) -> str:
    """A hint for a date value the schema refused, or "" when nothing useful can be said."""
    text = " ".join(value.split())
    if m := _ISO.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        day = int(m[3]) if m[3] else None
        if 1 <= month <= 12:
            return _no_such_day(year, month, day) if day is not None else ""
        order = "Urutannya tahun-bulan-tanggal dan bulan hanya 01–12"
        if day is not None and _exists(year, day, month):  # 2019-13-01: day and month swapped
            return f"{order}; bila maksudnya {_spelled(year, day, month)}, tulis `{_iso(year, day, month)}`."
        return f"{order}."
    if m := _YEAR_FIRST.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        return _propose(year, month, int(m[3]) if m[3] else None)
    if m := _DAY_FIRST.fullmatch(text):
        return _day_first(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH_YEAR.fullmatch(text):
        return _propose(int(m[2]), int(m[1]), None)
    if (m := _IN_WORDS.fullmatch(text)) and (month := _MONTH_WORDS.get(m[2].lower())):
        year = int(m[3])
        if not m[1]:
            return _propose(year, month, None)
        return _propose(year, month, int(m[1]))
    return ""
