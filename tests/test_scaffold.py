"""`replika new`, driven through the real entry point (`from-issue`: test_from_issue.py).

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
from site_support import load_yaml, run_main

from generator import vocab
from generator.problems import human_field
from generator.schema import ID_PATTERN, Practice

ROOT = Path(__file__).resolve().parents[1]


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
    return load_yaml(path.read_text(encoding="utf-8"))


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
    # Started in the background (`pytest &`), a shell makes its children ignore SIGINT,
    # and an ignored SIGINT is inherited; Python then installs no Ctrl-C handler at all.
    # A terminal's Ctrl-C is what is tested: so the wizard starts with the default.
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "new", "--interaktif"],
            cwd=project,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    assert proc.stdout is not None and proc.stdin is not None
    prompt = ""
    deadline = time.monotonic() + 30
    while "Judul praktik" not in prompt and time.monotonic() < deadline:
        prompt += proc.stdout.read(1)
    # Ctrl-C with the input still open, as at a terminal. Sent right after the prompt,
    # it can land before the wizard's read of its (piped) input has begun; Python then
    # only acts on it once the read returns. A person would press it again: so here.
    for _ in range(60):
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            continue
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "dibatalkan" in err
    assert "Traceback" not in err + out
    assert records(project) == before


# ----------------------------------------------------------------------------- template


def _aliases(model: type) -> dict[str, type | None]:
    from generator.stages.validate.schema_errors import nested_model

    return {
        info.alias: nested_model(info.annotation)
        for info in model.model_fields.values()
        if info.alias
    }


def test_template_documents_every_field() -> None:
    """Every field of the schema, nested ones included, appears in the template."""
    text = (ROOT / "practices" / "_templat.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/skema/praktik.schema.json\n")
    data = load_yaml(text)
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


def test_id_length_limit_is_the_schema_constant() -> None:
    from generator.scaffold.fields import check_id
    from generator.schema import ID_MAX_CHARS

    assert ID_MAX_CHARS == 80
    assert check_id("a" * ID_MAX_CHARS) is None
    assert check_id("a" * (ID_MAX_CHARS + 1)) == (
        f"id `{'a' * 81}` terlalu panjang (maksimal 80 karakter)"
    )


def test_new_refuses_an_id_over_the_limit(project: Path) -> None:
    before = records(project)
    result = replika(project, "new", "--no-input", *NEW_FLAGS, "--id", "a" * 81)
    assert result.returncode == 2, result.stderr
    assert "terlalu panjang (maksimal 80 karakter)" in result.stderr
    assert records(project) == before
