"""Field-weighted BM25 of every word and root term, precomputed as small integers.

BM25 per field, weighted (title ≫ labels, summary > body), summed and stored
per (term, document) as a small integer; root terms (``>root``) count half,
so an exact word ranks above a page that only shares its root. The browser
only adds numbers.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.outputs.search.text import root, words

ROOT_MARK = ">"
"""A root term is its root behind this mark (``>kelola``)."""

FIELD_WEIGHTS = {"judul": 8.0, "label": 2.5, "ringkasan": 2.0, "isi": 1.0}
ROOT_FACTOR = 0.5
"""Root-only matches count half of an exact word."""

SCORE_SCALE = 4
K1 = 1.8
B = 0.75


@dataclass
class Scores:
    """Postings of every term: ``term → array [doc, score, doc, score, …]`` (docs ascending).

    ``word_roots`` maps a word to its root when they differ. ``same_root`` lists
    the words that are their own root and the only word with that root: their
    ``>root`` term would repeat the word's own postings at :data:`ROOT_FACTOR`,
    so it is left out and the browser derives it from the word's scores.
    ``places`` (when :func:`score_terms` was given ``places``) holds, per term
    and in the order of its postings, the snippet piece where the document
    first uses the term.
    """

    postings: dict[str, array[int]]
    word_roots: dict[str, str]
    same_root: set[str]
    places: dict[str, array[int]] = field(default_factory=dict)

    def of(self, term: str) -> dict[int, int]:
        """``{doc: score}`` of one term (for tests and tools)."""
        found = self.postings.get(term)
        return dict(zip(found[::2], found[1::2], strict=True)) if found else {}

    def place(self, term: str) -> dict[int, int]:
        """``{doc: piece}`` of one term (for tests and tools)."""
        found = self.postings.get(term)
        if not found:
            return {}
        return dict(zip(found[::2], self.places.get(term) or [0] * (len(found) // 2), strict=True))


class _Terms:
    """Interned terms: every word gets an id, and so does its ``>root`` term."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self.root_id: list[int] = []  # term id → id of its ``>root`` term (-1 for root terms)

    def intern(self, term: str) -> int:
        found = self.ids.get(term)
        if found is not None:
            return found
        self.ids[term] = number = len(self.names)
        self.names.append(term)
        self.root_id.append(-1)
        if not term.startswith(ROOT_MARK):
            self.root_id[number] = self.intern(ROOT_MARK + root(term))
        return number

    def tokens(self, text: str) -> array[int]:
        ids = self.ids
        return array("I", [ids[w] if w in ids else self.intern(w) for w in words(text)])

    def same_root(self) -> set[str]:
        """Words that are their own root and the only word with that root."""
        root_id, names = self.root_id, self.names
        contributors = Counter(r for r in root_id if r >= 0)
        return {
            names[t]
            for t in range(len(names))
            if root_id[t] >= 0
            and names[root_id[t]] == ROOT_MARK + names[t]
            and contributors[root_id[t]] == 1
        }

    def word_roots(self) -> dict[str, str]:
        root_id, names = self.root_id, self.names
        return {
            names[t]: names[root_id[t]][len(ROOT_MARK) :]
            for t in range(len(names))
            if root_id[t] >= 0 and names[root_id[t]] != ROOT_MARK + names[t]
        }


def score_terms(
    documents: list[dict[str, str]],
    boosts: Sequence[float] | None = None,
    places: Callable[[int], Mapping[str, int]] | None = None,
) -> Scores:
    """Field-weighted BM25 of every word and ``>root`` term, as small integers.

    Two passes over compact token arrays: the first interns words and counts
    document frequencies and field lengths, the second scores. Each document's
    score of a term is ``idf × Σ_field weight × tf(k1+1) / (tf + k1·norm)``,
    times :data:`ROOT_FACTOR` for root terms, times :data:`SCORE_SCALE`.
    ``boosts`` multiplies each document's scores (see :data:`KIND_WEIGHTS`).
    ``places(doc)`` maps terms of a document to its snippet piece (absent: 0);
    it is asked once per document, so a caller can compute it on the fly.
    """
    names = list(FIELD_WEIGHTS)
    terms = _Terms()
    tokens: list[list[array[int]]] = []
    lengths: list[list[int]] = [[] for _ in names]
    df: Counter[int] = Counter()
    for fields in documents:
        arrays = [terms.tokens(fields.get(name, "")) for name in names]
        seen: set[int] = set()
        for n, found in enumerate(arrays):
            lengths[n].append(len(found))
            seen.update(found)
        df.update(seen | {terms.root_id[t] for t in seen})
        tokens.append(arrays)
    count = len(documents)
    average = [sum(v) / count if count else 0.0 for v in lengths]
    idf = {t: math.log(1 + (count - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    same_root = terms.same_root()
    skipped = {terms.ids[ROOT_MARK + word] for word in same_root}
    postings: dict[int, array[int]] = {}
    sparse: dict[int, list[tuple[int, int]]] = defaultdict(list)  # term → (posting, piece)
    root_id, ids = terms.root_id, terms.ids
    for doc, arrays in enumerate(tokens):
        boost = boosts[doc] if boosts is not None else 1.0
        for term, value in _bm25(arrays, average, root_id).items():
            if term in skipped:
                continue
            factor = (ROOT_FACTOR if root_id[term] < 0 else 1.0) * boost
            score = max(1, round(value * idf[term] * factor * SCORE_SCALE))
            found = postings.get(term)
            if found is None:
                found = postings[term] = array("I")
            found.append(doc)
            found.append(score)
        if places is not None:
            for name, piece in places(doc).items():
                term = ids.get(name, -1)
                found = postings.get(term)
                if found is not None and found[-2] == doc:
                    sparse[term].append((len(found) // 2 - 1, piece))
    named = terms.names
    return Scores(
        {named[t]: p for t, p in postings.items()},
        terms.word_roots(),
        same_root,
        {named[t]: _dense(len(postings[t]) // 2, s) for t, s in sparse.items()},
    )


def _dense(count: int, sparse: list[tuple[int, int]]) -> array[int]:
    """``count`` pieces, 0 but where ``sparse`` (position, piece) says otherwise."""
    out = array("H", bytes(2 * count))
    for position, piece in sparse:
        out[position] = piece
    return out


def _bm25(arrays: list[array[int]], average: list[float], root_id: list[int]) -> dict[int, float]:
    """Term id → ``Σ_field weight × tf(k1+1) / (tf + k1·norm)`` of one document (no idf yet)."""
    weights = list(FIELD_WEIGHTS.values())
    total: dict[int, float] = defaultdict(float)
    for n, found in enumerate(arrays):
        if not found:
            continue
        norm = K1 * (1 - B + B * len(found) / (average[n] or 1))
        weight = weights[n] * (K1 + 1)
        tf_words = Counter(found)
        tf_roots: Counter[int] = Counter()
        for term, tf in tf_words.items():
            tf_roots[root_id[term]] += tf
        for counter in (tf_words, tf_roots):
            for term, tf in counter.items():
                total[term] += weight * tf / (tf + norm)
    return total
