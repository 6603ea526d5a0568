"""Offline PDFs: catalogues (whole, per sector, per province) and a two-page brief per practice.

Typesetting is done by Typst (the ``typst`` package: the compiler as a Python
extension) from the templates in ``generator/templates/pdf/*.typ``. The parts:

- :mod:`.data`: record → the JSON data the templates print (no record text
  is ever evaluated as Typst markup);
- :mod:`.typeset`: compiling, counting pages, reading marks;
- :mod:`.catalogues`: the whole, sector and province catalogues, made in
  chunks (why: see that module; WeasyPrint needed 13 min 47 s and 6.2 GB for
  the 3,119-page catalogue of 1,000 practices, issue #16);
- :mod:`.briefs`: the two-page brief of each practice;
- :mod:`.cache`: ``.cache/pdf/`` keys and copies; which files are ours;
- :mod:`.schedule`: the worker processes; :mod:`.report`: the report and
  the download page.

:func:`write_pdfs` ties them together: a PDF whose inputs are unchanged is
copied from the cache; the others are made, cached and written.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from generator.errors import NotOurs
from generator.fsutil import atomic_write
from generator.outputs.pdf.briefs import BRIEF_BATCH, BRIEFS_DIR, Brief, plan_briefs
from generator.outputs.pdf.cache import CACHE_DIR, copy_file, is_ours, prune, templates_digest
from generator.outputs.pdf.catalogues import (
    CATALOGUE_NAME,
    CATALOGUES_DIR,
    CHUNK_PRACTICES,
    Body,
    Spec,
    catalogue_order,
    catalogue_specs,
    frame_data,
    plan_catalogues,
)
from generator.outputs.pdf.data import practice_data, printed_url
from generator.outputs.pdf.report import DOWNLOAD_PAGE, PdfReport, Published, download_page
from generator.outputs.pdf.schedule import Runner, chunks, schedule
from generator.outputs.pdf.typeset import page_count, write_templates
from generator.progress import Progress
from generator.project import Project
from generator.stages.model import Catalogue

__all__ = ["PdfReport", "first_foreign", "output_files", "write_pdfs"]
"""The package's interface: the CLI, the site build and the preview use these."""

CatalogueJob = tuple[Spec, Path, Path]
"""``(spec, cache entry, output file)`` of one catalogue."""


def write_pdfs(
    catalogue: Catalogue,
    project: Project,
    out_dir: Path,
    *,
    log: Callable[[str], None] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    niceness: int = 0,
) -> PdfReport:
    """Write the catalogues, ``out_dir/praktik/<id>.pdf`` and the download page.

    ``out_dir`` is the site's ``unduh/`` folder (or any folder for
    ``replika pdf --keluaran``). A PDF whose inputs are unchanged is copied
    from the cache; the others are made, cached and written. ``workers`` is
    the most processes to typeset in (``1``: only this one; ``None``: the
    cores, at most :data:`~generator.outputs.pdf.schedule.MAX_WORKERS`);
    ``niceness`` lowers their CPU priority (the preview makes PDFs in the
    background while the pages being edited must come first).
    """
    report = PdfReport()
    base = printed_url(project)
    templates = templates_digest()
    cache_dir = project.root / CACHE_DIR
    cache_dir.mkdir(parents=True, exist_ok=True)

    ordered = catalogue_order(catalogue.practices)
    ordered_catalogue = replace(catalogue, practices=ordered)
    # Kept as JSON text (a tenth of the memory of the dicts at 5,000 practices).
    bodies_json = {
        p.id: json.dumps(practice_data(p, ordered_catalogue, base), ensure_ascii=False)
        for p in ordered
    }
    specs = catalogue_specs(ordered)
    catalogue_jobs = plan_catalogues(catalogue, specs, bodies_json, templates, cache_dir, out_dir)
    report.catalogue = out_dir / CATALOGUE_NAME
    briefs = plan_briefs(catalogue, ordered, base, templates, cache_dir, out_dir)
    report.briefs = {job.practice.id: job.target for job in briefs}
    _refuse_foreign([t for _s, _e, t in catalogue_jobs] + [b.target for b in briefs])

    used, missing_briefs, missing_catalogues = _reuse_cached(briefs, catalogue_jobs, report)

    def frame_input(spec: Spec, bodies: dict[str, Body]) -> dict:
        return frame_data(spec, ordered_catalogue, bodies, base)

    _make_missing(
        bodies_json,
        missing_briefs,
        missing_catalogues,
        frame_input,
        report,
        progress=progress,
        say=log or (lambda _msg: None),
        workers=workers,
        niceness=niceness,
    )
    _publish(report, catalogue_jobs, len(briefs), out_dir)
    prune(cache_dir, used)
    _prune_catalogues(out_dir, {t for _s, _e, t in catalogue_jobs})
    return report


