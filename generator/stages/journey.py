"""Learning journeys: one mentor → mentee horizontal-learning journey per file.

A journey lives in ``practices/pembelajaran/<id>.yaml`` (YAML keys in Bahasa
Indonesia, like practice records) and names the practices learned by id, the
mentor and mentee regions from the registry, its sessions (planned or held),
its phase and status, outcomes and sources. The pydantic models here are the
single definition of the format: the JSON Schema at
``docs/skema/pembelajaran.schema.json`` and the field reference section are
generated from them by ``replika schema``.

Reading uses the same strict loader and ``Problem`` machinery as practices
(``file:line:col`` with field path and an Indonesian hint); the checks that
need other files (practice ids, regions, duplicate pairs) are in
:func:`check_journeys`, called by :func:`generator.stages.validate.check_project`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import ConfigDict, Field, Strict

from generator import vocab
from generator.limits import markdown_excess
from generator.problems import Problem, did_you_mean
from generator.schema import (
    ID_PATTERN,
    DateText,
    F,
    LearningForm,
    LongText,
    PracticeId,
    ReplicationPhase,
    ReplicationStatus,
    Source,
    SourceRef,
    Text,
    _Model,
)
from generator.stages.load import LoadedFile, load_file
from generator.stages.load.positions import FieldPath

if TYPE_CHECKING:
    from generator.project import Project
    from generator.stages.validate import Checked

JOURNEY_DIR_NAME = "pembelajaran"
JOURNEY_SCHEMA_ID = "https://replika.example.id/skema/pembelajaran.schema.json"
JOURNEY_SCHEMA_PATH = Path("docs/skema/pembelajaran.schema.json")
JOURNEY_SCHEMA_URL_FROM_RECORD = "../../docs/skema/pembelajaran.schema.json"

SESSION_STATES: dict[str, str] = {
    "direncanakan": "Direncanakan",
    "terlaksana": "Terlaksana",
}
# Journey statuses that claim progress need a cited source (``status_sumber``).
PROGRESS_STATUSES = ("berjalan", "diadopsi")

SessionState = Literal["direncanakan", "terlaksana"]


class Session(_Model):
    """One session (or a group of sessions with the same form and period)."""

    date: DateText = F(
        "tanggal",
        "Tanggal, bulan atau tahun sesi (atau awal rentang bila `jumlah` lebih dari satu).",
        example="2020-01-27",
    )
    until: DateText | None = F(
        "sampai",
        "Akhir rentang waktu, untuk beberapa sesi yang tanggal persisnya tidak diketahui.",
        default=None,
        example="2020-03",
    )
    count: Annotated[int, Strict(), Field(ge=1, le=100)] = F(
        "jumlah", "Banyaknya sesi yang dicatat butir ini (biasanya 1).", default=1, example=1
    )
    state: SessionState = F(
        "pelaksanaan",
        "`terlaksana` bila sumber menunjukkan sesi benar-benar berlangsung; "
        "`direncanakan` bila sumber hanya menyebut rencananya.",
        example="terlaksana",
    )
    form: LearningForm = F("bentuk", "Bentuk sesi.", example="telekonferensi")
    topics: list[Text] = F("topik", "Pokok bahasan sesi, bila diketahui.", default_factory=list)
    participants: list[Text] = F(
        "peserta",
        "Lembaga atau jabatan yang ikut (bukan nama atau nomor pribadi).",
        default_factory=list,
    )
    note: Text | None = F("catatan", "Keterangan tambahan.", default=None)
    source: SourceRef | None = F(
        "sumber",
        "Kode sumber yang menyebut sesi ini (wajib untuk sesi `terlaksana`).",
        default=None,
        example="nawasis-2020-horizontal",
    )


class Outcome(_Model):
    """A result of the learning in the mentee region, with its source."""

    text: Text = F(
        "uraian",
        "Hasil nyata pembelajaran di daerah mentee (bukan hal yang sudah ada sebelumnya).",
        example="Pokja Sanitasi menyusun rencana uji coba layanan bagi ASN.",
    )
    date: DateText | None = F("tanggal", "Kapan hasil itu tercatat.", default=None)
    source: SourceRef = F("sumber", "Kode sumber hasil ini (wajib).")


class Journey(_Model):
    """Satu perjalanan belajar horizontal: satu daerah mentor, satu daerah mentee."""

    model_config = ConfigDict(title="Perjalanan pembelajaran Replika")

    id: PracticeId = F(
        "id",
        "Pengenal unik, sama dengan nama berkas tanpa `.yaml`.",
        example="kendari-blitar-2020",
    )
    title: Annotated[Text, Field(max_length=140)] = F(
        "judul",
        "Judul perjalanan belajar (maks. 140 karakter).",
        example="Kota Blitar belajar layanan lumpur tinja terjadwal dari Kota Kendari",
    )
    summary: LongText = F("ringkasan", "Satu paragraf ringkasan untuk pembaca yang sibuk.")
    programme: Text | None = F(
        "program",
        "Program atau jejaring yang menaungi pembelajaran, bila ada.",
        default=None,
        example="PPSP (Percepatan Pembangunan Sanitasi Permukiman)",
    )
    facilitator: Text | None = F(
        "fasilitator",
        "Siapa yang memfasilitasi.",
        default=None,
        example="PMU PPSP Bappenas dengan dukungan USDP",
    )
    mentor: Text = F(
        "mentor",
        "Kota/kabupaten yang berbagi pengalaman, persis seperti di `practices/_wilayah.yaml`.",
        example="Kota Kendari",
    )
    mentee: Text = F(
        "mentee",
        "Kota/kabupaten yang belajar, persis seperti di `practices/_wilayah.yaml`.",
        example="Kota Blitar",
    )
    mentor_team: list[Text] = F(
        "delegasi_mentor",
        "Lembaga atau jabatan di pihak mentor (bukan nama pribadi).",
        default_factory=list,
    )
    mentee_team: list[Text] = F(
        "delegasi_mentee",
        "Lembaga atau jabatan di pihak mentee (bukan nama pribadi).",
        default_factory=list,
    )
    practices: Annotated[list[PracticeId], Field(min_length=1)] = F(
        "praktik",
        "Id catatan praktik (di `practices/`) yang dipelajari.",
        example=["l2t2-kendari"],
    )
    lessons: list[Text] = F(
        "pelajaran_ditawarkan",
        "Pelajaran yang ditawarkan mentor, sebagaimana disebut sumber.",
        default_factory=list,
    )
    sessions: list[Session] = F(
        "sesi",
        "Sesi pembelajaran, urut dari yang terlama (yang direncanakan juga); kosongkan bila "
        "sumber tidak mencatat sesi apa pun.",
        default_factory=list,
    )
    follow_up: Text | None = F(
        "tindak_lanjut",
        "Bagaimana mentor dan mentee melanjutkan komunikasi, bila sumber menyebutnya.",
        default=None,
    )
    phase: ReplicationPhase = F(
        "tahap", "Tahap pembelajaran menurut bukti terbaru.", example="pembelajaran"
    )
    status: ReplicationStatus = F("status", "Status perjalanan belajar.", example="tidak-diketahui")
    status_as_of: DateText = F(
        "status_per", "Tanggal bukti terbaru untuk status itu.", example="2020-01-27"
    )
    status_source: SourceRef | None = F(
        "status_sumber",
        "Kode sumber bukti terbaru (wajib untuk status `berjalan` dan `diadopsi`).",
        default=None,
    )
    status_note: Text | None = F(
        "status_keterangan",
        "Dari mana status diketahui, atau apa yang belum diketahui.",
        default=None,
    )
    outcomes: list[Outcome] = F(
        "hasil",
        "Hasil pembelajaran di daerah mentee, masing-masing dengan sumber.",
        default_factory=list,
    )
    evidence_gaps: list[Text] = F(
        "celah_bukti",
        "Hal yang belum diketahui atau tidak ditemukan di sumber.",
        default_factory=list,
    )
    checked: DateText = F(
        "diperiksa", "Tanggal terakhir catatan ini diperiksa kebenarannya.", example="2026-11-30"
    )
    sources: Annotated[list[Source], Field(min_length=1)] = F(
        "sumber", "Daftar sumber (minimal satu)."
    )

    @property
    def held(self) -> int:
        return sum(s.count for s in self.sessions if s.state == "terlaksana")

    @property
    def planned(self) -> int:
        return sum(s.count for s in self.sessions)

    @property
    def first_date(self) -> str:
        return self.sessions[0].date if self.sessions else self.status_as_of


def journey_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a journey record, as committed."""
    schema = Journey.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": JOURNEY_SCHEMA_ID,
        **schema,
    }


