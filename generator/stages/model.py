"""Stage 3: the catalogue — validated records plus the indexes every output needs.

The site, the PDFs and the open-data export all read a :class:`Catalogue`;
none of them goes back to the YAML files.
"""

from __future__ import annotations

import datetime as dt
import heapq
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.project import Project
from generator.schema import Practice
from generator.stages.checked import Checked, Region
from generator.stages.journey import Journey
from generator.vocab import PRACTICE_TYPES, PROVINCES, SECTORS


def start_year(practice: Practice) -> int:
    """The year the practice itself started (``mulai``), else its earliest milestone."""
    if practice.started:
        return int(practice.started[:4])
    return min(int(m.date[:4]) for m in practice.timeline)


def practice_period(practice: Practice) -> str:
    """When the practice ran, for its page: ``sejak 2018``, ``2015–2021`` or ``mulai 2019``.

    The start is the year of ``mulai`` (the practice itself), or the first
    milestone when ``mulai`` is empty. A running or stalled practice has no end
    year; a stopped one ends in the year of ``status_per`` (its latest
    evidence); an unknown status says only when it started.
    """
    start = int(practice.started[:4]) if practice.started else start_year(practice)
    if practice.status == "berhenti":
        end = int(practice.status_as_of[:4]) if practice.status_as_of else start
        return str(start) if end <= start else f"{start}–{end}"
    if practice.status == "tidak-diketahui":
        return f"mulai {start}"
    return f"sejak {start}"


def year_span(practice: Practice) -> str:
    """``2015–2020`` from the first and last milestone (one year alone if equal)."""
    years = sorted(int(m.date[:4]) for m in practice.timeline)
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


RELATED_LIMIT = 5
"""At most this many related practices are shown on a practice page."""

RELATED_MIN_SCORE = 3
"""A practice sharing less than this with another is not called related."""


def closeness(a: Practice, b: Practice, *, linked: bool = False) -> int:
    """How close two practices are, for "Praktik terkait" (0 = nothing in common).

    Points: learned together in a learning journey (``linked``, see
    :meth:`Catalogue.journey_links`) 4; listed as related (either way) 3; the
    same sector 2; each shared practice type 2; each shared tag 1; the same
    origin region 1.
    """
    score = 0
    if linked:
        score += 4
    if b.id in a.related or a.id in b.related:
        score += 3
    if a.sector == b.sector:
        score += 2
    score += 2 * len(set(a.types) & set(b.types))
    score += len({t.lower() for t in a.tags} & {t.lower() for t in b.tags})
    if a.origin.region == b.origin.region:
        score += 1
    return score


