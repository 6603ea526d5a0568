"""`replika new` and `replika from-issue`, driven through the real entry point.

Every test works in a temporary copy of the project, never in the real
`practices/`.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from site_support import run_main

from generator import vocab
from generator.problems import human_field
from generator.schema import ID_PATTERN, Practice

ROOT = Path(__file__).resolve().parents[1]
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "usulan-praktik.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project: config, records, template, registry, schema."""
    root = tmp_path / "proyek"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "practices", root / "practices")
    shutil.copytree(ROOT / "docs" / "skema", root / "docs" / "skema")
    return root


def replika(
    project: Path, *args: str, stdin: str | None = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, via ``generator.cli.main`` in this process; stdin is
    never a terminal (the terminal and Ctrl-C tests start a process of their own)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return run_main(project, *args, env=env, stdin=stdin or "")


def records(project: Path) -> set[str]:
    return {p.name for p in (project / "practices").glob("*.yaml") if not p.name.startswith("_")}


def read_record(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


NEW_FLAGS = (
    "--judul",
    "Bank Sampah Digital dan Aplikasi Setor Sampah",
    "--city",
    "balikpapan",  # without "Kota", any case: resolved through the registry
    "--sektor",
    "persampahan",
    "--type",
    "data-teknologi",
    "--jenis",
    "Partisipasi masyarakat",  # a label works as well as a slug
)


def created(project: Path, before: set[str]) -> Path:
    new = records(project) - before
    assert len(new) == 1, f"expected exactly one new record, got {sorted(new)}"
    return project / "practices" / new.pop()


# ----------------------------------------------------------------------------- new, flags


def test_new_with_flags_writes_a_draft_and_lists_what_to_fill(project: Path) -> None:
    before = records(project)
    result = replika(project, "new", *NEW_FLAGS)
    assert result.returncode == 0, result.stderr
    path = created(project, before)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=../docs/skema/praktik.schema.json"
    )
    data = read_record(path)
    assert re.fullmatch(ID_PATTERN, data["id"]) and data["id"] == path.stem
    assert data["id"].endswith("balikpapan") and data["id"].startswith("bank-sampah")
    assert data["judul"] == "Bank Sampah Digital dan Aplikasi Setor Sampah"
    assert data["asal"] == {"daerah": "Kota Balikpapan", "provinsi": "Kalimantan Timur"}
    assert data["sektor"] == "persampahan"
    assert data["jenis"] == ["data-teknologi", "partisipasi-masyarakat"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data["diperiksa"]))
    # The report names the file, the unfilled required fields and the next steps.
    out = result.stdout
    assert f"practices/{path.name}" in out
    for field in ("ringkasan", "masalah", "linimasa[0].tanggal", "sumber[0].url", "status"):
        # Positions are counted from 1 for people: `linimasa butir ke-1 › tanggal`.
        assert re.search(rf":\d+\s+{re.escape(human_field(field))}(\s|$)", out, re.M), field
    assert "replika validate" in out and "Langkah berikutnya" in out
    # Honest draft: it does not pass validation yet, and every problem sits on an ISI line.
    check = replika(project, "validate", f"practices/{path.name}")
    assert check.returncode == 1
    lines = text.splitlines()
    reported = [int(n) for n in re.findall(rf"{re.escape(path.name)}:(\d+):\d+:", check.stderr)]
    assert reported
    assert all("# ISI" in lines[n - 1] for n in reported)


