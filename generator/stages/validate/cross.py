"""Cross-record rules: ids, titles, references to other practices, regions, journeys.

These rules must also run on a record the schema rejected, so that one run
reports every problem in every file; they cannot wait for a validated
:class:`~generator.schema.Practice`. They read a record's references instead:
:class:`PracticeRefs` and :class:`JourneyRefs`, read once from the raw data,
with the attribute names of the schema's models. A value of the wrong kind is
None; list items keep their position, for the problem's place in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem, did_you_mean
from generator.rules import Rule
from generator.schema import ID_PATTERN
from generator.stages.checked import Checked
from generator.stages.load import LoadedFile
from generator.stages.validate.raw import as_text, dig, numbered
from generator.stages.validate.regions import check_region


@dataclass(frozen=True)
class ReplicationRefs:
    """One item of a practice's (retired) ``replikasi`` list."""

    mentee: str | None
    mentor: str | None
    practice: str | None


@dataclass(frozen=True)
class PracticeRefs:
    """What the cross-record rules read from one practice file."""

    loaded: LoadedFile
    id: str | None
    title: str | None
    origin_region: str | None
    origin_province: str | None
    related: tuple[str | None, ...]
    replications: tuple[ReplicationRefs | None, ...]

    @classmethod
    def read(cls, loaded: LoadedFile) -> PracticeRefs:
        data = loaded.data or {}
        return cls(
            loaded=loaded,
            id=as_text(data.get("id")),
            title=as_text(data.get("judul")),
            origin_region=as_text(dig(data, "asal", "daerah")),
            origin_province=as_text(dig(data, "asal", "provinsi")),
            related=tuple(as_text(ref) for _i, ref in numbered(data, "terkait")),
            replications=tuple(
                ReplicationRefs(
                    as_text(dig(rep, "daerah")),
                    as_text(dig(rep, "mentor")),
                    as_text(dig(rep, "praktik")),
                )
                if isinstance(rep, dict)
                else None
                for _i, rep in numbered(data, "replikasi")
            ),
        )


@dataclass(frozen=True)
class JourneyRefs:
    """What the cross-record rules read from one learning journey file."""

    loaded: LoadedFile
    id: str | None
    mentor: str | None
    mentee: str | None
    practices: tuple[str | None, ...]

    @classmethod
    def read(cls, loaded: LoadedFile) -> JourneyRefs:
        data = loaded.data or {}
        return cls(
            loaded=loaded,
            id=as_text(data.get("id")),
            mentor=as_text(data.get("mentor")),
            mentee=as_text(data.get("mentee")),
            practices=tuple(as_text(pid) for _i, pid in numbered(data, "praktik")),
        )


def known_ids(practices: list[PracticeRefs]) -> set[str]:
    """Every id a reference may name: file names and written ids, valid or not."""
    return {r.loaded.path.stem for r in practices} | {r.id for r in practices if r.id}


def claim_id(
    record_id: str | None, loaded: LoadedFile, owners: dict[str, LoadedFile]
) -> Problem | None:
    """Record ``loaded`` as the owner of ``record_id``; the ``duplicate-id`` problem if taken."""
    if record_id is None:
        return None
    if record_id in owners:
        return loaded.problem(
            ("id",),
            Rule.DUPLICATE_ID,
            f"id `{record_id}` sudah dipakai {owners[record_id].display}",
        )
    owners[record_id] = loaded
    return None


def check_unique_titles(practices: list[PracticeRefs], wanted: set[Path] | None) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, str] = {}
    for refs in practices:
        if not refs.title:
            continue
        key = " ".join(refs.title.lower().split())
        if key in first:
            if wanted is None or refs.loaded.path.resolve() in wanted:
                out.append(
                    refs.loaded.problem(
                        ("judul",),
                        Rule.DUPLICATE_TITLE,
                        f"judul yang sama sudah dipakai {first[key]}",
                        "Bedakan judulnya, mis. dengan nama daerah.",
                    )
                )
        else:
            first[key] = refs.loaded.display
    return out


