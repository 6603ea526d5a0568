"""What a reader sees (issue 15): Indonesian chrome, a 404 page, no made-up address."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from site_support import parse

from generator.project import Project, configured_site_url


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_theme_chrome_is_indonesian(full_build: Path) -> None:
    for path in html_files(full_build / "site"):
        html = path.read_text(encoding="utf-8")
        assert "Made with" not in html, path
        for english in ('aria-label="Header"', 'aria-label="Footer"', "Not found"):
            assert english not in html, (path, english)
    home = (full_build / "site" / "index.html").read_text(encoding="utf-8")
    assert "Dibuat dengan" in home and '<html lang="id"' in home


def test_404_page_has_search_and_a_way_home(full_build: Path) -> None:
    page = full_build / "site" / "404.html"
    html = page.read_text(encoding="utf-8")
    assert "<h1>Halaman tidak ditemukan</h1>" in html
    parsed = parse(page)
    forms = [a for tag, a in parsed.elements if tag == "form" and a.get("role") == "search"]
    assert any(str(f.get("action", "")).endswith("cari/") for f in forms), forms
    assert "Kembali ke beranda</a>" in html


def test_no_placeholder_address_anywhere(full_build: Path) -> None:
    site = full_build / "site"
    for path in [*html_files(site), site / "data" / "practices.json"]:
        assert "example.id" not in path.read_text(encoding="utf-8"), path
    with zipfile.ZipFile(site / "unduh" / "replika-luring.zip") as zf:
        for name in zf.namelist():
            if name.endswith((".html", ".txt")):
                text = zf.read(name).decode("utf-8")
                assert "example.id" not in text, name
        readme = zf.read("replika-luring/BACA-SAYA.txt").decode("utf-8")
    assert "Versi daring" not in readme  # no address configured: no line with a made-up one


def write_config(tmp_path: Path, line: str) -> Project:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: X\n{line}\n", encoding="utf-8")
    return Project(tmp_path)


def test_site_url_from_config_or_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPLIKA_SITE_URL", raising=False)
    assert configured_site_url(write_config(tmp_path, "")) == ""
    assert configured_site_url(write_config(tmp_path, 'site_url: ""')) == ""
    fixed = write_config(tmp_path, "site_url: https://contoh.go.id/replika")
    assert configured_site_url(fixed) == "https://contoh.go.id/replika/"
    from_env = write_config(tmp_path, 'site_url: !ENV [REPLIKA_SITE_URL, ""]')
    assert configured_site_url(from_env) == ""
    monkeypatch.setenv("REPLIKA_SITE_URL", "https://org.github.io/replika/")
    assert configured_site_url(from_env) == "https://org.github.io/replika/"
    assert configured_site_url(write_config(tmp_path, "site_url: bukan-alamat")) == ""
