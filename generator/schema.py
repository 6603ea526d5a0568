"""The practice record: the single definition of the format.

Field names in YAML are Bahasa Indonesia (the words programme staff use);
the Python attributes are English. The JSON Schema committed at
``docs/skema/praktik.schema.json`` and the contributor field reference are
both generated from these models (``replika schema``), and a test fails when
the committed copies drift from them.

Checks that need more than one field or more than one file (city registry,
related ids, timeline order) live in :mod:`generator.stages.validate`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from generator import vocab
from generator.rules import Rule

SCHEMA_ID = "https://replika.example.id/skema/praktik.schema.json"
SCHEMA_URL_FROM_RECORD = "../docs/skema/praktik.schema.json"

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX_CHARS = 80
"""The longest id (and so file name, without ``.yaml``) a record may have."""
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
EARLIEST_YEAR = 1945
_ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)
_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/[^\s]*)?$")


_LATEST_YEAR = dt.date.today().year + 5


def latest_year() -> int:
    """The latest year a record may name (plans reach a few years ahead)."""
    return _LATEST_YEAR


def _literal(vocabulary: str) -> Any:
    """The ``Literal`` type of a vocabulary of :data:`generator.vocab.VOCABULARIES`."""
    return Literal[vocab.values(vocabulary)]  # type: ignore[valid-type]


Sector = _literal("sektor")
PracticeType = _literal("jenis")
Province = _literal("provinsi")
InstrumentKind = _literal("instrumen")
LearningForm = _literal("bentuk")
ReplicationPhase = _literal("tahap")
ReplicationStatus = _literal("status_replikasi")
EvidenceLevel = _literal("bukti")
PracticeStatus = _literal("status_praktik")


# The validators raise PydanticCustomError(rule id, message, context): the rule id
# travels with the error to generator.stages.validate.schema_errors. Pydantic fills
# the placeholders one after another, so a message names at most one free-text value
# from the record (others are numbers): that value cannot smuggle in a placeholder.


def _check_id(value: str) -> str:
    if not _ID_RE.fullmatch(value):
        raise PydanticCustomError(
            Rule.BAD_ID,
            "id hanya boleh huruf kecil, angka dan tanda hubung (contoh: `l2t2-kendari`)",
        )
    return value


def _check_id_length(value: str) -> str:
    if len(value) > ID_MAX_CHARS:
        raise PydanticCustomError(
            Rule.ID_TOO_LONG,
            "id terlalu panjang: {length} karakter, maksimal {limit} karakter",
            {"length": len(value), "limit": ID_MAX_CHARS},
        )
    return value


def _date_to_text(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def check_date(value: str) -> str:
    """``value`` if it is a year, month or day in range; else a ``bad-date`` error."""
    if not _DATE_RE.fullmatch(value):
        raise PydanticCustomError(
            Rule.BAD_DATE,
            "tanggal `{value}` tidak dikenali; tulis tahun (`2018`), bulan (`2018-04`) "
            "atau tanggal lengkap (`2018-04-22`)",
            {"value": value},
        )
    parts = [int(p) for p in value.split("-")]
    _check_year(parts[0])
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise PydanticCustomError(
            Rule.BAD_DATE, "tanggal `{value}` tidak ada di kalender", {"value": value}
        ) from None
    return value


def _check_year(value: int) -> int:
    if not EARLIEST_YEAR <= value <= latest_year():
        raise PydanticCustomError(
            Rule.BAD_DATE,
            "tahun {year} di luar rentang {earliest}–{latest}",
            {"year": value, "earliest": EARLIEST_YEAR, "latest": latest_year()},
        )
    return value


def _check_url(value: str) -> str:
    if not _URL_RE.fullmatch(value):
        raise PydanticCustomError(
            Rule.BAD_URL,
            "tautan `{value}` bukan alamat web yang sah; harus diawali `https://` atau `http://`",
            {"value": value},
        )
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_strip), Field(min_length=1)]
LongText = Annotated[str, BeforeValidator(_strip), Field(min_length=20)]
PracticeId = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
RecordId = Annotated[
    str,
    AfterValidator(_check_id),
    AfterValidator(_check_id_length),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX_CHARS}),
]
"""The ``id`` of a practice or a journey: a practice id that is also a file name."""
DateText = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(check_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": EARLIEST_YEAR},
            ]
        }
    ),
]
# Whole numbers are strict: pydantic's lax mode would turn the text "400.000"
# (Indonesian for four hundred thousand) into 400.
Year = Annotated[int, Strict(), AfterValidator(_check_year), Field(ge=EARLIEST_YEAR)]
Count = Annotated[int, Strict(), Field(ge=0)]
Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
SourceRef = Annotated[str, AfterValidator(_check_id)]


class RecordModel(BaseModel):
    """The base of every record model: strict about unknown fields, frozen, stripped text."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=False,
        frozen=True,
        coerce_numbers_to_str=True,
        str_strip_whitespace=True,
    )


