"""Limits that keep the cost of every stage linear in the size of the content.

The Markdown converter (python-markdown) is fast for ordinary text but not for
every text: each ``[`` makes it scan ahead for a matching ``]`` (quadratic in
the number of brackets: 8,000 of them took 8 s, 50,000 more than 12 minutes),
and list markers stacked on one line (``* * * * x``) recurse once per marker
until Python's stack runs out. Rather than trusting the converter, the fields
that allow Markdown are bounded here: a text of at most
:data:`MAX_MARKDOWN_CHARS` characters with at most :data:`MAX_BRACKETS`
brackets and :data:`MAX_STACKED_MARKERS` list or quote markers at the start of
a line. Each bounded text then costs at most a fixed time, so a record costs
time proportional to its size. ``replika validate`` refuses a text beyond
these limits (with the line); the renderer shows such a text as plain text, so
a record that was never validated still cannot stall a build or the preview.
"""

from __future__ import annotations

import re

MARKDOWN_FIELDS = ("ringkasan", "masalah", "langkah", "pelajaran")
"""Record fields that may use inline Markdown (bold, italic, http/https links)."""

MAX_MARKDOWN_CHARS = 5_000
"""Longest text in a Markdown field (the longest real `ringkasan` has ~600)."""

MAX_BRACKETS = 100
"""Most ``[`` in one Markdown text (a link needs one)."""

MAX_STACKED_MARKERS = 3
"""Most list or quote markers (``*``, ``-``, ``+``, ``1.``, ``>``) opening one line."""

MAX_INDENT = 40
"""Deepest indentation of a line inside a Markdown text, in spaces."""

MAX_WORD_CHARS = 100
"""Longest run of letters in any text (the longest real word has 22). The PDF's
automatic hyphenation takes time quadratic in a word's length: a word of 2,000
letters took 30 s in one brief."""

MAX_TOKEN_CHARS = 1_000
"""Longest text without a space in any field (long web addresses fit)."""

_LONG_WORD = re.compile(rf"[^\W\d_]{{{MAX_WORD_CHARS + 1}}}")
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1}}}")

_STACKED = re.compile(
    rf"^[ \t]*(?:(?:[*+>-]|[0-9]{{1,9}}[.)])[ \t]+){{{MAX_STACKED_MARKERS + 1}}}", re.M
)
_INDENT = re.compile(rf"^[ \t]{{{MAX_INDENT + 1}}}", re.M)


def markdown_excess(text: str) -> tuple[int, str] | None:
    """Where ``text`` goes beyond a Markdown limit (offset, Indonesian reason), or None.

    Runs in time linear in ``len(text)``.
    """
    if len(text) > MAX_MARKDOWN_CHARS:
        return (
            MAX_MARKDOWN_CHARS,
            f"teks ini terlalu panjang ({len(text):,} karakter; batasnya "
            f"{MAX_MARKDOWN_CHARS:,})".replace(",", "."),
        )
    if text.count("[") > MAX_BRACKETS:
        at = _nth(text, "[", MAX_BRACKETS + 1)
        return (at, f"teks ini memuat lebih dari {MAX_BRACKETS} tanda `[`")
    one_line = "\n" not in text  # then only the start of the text is a line start
    stacked = _STACKED.match(text) if one_line else _STACKED.search(text)
    if stacked is not None:
        return (
            stacked.start(),
            f"lebih dari {MAX_STACKED_MARKERS} tanda daftar/kutipan (`*`, `-`, `+`, `1.`, `>`) "
            "berturut-turut di awal baris",
        )
    deep = _INDENT.match(text) if one_line else _INDENT.search(text)
    if deep is not None:
        return (deep.start(), f"baris menjorok lebih dari {MAX_INDENT} spasi")
    return None


def _nth(text: str, char: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = text.find(char, at + 1)
    return at


def _has_long_run(text: str) -> bool:
    """Whether ``text`` has more than :data:`MAX_WORD_CHARS` characters between two spaces.

    A line break is a space, so only lines that long are split into words
    (a whole record's text split into words cost 0.2 s at 5,000 records).
    """
    if len(text) <= MAX_WORD_CHARS:
        return False
    lines = text.split("\n")
    if max(map(len, lines)) <= MAX_WORD_CHARS:
        return False
    return any(
        max(map(len, line.split()), default=0) > MAX_WORD_CHARS
        for line in lines
        if len(line) > MAX_WORD_CHARS
    )


def word_excess(text: str) -> tuple[int, str] | None:
    """Where ``text`` holds a word or an unbroken text too long to lay out cheaply, or None.

    Runs in time linear in ``len(text)`` (each match is bounded in length).
    """
    if not _has_long_run(text):
        return None  # most texts: no search at all
    word = _LONG_WORD.search(text)
    if word is not None:
        return (
            word.start(),
            f"ada kata lebih dari {MAX_WORD_CHARS} huruf tanpa spasi "
            f"(`{text[word.start() : word.start() + 20]}…`)",
        )
    token = _LONG_TOKEN.search(text)
    if token is not None:
        return (
            token.start(),
            f"ada teks lebih dari {MAX_TOKEN_CHARS:,} karakter tanpa spasi".replace(",", "."),
        )
    return None
