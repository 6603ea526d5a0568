"""The term shards ``s/<n>.json``: how postings are grouped and written.

A term goes to shard ``fnv1a(term) % pecahan`` (FNV-1a 32-bit, the same
function as in ``cari.js``); a ``>root`` term goes with the word spelt like its
root (``>lumpur`` with ``lumpur``), so a query word and its root term usually
cost one file. A shard maps each term to its postings:

* ``[gaps, scores]``: the documents (ascending, each written as the gap to the
  previous one) and their scores; a third list ``pieces`` is added when a
  document first uses the term past the first piece of its snippet text (see
  :func:`~.text.pieces`), so a shown result fetches only that piece.
* A ``>root`` term whose word is in the shard is written relative to that
  word (:func:`relative_postings`): ``{"d": score deltas, "x": gaps of the
  documents the word lacks, "p": piece deltas}``, the word's score scaled by
  the root factor standing for the root's score. Both lists cover almost the
  same documents with almost the same scores, so this is about a third of the
  bytes of a full list.

Besides terms a shard holds ``"@"``, the word → root map of its words, and
``"="``, its words whose root term is left out (see
:class:`~.scoring.Scores`). :func:`decode_shard` reads a shard back (for tests
and tools); ``cari.js`` does the same in ``postings()``.
"""

from __future__ import annotations

import json
import math
import operator
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from generator.outputs.search.scoring import ROOT_FACTOR, ROOT_MARK, Scores

WORD_ROOTS_KEY = "@"
"""Key of the word → root map inside a shard (never a term: terms are words)."""
SAME_ROOT_KEY = "="
"""Key of the shard's words whose root term is left out (see :class:`Scores`)."""
SHARD_TARGET_BYTES = 8_000
"""Uncompressed bytes of postings per shard (≈ 2–6 KB gzip)."""

Posting = tuple[int, int, int]
"""``(doc, score, piece)``."""


