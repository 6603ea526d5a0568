"""The index files: term shards, display rows, snippet texts, word lists, facets.

``index_files(catalogue)`` is pure (the same catalogue gives the same bytes,
nothing is kept between calls); ``write_index`` puts the files into the site.
Files of ``cari-indeks/<hash>/``:

* ``manifest.json``: counts and keys the browser needs (see :func:`manifest`).
* term shards ``s/<n>.json`` (see :mod:`.shards`): each term's documents,
  scores and the piece of the page's text where the document first uses it.
* display rows ``r/<n>.json`` (documents ``4n`` to ``4n+3``: title, address,
  summary, detail line, kind).
* ``t/<doc>-<n>.json``: piece ``n`` of the plain text of a page (cut at
  :data:`~.text.TEXT_CHARS`, pieces of at most :data:`~.text.PIECE_CHARS`),
  fetched only for a shown result and only where its query words are, to cut
  its snippet from the part that matched.
* ``saring.json``, the facet filters as sorted document lists (gap-encoded).
* word lists ``k/<n>.json`` (``n = fnv1a(key) % berkas_kata``, every file
  written) hold the index words (letters only, 3 letters or more) under their
  ``key`` — the first 2 letters, or the first 3 for the 2-letter groups listed
  in the manifest under ``prefiks_pecah`` because they are large — as
  ``{key: [[word, documents], …]}``. ``cari.js`` reads one such file to
  complete a word being typed or to correct a slipped one.

``cari-indeks/terkini.json`` names the current hash folder; the folder name
changes whenever the content does, so every file in it can be cached for ever.
File names are what the offline copy (:mod:`generator.outputs.offline`) relies
on: every ``X.json`` under ``cari-indeks/`` is also written as a script ``X.js``.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.fsutil import atomic_write
from generator.outputs.search.scoring import ROOT_FACTOR, ROOT_MARK, Scores, score_terms
from generator.outputs.search.shards import SAME_ROOT_KEY, WORD_ROOTS_KEY, fnv1a, shard_files
from generator.outputs.search.text import (
    KIND_WEIGHTS,
    KINDS,
    SearchPage,
    display_row,
    letter_runs,
    pieces,
    root,
    search_pages,
)
from generator.stages.model import Catalogue

SEARCH_DIR = "cari-indeks"
"""The index folder in the built site."""

POINTER_NAME = "terkini.json"
VERSION = 3
ROWS_PER_FILE = 4
"""Display rows per ``r/`` file: a result list of 10 touches about 10 files, so small
files cost less than large ones (8 to a file cost 3–4 KB more per first search)."""
PREFIX_KEY = 2
"""Letters of the key of a word-list file (``k/``); large groups use one more."""
PREFIX_SPLIT_BYTES = 12_000
"""A 2-letter word group larger than this (uncompressed) is split by 3 letters."""
VOCAB_MIN = 3
"""Shorter words are never completed or corrected (they are matched exactly)."""

FACETS = ("sektor", "jenis", "provinsi")


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _gaps(ids: Iterable[int]) -> list[int]:
    out, last = [], 0
    for i in sorted(ids):
        out.append(i - last)
        last = i
    return out


def piece_places(parts: list[str]) -> dict[str, int]:
    """Word or ``>root`` term → the first piece it occurs in, for terms not in piece 0.

    Every posting of a page carries this piece (0 when absent), so a shown result
    fetches only the pieces where its query words are. Single letters may be
    listed too; they are no term and are ignored.
    """
    if len(parts) == 1:
        return {}
    seen = letter_runs(parts[0])
    roots = {root(w) for w in seen}
    out: dict[str, int] = {}
    for number, part in enumerate(parts[1:], 1):
        for word in letter_runs(part) - seen:
            seen.add(word)
            out[word] = number
            word_root = root(word)
            if word_root not in roots:
                roots.add(word_root)
                out[ROOT_MARK + word_root] = number
    return out


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


def index_files(catalogue: Catalogue) -> dict[str, bytes]:
    """Every file of the index, path (relative to the hash folder) → bytes.

    Pure: no state is kept between calls and the same catalogue gives the same
    bytes (the caller decides whether this runs in another process).
    """
    pages = search_pages(catalogue)
    boosts = [KIND_WEIGHTS.get(page.kind, 1.0) for page in pages]
    parts = [pieces(page.text) for page in pages]
    scores = score_terms(
        [page.fields for page in pages], boosts, lambda doc: piece_places(parts[doc])
    )
    files = shard_files(scores)
    files.update(row_files(pages))
    files.update(text_files(parts))
    words_files, split = prefix_files(vocabulary(scores))
    files.update(words_files)
    facets = facet_lists(pages)
    files["saring.json"] = _json(
        {name: {v: _gaps(ids) for v, ids in values.items()} for name, values in facets.items()}
    )
    files["manifest.json"] = _json(
        manifest(
            pages=len(pages),
            shards=sum(1 for path in files if path.startswith("s/")),
            words_files=len(words_files),
            split=split,
            facets=facets,
        )
    )
    return files


def row_files(pages: list[SearchPage]) -> dict[str, bytes]:
    """The display rows ``r/<n>.json``, :data:`ROWS_PER_FILE` documents to a file."""
    rows = [display_row(page) for page in pages]
    return {
        f"r/{start // ROWS_PER_FILE}.json": _json(rows[start : start + ROWS_PER_FILE])
        for start in range(0, len(rows), ROWS_PER_FILE)
    }


def text_files(parts: list[list[str]]) -> dict[str, bytes]:
    """The snippet texts ``t/<doc>-<n>.json``: piece ``n`` of the plain text of document ``doc``."""
    return {
        f"t/{doc}-{n}.json": _json(part)
        for doc, page_parts in enumerate(parts)
        for n, part in enumerate(page_parts)
    }


def facet_lists(pages: list[SearchPage]) -> dict[str, dict[str, list[int]]]:
    """Facet → value → the documents (ascending) that have it."""
    facets: dict[str, dict[str, list[int]]] = {name: defaultdict(list) for name in FACETS}
    for doc, page in enumerate(pages):
        for name, values in page.facets.items():
            for value in values:
                facets[name][value].append(doc)
    return facets


def manifest(
    *,
    pages: int,
    shards: int,
    words_files: int,
    split: list[str],
    facets: dict[str, dict[str, list[int]]],
) -> dict[str, Any]:
    """What ``cari.js`` needs to find the files of a query: counts, keys, labels, facets."""
    return {
        "versi": VERSION,
        "dokumen": pages,
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
        "berkas_kata": words_files,
        "kata_min": VOCAB_MIN,
        "saringan": {
            name: [[v, len(ids)] for v, ids in sorted(values.items(), key=lambda kv: kv[0])]
            for name, values in facets.items()
        },
    }


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
        tmp.replace(folder)  # the whole folder appears at once
    atomic_write(area / POINTER_NAME, _json({"indeks": name, "versi": VERSION}))
    for other in area.iterdir():
        if other.is_dir() and other.name != name:
            shutil.rmtree(other, ignore_errors=True)
    return folder
