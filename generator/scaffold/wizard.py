"""``replika new``: a practice record from flags, or from questions at a terminal.

The answers are checked (:func:`resolve_flags`), the missing ones asked for
(:func:`ask_missing`), then ``practices/_templat.yaml`` is filled in
(:func:`new_record`) and written through :mod:`generator.scaffold.draft`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator import vocab
from generator.errors import BadRequest, MissingInput
from generator.problems import did_you_mean
from generator.project import Project
from generator.scaffold.choices import PROVINCE_OPTIONS, choice_error, match_choice
from generator.scaffold.draft import Draft, exists_problem, record_path, write_new
from generator.scaffold.fields import check_id, check_title, derive_id
from generator.scaffold.prompter import Prompter
from generator.scaffold.regions import Place, find_region, read_regions, unknown_region_message
from generator.scaffold.yamlwriter import fill_template


@dataclass
class NewRecord:
    """What ``new`` knows about the record before it writes it."""

    title: str = ""
    region: str = ""
    province: str = ""
    sector: str = ""
    types: list[str] = field(default_factory=list)
    record_id: str = ""
    status: str = ""
    evidence: str = ""


# ----------------------------------------------------------------------------- flags


def _resolve_title(raw: NewRecord, out: NewRecord, errors: list[str], need_all: bool) -> None:
    if raw.title:
        out.title = " ".join(raw.title.split())
        problem = check_title(out.title)
        if problem:
            errors.append(problem)
    elif need_all:
        errors.append('judul belum diberikan: pakai `--judul "..."`')


def _resolve_place(
    raw: NewRecord, out: NewRecord, errors: list[str], project: Project, need_all: bool
) -> None:
    """The region (from the registry) and the province, which must agree with it."""
    if raw.region:
        places = read_regions(project)
        place = find_region(raw.region, places)
        if place is None:
            errors.append(unknown_region_message(raw.region, places))
        else:
            out.region, out.province = place.name, place.province
    elif need_all:
        errors.append('daerah belum diberikan: pakai `--daerah "Kota ..."`')
    if raw.province:
        province = match_choice(raw.province, PROVINCE_OPTIONS)
        if province is None:
            errors.append(choice_error(raw.province, PROVINCE_OPTIONS, "provinsi"))
        elif out.province and province != out.province:
            errors.append(f"`{out.region}` ada di provinsi {out.province}, bukan {province}")
        else:
            out.province = province


def _resolve_sector_types(
    raw: NewRecord, out: NewRecord, errors: list[str], need_all: bool
) -> None:
    if raw.sector:
        sector = match_choice(raw.sector, vocab.SECTORS)
        if sector is None:
            errors.append(choice_error(raw.sector, vocab.SECTORS, "sektor"))
        out.sector = sector or ""
    elif need_all:
        errors.append("sektor belum diberikan: pakai `--sektor " + "|".join(vocab.SECTORS) + "`")
    for answer in raw.types:
        for part in (p for p in answer.split(",") if p.strip()):
            kind = match_choice(part, vocab.PRACTICE_TYPES)
            if kind is None:
                errors.append(choice_error(part.strip(), vocab.PRACTICE_TYPES, "jenis"))
            elif kind not in out.types:
                out.types.append(kind)
    if not raw.types and need_all:
        errors.append("jenis belum diberikan: pakai `--jenis JENIS` (boleh diulang)")


def _resolve_optional(raw: NewRecord, out: NewRecord, errors: list[str]) -> None:
    """Status, evidence level and id: never required."""
    for attr, options, what in (
        ("status", vocab.PRACTICE_STATUSES, "status"),
        ("evidence", vocab.EVIDENCE_LEVELS, "tingkat bukti"),
    ):
        given = getattr(raw, attr)
        if given:
            slug = match_choice(given, options)
            if slug is None:
                errors.append(choice_error(given, options, what))
            setattr(out, attr, slug or "")
    if raw.record_id:
        problem = check_id(raw.record_id)
        if problem:
            errors.append(problem)
        out.record_id = raw.record_id


def resolve_flags(
    raw: NewRecord, project: Project, *, need_all: bool
) -> tuple[NewRecord, list[str]]:
    """Check and normalise the values given as flags.

    Returns the cleaned values and the list of errors (in Indonesian). With
    ``need_all`` a missing required value is an error too (non-interactive mode).
    """
    out = NewRecord()
    errors: list[str] = []
    _resolve_title(raw, out, errors, need_all)
    _resolve_place(raw, out, errors, project, need_all)
    _resolve_sector_types(raw, out, errors, need_all)
    _resolve_optional(raw, out, errors)
    return out, errors


# ----------------------------------------------------------------------------- questions


def ask_missing(request: NewRecord, project: Project, prompter: Prompter) -> NewRecord:
    """Fill in interactively whatever the flags did not give."""
    say = prompter.say
    say("Membuat catatan praktik baru. Tekan Ctrl-C kapan saja untuk membatalkan.")
    if not request.title:
        request.title = prompter.text("\nJudul praktik (sebut nama daerahnya)", check=check_title)
    if not request.region:
        request.province = (
            request.province
            or prompter.choose("Provinsi asal praktik:", PROVINCE_OPTIONS, what="provinsi")[0]
        )
        request.region = _ask_region(request.province, project, prompter)
    if not request.sector:
        request.sector = prompter.choose("Sektor sanitasi:", vocab.SECTORS, what="sektor")[0]
    if not request.types:
        request.types = prompter.choose(
            "Jenis praktik (boleh lebih dari satu):", vocab.PRACTICE_TYPES, what="jenis", many=True
        )
    if not request.evidence:
        picked = prompter.choose(
            "Tingkat bukti:",
            vocab.EVIDENCE_LEVELS,
            what="tingkat bukti",
            optional=True,
            describe=vocab.EVIDENCE_DESCRIPTIONS,
        )
        request.evidence = picked[0] if picked else ""
    if not request.status:
        picked = prompter.choose(
            "Status praktik:", vocab.PRACTICE_STATUSES, what="status", optional=True
        )
        request.status = picked[0] if picked else ""
    if not request.record_id:
        suggested = derive_id(request.title, request.region)

        def usable(value: str) -> str | None:
            return check_id(value) or exists_problem(project, record_path(project, value))

        request.record_id = prompter.text(
            "\nId catatan (nama berkas; Enter untuk usulan)",
            default=suggested if usable(suggested) is None else "",
            check=usable,
        )
    return request


def _ask_region(province: str, project: Project, prompter: Prompter) -> str:
    """A region of ``province``, by number or name; asked again until one fits."""
    while True:
        places = read_regions(project)
        here = [p for p in places if p.province == province]
        picked = (
            _pick_listed_region(province, here, places, prompter)
            if here
            else _type_unlisted_region(province, project, prompter)
        )
        if picked:
            return picked


def _pick_listed_region(
    province: str, here: list[Place], places: list[Place], prompter: Prompter
) -> str | None:
    """One try at choosing among the province's registered regions."""
    options = {p.name: p.name for p in here}
    prompter.say(f"\nDaerah asal di {province} (dari practices/_wilayah.yaml):")
    for n, place in enumerate(here, start=1):
        prompter.say(f"  {n:>2}. {place.name}")
    answer = prompter.ask("Pilih (nomor atau nama): ").strip()
    if answer.isdigit() and 1 <= int(answer) <= len(here):
        return here[int(answer) - 1].name
    place = find_region(answer, places) if answer else None
    if place is not None and place.province == province:
        return place.name
    if place is not None:
        prompter.say(f"  ✗ `{place.name}` ada di provinsi {place.province}, bukan {province}")
        return None
    if not answer:
        prompter.say("  ✗ wajib")
        return None
    # One slip, one did-you-mean: the province's own list is searched first,
    # the whole registry only when nothing there comes close.
    nearby = did_you_mean(answer, list(options))
    prompter.say("  ✗ " + choice_error(answer, options, "daerah"))
    prompter.say("    " + unknown_region_message(answer, places, suggest=nearby is None))
    return None


