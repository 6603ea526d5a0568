"""The query logic of ``docs/assets/cari.js`` run under node against a real index.

The engine part of ``cari.js`` touches no page, so node loads the very file
the browser runs and answers queries from the index files that
``generator.outputs.search`` writes for this project. Ranking, completion, correction,
highlighting and snippets are checked here against references computed in
Python from the same index; the browser tests (``test_search.py``) check what
the page shows, served and over ``file://``.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from site_support import ROOT
from test_search import FORGIVING, RELEVANCE, page_key

from generator.outputs.search import files as search_files
from generator.outputs.search import scoring
from generator.outputs.search import text as search_text
from generator.project import find_project
from generator.stages.model import Catalogue, build_catalogue
from generator.stages.validate import check_project

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

RUNNER = r"""
const fs = require("fs"), path = require("path");
const [script, folder, requestFile] = process.argv.slice(2);
const cari = require(script);
const files = {};
const getJson = p => files[p] || (files[p] = Promise.resolve(JSON.parse(fs.readFileSync(path.join(folder, p), "utf8"))));
(async () => {
  const request = JSON.parse(fs.readFileSync(requestFile, "utf8"));
  const out = {};
  if (request.distances) out.distances = request.distances.map(([a, b, max]) => cari.editDistance(a, b, max));
  if (request.marks) {
    out.marks = request.marks.map(([matches, text]) => cari.markParts(text, cari.matcher(matches)));
  }
  if (request.queries) {
    const manifest = await getJson("manifest.json");
    const engine = cari.createEngine(getJson, manifest);
    out.queries = [];
    for (const q of request.queries) {
      await engine.search(q, request.filters || {}, request.typing);  // the files arrive
      const started = process.hrtime.bigint();
      const r = await engine.search(q, request.filters || {}, request.typing);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const rows = await engine.rows(r.docs.slice(0, 10));
      const texts = await engine.texts(r.docs.slice(0, 3));
      const isMatch = cari.matcher(r.matches);
      out.queries.push({
        query: q, ms, corrected: r.corrected, words: r.words, total: r.docs.length,
        docs: r.docs, top: rows.map(row => row[1]), kinds: rows.map(row => row[4]),
        titles: rows.slice(0, 3).map(row => cari.markParts(row[0], isMatch)),
        snippets: texts.map(t => {
          const cut = cari.snippet(t, isMatch, 180);
          return cut === null ? null : cari.markParts(cut, isMatch);
        }),
        matches: r.matches,
      });
    }
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
"""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    project = find_project(ROOT)
    return build_catalogue(check_project(project), project)


@pytest.fixture(scope="module")
def index(catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return search_files.write_index(
        search_files.index_files(catalogue), tmp_path_factory.mktemp("indeks")
    )


class Node:
    def __init__(self, index: Path, scratch: Path) -> None:
        self.index = index
        self.scratch = scratch
        self.runner = scratch / "runner.js"
        self.runner.write_text(RUNNER, encoding="utf-8")

    def __call__(self, **request: Any) -> dict[str, Any]:
        request_file = self.scratch / "request.json"
        request_file.write_text(json.dumps(request), encoding="utf-8")
        script = str(ROOT / "docs" / "assets" / "cari.js")
        done = subprocess.run(
            [NODE or "node", str(self.runner), script, str(self.index), str(request_file)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def queries(self, *queries: str, **filters: str) -> dict[str, dict[str, Any]]:
        """Answers to ``queries`` as typed (the last word still open)."""
        found = self(queries=list(queries), filters=filters)["queries"]
        return {q["query"]: q for q in found}

    def finished(self, *queries: str, **filters: str) -> dict[str, dict[str, Any]]:
        """Answers to ``queries`` as the search page gives them for ``cari/?q=…`` (finished)."""
        found = self(queries=list(queries), filters=filters, typing=False)["queries"]
        return {q["query"]: q for q in found}


@pytest.fixture(scope="module")
def node(index: Path, tmp_path_factory: pytest.TempPathFactory) -> Node:
    return Node(index, tmp_path_factory.mktemp("node"))


@pytest.fixture(scope="module")
def forgiving(node: Node) -> dict[str, dict[str, Any]]:
    return node.queries(*(q for q, _, _ in FORGIVING))


# ----------------------------------------------------------------------------- references


def osa(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@cache
def _scores(catalogue_id: int) -> scoring.Scores:
    catalogue = _CATALOGUES[catalogue_id]
    return scoring.score_terms([p.fields for p in search_text.search_pages(catalogue)])


_CATALOGUES: dict[int, Catalogue] = {}


def scores_of(catalogue: Catalogue) -> scoring.Scores:
    _CATALOGUES[id(catalogue)] = catalogue
    return _scores(id(catalogue))


def vocabulary(catalogue: Catalogue) -> dict[str, int]:
    return search_files.vocabulary(scores_of(catalogue))


def docs_with(catalogue: Catalogue, word: str) -> set[int]:
    """Documents holding ``word`` or another word with its root (the index's own terms)."""
    scores = scores_of(catalogue)
    found = set(scores.of(word))
    found |= set(scores.of(scoring.ROOT_MARK + search_text.root(word)))
    return found


# ----------------------------------------------------------------------------- tests


def test_forgiving_queries_find_the_page(forgiving: dict[str, dict[str, Any]]) -> None:
    assert len(FORGIVING) >= 40
    misses = []
    for query, expected, corrected in FORGIVING:
        answer = forgiving[query]
        top = [page_key(url) for url in answer["top"][:5]]
        if expected not in top:
            misses.append(f"{query!r}: {expected} not in {top}")
        if answer["corrected"] != corrected:
            misses.append(f"{query!r}: corrected to {answer['corrected']!r}, not {corrected!r}")
    assert not misses, "\n".join(misses)


def test_the_correction_is_the_nearest_most_frequent_word(
    forgiving: dict[str, dict[str, Any]], catalogue: Catalogue
) -> None:
    vocab = vocabulary(catalogue)
    checked = 0
    for query, _, corrected in FORGIVING:
        if corrected is None or " " in query:
            continue
        limit = 2 if len(query) >= 8 else 1
        near = [(osa(query, w), -n, w) for w, n in vocab.items() if abs(len(w) - len(query)) <= 2]
        near = [c for c in near if 0 < c[0] <= limit]
        completions = [w for w in vocab if w.startswith(query) and w != query]
        assert not completions, query  # these slips are no prefix of an index word
        assert forgiving[query]["corrected"] == min(near)[2], query
        checked += 1
    assert checked >= 15


def test_edit_distance_matches_python(node: Node) -> None:
    rng = random.Random(14)
    letters = "aiueoknrst"
    pairs = []
    for _ in range(300):
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        b = list(a)
        for _ in range(rng.randint(0, 3)):
            op = rng.randint(0, 3)
            at = rng.randint(0, len(b))
            if op == 0:
                b.insert(at, rng.choice(letters))
            elif b and op == 1:
                b.pop(min(at, len(b) - 1))
            elif b and op == 2:
                b[min(at, len(b) - 1)] = rng.choice(letters)
            elif len(b) > 1:
                at = min(at, len(b) - 2)
                b[at], b[at + 1] = b[at + 1], b[at]
        pairs.append([a, "".join(b), 2])
    pairs += [["surabya", "surabaya", 1], ["denpsaar", "denpasar", 1], ["ab", "ba", 0]]
    got = node(distances=pairs)["distances"]
    for (a, b, limit), value in zip(pairs, got, strict=True):
        assert value == min(osa(a, b), limit + 1), (a, b)


def test_exact_and_root_matches_rank_above_completions(node: Node, catalogue: Catalogue) -> None:
    # "bali" is a word of the index and the start of others ("balik", "balikpapan")
    vocab = vocabulary(catalogue)
    longer = [w for w in vocab if w.startswith("bali") and w != "bali"]
    scores = scores_of(catalogue)
    from_longer = set().union(*(set(scores.of(w)) for w in longer)) - docs_with(catalogue, "bali")
    assert from_longer
    answer = node.queries("bali")["bali"]
    docs = [d["doc"] for d in answer["docs"]]
    exact = docs_with(catalogue, "bali")
    assert set(docs[: len(exact)]) == exact  # every exact (or root) match first
    assert set(docs[len(exact) :]) == from_longer  # then the completions
    assert all(d["strong"] == 0 for d in answer["docs"][len(exact) :])


def test_every_word_first_then_a_part(node: Node, catalogue: Catalogue) -> None:
    query = "instruksi wali kota"
    answer = node.queries(query)[query]
    full = {d for d in range(10_000) if all(d in docs_with(catalogue, w) for w in query.split())}
    docs = answer["docs"]
    hits = [d["hits"] for d in docs]
    assert hits == sorted(hits, reverse=True)
    first = [d["doc"] for d in docs if d["hits"] == 3]
    assert set(first) == full and 0 < len(first) < len(docs)
    assert docs[: len(first)] == [d for d in docs if d["hits"] == 3]


def test_prefixes_complete_only_the_word_being_typed(node: Node) -> None:
    # "kota" matches exactly, so in the middle it is not completed; "bali"
    # matches exactly too but is last, so it is completed ("balikpapan").
    answers = node.queries("kota kendar", "kendar bali")
    typed, middle = answers["kota kendar"], answers["kendar bali"]
    assert typed["matches"][1]["prefix"] and "kendari" in typed["matches"][1]["forms"]
    assert not typed["matches"][0]["prefix"]
    # a word in the middle that matches nothing is completed too (3 letters or more)
    assert middle["matches"][0]["prefix"] and "kendari" in middle["matches"][0]["forms"]
    assert middle["matches"][1]["prefix"]  # the last word, even when it matches
    assert page_key(typed["top"][0]) == "daerah/kota-kendari"


def test_short_words_are_neither_completed_nor_corrected(node: Node) -> None:
    answers = node.queries("ke", "blit", "xqzvw")
    assert not answers["ke"]["matches"][0]["prefix"]
    assert answers["blit"]["matches"][0]["prefix"]  # 3 letters or more: completed
    assert answers["blit"]["corrected"] is None  # under 5 letters: never corrected
    assert answers["xqzvw"]["total"] == 0 and answers["xqzvw"]["corrected"] is None


def test_kinds_are_labelled_and_facets_keep_to_practices(node: Node, catalogue: Catalogue) -> None:
    answer = node.queries("kendari")["kendari"]
    assert {"praktik", "daerah"} <= set(answer["kinds"])
    filtered = node.queries("kendari", provinsi="Sulawesi Tenggara")["kendari"]
    assert filtered["kinds"] and set(filtered["kinds"]) == {"praktik"}
    ids = {page_key(u) for u in filtered["top"]}
    assert (
        ids
        == {
            f"praktik/{p.id}"
            for p in catalogue.practices
            if "kendari" in p.id or "Kendari" in p.title
        }
        & ids
    )


def marked(parts: list[list[Any]] | None) -> list[str]:
    return [text for text, mark in parts or [] if mark]


def test_titles_and_snippets_mark_the_matched_forms(node: Node) -> None:
    answers = node.queries("kelola", "penyedota", "surabya", "instruksi wali kota")
    # a root query marks its affixed forms in the snippet
    kelola = [w.lower() for parts in answers["kelola"]["snippets"] for w in marked(parts)]
    assert kelola and all("elola" in w for w in kelola)
    assert set(kelola) - {"kelola"}, kelola  # affixed forms, not only the word itself
    # a word being typed marks the words it starts
    typed = [w.lower() for parts in answers["penyedota"]["snippets"] for w in marked(parts)]
    assert typed and all(w.startswith("penyedota") for w in typed)
    # a corrected word marks the corrected form in the title
    assert "Surabaya" in marked(answers["surabya"]["titles"][0])
    # the snippet comes from where most query words are
    first = answers["instruksi wali kota"]["snippets"][0]
    words = {w.lower() for w in marked(first)}
    assert {"instruksi", "wali", "kota"} <= words, first
    assert first[0][0].startswith("… ") or not first[0][1]


def test_mark_parts_keeps_every_character(node: Node) -> None:
    text = "Pengelolaan <b>lumpur</b> tinja, dikelola UPTD; kelola-an «Kota»."
    matches = [
        {"word": "kelola", "forms": [], "prefix": False, "root": "kelola", "corrected": None},
        {"word": "kot", "forms": ["kota"], "prefix": True, "root": None, "corrected": None},
    ]
    parts = node(marks=[[matches, text]])["marks"][0]
    assert "".join(p for p, _ in parts) == text
    assert [p for p, marked in parts if marked] == ["Pengelolaan", "dikelola", "kelola", "Kota"]


def test_answering_has_no_runaway_query(forgiving: dict[str, dict[str, Any]]) -> None:
    """No query takes ten times the 50 ms budget (files already read from disk).

    The budget itself is measured by ``bench/search_forgiving.py`` (median of 7
    runs, quiet machine): one timed run here on a busy test machine once took
    60 ms. What this guards against is a slip into a runaway search, e.g. a
    correction that compares every word with every other.
    """
    slow = {q: a["ms"] for q, a in forgiving.items() if a["ms"] > 10 * 50}
    assert not slow, slow


# ----------------------------------------------------------------------------- the browser's checks

# The ranking checks of the browser tests (test_search.py), asked of the engine
# directly: the browser tests keep checking what the page shows.


def last_segment(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def test_relevance_in_the_engine(node: Node, catalogue: Catalogue) -> None:
    known = {p.id for p in catalogue.practices}
    cases = [(q, pid) for q, pid in RELEVANCE if pid in known]
    assert len(cases) >= 25, "relevance cases need their records"
    answers = node.finished(*{q for q, _ in cases})
    misses = [
        f"{query!r}: {expected} not in {top}"
        for query, expected in cases
        if expected not in (top := [last_segment(u) for u in answers[query]["top"][:5]])
    ]
    assert not misses, "\n".join(misses)


def test_single_queries_of_the_browser_tests(node: Node) -> None:
    answers = node.finished(
        "dasawisma", "perikatan", "LLTT", "pengomposan", "lumpur tinja", "IPLT",
        "sulawesi tenggara", "blitar belajar dari kendari", "kendari", "zzzkatayangtidakada",
    )  # fmt: skip
    top = {q: [last_segment(u) for u in a["top"]] for q, a in answers.items()}
    assert top["dasawisma"][0] == "go-ploong-gresik"
    assert "uptd-pal-makassar" in top["perikatan"][:5]
    assert "l2t2-kendari" in top["LLTT"][:5]
    assert "surabaya-green-and-clean" in top["pengomposan"]
    assert answers["lumpur tinja"]["total"] > 10
    assert answers["IPLT"]["kinds"][0] == "istilah" and answers["IPLT"]["top"][0].endswith("#iplt")
    assert answers["sulawesi tenggara"]["kinds"][0] == "provinsi"
    journey = answers["blitar belajar dari kendari"]
    assert any(
        kind == "perjalanan" and url.endswith("/pembelajaran/kendari-blitar-2020/")
        for kind, url in zip(journey["kinds"][:3], journey["top"][:3], strict=False)
    ), journey["top"][:3]
    assert {"praktik", "daerah"} <= set(answers["kendari"]["kinds"])
    assert answers["zzzkatayangtidakada"]["total"] == 0


def test_filters_of_the_browser_tests(node: Node, catalogue: Catalogue) -> None:
    practices = catalogue.practices
    every = node.finished("lumpur tinja")["lumpur tinja"]
    east_java = node.finished("lumpur tinja", provinsi="Jawa Timur")["lumpur tinja"]
    docs = [d["doc"] for d in east_java["docs"]]
    assert docs and len(docs) < every["total"]
    assert all(practices[d].origin.province == "Jawa Timur" for d in docs)
    assert docs == [d["doc"] for d in every["docs"] if d["doc"] in set(docs)]  # same order
    waste = node.finished("sampah", sektor="Persampahan")["sampah"]["docs"]
    assert waste and all(practices[d["doc"]].sector == "persampahan" for d in waste)
    listed = node.finished("", jenis="Kelembagaan")[""]["docs"]
    expected = {n for n, p in enumerate(practices) if "kelembagaan" in p.types}
    assert {d["doc"] for d in listed} == expected


def test_snippets_come_from_the_piece_where_the_word_is(node: Node, catalogue: Catalogue) -> None:
    """A word only past the first piece of a long page: that piece is fetched and marked."""
    pages = search_text.search_pages(catalogue)
    parts = [search_text.pieces(page.text) for page in pages]
    late = [
        (word, doc, piece)
        for doc, page_parts in enumerate(parts)
        for word, piece in search_files.piece_places(page_parts).items()
        if piece >= 2 and word.isalpha() and len(word) >= 6 and not word.startswith(">")
    ]
    scores = scores_of(catalogue)
    rare = [(w, d, p) for w, d, p in late if set(scores.of(w)) == {d}][:5]
    assert rare, "the bundled records have long pages"
    answers = node.finished(*(w for w, _, _ in rare))
    for word, doc, piece in rare:
        answer = answers[word]
        assert answer["docs"][0]["doc"] == doc and answer["docs"][0]["places"] == [piece]
        snippet = answer["snippets"][0]
        assert word in [w.lower() for w in marked(snippet)], (word, snippet)
        assert snippet[0][0].startswith("… ")  # the snippet does not start the page
