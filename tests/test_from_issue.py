"""`replika from-issue`, driven through the real entry point.

Every test works in a temporary copy of the project (the `project` fixture of
tests/test_scaffold.py), never in the real `practices/`.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator import vocab
from tests.test_scaffold import ROOT, created, project, read_record, records, replika

__all__ = ["project"]  # the fixture, re-used

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "usulan-praktik.yml"


def render_issue(answers: dict[str, str]) -> str:
    """The Markdown GitHub renders from the issue form: `### Label`, answer or _No response_."""
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        label = element["attributes"]["label"]
        if element["type"] == "checkboxes":
            answer = "\n".join(f"- [X] {o['label']}" for o in element["attributes"]["options"])
        else:
            answer = answers.get(element["id"], "") or "_No response_"
        parts.append(f"### {label}\n\n{answer}")
    return "\n\n".join(parts) + "\n"


def form_label(element_id: str) -> str:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    return next(e["attributes"]["label"] for e in form["body"] if e.get("id") == element_id)


GOOD_ISSUE = {
    "judul": "Bank Sampah Digital Kota Balikpapan: setor sampah lewat aplikasi",
    "daerah": "Kota Balikpapan",
    "provinsi": "Kalimantan Timur",
    "sektor": vocab.SECTORS["persampahan"],
    "jenis": f"{vocab.PRACTICE_TYPES['data-teknologi']}, {vocab.PRACTICE_TYPES['kemitraan']}",
    "ringkasan": "Warga menyetor sampah terpilah ke bank sampah dan mencatat\n"
    "tabungannya lewat aplikasi.",
    "masalah": "Pencatatan bank sampah masih manual sehingga warga ragu pada saldonya.",
    "linimasa": "2019-03 | Aplikasi bank sampah diluncurkan | 1\n2020 | Bank sampah unit bertambah",
    "langkah": "1. Bentuk bank sampah unit di tiap kelurahan\n2. Latih pengurus memakai aplikasi",
    "pelaku": "- DLH Kota Balikpapan | Membina bank sampah\n- Bank sampah unit | Mencatat setoran",
    "pelajaran": "Pencatatan digital menumbuhkan kepercayaan warga.",
    "kesiapan": "Apakah ada pengurus bank sampah yang aktif?",
    "hasil": "120 bank sampah unit (2020) [1]",
    "tingkat_bukti": vocab.EVIDENCE_LEVELS["terdokumentasi"],
    "status": vocab.PRACTICE_STATUSES["berjalan"],
    "status_per": "2020",
    "sumber": "Balikpapan luncurkan aplikasi bank sampah | Pemerintah Kota Balikpapan | "
    "2019-03-12 | https://balikpapan.go.id/berita/bank-sampah-digital",
    "tag": "bank sampah, aplikasi",
}


def test_from_issue_writes_a_record_that_validates(project: Path) -> None:
    before = records(project)
    result = replika(project, "from-issue", "-", stdin=render_issue(GOOD_ISSUE))
    assert result.returncode == 0, result.stderr
    path = created(project, before)
    data = read_record(path)
    assert data["id"] == path.stem
    assert data["asal"] == {"daerah": "Kota Balikpapan", "provinsi": "Kalimantan Timur"}
    assert data["jenis"] == ["data-teknologi", "kemitraan"]
    assert data["linimasa"][0]["sumber"] == data["sumber"][0]["kode"]
    assert data["pelaku"][1] == {"nama": "Bank sampah unit", "peran": "Mencatat setoran"}
    assert data["syarat_keberhasilan"] == []  # "_No response_"
    assert "120 bank sampah unit" in path.read_text(encoding="utf-8")  # kept as a comment
    check = replika(project, "validate", f"practices/{path.name}")
    assert check.returncode == 0, check.stderr
    # The same issue again: refused, file untouched.
    content = path.read_bytes()
    again = replika(project, "from-issue", "-", stdin=render_issue(GOOD_ISSUE))
    assert again.returncode != 0 and "ditimpa" in again.stderr
    assert path.read_bytes() == content


def test_from_issue_reads_a_file_argument(project: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text(render_issue(GOOD_ISSUE).replace("\n", "\r\n"), encoding="utf-8")
    result = replika(project, "from-issue", str(body), "--id", "bank-sampah-balikpapan")
    assert result.returncode == 0, result.stderr
    assert (project / "practices" / "bank-sampah-balikpapan.yaml").is_file()


def test_from_issue_names_the_form_sections_to_fix(project: Path) -> None:
    incomplete = {
        **GOOD_ISSUE,
        "sumber": "",
        "daerah": "Kota Balikpapn",
        "linimasa": "Tahun lalu | Aplikasi diluncurkan",
    }
    before = records(project)
    result = replika(project, "from-issue", stdin=render_issue(incomplete))
    assert result.returncode == 1
    err = result.stderr
    assert f"«{form_label('sumber')}»: belum diisi" in err
    assert f"«{form_label('daerah')}»" in err and "Maksud Anda `Kota Balikpapan`?" in err
    assert f"«{form_label('linimasa')}»" in err and "baris 1" in err
    assert "Traceback" not in err
    assert records(project) == before


def test_from_issue_reports_schema_problems_by_form_label(project: Path) -> None:
    short = {**GOOD_ISSUE, "ringkasan": "Terlalu pendek."}
    before = records(project)
    result = replika(project, "from-issue", stdin=render_issue(short))
    assert result.returncode == 1
    assert f"«{form_label('ringkasan')}»" in result.stderr
    assert records(project) == before


def test_from_issue_rejects_text_that_is_not_an_issue(project: Path) -> None:
    result = replika(project, "from-issue", stdin="halo\n")
    assert result.returncode == 1
    assert "bukan isi issue" in result.stderr


def test_from_issue_keeps_hostile_text_as_plain_text(project: Path) -> None:
    """YAML syntax, tags, anchors and template markup in answers stay literal text."""
    tricky = [
        "!!python/object/apply:os.system ['echo pwned']",
        "&anchor *alias {{ config }} {% include x %}",
        '"Kutip" di awal, lalu: titik dua # bukan komentar',
        "- bukan butir; [kurung] {kurawal} | pipa tidak dipakai di sini tetapi panjang sekali",
    ]
    answers = {
        **GOOD_ISSUE,
        "langkah": "\n".join(t.replace("|", "/") for t in tricky),
        "pelajaran": "<script>alert(1)</script> tetap teks biasa",
    }
    before = records(project)
    result = replika(project, "from-issue", stdin=render_issue(answers))
    assert result.returncode == 0, result.stderr
    path = created(project, before)
    data = read_record(path)
    expected = [re.sub(r"^\s*(?:[-*+]\s+)", "", t.replace("|", "/")) for t in tricky]
    assert data["langkah"] == expected
    assert data["pelajaran"] == ["<script>alert(1)</script> tetap teks biasa"]
    assert replika(project, "validate", f"practices/{path.name}").returncode == 0


def test_from_issue_needs_status_date_and_reason_for_a_stopped_practice(project: Path) -> None:
    stopped = {**GOOD_ISSUE, "status": vocab.PRACTICE_STATUSES["berhenti"], "status_per": ""}
    before = records(project)
    result = replika(project, "from-issue", stdin=render_issue(stopped))
    assert result.returncode == 1
    assert f"«{form_label('status_per')}»: wajib diisi" in result.stderr
    assert f"«{form_label('status_keterangan')}»: wajib diisi" in result.stderr
    assert "Traceback" not in result.stderr
    assert records(project) == before


def test_from_issue_carries_start_status_and_evidence_gaps(project: Path) -> None:
    answers = {
        **GOOD_ISSUE,
        "mulai": "2019-03",
        "status": vocab.PRACTICE_STATUSES["tersendat"],
        "status_per": "2021-06",
        "status_keterangan": "Aplikasi tidak diperbarui sejak pengelolanya pindah.",
        "celah_bukti": "Jumlah nasabah sesudah 2020 tidak ditemukan.",
    }
    before = records(project)
    result = replika(project, "from-issue", "-", stdin=render_issue(answers))
    assert result.returncode == 0, result.stderr
    data = read_record(created(project, before))
    assert str(data["mulai"]) == "2019-03"
    assert data["status"] == "tersendat" and str(data["status_per"]) == "2021-06"
    assert data["status_keterangan"] == answers["status_keterangan"]
    assert data["celah_bukti"] == [answers["celah_bukti"]]


def test_from_issue_reads_contacts_and_implementation_time(project: Path) -> None:
    answers = {
        **GOOD_ISSUE,
        "kontak": "- DLH Kota Balikpapan | https://balikpapan.go.id/dlh | (0542) 123456 | 1",
        "lama_penerapan": "Sekitar tiga bulan dari keputusan sampai aplikasi dipakai | 1",
    }
    before = records(project)
    result = replika(project, "from-issue", "-", stdin=render_issue(answers))
    assert result.returncode == 0, result.stderr
    data = read_record(created(project, before))
    code = data["sumber"][0]["kode"]
    assert data["kontak"] == [
        {
            "unit": "DLH Kota Balikpapan",
            "situs": "https://balikpapan.go.id/dlh",
            "telepon": "(0542) 123456",
            "sumber": code,
        }
    ]
    assert data["lama_penerapan"] == {
        "keterangan": "Sekitar tiga bulan dari keputusan sampai aplikasi dipakai",
        "sumber": code,
    }


def test_from_issue_contact_needs_its_source_number(project: Path) -> None:
    answers = {**GOOD_ISSUE, "kontak": "DLH Kota Balikpapan | https://balikpapan.go.id/dlh"}
    result = replika(project, "from-issue", stdin=render_issue(answers))
    assert result.returncode == 1
    assert f"«{form_label('kontak')}»: baris 1" in result.stderr
    assert "Traceback" not in result.stderr
