"""Open data read back as a user would: JSON and CSV against the YAML records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from site_support import load_yaml

DATE_KEYS = {"tanggal", "mulai", "selesai", "tindak_lanjut", "diperiksa", "status_per"}


def replika(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``replika ARGS`` in ``project``, through ``generator.cli.main`` in this process."""
    from site_support import run_main

    return run_main(project, *args)


def plain(value: Any, key: str = "") -> Any:
    """A YAML value as JSON writes it: dates as text (``2016`` → ``"2016"``), text stripped."""
    if isinstance(value, dict):
        return {k: plain(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, key) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if key in DATE_KEYS and isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


def yaml_records(project: Path) -> dict[str, dict[str, Any]]:
    records = {}
    for path in sorted((project / "practices").glob("*.yaml")):
        if not path.name.startswith("_"):
            data = load_yaml(path.read_text(encoding="utf-8"))
            records[data["id"]] = plain(data)
    return records


def same(exported: Any, written: Any, where: str) -> None:
    """``exported`` (JSON) holds exactly ``written`` (YAML); keys left out are null or []."""
    if isinstance(written, dict):
        assert isinstance(exported, dict), where
        for key, value in written.items():
            same(exported[key], value, f"{where}.{key}")
        for key in set(exported) - set(written):
            assert exported[key] in (None, []), f"{where}.{key}"
    elif isinstance(written, list):
        assert isinstance(exported, list) and len(exported) == len(written), where
        for n, (a, b) in enumerate(zip(exported, written, strict=True)):
            same(a, b, f"{where}[{n}]")
    else:
        assert exported == written and type(exported) is type(written), where


def published_schema(project: Path, name: str) -> jsonschema.protocols.Validator:
    """A validator of the built site's ``skema/<name>.schema.json``, the schema checked once
    (``jsonschema.validate`` checks the schema again on every call)."""
    path = project / "site" / "skema" / f"{name}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


@pytest.fixture(scope="module")
def exported(site_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The open data of the bundled records, written by `replika export` (no PDF build needed)."""
    folder = tmp_path_factory.mktemp("data")
    result = replika(site_build, "export", "--keluaran", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def records(site_build: Path) -> dict[str, dict[str, Any]]:
    return yaml_records(site_build)


def test_json_holds_every_record_with_its_own_keys(
    site_build: Path, records: dict, exported: Path
) -> None:
    items = json.loads((exported / "practices.json").read_text("utf-8"))
    assert isinstance(items, list)
    assert [item["id"] for item in items] == sorted(records)
    schema = published_schema(site_build, "praktik")
    for item in items:
        record = records[item["id"]]
        assert item["title"] == record["judul"]
        own = {k: v for k, v in item.items() if k not in ("title", "pembelajaran")}
        same(own, record, item["id"])
        # Without the convenience keys, each object is a valid record (published schema).
        schema.validate(own)


def test_journeys_json_holds_every_journey_once(site_build: Path, exported: Path) -> None:
    """journeys.json: every file of practices/pembelajaran/ once, valid against its schema;
    practices.json names the journeys that learned each practice."""
    folder = site_build / "practices" / "pembelajaran"
    written = {}
    for path in sorted(folder.glob("*.yaml")):
        data = plain(load_yaml(path.read_text(encoding="utf-8")))
        for session in data.get("sesi", []):
            session.setdefault("jumlah", 1)  # the one default that is not null or []
        written[data["id"]] = data
    assert "kendari-blitar-2020" in written
    items = json.loads((exported / "journeys.json").read_text("utf-8"))
    assert [item["id"] for item in items] == sorted(written)
    schema = published_schema(site_build, "pembelajaran")
    for item in items:
        assert item["title"] == written[item["id"]]["judul"]
        own = {k: v for k, v in item.items() if k != "title"}
        same(own, written[item["id"]], item["id"])
        schema.validate(own)
    practices = json.loads((exported / "practices.json").read_text("utf-8"))
    learned = {p["id"]: p["pembelajaran"] for p in practices}
    for item in items:
        for pid in item["praktik"]:
            assert item["id"] in learned[pid]
    assert learned["l2t2-kendari"] == ["kendari-blitar-2020"]
    rows = list(csv.DictReader(io.StringIO((exported / "journeys.csv").read_text("utf-8"))))
    kendari = next(r for r in rows if r["id"] == "kendari-blitar-2020")
    assert (kendari["sesi_terlaksana"], kendari["sesi_tercatat"]) == ("1", "6")
    assert kendari["status"] == "tidak-diketahui"


def test_csv_has_one_row_per_record(site_build: Path, records: dict, exported: Path) -> None:
    text = (exported / "practices.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    learned: dict[str, int] = {}
    for path in (site_build / "practices" / "pembelajaran").glob("*.yaml"):
        for pid in load_yaml(path.read_text(encoding="utf-8"))["praktik"]:
            learned[pid] = learned.get(pid, 0) + 1
    assert [row["id"] for row in rows] == sorted(records)
    for row in rows:
        record = records[row["id"]]
        assert row["judul"] == " ".join(record["judul"].split())
        assert row["daerah"] == record["asal"]["daerah"]
        assert row["provinsi"] == record["asal"]["provinsi"]
        assert row["sektor"] == record["sektor"]
        assert row["jenis"] == "; ".join(record["jenis"])
        # The practice's own start (`mulai`), else its first milestone (issue 15).
        first = min(int(m["tanggal"][:4]) for m in record["linimasa"])
        assert row["tahun_mulai"] == str(record["mulai"])[:4] if record.get("mulai") else str(first)
        assert int(row["jumlah_sumber"]) == len(record["sumber"])
        assert int(row["jumlah_hasil"]) == len(record.get("hasil", []))
        assert int(row["jumlah_replikasi"]) == learned.get(row["id"], 0)
        assert row["sumber_url"].split("; ") == [s["url"] for s in record["sumber"]]
        assert row["tag"] == "; ".join(record.get("tag", []))
        assert len(row["langkah"].split("; ")) >= len(record["langkah"])


def test_same_records_give_byte_identical_files(
    site_build: Path, tmp_path: Path, exported: Path
) -> None:
    # A second copy whose record files are written in reverse order (other
    # mtimes and directory order), exported at another time to another place.
    other = tmp_path / "lain"
    shutil.copytree(site_build, other, ignore=shutil.ignore_patterns("site", ".cache", "practices"))
    (other / "practices").mkdir()
    for path in sorted((site_build / "practices").iterdir(), reverse=True):
        if path.is_dir():
            shutil.copytree(path, other / "practices" / path.name)
        else:
            shutil.copy(path, other / "practices" / path.name)
    result = replika(other, "export", "--keluaran", str(tmp_path / "keluar"))
    assert result.returncode == 0, result.stderr
    for name in ("practices.json", "practices.csv", "journeys.json", "journeys.csv"):
        published = (exported / name).read_bytes()
        assert (tmp_path / "keluar" / name).read_bytes() == published, name


def test_export_one_format(site_build: Path, tmp_path: Path) -> None:
    result = replika(site_build, "export", "--format", "csv", "--keluaran", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journeys.csv", "practices.csv"]


def test_export_does_not_overwrite_a_foreign_file(site_build: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "practices.json"
    foreign.write_text('{"punya": "orang lain"}\n', encoding="utf-8")
    result = replika(site_build, "export", "--keluaran", str(tmp_path))
    assert result.returncode == 2
    assert "tidak ditimpa" in result.stderr
    assert "Traceback" not in result.stderr
    assert foreign.read_text(encoding="utf-8") == '{"punya": "orang lain"}\n'
    assert not (tmp_path / "practices.csv").exists()


def test_open_data_page_links_files_licence_and_reference(full_build: Path, exported: Path) -> None:
    page = full_build / "site" / "data-terbuka" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "CC BY 4.0" in html
    for link in ("../data/practices.json", "../data/practices.csv"):
        assert f'href="{link}"' in html
        assert (page.parent / link).resolve().is_file()
    assert 'href="../skema/praktik.schema.json"' in html
    assert (full_build / "site" / "skema" / "praktik.schema.json").is_file()
    assert 'href="../kontribusi/referensi-kolom/"' in html
    # what the full build publishes is what `replika export` writes
    for name in ("practices.json", "practices.csv", "journeys.json", "journeys.csv"):
        published = (full_build / "site" / "data" / name).read_bytes()
        assert published == (exported / name).read_bytes(), name


def test_csv_has_the_new_fields_of_each_record(site_build: Path, exported: Path) -> None:
    """Start, status date and note, contacts, signatories and evidence gaps reach the CSV."""
    rows = {
        row["id"]: row
        for row in csv.DictReader(io.StringIO((exported / "practices.csv").read_text("utf-8")))
    }
    records = yaml_records(site_build)
    assert rows.keys() == records.keys()
    for pid, record in records.items():
        row = rows[pid]
        assert row["mulai"] == str(record.get("mulai") or ""), pid
        assert row["status_per"] == str(record.get("status_per") or ""), pid
        assert row["status_keterangan"] == " ".join(
            str(record.get("status_keterangan") or "").split()
        ), pid
        gaps = [" ".join(g.split()) for g in record.get("celah_bukti", [])]
        assert row["celah_bukti"] == "; ".join(gaps), pid
        assert row["jumlah_kontak"] == str(len(record.get("kontak", []))), pid
        units = [" ".join(c["unit"].split()) for c in record.get("kontak", [])]
        assert row["kontak"] == "; ".join(units), pid
        signers = [
            i["penanda_tangan"] for i in record.get("instrumen", []) if "penanda_tangan" in i
        ]
        assert row["instrumen_penanda_tangan"] == "; ".join(signers), pid
        time = record.get("lama_penerapan")
        assert row["lama_penerapan"] == (" ".join(time["keterangan"].split()) if time else ""), pid
    assert any(row["celah_bukti"] for row in rows.values())
    assert any(row["kontak"] for row in rows.values())