# ----------------------------------------------------------------------------- files


def journey_dir(project: Project) -> Path:
    return project.practices_dir / JOURNEY_DIR_NAME


def journey_paths(project: Project) -> tuple[list[Path], list[Problem]]:
    """Every journey file, and problems with stray entries in the folder."""
    from generator.stages.validate import _plain_file, _unsafe_problem

    folder = journey_dir(project)
    if folder.is_symlink():
        return [], [_unsafe_problem(folder, project.display(folder))]
    if not folder.is_dir():
        return [], []
    paths: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")):
            continue
        shown = project.display(path)
        if path.suffix == ".yaml" and _plain_file(path):
            paths.append(path)
        elif path.is_symlink() or not (path.is_dir() or _plain_file(path)):
            problems.append(_unsafe_problem(path, shown))
        else:
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "stray-file",
                    "hanya berkas `.yaml` perjalanan belajar yang boleh ada di "
                    "`practices/pembelajaran/`",
                    hint="Pindahkan keluar, atau ganti akhiran menjadi `.yaml`.",
                )
            )
    return paths, problems


# ----------------------------------------------------------------------------- checks


def _check_schema(loaded: LoadedFile) -> Journey | None:
    from generator.stages.validate import check_schema

    return check_schema(loaded, Journey)


def check_journeys(project: Project, checked: Checked, only: Iterable[Path] | None = None) -> None:
    """Load, check and store every journey; problems go to ``checked.problems``."""
    paths, stray = journey_paths(project)
    wanted = None if only is None else {p.resolve() for p in only}
    if wanted is None:
        checked.problems.extend(stray)
    pairs: dict[tuple[str, str, str], LoadedFile] = {}
    owner: dict[str, LoadedFile] = {}
    for path in paths:
        loaded = load_file(path, project.display(path))
        journey = _check_schema(loaded)
        reporting = wanted is None or path.resolve() in wanted
        problems = list(loaded.problems)
        if loaded.data is not None and isinstance(loaded.data, dict):
            taken = {p.field for p in loaded.problems if p.field}
            problems.extend(
                p for p in _check_journey(loaded.data, loaded, checked) if p.field not in taken
            )
            problems.extend(_check_duplicates(loaded.data, loaded, pairs, owner))
        if reporting:
            checked.problems.extend(problems)
        if journey is not None and not problems:
            checked.journeys[journey.id] = journey
            checked.journey_files[journey.id] = loaded


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _items(data: Any, key: str) -> list[tuple[int, Any]]:
    value = data.get(key) if isinstance(data, dict) else None
    return list(enumerate(value)) if isinstance(value, list) else []


