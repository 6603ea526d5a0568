"""Per-record rules: what one practice record must satisfy beyond its schema.

These read the record's raw data, so a record with schema errors still gets
its unknown regions, unordered timeline or uncited sources reported in the
same run; a field the schema already reported is not reported again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from generator.limits import MARKDOWN_FIELDS, markdown_excess, word_excess
from generator.problems import Problem
from generator.rules import Rule
from generator.schema import ID_PATTERN, Practice
from generator.stages.checked import Checked
from generator.stages.load import LoadedFile
from generator.stages.load.positions import FieldPath
from generator.stages.validate.cross import PracticeRefs, check_practice_regions
from generator.stages.validate.raw import as_text, date_key, dig, numbered
from generator.stages.validate.sources import check_source_urls, check_sources
from generator.vocab import PRACTICE_STATUSES


def check_id_matches_file(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    """The record's ``id`` must be its file name (practices and journeys alike)."""
    stem = loaded.path.stem
    record_id = as_text(data.get("id"))
    if record_id is None or record_id == stem:
        return []
    return [
        loaded.problem(
            ("id",),
            Rule.ID_FILENAME,
            f"id `{record_id}` tidak sama dengan nama berkas `{stem}`",
            f"Samakan: ubah id menjadi `{stem}` atau nama berkas menjadi `{record_id}.yaml`."
            if re.fullmatch(ID_PATTERN, stem)
            else f"Ganti nama berkas menjadi `{record_id}.yaml` (nama berkas hanya boleh"
            " huruf kecil, angka dan tanda hubung).",
        )
    ]


def check_record(data: dict[str, Any], refs: PracticeRefs, checked: Checked) -> list[Problem]:
    """Every rule for one practice beyond its schema that reads only its file.

    Besides the file, these read only the region registry and today's date
    (``replika serve`` caches them on that; see :mod:`.cache`). References to
    other practices are checked by :func:`.cross.check_links`.
    """
    loaded = refs.loaded
    out: list[Problem] = check_id_matches_file(data, loaded)
    out.extend(check_practice_regions(refs, checked))
    out.extend(_check_markdown_limits(data, loaded))
    if "\\" in loaded.text or word_excess(loaded.text) is not None:
        # Escapes aside, a long word in a value is a long word in the file.
        out.extend(check_long_words(data, loaded))
    out.extend(check_sources(data, loaded))
    out.extend(check_source_urls(data, loaded))
    out.extend(_check_status(data, loaded))
    if _any_field_in_text(data):
        out.extend(_check_fields_in_text(data, (), loaded))
    out.extend(_check_timeline(data, loaded))
    out.extend(_check_replications(data, loaded))
    checked_on = date_key(data.get("diperiksa"))
    if checked_on and checked_on > date_key(dt.date.today().isoformat()):
        out.append(
            loaded.problem(
                ("diperiksa",),
                Rule.BAD_DATE,
                "tanggal `diperiksa` ada di masa depan",
                "Isi dengan tanggal terakhir Anda memeriksa sumber-sumbernya.",
            )
        )
    return out