MARKDOWN_NOTE = " Boleh memakai Markdown sebaris: `**tebal**`, `*miring*`, `[teks](https://...)`."
"""Appended to the description of the fields the site renders as inline Markdown
(``generator.limits.MARKDOWN_FIELDS``; tests/test_schemadoc.py keeps the two in step)."""


def F(alias: str, description: str, *, example: Any = None, **kw: Any) -> Any:  # noqa: N802
    """A field with its YAML name, its meaning in Indonesian and an example."""
    extra = {"examples": [example]} if example is not None else {}
    return Field(alias=alias, description=description, **extra, **kw)


class Origin(RecordModel):
    """Where the practice was done."""

    region: Text = F(
        "daerah",
        "Kota atau kabupaten asal, persis seperti di `practices/_wilayah.yaml`.",
        example="Kota Kendari",
    )
    province: Province = F(
        "provinsi", "Provinsi (salah satu dari 38).", example="Sulawesi Tenggara"
    )


class Milestone(RecordModel):
    date: DateText = F("tanggal", "Tahun, bulan atau tanggal lengkap.", example="2018-04-22")
    event: Text = F(
        "peristiwa", "Apa yang terjadi.", example="Instruksi Wali Kota tentang LLTT terbit."
    )
    source: SourceRef | None = F(
        "sumber",
        "Kode sumber (dari daftar `sumber`) yang mendukung peristiwa ini.",
        default=None,
        example="nawasis-2018-hari-bumi",
    )
    note: Text | None = F(
        "catatan",
        "Catatan, misalnya bila tanggal belum dikonfirmasi sumber tertulis.",
        default=None,
    )


class Actor(RecordModel):
    name: Text = F(
        "nama",
        "Nama lembaga atau unit kerja (bukan nama atau nomor pribadi).",
        example="Pokja Sanitasi Kota Kendari",
    )
    role: Text = F(
        "peran", "Perannya dalam praktik ini.", example="Mengoordinasikan pendaftaran ASN."
    )


class Instrument(RecordModel):
    kind: InstrumentKind = F("jenis", "Jenis dokumen kebijakan.", example="instruksi-wali-kota")
    number: Text | None = F(
        "nomor", "Nomor dokumen, bila diketahui.", default=None, example="5 Tahun 2018"
    )
    date: DateText | None = F("tanggal", "Tanggal terbit.", default=None, example="2018-04")
    title: Text = F(
        "judul", "Judul atau pokok isi dokumen.", example="Layanan Lumpur Tinja Terjadwal bagi ASN"
    )
    signatory: Text | None = F(
        "penanda_tangan",
        "Jabatan yang menandatangani dokumen, bila sumber menyebutnya.",
        default=None,
        example="Wali Kota Kendari",
    )
    link: Url | None = F("tautan", "Tautan ke dokumen atau beritanya.", default=None)
    source: SourceRef | None = F("sumber", "Kode sumber yang menyebut dokumen ini.", default=None)


