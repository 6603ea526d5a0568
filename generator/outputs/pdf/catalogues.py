"""The catalogues: the whole catalogue, one per sector, one per province.

Why chunks (issue #16): Typst holds a whole document in memory (≈1.6 MB per
page), so a catalogue is made in two steps:

1. the body, every practice in full, is compiled in chunks of
   :data:`CHUNK_PRACTICES` practices without page furniture (``isi.typ``,
   :func:`body_chunk`); each chunk reports where each practice and section
   landed;
2. each catalogue (``katalog.typ``, :func:`frame_catalogue`) places those
   pages as page backgrounds (a PDF page as an image, fonts shared) and adds
   cover, contents, running headers, "Halaman N dari M", bookmarks and
   indexes. A practice's pages are laid out once and reused by the whole
   catalogue and by its sector and province catalogues.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.fsutil import atomic_write
from generator.outputs.pdf.cache import copy_file
from generator.outputs.pdf.typeset import compile_pdf, forget, page_count, query_marks
from generator.present import format_date, plain
from generator.schema import Practice
from generator.slug import slugify
from generator.stages.model import Catalogue
from generator.vocab import SECTORS, label

CATALOGUE_NAME = "katalog-replika.pdf"
CATALOGUES_DIR = "katalog"
PROVINCE_FROM = 5
"""A province gets its own catalogue from this many practices on."""
CHUNK_PRACTICES = 40
"""Practices per body chunk: bounds the memory of one Typst compilation (~150 pages)."""


@dataclass(frozen=True)
class Spec:
    """One catalogue to publish: its practices (catalogue order) and its cover."""

    name: str
    title: str
    subtitle: str
    ids: tuple[str, ...]
    group_by: str  # "sector" or "province": headings in its contents


def catalogue_order(practices: Iterable[Practice]) -> list[Practice]:
    """Sector (vocabulary order), then province, then title."""
    sectors = {key: n for n, key in enumerate(SECTORS)}
    return sorted(
        practices,
        key=lambda p: (sectors.get(p.sector, 99), p.origin.province, p.title.lower(), p.id),
    )


def catalogue_specs(ordered: list[Practice]) -> list[Spec]:
    """The whole catalogue, one per sector, one per province with ≥ PROVINCE_FROM practices."""
    specs = [
        Spec(
            CATALOGUE_NAME,
            "Katalog praktik baik sanitasi perkotaan yang dapat direplikasi",
            "Langkah, biaya, instrumen kebijakan, hasil dan replikasi praktik kota dan "
            "kabupaten di Indonesia, untuk dipelajari daerah lain.",
            tuple(p.id for p in ordered),
            "sector",
        )
    ]
    sectors: dict[str, list[str]] = {}
    provinces: dict[str, list[str]] = {}
    for p in ordered:
        sectors.setdefault(p.sector, []).append(p.id)
        provinces.setdefault(p.origin.province, []).append(p.id)
    for sector, ids in sectors.items():
        name = label("sektor", sector)
        specs.append(
            Spec(
                f"{CATALOGUES_DIR}/sektor-{sector}.pdf",
                f"Katalog sektor {name}",
                f"Praktik baik sektor {name.lower()} yang dapat direplikasi, menurut provinsi.",
                tuple(ids),
                "province",
            )
        )
    for province in sorted(provinces):
        ids = provinces[province]
        if len(ids) >= PROVINCE_FROM:
            specs.append(
                Spec(
                    f"{CATALOGUES_DIR}/provinsi-{slugify(province)}.pdf",
                    f"Katalog Provinsi {province}",
                    f"Praktik baik sanitasi dari kota dan kabupaten di Provinsi {province}.",
                    tuple(ids),
                    "sector",
                )
            )
    return specs


@dataclass
class Body:
    """Where a practice's full pages are: chunk file, first page, page count, marks."""

    file: str
    first: int
    count: int
    marks: list[dict[str, Any]]


