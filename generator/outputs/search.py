"""Stage 6: the search index — static, sharded and precomputed for ``cari/``.

The search page and the header box (``docs/assets/cari.js``) need no search
engine in the browser: everything expensive happens here, at build time.

* **Pages.** Every kind of page that can be searched is a :class:`SearchPage`
  with a kind (``praktik``, ``daerah``, ``provinsi``, ``istilah``; see
  :data:`KINDS`): practices first (documents ``0`` to ``n-1``, the only ones
  with facets), then city/regency pages, provinces and glossary terms. A new
  kind (e.g. learning journeys) is added by appending a function to
  :data:`PAGE_SOURCES` and a label to :data:`KINDS`; nothing in ``cari.js``
  changes.
* **Terms.** Every page is split into fields (title; summary and tags;
  labels: city, province, sector and practice types; body: everything else).
  Words are lower-cased; each word is indexed as itself and, through the
  Sastrawi stemmer, as its root (the term ``>root``), so ``pengelolaan``,
  ``dikelola`` and ``kelola`` meet at ``>kelola``. Glossary acronyms and their
  long forms stand for each other: a page saying "layanan lumpur tinja
  terjadwal" is found by ``LLTT`` and the other way round.
* **Scores.** BM25 per field, weighted (title ≫ labels, summary > body), summed
  and stored per (term, document) as a small integer; root terms count half,
  so an exact word ranks above a page that only shares its root. The browser
  only adds numbers.
* **Files.** ``cari-indeks/<hash>/``: ``manifest.json``; term shards
  ``s/<n>.json`` (terms hashed with FNV-1a 32-bit, the same function as in
  ``cari.js``), each mapping term → ``[[doc, score], …]`` with each doc
  written as the gap to the previous one (smaller and better compressed),
  plus ``"@"``, the word → root map of the shard's words; display rows
  ``r/<n>.json`` (documents ``8n`` to ``8n+7``: title, address, summary,
  detail line, kind); ``t/<doc>.json``, the plain text of one page (cut at
  :data:`TEXT_CHARS`), fetched only for a shown result to cut its snippet
  from the part that matched; ``saring.json``, the facet filters as sorted
  document lists (gap-encoded).
* **Words for prefixes and slips.** ``k/<n>.json`` (``n = fnv1a(key) %
  berkas_kata``, every file written) holds the index words (letters only,
  3 letters or more) under their ``key`` — the first 2 letters, or the first
  3 for the 2-letter groups listed in the manifest under ``prefiks_pecah``
  because they are large — as ``{key: [[word, documents], …]}``. ``cari.js`` reads one such file to
  complete a word being typed (the most frequent completions, whose shards it
  then fetches) or to correct a slipped one (index words 1 edit away, 2 from 8
  letters; insertion, deletion, substitution, transposition).
  ``cari-indeks/terkini.json`` names the current hash folder; the folder name
  changes whenever the content does, so every file in it can be cached for
  ever. The output is byte-identical for the same input.

``python -m generator.outputs.search --waktu`` times the indexer alone on the
project in the current folder (the benchmark's baseline).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from generator import vocab
from generator.forked import Forked, ForkedError, can_fork
from generator.present import (
    GENERATED_DIR,
    MARKDOWN_SYNTAX,
    acronym_re,
    glossary,
    journey_url,
    markdown_to_text,
    plain,
    practice_texts,
    practice_url,
    region_url,
)
from generator.schema import Practice
from generator.slug import slugify
from generator.stages.model import Catalogue
from generator.stem import stem

SEARCH_DIR = "cari-indeks"
"""The index folder in the built site."""

POINTER_NAME = "terkini.json"
VERSION = 2
ROWS_PER_FILE = 8
SUMMARY_CHARS = 160
TEXT_CHARS = 10_000
"""Characters of a page's plain text kept for snippets (``t/<doc>.json``)."""
PREFIX_KEY = 2
"""Letters of the key of a word-list file (``k/``); large groups use one more."""
PREFIX_SPLIT_BYTES = 12_000
"""A 2-letter word group larger than this (uncompressed) is split by 3 letters."""
VOCAB_MIN = 3
"""Shorter words are never completed or corrected (they are matched exactly)."""
ROOT_MARK = ">"
WORD_ROOTS_KEY = "@"
"""Key of the word → root map inside a shard (never a term: terms are words)."""
SAME_ROOT_KEY = "="
"""Key of the shard's words whose root term is left out (see :class:`Scores`)."""