class Contact(RecordModel):
    """An institutional contact from a public source; never a private person's number."""

    unit: Text = F(
        "unit",
        "Lembaga atau unit kerja yang bisa dihubungi (bukan orang pribadi).",
        example="UPTD Pengelolaan Air Limbah Kota Kendari",
    )
    address: Text | None = F("alamat", "Alamat kantor, bila dimuat sumber.", default=None)
    phone: Text | None = F("telepon", "Nomor telepon kantor (bukan nomor pribadi).", default=None)
    email: Text | None = F("email", "Alamat surel resmi lembaga.", default=None)
    website: Url | None = F("situs", "Situs web resmi lembaga.", default=None)
    source: SourceRef = F(
        "sumber", "Kode sumber publik tempat kontak ini dimuat.", example="situs-dlh"
    )


class ImplementationTime(RecordModel):
    """How long it took from the decision to the first service."""

    text: Text = F(
        "keterangan",
        "Lama dari keputusan sampai layanan pertama, dengan kata-kata sendiri.",
        example="Sekitar enam bulan dari instruksi wali kota sampai penyedotan pertama.",
    )
    source: SourceRef = F("sumber", "Kode sumber yang mendukung keterangan ini.")


_DOTTED_NUMBER = re.compile(r"[-+]?[0-9]{1,3}(?:\.[0-9]{3})+")


def _no_dotted_number(value: Any) -> Any:
    if isinstance(value, str) and _DOTTED_NUMBER.fullmatch(value):
        # Both values are digits and dots only: neither can hold a placeholder.
        raise PydanticCustomError(
            Rule.DOTTED_NUMBER,
            "angka `{value}` memakai titik ribuan; tulis `{plain}` (titik dibaca sebagai "
            "desimal oleh YAML)",
            {"value": value, "plain": value.replace(".", "")},
        )
    return value


class Result(RecordModel):
    indicator: Text = F(
        "indikator", "Apa yang diukur.", example="ASN terdaftar sebagai pelanggan L2T2"
    )
    value: Annotated[float | Text, AfterValidator(_no_dotted_number)] = F(
        "nilai", "Angka (atau teks singkat bila bukan angka).", example=325
    )
    unit: Text | None = F("satuan", "Satuan nilai.", default=None, example="orang")
    year: Year = F("tahun", "Tahun pengukuran.", example=2018)
    source: SourceRef = F(
        "sumber", "Kode sumber angka ini (wajib).", example="nawasis-2018-lentera"
    )
    note: Text | None = F("catatan", "Keterangan, misalnya target atau bukan hasil.", default=None)


class Cost(RecordModel):
    item: Text = F(
        "uraian", "Untuk apa biaya atau tarif ini.", example="Tarif satu kali penyedotan"
    )
    amount_rp: Count = F(
        "jumlah_rp", "Jumlah dalam Rupiah, angka bulat tanpa titik.", example=400000
    )
    per: Text | None = F(
        "per", "Satuan biaya (per rumah, per bulan ...).", default=None, example="penyedotan"
    )
    year: Year = F("tahun", "Tahun berlakunya angka.", example=2018)
    source: SourceRef = F(
        "sumber", "Kode sumber angka ini (wajib).", example="nawasis-2018-lentera"
    )
    note: Text | None = F("catatan", "Keterangan tambahan.", default=None)


class Discrepancy(RecordModel):
    about: Text = F(
        "tentang", "Angka atau fakta yang berbeda antarsumber.", example="Tahun dimulainya L2T2"
    )
    versions: Annotated[list[Text], Field(min_length=2)] = F(
        "versi",
        "Setiap versi beserta sumbernya (minimal dua).",
        example=["2016 menurut paparan program", "tidak ada sumber tertulis sebelum 2018"],
    )
    sources: list[SourceRef] = F("sumber", "Kode sumber yang terlibat.", default_factory=list)