@dataclass
class Catalogue:
    """All practices, sorted by title, with lookups and indexes."""

    practices: list[Practice]
    regions: dict[str, Region]
    files: dict[str, Path] = field(default_factory=dict)
    last_changed: dict[str, str] = field(default_factory=dict)
    journeys: list[Journey] = field(default_factory=list)
    """Learning journeys (``practices/pembelajaran/``), oldest first."""

    @cached_property
    def by_id(self) -> dict[str, Practice]:
        return {p.id: p for p in self.practices}

    def journeys_learning(self, practice_id: str) -> list[Journey]:
        """Journeys in which ``practice_id`` was learned, oldest first."""
        return list(self._journeys_by_practice.get(practice_id, ()))

    @cached_property
    def _journeys_by_practice(self) -> dict[str, list[Journey]]:
        """Practice id → its journeys, oldest first (one pass instead of one per page)."""
        found: dict[str, list[Journey]] = defaultdict(list)
        for journey in self.journeys:
            for practice_id in dict.fromkeys(journey.practices):
                found[practice_id].append(journey)
        return found

    @cached_property
    def journey_links(self) -> set[frozenset[str]]:
        """Pairs of practice ids learned together in one learning journey."""
        links: set[frozenset[str]] = set()
        for journey in self.journeys:
            learned = [pid for pid in journey.practices if pid in self.by_id]
            for i, first in enumerate(learned):
                links.update(frozenset((first, other)) for other in learned[i + 1 :])
        return links

    def closeness(self, a: Practice, b: Practice) -> int:
        """:func:`closeness` of two practices, with the catalogue's learning journeys."""
        return closeness(a, b, linked=frozenset((a.id, b.id)) in self.journey_links)

    def by_sector(self) -> dict[str, list[Practice]]:
        """Sector slug → practices, in the order of :data:`vocab.SECTORS`; empty ones left out."""
        groups: dict[str, list[Practice]] = {key: [] for key in SECTORS}
        for practice in self.practices:
            groups[practice.sector].append(practice)
        return {key: items for key, items in groups.items() if items}

    def by_type(self) -> dict[str, list[Practice]]:
        """Practice-type slug → practices (a practice can have several types)."""
        groups: dict[str, list[Practice]] = {key: [] for key in PRACTICE_TYPES}
        for practice in self.practices:
            for kind in practice.types:
                groups[kind].append(practice)
        return {key: items for key, items in groups.items() if items}

    def by_province(self) -> dict[str, dict[str, list[Practice]]]:
        """Province → region → practices, provinces in official order."""
        groups: dict[str, dict[str, list[Practice]]] = {}
        for province in PROVINCES:
            regions: dict[str, list[Practice]] = defaultdict(list)
            for practice in self.practices:
                if practice.origin.province == province:
                    regions[practice.origin.region].append(practice)
            if regions:
                groups[province] = dict(sorted(regions.items()))
        return groups

    def by_year(self) -> dict[int, list[Practice]]:
        """Start year → practices, newest year first."""
        groups: dict[int, list[Practice]] = defaultdict(list)
        for practice in self.practices:
            groups[start_year(practice)].append(practice)
        return dict(sorted(groups.items(), reverse=True))

    def by_tag(self) -> dict[str, list[Practice]]:
        groups: dict[str, list[Practice]] = defaultdict(list)
        for practice in self.practices:
            for tag in practice.tags:
                groups[tag.lower()].append(practice)
        return dict(sorted(groups.items()))

    def regions_involved(self) -> list[str]:
        """Every region that is an origin, a mentor or a mentee, sorted."""
        names = {p.origin.region for p in self.practices}
        for journey in self.journeys:
            names.update((journey.mentor, journey.mentee))
        return sorted(names)

    def practices_from(self, region: str) -> list[Practice]:
        return list(self._by_origin.get(region, ()))

    def mentoring(self, region: str) -> list[Journey]:
        """Journeys where ``region`` is the mentor."""
        return list(self._journeys_by("mentor").get(region, ()))

    def learning(self, region: str) -> list[Journey]:
        """Journeys where ``region`` is the mentee."""
        return list(self._journeys_by("mentee").get(region, ()))

    @cached_property
    def _by_origin(self) -> dict[str, list[Practice]]:
        """Region → its practices in catalogue order (one pass, not one scan per region page)."""
        index: dict[str, list[Practice]] = defaultdict(list)
        for practice in self.practices:
            index[practice.origin.region].append(practice)
        return index

    def _journeys_by(self, role: str) -> dict[str, list[Journey]]:
        """``mentor`` or ``mentee`` region → its journeys, oldest first."""
        cached = self.__dict__.setdefault("_journey_index", {})
        if role not in cached:
            index: dict[str, list[Journey]] = defaultdict(list)
            for journey in self.journeys:
                index[getattr(journey, role)].append(journey)
            cached[role] = index
        return cached[role]

    @cached_property
    def _referrers(self) -> dict[str, list[Practice]]:
        """Practice id → practices listing it as related, in catalogue order, each once."""
        index: dict[str, list[Practice]] = defaultdict(list)
        for practice in self.practices:
            for pid in dict.fromkeys(practice.related):
                index[pid].append(practice)
        return dict(index)

    def referenced_by(self, practice_id: str) -> list[Practice]:
        """Practices that list ``practice_id`` as related (the reverse links)."""
        return list(self._referrers.get(practice_id, ()))

    def related(self, practice: Practice, limit: int = RELATED_LIMIT) -> list[Practice]:
        """The closest practices to ``practice`` (see :func:`closeness`), closest first.

        Ties go by title; practices sharing less than :data:`RELATED_MIN_SCORE`
        points are left out. The scores are summed from inverted lists (sector,
        type, tag, region, related ids, journeys) instead of comparing every
        pair, which was quadratic: 25 million comparisons at 5,000 practices.
        """
        answers = self._related_answers
        key = (practice.id, limit)
        if key not in answers:
            scores = self._closeness_scores(practice)
            # Only scores reaching the limit-th best can be shown: sort just those
            # (thousands share a sector at 5,000 practices; sorting them all was slow).
            best = heapq.nlargest(limit, scores.values())
            floor = max(RELATED_MIN_SCORE, best[-1] if len(best) == limit else 0)
            close = [(s, self.practices[i]) for i, s in scores.items() if s >= floor]
            close.sort(key=lambda item: (-item[0], item[1].title.lower(), item[1].id))
            answers[key] = tuple(other.id for _, other in close[:limit])
        return [self.by_id[pid] for pid in answers[key]]

    @cached_property
    def _related_answers(self) -> dict[tuple[str, int], tuple[str, ...]]:
        """:meth:`related` by practice id and limit, as ids (see :meth:`share_related`)."""
        return {}

    def related_inputs(self) -> tuple[object, ...]:
        """Everything :meth:`related` reads: two catalogues with equal inputs relate alike.

        Of each practice its id, title, sector, types, tags, origin region and
        related ids; and the pairs learned together in a journey.
        """
        practices = tuple(
            (
                p.id,
                p.title,
                p.sector,
                tuple(p.types),
                tuple(p.tags),
                p.origin.region,
                tuple(p.related),
            )
            for p in self.practices
        )
        return (practices, frozenset(self.journey_links))

    def share_related(self, answers: dict[tuple[str, int], tuple[str, ...]]) -> None:
        """Answer :meth:`related` from and into ``answers``, another catalogue's answers.

        Only for a catalogue whose :meth:`related_inputs` equal that one's:
        ``replika serve`` keeps them between regenerations, as most edits change
        nothing related practices are chosen by.
        """
        self.__dict__["_related_answers"] = answers

    def _closeness_scores(self, practice: Practice) -> dict[int, int]:
        """Catalogue position → :meth:`closeness` to ``practice``, for every practice above 0."""
        lists = self._closeness_lists
        position = lists["id"]
        scores: dict[int, int] = defaultdict(int)
        for other in lists["sector"].get(practice.sector, ()):
            scores[other] += 2
        for kind in set(practice.types):
            for other in lists["type"].get(kind, ()):
                scores[other] += 2
        for tag in {t.lower() for t in practice.tags}:
            for other in lists["tag"].get(tag, ()):
                scores[other] += 1
        for other in lists["region"].get(practice.origin.region, ()):
            scores[other] += 1
        listed = set(practice.related) | {p.id for p in self.referenced_by(practice.id)}
        for other_id in listed:
            if other_id in position:
                scores[position[other_id]] += 3
        for pair in self._links_of.get(practice.id, ()):
            scores[position[pair]] += 4
        scores.pop(position[practice.id], None)
        return scores

    @cached_property
    def _closeness_lists(self) -> dict[str, dict[str, list[int]]]:
        """Inverted lists of catalogue positions by sector, type, tag and region; ``id``: position."""
        lists: dict[str, dict[str, list[int]]] = {
            "sector": defaultdict(list),
            "type": defaultdict(list),
            "tag": defaultdict(list),
            "region": defaultdict(list),
        }
        for i, p in enumerate(self.practices):
            lists["sector"][p.sector].append(i)
            for kind in set(p.types):
                lists["type"][kind].append(i)
            for tag in {t.lower() for t in p.tags}:
                lists["tag"][tag].append(i)
            lists["region"][p.origin.region].append(i)
        lists["id"] = {p.id: i for i, p in enumerate(self.practices)}  # type: ignore[assignment]
        return lists

    @cached_property
    def _links_of(self) -> dict[str, set[str]]:
        """Practice id → the practices learned together with it in a journey."""
        found: dict[str, set[str]] = defaultdict(set)
        for pair in self.journey_links:
            first, second = tuple(pair)
            found[first].add(second)
            found[second].add(first)
        return found

    def newest(self, count: int = 5) -> list[Practice]:
        """Practices whose record changed most recently."""
        return sorted(
            self.practices, key=lambda p: (self.last_changed.get(p.id, ""), p.id), reverse=True
        )[:count]

    def recently_checked(self, count: int = 5, exclude: Iterable[str] = ()) -> list[Practice]:
        """Practices checked most recently (``checked``), leaving out the ids in ``exclude``."""
        left_out = set(exclude)
        candidates = [p for p in self.practices if p.id not in left_out]
        return sorted(candidates, key=lambda p: (p.checked, p.id), reverse=True)[:count]

    def counts(self) -> dict[str, int]:
        return {
            "praktik": len(self.practices),
            "daerah": len(self.regions_involved()),
            "provinsi": len(
                {self.regions[r].province for r in self.regions_involved() if r in self.regions}
            ),
            "replikasi": len(self.journeys),
        }