def fill_placeholders(path: Path, report: str) -> None:
    """Fill every required `# ISI` line the way a contributor would: edit those lines."""
    answers = {
        "ringkasan": "Warga menyetor sampah terpilah ke bank sampah dan mencatat "
        "tabungannya lewat aplikasi: saldo bisa dilihat kapan saja.",
        "masalah": "Pencatatan bank sampah masih manual sehingga warga ragu pada "
        "saldonya dan jumlah nasabah tidak bertambah.",
        "linimasa[0].tanggal": "2021-05",
        "linimasa[0].peristiwa": "Aplikasi bank sampah diluncurkan di tiga kelurahan.",
        "langkah[0]": "Bentuk bank sampah unit di setiap kelurahan.",
        "pelaku[0].nama": "Dinas Lingkungan Hidup Kota Balikpapan",
        "pelaku[0].peran": "Membina bank sampah dan menyediakan aplikasi.",
        "pelajaran[0]": "Pencatatan digital menumbuhkan kepercayaan nasabah.",
        "kesiapan[0]": "Apakah ada pengurus bank sampah yang aktif?",
        "tingkat_bukti": "terdokumentasi",
        "status": "berjalan",
        "status_per": "2021-05",
        "sumber[0].kode": "contoh-2021",
        "sumber[0].judul": '"Bank sampah digital: setor dari rumah"',
        "sumber[0].penerbit": "Pemerintah Kota Balikpapan",
        "sumber[0].url": "https://balikpapan.go.id/berita/bank-sampah-digital",
    }
    lines = path.read_text(encoding="utf-8").splitlines()
    inserts: list[tuple[int, str]] = []
    answers = {human_field(key): value for key, value in answers.items()}
    wanted = re.findall(r":(\d+)  (.+?)(?: — .*)?$", report, re.M)
    assert wanted, report
    for number, field in wanted:
        i = int(number) - 1
        line = lines[i]
        before, _, _ = line.partition("# ISI")
        value = answers[field]  # a KeyError means the template gained a required field
        if before.rstrip().endswith(">-"):
            indent = len(before) - len(before.lstrip()) + 2
            lines[i] = before.rstrip()
            inserts.append((i + 1, " " * indent + value))
        else:
            lines[i] = f"{before.rstrip()} {value}"
    for at, text in sorted(inserts, reverse=True):
        lines.insert(at, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_filled_draft_validates(project: Path) -> None:
    before = records(project)
    result = replika(project, "new", *NEW_FLAGS, "--status", "berjalan")
    assert result.returncode == 0, result.stderr
    path = created(project, before)
    assert read_record(path)["status"] == "berjalan"
    assert not re.search(r":\d+\s+status\b", result.stdout)  # given, so not left to fill
    fill_placeholders(path, result.stdout)
    # Every listed source must be cited: the milestone cites the one source.
    text = path.read_text(encoding="utf-8")
    cited = re.sub(r"(?m)^(    sumber:)\s+# ISI.*$", r"\1 contoh-2021", text, count=1)
    assert cited != text
    path.write_text(cited, encoding="utf-8")
    check = replika(project, "validate", f"practices/{path.name}")
    assert check.returncode == 0, check.stderr
    assert "✓ 1 catatan praktik valid" in check.stdout


def test_new_refuses_to_overwrite(project: Path) -> None:
    target = project / "practices" / "sudah-ada.yaml"
    target.write_text("# milik orang lain\nid: sudah-ada\n", encoding="utf-8")
    stamp = target.stat().st_mtime_ns
    result = replika(project, "new", *NEW_FLAGS, "--id", "sudah-ada")
    assert result.returncode != 0
    assert "sudah ada" in result.stderr and "ditimpa" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "# milik orang lain\nid: sudah-ada\n"
    assert target.stat().st_mtime_ns == stamp


def test_new_refuses_to_overwrite_a_derived_id(project: Path) -> None:
    before = records(project)
    assert replika(project, "new", *NEW_FLAGS).returncode == 0
    path = created(project, before)
    content = path.read_bytes()
    again = replika(project, "new", *NEW_FLAGS)
    assert again.returncode != 0 and "ditimpa" in again.stderr
    assert path.read_bytes() == content
    assert records(project) == before | {path.name}


def test_new_without_terminal_needs_flags(project: Path) -> None:
    before = records(project)
    result = replika(project, "new")
    assert result.returncode == 2
    for flag in ("--judul", "--daerah", "--sektor", "--jenis"):
        assert flag in result.stderr
    assert "Traceback" not in result.stderr
    assert records(project) == before


def test_new_rejects_unknown_values_with_suggestions(project: Path) -> None:
    before = records(project)
    result = replika(
        project,
        "new",
        "--no-input",
        "--judul",
        "Contoh",
        "--daerah",
        "Kota Balikpapn",
        "--sektor",
        "persampahn",
        "--jenis",
        "kelembagaan",
        "--id",
        "Bukan Id",
    )
    assert result.returncode == 2
    assert "Maksud Anda `Kota Balikpapan`?" in result.stderr
    assert "Maksud Anda `persampahan`?" in result.stderr
    assert "_wilayah.yaml" in result.stderr
    assert "id `Bukan Id` tidak sah" in result.stderr
    assert records(project) == before


def test_new_checks_province_against_registry(project: Path) -> None:
    result = replika(
        project,
        "new",
        *NEW_FLAGS,
        "--provinsi",
        "Jawa Barat",
    )
    assert result.returncode == 2
    assert "Kalimantan Timur" in result.stderr


# ----------------------------------------------------------------------------- new, interactive


def test_new_interactive_through_a_pipe(project: Path) -> None:
    province = "Sulawesi Tenggara"
    number = vocab.PROVINCES.index(province) + 1
    sectors = list(vocab.SECTORS)
    types = list(vocab.PRACTICE_TYPES)
    answers = [
        "Layanan Sedot Tinja Terjadwal untuk ASN",  # judul
        "sulawesi tengara",  # typo: did-you-mean, asked again
        str(number),  # provinsi by number
        "kota kendari",  # a city of that province, typed by name (any case)
        "99",  # no such sector number: asked again
        sectors[0],  # sektor by slug
        f"{types.index('operasional-layanan') + 1}, regulasi-kebijakan",  # jenis: number + slug
        "",  # tingkat bukti: later
        "2",  # status by number
        "",  # id: accept the suggestion
    ]
    before = records(project)
    result = replika(project, "new", "--interaktif", stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Maksud Anda `Sulawesi Tenggara`?" in result.stdout
    assert "nomor 99 tidak ada" in result.stdout
    # Choices are offered as numbered lists from the closed vocabularies.
    assert f"{number:>2}. {province}" in result.stdout
    assert "Kota Kendari" in result.stdout  # the registry's city in that province
    path = created(project, before)
    data = read_record(path)
    assert data["judul"] == "Layanan Sedot Tinja Terjadwal untuk ASN"
    assert data["asal"] == {"daerah": "Kota Kendari", "provinsi": province}
    assert data["sektor"] == sectors[0]
    assert data["jenis"] == ["operasional-layanan", "regulasi-kebijakan"]
    assert data["status"] == list(vocab.PRACTICE_STATUSES)[1]
    assert data["tingkat_bukti"] is None  # left as an ISI placeholder
    assert data["id"] == path.stem and path.stem.endswith("kendari")
    assert "Langkah berikutnya" in result.stdout


def test_new_interactive_suggests_once_per_slip(project: Path) -> None:
    """A misspelt city or sector gets one did-you-mean, not one per check."""
    answers = [
        "Bank Sampah Sekolah",  # judul
        "Kota Bandng",  # typo in a city of the province
        "Kota Bandung",
        "persampahn",  # typo in a sector
        "persampahan",
        "kemitraan",
        "",
        "",
        "",
    ]
    result = replika(
        project,
        "new",
        "--interaktif",
        "--provinsi",
        "Jawa Barat",
        stdin="\n".join(answers) + "\n",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Maksud Anda `Kota Bandung`?") == 1
    assert result.stdout.count("Maksud Anda `persampahan`?") == 1
    assert result.stdout.count("Maksud Anda") == 2
    # Every regency of the province is offered, not only those with practices.
    assert "Kabupaten Pangandaran" in result.stdout


def test_new_interactive_on_a_terminal(project: Path) -> None:
    """With a real terminal on stdin, `new` asks without needing --interaktif."""
    pty = pytest.importorskip("pty")
    main_fd, child_fd = pty.openpty()
    answers = ["Bank Sampah Sekolah", "Kota Bandung", "persampahan", "kemitraan", "", "", ""]
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "new", "--provinsi", "Jawa Barat"],
            cwd=project,
            stdin=child_fd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.close(child_fd)
        for answer in answers:
            os.write(main_fd, (answer + "\n").encode())
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(main_fd)
    assert proc.returncode == 0, out + err
    path = project / "practices" / "bank-sampah-sekolah-bandung.yaml"
    data = read_record(path)
    assert data["asal"]["daerah"] == "Kota Bandung"
    assert data["jenis"] == ["kemitraan"]


def test_new_interactive_end_of_input_is_clean(project: Path) -> None:
    before = records(project)
    result = replika(project, "new", "--interaktif", stdin="Judul saja\n")
    assert result.returncode == 2
    assert "masukan berakhir" in result.stderr and "tidak ada berkas" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert records(project) == before


def test_new_ctrl_c_is_clean(project: Path) -> None:
    before = records(project)
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "new", "--interaktif"],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    prompt = ""
    deadline = time.monotonic() + 30
    while "Judul praktik" not in prompt and time.monotonic() < deadline:
        prompt += proc.stdout.read(1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "dibatalkan" in err
    assert "Traceback" not in err + out
    assert records(project) == before


# ----------------------------------------------------------------------------- template


def _aliases(model: type) -> dict[str, type | None]:
    from generator.stages.validate import _nested_model

    return {
        info.alias: _nested_model(info.annotation)
        for info in model.model_fields.values()
        if info.alias
    }


def test_template_documents_every_field() -> None:
    """Every field of the schema, nested ones included, appears in the template."""
    text = (ROOT / "practices" / "_templat.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/skema/praktik.schema.json\n")
    data = yaml.safe_load(text)
    assert list(data) == list(_aliases(Practice)), "template keys must follow the schema order"
    missing = []
    for alias, nested in _aliases(Practice).items():
        if nested is None or alias == "replikasi":  # deprecated: journeys in pembelajaran/
            continue
        for sub in _aliases(nested):
            if not re.search(rf"^[#\s-]*{re.escape(sub)}:", text, re.MULTILINE):
                missing.append(f"{alias}.{sub}")
    assert not missing, f"template does not mention {missing}"
    for values in (vocab.SECTORS, vocab.PRACTICE_TYPES, vocab.EVIDENCE_LEVELS):
        for slug in values:
            assert slug in text, slug


# ----------------------------------------------------------------------------- from-issue


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
