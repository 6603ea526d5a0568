"""``replika serve``: the preview follows edits to records within seconds."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from site_support import copy_project, serving


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def index_rows(site: str) -> str:
    """The display rows of the preview's search index at ``site``, all files joined ("" while absent)."""
    base = f"{site}cari-indeks/"
    try:
        folder = base + json.loads(fetch(base + "terkini.json"))["indeks"] + "/"
        manifest = json.loads(fetch(folder + "manifest.json"))
        count, per = manifest["dokumen"], manifest["baris_per_berkas"]
    except (ValueError, KeyError):
        return ""
    return "".join(fetch(f"{folder}r/{n}.json") for n in range((count + per - 1) // per))


def wait_for_index(site: str, text: str, seconds: float) -> bool:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in index_rows(site):
            return True
        time.sleep(0.3)
    return False


def wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until ``url`` contains ``text``, or None after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.2)
    return None


def test_serve_refreshes_after_a_record_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    with serving(project, tmp_path / "serve.log", "--tanpa-pdf") as (_proc, base):
        url = f"{base}katalog/praktik/l2t2-kendari/"
        assert wait_for(url, "Kota Kendari", 90) is not None, (tmp_path / "serve.log").read_text()
        record = project / "practices/l2t2-kendari.yaml"
        original = record.read_text(encoding="utf-8")
        record.write_text(
            original.replace("\njudul: Layanan", "\njudul: Pratinjau Layanan"), encoding="utf-8"
        )
        took = wait_for(url, "Pratinjau Layanan", 15)
        assert took is not None, (tmp_path / "serve.log").read_text()
        # the preview's search index follows the edit too
        assert wait_for_index(base, "Pratinjau Layanan", 20), (tmp_path / "serve.log").read_text()

        # an invalid record is reported and the last good page stays
        log_path = tmp_path / "serve.log"
        mentions = log_path.read_text().count("l2t2-kendari.yaml")
        record.write_text(original.replace("sektor: air-limbah-domestik", "sektor: x"), "utf-8")
        deadline = time.monotonic() + 15  # until the preview has reported it (no fixed sleep)
        while log_path.read_text().count("l2t2-kendari.yaml") == mentions:
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
        assert "Pratinjau Layanan" in fetch(url)
        assert "l2t2-kendari.yaml" in log_path.read_text()


def _katalog(project: Path) -> dict[str, bytes]:
    """Every generated file under ``docs/katalog/`` (the manifest left out), by path."""
    area = project / "docs" / "katalog"
    return {
        p.relative_to(area).as_posix(): p.read_bytes()
        for p in sorted(area.rglob("*"))
        if p.is_file() and p.name != ".replika-manifest.json"
    }


def _full_render(project: Path) -> dict[str, bytes]:
    """What a fresh, non-incremental render of ``project`` produces, by path in ``katalog/``."""
    from generator.project import find_project
    from generator.stages.model import build_catalogue
    from generator.stages.render import render_site
    from generator.stages.validate import check_project

    found = find_project(project)
    checked = check_project(found)
    assert not checked.problems
    pages = render_site(build_catalogue(checked, found))
    return {p.path.removeprefix("katalog/"): p.content.encode("utf-8") for p in pages}


def test_incremental_regeneration_matches_a_full_render(tmp_path: Path) -> None:
    """Serve's incremental regeneration writes exactly what a full render would."""
    import pytest

    from generator.errors import InvalidContent
    from generator.preview import Preview
    from generator.project import find_project

    project = copy_project(tmp_path / "p")
    preview = Preview(find_project(project))
    preview.generate()
    assert _katalog(project) == _full_render(project)

    practices = project / "practices"
    record = practices / "l2t2-kendari.yaml"
    original = record.read_text(encoding="utf-8")

    def edit(path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        preview.generate()
        assert _katalog(project) == _full_render(project)

    # a summary edit (only its own page shows it)
    edit(record, original.replace("\nringkasan: ", "\nringkasan: Diperbarui. ", 1))
    # a title edit that keeps the catalogue order: listing, region and related pages show it
    edit(record, original.replace("(LLTT) Kota Kendari", "(LLTT) Pratinjau Kota Kendari", 1))
    related = _katalog(project)["praktik/instruksi-wali-kota-l2t2-kendari.md"]
    assert "Pratinjau Kota Kendari" in related.decode()
    assert "Pratinjau Kota Kendari" in _katalog(project)["sektor.md"].decode()
    # an invalid record stops regeneration; the last good pages stay
    record.write_text(original.replace("sektor: air-limbah-domestik", "sektor: x"), "utf-8")
    before = _katalog(project)
    with pytest.raises(InvalidContent):
        preview.generate()
    assert _katalog(project) == before
    edit(record, original)
    # a new record, then its removal
    added = practices / "salinan-uji.yaml"
    copied = (practices / "bank-sampah-malang.yaml").read_text(encoding="utf-8")
    copied = copied.replace("id: bank-sampah-malang", "id: salinan-uji")
    edit(added, copied.replace("\njudul: Bank Sampah Malang", "\njudul: Salinan Bank Sampah"))
    assert "praktik/salinan-uji.md" in _katalog(project)
    added.unlink()
    preview.generate()
    assert _katalog(project) == _full_render(project)
