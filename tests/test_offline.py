"""The offline copy, unzipped and opened over file:// in Debian's Chromium."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from site_support import CHROMIUM, CHROMIUM_ARGS

from generator.model import Catalogue, build_catalogue
from generator.offline import FOLDER_NAME, file_url
from generator.project import Project
from generator.validate import check_project


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


def test_copy_contains_pages_downloads_and_data(unzipped: Path, catalogue: Catalogue) -> None:
    assert (unzipped / "index.html").is_file()
    assert (unzipped / "BACA-SAYA.txt").is_file()
    assert (unzipped / "data" / "practices.json").is_file()
    assert (unzipped / "unduh" / "katalog-replika.pdf").is_file()
    assert not (unzipped / "unduh" / "replika-luring.zip").exists()
    assert not (unzipped / "cari-indeks").exists()  # the copy searches with Material's Lunr
    for practice in catalogue.practices:
        assert (unzipped / "katalog" / "praktik" / practice.id / "index.html").is_file()
        assert (unzipped / "unduh" / "praktik" / f"{practice.id}.pdf").is_file()
    home = (unzipped / "index.html").read_text(encoding="utf-8")
    assert "https://unpkg.com" not in home  # the worker shim is local
    assert 'href="katalog/index.html"' in home


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("katalog/", "katalog/index.html"),
        ("../../", "../../index.html"),
        (".", "./index.html"),
        ("../sektor/#air-minum", "../sektor/index.html#air-minum"),
        ("#judul", "#judul"),
        ("https://contoh.id/a/", "https://contoh.id/a/"),
        ("../../unduh/praktik/a.pdf", "../../unduh/praktik/a.pdf"),
    ],
)
def test_folder_links_point_at_index_files(link: str, expected: str) -> None:
    assert file_url(link) == expected


def test_search_and_navigation_work_over_file_urls(unzipped: Path, catalogue: Catalogue) -> None:
    from playwright.sync_api import sync_playwright

    practice = next(p for p in catalogue.practices if p.id == "sidoti-blitar")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            remote: list[str] = []
            page.on(
                "request", lambda r: None if r.url.startswith("file:") else remote.append(r.url)
            )
            page.goto((unzipped / "index.html").as_uri())

            # Navigation: a menu link opens a page, not a folder listing.
            page.locator("a[href='katalog/sektor/index.html']:visible").first.click()
            page.wait_for_load_state()
            assert page.url.endswith("/katalog/sektor/index.html")
            assert page.locator("h1").first.inner_text().strip()

            # Search: type a word of the title, follow the first result.
            page.fill("input[data-md-component=search-query]", "Sidoti")
            first = page.locator(".md-search-result__item a").first
            first.wait_for(timeout=15000)
            href = first.get_attribute("href") or ""
            assert f"katalog/praktik/{practice.id}/index.html" in href
            first.click()
            page.wait_for_load_state()
            assert page.url.startswith("file://")
            assert " ".join(page.locator("h1").first.inner_text().split()) == " ".join(
                practice.title.split()
            )
            # The brief linked from the practice page is in the copy.
            link = page.locator("a", has_text="Unduh PDF").first.get_attribute("href")
            base = unzipped / "katalog" / "praktik" / practice.id
            assert (base / link).resolve().is_file()
            assert remote == []
        finally:
            browser.close()