def _type_unlisted_region(province: str, project: Project, prompter: Prompter) -> str | None:
    """One try when the registry has no region of ``province`` yet (it may be updated meanwhile)."""
    prompter.say(
        f"\nBelum ada kota/kabupaten di {province} dalam practices/_wilayah.yaml; "
        "daftar itu diperbarui dengan `python3 -m generator.wilayah`. Ketik nama "
        "daerahnya setelah daftar diperbarui (atau Ctrl-C untuk membatalkan)."
    )
    answer = prompter.ask("Nama kota/kabupaten: ").strip()
    place = find_region(answer, read_regions(project)) if answer else None
    if place is not None and place.province == province:
        return place.name
    if answer:
        prompter.say(f"  ✗ `{answer}` belum ada di {province} dalam daftar daerah.")
    return None


# ----------------------------------------------------------------------------- writing


def record_values(request: NewRecord, today: dt.date) -> dict[tuple[str, ...], Any]:
    values: dict[tuple[str, ...], Any] = {
        ("id",): request.record_id,
        ("judul",): request.title,
        ("asal", "daerah"): request.region,
        ("asal", "provinsi"): request.province,
        ("sektor",): request.sector,
        ("jenis",): request.types,
        ("diperiksa",): today.isoformat(),
    }
    if request.status:
        values[("status",)] = request.status
    if request.evidence:
        values[("tingkat_bukti",)] = request.evidence
    return values


def new_record(
    project: Project,
    raw: NewRecord,
    *,
    interactive: bool,
    prompter: Prompter | None = None,
    today: dt.date | None = None,
) -> tuple[NewRecord, Draft]:
    """Everything ``replika new`` does, apart from printing the result."""
    if not project.template_file.is_file():
        raise BadRequest(
            f"templat `{project.display(project.template_file)}` tidak ada; "
            "ambil dari repositori Replika"
        )
    request, errors = resolve_flags(raw, project, need_all=not interactive)
    if any("belum diberikan" in e for e in errors):
        raise MissingInput("\n".join(f"✗ {e}" for e in errors))
    if errors:
        raise BadRequest("\n".join(f"✗ {e}" for e in errors))
    if interactive:
        request = ask_missing(request, project, prompter or Prompter())
    if not request.record_id:
        request.record_id = derive_id(request.title, request.region)
        if not request.record_id or check_id(request.record_id):
            raise BadRequest("id tidak bisa dibentuk dari judul dan daerah; berikan dengan `--id`")
    template = project.template_file.read_text(encoding="utf-8")
    text = fill_template(
        template,
        record_values(request, today or dt.date.today()),
        project.display(project.template_file),
    )
    return request, write_new(project, request.record_id, text)