class Replication(RecordModel):
    mentee: Text = F("daerah", "Kota/kabupaten yang belajar (mentee).", example="Kota Blitar")
    mentor: Text | None = F(
        "mentor",
        "Kota/kabupaten yang mengajar; kosongkan bila sama dengan daerah asal praktik.",
        default=None,
        example="Kota Kendari",
    )
    start: DateText = F("mulai", "Kapan pembelajaran dimulai.", example="2020-01-27")
    end: DateText | None = F(
        "selesai",
        "Kapan pembelajaran selesai (atau direncanakan selesai).",
        default=None,
        example="2020-03",
    )
    form: LearningForm = F("bentuk", "Bentuk pembelajaran.", example="telekonferensi")
    sessions: Annotated[int, Strict(), Field(ge=1, le=500)] | None = F(
        "jumlah_sesi", "Jumlah sesi.", default=None, example=6
    )
    facilitator: Text | None = F(
        "fasilitator",
        "Siapa yang memfasilitasi.",
        default=None,
        example="PMU PPSP Bappenas dengan USDP",
    )
    phase: ReplicationPhase = F(
        "tahap", "Tahap replikasi saat terakhir diperiksa.", example="pembelajaran"
    )
    status: ReplicationStatus = F("status", "Status replikasi.", example="berjalan")
    outputs: list[Text] = F(
        "keluaran", "Hasil nyata pembelajaran di daerah mentee.", default_factory=list
    )
    follow_up: DateText | None = F(
        "tindak_lanjut", "Tanggal tindak lanjut berikutnya.", default=None, example="2020-03-30"
    )
    practice: PracticeId | None = F(
        "praktik",
        "Id catatan praktik di daerah mentee, bila ada.",
        default=None,
        example="sidoti-blitar",
    )
    sources: Annotated[list[SourceRef], Field(min_length=1)] = F(
        "sumber", "Kode sumber yang mencatat replikasi ini.", example=["nawasis-2020-horizontal"]
    )


class Source(RecordModel):
    code: PracticeId = F(
        "kode",
        "Kode singkat sumber, dipakai kolom `sumber` lain di catatan ini.",
        example="nawasis-2018-lentera",
    )
    title: Text = F(
        "judul",
        "Judul dokumen atau berita.",
        example="'LENTERA', Program LLTT Non-Tunai Yang Mudahkan ASN",
    )
    publisher: Text = F("penerbit", "Penerbit atau situs.", example="NAWASIS (Bappenas)")
    date: DateText | None = F(
        "tanggal", "Tanggal terbit, bila diketahui.", default=None, example="2018-08-15"
    )
    url: Url = F(
        "url",
        "Alamat web sumber.",
        example="https://nawasis.org/portal/berita/read/-lentera-program-lltt-non-tunai-yang-mudahkan-asn/51501",
    )


Title = Annotated[Text, Field(max_length=140)]
"""The title of a practice or a journey."""
SourceList = Annotated[list[Source], Field(min_length=1)]
"""The sources of a practice or a journey (at least one)."""


def source_list() -> Any:
    """The ``sumber`` field, the same in practices and journeys."""
    return F("sumber", "Daftar sumber (minimal satu).")


