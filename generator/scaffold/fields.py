"""The free-text answers every new record needs: its title, and the id derived from it."""

from __future__ import annotations

import re

from generator.scaffold.regions import region_slug
from generator.schema import ID_MAX_CHARS, ID_PATTERN
from generator.slug import slugify

_ID_RE = re.compile(ID_PATTERN)
MAX_TITLE = 140

# Words left out of a derived id: they make it longer without telling records apart.
_STOP_WORDS = frozenset(
    [
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "yang",
        "sebagai",
        "oleh",
        "pada",
        "bagi",
        "dalam",
        "dengan",
        "atau",
        "the",
        "of",
        "and",
    ]
)


def derive_id(title: str, region: str, *, max_words: int = 5) -> str:
    """An id from the title and the city: short, readable, ASCII kebab-case.

    The city's own words are dropped from the title (they are appended once at
    the end), and so are filler words like ``dan``/``untuk``.
    """
    place = region_slug(region)
    place_words = set(slugify(region, empty="").split("-")) | {"kota", "kabupaten", "kab"}
    words = [
        w
        for w in slugify(title, empty="").split("-")
        if w and w not in _STOP_WORDS and w not in place_words
    ]
    head = "-".join(words[:max_words])
    return "-".join(part for part in (head, place) if part)


def check_id(value: str) -> str | None:
    """Why ``value`` is not a usable id, or None."""
    if not _ID_RE.fullmatch(value):
        return (
            f"id `{value}` tidak sah: pakai huruf kecil, angka dan tanda hubung saja "
            "(mis. `bank-sampah-balikpapan`)"
        )
    if len(value) > ID_MAX_CHARS:
        return f"id `{value}` terlalu panjang (maksimal {ID_MAX_CHARS} karakter)"
    return None


def check_title(title: str) -> str | None:
    """Why ``title`` cannot be a record's title, or None."""
    if not title.strip():
        return "judul tidak boleh kosong"
    if len(title.strip()) > MAX_TITLE:
        return f"judul terlalu panjang ({len(title.strip())} karakter; maksimal {MAX_TITLE})"
    return None
