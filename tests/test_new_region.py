"""`replika new` accepts any regency or city of Indonesia, from flags and interactively."""

from __future__ import annotations

from pathlib import Path

from generator import vocab
from tests.test_scaffold import created, project, read_record, records, replika

__all__ = ["project"]  # the fixture, re-used


def test_new_from_flags_for_a_regency_without_practices(project: Path) -> None:
    before = records(project)
    result = replika(
        project,
        "new",
        "--no-input",
        "--judul",
        "Pengelolaan Lumpur Tinja Terjadwal di Pegunungan Arfak",
        "--daerah",
        "kab. pegunungan arfak",  # abbreviation and any case
        "--sektor",
        "air-limbah-domestik",
        "--jenis",
        "operasional-layanan",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = read_record(created(project, before))
    assert data["asal"] == {"daerah": "Kabupaten Pegunungan Arfak", "provinsi": "Papua Barat"}


def test_new_from_flags_suggests_the_closest_names(project: Path) -> None:
    result = replika(
        project,
        "new",
        "--no-input",
        "--judul",
        "Bank Sampah Sekolah",
        "--daerah",
        "Kabupaten Pangkajene Kepulauan",
        "--sektor",
        "persampahan",
        "--jenis",
        "kemitraan",
    )
    assert result.returncode == 2
    assert "Maksud Anda `Kabupaten Pangkajene dan Kepulauan`?" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_interactively_lists_every_regency_of_the_province(project: Path) -> None:
    province = "Papua Selatan"
    answers = [
        "Kampung Sanitasi Total di Asmat",  # judul
        province,  # provinsi by name
        "Kabupaten Asmt",  # a slip: asked again with a suggestion
        "Kabupaten Asmat",
        "1",  # sektor
        "1",  # jenis
        "",  # tingkat bukti: later
        "",  # status: later
        "",  # id: the suggestion
    ]
    before = records(project)
    result = replika(project, "new", "--interaktif", stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    for regency in ("Kabupaten Merauke", "Kabupaten Boven Digoel", "Kabupaten Mappi"):
        assert regency in result.stdout
    assert "Maksud Anda `Kabupaten Asmat`?" in result.stdout
    data = read_record(created(project, before))
    assert data["asal"] == {"daerah": "Kabupaten Asmat", "provinsi": province}
    assert data["sektor"] == next(iter(vocab.SECTORS))


def test_new_help_is_indonesian_with_allowed_values(project: Path) -> None:
    result = replika(project, "new", "--help")
    out = result.stdout
    assert result.returncode == 0
    assert out.startswith("penggunaan: replika new")
    assert "opsi:" in out and "contoh:" in out
    assert "show this help" not in out and "usage:" not in out
    for value in (*vocab.SECTORS, *vocab.PRACTICE_TYPES):
        assert value in out
    assert "Papua Pegunungan" in out and "Kepulauan Bangka Belitung" in out


def test_usage_errors_are_indonesian(project: Path) -> None:
    for args in (["--bogus"], ["validate", "--format", "xml"], ["nope"], ["new", "--jenis"]):
        result = replika(project, *args)
        assert result.returncode == 2, args
        err = result.stderr
        assert err.startswith("penggunaan: replika"), err
        assert "argumen salah" in err and "--help" in err
        for english in ("usage:", "invalid choice", "unrecognized", "expected one argument"):
            assert english not in err, (args, err)


def test_every_subcommand_help_is_indonesian(project: Path) -> None:
    result = replika(project, "--help")
    assert result.returncode == 0 and result.stdout.startswith("penggunaan: replika")
    for command in ("validate", "schema", "new", "from-issue", "build", "serve", "pdf", "export"):
        assert command in result.stdout
        sub = replika(project, command, "--help")
        assert sub.returncode == 0
        assert sub.stdout.startswith(f"penggunaan: replika {command}")
        assert "contoh:" in sub.stdout and "opsi:" in sub.stdout
        assert "show this help message" not in sub.stdout