class Practice(RecordModel):
    """Satu praktik baik yang dapat direplikasi."""

    model_config = ConfigDict(title="Praktik Replika")

    id: RecordId = F(
        "id", "Pengenal unik, sama dengan nama berkas tanpa `.yaml`.", example="l2t2-kendari"
    )
    title: Title = F(
        "judul",
        "Judul praktik (maks. 140 karakter).",
        example="Layanan Lumpur Tinja Terjadwal dimulai dari ASN",
    )
    summary: LongText = F(
        "ringkasan",
        "Satu paragraf ringkasan untuk pembaca yang sibuk." + MARKDOWN_NOTE,
    )
    problem: LongText = F("masalah", "Masalah yang dipecahkan dan konteks daerah." + MARKDOWN_NOTE)
    origin: Origin = F("asal", "Daerah asal praktik.")
    started: DateText | None = F(
        "mulai",
        "Tahun (atau bulan) praktik ini sendiri mulai berjalan; bukan tahun peristiwa "
        "pertama di linimasa. Kosongkan bila sumber tidak menyebutnya.",
        default=None,
        example="2016",
    )
    sector: Sector = F("sektor", "Sektor sanitasi.", example="air-limbah-domestik")
    types: Annotated[list[PracticeType], Field(min_length=1)] = F(
        "jenis", "Jenis praktik (satu atau lebih).", example=["operasional-layanan"]
    )
    timeline: Annotated[list[Milestone], Field(min_length=1)] = F(
        "linimasa", "Tonggak waktu, urut dari yang terlama."
    )
    steps: Annotated[list[Text], Field(min_length=1)] = F(
        "langkah", "Langkah-langkah melakukannya, berurutan." + MARKDOWN_NOTE
    )
    implementation_time: ImplementationTime | None = F(
        "lama_penerapan",
        "Berapa lama dari keputusan sampai layanan pertama, bila diketahui.",
        default=None,
    )
    actors: Annotated[list[Actor], Field(min_length=1)] = F(
        "pelaku", "Lembaga yang terlibat dan perannya."
    )
    contacts: list[Contact] = F(
        "kontak",
        "Kontak lembaga dari sumber publik (unit kerja, alamat, telepon kantor, surel, situs).",
        default_factory=list,
    )
    instruments: list[Instrument] = F(
        "instrumen", "Dokumen kebijakan yang dipakai.", default_factory=list
    )
    results: list[Result] = F(
        "hasil", "Hasil terukur, masing-masing dengan sumber.", default_factory=list
    )
    costs: list[Cost] = F("biaya", "Biaya dan tarif dalam Rupiah.", default_factory=list)
    lessons: Annotated[list[Text], Field(min_length=1)] = F(
        "pelajaran", "Pelajaran yang dipetik." + MARKDOWN_NOTE
    )
    success_conditions: list[Text] = F(
        "syarat_keberhasilan", "Kondisi yang membuat praktik berhasil.", default_factory=list
    )
    readiness: Annotated[list[Text], Field(min_length=1)] = F(
        "kesiapan",
        "Daftar periksa kesiapan: pertanyaan ya/tidak untuk daerah yang ingin meniru.",
        example=["Kepala daerah bersedia menandatangani instruksi?"],
    )
    risks: list[Text] = F(
        "risiko",
        "Risiko praktik itu sendiri: jebakan dan kegagalan yang pernah terjadi.",
        default_factory=list,
    )
    evidence_gaps: list[Text] = F(
        "celah_bukti",
        "Hal yang belum diketahui atau tidak ditemukan di sumber (bukan risiko praktik).",
        default_factory=list,
    )
    discrepancies: list[Discrepancy] = F(
        "perbedaan_data", "Angka yang berbeda antarsumber.", default_factory=list
    )
    replications: list[Replication] = F(
        "replikasi",
        "Tidak dipakai lagi: biarkan kosong (`[]`). Setiap pasangan mentor → mentee dicatat "
        "sebagai perjalanan belajar di `practices/pembelajaran/<id>.yaml`.",
        default_factory=list,
    )
    evidence: EvidenceLevel = F(
        "tingkat_bukti", "Seberapa kuat bukti praktik ini.", example="terdokumentasi"
    )
    status: PracticeStatus = F("status", "Apakah praktik masih berjalan.", example="berjalan")
    status_as_of: DateText | None = F(
        "status_per",
        "Tanggal bukti terbaru untuk status itu (wajib kecuali status `tidak-diketahui`).",
        default=None,
        example="2020-01",
    )
    status_note: Text | None = F(
        "status_keterangan",
        "Mengapa praktik berhenti atau tersendat, atau dari mana status diketahui.",
        default=None,
    )
    checked: DateText = F(
        "diperiksa", "Tanggal terakhir catatan ini diperiksa kebenarannya.", example="2026-11-28"
    )
    related: list[PracticeId] = F(
        "terkait", "Id praktik lain yang berkaitan.", default_factory=list
    )
    tags: list[Annotated[str, Field(min_length=2, max_length=40)]] = F(
        "tag", "Kata kunci bebas.", default_factory=list
    )
    sources: SourceList = source_list()


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record, as committed."""
    schema = Practice.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
