"""The offline copy, unzipped and opened over file:// in Debian's Chromium.

The copy searches with the site's own index (``cari-indeks/``), loaded as
scripts over file://; its results must be those of the published site.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from site_support import search_in_page, serve_directory

from generator.outputs.offline import (
    CALLBACK,
    FOLDER_NAME,
    build_offline_copy,
    file_url,
    index_script,
    rewrite_links,
)
from generator.outputs.search import SEARCH_DIR
from generator.project import Project
from generator.stages.model import Catalogue, build_catalogue
from generator.stages.validate import check_project

# Queries whose expected practice only has another form of the word (or the
# acronym's long form, or the other way round); from test_search.RELEVANCE.
MORPHOLOGY = [
    ("perikatan", "uptd-pal-makassar"),
    ("pengomposan", "surabaya-green-and-clean"),
    ("dicicil", "l2t2-kendari"),
    ("LLTT", "l2t2-kendari"),
    ("layanan lumpur tinja terjadwal", "sidoti-blitar"),
    ("aparatur sipil negara", "l2t2-kendari"),
]


@pytest.fixture(scope="module")
def unzipped(full_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = full_build / "site" / "unduh" / "replika-luring.zip"
    assert archive.is_file()
    target = tmp_path_factory.mktemp("luring")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert all(name.startswith(f"{FOLDER_NAME}/") for name in names)
        assert not any(".." in name.split("/") for name in names)
        zf.extractall(target)
    return target / FOLDER_NAME


@pytest.fixture(scope="module")
def catalogue(full_build: Path) -> Catalogue:
    checked = check_project(Project(full_build))
    return build_catalogue(checked, Project(full_build))


def test_copy_contains_pages_downloads_data_and_index(
    unzipped: Path, catalogue: Catalogue, full_build: Path
) -> None:
    assert (unzipped / "index.html").is_file()
    assert 'kotak "Cari praktik"' in (unzipped / "BACA-SAYA.txt").read_text(encoding="utf-8")
    assert (unzipped / "data" / "practices.json").is_file()
    assert (unzipped / "unduh" / "katalog-replika.pdf").is_file()
    assert not (unzipped / "unduh" / "replika-luring.zip").exists()
    for name in ("404.html", "sitemap.xml", "sitemap.xml.gz", ".replika-build"):
        assert not (unzipped / name).exists(), name
    assert not (unzipped / "assets" / "javascripts" / "lunr").exists()
    assert not list(unzipped.rglob("*.map"))
    for practice in catalogue.practices:
        assert (unzipped / "katalog" / "praktik" / practice.id / "index.html").is_file()
        assert (unzipped / "unduh" / "praktik" / f"{practice.id}.pdf").is_file()
    # The site's own index, the same files as online, each also as a script.
    online = full_build / "site" / SEARCH_DIR
    jsons = sorted(p.relative_to(online) for p in online.rglob("*.json"))
    assert (
        sorted(
            p.relative_to(unzipped / SEARCH_DIR) for p in (unzipped / SEARCH_DIR).rglob("*.json")
        )
        == jsons
    )
    for rel in jsons:
        assert (unzipped / SEARCH_DIR / rel).read_bytes() == (online / rel).read_bytes()
        assert (unzipped / SEARCH_DIR / rel).with_suffix(".js").is_file()
    home = (unzipped / "index.html").read_text(encoding="utf-8")
    assert 'href="katalog/index.html"' in home
    assert 'action="cari/index.html"' in home
    # No site_url configured in the test build: the ZIP link stays relative, no made-up host.
    assert "replika.example.id" not in home
    assert not re.search(r'(?:href|src|action)="(?![a-z]+:|#)[^"]*/"', home)


def _script_json(script: bytes) -> tuple[str, object, str]:
    """``(name, data, JSON text)`` of an index script."""
    text = script.decode("ascii")
    match = re.fullmatch(
        rf"window\.{CALLBACK} && {CALLBACK}\((\"[^\"]*\"), (.*)\);\n", text, re.DOTALL
    )
    assert match, text[:200]
    return json.loads(match.group(1)), json.loads(match.group(2)), match.group(2)


def test_index_scripts_carry_exactly_the_json(unzipped: Path) -> None:
    area = unzipped / SEARCH_DIR
    files = sorted(area.rglob("*.json"))
    assert len(files) > 4
    for path in files:
        name, data, _ = _script_json(path.with_suffix(".js").read_bytes())
        assert name == path.relative_to(area).as_posix()
        assert data == json.loads(path.read_bytes())


def test_index_script_escapes_what_could_break_out() -> None:
    raw = json.dumps({"a": "é\u2028\u2029</script>😀"}, ensure_ascii=False).encode()
    script = index_script("s/0.json", raw)
    name, data, text = _script_json(script)
    assert (name, data) == ("s/0.json", json.loads(raw))
    assert script.isascii() and "\u2028" not in text
    # Apart from the escapes the JSON text is unchanged.
    assert json.loads(text) == json.loads(raw)
    plain = b'{"b":[[1,2]],"c":"x"}'
    assert _script_json(index_script("s/1.json", plain))[2] == plain.decode()


def _mini_site(root: Path) -> Path:
    site = root / "site"
    (site / "katalog").mkdir(parents=True)
    home = '<a href="katalog/">k</a><form action="cari/"><a href="unduh/replika-luring.zip">'
    (site / "index.html").write_text(home, "utf-8")
    (site / "katalog" / "index.html").write_text('<a href="../">up</a>', "utf-8")
    (site / "404.html").write_text('<a href="/">x</a>', "utf-8")
    folder = site / SEARCH_DIR / "abc123"
    (folder / "s").mkdir(parents=True)
    (folder / "s" / "0.json").write_text('{"kata":[[0,5]]}', "utf-8")
    (folder / "manifest.json").write_text('{"dokumen":1}', "utf-8")
    (site / SEARCH_DIR / "terkini.json").write_text('{"indeks":"abc123"}', "utf-8")
    (site / "unduh").mkdir()
    return site


def test_zip_is_deterministic(tmp_path: Path) -> None:
    site = _mini_site(tmp_path)
    first = build_offline_copy(site, site / "unduh" / "replika-luring.zip").read_bytes()
    second = build_offline_copy(site, site / "unduh" / "replika-luring.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(site / "unduh" / "replika-luring.zip") as zf:
        names = zf.namelist()
        home = zf.read(f"{FOLDER_NAME}/index.html").decode()
    assert names == sorted(names)
    assert f"{FOLDER_NAME}/unduh/replika-luring.zip" not in names
    assert f"{FOLDER_NAME}/404.html" not in names
    assert f"{FOLDER_NAME}/{SEARCH_DIR}/terkini.js" in names
    assert f"{FOLDER_NAME}/{SEARCH_DIR}/abc123/s/0.js" in names
    assert home == (
        '<a href="katalog/index.html">k</a><form action="cari/index.html">'
        '<a href="unduh/replika-luring.zip">'
    )
    build_offline_copy(site, site / "unduh" / "z.zip", site_url="https://contoh.id/")
    with zipfile.ZipFile(site / "unduh" / "z.zip") as zf:
        home = zf.read(f"{FOLDER_NAME}/index.html").decode()
        assert f"{FOLDER_NAME}/unduh/z.zip" not in zf.namelist()
    assert home.endswith('<a href="https://contoh.id/unduh/replika-luring.zip">')


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("katalog/", "katalog/index.html"),
        ("../../", "../../index.html"),
        (".", "./index.html"),
        ("../sektor/#air-minum", "../sektor/index.html#air-minum"),
        ("../cari/?q=lltt", "../cari/index.html?q=lltt"),
        ("#judul", "#judul"),
        ("https://contoh.id/a/", "https://contoh.id/a/"),
        ("../../unduh/praktik/a.pdf", "../../unduh/praktik/a.pdf"),
    ],
)
def test_folder_links_point_at_index_files(link: str, expected: str) -> None:
    assert file_url(link) == expected


def test_rewrite_links_covers_href_src_and_action() -> None:
    html = '<a href="a/"></a><img src="b/"><form action="../cari/" method="get"><p data-x="c/">'
    assert rewrite_links(html) == (
        '<a href="a/index.html"></a><img src="b/index.html">'
        '<form action="../cari/index.html" method="get"><p data-x="c/">'
    )


# ----------------------------------------------------------------------------- browser


class Watched:
    """A page that records console errors and every request that is not a file."""

    def __init__(self, browser: object) -> None:
        self.page = browser.new_page()  # type: ignore[attr-defined]
        self.page.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on(
            "request", lambda r: None if r.url.startswith("file:") else self.remote.append(r.url)
        )

    def check(self) -> None:
        """No console error and no request off the disk since the last check."""
        errors, remote = self.errors[:], self.remote[:]
        self.errors.clear()
        self.remote.clear()
        assert errors == []
        assert remote == []


@pytest.fixture(scope="module")
def module_tab(chromium: object) -> Iterator[Watched]:
    """One tab for the module's tests (a new tab costs Chromium a renderer process)."""
    watched = Watched(chromium)
    yield watched
    watched.page.close()
    watched.check()


