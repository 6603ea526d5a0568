"""Learning journey rules: regions, practices learned, sessions, status and duplicates.

The journey files are read with the same strict loader as practices; a
journey enters the catalogue only when it has no problem at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from generator.limits import markdown_excess, word_excess
from generator.problems import Problem
from generator.project import Project
from generator.rules import Rule
from generator.stages.checked import Checked, RecordCache
from generator.stages.journey import PROGRESS_STATUSES, Journey, journey_dir
from generator.stages.load import LoadedFile
from generator.stages.validate.cache import forget_others, load_checked, own_problems
from generator.stages.validate.cross import (
    JourneyRefs,
    check_journey_links,
    check_journey_pairs,
    claim_id,
    known_practice_ids,
)
from generator.stages.validate.files import display_name, journey_paths, resolved_plain_files
from generator.stages.validate.raw import as_text, date_key, numbered
from generator.stages.validate.records import check_id_matches_file, check_long_words
from generator.stages.validate.sources import check_journey_sources, check_source_urls


def check_journeys(
    project: Project,
    checked: Checked,
    only: Iterable[Path] | None = None,
    cache: RecordCache | None = None,
) -> None:
    """Load, check and store every journey; problems go to ``checked.problems``.

    With ``cache`` (``replika serve``), an unchanged journey file is not read
    again and its own rules do not run again (see :mod:`.cache`); the rules
    between records always run.
    """
    paths, stray = journey_paths(project)
    wanted = None if only is None else {p.resolve() for p in only}
    if wanted is None:
        checked.problems.extend(stray)
    pairs: dict[tuple[str, str, str], LoadedFile] = {}
    owner: dict[str, LoadedFile] = {}
    known = known_practice_ids(checked)
    root = project.root.resolve()
    resolved = resolved_plain_files(journey_dir(project), paths)
    entries = None if cache is None else cache.journeys
    for path in paths:
        entry = load_checked(
            path, resolved[path], display_name(path, resolved[path], root), Journey, entries
        )
        loaded, journey = entry.loaded, entry.record
        reporting = wanted is None or resolved[path] in wanted
        problems = list(loaded.problems)
        if loaded.data is not None and isinstance(loaded.data, dict):
            refs = JourneyRefs.read(loaded)
            taken = {p.field for p in loaded.problems if p.field}
            mine = [
                *own_problems(entry, partial(_check_journey, loaded.data, loaded)),
                *check_journey_links(refs, checked, known),
            ]
            problems.extend(p for p in mine if p.field not in taken)
            duplicate = claim_id(refs.id, loaded, owner)
            problems.extend([duplicate] if duplicate is not None else [])
            problems.extend(check_journey_pairs(refs, pairs))
        if reporting:
            checked.problems.extend(problems)
        if isinstance(journey, Journey) and not problems:
            checked.journeys[journey.id] = journey
            checked.journey_files[journey.id] = loaded
    if entries is not None and only is None:
        forget_others(entries, resolved.values())


def _check_journey(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    """The rules one journey must satisfy on its own (its links are in :mod:`.cross`)."""
    out: list[Problem] = check_id_matches_file(data, loaded)
    out.extend(check_journey_sources(data, loaded))
    out.extend(check_source_urls(data, loaded))
    if "\\" in loaded.text or word_excess(loaded.text) is not None:
        # As for practices: escapes aside, a long word in a value is one in the file.
        out.extend(check_long_words(data, loaded))
    summary = data.get("ringkasan")
    excess = markdown_excess(summary.strip()) if isinstance(summary, str) else None
    if excess is not None:
        out.append(
            loaded.problem(
                ("ringkasan",),
                Rule.MARKDOWN_LIMIT,
                excess[1],
                "Pendekkan atau sederhanakan ringkasannya; rincian panjang cukup ditautkan "
                "lewat `sumber`.",
            )
        )
    today = date_key(dt.date.today().isoformat())
    for i, session in numbered(data, "sesi"):
        if not isinstance(session, dict) or session.get("pelaksanaan") != "terlaksana":
            continue
        when = date_key(session.get("tanggal"))
        if when and when > today[: len(when)]:
            out.append(
                loaded.problem(
                    ("sesi", i, "tanggal"),
                    Rule.JOURNEY_FUTURE_SESSION,
                    f"sesi `terlaksana` bertanggal `{session.get('tanggal')}`, sesudah hari ini",
                    "Sesi yang belum berlangsung ditulis `pelaksanaan: direncanakan`; ubah "
                    "menjadi `terlaksana` setelah ada sumber yang mencatatnya.",
                )
            )
        if not as_text(session.get("sumber")):
            out.append(
                loaded.problem(
                    ("sesi", i, "pelaksanaan"),
                    Rule.JOURNEY_UNSOURCED,
                    "sesi `terlaksana` tanpa `sumber`",
                    "Tambahkan `sumber:` dengan kode sumber yang mencatat sesi ini, atau tulis "
                    "`pelaksanaan: direncanakan` bila sumber hanya menyebut rencananya.",
                )
            )
    status = data.get("status")
    if status in PROGRESS_STATUSES and not as_text(data.get("status_sumber")):
        out.append(
            loaded.problem(
                ("status",),
                Rule.JOURNEY_UNSOURCED,
                f"status `{status}` tanpa `status_sumber`",
                "Status yang menyatakan kemajuan (`berjalan`, `diadopsi`) wajib menyebut "
                "sumber buktinya di `status_sumber`. Bila tidak ada sumber, tulis "
                "`status: tidak-diketahui` dan jelaskan di `celah_bukti`.",
            )
        )
    as_of = date_key(data.get("status_per"))
    if as_of and as_of > today[: len(as_of)]:
        out.append(
            loaded.problem(
                ("status_per",),
                Rule.BAD_DATE,
                "tanggal `status_per` ada di masa depan",
                "Isi dengan tanggal bukti terbaru yang sudah ada.",
            )
        )
    checked_on = date_key(data.get("diperiksa"))
    if checked_on and checked_on > today:
        out.append(
            loaded.problem(
                ("diperiksa",),
                Rule.BAD_DATE,
                "tanggal `diperiksa` ada di masa depan",
                "Isi dengan tanggal terakhir Anda memeriksa sumber-sumbernya.",
            )
        )
    return out
