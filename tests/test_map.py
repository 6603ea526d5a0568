"""The map at ``peta/`` (issue 15): online and over file:// in the offline copy."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_support import serve_directory

from generator.project import Project
from generator.stages.model import build_catalogue
from generator.stages.peta import places
from generator.stages.validate import check_project


@pytest.fixture(scope="module")
def expected(full_build: Path) -> tuple[int, int]:
    """(regions placed on the map, regions in the list) from the project's own data."""
    project = Project(full_build)
    found = places(build_catalogue(check_project(project), project))
    return sum(p.placed for p in found), len(found)


def check_map(tab: object, url: str, expected: tuple[int, int], own_host: str) -> None:
    """Open the map page at ``url``: drawn, every dot opens a region page, nothing foreign."""
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))  # type: ignore[attr-defined]
    tab.goto(url, wait_until="load")  # type: ignore[attr-defined]
    svg = tab.locator("svg.rp-peta")  # type: ignore[attr-defined]
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100, box
    dots = tab.locator("svg.rp-peta a")  # type: ignore[attr-defined]
    placed, listed = expected
    assert dots.count() == placed
    assert tab.locator(".rp-peta-daftar li").count() == listed  # type: ignore[attr-defined]
    assert tab.locator("svg.rp-peta .rp-peta__garis").count() > 0  # type: ignore[attr-defined]
    top = dots.last  # drawn last: on top of any dot it overlaps
    name = top.locator("title").text_content().split(":")[0]
    top.locator("circle").click()
    tab.wait_for_load_state()  # type: ignore[attr-defined]
    assert tab.locator("h1").inner_text() == name  # type: ignore[attr-defined]
    foreign = [
        u
        for u in requests
        if urlsplit(u).scheme not in ("file", "data") and urlsplit(u).netloc != own_host
    ]
    assert not foreign, foreign


def test_map_online(full_build: Path, expected: tuple[int, int], chromium: object) -> None:
    with serve_directory(full_build / "site") as base:
        tab = chromium.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        check_map(tab, base + "peta/", expected, urlsplit(base).netloc)
        tab.goto(base)
        assert tab.locator("svg.rp-peta").count() == 1  # the small map on the home page
        tab.locator(".rp-peta-kecil a[href='peta/']").click()
        tab.wait_for_url("**/peta/")
        tab.close()


def test_map_offline_over_file_url(
    full_build: Path, expected: tuple[int, int], tmp_path: Path, chromium: object
) -> None:
    with zipfile.ZipFile(full_build / "site/unduh/replika-luring.zip") as zf:
        zf.extractall(tmp_path)
    page = tmp_path / "replika-luring" / "peta" / "index.html"
    assert page.is_file()
    tab = chromium.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    check_map(tab, page.as_uri(), expected, "")
    tab.close()
