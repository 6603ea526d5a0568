"""The static search index (generator/outputs/search/), without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_support import ROOT
from test_search import FNV_VECTORS

from generator.outputs.search import files as search_files
from generator.outputs.search import scoring, shards, text
from generator.present import glossary, practice_url
from generator.project import find_project
from generator.stages.model import Catalogue, build_catalogue
from generator.stages.validate import check_project


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    project = find_project(ROOT)
    return build_catalogue(check_project(project), project)


@pytest.fixture(scope="module")
def files(catalogue: Catalogue) -> dict[str, bytes]:
    return search_files.index_files(catalogue)


def load(files: dict[str, bytes], path: str) -> object:
    return json.loads(files[path])


def all_terms(files: dict[str, bytes]) -> dict[str, list[list[int]]]:
    """Every term's postings as ``[[doc, score], …]`` (decoded as ``cari.js`` does)."""
    terms: dict[str, list[list[int]]] = {}
    for path, data in files.items():
        if path.startswith("s/"):
            found = shards.decode_shard(data)
            terms.update({term: [[d, s] for d, s, _ in p] for term, p in found.items()})
    return terms


def index_scores(catalogue: Catalogue) -> scoring.Scores:
    """The scores ``index_files`` computes (kind weights and snippet pieces included)."""
    pages = text.search_pages(catalogue)
    parts = [text.pieces(page.text) for page in pages]
    return scoring.score_terms(
        [page.fields for page in pages],
        [text.KIND_WEIGHTS.get(page.kind, 1.0) for page in pages],
        lambda doc: search_files.piece_places(parts[doc]),
    )


def doc_of(catalogue: Catalogue, pid: str) -> int:
    return [p.id for p in catalogue.practices].index(pid)


def test_fnv1a_vectors() -> None:
    for value, expected in FNV_VECTORS.items():
        assert search_files.fnv1a(value) == expected, value


def test_output_is_deterministic_and_the_folder_follows_the_content(
    catalogue: Catalogue, files: dict[str, bytes], tmp_path: Path
) -> None:
    assert search_files.index_files(catalogue) == files
    first = search_files.write_index(files, tmp_path / "a")
    second = search_files.write_index(search_files.index_files(catalogue), tmp_path / "b")
    assert first.name == second.name
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes()
    pointer = json.loads(
        (tmp_path / "a" / search_files.SEARCH_DIR / search_files.POINTER_NAME).read_text()
    )
    assert pointer["indeks"] == first.name
    changed = Catalogue(
        practices=[
            catalogue.practices[0].model_copy(update={"title": "Judul yang berubah"}),
            *catalogue.practices[1:],
        ],
        regions=catalogue.regions,
    )
    third = search_files.write_index(search_files.index_files(changed), tmp_path / "a")
    assert third.name != first.name
    assert not first.exists()  # the old folder is removed, the pointer moved on
    pointer = json.loads(
        (tmp_path / "a" / search_files.SEARCH_DIR / search_files.POINTER_NAME).read_text()
    )
    assert pointer["indeks"] == third.name