def fnv1a(text: str) -> int:
    """FNV-1a 32-bit over the UTF-8 bytes of ``text`` (same as ``cari.js``)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(term: str, shards: int) -> int:
    """The shard of a term: a ``>root`` term lives with the word spelt like its root."""
    return fnv1a(term.removeprefix(ROOT_MARK)) % shards


def shard_count(scores: Scores) -> int:
    """Enough shards that one holds about :data:`SHARD_TARGET_BYTES` of postings."""
    size = sum(len(t) + 8 + 4 * len(p) for t, p in scores.postings.items())
    return max(1, math.ceil(size / SHARD_TARGET_BYTES))


def scaled(score: int) -> int:
    """A word's score as its root's, rounded like ``Math.round`` in ``cari.js``."""
    return math.floor(score * ROOT_FACTOR + 0.5)


def _list(values: Iterable[int]) -> str:
    return "[" + ",".join(map(str, values)) + "]"


def _gaps(docs: Sequence[int]) -> list[int]:
    return [docs[0], *map(operator.sub, docs[1:], docs[:-1])] if docs else []


def full_postings(found: array[int], pieces: array[int] | None) -> str:
    """``[[doc gaps…], [scores…]]``, plus ``[pieces…]`` when a piece is not 0."""
    lists = [_list(_gaps(found[::2])), _list(found[1::2])]
    if pieces is not None and any(pieces):
        lists.append(_list(pieces))
    return "[" + ",".join(lists) + "]"


def relative_postings(
    found: array[int], pieces: array[int] | None, word: array[int], word_pieces: array[int] | None
) -> str:
    """A root term's postings relative to ``word``'s (the word spelt like the root).

    Every document of ``word`` is one of the root's. In document order, ``d``
    holds each score minus the word's scaled score (0 for a document the word
    lacks), ``p`` each piece minus the word's piece (left out when all 0), and
    ``x`` the gaps between the documents the word lacks (left out when none).
    """
    docs = found[::2]
    deltas = list(found[1::2])
    moved = list(pieces) if pieces is not None else [0] * len(docs)
    where = dict(zip(docs, range(len(docs)), strict=True))
    own = list(map(where.__getitem__, word[::2]))
    for at, score in zip(own, word[1::2], strict=True):
        deltas[at] -= scaled(score)
    if word_pieces is not None:
        for at, piece in zip(own, word_pieces, strict=True):
            moved[at] -= piece
    parts = [f'"d":{_list(deltas)}']
    if any(moved):
        parts.append(f'"p":{_list(moved)}')
    if len(own) < len(docs):
        extra = sorted(set(docs) - set(word[::2]))
        parts.append(f'"x":{_list(_gaps(extra))}')
    return "{" + ",".join(parts) + "}"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def shard_json(terms: list[str], extras: dict[str, Any], scores: Scores) -> bytes:
    """One shard as compact JSON, keys sorted (what ``json.dumps(sort_keys=True)`` gives)."""
    parts = []
    for key in sorted([*extras, *terms]):
        if key in extras:
            value = _json(extras[key])
        else:
            found, pieces = scores.postings[key], scores.places.get(key)
            word = key.removeprefix(ROOT_MARK)
            if word != key and word in scores.postings:
                value = relative_postings(
                    found, pieces, scores.postings[word], scores.places.get(word)
                )
            else:
                value = full_postings(found, pieces)
        parts.append(json.dumps(key, ensure_ascii=False) + ":" + value)
    return ("{" + ",".join(parts) + "}").encode()


def shard_files(scores: Scores) -> dict[str, bytes]:
    """The term shards ``s/<n>.json``: postings, word → root map and same-root words."""
    shards = shard_count(scores)
    grouped: list[list[str]] = [[] for _ in range(shards)]
    extras: list[dict[str, Any]] = [{} for _ in range(shards)]
    for term in scores.postings:
        grouped[shard_of(term, shards)].append(term)
    for word, word_root in scores.word_roots.items():
        if word in scores.postings:
            extras[shard_of(word, shards)].setdefault(WORD_ROOTS_KEY, {})[word] = word_root
    for word in sorted(scores.same_root):
        if word in scores.postings:
            extras[shard_of(word, shards)].setdefault(SAME_ROOT_KEY, []).append(word)
    return {f"s/{n}.json": shard_json(grouped[n], extras[n], scores) for n in range(shards)}


# ----------------------------------------------------------------------------- reading


def _absolute(gaps: list[int]) -> list[int]:
    docs, doc = [], 0
    for gap in gaps:
        doc += gap
        docs.append(doc)
    return docs


def decode_postings(shard: dict[str, Any], term: str) -> list[Posting]:
    """``[(doc, score, piece), …]`` of ``term`` as written in ``shard`` (what ``cari.js`` reads)."""
    value = shard[term]
    if isinstance(value, list):
        pieces = value[2] if len(value) > 2 else [0] * len(value[0])
        return list(zip(_absolute(value[0]), value[1], pieces, strict=True))
    word = decode_postings(shard, term.removeprefix(ROOT_MARK))
    own = {doc: (scaled(score), piece) for doc, score, piece in word}
    docs = sorted([*own, *_absolute(value.get("x", []))])
    pieces = value.get("p", [0] * len(docs))
    out = []
    for doc, delta, piece in zip(docs, value["d"], pieces, strict=True):
        base_score, base_piece = own.get(doc, (0, 0))
        out.append((doc, base_score + delta, base_piece + piece))
    return out


def decode_shard(data: bytes) -> dict[str, list[Posting]]:
    """Every term of a shard with its postings (the ``"@"`` and ``"="`` entries left out)."""
    shard = json.loads(data)
    terms = [key for key in shard if key not in (WORD_ROOTS_KEY, SAME_ROOT_KEY)]
    return {term: decode_postings(shard, term) for term in terms}
