"""The rule registry: every rule ``replika validate`` can report, with its meaning.

A rule has a stable id (the ``[kode-aturan]`` in every message, and the
``rule`` of every :class:`generator.problems.Problem`), the group it belongs
to, an example of its message as the validator writes it, and what it means
and how to fix it, in plain Bahasa Indonesia. Code names a rule as a
:class:`Rule` member (``Rule.DOTTED_NUMBER``), never as text; the schema
raises ``PydanticCustomError(Rule.X, ...)`` so the id travels with the error.
``replika schema`` writes the registry to ``docs/kontribusi/pesan.md``
(:mod:`generator.messages`), and tests/test_messages_doc.py fails when code
names an id that is not registered here, or a registered id is never used.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    """Every rule id, in the order of the contributor guide."""

    YAML_SYNTAX = "yaml-syntax"
    CONTROL_CHAR = "control-char"
    BAD_VALUE = "bad-value"
    MARKDOWN_LIMIT = "markdown-limit"
    LONG_WORD = "long-word"
    TAB_INDENT = "tab-indent"
    DUPLICATE_KEY = "duplicate-key"
    YAML_ALIAS = "yaml-alias"
    YAML_TAG = "yaml-tag"
    COMPLEX_KEY = "complex-key"
    TOO_DEEP = "too-deep"
    NOT_A_MAPPING = "not-a-mapping"
    FILE_EMPTY = "file-empty"
    NOT_UTF8 = "not-utf8"
    FILE_TOO_LARGE = "file-too-large"
    FILE_UNREADABLE = "file-unreadable"
    SYMLINK = "symlink"
    NOT_A_FILE = "not-a-file"
    STRAY_FILE = "stray-file"
    MISSING_FIELD = "missing-field"
    EMPTY_FIELD = "empty-field"
    UNKNOWN_FIELD = "unknown-field"
    WRONG_TYPE = "wrong-type"
    NOT_IN_LIST = "not-in-list"
    TOO_SHORT = "too-short"
    TOO_LONG = "too-long"
    TOO_FEW = "too-few"
    TOO_MANY = "too-many"
    OUT_OF_RANGE = "out-of-range"
    BAD_FORMAT = "bad-format"
    INVALID_VALUE = "invalid-value"
    BAD_DATE = "bad-date"
    DOTTED_NUMBER = "dotted-number"
    BAD_URL = "bad-url"
    FIELD_IN_TEXT = "field-in-text"
    STATUS_DATE_MISSING = "status-date-missing"
    STATUS_NOTE_MISSING = "status-note-missing"
    UNCITED_SOURCE = "uncited-source"
    SOURCE_URL_IMAGE = "source-url-image"
    SOURCE_URL_DOMAIN_ONLY = "source-url-domain-only"
    SOURCE_URL_YEAR_ARCHIVE = "source-url-year-archive"
    SOURCE_URL_SOFT_HYPHEN = "source-url-soft-hyphen"
    BAD_ID = "bad-id"
    ID_TOO_LONG = "id-too-long"
    ID_FILENAME = "id-filename"
    DUPLICATE_ID = "duplicate-id"
    DUPLICATE_TITLE = "duplicate-title"
    UNKNOWN_REGION = "unknown-region"
    PROVINCE_MISMATCH = "province-mismatch"
    UNKNOWN_PROVINCE = "unknown-province"
    REPLICATION_MOVED = "replication-moved"
    JOURNEY_PRACTICE = "journey-practice"
    JOURNEY_FUTURE_SESSION = "journey-future-session"
    JOURNEY_UNSOURCED = "journey-unsourced"
    JOURNEY_DUPLICATE = "journey-duplicate"
    SELF_REPLICATION = "self-replication"
    DATE_ORDER = "date-order"
    TIMELINE_ORDER = "timeline-order"
    UNKNOWN_SOURCE = "unknown-source"
    DUPLICATE_SOURCE = "duplicate-source"
    UNKNOWN_PRACTICE = "unknown-practice"
    SELF_REFERENCE = "self-reference"
    DUPLICATE_REFERENCE = "duplicate-reference"
    REGIONS_MISSING = "regions-missing"
    REGION_NAME = "region-name"
    DUPLICATE_REGION = "duplicate-region"


@dataclass(frozen=True)
class RuleDoc:
    """One row of the contributor guide's list of messages."""

    group: str
    example: str
    """An example of the message, as the validator writes it."""
    meaning: str
    """What it means and how to fix it."""