def check_links(refs: PracticeRefs, known: set[str]) -> list[Problem]:
    """References to other practices (``terkait``, ``replikasi`` › ``praktik``)."""
    loaded = refs.loaded
    record_id = refs.id or loaded.path.stem
    out: list[Problem] = []
    links = [(("terkait", i), ref) for i, ref in enumerate(refs.related) if ref is not None]
    links += [
        (("replikasi", i, "praktik"), rep.practice)
        for i, rep in enumerate(refs.replications)
        if rep is not None and rep.practice is not None
    ]
    seen: set[str] = set()
    for loc, ref in links:
        if ref == record_id:
            out.append(
                loaded.problem(
                    loc, Rule.SELF_REFERENCE, "praktik tidak perlu merujuk dirinya sendiri"
                )
            )
        elif ref not in known:
            close = did_you_mean(ref, known, cutoff=0.8)
            hint = f"Maksud Anda `{close}`?" if close else "Periksa nama berkas di `practices/`."
            out.append(
                loaded.problem(loc, Rule.UNKNOWN_PRACTICE, f"praktik `{ref}` tidak ada", hint)
            )
        if loc[0] == "terkait" and ref in seen:
            out.append(
                loaded.problem(loc, Rule.DUPLICATE_REFERENCE, f"`{ref}` sudah ditulis di `terkait`")
            )
        seen.add(ref)
    return out


def check_practice_regions(refs: PracticeRefs, checked: Checked) -> list[Problem]:
    """The origin and every replication's regions are in the registry; no self-replication."""
    loaded = refs.loaded
    out: list[Problem] = []
    if refs.origin_region is not None:
        out.extend(
            check_region(refs.origin_region, refs.origin_province, ("asal",), loaded, checked)
        )
    for i, rep in enumerate(refs.replications):
        if rep is None:
            continue
        here = ("replikasi", i)
        for key, name in (("daerah", rep.mentee), ("mentor", rep.mentor)):
            if name is not None:
                out.extend(check_region(name, None, here, loaded, checked, key=key))
        if rep.mentee is not None and rep.mentee == (rep.mentor or refs.origin_region):
            out.append(
                loaded.problem(
                    (*here, "daerah"),
                    Rule.SELF_REPLICATION,
                    f"`{rep.mentee}` tidak bisa menjadi mentor bagi dirinya sendiri",
                )
            )
    return out


def check_journey_links(
    refs: JourneyRefs, checked: Checked, known: set[str] | None = None
) -> list[Problem]:
    """A journey's regions are in the registry and differ; its practices exist.

    ``known`` is every practice id (made once by the caller for all journeys:
    made per journey it was quadratic, 3 s at 5,000).
    """
    loaded = refs.loaded
    out: list[Problem] = []
    for key, name in (("mentor", refs.mentor), ("mentee", refs.mentee)):
        if name is not None:
            out.extend(check_region(name, None, (), loaded, checked, key=key))
    if refs.mentor is not None and refs.mentor == refs.mentee:
        out.append(
            loaded.problem(
                ("mentee",),
                Rule.SELF_REPLICATION,
                f"`{refs.mentee}` tidak bisa menjadi mentor bagi dirinya sendiri",
                "`mentor` adalah daerah yang berbagi; `mentee` daerah lain yang belajar.",
            )
        )
    if known is None:
        known = known_practice_ids(checked)
    for i, pid in enumerate(refs.practices):
        if pid is not None and re.fullmatch(ID_PATTERN, pid) and pid not in known:
            close = did_you_mean(pid, sorted(known))
            out.append(
                loaded.problem(
                    ("praktik", i),
                    Rule.JOURNEY_PRACTICE,
                    f"praktik `{pid}` tidak ada di `practices/`",
                    (f"Maksud Anda `{close}`? " if close else "")
                    + "Tulis id catatan praktik yang ada (nama berkas di `practices/` tanpa "
                    "`.yaml`), atau tambahkan catatan praktiknya lebih dulu.",
                )
            )
    return out


def known_practice_ids(checked: Checked) -> set[str]:
    """Every practice id a journey may name: valid records and records with problems."""
    return set(checked.practices) | checked.known_ids


def check_journey_pairs(
    refs: JourneyRefs, pairs: dict[tuple[str, str, str], LoadedFile]
) -> list[Problem]:
    """The same mentor → mentee pair learning the same practice in two files."""
    loaded = refs.loaded
    if refs.mentor is None or refs.mentee is None:
        return []
    out: list[Problem] = []
    for i, pid in enumerate(refs.practices):
        if pid is None:
            continue
        key = (refs.mentor, refs.mentee, pid)
        if key in pairs and pairs[key] is not loaded:
            out.append(
                loaded.problem(
                    ("praktik", i),
                    Rule.JOURNEY_DUPLICATE,
                    f"perjalanan {refs.mentor} → {refs.mentee} untuk praktik `{pid}` sudah "
                    f"dicatat di {pairs[key].display}",
                    "Satu pasangan mentor → mentee dicatat di satu berkas: tambahkan sesi atau "
                    "hasil baru ke berkas itu, jangan menyalinnya.",
                )
            )
        pairs.setdefault(key, loaded)
    return out