def body_chunk(root: str, name: str, items: list[str]) -> dict[str, Body]:
    """Worker: compile practices (JSON texts) in full into ``root/name``; where each landed."""
    folder = Path(root)
    pdf = compile_pdf(folder, "isi.typ", '{"practices":[' + ",".join(items) + "]}")
    (folder / name).write_bytes(pdf)
    marks = query_marks(folder, "isi.typ")
    total = page_count(pdf)
    starts = [(m["id"], m["page"]) for m in marks if m["level"] == 1]
    bodies: dict[str, Body] = {}
    for n, (pid, page) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else total + 1
        own = [m for m in marks if page <= m["page"] < end]
        # A mark is kept on its page; the first one (the title) is the level-1 bookmark.
        own = [m for m in own if m["level"] == 2 or m.get("id") == pid]
        bodies[pid] = Body(name, page, end - page, own)
    forget(folder)
    return bodies


def _contents(
    practices: list[Practice], first_page: dict[str, int], group_by: str
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    current: tuple[str, str] | None = None

    def sub_of(p: Practice) -> str:
        return p.origin.province if group_by == "sector" else label("sektor", p.sector)

    # A sector's catalogue has one sector, a province's one province: no subheadings.
    nested = len({sub_of(p) for p in practices}) > 1
    for p in practices:
        group = label("sektor", p.sector) if group_by == "sector" else p.origin.province
        sub = sub_of(p)
        if current is None or current[0] != group:
            items.append({"kind": "grup", "title": group})
        if nested and (current is None or current != (group, sub)):
            items.append({"kind": "subgrup", "title": sub})
        current = (group, sub)
        items.append(_entry(p, first_page))
    return items


def _entry(p: Practice, first_page: dict[str, int], region: bool = True) -> dict[str, Any]:
    return {
        "kind": "entri",
        "title": plain(p.title),
        "region": plain(p.origin.region) if region else "",
        "page": first_page[p.id],
    }


def _indexes(practices: list[Practice], first_page: dict[str, int]) -> list[dict[str, Any]]:
    by_sector: list[dict[str, Any]] = []
    for sector in SECTORS:
        group = sorted((p for p in practices if p.sector == sector), key=lambda p: p.title.lower())
        if group:
            by_sector.append({"kind": "grup", "title": label("sektor", sector)})
            by_sector += [_entry(p, first_page) for p in group]
    by_province: list[dict[str, Any]] = []
    for province in sorted({p.origin.province for p in practices}):
        by_province.append({"kind": "grup", "title": province})
        group = [p for p in practices if p.origin.province == province]
        for region in sorted({p.origin.region for p in group}):
            by_province.append({"kind": "subgrup", "title": region})
            by_province += [
                _entry(p, first_page, region=False)
                for p in sorted(group, key=lambda p: p.title.lower())
                if p.origin.region == region
            ]
    by_city: list[dict[str, Any]] = []
    for region in sorted({p.origin.region for p in practices}, key=_city_key):
        by_city.append({"kind": "subgrup", "title": region})
        by_city += [
            _entry(p, first_page, region=False)
            for p in sorted(practices, key=lambda p: p.title.lower())
            if p.origin.region == region
        ]
    return [
        {"key": "indeks-sektor", "title": "Indeks menurut sektor", "items": by_sector},
        {"key": "indeks-provinsi", "title": "Indeks menurut provinsi", "items": by_province},
        {"key": "indeks-daerah", "title": "Indeks menurut kota dan kabupaten", "items": by_city},
    ]


def _city_key(region: str) -> tuple[str, str]:
    """``Kota Kendari`` sorts under K for Kendari (the name without Kota/Kabupaten)."""
    name = re.sub(r"^(Kota|Kabupaten|Kab\.)\s+", "", region)
    return (name.lower(), region)


ALL_SECTIONS_UP_TO = 500
"""Catalogues up to this many practices bookmark every section of a practice; larger
ones bookmark the practices only (a bookmark costs Typst ~20 kB until the PDF is
written: 65,000 section bookmarks at 5,000 practices would be 1.3 GB)."""


def frame_data(
    spec: Spec, catalogue: Catalogue, bodies: dict[str, Body], base: str | None
) -> dict[str, Any]:
    """The data of ``katalog.typ`` for one catalogue.

    Every bookmark costs Typst memory until the PDF is written; large
    catalogues bookmark each practice, not its sections.
    """
    by_id = catalogue.by_id
    practices = [by_id[pid] for pid in spec.ids]
    all_sections = len(practices) <= ALL_SECTIONS_UP_TO
    sections = (
        {m["title"] for p in practices for m in bodies[p.id].marks} if all_sections else set()
    )
    pages: list[dict[str, Any]] = []
    first_page: dict[str, int] = {}
    for p in practices:
        body = bodies[p.id]
        first_page[p.id] = len(pages) + 1
        for k in range(body.count):
            page = body.first + k
            pages.append(
                {
                    "file": body.file,
                    "page": page,
                    "header": plain(p.title),
                    "marks": [
                        {"level": m["level"], "title": m["title"], "y": m["y"]}
                        for m in body.marks
                        if m["page"] == page and (m["level"] == 1 or m["title"] in sections)
                    ],
                }
            )
    subset = catalogue_subset(catalogue, practices)
    counts = subset.counts()
    return {
        "title": spec.title,
        "subtitle": spec.subtitle,
        "description": f"{spec.title}: {len(practices)} praktik, data per "
        f"{format_date(data_date(subset))}.",
        "keywords": ["sanitasi", "praktik baik", "replikasi", "pemerintah daerah", "Indonesia"],
        "facts": [
            ["Jumlah praktik", str(len(practices))],
            ["Daerah terlibat", str(counts["daerah"])],
            ["Perjalanan belajar", str(counts["replikasi"])],
            ["Data per", format_date(data_date(subset))],
        ],
        "url": base,
        "contents": _contents(practices, first_page, spec.group_by),
        "pages": pages,
        "indexes": _indexes(practices, first_page),
    }


def catalogue_subset(catalogue: Catalogue, practices: list[Practice]) -> Catalogue:
    return replace(catalogue, practices=practices)


def frame_catalogue(root: str, data: str, entries: int, entry: str, target: str) -> tuple[int, int]:
    """Worker: compile one catalogue, cache and write it; (pages, bytes).

    Three compilations keep Typst's memory to about one part at a time:
    cover and contents alone, to learn how many pages come before the
    practices (page numbers are written out, not computed by Typst); the
    indexes alone, without page furniture; then the catalogue, which places
    the practice and index pages like images and adds the furniture.
    """
    folder = Path(root)
    offset = 2 + entries // 45  # a guess, then measured
    for _attempt in range(4):
        before = page_count(
            compile_pdf(folder, "katalog.typ", data, bagian="ukur", awal=str(offset))
        )
        if before == offset:
            break
        offset = before
    forget(folder)
    index_file = f"indeks-{Path(entry).stem}.pdf"
    index_pdf = compile_pdf(folder, "katalog.typ", data, bagian="indeks", awal=str(offset))
    (folder / index_file).write_bytes(index_pdf)
    starts = {m["page"]: m["title"] for m in query_marks(folder, "katalog.typ", "<tanda-indeks>")}
    pages = []
    title = ""
    for page in range(1, page_count(index_pdf) + 1):
        title = starts.get(page, title)
        marks = [{"level": 1, "title": title}] if page in starts else []
        pages.append({"page": page, "header": title, "marks": marks})
    del index_pdf
    forget(folder)
    index = json.dumps({"file": index_file, "pages": pages}, ensure_ascii=False)
    pdf = compile_pdf(folder, "katalog.typ", data, awal=str(offset), indeks=index)
    forget(folder)
    atomic_write(Path(entry), pdf)
    copy_file(Path(entry), Path(target))
    return page_count(pdf), len(pdf)


def data_date(catalogue: Catalogue) -> str:
    """The catalogue's data date: when its newest record last changed."""
    dates = [catalogue.last_changed.get(p.id, p.checked) for p in catalogue.practices]
    return max(dates) if dates else ""


def plan_catalogues(
    catalogue: Catalogue,
    specs: list[Spec],
    bodies_json: dict[str, str],
    templates: str,
    cache_dir: Path,
    out_dir: Path,
) -> list[tuple[Spec, Path, Path]]:
    """``(spec, cache entry, output file)`` of each catalogue.

    The cache key covers the templates, the catalogue's cover and contents, the
    data of every practice in it and its data date.
    """
    jobs: list[tuple[Spec, Path, Path]] = []
    for spec in specs:
        digest = hashlib.sha256(f"{templates}\0{spec}\0".encode())
        for pid in spec.ids:
            digest.update(bodies_json[pid].encode())
        members = [catalogue.by_id[i] for i in spec.ids]
        digest.update(data_date(catalogue_subset(catalogue, members)).encode())
        entry = cache_dir / f"katalog-{digest.hexdigest()[:32]}.pdf"
        jobs.append((spec, entry, out_dir / spec.name))
    return jobs
