"""Open data: every practice as JSON and as CSV (``site/data/``, ``replika export``).

The files depend on the records only: practices are ordered by id, keys keep
the schema's order, and nothing time-dependent (build time, git dates) goes
in, so the same records always give byte-identical files.

* ``practices.json``: a list of objects. Each is the record with its own
  (Indonesian) keys exactly as the JSON Schema describes them, every key
  present (``null`` or ``[]`` when the record leaves it out), preceded by two
  convenience keys: ``id`` and ``title`` (= ``judul``).
* ``practices.csv``: one row per practice, UTF-8, comma-separated. Lists of
  short texts are joined with ``"; "``; lists of objects become a count
  (``jumlah_*``) plus, where useful, their names joined with ``"; "``.
  :data:`CSV_COLUMNS` is the documented column list. A text cell that a
  spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
  first) starts with ``'`` (OWASP's advice against CSV injection).
* ``journeys.json`` / ``journeys.csv``: the learning journeys
  (``practices/pembelajaran/``), the same way: JSON objects with the record's
  keys (``id`` and ``title`` first), and one CSV row per journey
  (:data:`JOURNEY_CSV_COLUMNS`). In ``practices.json`` the convenience key
  ``pembelajaran`` lists the ids of the journeys that learned the practice;
  the CSV columns ``replikasi_daerah``/``jumlah_replikasi`` count them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.errors import ExportError
from generator.fsutil import atomic_write
from generator.schema import Practice
from generator.stages.journey import Journey
from generator.stages.model import Catalogue, start_year

JSON_NAME = "practices.json"
CSV_NAME = "practices.csv"
JOURNEYS_JSON_NAME = "journeys.json"
JOURNEYS_CSV_NAME = "journeys.csv"
FORMATS = ("json", "csv")
LIST_SEPARATOR = "; "


def _tidy(value: Any) -> Any:
    """Whole-number floats back to ints (``nilai: 325`` is read as 325.0 by the model)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    return value


def practice_object(practice: Practice, journeys: list[str] | None = None) -> dict[str, Any]:
    """One practice for ``practices.json``: ``id``, ``title``, then the record's own keys.

    ``pembelajaran`` (last) lists the ids of the journeys that learned it.
    """
    record = _tidy(practice.model_dump(mode="json", by_alias=True))
    return {"id": practice.id, "title": practice.title, **record, "pembelajaran": journeys or []}


def practices_json(catalogue: Catalogue) -> str:
    items = [
        practice_object(p, [j.id for j in catalogue.journeys_learning(p.id)])
        for p in sorted(catalogue.practices, key=lambda p: p.id)
    ]
    # Strict JSON: a NaN or Infinity (which the validator refuses) must fail
    # here rather than produce a file that JSON readers reject.
    return json.dumps(items, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _join(items: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(" ".join(str(item).split()) for item in items)


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection)."""


def _cell(value: Any) -> str:
    """A CSV cell that no spreadsheet evaluates: text starting like a formula gets a ``'``.

    As OWASP recommends, a text cell beginning with ``=``, ``+``, ``-``, ``@``,
    tab or carriage return is prefixed with a single quote; numbers stay numbers.
    """
    text = _text(value)
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not is_number and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


Column = tuple[str, Callable[[Practice], Any]]

CSV_COLUMNS: tuple[Column, ...] = (
    ("id", lambda p: p.id),
    ("judul", lambda p: p.title),
    ("ringkasan", lambda p: p.summary),
    ("masalah", lambda p: p.problem),
    ("daerah", lambda p: p.origin.region),
    ("provinsi", lambda p: p.origin.province),
    ("sektor", lambda p: p.sector),
    ("jenis", lambda p: _join(p.types)),
    ("tahun_mulai", start_year),
    ("mulai", lambda p: p.started),
    ("status", lambda p: p.status),
    ("status_per", lambda p: p.status_as_of),
    ("status_keterangan", lambda p: p.status_note),
    ("tingkat_bukti", lambda p: p.evidence),
    ("diperiksa", lambda p: p.checked),
    ("langkah", lambda p: _join(p.steps)),
    ("lama_penerapan", lambda p: p.implementation_time.text if p.implementation_time else None),
    ("pelaku", lambda p: _join(a.name for a in p.actors)),
    ("kontak", lambda p: _join(c.unit for c in p.contacts)),
    ("instrumen", lambda p: _join(i.title for i in p.instruments)),
    (
        "instrumen_penanda_tangan",
        lambda p: _join(i.signatory for i in p.instruments if i.signatory),
    ),
    ("pelajaran", lambda p: _join(p.lessons)),
    ("syarat_keberhasilan", lambda p: _join(p.success_conditions)),
    ("kesiapan", lambda p: _join(p.readiness)),
    ("risiko", lambda p: _join(p.risks)),
    ("celah_bukti", lambda p: _join(p.evidence_gaps)),
    ("replikasi_daerah", lambda p: _join(r.mentee for r in p.replications)),
    ("terkait", lambda p: _join(p.related)),
    ("tag", lambda p: _join(p.tags)),
    ("sumber_url", lambda p: _join(s.url for s in p.sources)),
    ("jumlah_linimasa", lambda p: len(p.timeline)),
    ("jumlah_pelaku", lambda p: len(p.actors)),
    ("jumlah_kontak", lambda p: len(p.contacts)),
    ("jumlah_instrumen", lambda p: len(p.instruments)),
    ("jumlah_hasil", lambda p: len(p.results)),
    ("jumlah_biaya", lambda p: len(p.costs)),
    ("jumlah_perbedaan_data", lambda p: len(p.discrepancies)),
    ("jumlah_replikasi", lambda p: len(p.replications)),
    ("jumlah_sumber", lambda p: len(p.sources)),
)


def practices_csv(catalogue: Catalogue) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [name for name, _ in CSV_COLUMNS]
    writer.writerow(names)
    mentees, count = names.index("replikasi_daerah"), names.index("jumlah_replikasi")
    for practice in sorted(catalogue.practices, key=lambda p: p.id):
        row = [_cell(get(practice)) for _, get in CSV_COLUMNS]
        learned = catalogue.journeys_learning(practice.id)
        row[mentees] = _cell(_join(j.mentee for j in learned))
        row[count] = _cell(len(learned))
        writer.writerow(row)
    return buffer.getvalue()


def journey_object(journey: Journey) -> dict[str, Any]:
    """One journey for ``journeys.json``: ``id``, ``title``, then the record's own keys."""
    record = _tidy(journey.model_dump(mode="json", by_alias=True))
    return {"id": journey.id, "title": journey.title, **record}


def journeys_json(catalogue: Catalogue) -> str:
    items = [journey_object(j) for j in sorted(catalogue.journeys, key=lambda j: j.id)]
    return json.dumps(items, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


JOURNEY_CSV_COLUMNS: tuple[tuple[str, Callable[[Journey], Any]], ...] = (
    ("id", lambda j: j.id),
    ("judul", lambda j: j.title),
    ("mentor", lambda j: j.mentor),
    ("mentee", lambda j: j.mentee),
    ("praktik", lambda j: _join(j.practices)),
    ("program", lambda j: j.programme),
    ("fasilitator", lambda j: j.facilitator),
    ("mulai", lambda j: j.sessions[0].date if j.sessions else None),
    ("sesi_terlaksana", lambda j: j.held),
    ("sesi_tercatat", lambda j: j.planned),
    ("bentuk", lambda j: _join(dict.fromkeys(s.form for s in j.sessions))),
    ("tahap", lambda j: j.phase),
    ("status", lambda j: j.status),
    ("status_per", lambda j: j.status_as_of),
    ("hasil", lambda j: _join(o.text for o in j.outcomes)),
    ("celah_bukti", lambda j: _join(j.evidence_gaps)),
    ("diperiksa", lambda j: j.checked),
    ("sumber_url", lambda j: _join(s.url for s in j.sources)),
)


def journeys_csv(catalogue: Catalogue) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _ in JOURNEY_CSV_COLUMNS])
    for journey in sorted(catalogue.journeys, key=lambda j: j.id):
        writer.writerow([_cell(get(journey)) for _, get in JOURNEY_CSV_COLUMNS])
    return buffer.getvalue()


