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
from collections.abc import Sequence
from dataclasses import dataclass

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
    """

    postings: dict[str, array[int]]
    word_roots: dict[str, str]
    same_root: set[str]

    def of(self, term: str) -> dict[int, int]:
        """``{doc: score}`` of one term (for tests and tools)."""
        found = self.postings.get(term)
        return dict(zip(found[::2], found[1::2], strict=True)) if found else {}


def score_terms(
    documents: list[dict[str, str]],
    boosts: Sequence[float] | None = None,
) -> Scores:
    """Field-weighted BM25 of every word and ``>root`` term, as small integers.

    Two passes over compact token arrays: the first interns words and counts
    document frequencies and field lengths, the second scores. Each document's
    score of a term is ``idf × Σ_field weight × tf(k1+1) / (tf + k1·norm)``,
    times :data:`ROOT_FACTOR` for root terms, times :data:`SCORE_SCALE`.
    ``boosts`` multiplies each document's scores (see :data:`KIND_WEIGHTS`).
    """
    names = list(FIELD_WEIGHTS)
    weights = [FIELD_WEIGHTS[name] for name in names]
    ids: dict[str, int] = {}
    terms: list[str] = []
    root_id: list[int] = []  # term id → id of its ``>root`` term (-1 for root terms)

    def intern(term: str) -> int:
        found = ids.get(term)
        if found is not None:
            return found
        ids[term] = number = len(terms)
        terms.append(term)
        root_id.append(-1)
        if not term.startswith(ROOT_MARK):
            root_id[number] = intern(ROOT_MARK + root(term))
        return number

    tokens: list[list[array[int]]] = []
    lengths: list[list[int]] = [[] for _ in names]
    df: Counter[int] = Counter()
    for fields in documents:
        arrays = []
        seen: set[int] = set()
        for n, name in enumerate(names):
            found = array(
                "I", [ids[w] if w in ids else intern(w) for w in words(fields.get(name, ""))]
            )
            arrays.append(found)
            lengths[n].append(len(found))
            seen.update(found)
        df.update(seen | {root_id[t] for t in seen})
        tokens.append(arrays)
    count = len(documents)
    average = [sum(v) / count if count else 0.0 for v in lengths]
    idf = {t: math.log(1 + (count - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    contributors: Counter[int] = Counter(root_id[t] for t in range(len(terms)) if root_id[t] >= 0)
    same_root = {
        terms[t]
        for t in range(len(terms))
        if root_id[t] >= 0
        and terms[root_id[t]] == ROOT_MARK + terms[t]
        and contributors[root_id[t]] == 1
    }
    skipped = {ids[ROOT_MARK + word] for word in same_root}
    postings: dict[int, array[int]] = {}
    for doc, arrays in enumerate(tokens):
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
        for term, value in total.items():
            if term in skipped:
                continue
            factor = ROOT_FACTOR if root_id[term] < 0 else 1.0
            if boosts is not None:
                factor *= boosts[doc]
            score = max(1, round(value * idf[term] * factor * SCORE_SCALE))
            target = postings.get(term)
            if target is None:
                target = postings[term] = array("I")
            target.append(doc)
            target.append(score)
    word_roots = {
        terms[t]: terms[root_id[t]][len(ROOT_MARK) :]
        for t in range(len(terms))
        if root_id[t] >= 0 and terms[root_id[t]] != ROOT_MARK + terms[t]
    }
    return Scores({terms[t]: p for t, p in postings.items()}, word_roots, same_root)