@pytest.fixture
def tab(module_tab: Watched) -> Iterator[Watched]:
    """The module's tab on a blank page; no console error or request off the disk after."""
    module_tab.check()
    module_tab.page.goto("about:blank")  # type: ignore[attr-defined]
    yield module_tab
    module_tab.check()


def results(page: object) -> list[str]:
    page.wait_for_selector("[data-rp-cari][data-siap]")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !/Mencari|Ketik/.test(document.querySelector('.rp-cari__status').textContent)"
    )
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".rp-cari__hasil a", "els => els.map(e => e.getAttribute('href'))"
    )
    return result_keys(hrefs)


def result_keys(hrefs: list[str]) -> list[str]:
    """Result links → the last part of each address (ids of practices, regions, ...)."""
    # a section of a page (a province, a glossary term) keeps its #anchor
    return [re.sub(r"/(index\.html)?(?=#|$)", "", h).rsplit("/", 1)[-1] for h in hrefs]


def search_at(page: object, search_page: str, query: str, **filters: str) -> list[str]:
    params = "&".join([f"q={quote(query)}", *(f"{k}={quote(v)}" for k, v in filters.items())])
    page.goto(f"{search_page}?{params}")  # type: ignore[attr-defined]
    return results(page)


def test_navigation_and_downloads_over_file_urls(
    tab: Watched, unzipped: Path, catalogue: Catalogue
) -> None:
    page = tab.page
    practice = next(p for p in catalogue.practices if p.id == "sidoti-blitar")
    page.goto((unzipped / "index.html").as_uri())
    # A menu link opens a page, not a folder listing.
    page.locator("a[href='katalog/sektor/index.html']:visible").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/katalog/sektor/index.html")
    assert page.locator("h1").first.inner_text().strip()
    page.goto((unzipped / "katalog" / "praktik" / practice.id / "index.html").as_uri())
    assert " ".join(page.locator("h1").first.inner_text().split()) == " ".join(
        practice.title.split()
    )
    # The brief linked from the practice page is in the copy.
    link = page.locator("a", has_text="Unduh PDF").first.get_attribute("href")
    base = unzipped / "katalog" / "praktik" / practice.id
    assert (base / link).resolve().is_file()


