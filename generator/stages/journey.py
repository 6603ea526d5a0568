"""Learning journeys: one mentor → mentee horizontal-learning journey per file.

A journey lives in ``practices/pembelajaran/<id>.yaml`` (YAML keys in Bahasa
Indonesia, like practice records) and names the practices learned by id, the
mentor and mentee regions from the registry, its sessions (planned or held),
its phase and status, outcomes and sources. The pydantic models here are the
single definition of the format: the JSON Schema at
``docs/skema/pembelajaran.schema.json`` and the field reference section are
generated from them by ``replika schema``.

The checks of a journey (its file, the practices it names, its regions,
duplicate pairs) are in :mod:`generator.stages.validate.journeys`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, Strict

from generator import vocab
from generator.project import Project
from generator.schema import (
    DateText,
    F,
    LearningForm,
    LongText,
    PracticeId,
    RecordId,
    RecordModel,
    ReplicationPhase,
    ReplicationStatus,
    SourceList,
    SourceRef,
    Text,
    Title,
    source_list,
)

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


class Session(RecordModel):
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


class Outcome(RecordModel):
    """A result of the learning in the mentee region, with its source."""

    text: Text = F(
        "uraian",
        "Hasil nyata pembelajaran di daerah mentee (bukan hal yang sudah ada sebelumnya).",
        example="Pokja Sanitasi menyusun rencana uji coba layanan bagi ASN.",
    )
    date: DateText | None = F("tanggal", "Kapan hasil itu tercatat.", default=None)
    source: SourceRef = F("sumber", "Kode sumber hasil ini (wajib).")


class Journey(RecordModel):
    """Satu perjalanan belajar horizontal: satu daerah mentor, satu daerah mentee."""

    model_config = ConfigDict(title="Perjalanan pembelajaran Replika")

    id: RecordId = F(
        "id",
        "Pengenal unik, sama dengan nama berkas tanpa `.yaml`.",
        example="kendari-blitar-2020",
    )
    title: Title = F(
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
    sources: SourceList = source_list()

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


def journey_outputs(project: Project) -> dict[Path, str]:
    """The journey JSON Schema file and its expected content (for ``replika schema``)."""
    text = json.dumps(journey_schema(), ensure_ascii=False, indent=2) + "\n"
    return {project.root / JOURNEY_SCHEMA_PATH: text}


def state_label(state: str) -> str:
    return SESSION_STATES.get(state, state)


__all__ = [
    "Journey",
    "Outcome",
    "Session",
    "journey_schema",
    "vocab",
]