def output_files(catalogue: Catalogue, out_dir: Path) -> list[Path]:
    """Every PDF :func:`write_pdfs` writes into ``out_dir``: the catalogues, then the briefs."""
    specs = catalogue_specs(catalogue_order(catalogue.practices))
    catalogues = [out_dir / spec.name for spec in specs]
    return catalogues + [out_dir / BRIEFS_DIR / f"{p.id}.pdf" for p in catalogue.practices]


def first_foreign(targets: Iterable[Path]) -> Path | None:
    """The first of ``targets`` that exists and is not a PDF Replika wrote, if any."""
    return next((t for t in targets if t.exists() and not is_ours(t)), None)


def _refuse_foreign(targets: list[Path]) -> None:
    """Stop before writing anything if an output exists that Replika did not write."""
    foreign = first_foreign(targets)
    if foreign is not None:
        raise NotOurs(
            f"`{foreign}` sudah ada dan bukan PDF buatan Replika; tidak ada yang ditimpa. "
            "Pindahkan berkas itu atau pilih folder lain dengan --keluaran."
        )


def _reuse_cached(
    briefs: list[Brief], catalogue_jobs: list[CatalogueJob], report: PdfReport
) -> tuple[set[str], list[Brief], list[CatalogueJob]]:
    """Copy every PDF the cache holds; the cache entries used, and what is still to make."""
    used: set[str] = set()
    missing_briefs: list[Brief] = []
    for job in briefs:
        used.add(job.entry.name)
        if job.entry.is_file():
            copy_file(job.entry, job.target)
            report.reused.append(job.practice.id)
        else:
            missing_briefs.append(job)
    missing_catalogues: list[CatalogueJob] = []
    for spec, entry, target in catalogue_jobs:
        used.add(entry.name)
        if entry.is_file():
            copy_file(entry, target)
        else:
            missing_catalogues.append((spec, entry, target))
    return used, missing_briefs, missing_catalogues


def _make_missing(
    bodies_json: dict[str, str],
    missing_briefs: list[Brief],
    missing_catalogues: list[CatalogueJob],
    frame_input: Callable[[Spec, dict[str, Body]], dict],
    report: PdfReport,
    *,
    progress: Progress | None,
    say: Callable[[str], None],
    workers: int | None,
    niceness: int = 0,
) -> None:
    """Typeset what the cache did not hold: body chunks, then catalogues, briefs between."""
    wanted = {pid for spec, _e, _t in missing_catalogues for pid in spec.ids}
    needed = [pid for pid in bodies_json if pid in wanted]
    chunk_ids = list(chunks(needed, CHUNK_PRACTICES))
    brief_batches = list(chunks(missing_briefs, BRIEF_BATCH))
    total = len(needed) + len(missing_briefs) + len(missing_catalogues)
    meter = progress or Progress(total, "PDF", stream=None)
    meter.reset(total)

    with tempfile.TemporaryDirectory(prefix="replika-pdf-") as work:
        write_templates(Path(work))
        runner = Runner(
            len(chunk_ids) + len(brief_batches) + len(missing_catalogues), workers, niceness
        )
        try:
            schedule(
                runner,
                work,
                chunks=[
                    (f"isi-{n}.pdf", [bodies_json.pop(i) for i in ids])
                    for n, ids in enumerate(chunk_ids)
                ],
                frames=list(missing_catalogues),
                briefs=brief_batches,
                frame_input=frame_input,
                report=report,
                meter=meter,
                say=say,
            )
        finally:
            runner.close()
            meter.finish()


def _publish(
    report: PdfReport, catalogue_jobs: list[CatalogueJob], briefs: int, out_dir: Path
) -> None:
    """Count the catalogues' pages and sizes and write the download page."""
    for spec, _entry, target in catalogue_jobs:
        with target.open("rb") as handle:
            head = handle.read(4096)
        pages = page_count(head) or page_count(target.read_bytes())
        report.catalogues.append(
            Published(target, spec.title, pages, target.stat().st_size, len(spec.ids))
        )
    report.pages = sum(c.pages for c in report.catalogues)
    atomic_write(
        out_dir / DOWNLOAD_PAGE, download_page(report.catalogues, briefs, out_dir).encode("utf-8")
    )


def _prune_catalogues(out_dir: Path, kept: set[Path]) -> None:
    """Remove sector/province catalogues of an earlier run that no longer exist."""
    folder = out_dir / CATALOGUES_DIR
    for path in folder.glob("*.pdf") if folder.is_dir() else ():
        if path not in kept and is_ours(path):
            path.unlink()
