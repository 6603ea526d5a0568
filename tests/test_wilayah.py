"""The region registry: every province and regency/city, refreshed from open data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.stages.load import load_file
from generator.vocab import PROVINCES
from generator.wilayah import refresh
from tests.conftest import ROOT

REGISTRY = ROOT / "practices" / "_wilayah.yaml"


def _registry() -> dict:
    loaded = load_file(REGISTRY)
    assert not loaded.problems and loaded.data is not None
    return loaded.data


def test_registry_lists_38_provinces_and_514_regencies_with_official_codes() -> None:
    data = _registry()
    provinces = {p["kode"]: p["nama"] for p in data["provinsi"]}
    assert len(provinces) == 38 and set(provinces.values()) == set(PROVINCES)
    regions = data["daerah"]
    assert len(regions) == 514
    assert len({r["kode"] for r in regions}) == 514
    assert len({r["nama"] for r in regions}) == 514
    kinds = {r["nama"].split(" ", 1)[0] for r in regions}
    assert kinds == {"Kota", "Kabupaten"}
    for region in regions:
        prefix = region["kode"].split(".")[0]
        assert provinces[prefix] == region["provinsi"], region
    by_name = {r["nama"]: r for r in regions}
    # Spot checks against Kemendagri codes.
    assert by_name["Kota Makassar"]["kode"] == "73.71"
    assert by_name["Kabupaten Pegunungan Arfak"]["provinsi"] == "Papua Barat"
    assert by_name["Kota Administrasi Jakarta Selatan"]["provinsi"] == "DKI Jakarta"
    assert sum(1 for r in regions if r["nama"].startswith("Kota ")) == 98


def test_registry_names_its_source_and_licence() -> None:
    head = REGISTRY.read_text(encoding="utf-8")[:1500]
    assert "idn-area-data" in head and "Open Database License" in head


def _dataset(folder: Path) -> Path:
    data = folder / "package" / "data"
    data.mkdir(parents=True)
    (data / "provinces.csv").write_text(
        "code,name\n34,Daerah Istimewa Yogyakarta\n73,Sulawesi Selatan\n", encoding="utf-8"
    )
    (data / "regencies.csv").write_text(
        "code,province_code,name\n"
        "34.71,34,Kota Yogyakarta\n"
        "73.71,73,Kota Makassar\n"
        "73.10,73,Kabupaten Pangkajene dan Kepulauan\n",
        encoding="utf-8",
    )
    return folder / "package"


def test_refresh_keeps_coordinates_and_is_idempotent(tmp_path: Path) -> None:
    source = _dataset(tmp_path / "src")
    registry = tmp_path / "_wilayah.yaml"
    registry.write_text(
        "daerah:\n"
        "  - {nama: Kota Makassar, provinsi: Sulawesi Selatan, lintang: -5.1477, bujur: 119.4327}\n"
        "  - {nama: Kota Hilang, provinsi: Bali, lintang: -8.1, bujur: 115.1}\n",
        encoding="utf-8",
    )
    text, lost = refresh(registry, source, log=lambda _m: None)
    assert lost == ["kota hilang"]  # reported, never silently dropped
    registry.write_text(text, encoding="utf-8")
    again, lost_again = refresh(registry, source, log=lambda _m: None)
    assert again == text and lost_again == []
    data = load_file(registry).data
    assert data is not None
    assert [p["nama"] for p in data["provinsi"]] == ["DI Yogyakarta", "Sulawesi Selatan"]
    regions = {r["nama"]: r for r in data["daerah"]}
    assert regions["Kota Makassar"] == {
        "kode": "73.71",
        "nama": "Kota Makassar",
        "provinsi": "Sulawesi Selatan",
        "lintang": -5.1477,
        "bujur": 119.4327,
    }
    assert "lintang" not in regions["Kabupaten Pangkajene dan Kepulauan"]
    # Codes stay text: 73.10 is not the number 73.1.
    assert regions["Kabupaten Pangkajene dan Kepulauan"]["kode"] == "73.10"


def test_committed_registry_is_what_the_refresh_writes(tmp_path: Path) -> None:
    """Re-running the refresh on the committed file changes nothing (same dataset)."""
    data = _registry()
    folder = tmp_path / "package" / "data"
    folder.mkdir(parents=True)
    provinces = {p["kode"]: p["nama"] for p in data["provinsi"]}
    full = {
        "DKI Jakarta": "Daerah Khusus Ibukota Jakarta",
        "DI Yogyakarta": "Daerah Istimewa Yogyakarta",
    }
    (folder / "provinces.csv").write_text(
        "code,name\n" + "".join(f"{k},{full.get(v, v)}\n" for k, v in provinces.items()),
        encoding="utf-8",
    )
    (folder / "regencies.csv").write_text(
        "code,province_code,name\n"
        + "".join(f"{r['kode']},{r['kode'][:2]},{r['nama']}\n" for r in data["daerah"]),
        encoding="utf-8",
    )
    text, lost = refresh(REGISTRY, tmp_path / "package", log=lambda _m: None)
    assert lost == []
    assert text == REGISTRY.read_text(encoding="utf-8")


def test_refresh_command_check_mode(tmp_path: Path) -> None:
    source = _dataset(tmp_path / "src")
    project = tmp_path / "proyek"
    (project / "practices").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator.wilayah", "--sumber", str(source), *args],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert run("--check").returncode == 1
    first = run()
    assert first.returncode == 0, first.stderr
    assert run("--check").returncode == 0
    assert "sudah mutakhir" in run().stdout


def test_refresh_recovers_coordinates_from_a_conflicted_merge(tmp_path: Path) -> None:
    """After a merge with conflict markers the refresh still keeps every coordinate."""
    source = _dataset(tmp_path / "src")
    registry = tmp_path / "_wilayah.yaml"
    registry.write_text(
        "daerah:\n"
        "<<<<<<< HEAD\n"
        '  - {kode: "73.71", nama: Kota Makassar, provinsi: Sulawesi Selatan}\n'
        "=======\n"
        "  - {nama: Kota Makassar, provinsi: Sulawesi Selatan, lintang: -5.1477, bujur: 119.4327}\n"
        "  - {nama: Kota Yogyakarta, provinsi: DI Yogyakarta, lintang: -7.7956, bujur: 110.3695}\n"
        ">>>>>>> records-a\n",
        encoding="utf-8",
    )
    text, lost = refresh(registry, source, log=lambda _m: None)
    assert lost == []
    assert "nama: Kota Makassar, provinsi: Sulawesi Selatan, lintang: -5.1477" in text
    assert "nama: Kota Yogyakarta, provinsi: DI Yogyakarta, lintang: -7.7956" in text
