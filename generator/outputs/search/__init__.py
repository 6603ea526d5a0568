"""The search index — static, sharded and precomputed for ``cari/``.

The search page and the header box (``docs/assets/cari.js``) need no search
engine in the browser: everything expensive happens here, at build time.

* :mod:`.text` — what is indexed from each kind of page (fields, display row,
  snippet text and its pieces); a new kind of page is one function in
  ``PAGE_SOURCES``.
* :mod:`.scoring` — field-weighted BM25 of every word and ``>root`` term
  (Sastrawi roots, :mod:`generator.outputs.search.stem`), as small integers.
* :mod:`.shards` — how postings are grouped into ``s/<n>.json`` and written
  (root terms beside and relative to their word; the snippet piece of each
  posting), and read back.
* :mod:`.files` — the files of ``cari-indeks/<hash>/`` (term shards, display
  rows, snippet text pieces, word lists for prefixes and slips, facets,
  manifest): :func:`index_files` is pure, :func:`write_index` writes them into
  a site.
* :mod:`.__main__` — ``python -m generator.outputs.search --waktu`` times the
  indexer alone on the project in the current folder (the benchmark's baseline).

The output is byte-identical for the same input. Who runs :func:`index_files`
where (another process beside MkDocs, the preview's background) is the
caller's business.
"""

from generator.outputs.search.files import POINTER_NAME, SEARCH_DIR, index_files, write_index

__all__ = ["POINTER_NAME", "SEARCH_DIR", "index_files", "write_index"]
