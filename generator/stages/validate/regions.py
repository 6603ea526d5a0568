"""The region registry ``practices/_wilayah.yaml`` and the checks of region names against it."""

from __future__ import annotations

from pydantic import ValidationError

from generator.problems import Problem, suggestion
from generator.project import Project
from generator.regionnames import close_regions
from generator.rules import Rule
from generator.slug import slugify
from generator.stages.checked import Checked, Region, RegionRegistry
from generator.stages.load import LoadedFile, load_file
from generator.stages.load.positions import FieldPath
from generator.stages.validate.schema_errors import schema_problems
from generator.vocab import PROVINCES


def load_regions(project: Project, problems: list[Problem]) -> dict[str, Region]:
    path = project.regions_file
    if not path.exists():
        problems.append(
            Problem(
                project.display(path),
                0,
                0,
                Rule.REGIONS_MISSING,
                "daftar daerah `practices/_wilayah.yaml` tidak ada",
            )
        )
        return {}
    loaded = load_file(path, project.display(path))
    problems.extend(loaded.problems)
    if loaded.data is None:
        return {}
    try:
        registry = RegionRegistry.model_validate(loaded.data)
    except ValidationError as err:
        problems.extend(schema_problems(err, loaded, RegionRegistry))
        return {}
    for i, province in enumerate(registry.provinces):
        if province.name not in PROVINCES:
            problems.append(
                loaded.problem(
                    ("provinsi", i, "nama"),
                    Rule.UNKNOWN_PROVINCE,
                    f"provinsi `{province.name}` tidak dikenal",
                    suggestion(province.name, PROVINCES),
                )
            )
    regions: dict[str, Region] = {}
    by_slug: dict[str, str] = {}
    for i, region in enumerate(registry.regions):
        slug = slugify(region.name)
        if by_slug.get(slug, region.name) != region.name:
            problems.append(
                loaded.problem(
                    ("daerah", i, "nama"),
                    Rule.DUPLICATE_REGION,
                    f"daerah `{region.name}` dan `{by_slug[slug]}` akan berbagi satu halaman "
                    f"(`katalog/daerah/{slug}/`)",
                    "Nama daerah hanya boleh berbeda dalam huruf, bukan hanya dalam huruf besar/"
                    "kecil, tanda baca atau spasi; hapus atau perbaiki salah satunya.",
                )
            )
        by_slug.setdefault(slug, region.name)
        if region.province not in PROVINCES:
            problems.append(
                loaded.problem(
                    ("daerah", i, "provinsi"),
                    Rule.UNKNOWN_PROVINCE,
                    f"provinsi `{region.province}` tidak dikenal",
                    suggestion(region.province, PROVINCES),
                )
            )
        if region.kind not in ("Kota", "Kabupaten"):
            problems.append(
                loaded.problem(
                    ("daerah", i, "nama"),
                    Rule.REGION_NAME,
                    f"nama daerah `{region.name}` harus diawali `Kota` atau `Kabupaten`",
                )
            )
        if region.name in regions:
            problems.append(
                loaded.problem(
                    ("daerah", i, "nama"),
                    Rule.DUPLICATE_REGION,
                    f"daerah `{region.name}` tercatat dua kali",
                )
            )
        regions[region.name] = region
    return regions


def check_region(
    name: str,
    province: str | None,
    base: FieldPath,
    loaded: LoadedFile,
    checked: Checked,
    key: str = "daerah",
) -> list[Problem]:
    if not checked.regions:
        return []  # the registry itself is broken; that is reported once
    region = checked.regions.get(name)
    if region is None:
        close = close_regions(name, list(checked.regions))
        hint = f"Maksud Anda `{close[0]}`?" if close else ""
        if len(close) > 1:
            hint += " Nama lain yang mirip: " + ", ".join(f"`{c}`" for c in close[1:]) + "."
        hint += (
            " Tulis nama resmi kota/kabupaten persis seperti di `practices/_wilayah.yaml`"
            " (diawali `Kota` atau `Kabupaten`)."
        )
        hint = hint.strip()
        return [
            loaded.problem(
                (*base, key),
                Rule.UNKNOWN_REGION,
                f"daerah `{name}` tidak ada di daftar daerah",
                hint,
            )
        ]
    if province is not None and province in PROVINCES and region.province != province:
        return [
            loaded.problem(
                (*base, "provinsi"),
                Rule.PROVINCE_MISMATCH,
                f"`{name}` ada di provinsi {region.province}, bukan {province}",
                f"Ganti `provinsi` menjadi `{region.province}`.",
            )
        ]
    return []
