"""The two-page brief of each practice (``praktik/<id>.pdf``).

A brief shows as much of a record as fits two pages: it is typeset with the
fullest :class:`~generator.outputs.pdf.data.Fit` first and with shorter ones
until it fits; a record too long even for the shortest is an error the
contributor can fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefTooLong
from generator.fsutil import atomic_write
from generator.outputs.pdf.cache import brief_key, copy_file
from generator.outputs.pdf.data import FITS, brief_data, practice_page_url
from generator.outputs.pdf.typeset import compile_pdf, page_count
from generator.schema import Practice
from generator.stages.model import Catalogue

BRIEFS_DIR = "praktik"
MAX_BRIEF_PAGES = 2
BRIEF_BATCH = 25
"""Briefs per job handed to a worker."""


def render_brief(
    root: Path, practice: Practice, changed: str, url: str | None, learned: Sequence[str] = ()
) -> bytes:
    """The brief as PDF bytes: the fullest version that fits two pages."""
    data = b""
    for fit in FITS:
        data = compile_pdf(root, "ringkas.typ", brief_data(practice, changed, url, fit, learned))
        if page_count(data) <= MAX_BRIEF_PAGES:
            return data
    raise BriefTooLong(
        f"practices/{practice.id}.yaml: ringkasan PDF-nya tetap lebih dari "
        f"{MAX_BRIEF_PAGES} halaman; persingkat teks langkah, hasil atau sumbernya"
    )


@dataclass(frozen=True)
class Brief:
    """One brief to publish: its record, stamp, cache entry and output file."""

    practice: Practice
    changed: str
    url: str | None
    entry: Path
    target: Path
    learned: tuple[str, ...] = ()


def plan_briefs(
    catalogue: Catalogue,
    ordered: Sequence[Practice],
    base: str | None,
    templates: str,
    cache_dir: Path,
    out_dir: Path,
) -> list[Brief]:
    """A :class:`Brief` per practice, in catalogue order, with its cache entry."""
    briefs: list[Brief] = []
    for practice in ordered:
        changed = catalogue.last_changed.get(practice.id, practice.checked)
        url = practice_page_url(base, practice.id)
        learned = tuple(j.mentee for j in catalogue.journeys_learning(practice.id))
        key = "ringkas-" + brief_key(practice, changed, url, templates, learned)
        target = out_dir / BRIEFS_DIR / f"{practice.id}.pdf"
        briefs.append(Brief(practice, changed, url, cache_dir / f"{key}.pdf", target, learned))
    return briefs


def brief_batch(root: str, briefs: list[Brief]) -> list[str]:
    """Worker: render, cache and write a batch of briefs; their ids."""
    for job in briefs:
        data = render_brief(Path(root), job.practice, job.changed, job.url, job.learned)
        atomic_write(job.entry, data)
        copy_file(job.entry, job.target)
    return [job.practice.id for job in briefs]
