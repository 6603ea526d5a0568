"""Closed lists (controlled vocabularies) of the practice record.

Each list maps the value written in a record (a short kebab-case slug that a
contributor can type) to the label shown to readers. The schema, the JSON
Schema, the field reference, the site and the PDFs all read these dicts, so a
new value is added here and nowhere else.

:data:`VOCABULARIES` is the registry of the nine closed lists a record uses:
the schema takes each list's values from it, the field reference its heading
and descriptions, and the site's templates (``{{ p.sector|label("sektor") }}``)
and the PDFs its labels through :func:`label`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

SECTORS: dict[str, str] = {
    "air-limbah-domestik": "Air limbah domestik",
    "persampahan": "Persampahan",
    "drainase": "Drainase lingkungan",
    "air-minum": "Air minum",
    "perilaku-higiene": "Perilaku hidup bersih dan sehat",
    "sanitasi-lintas-sektor": "Sanitasi lintas sektor",
}

PRACTICE_TYPES: dict[str, str] = {
    "advokasi-komitmen": "Advokasi dan komitmen",
    "regulasi-kebijakan": "Regulasi dan kebijakan",
    "kelembagaan": "Kelembagaan",
    "pembiayaan-tarif": "Pembiayaan dan tarif",
    "operasional-layanan": "Operasional layanan",
    "partisipasi-masyarakat": "Partisipasi masyarakat",
    "data-teknologi": "Data dan teknologi",
    "peningkatan-kapasitas": "Peningkatan kapasitas",
    "kemitraan": "Kemitraan dan CSR",
}

# The 38 provinces of Indonesia (since the 2022 Papua split), official names.
PROVINCES: tuple[str, ...] = (
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Sumatera Selatan",
    "Kepulauan Bangka Belitung",
    "Bengkulu",
    "Lampung",
    "DKI Jakarta",
    "Jawa Barat",
    "Banten",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Gorontalo",
    "Sulawesi Tengah",
    "Sulawesi Barat",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Tengah",
    "Papua Pegunungan",
    "Papua Selatan",
)

INSTRUMENT_KINDS: dict[str, str] = {
    "undang-undang": "Undang-undang",
    "peraturan-pemerintah": "Peraturan Pemerintah (PP)",
    "peraturan-menteri": "Peraturan Menteri",
    "surat-edaran-menteri": "Surat Edaran Menteri",
    "perda": "Peraturan Daerah (Perda)",
    "pergub": "Peraturan Gubernur (Pergub)",
    "perwali": "Peraturan Wali Kota (Perwali)",
    "perbup": "Peraturan Bupati (Perbup)",
    "instruksi-wali-kota": "Instruksi Wali Kota",
    "instruksi-bupati": "Instruksi Bupati",
    "sk-kepala-daerah": "Surat Keputusan (SK) Kepala Daerah",
    "surat-edaran": "Surat Edaran Kepala Daerah",
    "nota-kesepahaman": "Nota Kesepahaman (MoU) / Perjanjian Kerja Sama",
    "dokumen-perencanaan": "Dokumen perencanaan (SSK, Buku Putih, RPJMD)",
    "lainnya": "Dokumen lain",
}

LEARNING_FORMS: dict[str, str] = {
    "telekonferensi": "Telekonferensi",
    "kunjungan-lapangan": "Kunjungan lapangan",
    "lokakarya": "Lokakarya",
    "pendampingan": "Pendampingan teknis",
    "twinning": "Twinning (mentor–mentee operator)",
    "studi-banding": "Studi banding",
    "pelatihan": "Pelatihan",
    "lainnya": "Bentuk lain",
}

REPLICATION_PHASES: dict[str, str] = {
    "identifikasi": "Identifikasi",
    "pembelajaran": "Pembelajaran",
    "uji-coba": "Uji coba",
    "penerapan": "Penerapan",
    "pelembagaan": "Pelembagaan",
}

REPLICATION_STATUSES: dict[str, str] = {
    "direncanakan": "Direncanakan",
    "berjalan": "Sedang berjalan",
    "diadopsi": "Diadopsi",
    "berhenti": "Berhenti",
    "tidak-diketahui": "Tidak diketahui",
}

# Ordered from weakest to strongest evidence.
EVIDENCE_LEVELS: dict[str, str] = {
    "klaim-sendiri": "Klaim sendiri",
    "terdokumentasi": "Terdokumentasi",
    "terverifikasi": "Terverifikasi",
    "terukur": "Terukur",
}

EVIDENCE_DESCRIPTIONS: dict[str, str] = {
    "klaim-sendiri": "Hanya berdasar pernyataan pelaksana; belum ada dokumen yang bisa diperiksa.",
    "terdokumentasi": "Ada dokumen atau pemberitaan yang bisa dibaca siapa saja.",
    "terverifikasi": "Pihak lain (program, mitra, peneliti) sudah memeriksa di lapangan.",
    "terukur": "Ada data hasil yang diukur, dengan sumber dan tahun.",
}

PRACTICE_STATUSES: dict[str, str] = {
    "berjalan": "Masih berjalan",
    "tersendat": "Tersendat",
    "berhenti": "Sudah berhenti",
    "tidak-diketahui": "Tidak diketahui",
}

MONTHS: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
"""Indonesian month names, January first: dates on pages, in PDFs and in hints."""


# ----------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Vocabulary:
    """One closed list: its key, what it names, and each value's label (and description)."""

    key: str
    """The name templates and code use: ``label("sektor", value)``."""
    noun: str
    """What a value is, in Indonesian (``jenis praktik``): the field reference's heading."""
    labels: Mapping[str, str]
    descriptions: Mapping[str, str] = field(default_factory=dict)

    @property
    def values(self) -> tuple[str, ...]:
        """The values a record may write, in reading order."""
        return tuple(self.labels)


VOCABULARIES: dict[str, Vocabulary] = {
    v.key: v
    for v in (
        Vocabulary("sektor", "sektor", SECTORS),
        Vocabulary("jenis", "jenis praktik", PRACTICE_TYPES),
        Vocabulary("provinsi", "provinsi", {p: p for p in PROVINCES}),
        Vocabulary("instrumen", "jenis instrumen", INSTRUMENT_KINDS),
        Vocabulary("bentuk", "bentuk pembelajaran", LEARNING_FORMS),
        Vocabulary("tahap", "tahap replikasi", REPLICATION_PHASES),
        Vocabulary("status_replikasi", "status replikasi", REPLICATION_STATUSES),
        Vocabulary("bukti", "tingkat bukti", EVIDENCE_LEVELS, EVIDENCE_DESCRIPTIONS),
        Vocabulary("status_praktik", "status praktik", PRACTICE_STATUSES),
    )
}
"""The nine closed lists of the practice record, in the order the field reference shows them."""


def label(vocabulary: str, value: str) -> str:
    """The reader's label of ``value`` in a vocabulary: ``label("sektor", "drainase")``."""
    return VOCABULARIES[vocabulary].labels[value]


def values(vocabulary: str) -> tuple[str, ...]:
    """The values of a vocabulary, in order (the schema's ``Literal`` types)."""
    return VOCABULARIES[vocabulary].values
