"""The contributor guide's list of validator messages, one row per rule id.

Every rule id that ``replika validate`` can emit is listed here with an
example of its message and what to do about it; ``replika schema`` writes the
list to ``docs/kontribusi/pesan.md``. A test reads the validator's source for
every rule id it can emit and fails when one is missing here.
"""

from __future__ import annotations

from pathlib import Path

MESSAGES_PATH = Path("docs/kontribusi/pesan.md")

# rule id -> (group, example message as the validator writes it, what it means and the fix)
RULES: dict[str, tuple[str, str, str]] = {
    # --- reading the file
    "yaml-syntax": (
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
    "control-char": (
        "Menulis YAML",
        "ada karakter kendali U+001B (ESC) yang tidak terlihat di baris 12",
        "Hapus karakter itu; biasanya terbawa saat menyalin dari dokumen lain. Karakter kendali "
        "(ESC, BEL, NUL) dan pembalik arah teks tidak diizinkan.",
    ),
    "bad-value": (
        "Menulis YAML",
        "angka terlalu besar (paling banyak 15 digit)",
        "Angka sebesar itu bukan data praktik; periksa salah ketik. Juga untuk tag `!!int`/"
        "`!!bool` yang isinya tidak cocok: hapus tag yang diawali `!!`.",
    ),
    "markdown-limit": (
        "Panjang dan bentuk teks",
        "teks ini memuat lebih dari 100 tanda `[`",
        "Kolom Markdown menerima Markdown sebaris (tebal, miring, tautan), bukan daftar "
        "bertingkat atau dokumen panjang; pendekkan atau sederhanakan (batas lengkap di "
        "`SECURITY.md`).",
    ),
    "long-word": (
        "Panjang dan bentuk teks",
        "ada kata lebih dari 100 huruf tanpa spasi (`aaaaaaaaaaaaaaaaaaaa…`)",
        "Beri spasi di antara kata; teks sepanjang itu tidak bisa dipenggal dengan wajar di "
        "halaman maupun di PDF.",
    ),
    "tab-indent": (
        "Menulis YAML",
        "indentasi memakai karakter tab; YAML hanya menerima spasi",
        "Ganti tab dengan spasi (di editor web GitHub: pilih *Indent mode: Spaces*).",
    ),
    "duplicate-key": (
        "Menulis YAML",
        "kolom `judul` ditulis dua kali (pertama di baris 3)",
        "Satu kolom hanya boleh ditulis sekali di tempat yang sama; gabungkan isinya.",
    ),
    "yaml-alias": (
        "Menulis YAML",
        "penanda rujukan YAML (`&nama`, `*nama`) tidak diizinkan dalam catatan praktik",
        "Tulis isinya langsung. Teks yang memang diawali `*` atau `&` diapit tanda kutip ganda.",
    ),
    "yaml-tag": (
        "Menulis YAML",
        "tag YAML `!kota` tidak diizinkan",
        "Teks yang diawali `!` diapit tanda kutip ganda, atau hapus tanda `!`.",
    ),
    "complex-key": (
        "Menulis YAML",
        "nama kolom harus berupa teks sederhana",
        "Nama kolom ditulis biasa, mis. `judul:`, bukan daftar atau `{...}`.",
    ),
    "too-deep": (
        "Menulis YAML",
        "struktur bersarang lebih dari 40 tingkat",
        "Catatan praktik tidak pernah sedalam itu; periksa indentasinya.",
    ),
    "not-a-mapping": (
        "Menulis YAML",
        "isi berkas harus berupa kumpulan kolom `nama: nilai`, bukan daftar",
        "Berkas dimulai dengan `id: nama-praktik`, bukan `- `.",
    ),
    "file-empty": (
        "Berkas",
        "berkas kosong",
        "Mulailah dari `practices/_templat.yaml` atau jalankan `replika new`.",
    ),
    "not-utf8": (
        "Berkas",
        "berkas bukan teks UTF-8 (bita 0xe1 tidak sah)",
        "Simpan ulang berkas dengan pengodean UTF-8.",
    ),
    "file-too-large": (
        "Berkas",
        "berkas terlalu besar (300 KiB; batasnya 256 KiB)",
        "Satu praktik cukup beberapa halaman teks; lampiran cukup ditautkan di `sumber`.",
    ),
    "file-unreadable": (
        "Berkas",
        "berkas tidak bisa dibaca: Permission denied",
        "Periksa izin berkasnya.",
    ),
    "stray-file": (
        "Berkas",
        "akhiran berkas harus `.yaml`, bukan `.yml`",
        "Di `practices/` hanya ada catatan praktik `*.yaml` (dan berkas yang diawali `_`).",
    ),
    # --- the fields
    "missing-field": (
        "Kolom",
        "kolom wajib `ringkasan` belum diisi",
        "Tambahkan kolom itu; saran menyebut isinya.",
    ),
    "empty-field": (
        "Kolom",
        "kolom `tingkat_bukti` kosong",
        "Baris `# ISI:` itu belum diisi. Tulis isinya setelah `nama:`; untuk kolom pilihan, "
        "saran menyebut pilihan yang ada.",
    ),
    "unknown-field": (
        "Kolom",
        "kolom `ringksan` tidak dikenal",
        "Salah ketik nama kolom (saran menyebut yang dimaksud), atau teks `>-` yang belum "
        "menjorok sehingga terbaca sebagai nama kolom.",
    ),
    "wrong-type": (
        "Kolom",
        "`jumlah_rp` harus berupa angka bulat",
        "Isi kolom berbentuk lain dari yang diminta: angka, teks, daftar (`- `) atau kumpulan "
        "kolom. Rupiah ditulis angka saja: `Rp 1.500.000` menjadi `1500000`.",
    ),
    "not-in-list": (
        "Kolom",
        "nilai `sanitasi` tidak ada dalam pilihan `sektor`",
        "Salin salah satu pilihan yang disebut di saran, persis dengan tanda hubungnya.",
    ),
    "too-short": (
        "Kolom",
        "`ringkasan` terlalu pendek (minimal 20 karakter)",
        "Tulis satu atau dua kalimat lengkap. Periksa juga apakah teks di bawah `>-` menjorok.",
    ),
    "too-long": (
        "Kolom",
        "`judul` terlalu panjang: 159 karakter, maksimal 140 karakter",
        "Persingkat; uraian panjang masuk ke `ringkasan` atau `masalah`.",
    ),
    "too-few": (
        "Kolom",
        "`jenis` minimal berisi 1 butir",
        "Daftar itu tidak boleh kosong; tulis setiap butir di baris sendiri diawali `- `.",
    ),
    "too-many": (
        "Kolom",
        "`label` berisi 30 butir, paling banyak 20 butir",
        "Pilih butir yang paling penting.",
    ),
    "out-of-range": (
        "Kolom",
        "`sesi` = 0: paling kecil 1",
        "Angkanya di luar batas yang masuk akal untuk kolom itu.",
    ),
    "bad-format": (
        "Kolom",
        "`Bukan Id` tidak sesuai bentuk yang diminta untuk `id`",
        "Tulis dalam bentuk yang disebut saran.",
    ),
    "invalid-value": (
        "Kolom",
        "nilai `x` tidak bisa dipakai untuk `judul`",
        "Isi kolom tidak sesuai; saran menyebut isi yang diminta.",
    ),
    "bad-date": (
        "Tanggal, angka, tautan",
        "tanggal `27/01/2020` tidak dikenali; tulis tahun (`2018`), bulan (`2018-04`) atau "
        "tanggal lengkap (`2018-04-22`)",
        "Tulis tahun-bulan-tanggal: `2020-01-27` (atau `2020-01`, atau `2020`). Saran menyebut "
        "tanggal yang dimaksud; cocokkan dulu dengan sumbernya. Tanggal `diperiksa` tidak "
        "boleh di masa depan.",
    ),
    "dotted-number": (
        "Tanggal, angka, tautan",
        "angka `1.250` memakai titik ribuan; tulis `1250` (titik dibaca sebagai desimal oleh YAML)",
        "Hapus titiknya: `1250`. Titik hanya untuk desimal (`5.4`).",
    ),
    "bad-url": (
        "Tanggal, angka, tautan",
        "tautan `www.contoh.go.id` bukan alamat web yang sah; harus diawali `https://` atau "
        "`http://`",
        "Salin alamat lengkapnya dari peramban, diawali `https://`.",
    ),
    "field-in-text": (
        "Menulis YAML",
        "baris `sumber: …` ini terbaca sebagai bagian teks kolom di atasnya, bukan sebagai kolom",
        "Baris kolom itu menjorok terlalu dalam sehingga ikut menjadi teks kolom di atasnya; "
        "sejajarkan dengan kolom lain di tingkat yang sama.",
    ),
    "status-date-missing": (
        "Antarkolom dan antarcatatan",
        "status `berjalan` belum disertai `status_per`",
        "Tulis `status_per:` berisi tanggal bukti terbaru untuk status itu (mis. `2024-05`); bila "
        "tidak ada bukti bertanggal, tulis `status: tidak-diketahui`.",
    ),
    "status-note-missing": (
        "Antarkolom dan antarcatatan",
        "status `tersendat` belum disertai `status_keterangan`",
        "Tulis `status_keterangan:` yang menjelaskan menurut sumbernya mengapa praktik berhenti "
        "atau tersendat.",
    ),
    "uncited-source": (
        "Antarkolom dan antarcatatan",
        "sumber `tribun-2019` tidak dirujuk di bagian mana pun dari catatan ini",
        "Tulis `sumber: kodenya` pada linimasa, hasil, biaya, instrumen, kontak, "
        "`lama_penerapan`, perbedaan data atau replikasi yang didukungnya; bila sumber itu tidak "
        "mendukung apa pun, hapus dari daftar `sumber`.",
    ),
    "source-url-image": (
        "Tanggal, angka, tautan",
        "url sumber menunjuk ke berkas gambar, bukan ke halaman berita atau dokumen",
        "Salin alamat halaman beritanya; bila tidak ditemukan, hapus sumber itu beserta klaim "
        "yang hanya bersandar padanya.",
    ),
    "source-url-domain-only": (
        "Tanggal, angka, tautan",
        "url sumber hanya nama situs (`www.contoh.go.id`), tanpa halaman",
        "Tulis alamat lengkap halaman yang memuat klaimnya, bukan halaman depan situs.",
    ),
    "source-url-year-archive": (
        "Tanggal, angka, tautan",
        "url sumber adalah arsip tahunan (`/2023/`), bukan satu halaman",
        "Buka tulisan yang dimaksud di arsip itu dan salin alamat tulisan tersebut.",
    ),
    "source-url-soft-hyphen": (
        "Tanggal, angka, tautan",
        "url sumber mengandung tanda hubung lunak (U+00AD, `%C2%AD`) yang tak terlihat",
        "Salin ulang alamatnya dari bilah alamat peramban; saran menunjukkan alamat tanpa "
        "tanda itu.",
    ),
    "bad-id": (
        "Tanggal, angka, tautan",
        "id hanya boleh huruf kecil, angka dan tanda hubung",
        "Mis. `bank-sampah-balikpapan`; sama dengan nama berkas tanpa `.yaml`.",
    ),
    # --- between fields and records
    "id-filename": (
        "Antarkolom dan antarcatatan",
        "id `x` tidak sama dengan nama berkas `y`",
        "Samakan `id` dengan nama berkas tanpa `.yaml`.",
    ),
    "duplicate-id": (
        "Antarkolom dan antarcatatan",
        "id `bank-sampah-blitar` sudah dipakai practices/bank-sampah-blitar.yaml",
        "Setiap praktik punya id sendiri.",
    ),
    "duplicate-title": (
        "Antarkolom dan antarcatatan",
        "judul yang sama sudah dipakai practices/bank-sampah-blitar.yaml",
        "Bedakan judulnya, mis. dengan nama daerah.",
    ),
    "unknown-region": (
        "Antarkolom dan antarcatatan",
        "daerah `Kota Balikpapn` tidak ada di daftar daerah",
        "Tulis nama resmi kota/kabupaten persis seperti di `practices/_wilayah.yaml`, diawali "
        "`Kota` atau `Kabupaten`; saran menyebut nama yang paling mirip. Daftar itu memuat "
        "semua 514 kota dan kabupaten: tidak perlu menambah daerah.",
    ),
    "province-mismatch": (
        "Antarkolom dan antarcatatan",
        "`Kota Blitar` ada di provinsi Jawa Timur, bukan Jawa Tengah",
        "Ganti `provinsi` sesuai saran.",
    ),
    "unknown-province": (
        "Antarkolom dan antarcatatan",
        "provinsi `Sulawesi Tengara` tidak dikenal",
        "Tulis salah satu dari 38 provinsi dengan nama resminya.",
    ),
    "replication-moved": (
        "Antarkolom dan antarcatatan",
        "`replikasi` di catatan praktik sudah tidak dipakai; perjalanan belajar dicatat di "
        "`practices/pembelajaran/`",
        "Pindahkan setiap pasangan mentor → mentee ke satu berkas "
        "`practices/pembelajaran/<id>.yaml` (`replika new --pembelajaran`), lalu tulis "
        "`replikasi: []`.",
    ),
    "journey-practice": (
        "Perjalanan belajar",
        "praktik `l2t2-kendary` tidak ada di `practices/`",
        "Di `praktik` sebuah perjalanan belajar, tulis id catatan praktik yang ada (nama berkas "
        "tanpa `.yaml`), atau tambahkan catatan praktiknya lebih dulu.",
    ),
    "journey-future-session": (
        "Perjalanan belajar",
        "sesi `terlaksana` bertanggal `2031-02-03`, sesudah hari ini",
        "Sesi yang belum berlangsung ditulis `pelaksanaan: direncanakan`.",
    ),
    "journey-unsourced": (
        "Perjalanan belajar",
        "status `diadopsi` tanpa `status_sumber`",
        "Status `berjalan` atau `diadopsi` wajib menyebut sumber di `status_sumber`, dan sesi "
        "`terlaksana` wajib punya `sumber`. Tanpa sumber, tulis `status: tidak-diketahui` atau "
        "`pelaksanaan: direncanakan` dan jelaskan di `celah_bukti`.",
    ),
    "journey-duplicate": (
        "Perjalanan belajar",
        "perjalanan Kota Kendari → Kota Blitar untuk praktik `l2t2-kendari` sudah dicatat di "
        "practices/pembelajaran/kendari-blitar-2020.yaml",
        "Satu pasangan mentor → mentee dicatat di satu berkas; tambahkan sesi atau hasil ke "
        "berkas itu, jangan menyalinnya.",
    ),
    "self-replication": (
        "Antarkolom dan antarcatatan",
        "`Kota Blitar` tidak bisa menjadi mentor bagi dirinya sendiri",
        "Di `replikasi`, `daerah` adalah yang belajar; `mentor` daerah lain.",
    ),
    "date-order": (
        "Antarkolom dan antarcatatan",
        "`selesai` lebih awal dari `mulai`",
        "Periksa kedua tanggal; `selesai` boleh dikosongkan.",
    ),
    "timeline-order": (
        "Antarkolom dan antarcatatan",
        "linimasa tidak urut: tonggak ini lebih awal dari 2019",
        "Urutkan tonggak dari yang paling lama ke yang terbaru.",
    ),
    "unknown-source": (
        "Antarkolom dan antarcatatan",
        "sumber `bps-2020` tidak ada di daftar `sumber` catatan ini",
        "Daftarkan sumbernya di bagian `sumber` paling bawah, atau samakan kodenya bila salah "
        "ketik. Jangan merujuk sumber yang tidak memuat angka atau peristiwa itu.",
    ),
    "duplicate-source": (
        "Antarkolom dan antarcatatan",
        "kode sumber `bps-2020` dipakai dua kali",
        "Setiap sumber didaftarkan sekali; kode dan url tidak boleh kembar.",
    ),
    "unknown-practice": (
        "Antarkolom dan antarcatatan",
        "praktik `l2t2-kendary` tidak ada",
        "Rujukan ke praktik lain memakai id-nya (nama berkas tanpa `.yaml`).",
    ),
    "self-reference": (
        "Antarkolom dan antarcatatan",
        "praktik tidak perlu merujuk dirinya sendiri",
        "Hapus rujukan itu dari `terkait`.",
    ),
    "duplicate-reference": (
        "Antarkolom dan antarcatatan",
        "`l2t2-kendari` sudah ditulis di `terkait`",
        "Hapus salah satunya.",
    ),
    # --- the region registry (maintainers)
    "regions-missing": (
        "Daftar daerah (pengelola)",
        "daftar daerah `practices/_wilayah.yaml` tidak ada",
        "Buat ulang dengan `python3 -m generator.wilayah`.",
    ),
    "region-name": (
        "Daftar daerah (pengelola)",
        "nama daerah `Bandung` harus diawali `Kota` atau `Kabupaten`",
        "Jangan mengubah daftar dengan tangan; perbarui dengan `python3 -m generator.wilayah`.",
    ),
    "duplicate-region": (
        "Daftar daerah (pengelola)",
        "daerah `Kota Bandung` tercatat dua kali",
        "Perbarui daftar dengan `python3 -m generator.wilayah`.",
    ),
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    """An inline code span that may itself contain backticks."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") or fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def messages_page() -> str:
    """``docs/kontribusi/pesan.md``: every rule id, an example message, the fix."""
    lines = [
        "<!-- Dibuat oleh `replika schema` dari generator/messages.py; jangan disunting. -->",
        "# Daftar pesan validator",
        "",
        "`replika validate` (dan pemeriksaan otomatis di pull request) melaporkan setiap "
        "masalah dalam bentuk",
        "",
        "```text",
        "practices/nama-berkas.yaml:BARIS:KOLOM: [kode-aturan] pesan (kolom: nama kolom)",
        "    Saran: cara memperbaikinya",
        "```",
        "",
        "Butir daftar dihitung dari 1: `linimasa butir ke-2 › tanggal` adalah `tanggal` pada "
        "tonggak kedua di `linimasa`. Satu kesalahan dilaporkan sekali. Keluaran "
        "`--format json` memakai jalur mesin (`linimasa[1].tanggal`, dihitung dari 0).",
        "",
        "Halaman ini mendaftar semua kode aturan beserta contoh pesannya.",
    ]
    group = ""
    for rule, (where, example, fix) in RULES.items():
        if where != group:
            group = where
            lines += ["", f"## {group}", "", "| Kode | Contoh pesan | Arti dan cara memperbaiki |"]
            lines.append("| --- | --- | --- |")
        lines.append(f"| `{rule}` | {_cell(_code(example))} | {_cell(fix)} |")
    return "\n".join(lines) + "\n"
