"""Indonesian word roots (Sastrawi) for the search index: `pengelolaan` is found by `kelola`."""

from __future__ import annotations

from functools import cache
from typing import Any

MAX_STEM_CHARS = 40
"""Longer "words" are not stemmed (no Indonesian word is this long; a 200,000-letter
run of ``menye`` took the stemmer 3 s)."""


@cache
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@cache
def stem(word: str) -> str:
    """The Sastrawi root of a lower-case word (itself when too long to be a word)."""
    if len(word) > MAX_STEM_CHARS:
        return word
    return str(_stemmer().stem(word))