def build_catalogue(checked: Checked, project: Project) -> Catalogue:
    """A catalogue of the valid records in ``checked`` (call only when checked.ok)."""
    practices = sorted(checked.practices.values(), key=lambda p: (p.title.lower(), p.id))
    files = {pid: loaded.path for pid, loaded in checked.files.items()}
    return Catalogue(
        practices=practices,
        regions=checked.regions,
        files=files,
        last_changed=last_changed_dates(project, files),
        journeys=sorted(checked.journeys.values(), key=lambda j: (j.first_date, j.id)),
    )


def last_changed_dates(project: Project, files: dict[str, Path]) -> dict[str, str]:
    """ISO date each record last changed: its last git commit, else its mtime.

    One ``git log`` over ``practices/`` answers for every file at once; files
    with uncommitted edits get their modification date.
    """
    by_name: dict[str, str] = {}
    try:
        out = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", "practices"],
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        current = ""
        for line in out.splitlines():
            if line.startswith("@"):
                current = line[1:]
            elif line.strip():
                by_name.setdefault(Path(line.strip()).name, current)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "practices"],
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        for line in dirty.splitlines():
            by_name.pop(Path(line[3:].strip()).name, None)
    except (OSError, subprocess.SubprocessError):
        by_name = {}
    dates: dict[str, str] = {}
    for pid, path in files.items():
        dates[pid] = (
            by_name.get(path.name) or dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
        )
    return dates
