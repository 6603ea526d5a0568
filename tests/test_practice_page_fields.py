"""The practice page shows start, status date and note, contacts, signatory,
implementation time, risks and evidence gaps (built HTML through the real CLI)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from site_support import copy_project, load_yaml, replika

from generator.present import format_date

EXAMPLE = Path(__file__).parent / "examples" / "valid" / "contoh-kolom-baru.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("kolom-baru") / "proyek")
    shutil.copy(EXAMPLE, project / "practices" / EXAMPLE.name)
    result = replika(project, "build", "--tanpa-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def page_text(project: Path, pid: str) -> str:
    """The visible text of a practice page's article, whitespace collapsed."""
    raw = (project / "site" / "katalog" / "praktik" / pid / "index.html").read_text("utf-8")
    article = raw[raw.index('<h1 id="judul"') :]
    article = re.sub(r"<(script|style)\b.*?</\1>", " ", article, flags=re.S)
    article = re.sub(r"</?(?:abbr|a|strong|em|code|time|span)\b[^>]*>", "", article)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def record(project: Path, pid: str) -> dict:
    return load_yaml((project / "practices" / f"{pid}.yaml").read_text("utf-8"))


def section(text: str, heading: str, next_heading: str) -> str:
    start = text.index(f" {heading} ")
    return text[start : text.index(f" {next_heading} ", start)]


def flat(value: object) -> str:
    return " ".join(str(value).split())


def test_running_practice_says_since_its_start_year_without_an_end(built: Path) -> None:
    data = record(built, "l2t2-kendari")
    assert data["status"] == "berjalan"
    text = page_text(built, "l2t2-kendari")
    assert f"Tahun sejak {str(data['mulai'])[:4]} Status" in text
    assert f"bukti terakhir {format_date(str(data['status_per']))}" in text
    assert flat(data["status_keterangan"]) in text


def test_stopped_practice_shows_start_and_end_years_and_why(built: Path) -> None:
    data = record(built, "contoh-kolom-baru")
    assert data["status"] == "berhenti"
    text = page_text(built, "contoh-kolom-baru")
    start, end = str(data["mulai"])[:4], str(data["status_per"])[:4]
    assert start != end
    assert f"Tahun {start}–{end} Status Sudah berhenti" in text
    assert "sejak" not in section(text, "Tahun", "Status")
    assert flat(data["status_keterangan"]) in text


def test_contacts_signatory_and_implementation_time(built: Path) -> None:
    data = record(built, "contoh-kolom-baru")
    text = page_text(built, "contoh-kolom-baru")
    contacts = section(text, "Kontak", "Pelajaran")
    for contact in data["kontak"]:
        assert contact["unit"] in contacts
        assert contact["situs"] in contacts
    assert f"ditandatangani {data['instrumen'][0]['penanda_tangan']}" in text
    assert flat(data["lama_penerapan"]["keterangan"]) in section(text, "Lama penerapan", "Linimasa")


def test_risks_and_evidence_gaps_are_separate_sections(built: Path) -> None:
    for pid in ("l2t2-kendari", "contoh-kolom-baru"):
        data = record(built, pid)
        text = page_text(built, pid)
        risks = section(text, "Risiko", "Celah bukti")
        gaps = section(text, "Celah bukti", "Daerah yang mempelajari praktik ini")
        assert data["risiko"] and data["celah_bukti"]
        for item in data["risiko"]:
            assert flat(item) in risks and flat(item) not in gaps
        for item in data["celah_bukti"]:
            assert flat(item) in gaps and flat(item) not in risks


def test_unknown_status_gives_only_the_start(built: Path) -> None:
    unknown = [
        pid
        for pid in ("lampu-jawa-surakarta", "sidoti-blitar")
        if record(built, pid)["status"] == "tidak-diketahui"
    ]
    assert unknown
    for pid in unknown:
        data = record(built, pid)
        text = page_text(built, pid)
        assert f"Tahun mulai {str(data['mulai'])[:4]} Status Tidak diketahui" in text