def test_search_finds_other_word_forms_and_acronyms(tab: Watched, unzipped: Path) -> None:
    search_page = (unzipped / "cari" / "index.html").as_uri()
    tab.page.goto(search_page)
    found = search_in_page(tab.page, [query for query, _ in MORPHOLOGY])
    for (query, expected), (hrefs, _status) in zip(MORPHOLOGY, found, strict=True):
        assert expected in result_keys(hrefs)[:5], query
    # A result opens the practice page (index.html, not a folder listing).
    search_at(tab.page, search_page, "perikatan")
    first = tab.page.locator(".rp-cari__hasil a").first
    assert (first.get_attribute("href") or "").endswith("/index.html")
    first.click()
    tab.page.wait_for_load_state()
    assert tab.page.url.startswith("file://") and tab.page.url.endswith("/index.html")
    assert tab.page.locator("h1").first.inner_text().strip()


def test_facets_work_over_file_urls(tab: Watched, unzipped: Path, catalogue: Catalogue) -> None:
    search_page = (unzipped / "cari" / "index.html").as_uri()
    province = {p.id: p.origin.province for p in catalogue.practices}
    unfiltered = search_at(tab.page, search_page, "lumpur tinja")
    tab.page.select_option("#rp-provinsi", "Jawa Timur")
    tab.page.wait_for_function("() => location.search.includes('provinsi=')")
    filtered = results(tab.page)
    assert filtered and len(filtered) < len(unfiltered)
    assert all(province[pid] == "Jawa Timur" for pid in filtered)
    assert search_at(tab.page, search_page, "lumpur tinja", provinsi="Jawa Timur") == filtered


def test_header_search_form_lands_on_results(tab: Watched, unzipped: Path) -> None:
    page = tab.page
    page.goto((unzipped / "katalog" / "praktik" / "l2t2-kendari" / "index.html").as_uri())
    page.fill("#rp-header-q", "dasawisma")
    page.press("#rp-header-q", "Enter")
    page.wait_for_url("**/cari/index.html?q=dasawisma")
    assert results(page)[0] == "go-ploong-gresik"


def test_results_are_those_of_the_published_site(chromium: object, unzipped: Path) -> None:
    """The same folder over http (fetch, .json) and over file:// (scripts) ranks alike."""
    queries = [q for q, _ in MORPHOLOGY] + ["sampah", "penyedotan lumpur tinja", "kelola"]
    offline = Watched(chromium)
    online = Watched(chromium)
    try:
        with serve_directory(unzipped) as base:
            offline.page.goto((unzipped / "cari" / "index.html").as_uri())
            online.page.goto(f"{base}cari/")
            found_here = search_in_page(offline.page, queries)
            found_there = search_in_page(online.page, queries)
            for query, (here, _), (there, _) in zip(queries, found_here, found_there, strict=True):
                assert result_keys(here) == result_keys(there), query
                assert here, query
    finally:
        offline.page.close()
        online.page.close()
    offline.check()
    assert online.errors == []