def test_manifest_and_shards(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    pages = text.search_pages(catalogue)
    scores = scoring.score_terms([page.fields for page in pages])
    manifest = load(files, "manifest.json")
    assert isinstance(manifest, dict)
    assert manifest["dokumen"] == len(pages) > len(catalogue.practices)
    assert manifest["hash"] == "fnv1a32"
    count = manifest["pecahan"]
    assert sorted(p for p in files if p.startswith("s/")) == sorted(
        f"s/{n}.json" for n in range(count)
    )
    for n in range(count):
        shard = load(files, f"s/{n}.json")
        assert isinstance(shard, dict)
        for word in shard.pop(search_files.WORD_ROOTS_KEY, {}):
            assert search_files.fnv1a(word) % count == n and word in shard
        for word in shard.pop(search_files.SAME_ROOT_KEY, []):
            assert search_files.fnv1a(word) % count == n and word in shard
        for term, postings in shard.items():
            # a root term lives with the word spelt like its root
            assert search_files.fnv1a(term.removeprefix(scoring.ROOT_MARK)) % count == n
            if isinstance(postings, list):  # [gaps, scores(, pieces)]
                assert all(gap >= 1 for gap in postings[0][1:])
                assert all(isinstance(s, int) and s >= 1 for s in postings[1])
            else:  # a root term written relative to its word, in the same shard
                assert term.removeprefix(scoring.ROOT_MARK) in shard
            docs = [d for d, _, _ in shards.decode_postings(shard, term)]
            assert docs == sorted(set(docs))
            assert docs == sorted(scores.of(term)) and docs[-1] < len(pages)


def test_shards_decode_to_the_scores_and_pieces(
    catalogue: Catalogue, files: dict[str, bytes]
) -> None:
    """Every term, full or relative, reads back as computed: docs, scores and pieces."""
    scores = index_scores(catalogue)
    decoded: dict[str, list[tuple[int, int, int]]] = {}
    for path, data in files.items():
        if path.startswith("s/"):
            decoded.update(shards.decode_shard(data))
    assert set(decoded) == set(scores.postings)
    relative = 0
    for term, postings in decoded.items():
        score, place = scores.of(term), scores.place(term)
        assert postings == [(doc, score[doc], place[doc]) for doc in sorted(score)], term
        relative += term.startswith(scoring.ROOT_MARK) and term[1:] in scores.postings
    assert relative > 50  # most root terms are written relative to their word
    assert any(any(p for _, _, p in postings) for postings in decoded.values())


def test_roots_join_affixed_words(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    terms = all_terms(files)
    roots: dict[str, str] = {}
    for path, data in files.items():
        if path.startswith("s/"):
            roots.update(json.loads(data).get(search_files.WORD_ROOTS_KEY, {}))
    assert roots["pengomposan"] == "kompos"
    assert roots["dikelola"] == "kelola"
    kompos = {d for d, _ in terms[">kompos"]}
    assert {d for d, _ in terms["pengomposan"]} <= kompos
    assert {d for d, _ in terms.get("kompos", [])} <= kompos
    # an exact word scores above the same document's root-only share
    doc = terms["pengomposan"][0][0]
    exact = dict(map(tuple, terms["pengomposan"]))[doc]
    assert exact > dict(map(tuple, terms[">kompos"]))[doc] / 2


def test_acronyms_and_long_forms_find_each_other(catalogue: Catalogue) -> None:
    base = catalogue.by_id["l2t2-kendari"]
    short = base.model_copy(update={"title": "Uji LLTT", "summary": "Program LLTT kota."})
    long_ = base.model_copy(
        update={"id": "panjang", "title": "Uji", "summary": "Layanan lumpur tinja terjadwal."}
    )
    fields_short = text.practice_fields(short)
    fields_long = text.practice_fields(long_)
    assert "layanan lumpur tinja terjadwal" in fields_short["isi"].lower()
    assert " LLTT" in fields_long["isi"]
    scores = scoring.score_terms([fields_short, fields_long])
    assert set(scores.of("lltt")) == {0, 1}
    assert set(scores.of("terjadwal")) == {0, 1}


def test_field_weights_put_title_matches_first(catalogue: Catalogue) -> None:
    base = catalogue.by_id["l2t2-kendari"]
    in_title = text.practice_fields(base.model_copy(update={"title": "Kata zebrakuda"}))
    in_body = text.practice_fields(base)
    in_body["isi"] += " zebrakuda"
    scores = scoring.score_terms([in_title, in_body])
    assert scores.of("zebrakuda")[0] > 2 * scores.of("zebrakuda")[1]


def test_facet_lists(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    facets = load(files, "saring.json")
    manifest = load(files, "manifest.json")
    assert isinstance(facets, dict) and isinstance(manifest, dict)

    def decode(gaps: list[int]) -> list[int]:
        out, doc = [], 0
        for gap in gaps:
            doc += gap
            out.append(doc)
        return out

    east_java = decode(facets["provinsi"]["Jawa Timur"])
    expected = [n for n, p in enumerate(catalogue.practices) if p.origin.province == "Jawa Timur"]
    assert east_java == expected
    institutional = decode(facets["jenis"]["Kelembagaan"])
    assert institutional == [
        n for n, p in enumerate(catalogue.practices) if "kelembagaan" in p.types
    ]
    counts = dict(map(tuple, manifest["saringan"]["sektor"]))
    assert sum(counts.values()) == len(catalogue.practices)
    for value, count in counts.items():
        assert len(facets["sektor"][value]) == count


def test_rows_come_four_to_a_file(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    pages = text.search_pages(catalogue)
    n = len(pages)
    assert search_files.ROWS_PER_FILE == load(files, "manifest.json")["baris_per_berkas"] == 4  # type: ignore[index]
    assert sorted(p for p in files if p.startswith("r/")) == sorted(
        f"r/{k}.json" for k in range((n + 3) // 4)
    )
    for doc, practice in enumerate(catalogue.practices):
        rows = load(files, f"r/{doc // 4}.json")
        assert isinstance(rows, list) and len(rows) <= 4
        title, url, summary, detail, kind = rows[doc % 4]
        assert title == " ".join(practice.title.split())
        assert url == practice_url(practice.id)
        assert len(summary) <= text.SUMMARY_CHARS + 2
        assert detail.startswith(f"{practice.origin.region} · {practice.origin.province} · ")
        assert kind == "praktik"
    kinds = [load(files, f"r/{doc // 4}.json")[doc % 4][4] for doc in range(n)]  # type: ignore[index]
    assert kinds[: len(catalogue.practices)] == ["praktik"] * len(catalogue.practices)
    assert {"daerah", "provinsi", "istilah", "perjalanan"} <= set(kinds) <= set(text.KINDS)


def test_hostile_text_stays_json_string_data(catalogue: Catalogue) -> None:
    hostile = '"><script>alert(1)</script> {{ 7*7 }}'
    practice = catalogue.practices[0].model_copy(
        update={"title": hostile, "summary": "<img src=x onerror=alert(1)> ringkasan"}
    )
    files = search_files.index_files(Catalogue(practices=[practice], regions=catalogue.regions))
    row = json.loads(files["r/0.json"])[0]
    assert row[0] == hostile
    assert row[2].startswith("<img src=x onerror=alert(1)>")
    terms = all_terms(files)
    assert "script" in terms and "onerror" in terms
    assert all(set(term) <= set("abcdefghijklmnopqrstuvwxyz0123456789>") for term in terms)


def test_a_word_alone_at_its_root_has_no_separate_root_term() -> None:
    scores = scoring.score_terms(
        [{"judul": "lumpur tinja", "isi": "kompos"}, {"judul": "pengomposan", "isi": "lumpur"}]
    )
    assert "lumpur" in scores.same_root and ">lumpur" not in scores.postings
    assert "kompos" not in scores.same_root  # "pengomposan" shares its root
    assert set(scores.of(">kompos")) == {0, 1}
    assert scores.word_roots["pengomposan"] == "kompos"


def test_forked_indexer_gives_the_same_files(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    """The build computes the index in a forked child (``build.Build.write_outputs``)."""
    from generator.forked import Beside, can_fork

    if not can_fork():
        pytest.skip("no fork or a single CPU: the index is computed in the build process")
    beside = Beside(lambda: search_files.index_files(catalogue), parallel=True)
    try:
        assert beside.forked
        assert beside.result() == files
    finally:
        beside.close()


def test_indexing_is_pure(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    """Nothing is kept between calls: another catalogue in between changes nothing."""
    one = Catalogue(practices=catalogue.practices[:1], regions=catalogue.regions)
    assert search_files.index_files(one) != files
    assert search_files.index_files(catalogue) == files
    assert search_files.index_files(one) == search_files.index_files(one)


def test_preview_indexer_waits_for_quiet_and_yields_to_edits(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from generator import preview_tasks

    monkeypatch.setattr(preview_tasks, "IDLE_SECONDS", 1.0)
    indexer = preview_tasks.Indexer(lambda: catalogue)
    indexer.request(tmp_path)
    # Edits keep arriving: nothing is indexed while they do.
    for _ in range(5):
        time.sleep(0.1)
        indexer.interrupt()
    assert not (tmp_path / "cari-indeks").exists()
    deadline = time.monotonic() + 20
    while not (tmp_path / "cari-indeks" / search_files.POINTER_NAME).exists():
        assert time.monotonic() < deadline, "the index was never written"
        time.sleep(0.05)


def test_word_lists_hold_every_index_word_under_its_key(
    catalogue: Catalogue, files: dict[str, bytes]
) -> None:
    manifest = load(files, "manifest.json")
    assert isinstance(manifest, dict)
    count = manifest["berkas_kata"]
    assert sorted(p for p in files if p.startswith("k/")) == sorted(
        f"k/{n}.json" for n in range(count)
    )
    split = set(manifest["prefiks_pecah"])
    scores = scoring.score_terms([p.fields for p in text.search_pages(catalogue)])
    expected = search_files.vocabulary(scores)
    assert "banjarmasin" in expected and "penyedotan" in expected
    assert all(len(w) >= manifest["kata_min"] and w.isalpha() for w in expected)
    found: dict[str, int] = {}
    for n in range(count):
        content = load(files, f"k/{n}.json")
        assert isinstance(content, dict)
        for key, entries in content.items():
            assert search_files.fnv1a(key) % count == n
            for word, documents in entries:
                assert search_files.prefix_key(word, split) == key
                found[word] = documents
    assert found == expected
    assert expected["banjarmasin"] == len(scores.of("banjarmasin"))


def test_large_word_groups_are_split_by_three_letters() -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    many = {f"pe{a}{b}{c}kata": 1 for a in letters for b in letters for c in "aiueo"}
    many.update({"kota": 3, "kotak": 1})
    files, split = search_files.prefix_files(many)
    assert split == ["pe"]
    keys = {key for data in files.values() for key in json.loads(data)}
    assert "kot" not in keys and "ko" in keys and "pea" in keys and "pe" not in keys
    assert all(len(data) < 2 * search_files.PREFIX_SPLIT_BYTES for data in files.values())


def test_every_kind_of_page_is_a_document(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    pages = text.search_pages(catalogue)
    kinds = [p.kind for p in pages]
    n = len(catalogue.practices)
    assert kinds[:n] == ["praktik"] * n
    regions = [p for p in pages if p.kind == "daerah"]
    assert [p.title for p in regions] == catalogue.regions_involved()
    provinces = [p.title for p in pages if p.kind == "provinsi"]
    assert provinces == list(catalogue.by_province())
    terms = [p for p in pages if p.kind == "istilah"]
    assert len(terms) == len(glossary()) and terms[0].url.startswith("katalog/glosarium/#")
    for doc, page in enumerate(pages):
        count = sum(1 for path in files if path.startswith(f"t/{doc}-"))
        parts = [load(files, f"t/{doc}-{n}.json") for n in range(count)]
        assert " ".join(parts) == page.text  # type: ignore[arg-type]
        assert all(len(part) <= text.PIECE_CHARS for part in parts)  # type: ignore[arg-type]
        assert len(page.text) <= text.TEXT_CHARS
    assert sum(1 for path in files if path.startswith("t/")) > len(pages)  # long pages: pieces
    # only practices carry facets: a filter never lists a city or a term
    facets = load(files, "saring.json")
    assert isinstance(facets, dict)
    for values in facets.values():
        for gaps in values.values():
            assert sum(gaps) < n


def test_a_new_page_kind_needs_only_a_source(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = text.SearchPage(
        kind="perjalanan",
        title="Perjalanan belajar LLTT",
        url="katalog/perjalanan/lltt/",
        summary="Urutan praktik untuk memulai LLTT.",
        detail="",
        fields={"judul": "Perjalanan belajar LLTT", "isi": "zebrakuda"},
        text="Urutan praktik untuk memulai LLTT. zebrakuda",
        facets={},
    )
    monkeypatch.setattr(text, "PAGE_SOURCES", [*text.PAGE_SOURCES, lambda c: [journey]])
    files = search_files.index_files(catalogue)
    manifest = load(files, "manifest.json")
    assert isinstance(manifest, dict)
    doc = manifest["dokumen"] - 1
    assert load(files, f"r/{doc // 4}.json")[doc % 4][4] == "perjalanan"  # type: ignore[index]
    assert manifest["jenis_halaman"]["perjalanan"] == "Perjalanan belajar"
    odd = journey.__class__(**{**journey.__dict__, "kind": "lain"})
    monkeypatch.setattr(text, "PAGE_SOURCES", [lambda c: [odd]])
    with pytest.raises(ValueError, match="KINDS"):
        search_files.index_files(catalogue)
