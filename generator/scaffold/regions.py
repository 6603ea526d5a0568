"""The cities and regencies of ``practices/_wilayah.yaml``, as ``new`` and ``from-issue`` ask for them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from generator.errors import UnusableContent
from generator.project import Project
from generator.regionnames import bare_key, close_regions, region_key
from generator.slug import slugify
from generator.stages.checked import RegionRegistry
from generator.stages.load import load_file


@dataclass(frozen=True)
class Place:
    name: str
    province: str


def read_regions(project: Project) -> list[Place]:
    """Cities in ``practices/_wilayah.yaml`` (read fresh every time: it may be edited meanwhile)."""
    loaded = load_file(project.regions_file, project.display(project.regions_file))
    if loaded.data is None:
        first = loaded.problems[0].as_text() if loaded.problems else "berkas tidak terbaca"
        raise UnusableContent(f"daftar daerah tidak bisa dibaca: {first}")
    try:
        registry = RegionRegistry.model_validate(loaded.data)
    except ValidationError:  # the details are `replika validate`'s job
        raise UnusableContent(
            "daftar daerah `practices/_wilayah.yaml` tidak valid; jalankan "
            "`replika validate` untuk rinciannya"
        ) from None
    return [Place(r.name, r.province) for r in registry.regions]


def region_slug(region: str) -> str:
    """``Kota Kendari`` -> ``kendari``; ``Kabupaten Bandung`` -> ``kab-bandung``; ``""`` -> ``""``."""
    slug = slugify(region, empty="")
    if slug.startswith("kota-"):
        return slug.removeprefix("kota-")
    if slug.startswith("kabupaten-"):
        return "kab-" + slug.removeprefix("kabupaten-")
    return slug


def find_region(answer: str, places: Sequence[Place]) -> Place | None:
    """The city meant by ``answer``: exact, case-insensitive, or unique without ``Kota``/``Kabupaten``."""
    wanted = region_key(answer)
    for place in places:
        if region_key(place.name) == wanted:
            return place
    bare = [p for p in places if bare_key(p.name) == wanted]
    return bare[0] if len(bare) == 1 else None


def unknown_region_message(answer: str, places: Sequence[Place], *, suggest: bool = True) -> str:
    """Why ``answer`` is not a known city; ``suggest=False`` when a did-you-mean was already shown."""
    names = [p.name for p in places]
    bare = [p.name for p in places if bare_key(p.name) == region_key(answer)]
    if len(bare) > 1:
        return f"`{answer}` bisa berarti {' atau '.join(f'`{n}`' for n in bare)}; tulis lengkap."
    close = close_regions(answer, names) if suggest else []
    text = f"daerah `{answer}` tidak ada di daftar kota/kabupaten (`practices/_wilayah.yaml`)."
    if close:
        text += f" Maksud Anda `{close[0]}`?"
    if len(close) > 1:
        text += " Nama lain yang mirip: " + ", ".join(f"`{c}`" for c in close[1:]) + "."
    return (
        text + " Daftar itu memuat semua 514 kota dan kabupaten dengan nama resminya, "
        "diawali `Kota` atau `Kabupaten`."
    )