# rule -> (group, example message as the validator writes it, what it means and the fix)
RULES: dict[Rule, RuleDoc] = {
    # --- reading the file
    Rule.YAML_SYNTAX: RuleDoc(
        "Menulis YAML",
        "YAML tidak valid: baris ini terbaca sebagai lanjutan teks kolom `masalah` (baris 7) "
        "tetapi kurang menjorok (tanpa spasi), sedangkan teksnya menjorok 2 spasi",
        "Penulisan YAML salah. Pesannya menyebut sebabnya dan baris yang harus diubah: "
        "indentasi yang tidak sejajar, titik dua `:` yang hilang, `: ` di tengah teks tanpa "
        "tanda kutip, tanda kutip yang tidak ditutup, teks setelah tanda kutip penutup, teks di "
        "baris yang sama dengan `>-`, teks yang diawali `@`, `` ` ``, `%`, `*`, `&` atau `!` "
        "tanpa tanda kutip, `[` atau `{` yang tidak ditutup, butir daftar tanpa spasi setelah "
        "`-`, atau `---` kedua di berkas. Ikuti sarannya.",
    ),
    Rule.CONTROL_CHAR: RuleDoc(
        "Menulis YAML",
        "ada karakter kendali U+001B (ESC) yang tidak terlihat di baris 12",
        "Hapus karakter itu; biasanya terbawa saat menyalin dari dokumen lain. Karakter kendali "
        "(ESC, BEL, NUL) dan pembalik arah teks tidak diizinkan.",
    ),
    Rule.BAD_VALUE: RuleDoc(
        "Menulis YAML",
        "angka terlalu besar (paling banyak 15 digit)",
        "Angka sebesar itu bukan data praktik; periksa salah ketik. Juga untuk tag `!!int`/"
        "`!!bool` yang isinya tidak cocok: hapus tag yang diawali `!!`.",
    ),
    Rule.MARKDOWN_LIMIT: RuleDoc(
        "Panjang dan bentuk teks",
        "teks ini memuat lebih dari 100 tanda `[`",
        "Kolom Markdown menerima Markdown sebaris (tebal, miring, tautan), bukan daftar "
        "bertingkat atau dokumen panjang; pendekkan atau sederhanakan (batas lengkap di "
        "`SECURITY.md`).",
    ),
    Rule.LONG_WORD: RuleDoc(
        "Panjang dan bentuk teks",
        "ada kata lebih dari 100 huruf tanpa spasi (`aaaaaaaaaaaaaaaaaaaa…`)",
        "Beri spasi di antara kata; teks sepanjang itu tidak bisa dipenggal dengan wajar di "
        "halaman maupun di PDF.",
    ),
    Rule.TAB_INDENT: RuleDoc(
        "Menulis YAML",
        "indentasi memakai karakter tab; YAML hanya menerima spasi",
        "Ganti tab dengan spasi (di editor web GitHub: pilih *Indent mode: Spaces*).",
    ),
    Rule.DUPLICATE_KEY: RuleDoc(
        "Menulis YAML",
        "kolom `judul` ditulis dua kali (pertama di baris 3)",
        "Satu kolom hanya boleh ditulis sekali di tempat yang sama; gabungkan isinya.",
    ),
    Rule.YAML_ALIAS: RuleDoc(
        "Menulis YAML",
        "penanda rujukan YAML (`&nama`, `*nama`) tidak diizinkan dalam catatan praktik",
        "Tulis isinya langsung. Teks yang memang diawali `*` atau `&` diapit tanda kutip ganda.",
    ),
    Rule.YAML_TAG: RuleDoc(
        "Menulis YAML",
        "tag YAML `!kota` tidak diizinkan",
        "Teks yang diawali `!` diapit tanda kutip ganda, atau hapus tanda `!`.",
    ),
    Rule.COMPLEX_KEY: RuleDoc(
        "Menulis YAML",
        "nama kolom harus berupa teks sederhana",
        "Nama kolom ditulis biasa, mis. `judul:`, bukan daftar atau `{...}`.",
    ),
    Rule.TOO_DEEP: RuleDoc(
        "Menulis YAML",
        "struktur bersarang lebih dari 40 tingkat",
        "Catatan praktik tidak pernah sedalam itu; periksa indentasinya.",
    ),
    Rule.NOT_A_MAPPING: RuleDoc(
        "Menulis YAML",
        "isi berkas harus berupa kumpulan kolom `nama: nilai`, bukan daftar",
        "Berkas dimulai dengan `id: nama-praktik`, bukan `- `.",
    ),
    Rule.FILE_EMPTY: RuleDoc(
        "Berkas",
        "berkas kosong",
        "Mulailah dari `practices/_templat.yaml` atau jalankan `replika new`.",
    ),
    Rule.NOT_UTF8: RuleDoc(
        "Berkas",
        "berkas bukan teks UTF-8 (bita 0xe1 tidak sah)",
        "Simpan ulang berkas dengan pengodean UTF-8.",
    ),
    Rule.FILE_TOO_LARGE: RuleDoc(
        "Berkas",
        "berkas terlalu besar (300 KiB; batasnya 256 KiB)",
        "Satu praktik cukup beberapa halaman teks; lampiran cukup ditautkan di `sumber`.",
    ),
    Rule.FILE_UNREADABLE: RuleDoc(
        "Berkas",
        "berkas tidak bisa dibaca: Permission denied",
        "Periksa izin berkasnya.",
    ),
    Rule.SYMLINK: RuleDoc(
        "Berkas",
        "berkas ini tautan simbolik (symlink); Replika tidak membaca berkas lewat tautan",
        "Salin isi catatan ke berkas biasa di `practices/` lalu hapus tautannya.",
    ),
    Rule.NOT_A_FILE: RuleDoc(
        "Berkas",
        "ini bukan berkas biasa (mis. perangkat, pipa atau soket); tidak dibaca",
        "Di `practices/` hanya boleh ada berkas teks `.yaml` (bukan perangkat, pipa, soket "
        "atau folder).",
    ),
    Rule.STRAY_FILE: RuleDoc(
        "Berkas",
        "akhiran berkas harus `.yaml`, bukan `.yml`",
        "Di `practices/` hanya ada catatan praktik `*.yaml` (dan berkas yang diawali `_`).",
    ),
    # --- the fields
    Rule.MISSING_FIELD: RuleDoc(
        "Kolom",
        "kolom wajib `ringkasan` belum diisi",
        "Tambahkan kolom itu; saran menyebut isinya.",
    ),
    Rule.EMPTY_FIELD: RuleDoc(
        "Kolom",
        "kolom `tingkat_bukti` kosong",
        "Baris `# ISI:` itu belum diisi. Tulis isinya setelah `nama:`; untuk kolom pilihan, "
        "saran menyebut pilihan yang ada.",
    ),
    Rule.UNKNOWN_FIELD: RuleDoc(
        "Kolom",
        "kolom `ringksan` tidak dikenal",
        "Salah ketik nama kolom (saran menyebut yang dimaksud), atau teks `>-` yang belum "
        "menjorok sehingga terbaca sebagai nama kolom.",
    ),
    Rule.WRONG_TYPE: RuleDoc(
        "Kolom",
        "`jumlah_rp` harus berupa angka bulat",
        "Isi kolom berbentuk lain dari yang diminta: angka, teks, daftar (`- `) atau kumpulan "
        "kolom. Rupiah ditulis angka saja: `Rp 1.500.000` menjadi `1500000`.",
    ),
    Rule.NOT_IN_LIST: RuleDoc(
        "Kolom",
        "nilai `sanitasi` tidak ada dalam pilihan `sektor`",
        "Salin salah satu pilihan yang disebut di saran, persis dengan tanda hubungnya.",
    ),
    Rule.TOO_SHORT: RuleDoc(
        "Kolom",
        "`ringkasan` terlalu pendek (minimal 20 karakter)",
        "Tulis satu atau dua kalimat lengkap. Periksa juga apakah teks di bawah `>-` menjorok.",
    ),
    Rule.TOO_LONG: RuleDoc(
        "Kolom",
        "`judul` terlalu panjang: 159 karakter, maksimal 140 karakter",
        "Persingkat; uraian panjang masuk ke `ringkasan` atau `masalah`.",
    ),
    Rule.TOO_FEW: RuleDoc(
        "Kolom",
        "`jenis` minimal berisi 1 butir",
        "Daftar itu tidak boleh kosong; tulis setiap butir di baris sendiri diawali `- `.",
    ),
    Rule.TOO_MANY: RuleDoc(
        "Kolom",
        "`label` berisi 30 butir, paling banyak 20 butir",
        "Pilih butir yang paling penting.",
    ),
    Rule.OUT_OF_RANGE: RuleDoc(
        "Kolom",
        "`sesi` = 0: paling kecil 1",
        "Angkanya di luar batas yang masuk akal untuk kolom itu.",
    ),
    Rule.BAD_FORMAT: RuleDoc(
        "Kolom",
        "`Bukan Id` tidak sesuai bentuk yang diminta untuk `id`",
        "Tulis dalam bentuk yang disebut saran.",
    ),
    Rule.INVALID_VALUE: RuleDoc(
        "Kolom",
        "nilai `x` tidak bisa dipakai untuk `judul`",
        "Isi kolom tidak sesuai; saran menyebut isi yang diminta.",
    ),
    Rule.BAD_DATE: RuleDoc(
        "Tanggal, angka, tautan",
        "tanggal `27/01/2020` tidak dikenali; tulis tahun (`2018`), bulan (`2018-04`) atau "
        "tanggal lengkap (`2018-04-22`)",
        "Tulis tahun-bulan-tanggal: `2020-01-27` (atau `2020-01`, atau `2020`). Saran menyebut "
        "tanggal yang dimaksud; cocokkan dulu dengan sumbernya. Tanggal `diperiksa` tidak "
        "boleh di masa depan.",
    ),
    Rule.DOTTED_NUMBER: RuleDoc(
        "Tanggal, angka, tautan",
        "angka `1.250` memakai titik ribuan; tulis `1250` (titik dibaca sebagai desimal oleh YAML)",
        "Hapus titiknya: `1250`. Titik hanya untuk desimal (`5.4`).",
    ),
    Rule.BAD_URL: RuleDoc(
        "Tanggal, angka, tautan",
        "tautan `www.contoh.go.id` bukan alamat web yang sah; harus diawali `https://` atau "
        "`http://`",
        "Salin alamat lengkapnya dari peramban, diawali `https://`.",
    ),
    Rule.FIELD_IN_TEXT: RuleDoc(
        "Menulis YAML",
        "baris `sumber: …` ini terbaca sebagai bagian teks kolom di atasnya, bukan sebagai kolom",
        "Baris kolom itu menjorok terlalu dalam sehingga ikut menjadi teks kolom di atasnya; "
        "sejajarkan dengan kolom lain di tingkat yang sama.",
    ),
    Rule.STATUS_DATE_MISSING: RuleDoc(
        "Antarkolom dan antarcatatan",
        "status `berjalan` belum disertai `status_per`",
        "Tulis `status_per:` berisi tanggal bukti terbaru untuk status itu (mis. `2024-05`); bila "
        "tidak ada bukti bertanggal, tulis `status: tidak-diketahui`.",
    ),
    Rule.STATUS_NOTE_MISSING: RuleDoc(
        "Antarkolom dan antarcatatan",
        "status `tersendat` belum disertai `status_keterangan`",
        "Tulis `status_keterangan:` yang menjelaskan menurut sumbernya mengapa praktik berhenti "
        "atau tersendat.",
    ),
    Rule.UNCITED_SOURCE: RuleDoc(
        "Antarkolom dan antarcatatan",
        "sumber `tribun-2019` tidak dirujuk di bagian mana pun dari catatan ini",
        "Tulis `sumber: kodenya` pada linimasa, hasil, biaya, instrumen, kontak, "
        "`lama_penerapan`, perbedaan data atau replikasi yang didukungnya; bila sumber itu tidak "
        "mendukung apa pun, hapus dari daftar `sumber`.",
    ),
    Rule.SOURCE_URL_IMAGE: RuleDoc(
        "Tanggal, angka, tautan",
        "url sumber menunjuk ke berkas gambar, bukan ke halaman berita atau dokumen",
        "Salin alamat halaman beritanya; bila tidak ditemukan, hapus sumber itu beserta klaim "
        "yang hanya bersandar padanya.",
    ),
    Rule.SOURCE_URL_DOMAIN_ONLY: RuleDoc(
        "Tanggal, angka, tautan",
        "url sumber hanya nama situs (`www.contoh.go.id`), tanpa halaman",
        "Tulis alamat lengkap halaman yang memuat klaimnya, bukan halaman depan situs.",
    ),
    Rule.SOURCE_URL_YEAR_ARCHIVE: RuleDoc(
        "Tanggal, angka, tautan",
        "url sumber adalah arsip tahunan (`/2023/`), bukan satu halaman",
        "Buka tulisan yang dimaksud di arsip itu dan salin alamat tulisan tersebut.",
    ),
    Rule.SOURCE_URL_SOFT_HYPHEN: RuleDoc(
        "Tanggal, angka, tautan",
        "url sumber mengandung tanda hubung lunak (U+00AD, `%C2%AD`) yang tak terlihat",
        "Salin ulang alamatnya dari bilah alamat peramban; saran menunjukkan alamat tanpa "
        "tanda itu.",
    ),
    Rule.BAD_ID: RuleDoc(
        "Tanggal, angka, tautan",
        "id hanya boleh huruf kecil, angka dan tanda hubung",
        "Mis. `bank-sampah-balikpapan`; sama dengan nama berkas tanpa `.yaml`.",
    ),
    Rule.ID_TOO_LONG: RuleDoc(
        "Tanggal, angka, tautan",
        "id terlalu panjang: 95 karakter, maksimal 80 karakter",
        "Pendekkan id (dan nama berkasnya): cukup pokok praktik dan daerahnya, mis. "
        "`bank-sampah-balikpapan`.",
    ),
    # --- between fields and records
    Rule.ID_FILENAME: RuleDoc(
        "Antarkolom dan antarcatatan",
        "id `x` tidak sama dengan nama berkas `y`",
        "Samakan `id` dengan nama berkas tanpa `.yaml`.",
    ),
    Rule.DUPLICATE_ID: RuleDoc(
        "Antarkolom dan antarcatatan",
        "id `bank-sampah-blitar` sudah dipakai practices/bank-sampah-blitar.yaml",
        "Setiap praktik punya id sendiri.",
    ),
    Rule.DUPLICATE_TITLE: RuleDoc(
        "Antarkolom dan antarcatatan",
        "judul yang sama sudah dipakai practices/bank-sampah-blitar.yaml",
        "Bedakan judulnya, mis. dengan nama daerah.",
    ),
    Rule.UNKNOWN_REGION: RuleDoc(
        "Antarkolom dan antarcatatan",
        "daerah `Kota Balikpapn` tidak ada di daftar daerah",
        "Tulis nama resmi kota/kabupaten persis seperti di `practices/_wilayah.yaml`, diawali "
        "`Kota` atau `Kabupaten`; saran menyebut nama yang paling mirip. Daftar itu memuat "
        "semua 514 kota dan kabupaten: tidak perlu menambah daerah.",
    ),
    Rule.PROVINCE_MISMATCH: RuleDoc(
        "Antarkolom dan antarcatatan",
        "`Kota Blitar` ada di provinsi Jawa Timur, bukan Jawa Tengah",
        "Ganti `provinsi` sesuai saran.",
    ),
    Rule.UNKNOWN_PROVINCE: RuleDoc(
        "Antarkolom dan antarcatatan",
        "provinsi `Sulawesi Tengara` tidak dikenal",
        "Tulis salah satu dari 38 provinsi dengan nama resminya.",
    ),
    Rule.REPLICATION_MOVED: RuleDoc(
        "Antarkolom dan antarcatatan",
        "`replikasi` di catatan praktik sudah tidak dipakai; perjalanan belajar dicatat di "
        "`practices/pembelajaran/`",
        "Pindahkan setiap pasangan mentor → mentee ke satu berkas "
        "`practices/pembelajaran/<id>.yaml` (`replika new --pembelajaran`), lalu tulis "
        "`replikasi: []`.",
    ),
    Rule.JOURNEY_PRACTICE: RuleDoc(
        "Perjalanan belajar",
        "praktik `l2t2-kendary` tidak ada di `practices/`",
        "Di `praktik` sebuah perjalanan belajar, tulis id catatan praktik yang ada (nama berkas "
        "tanpa `.yaml`), atau tambahkan catatan praktiknya lebih dulu.",
    ),
    Rule.JOURNEY_FUTURE_SESSION: RuleDoc(
        "Perjalanan belajar",
        "sesi `terlaksana` bertanggal `2031-02-03`, sesudah hari ini",
        "Sesi yang belum berlangsung ditulis `pelaksanaan: direncanakan`.",
    ),
    Rule.JOURNEY_UNSOURCED: RuleDoc(
        "Perjalanan belajar",
        "status `diadopsi` tanpa `status_sumber`",
        "Status `berjalan` atau `diadopsi` wajib menyebut sumber di `status_sumber`, dan sesi "
        "`terlaksana` wajib punya `sumber`. Tanpa sumber, tulis `status: tidak-diketahui` atau "
        "`pelaksanaan: direncanakan` dan jelaskan di `celah_bukti`.",
    ),
    Rule.JOURNEY_DUPLICATE: RuleDoc(
        "Perjalanan belajar",
        "perjalanan Kota Kendari → Kota Blitar untuk praktik `l2t2-kendari` sudah dicatat di "
        "practices/pembelajaran/kendari-blitar-2020.yaml",
        "Satu pasangan mentor → mentee dicatat di satu berkas; tambahkan sesi atau hasil ke "
        "berkas itu, jangan menyalinnya.",
    ),
    Rule.SELF_REPLICATION: RuleDoc(
        "Antarkolom dan antarcatatan",
        "`Kota Blitar` tidak bisa menjadi mentor bagi dirinya sendiri",
        "Di `replikasi`, `daerah` adalah yang belajar; `mentor` daerah lain.",
    ),
    Rule.DATE_ORDER: RuleDoc(
        "Antarkolom dan antarcatatan",
        "`selesai` lebih awal dari `mulai`",
        "Periksa kedua tanggal; `selesai` boleh dikosongkan.",
    ),
    Rule.TIMELINE_ORDER: RuleDoc(
        "Antarkolom dan antarcatatan",
        "linimasa tidak urut: tonggak ini lebih awal dari 2019",
        "Urutkan tonggak dari yang paling lama ke yang terbaru.",
    ),
    Rule.UNKNOWN_SOURCE: RuleDoc(
        "Antarkolom dan antarcatatan",
        "sumber `bps-2020` tidak ada di daftar `sumber` catatan ini",
        "Daftarkan sumbernya di bagian `sumber` paling bawah, atau samakan kodenya bila salah "
        "ketik. Jangan merujuk sumber yang tidak memuat angka atau peristiwa itu.",
    ),
    Rule.DUPLICATE_SOURCE: RuleDoc(
        "Antarkolom dan antarcatatan",
        "kode sumber `bps-2020` dipakai dua kali",
        "Setiap sumber didaftarkan sekali; kode dan url tidak boleh kembar.",
    ),
    Rule.UNKNOWN_PRACTICE: RuleDoc(
        "Antarkolom dan antarcatatan",
        "praktik `l2t2-kendary` tidak ada",
        "Rujukan ke praktik lain memakai id-nya (nama berkas tanpa `.yaml`).",
    ),
    Rule.SELF_REFERENCE: RuleDoc(
        "Antarkolom dan antarcatatan",
        "praktik tidak perlu merujuk dirinya sendiri",
        "Hapus rujukan itu dari `terkait`.",
    ),
    Rule.DUPLICATE_REFERENCE: RuleDoc(
        "Antarkolom dan antarcatatan",
        "`l2t2-kendari` sudah ditulis di `terkait`",
        "Hapus salah satunya.",
    ),
    # --- the region registry (maintainers)
    Rule.REGIONS_MISSING: RuleDoc(
        "Daftar daerah (pengelola)",
        "daftar daerah `practices/_wilayah.yaml` tidak ada",
        "Buat ulang dengan `python3 -m generator.wilayah`.",
    ),
    Rule.REGION_NAME: RuleDoc(
        "Daftar daerah (pengelola)",
        "nama daerah `Bandung` harus diawali `Kota` atau `Kabupaten`",
        "Jangan mengubah daftar dengan tangan; perbarui dengan `python3 -m generator.wilayah`.",
    ),
    Rule.DUPLICATE_REGION: RuleDoc(
        "Daftar daerah (pengelola)",
        "daerah `Kota Bandung` tercatat dua kali",
        "Perbarui daftar dengan `python3 -m generator.wilayah`.",
    ),
}
