"""Closed lists (controlled vocabularies) of the practice record.

Each list maps the value written in a record (a short kebab-case slug that a
contributor can type) to the label shown to readers. The schema, the JSON
Schema, the field reference, the site and the PDFs all read these dicts, so a
new value is added here and nowhere else.
"""

from __future__ import annotations

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