def _check_journey(data: dict[str, Any], loaded: LoadedFile, checked: Checked) -> list[Problem]:
    from generator.stages.validate import (
        _check_long_words,
        _check_region,
        _check_source_urls,
        _date_key,
        check_id_matches_file,
    )

    out: list[Problem] = check_id_matches_file(data, loaded)
    mentor, mentee = _text(data.get("mentor")), _text(data.get("mentee"))
    for key, name in (("mentor", mentor), ("mentee", mentee)):
        if name is not None:
            out.extend(_check_region(name, None, (), loaded, checked, key=key))
    if mentor is not None and mentor == mentee:
        out.append(
            loaded.problem(
                ("mentee",),
                "self-replication",
                f"`{mentee}` tidak bisa menjadi mentor bagi dirinya sendiri",
                "`mentor` adalah daerah yang berbagi; `mentee` daerah lain yang belajar.",
            )
        )
    known = set(checked.practices) | checked.known_ids
    for i, pid in _items(data, "praktik"):
        if isinstance(pid, str) and re.fullmatch(ID_PATTERN, pid) and pid not in known:
            close = did_you_mean(pid, sorted(known))
            out.append(
                loaded.problem(
                    ("praktik", i),
                    "journey-practice",
                    f"praktik `{pid}` tidak ada di `practices/`",
                    (f"Maksud Anda `{close}`? " if close else "")
                    + "Tulis id catatan praktik yang ada (nama berkas di `practices/` tanpa "
                    "`.yaml`), atau tambahkan catatan praktiknya lebih dulu.",
                )
            )
    out.extend(_check_journey_sources(data, loaded))
    out.extend(_check_source_urls(data, loaded))
    out.extend(_check_long_words(data, loaded))
    summary = data.get("ringkasan")
    excess = markdown_excess(summary.strip()) if isinstance(summary, str) else None
    if excess is not None:
        out.append(
            loaded.problem(
                ("ringkasan",),
                "markdown-limit",
                excess[1],
                "Pendekkan atau sederhanakan ringkasannya; rincian panjang cukup ditautkan "
                "lewat `sumber`.",
            )
        )
    today = _date_key(dt.date.today().isoformat())
    for i, session in _items(data, "sesi"):
        if not isinstance(session, dict) or session.get("pelaksanaan") != "terlaksana":
            continue
        when = _date_key(session.get("tanggal"))
        if when and when > today[: len(when)]:
            out.append(
                loaded.problem(
                    ("sesi", i, "tanggal"),
                    "journey-future-session",
                    f"sesi `terlaksana` bertanggal `{session.get('tanggal')}`, sesudah hari ini",
                    "Sesi yang belum berlangsung ditulis `pelaksanaan: direncanakan`; ubah "
                    "menjadi `terlaksana` setelah ada sumber yang mencatatnya.",
                )
            )
        if not _text(session.get("sumber")):
            out.append(
                loaded.problem(
                    ("sesi", i, "pelaksanaan"),
                    "journey-unsourced",
                    "sesi `terlaksana` tanpa `sumber`",
                    "Tambahkan `sumber:` dengan kode sumber yang mencatat sesi ini, atau tulis "
                    "`pelaksanaan: direncanakan` bila sumber hanya menyebut rencananya.",
                )
            )
    status = data.get("status")
    if status in PROGRESS_STATUSES and not _text(data.get("status_sumber")):
        out.append(
            loaded.problem(
                ("status",),
                "journey-unsourced",
                f"status `{status}` tanpa `status_sumber`",
                "Status yang menyatakan kemajuan (`berjalan`, `diadopsi`) wajib menyebut "
                "sumber buktinya di `status_sumber`. Bila tidak ada sumber, tulis "
                "`status: tidak-diketahui` dan jelaskan di `celah_bukti`.",
            )
        )
    as_of = _date_key(data.get("status_per"))
    if as_of and as_of > today[: len(as_of)]:
        out.append(
            loaded.problem(
                ("status_per",),
                "bad-date",
                "tanggal `status_per` ada di masa depan",
                "Isi dengan tanggal bukti terbaru yang sudah ada.",
            )
        )
    checked_on = _date_key(data.get("diperiksa"))
    if checked_on and checked_on > today:
        out.append(
            loaded.problem(
                ("diperiksa",),
                "bad-date",
                "tanggal `diperiksa` ada di masa depan",
                "Isi dengan tanggal terakhir Anda memeriksa sumber-sumbernya.",
            )
        )
    return out