FIELD_WEIGHTS = {"judul": 8.0, "label": 2.5, "ringkasan": 2.0, "isi": 1.0}
ROOT_FACTOR = 0.5
"""Root-only matches count half of an exact word."""

SCORE_SCALE = 4
K1 = 1.8
B = 0.75
SHARD_TARGET_BYTES = 16_000
"""Uncompressed bytes of postings per shard (≈ 2–6 KB gzip)."""

FACETS = ("sektor", "jenis", "provinsi")

_WORD = re.compile(r"[^\W_]+")
_STEM_MIN = 4
"""Words shorter than this are their own root (Sastrawi would only guess)."""


# ----------------------------------------------------------------------------- hashing


def fnv1a(text: str) -> int:
    """FNV-1a 32-bit over the UTF-8 bytes of ``text`` (same as ``cari.js``)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(term: str, shards: int) -> int:
    return fnv1a(term) % shards


# ----------------------------------------------------------------------------- documents


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits; one letter alone is dropped)."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 or w.isdigit()]


def root(word: str) -> str:
    """The Sastrawi root of a lower-case word (the word itself when short or not a word)."""
    if len(word) < _STEM_MIN or not word.isalpha():
        return word
    return stem(word) or word


@cache
def _long_forms() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """``(acronym, long form, the long form's words)`` of every glossary term."""
    return tuple((t.acronym, t.expansion, tuple(words(t.expansion))) for t in glossary())


def _acronym_extras(text: str) -> list[str]:
    """Long forms of the acronyms ``text`` uses, and acronyms of the long forms it spells out.

    A long form is looked for in the text only when all its words occur in it:
    most do not, and one substring search per glossary term over every page
    was a tenth of the indexing time.
    """
    present = set(acronym_re().findall(text))
    tokens = words(text)
    vocabulary = set(tokens)
    padded = ""
    extra: list[str] = []
    for acronym, expansion, spelled in _long_forms():
        if acronym in present:
            extra.append(expansion)
        elif spelled and vocabulary.issuperset(spelled):
            padded = padded or f" {' '.join(tokens)} "
            if f" {' '.join(spelled)} " in padded:
                extra.append(acronym)
    return extra


def labels(practice: Practice) -> list[str]:
    return [
        practice.origin.region,
        practice.origin.province,
        vocab.SECTORS[practice.sector],
        *(vocab.PRACTICE_TYPES[kind] for kind in practice.types),
    ]


def practice_fields(practice: Practice, summary: str | None = None) -> dict[str, str]:
    """The text of each field of a practice, plain (``summary``: its summary as text, if known)."""
    texts = list(practice_texts(practice))
    # practice_texts starts with the title and the summary; tags come from the record.
    body = [t for t in texts[2:] if t not in practice.tags]
    body.extend(_more_texts(practice))
    if summary is None:
        summary = markdown_to_text(practice.summary)
    fields = {
        "judul": plain(practice.title),
        "ringkasan": plain(" ".join([summary, *practice.tags])),
        "label": plain(" ".join(labels(practice))),
        "isi": plain(
            " ".join(markdown_to_text(t) if MARKDOWN_SYNTAX.search(t) else t for t in body)
        ),
    }
    extra = _acronym_extras(" ".join(fields.values()))
    if extra:
        fields["isi"] += " " + " ".join(extra)
    return fields


def _more_texts(practice: Practice) -> Iterable[str]:
    """Text the page shows beyond :func:`practice_texts`: replications, discrepancies, sources."""
    for rep in practice.replications:
        yield rep.mentee
        yield from (t for t in (rep.mentor, rep.facilitator) if t)
        yield from rep.outputs
    for item in practice.discrepancies:
        yield from _strings(item.model_dump(mode="json", exclude={"sources", "source"}))
    for source in practice.sources:
        yield source.title
        yield source.publisher


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _cut(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = plain(text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def display_row(page: SearchPage) -> list[str]:
    """``[title, url, summary, detail, kind]`` of one result."""
    return [page.title, page.url, _cut(page.summary), page.detail, page.kind]


# ----------------------------------------------------------------------------- pages

KINDS = {
    "praktik": "Praktik",
    "daerah": "Daerah",
    "provinsi": "Provinsi",
    "istilah": "Istilah",
    "perjalanan": "Perjalanan belajar",
}
"""Kind of a searchable page → the label shown beside it in the results."""

KIND_WEIGHTS = {"perjalanan": 0.7}
"""Kinds whose scores are scaled down. A journey's short title ("Kota Medan
belajar dari Kota Surabaya") names two cities, so six Surabaya journeys would
otherwise push Surabaya's own practice and city page off the first screen;
a query that names both cities still finds the journey (all words first)."""


@dataclass(frozen=True)
class SearchPage:
    """One searchable page: what is indexed, shown and filtered.

    ``fields`` are the texts per field of :data:`FIELD_WEIGHTS`; ``text`` is
    the plain text snippets are cut from; ``facets`` maps a facet of
    :data:`FACETS` to the page's values (only practices have any).
    """

    kind: str
    title: str
    url: str
    summary: str
    detail: str
    fields: dict[str, str]
    text: str
    facets: dict[str, tuple[str, ...]]


def practice_page(practice: Practice) -> SearchPage:
    summary = markdown_to_text(practice.summary)
    fields = practice_fields(practice, summary)
    return SearchPage(
        kind="praktik",
        title=plain(practice.title),
        url=practice_url(practice.id),
        summary=summary,
        detail=" · ".join(
            [practice.origin.region, practice.origin.province, vocab.SECTORS[practice.sector]]
        ),
        fields=fields,
        text=_snippet_text(fields["ringkasan"], fields["isi"]),
        facets={
            "sektor": (vocab.SECTORS[practice.sector],),
            "jenis": tuple(dict.fromkeys(vocab.PRACTICE_TYPES[k] for k in practice.types)),
            "provinsi": (practice.origin.province,),
        },
    )


def _snippet_text(*parts: str) -> str:
    text = " ".join(" ".join(p.split()) for p in parts if p)
    return text if len(text) <= TEXT_CHARS else text[:TEXT_CHARS].rsplit(" ", 1)[0]


def practice_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    for practice in catalogue.practices:
        yield practice_page(practice)


def region_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    """The page of every city or regency the catalogue names (``katalog/daerah/…``)."""
    for region in catalogue.regions_involved():
        known = catalogue.regions.get(region)
        province = known.province if known else ""
        own = catalogue.practices_from(region)
        mentoring = catalogue.mentoring(region)
        learning = catalogue.learning(region)
        summary = (
            f"{len(own)} praktik dari daerah ini; "
            f"mentor dalam {len(mentoring)} perjalanan belajar; "
            f"belajar dalam {len(learning)} perjalanan belajar."
        )
        titles = [p.title for p in own]
        titles += [f"{journey.title} {journey.mentee}" for journey in mentoring]
        titles += [f"{journey.title} {journey.mentor}" for journey in learning]
        body = plain(" ".join(titles))
        yield SearchPage(
            kind="daerah",
            title=plain(region),
            url=region_url(region),
            summary=summary,
            detail=f"Provinsi {province}" if province else "",
            fields={"judul": plain(region), "label": plain(province), "isi": body},
            text=_snippet_text(summary, body),
            facets={},
        )


def province_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    """Every province with practices: its section of ``katalog/provinsi/``."""
    for province, regions in catalogue.by_province().items():
        count = sum(len(items) for items in regions.values())
        names = list(regions)
        summary = f"{count} praktik dari {', '.join(names)}."
        body = plain(" ".join([*names, *(p.title for items in regions.values() for p in items)]))
        yield SearchPage(
            kind="provinsi",
            title=plain(province),
            url=f"{GENERATED_DIR}/provinsi/#{slugify(province)}",
            summary=summary,
            detail=f"{len(names)} daerah",
            fields={"judul": plain(province), "isi": body},
            text=_snippet_text(summary, body),
            facets={},
        )


GLOSSARY_URL = f"{GENERATED_DIR}/glosarium/"


def glossary_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    """Every acronym of the glossary: its entry on ``katalog/glosarium/``."""
    for term in glossary():
        summary = f"{term.expansion}. {term.explanation}"
        yield SearchPage(
            kind="istilah",
            title=plain(term.acronym),
            url=f"{GLOSSARY_URL}#{term.anchor}",
            summary=plain(summary),
            detail=plain(term.expansion),
            fields={
                "judul": plain(term.acronym),
                "label": plain(term.expansion),
                "isi": plain(term.explanation),
            },
            text=_snippet_text(plain(summary)),
            facets={},
        )


def journey_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    """Every learning journey (``katalog/pembelajaran/…``): mentor → mentee, what was learned."""
    for journey in catalogue.journeys:
        learned = [
            catalogue.by_id[pid].title for pid in journey.practices if pid in catalogue.by_id
        ]
        people = [
            journey.mentor,
            journey.mentee,
            journey.facilitator or "",
            journey.programme or "",
        ]
        topics = [topic for session in journey.sessions for topic in session.topics]
        body = plain(" ".join([*journey.lessons, *topics, *learned, *journey.evidence_gaps]))
        summary = plain(journey.summary)
        yield SearchPage(
            kind="perjalanan",
            title=plain(journey.title),
            url=journey_url(journey.id),
            summary=summary,
            detail=plain(f"{journey.mentor} → {journey.mentee}"),
            fields={
                "judul": plain(journey.title),
                "label": plain(" ".join(people)),
                "ringkasan": summary,
                "isi": body,
            },
            text=_snippet_text(summary, body),
            facets={},
        )


PAGE_SOURCES: list[Callable[[Catalogue], Iterable[SearchPage]]] = [
    practice_pages,
    region_pages,
    province_pages,
    glossary_pages,
    journey_pages,
]
"""Every kind of searchable page, in document order (practices first)."""


def search_pages(catalogue: Catalogue, check: Callable[[], None] | None = None) -> list[SearchPage]:
    pages: list[SearchPage] = []
    for source in PAGE_SOURCES:
        for page in source(catalogue):
            if check is not None:
                check()
            if page.kind not in KINDS:
                raise ValueError(f"unknown page kind {page.kind!r}: add it to KINDS")
            pages.append(page)
    return pages


# ----------------------------------------------------------------------------- scoring


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


def _go_on() -> None:
    """The default ``check``: indexing is never interrupted."""


class Interrupted(Exception):
    """Raised by a ``check`` callback to stop indexing that is no longer wanted."""


def score_terms(
    documents: list[dict[str, str]],
    check: Callable[[], None] = _go_on,
    boosts: Sequence[float] | None = None,
) -> Scores:
    """Field-weighted BM25 of every word and ``>root`` term, as small integers.

    Two passes over compact token arrays: the first interns words and counts
    document frequencies and field lengths, the second scores. Each document's
    score of a term is ``idf × Σ_field weight × tf(k1+1) / (tf + k1·norm)``,
    times :data:`ROOT_FACTOR` for root terms, times :data:`SCORE_SCALE`.
    ``check`` is called once per document and pass and may raise :class:`Interrupted`.
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
        check()
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
        check()
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


# ----------------------------------------------------------------------------- files


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _gaps(ids: Iterable[int]) -> list[int]:
    out, last = [], 0
    for i in sorted(ids):
        out.append(i - last)
        last = i
    return out


def shard_count(scores: Scores) -> int:
    """Enough shards that one holds about :data:`SHARD_TARGET_BYTES` of postings."""
    size = sum(len(t) + 8 + 4 * len(p) for t, p in scores.postings.items())
    return max(1, math.ceil(size / SHARD_TARGET_BYTES))


def _shard_json(entries: dict[str, Any], postings: dict[str, array[int]]) -> bytes:
    """One shard as compact JSON, keys sorted (what ``json.dumps(sort_keys=True)`` gives)."""
    parts = []
    for key in sorted([*entries, *postings]):
        if key in entries:
            value = _json(entries[key]).decode()
        else:
            found = postings[key]
            docs = found[::2]
            gaps = [docs[0], *(b - a for a, b in pairwise(docs))]
            pairs = zip(gaps, found[1::2], strict=True)
            value = "[" + ",".join(f"[{d},{s}]" for d, s in pairs) + "]"
        parts.append(json.dumps(key, ensure_ascii=False) + ":" + value)
    return ("{" + ",".join(parts) + "}").encode()


def prefix_key(word: str, split: frozenset[str] | set[str]) -> str:
    """The key of the word-list file holding ``word`` (2 letters, 3 for split groups)."""
    key = word[:PREFIX_KEY]
    return word[: PREFIX_KEY + 1] if key in split else key


def vocabulary(scores: Scores) -> dict[str, int]:
    """Index word → number of documents, for the words prefixes and slips may reach."""
    return {
        term: len(found) // 2
        for term, found in scores.postings.items()
        if len(term) >= VOCAB_MIN and term.isalpha() and not term.startswith(ROOT_MARK)
    }


def prefix_files(words_df: dict[str, int]) -> tuple[dict[str, bytes], list[str]]:
    """The ``k/<n>.json`` files and the sorted 2-letter groups that are split by 3 letters.

    A key (2 letters, or 3 in a split group) goes to file ``fnv1a(key) % n``,
    ``n`` chosen so that a file holds about :data:`PREFIX_SPLIT_BYTES`; every
    file exists (``{}`` when empty), so the browser never asks for a missing one.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for word in words_df:
        groups[word[:PREFIX_KEY]].append(word)
    split = {
        key
        for key, members in groups.items()
        if sum(len(w) + 8 for w in members) > PREFIX_SPLIT_BYTES
    }
    size = sum(len(w) + 8 for w in words_df)
    count = max(1, math.ceil(size / PREFIX_SPLIT_BYTES))
    by_file: list[dict[str, list[list[Any]]]] = [{} for _ in range(count)]
    for word in sorted(words_df):
        key = prefix_key(word, split)
        by_file[fnv1a(key) % count].setdefault(key, []).append([word, words_df[word]])
    files = {f"k/{n}.json": _json(content) for n, content in enumerate(by_file)}
    return files, sorted(split)


def index_files(catalogue: Catalogue, check: Callable[[], None] = _go_on) -> dict[str, bytes]:
    """Every file of the index, path (relative to the hash folder) → bytes.

    ``check`` is called often (per document, per shard) and may raise
    :class:`Interrupted`: the preview stops indexing as soon as a new edit
    arrives, so the index never holds up the page the user is waiting for.
    """
    pages = search_pages(catalogue, check)
    boosts = [KIND_WEIGHTS.get(page.kind, 1.0) for page in pages]
    scores = score_terms([page.fields for page in pages], check, boosts)
    shards = shard_count(scores)
    grouped: list[dict[str, array[int]]] = [{} for _ in range(shards)]
    extras: list[dict[str, Any]] = [{} for _ in range(shards)]
    for term, found in scores.postings.items():
        grouped[shard_of(term, shards)][term] = found
    for word, word_root in scores.word_roots.items():
        if word in scores.postings:
            extras[shard_of(word, shards)].setdefault(WORD_ROOTS_KEY, {})[word] = word_root
    for word in scores.same_root:
        if word in scores.postings:
            extras[shard_of(word, shards)].setdefault(SAME_ROOT_KEY, []).append(word)
    for extra in extras:
        if SAME_ROOT_KEY in extra:
            extra[SAME_ROOT_KEY].sort()
    files: dict[str, bytes] = {}
    for n in range(shards):
        check()
        files[f"s/{n}.json"] = _shard_json(extras[n], grouped[n])
    rows = [display_row(page) for page in pages]
    for start in range(0, len(rows), ROWS_PER_FILE):
        files[f"r/{start // ROWS_PER_FILE}.json"] = _json(rows[start : start + ROWS_PER_FILE])
    for doc, page in enumerate(pages):
        files[f"t/{doc}.json"] = _json(page.text)
    check()
    words_files, split = prefix_files(vocabulary(scores))
    files.update(words_files)
    facets: dict[str, dict[str, list[int]]] = {name: defaultdict(list) for name in FACETS}
    for doc, page in enumerate(pages):
        for name, values in page.facets.items():
            for value in values:
                facets[name][value].append(doc)
    files["saring.json"] = _json(
        {name: {v: _gaps(ids) for v, ids in values.items()} for name, values in facets.items()}
    )
    manifest = {
        "versi": VERSION,
        "dokumen": len(pages),
        "pecahan": shards,
        "hash": "fnv1a32",
        "baris_per_berkas": ROWS_PER_FILE,
        "tanda_akar": ROOT_MARK,
        "kunci_akar": WORD_ROOTS_KEY,
        "kunci_sama": SAME_ROOT_KEY,
        "dok_selisih": True,
        "faktor_akar": ROOT_FACTOR,
        "jenis_halaman": KINDS,
        "prefiks": PREFIX_KEY,
        "prefiks_pecah": split,
        "berkas_kata": sum(1 for path in words_files if path.startswith("k/")),
        "kata_min": VOCAB_MIN,
        "saringan": {
            name: [[v, len(ids)] for v, ids in sorted(values.items(), key=lambda kv: kv[0])]
            for name, values in facets.items()
        },
    }
    files["manifest.json"] = _json(manifest)
    return files


def content_hash(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()[:16]


def write_index(files: dict[str, bytes], site: Path) -> Path:
    """Write ``files`` into ``site/cari-indeks/<hash>/`` and point ``terkini.json`` at it.

    Older hash folders in ``site/cari-indeks/`` are removed (the preview
    rewrites the index after every build).
    """
    name = content_hash(files)
    area = site / SEARCH_DIR
    folder = area / name
    if not folder.is_dir():
        tmp = area / f".{name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        for path, data in files.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.replace(tmp, folder)
    pointer = area / POINTER_NAME
    pointer_tmp = area / f".{POINTER_NAME}.tmp"
    pointer_tmp.write_bytes(_json({"indeks": name, "versi": VERSION}))
    os.replace(pointer_tmp, pointer)
    for other in area.iterdir():
        if other.is_dir() and other.name != name:
            shutil.rmtree(other, ignore_errors=True)
    return folder


# ----------------------------------------------------------------------------- build

PARALLEL_MIN = 200
"""From this many practices on, ``replika build`` indexes in a forked process beside MkDocs."""


class PendingIndex:
    """The index files of a catalogue, computed beside MkDocs when that helps.

    With two CPUs or more and at least :data:`PARALLEL_MIN` practices a forked
    process (:mod:`generator.forked`) computes the files while this process
    runs MkDocs (both are pure Python, so a thread would only take turns with
    it); otherwise, or when the child dies, :meth:`result` computes them here.
    """

    def __init__(self, catalogue: Catalogue, *, parallel: bool = True) -> None:
        self._catalogue = catalogue
        self._child: Forked | None = None
        if parallel and len(catalogue.practices) >= PARALLEL_MIN and can_fork():
            self._child = Forked(lambda: index_files(catalogue))

    def result(self) -> dict[str, bytes]:
        if self._child is not None:
            child, self._child = self._child, None
            try:
                return dict(child.result())
            except ForkedError:  # the child died (e.g. out of memory): index here
                pass
        return index_files(self._catalogue)

    def close(self) -> None:
        """Stop the child without waiting for it (a failed build returns at once)."""
        if self._child is not None:
            self._child.cancel()
            self._child = None


# ----------------------------------------------------------------------------- preview

_PREVIEW: list[Catalogue] = []
"""The catalogue of the latest preview generation (``replika serve``)."""


def remember_for_preview(catalogue: Catalogue) -> None:
    _PREVIEW[:] = [catalogue]


def write_preview_index(site: Path, check: Callable[[], None] = _go_on) -> Path | None:
    """Index the latest preview catalogue into the preview's site folder."""
    if not _PREVIEW:
        return None
    return write_index(index_files(_PREVIEW[0], check), site)


if __name__ == "__main__":  # the command line lives in generator/cli/tools.py
    from generator.cli import run
    from generator.cli.tools import search_index

    run(search_index)