def _looks_like_ours(path: Path, name: str) -> bool:
    """An existing output may be replaced only if it is an earlier export of ours."""
    try:
        head = path.read_text(encoding="utf-8")[:4096]
    except (OSError, UnicodeDecodeError):
        return False
    if name == CSV_NAME:
        return head.startswith(",".join(name for name, _ in CSV_COLUMNS[:3]))
    if name == JOURNEYS_CSV_NAME:
        return head.startswith(",".join(name for name, _ in JOURNEY_CSV_COLUMNS[:3]))
    stripped = head.lstrip()
    return stripped.startswith("[") and ('"title"' in head or stripped.startswith("[]"))


OUTPUTS: dict[str, tuple[tuple[str, Callable[[Catalogue], str]], ...]] = {
    "json": ((JSON_NAME, practices_json), (JOURNEYS_JSON_NAME, journeys_json)),
    "csv": ((CSV_NAME, practices_csv), (JOURNEYS_CSV_NAME, journeys_csv)),
}
"""The files :func:`write_open_data` writes, by format, and what makes each."""


def _chosen(formats: Iterable[str]) -> list[tuple[str, Callable[[Catalogue], str]]]:
    """The outputs of ``formats``, in the order of :data:`FORMATS`."""
    wanted = set(formats)
    return [item for f in FORMATS if f in wanted for item in OUTPUTS[f]]


def first_foreign_data(out_dir: Path, formats: Iterable[str] = FORMATS) -> Path | None:
    """The first file in ``out_dir`` it would write that does not look like an earlier export."""
    for name, _make in _chosen(formats):
        target = out_dir / name
        if target.exists() and (not target.is_file() or not _looks_like_ours(target, name)):
            return target
    return None


def write_open_data(
    catalogue: Catalogue, out_dir: Path, formats: Iterable[str] = FORMATS
) -> list[Path]:
    """Write ``practices.json`` and/or ``practices.csv`` (and the journeys) into ``out_dir``.

    Refuses (``ExportError``) to replace a file of that name that does not look
    like an earlier export.
    """
    wanted = set(formats)  # read once: ``formats`` may be an iterator
    foreign = first_foreign_data(out_dir, wanted)
    if foreign is not None:
        raise ExportError(
            f"`{foreign}` sudah ada dan bukan hasil `replika export`; berkas itu tidak "
            "ditimpa. Pindahkan berkasnya atau pilih folder lain dengan --keluaran."
        )
    written = []
    for name, make in _chosen(wanted):
        target = out_dir / name
        atomic_write(target, make(catalogue), skip_unchanged=True)
        written.append(target)
    return written
