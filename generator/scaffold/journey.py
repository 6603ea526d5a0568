"""``replika new --pembelajaran``: a new learning-journey record from questions or flags.

Like ``replika new`` for practices: asks in Bahasa Indonesia at a terminal
(or with ``--interaktif``), otherwise takes everything from flags; checks the
mentor and mentee against the region registry and the practice ids against
``practices/``; never overwrites a file. The draft is written with the facts
given and ``# ISI`` markers for what only the contributor can fill in from a
source (summary, sessions, status date, sources).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BadRequest, MissingInput
from generator.project import Project
from generator.scaffold.draft import create_new
from generator.scaffold.fields import check_id
from generator.scaffold.prompter import Prompter
from generator.scaffold.regions import (
    Place,
    find_region,
    read_regions,
    region_slug,
    unknown_region_message,
)
from generator.scaffold.yamlwriter import yaml_scalar
from generator.stages.journey import JOURNEY_DIR_NAME, JOURNEY_SCHEMA_URL_FROM_RECORD


@dataclass
class NewJourney:
    mentor: str = ""
    mentee: str = ""
    practices: list[str] | None = None
    record_id: str = ""


def practice_ids(project: Project) -> list[str]:
    return sorted(
        p.stem for p in project.practices_dir.glob("*.yaml") if not p.name.startswith(("_", "."))
    )


def _check_practices(answer: list[str], known: list[str]) -> str | None:
    if not answer:
        return "tulis minimal satu id praktik"
    missing = [pid for pid in answer if pid not in known]
    if missing:
        return (
            f"praktik {', '.join(f'`{m}`' for m in missing)} tidak ada di `practices/`; "
            "tulis nama berkas catatan praktik tanpa `.yaml`"
        )
    return None


def _split_ids(text: str) -> list[str]:
    """``"a, b; c"`` -> ``["a", "b", "c"]``."""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _region(value: str, role: str, places: list[Place], ask: Prompter, interactive: bool) -> str:
    """The registered name of the ``--mentor`` or ``--mentee`` region, asked for when missing."""
    if not value and interactive:
        value = ask.text(
            f"Daerah {role} (kota/kabupaten)",
            check=lambda a: None if find_region(a, places) else unknown_region_message(a, places),
        )
    if not value:
        raise MissingInput(f"--{role} wajib diisi")
    place = find_region(value, places)
    if place is None:
        raise BadRequest(f"--{role}: {unknown_region_message(value, places)}")
    return place.name


def _practices(chosen: list[str], known: list[str], ask: Prompter, interactive: bool) -> list[str]:
    """The practice ids learnt from, asked for when missing; each must be a record."""
    if not chosen and interactive:
        ask.say("\nId praktik yang dipelajari (nama berkas di practices/ tanpa .yaml).")
        chosen = _split_ids(
            ask.text(
                "Id praktik, pisahkan dengan koma",
                check=lambda a: _check_practices(_split_ids(a), known),
            )
        )
    if not chosen:
        raise MissingInput("--praktik wajib diisi (boleh diulang)")
    problem = _check_practices(chosen, known)
    if problem:
        raise BadRequest(f"--praktik: {problem}")
    return chosen


def resolve(
    project: Project, raw: NewJourney, *, interactive: bool, prompter: Prompter | None = None
) -> NewJourney:
    """Complete and check the request; errors as :class:`~generator.errors.ScaffoldError`."""
    places = read_regions(project)
    known = practice_ids(project)
    ask = prompter or Prompter()
    mentor = _region(raw.mentor, "mentor", places, ask, interactive)
    mentee = _region(raw.mentee, "mentee", places, ask, interactive)
    if mentor == mentee:
        raise BadRequest("mentor dan mentee harus dua daerah yang berbeda")
    chosen = _practices(list(raw.practices or []), known, ask, interactive)
    default_id = f"{region_slug(mentor)}-{region_slug(mentee)}-{dt.date.today().year}"
    record_id = raw.record_id
    if not record_id and interactive:
        record_id = ask.text(
            "Id perjalanan belajar (nama berkas)", default=default_id, check=check_id
        )
    record_id = record_id or default_id
    bad = check_id(record_id)
    if bad:
        raise BadRequest(f"--id: {bad}")
    return NewJourney(mentor, mentee, chosen, record_id)


def journey_text(request: NewJourney, today: dt.date) -> str:
    """The draft record: facts given, ``# ISI`` for what needs a source."""
    practices = request.practices or []
    lines = [
        f"# yaml-language-server: $schema={JOURNEY_SCHEMA_URL_FROM_RECORD}",
        "# Perjalanan belajar: satu mentor, satu mentee. Isi setiap baris bertanda ISI dari",
        "# sumber, lalu jalankan `replika validate`. Panduan: docs/kontribusi/referensi-pembelajaran.md",
        f"id: {request.record_id}",
        f"judul: {yaml_scalar(f'{request.mentee} belajar dari {request.mentor}')}",
        "ringkasan:   # ISI: satu paragraf (minimal 20 karakter) dari sumber",
        "fasilitator:   # ISI (boleh kosong): siapa yang memfasilitasi",
        f"mentor: {yaml_scalar(request.mentor)}",
        f"mentee: {yaml_scalar(request.mentee)}",
        f"praktik: {yaml_scalar(practices)}",
        "# Setiap sesi: tanggal, pelaksanaan (terlaksana/direncanakan), bentuk, sumber. Contoh:",
        "#   - tanggal: 2020-01-27",
        "#     pelaksanaan: terlaksana     # atau: direncanakan",
        "#     bentuk: telekonferensi      # kunjungan-lapangan, lokakarya, pendampingan,",
        "#                                 # twinning, studi-banding, pelatihan, lainnya",
        "#     topik: [Advokasi komitmen kepala daerah]",
        "#     peserta: [Pokja Sanitasi]",
        "#     sumber: kode-sumber          # wajib untuk sesi terlaksana",
        "sesi: []  # ISI",
        "tahap: identifikasi  # identifikasi, pembelajaran, uji-coba, penerapan, pelembagaan",
        "# berjalan dan diadopsi WAJIB punya status_sumber; tanpa sumber: tidak-diketahui",
        "status: direncanakan  # direncanakan, berjalan, diadopsi, berhenti, tidak-diketahui",
        "status_per:   # ISI: tanggal bukti terbaru, mis. 2020-01-27",
        "hasil: []  # hasil di daerah mentee, masing-masing dengan `uraian` dan `sumber`",
        "celah_bukti: []  # hal yang tidak ditemukan di sumber",
        f"diperiksa: {today.isoformat()}",
        "sumber:",
        "  - kode:   # ISI: kode singkat, mis. nawasis-2020-horizontal",
        "    judul:   # ISI",
        "    penerbit:   # ISI",
        "    url:   # ISI: alamat halaman yang memuat klaimnya",
    ]
    return "\n".join(lines) + "\n"


def write_journey(project: Project, request: NewJourney, today: dt.date | None = None) -> Path:
    """Create ``practices/pembelajaran/<id>.yaml``; never overwrites."""
    folder = project.practices_dir / JOURNEY_DIR_NAME
    folder.mkdir(exist_ok=True)
    target = folder / f"{request.record_id}.yaml"
    text = journey_text(request, today or dt.date.today())
    create_new(project, target, text)
    return target
