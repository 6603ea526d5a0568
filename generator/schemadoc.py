"""Files generated from the schema and committed: the JSON Schema (and docs).

``replika schema`` writes them; ``replika schema --check`` and a test fail
when a committed copy drifts from the models in :mod:`generator.schema`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import vocab
from generator.issueform import FORM_FILE, issue_form_yaml
from generator.project import Project
from generator.schema import DATE_PATTERN, EARLIEST_YEAR, ID_PATTERN, json_schema

SCHEMA_PATH = Path("docs/skema/praktik.schema.json")


def schema_json_text() -> str:
    """The JSON Schema exactly as committed (stable key order, trailing newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def schema_outputs(project: Project) -> dict[Path, str]:
    """Every schema-derived file of the project and its expected content."""
    from generator.messages import MESSAGES_PATH, messages_page
    from generator.stages.journey import journey_outputs

    return {
        project.root / SCHEMA_PATH: schema_json_text(),
        **journey_outputs(project),
        project.root / JOURNEY_REFERENCE_PATH: journey_reference(),
        project.root / REFERENCE_PATH: field_reference(),
        project.root / FORM_FILE: issue_form_yaml(),
        project.root / MESSAGES_PATH: messages_page(),
    }


# ----------------------------------------------------------------------------- field reference

REFERENCE_PATH = Path("docs/kontribusi/referensi-kolom.md")

_DATE_WORDS = "tanggal: tahun (`2018`), bulan (`2018-04`) atau lengkap (`2018-04-22`)"


def _vocabularies() -> list[vocab.Vocabulary]:
    """The closed lists, in the order the reference explains them."""
    return list(vocab.VOCABULARIES.values())


def _title(found: vocab.Vocabulary) -> str:
    return f"Pilihan {found.noun}"


def _anchor(found: vocab.Vocabulary) -> str:
    return "pilihan-" + found.noun.replace(" ", "-")


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _vocabulary_for(enum: list[Any], lists: list[vocab.Vocabulary]) -> vocab.Vocabulary | None:
    return next((v for v in lists if list(v.values) == list(enum)), None)


def _example(spec: dict[str, Any]) -> str:
    examples = spec.get("examples")
    if not examples:
        return ""
    value = examples[0]
    shown = "[" + ", ".join(map(str, value)) + "]" if isinstance(value, list) else str(value)
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return f"`{_cell(shown)}`"


def _kind(spec: dict[str, Any], defs: dict[str, Any], lists: list[vocab.Vocabulary]) -> str:
    """What to write, in plain Indonesian, from a JSON Schema property."""
    variants = [s for s in spec.get("anyOf", [spec]) if s.get("type") != "null"]
    if any(s.get("pattern") == DATE_PATTERN for s in variants):
        return _DATE_WORDS
    spec = variants[0] if len(variants) == 1 else spec
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        title, anchor = _SECTION_TITLES.get(name) or _JOURNEY_SECTIONS[name]
        return f"kumpulan kolom (lihat [{title}](#{anchor}))"
    if "enum" in spec:
        found = _vocabulary_for(spec["enum"], lists)
        if found:
            return f"satu dari [{_title(found).lower()}](#{_anchor(found)})"
        return "satu dari " + ", ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        items = spec.get("items", {})
        inner = _kind(items, defs, lists)
        size = spec.get("minItems")
        lead = f"daftar, minimal {size} butir" if size else "daftar (boleh kosong `[]`)"
        return f"{lead}; setiap butir: {inner}"
    if kind == "string":
        if spec.get("format") == "uri":
            return "alamat web, diawali `https://` atau `http://`"
        if spec.get("pattern") == ID_PATTERN:
            return "kode: huruf kecil, angka dan tanda hubung"
        words = "teks"
        low, high = spec.get("minLength"), spec.get("maxLength")
        if low and low > 1 and high:
            words += f" ({low}–{high} karakter)"
        elif low and low > 1:
            words += f" (minimal {low} karakter)"
        elif high:
            words += f" (maksimal {high} karakter)"
        return words
    if kind == "integer":
        low, high = spec.get("minimum"), spec.get("maximum")
        if low == EARLIEST_YEAR:
            return "tahun (angka, mis. `2018`)"
        words = "angka bulat tanpa titik ribuan"
        if low is not None and high is not None:
            words += f" ({low}–{high})"
        elif low is not None:
            words += f" (paling kecil {low})"
        return words
    if "anyOf" in spec:
        kinds = {s.get("type") for s in spec["anyOf"]}
        if kinds >= {"number", "string"}:
            return "angka (titik untuk desimal), atau teks singkat bila bukan angka"
    if kind == "number":
        return "angka (titik untuk desimal)"
    return "nilai"


# Section heading and anchor for each nested model of the record.
_SECTION_TITLES: dict[str, tuple[str, str]] = {
    "Practice": ("Kolom utama", "kolom-utama"),
    "Origin": ("Asal", "asal"),
    "Milestone": ("Linimasa", "linimasa"),
    "Actor": ("Pelaku", "pelaku"),
    "Instrument": ("Instrumen", "instrumen"),
    "Contact": ("Kontak", "kontak"),
    "ImplementationTime": ("Lama penerapan", "lama-penerapan"),
    "Result": ("Hasil", "hasil"),
    "Cost": ("Biaya", "biaya"),
    "Discrepancy": ("Perbedaan data", "perbedaan-data"),
    "Replication": ("Replikasi", "replikasi"),
    "Source": ("Sumber", "sumber"),
}

# Where each nested model sits in a record, for the section's path column.
_SECTION_PREFIX: dict[str, str] = {
    "Practice": "",
    "Origin": "asal.",
    "Milestone": "linimasa[].",
    "Actor": "pelaku[].",
    "Instrument": "instrumen[].",
    "Contact": "kontak[].",
    "ImplementationTime": "lama_penerapan.",
    "Result": "hasil[].",
    "Cost": "biaya[].",
    "Discrepancy": "perbedaan_data[].",
    "Replication": "replikasi[].",
    "Source": "sumber[].",
    "Journey": "",
    "Session": "sesi[].",
    "Outcome": "hasil[].",
}

_JOURNEY_SECTIONS: dict[str, tuple[str, str]] = {
    "Session": ("Sesi", "sesi"),
    "Outcome": ("Hasil", "hasil"),
}

JOURNEY_REFERENCE_PATH = Path("docs/kontribusi/referensi-pembelajaran.md")

_JOURNEY_TITLES: dict[str, str] = {
    "Journey": "Kolom utama",
    "Session": "Sesi",
    "Outcome": "Hasil",
    "Source": "Sumber",
}


def journey_reference() -> str:
    """The field reference of learning-journey records (Markdown), generated from the model."""
    from generator.stages.journey import SESSION_STATES, journey_schema

    schema = journey_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    lists = _vocabularies()
    missing = set(defs) - set(_JOURNEY_TITLES)
    if missing:
        raise ValueError(f"schemadoc: no journey section title for {sorted(missing)}")
    out = [
        "<!-- Dihasilkan oleh `replika schema` dari generator/stages/journey.py."
        " Jangan disunting langsung: ubah kodenya lalu jalankan `replika schema`. -->",
        "",
        "# Referensi kolom perjalanan belajar",
        "",
        "Setiap perjalanan belajar (satu daerah mentor, satu daerah mentee) adalah satu berkas "
        "`practices/pembelajaran/<id>.yaml`. Buat dengan `replika new --pembelajaran`. "
        "Contoh lengkap: `practices/pembelajaran/kendari-blitar-2020.yaml`. Cara kerja "
        "pembelajaran horizontal dijelaskan di [Pembelajaran horizontal](../pembelajaran-horizontal.md).",
        "",
        "- **wajib**: kolom harus ada dan terisi.",
        "- **boleh kosong**: kolom boleh dihapus atau dibiarkan kosong.",
        "- Status `berjalan` dan `diadopsi` wajib menyebut `status_sumber`; sesi `terlaksana` "
        "wajib punya `sumber` dan tidak boleh bertanggal sesudah hari ini.",
        "- Setiap id di `praktik`, daerah di `mentor`/`mentee` dan kode di `sumber` harus ada.",
        "",
    ]
    sections = [("Journey", schema), *((n, defs[n]) for n in _JOURNEY_TITLES if n in defs)]
    for name, spec in sections:
        out.append(f"## {_JOURNEY_TITLES[name]}")
        out.append("")
        if name != "Journey":
            where = _SECTION_PREFIX[name].removesuffix("[].")
            out.append(f"Setiap butir di `{where}` berisi kolom berikut.")
            out.append("")
        rows = _table(name, spec, defs, lists)
        # Closed lists are explained on the practice field reference.
        out.extend(r.replace("](#pilihan-", "](referensi-kolom.md#pilihan-") for r in rows)
        out.append("")
    out.append("## Pilihan `pelaksanaan` sesi")
    out.append("")
    out.append("| Nilai | Label |")
    out.append("| --- | --- |")
    out.extend(f"| `{k}` | {v} |" for k, v in SESSION_STATES.items())
    out.append("")
    out.append(
        "Pilihan `bentuk`, `tahap` dan `status` sama dengan yang ada di "
        "[referensi kolom praktik](referensi-kolom.md#daftar-pilihan)."
    )
    return "\n".join(out).rstrip("\n") + "\n"


def _table(
    name: str, spec: dict[str, Any], defs: dict[str, Any], lists: list[vocab.Vocabulary]
) -> list[str]:
    required = set(spec.get("required", []))
    rows = [
        "| Kolom | Wajib? | Isian | Arti | Contoh |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key, prop in spec.get("properties", {}).items():
        rows.append(
            "| `{}` | {} | {} | {} | {} |".format(
                _SECTION_PREFIX[name] + key,
                "**wajib**" if key in required else "boleh kosong",
                _kind(prop, defs, lists),
                _cell(prop.get("description", "")),
                _example(prop),
            )
        )
    return rows


def field_reference() -> str:
    """The contributor field reference (Markdown), generated from the schema and vocab."""
    schema = json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    lists = _vocabularies()
    missing = set(defs) - set(_SECTION_TITLES)
    if missing:  # a new nested model needs a heading here; fail loudly in tests and CI
        raise ValueError(f"schemadoc: no section title for {sorted(missing)}")
    out = [
        "<!-- Dihasilkan oleh `replika schema` dari generator/schema.py dan generator/vocab.py."
        " Jangan disunting langsung: ubah kodenya lalu jalankan `replika schema`. -->",
        "",
        "# Referensi kolom catatan praktik",
        "",
        "Setiap catatan praktik adalah satu berkas `practices/<id>.yaml`. Halaman ini "
        "menjelaskan setiap kolom: artinya, apa yang boleh ditulis, apakah wajib, dan "
        "contohnya. Halaman ini dibuat otomatis dari definisi format yang juga dipakai "
        "validator, jadi selalu sesuai dengan pemeriksaan `replika validate`.",
        "",
        "- **wajib**: kolom harus ada dan terisi; bila kosong, pemeriksaan gagal.",
        "- **boleh kosong**: kolom boleh dihapus, dibiarkan kosong, atau untuk daftar ditulis `[]`.",
        "- Kolom yang tidak ada di halaman ini tidak dikenal dan akan ditolak validator "
        "(biasanya salah ketik).",
        "- Templat dengan penjelasan di setiap baris: `practices/_templat.yaml`. "
        "Contoh catatan lengkap: `practices/l2t2-kendari.yaml`.",
        "- Hanya kolom yang menyebut *Markdown sebaris* yang mengubah `**tebal**`, `*miring*` "
        "dan `[teks](https://...)` menjadi huruf tebal, miring dan tautan; kolom lain tampil "
        "apa adanya, dan HTML selalu tampil sebagai teks biasa. Lihat "
        "[huruf tebal, miring dan tautan](index.md#huruf-tebal-miring-dan-tautan).",
        "",
    ]
    sections = [
        ("Practice", schema),
        *((name, defs[name]) for name in _SECTION_TITLES if name in defs),
    ]
    for name, spec in sections:
        title, _anchor = _SECTION_TITLES[name]
        out.append(f"## {title}")
        out.append("")
        if name != "Practice":
            where = _SECTION_PREFIX[name].rstrip(".")
            if where.endswith("[]"):
                out.append(f"Setiap butir di `{where.removesuffix('[]')}` berisi kolom berikut.")
            else:
                out.append(f"Kolom di dalam `{where}`:")
            out.append("")
        out.extend(_table(name, spec, defs, lists))
        out.append("")
    out.append("## Daftar pilihan")
    out.append("")
    out.append(
        "Kolom pilihan hanya menerima nilai di kolom kiri (persis seperti tertulis); "
        "kolom kanan adalah label yang tampil di situs."
    )
    out.append("")
    for found in lists:
        out.append(f"### {_title(found)}")
        out.append("")
        if found.descriptions:
            out.append("| Nilai | Label | Artinya |")
            out.append("| --- | --- | --- |")
            for slug, label in found.labels.items():
                out.append(
                    f"| `{slug}` | {_cell(label)} | {_cell(found.descriptions.get(slug, ''))} |"
                )
        elif all(slug == label for slug, label in found.labels.items()):
            out.append("| Nilai |")
            out.append("| --- |")
            out.extend(f"| `{slug}` |" for slug in found.values)
        else:
            out.append("| Nilai | Label |")
            out.append("| --- | --- |")
            out.extend(f"| `{slug}` | {_cell(label)} |" for slug, label in found.labels.items())
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