def _check_replications(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    """The retired ``replikasi`` list: moved to journeys; its dates in order."""
    out: list[Problem] = []
    if numbered(data, "replikasi"):
        out.append(
            loaded.problem(
                ("replikasi",),
                Rule.REPLICATION_MOVED,
                "`replikasi` di catatan praktik sudah tidak dipakai; perjalanan belajar "
                "dicatat di `practices/pembelajaran/`",
                "Pindahkan setiap pasangan mentor → mentee ke satu berkas "
                "`practices/pembelajaran/<id>.yaml` (buat dengan `replika new --pembelajaran`), "
                "lalu tulis `replikasi: []` atau hapus kolom ini.",
            )
        )
    for i, rep in numbered(data, "replikasi"):
        start, end = date_key(dig(rep, "mulai")), date_key(dig(rep, "selesai"))
        if start and end and end < start[: len(end)]:
            out.append(
                loaded.problem(
                    ("replikasi", i, "selesai"),
                    Rule.DATE_ORDER,
                    "`selesai` lebih awal dari `mulai`",
                    "Periksa kedua tanggal; `selesai` boleh dikosongkan.",
                )
            )
    return out


def _check_markdown_limits(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    """Texts in Markdown fields beyond the limits that keep rendering linear."""
    out: list[Problem] = []
    for key in MARKDOWN_FIELDS:
        value = data.get(key)
        items = [((key,), value)] if isinstance(value, str) else []
        items += [((key, i), item) for i, item in numbered(data, key) if isinstance(item, str)]
        for loc, text in items:
            excess = markdown_excess(text.strip())
            if excess is not None:
                out.append(
                    loaded.problem(
                        loc,
                        Rule.MARKDOWN_LIMIT,
                        excess[1],
                        "Pendekkan atau sederhanakan teksnya: kolom ini menerima Markdown "
                        "sebaris (tebal, miring, tautan), bukan daftar bertingkat atau "
                        "dokumen panjang; rincian panjang cukup ditautkan lewat `sumber`.",
                    )
                )
    return out


def check_long_words(data: Any, loaded: LoadedFile, loc: FieldPath = ()) -> list[Problem]:
    """Words too long for the PDF's hyphenation to lay out in linear time."""
    if isinstance(data, str):
        excess = word_excess(data)
        if excess is None:
            return []
        return [
            loaded.problem(
                loc,
                Rule.LONG_WORD,
                excess[1],
                "Beri spasi di antara kata; teks sepanjang itu tanpa spasi tidak bisa "
                "dipenggal dengan wajar di halaman maupun di PDF.",
            )
        ]
    if isinstance(data, dict):
        items: Iterable[tuple[str | int, Any]] = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return []
    out: list[Problem] = []
    for key, value in items:
        out.extend(check_long_words(value, loaded, (*loc, key)))
    return out


def _field_names() -> frozenset[str]:
    """Every YAML key the record format knows, nested ones included."""
    names: set[str] = set()
    for definition in Practice.model_json_schema(by_alias=True)["$defs"].values():
        names.update(definition.get("properties", {}))
    names.update(Practice.model_json_schema(by_alias=True)["properties"])
    return frozenset(names)


_FIELD_NAMES = _field_names()


_FIELD_IN_TEXT = re.compile(r"\n[ \t]*([a-z_]+):[ \t]+\S")


def _any_field_in_text(data: Any) -> bool:
    """Whether :func:`_check_fields_in_text` finds anything, without building field paths.

    Only a text with a line break can hold a field; most records have none,
    and walking every value with its path cost 0.4 s at 5,000 records.
    """
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if "\n" in value and any(
                found[1] in _FIELD_NAMES for found in _FIELD_IN_TEXT.finditer(value)
            ):
                return True
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def _check_fields_in_text(value: Any, path: FieldPath, loaded: LoadedFile) -> list[Problem]:
    """A field written inside a block text by indenting it too far.

    ``sumber:`` indented deeper than its ``peristiwa: >-`` neighbour becomes a
    line of that text and the citation is silently lost; the record would
    otherwise still be valid, so say so.
    """
    if isinstance(value, dict):
        return [
            problem
            for key, item in value.items()
            for problem in _check_fields_in_text(item, (*path, key), loaded)
        ]
    if isinstance(value, list):
        return [
            problem
            for i, item in enumerate(value)
            for problem in _check_fields_in_text(item, (*path, i), loaded)
        ]
    if not isinstance(value, str):
        return []
    for found in _FIELD_IN_TEXT.finditer(value):
        if found[1] in _FIELD_NAMES:
            problem = loaded.problem(
                path,
                Rule.FIELD_IN_TEXT,
                f"baris `{found[1]}: …` ini terbaca sebagai bagian teks kolom di atasnya, "
                "bukan sebagai kolom",
                f"Bila `{found[1]}` dimaksudkan sebagai kolom, sejajarkan barisnya dengan "
                "kolom lain di tingkat yang sama (kurangi spasi di depannya).",
            )
            return [_at_text_line(problem, loaded.text, found[1])]
    return []


def _at_text_line(problem: Problem, text: str, name: str) -> Problem:
    """The problem moved to the line inside the text that starts with ``name:``."""
    lines = text.split("\n")
    for row in range(max(problem.line - 1, 0), len(lines)):
        stripped = lines[row].lstrip(" ")
        if stripped.startswith(f"{name}:"):
            indent = len(lines[row]) - len(stripped)
            return dataclasses.replace(problem, line=row + 1, col=indent + 1)
    return problem


_STATUS_NEEDS_NOTE = ("berhenti", "tersendat")


def _check_status(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    """A known status needs the date of its latest evidence; a stop or stall needs why.

    Reported on the empty ``status_per``/``status_keterangan`` line when the
    key is written (a fresh draft's ``# ISI`` line), else on ``status``.
    """
    status = as_text(data.get("status"))
    if status is None or status == "tidak-diketahui" or status not in PRACTICE_STATUSES:
        return []
    out: list[Problem] = []
    if data.get("status_per") is None:
        out.append(
            loaded.problem(
                ("status_per",) if "status_per" in data else ("status",),
                Rule.STATUS_DATE_MISSING,
                f"status `{status}` belum disertai `status_per`",
                "Tambahkan `status_per:` berisi tanggal bukti terbaru untuk status ini "
                "(mis. `2024-05`); bila tidak ada bukti bertanggal, tulis "
                "`status: tidak-diketahui`.",
            )
        )
    if status in _STATUS_NEEDS_NOTE and data.get("status_keterangan") is None:
        out.append(
            loaded.problem(
                ("status_keterangan",) if "status_keterangan" in data else ("status",),
                Rule.STATUS_NOTE_MISSING,
                f"status `{status}` belum disertai `status_keterangan`",
                "Tambahkan `status_keterangan:` yang menjelaskan mengapa praktik ini "
                f"{'berhenti' if status == 'berhenti' else 'tersendat'}, menurut sumbernya.",
            )
        )
    return out


def _check_timeline(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    out: list[Problem] = []
    previous: tuple[int, ...] = ()
    for i, milestone in numbered(data, "linimasa"):
        key = date_key(dig(milestone, "tanggal"))
        if not key:
            continue
        if previous and key < previous[: len(key)]:
            shown = "-".join(f"{p:02d}" if n else str(p) for n, p in enumerate(previous))
            out.append(
                loaded.problem(
                    ("linimasa", i, "tanggal"),
                    Rule.TIMELINE_ORDER,
                    f"linimasa tidak urut: tonggak ini lebih awal dari {shown}",
                    "Urutkan tonggak dari yang paling lama ke yang terbaru.",
                )
            )
        previous = key
    return out