def _journey_refs(data: dict[str, Any]) -> Iterable[tuple[FieldPath, str]]:
    for i, session in _items(data, "sesi"):
        ref = _text(session.get("sumber")) if isinstance(session, dict) else None
        if ref:
            yield ("sesi", i, "sumber"), ref
    for i, outcome in _items(data, "hasil"):
        ref = _text(outcome.get("sumber")) if isinstance(outcome, dict) else None
        if ref:
            yield ("hasil", i, "sumber"), ref
    ref = _text(data.get("status_sumber"))
    if ref:
        yield ("status_sumber",), ref


def _check_journey_sources(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    out: list[Problem] = []
    codes: dict[str, int] = {}
    for i, source in _items(data, "sumber"):
        code = _text(source.get("kode")) if isinstance(source, dict) else None
        if code is None:
            continue
        if code in codes:
            out.append(
                loaded.problem(
                    ("sumber", i, "kode"),
                    "duplicate-source",
                    f"kode sumber `{code}` dipakai dua kali",
                )
            )
        codes.setdefault(code, i)
    if not isinstance(data.get("sumber"), list):
        return out
    refs = list(_journey_refs(data))
    cited = {ref for _loc, ref in refs}
    for code, i in codes.items():
        if code not in cited:
            out.append(
                loaded.problem(
                    ("sumber", i, "kode"),
                    "uncited-source",
                    f"sumber `{code}` tidak dirujuk di bagian mana pun dari catatan ini",
                    f"Tulis `sumber: {code}` pada sesi atau hasil yang didukungnya, atau "
                    f"`status_sumber: {code}`; bila tidak mendukung apa pun, hapus dari daftar.",
                )
            )
    for loc, ref in refs:
        if ref not in codes:
            close = did_you_mean(ref, codes)
            out.append(
                loaded.problem(
                    loc,
                    "unknown-source",
                    f"sumber `{ref}` tidak ada di daftar `sumber` catatan ini",
                    (f"Maksud Anda `{close}`? " if close else "")
                    + "Daftarkan sumbernya di bagian `sumber` paling bawah (kode, judul, "
                    "penerbit, url).",
                )
            )
    return out


def _check_duplicates(
    data: dict[str, Any],
    loaded: LoadedFile,
    pairs: dict[tuple[str, str, str], LoadedFile],
    owner: dict[str, LoadedFile],
) -> list[Problem]:
    """The same id twice, or the same mentor → mentee pair learning the same practice twice."""
    out: list[Problem] = []
    raw_id = _text(data.get("id"))
    if raw_id is not None:
        if raw_id in owner:
            out.append(
                loaded.problem(
                    ("id",), "duplicate-id", f"id `{raw_id}` sudah dipakai {owner[raw_id].display}"
                )
            )
        owner.setdefault(raw_id, loaded)
    mentor, mentee = _text(data.get("mentor")), _text(data.get("mentee"))
    if mentor is None or mentee is None:
        return out
    for i, pid in _items(data, "praktik"):
        if not isinstance(pid, str):
            continue
        key = (mentor, mentee, pid)
        if key in pairs and pairs[key] is not loaded:
            out.append(
                loaded.problem(
                    ("praktik", i),
                    "journey-duplicate",
                    f"perjalanan {mentor} → {mentee} untuk praktik `{pid}` sudah dicatat di "
                    f"{pairs[key].display}",
                    "Satu pasangan mentor → mentee dicatat di satu berkas: tambahkan sesi atau "
                    "hasil baru ke berkas itu, jangan menyalinnya.",
                )
            )
        pairs.setdefault(key, loaded)
    return out


def journey_outputs(project: Project) -> dict[Path, str]:
    """The journey JSON Schema file and its expected content (for ``replika schema``)."""
    import json

    text = json.dumps(journey_schema(), ensure_ascii=False, indent=2) + "\n"
    return {project.root / JOURNEY_SCHEMA_PATH: text}


def state_label(state: str) -> str:
    return SESSION_STATES.get(state, state)


__all__ = [
    "Journey",
    "Outcome",
    "Session",
    "check_journeys",
    "journey_schema",
    "vocab",
]
