"""The GitHub issue form «Usulan praktik baik», generated from the schema's vocabularies.

Like the field reference (:mod:`generator.schemadoc`), the form is a
contributor document derived from :mod:`generator.vocab`: ``replika schema``
writes it to :data:`FORM_FILE` and ``replika schema --check`` fails when the
committed copy drifts. :data:`FORM` is also what ``replika from-issue``
(:mod:`generator.scaffold.issue_parser`) reads the rendered answers by.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import vocab


@dataclass(frozen=True)
class FormField:
    """One question of the issue form and how its answer becomes record data."""

    key: str  # form element id (also the record field it feeds, mostly)
    label: str
    kind: str  # input | textarea | dropdown
    required: bool
    description: str
    placeholder: str = ""
    options: tuple[str, ...] = ()
    multiple: bool = False


_SEP = "Pisahkan bagian-bagiannya dengan `|`."

FORM: tuple[FormField, ...] = (
    FormField(
        "judul",
        "Judul praktik",
        "input",
        True,
        "Maksimal 140 karakter; sebut nama daerahnya.",
        "Layanan Lumpur Tinja Terjadwal Kota Kendari dengan ASN sebagai pelanggan pertama",
    ),
    FormField(
        "daerah",
        "Kota/kabupaten asal",
        "input",
        True,
        "Nama resmi, diawali Kota atau Kabupaten, seperti di practices/_wilayah.yaml.",
        "Kota Kendari",
    ),
    FormField(
        "provinsi",
        "Provinsi",
        "dropdown",
        True,
        "Provinsi daerah asal.",
        options=tuple(vocab.PROVINCES),
    ),
    FormField(
        "sektor",
        "Sektor",
        "dropdown",
        True,
        "Sektor sanitasi praktik ini.",
        options=tuple(vocab.SECTORS.values()),
    ),
    FormField(
        "jenis",
        "Jenis praktik",
        "dropdown",
        True,
        "Satu atau lebih.",
        options=tuple(vocab.PRACTICE_TYPES.values()),
        multiple=True,
    ),
    FormField(
        "ringkasan",
        "Ringkasan",
        "textarea",
        True,
        "Satu paragraf untuk pembaca yang sibuk: apa praktiknya, siapa pelakunya, apa hasilnya.",
    ),
    FormField(
        "masalah",
        "Masalah yang dipecahkan",
        "textarea",
        True,
        "Masalah dan konteks daerah sebelum praktik ini dimulai.",
    ),
    FormField(
        "mulai",
        "Tahun mulai",
        "input",
        False,
        "Tahun (atau bulan) praktik ini sendiri mulai berjalan, bila sumber menyebutnya: "
        "`2018` atau `2018-04` (boleh kosong).",
        "2018",
    ),
    FormField(
        "linimasa",
        "Linimasa",
        "textarea",
        True,
        "Satu tonggak per baris, dari yang terlama: `tanggal | peristiwa | nomor sumber`. "
        "Tanggal boleh tahun (2018), bulan (2018-04) atau lengkap (2018-04-22); "
        "nomor sumber (urutan di bagian Sumber) boleh dikosongkan.",
        "2018-04-22 | Instruksi Wali Kota tentang layanan lumpur tinja terbit | 1",
    ),
    FormField(
        "langkah",
        "Langkah-langkah",
        "textarea",
        True,
        "Satu langkah per baris, berurutan.",
        "Wali kota menerbitkan instruksi agar ASN berlangganan lebih dulu",
    ),
    FormField(
        "pelaku",
        "Pelaku",
        "textarea",
        True,
        "Satu lembaga per baris: `nama lembaga | perannya`. Jangan tulis nama atau nomor pribadi.",
        "Pokja Sanitasi Kota Kendari | Menggerakkan kebijakan dan memantau target",
    ),
    FormField(
        "kontak",
        "Kontak lembaga",
        "textarea",
        False,
        "Satu kontak per baris: `unit kerja | alamat, telepon kantor, surel atau situs resmi | "
        "nomor sumber`, hanya dari sumber publik; bukan nama atau nomor pribadi (boleh kosong).",
        "Dinas PU Kota Contoh | https://pu.contoh.go.id | 2",
    ),
    FormField(
        "lama_penerapan",
        "Lama penerapan",
        "input",
        False,
        "Berapa lama dari keputusan sampai layanan pertama, dengan nomor sumbernya: "
        "`sekitar empat bulan | 1` (boleh kosong).",
    ),
    FormField(
        "pelajaran",
        "Pelajaran",
        "textarea",
        True,
        "Satu pelajaran per baris.",
    ),
    FormField(
        "kesiapan",
        "Daftar periksa kesiapan",
        "textarea",
        True,
        "Pertanyaan ya/tidak untuk daerah yang ingin meniru, satu per baris.",
        "Apakah kepala daerah bersedia menandatangani instruksi?",
    ),
    FormField(
        "syarat_keberhasilan",
        "Syarat keberhasilan",
        "textarea",
        False,
        "Kondisi yang membuat praktik berhasil, satu per baris (boleh kosong).",
    ),
    FormField(
        "risiko",
        "Risiko",
        "textarea",
        False,
        "Risiko dan kegagalan yang pernah terjadi, satu per baris (boleh kosong).",
    ),
    FormField(
        "celah_bukti",
        "Celah bukti",
        "textarea",
        False,
        "Hal yang belum diketahui atau tidak ditemukan di sumber, satu per baris "
        "(bukan risiko; boleh kosong).",
        "Jumlah pelanggan sesudah 2020 tidak ditemukan.",
    ),
    FormField(
        "hasil",
        "Hasil dan biaya (bebas)",
        "textarea",
        False,
        "Angka hasil, biaya atau tarif beserta tahun dan nomor sumbernya, bebas. "
        "Pengelola akan merapikannya menjadi kolom `hasil` dan `biaya`.",
        "325 ASN terdaftar sebagai pelanggan (2018) [1]",
    ),
    FormField(
        "tingkat_bukti",
        "Tingkat bukti",
        "dropdown",
        True,
        "; ".join(
            f"{label}: {vocab.EVIDENCE_DESCRIPTIONS[s]}"
            for s, label in vocab.EVIDENCE_LEVELS.items()
        ),
        options=tuple(vocab.EVIDENCE_LEVELS.values()),
    ),
    FormField(
        "status",
        "Status praktik",
        "dropdown",
        True,
        "Apakah praktik ini masih berjalan?",
        options=tuple(vocab.PRACTICE_STATUSES.values()),
    ),
    FormField(
        "status_per",
        "Tanggal bukti terbaru untuk status",
        "input",
        False,
        "Tanggal berita atau dokumen terbaru yang menunjukkan status itu: `2024`, `2024-05` "
        "atau `2024-05-29`. Wajib kecuali status «Tidak diketahui».",
        "2024-05",
    ),
    FormField(
        "status_keterangan",
        "Keterangan status",
        "textarea",
        False,
        "Mengapa praktik berhenti atau tersendat (wajib untuk kedua status itu), atau dari "
        "mana status diketahui (boleh kosong bila masih berjalan).",
    ),
    FormField(
        "sumber",
        "Sumber",
        "textarea",
        True,
        "Satu sumber per baris: `judul | penerbit | tanggal | alamat web`. "
        "Tanggal boleh dikosongkan. " + _SEP,
        "LENTERA, Program LLTT Non-Tunai Yang Mudahkan ASN | NAWASIS | 2018-08-15 | "
        "https://nawasis.org/portal/berita/read/-lentera-program-lltt-non-tunai-yang-mudahkan-asn/51501",
    ),
    FormField(
        "tag",
        "Kata kunci",
        "input",
        False,
        "Dipisahkan koma (boleh kosong).",
        "lltt, tangki septik",
    ),
)

FORM_FILE = Path(".github/ISSUE_TEMPLATE/usulan-praktik.yml")


_HEADER = (
    "# Dihasilkan oleh `replika schema` dari generator/issueform.py (FORM) dan\n"
    "# generator/vocab.py. Jangan disunting langsung; `replika schema --check` gagal bila\n"
    "# berkas ini berbeda.\n"
)

_INTRO = (
    "Terima kasih! Isi formulir ini untuk mengusulkan praktik baik tanpa menulis "
    "YAML. Pengelola akan mengubahnya menjadi catatan praktik dengan "
    "`replika from-issue` dan membuka pull request. Setiap angka perlu sumber: "
    "tulis sumbernya di bagian **Sumber** dan rujuk nomornya. Jangan tulis data "
    "pribadi (nama orang, nomor telepon)."
)


def _form_element(spec: FormField) -> dict[str, Any]:
    """One question as a GitHub issue-form body element."""
    attributes: dict[str, Any] = {"label": spec.label, "description": spec.description}
    if spec.placeholder and spec.kind != "dropdown":
        attributes["placeholder"] = spec.placeholder
    if spec.kind == "dropdown":
        attributes["options"] = list(spec.options)
        if spec.multiple:
            attributes["multiple"] = True
    return {
        "type": spec.kind,
        "id": spec.key,
        "attributes": attributes,
        "validations": {"required": spec.required},
    }


def _consent_element() -> dict[str, Any]:
    """The two statements a contributor ticks before submitting."""
    return {
        "type": "checkboxes",
        "id": "persetujuan",
        "attributes": {
            "label": "Pernyataan",
            "options": [
                {
                    "label": "Setiap angka yang saya tulis punya sumber yang bisa dibaca publik.",
                    "required": True,
                },
                {
                    "label": "Isi usulan ini boleh diterbitkan dengan lisensi terbuka proyek.",
                    "required": True,
                },
            ],
        },
    }


def issue_form_yaml() -> str:
    """The GitHub issue form, generated so its choices always match :mod:`generator.vocab`."""
    body: list[dict[str, Any]] = [
        {"type": "markdown", "attributes": {"value": _INTRO}},
        *(_form_element(spec) for spec in FORM),
        _consent_element(),
    ]
    form = {
        "name": "Usulan praktik baik",
        "description": "Usulkan praktik sanitasi yang dapat direplikasi, tanpa menulis YAML.",
        "title": "[Usulan praktik]: ",
        "labels": ["usulan-praktik"],
        "body": body,
    }
    return _HEADER + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)
