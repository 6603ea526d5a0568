"""``replika build``: the orchestrator — every stage in order, and what runs where.

Read :meth:`Build.run` from top to bottom: it is the whole build.

1. **check** — ``site/`` is ours; every record loads and validates
   (``stages/load``, ``stages/validate``); any problem stops here.
2. **model** — the :class:`Catalogue` every page and output is made from.
3. **render** — the generated Markdown pages (``stages/render``, pure).
4. **write** — into ``docs/katalog/``, guarded by its manifest (``outputs/site``).
5. **up to date?** — when nothing MkDocs or the indexer reads has changed since
   the last build, ``site/`` is kept as it is.
6. **outputs** — each :class:`~generator.outputs.protocol.Output` of one list
   (site pages, open data, PDFs, search index, offline copy) writes into a
   staging folder.
7. **swap** — the staging folder replaces ``site/`` in two renames.

This module is the only place that decides what runs in another process:
from :data:`PARALLEL_MIN` practices on (and with a second core), half of the
practice pages are rendered in a forked child, the search index is computed in
another one beside MkDocs, and MkDocs converts its pages in two processes
(``outputs/mkdocs_pages.py``). Each child's result is byte-identical to doing
the work here, and a child that dies is replaced by doing the work here.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InvalidContent
from generator.forked import Beside, can_fork
from generator.outputs.protocol import OfflineCopy, OpenData, Output, Pdfs, SearchIndex
from generator.outputs.site import (
    MARKER_NAME,
    WORK_DIR,
    SitePages,
    WriteStats,
    check_site_is_ours,
    forget_build,
    inputs_digest,
    project_lock,
    record_build,
    recover_leftovers,
    site_is_up_to_date,
    swap_in,
    write_generated,
)
from generator.project import Project, configured_site_url
from generator.stages.checked import Checked
from generator.stages.model import Catalogue, build_catalogue
from generator.stages.render import Page, listing_pages, practice_pages
from generator.stages.validate import check_project
from generator.templating import make_environment

PARALLEL_MIN = 200
"""From this many practices on, a build uses a second process (see the module docstring)."""


@dataclass
class BuildResult:
    pages: int
    practices: int
    stats: WriteStats
    seconds: float
    up_to_date: bool = False
    """True when nothing MkDocs or the indexer reads had changed: ``site/`` was kept."""


def build(
    project: Project, *, pdf: bool = True, log: Callable[[str], None] | None = None
) -> BuildResult:
    """The whole ``replika build``; on any failure the previous ``site/`` stays as it was.

    One build at a time per project (``project_lock``); leftovers of a killed
    build are recovered first (``recover_leftovers``).
    """
    say = log or (lambda _msg: None)
    with project_lock(project, say):
        recover_leftovers(project.site_dir, project.root / WORK_DIR, say)
        return Build(project, pdf=pdf, say=say).run()


def check(project: Project) -> Checked:
    """Validate every record; ``InvalidContent`` when any problem was found."""
    checked = check_project(project)
    if checked.problems:
        raise InvalidContent(checked)
    return checked


def generate(project: Project) -> tuple[Catalogue, WriteStats]:
    """Stages 1–4 alone: validate, model, render and write the generated Markdown."""
    build = Build(project, pdf=False)
    catalogue = build_catalogue(check(project), project)
    return catalogue, write_generated(project, build.render(catalogue))


class Build:
    """One run of ``replika build`` (call :func:`build`, which holds the project lock)."""

    def __init__(
        self, project: Project, *, pdf: bool, say: Callable[[str], None] | None = None
    ) -> None:
        self.project = project
        self.pdf = pdf
        """``False`` for ``--tanpa-pdf``: no PDFs, and so no offline copy either."""
        self.say = say or (lambda _msg: None)

    def run(self) -> BuildResult:
        started = time.monotonic()
        project, site = self.project, self.project.site_dir
        # 1. check: a site/ we did not build is never replaced; records must be valid
        check_site_is_ours(site)
        checked = check(project)
        # 2. model, and what the outputs would refuse to replace (docs/ is copied into the site)
        catalogue = build_catalogue(checked, project)
        self.check_outputs(catalogue)
        # 3. render the generated Markdown, 4. write it into docs/katalog/
        stats = write_generated(project, self.render(catalogue))
        self.say(
            f"halaman: {len(stats.written)} ditulis, {stats.unchanged} tidak berubah, "
            f"{len(stats.removed)} dihapus"
        )
        # 5. nothing changed since the last build: keep site/
        work = project.root / WORK_DIR
        work.mkdir(exist_ok=True)
        inputs = inputs_digest(project, pdf=self.pdf)
        if site_is_up_to_date(project, inputs):
            self.say("situs sudah mutakhir: tidak ada yang berubah sejak build terakhir")
            return self._result(catalogue, stats, started, up_to_date=True)
        forget_build(project)
        # 6. every output into a staging folder, 7. swapped in for site/
        staging = Path(tempfile.mkdtemp(prefix="site-baru-", dir=work))
        try:
            self.write_outputs(catalogue, staging)
            marker = {"dibuat_oleh": "replika build", "praktik": len(catalogue.practices)}
            (staging / MARKER_NAME).write_text(json.dumps(marker) + "\n", encoding="utf-8")
            check_site_is_ours(site)
            swap_in(staging, site, work)
            record_build(project, inputs)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        return self._result(catalogue, stats, started)

    def check_outputs(self, catalogue: Catalogue) -> None:
        """Refuse before anything is written a file in ``docs/`` an output may not replace."""
        checking: list[OpenData | Pdfs] = [OpenData()]
        if self.pdf:
            checking.append(Pdfs(self.project))
        for output in checking:
            output.check(catalogue, self.project)

    def parallel(self, catalogue: Catalogue) -> bool:
        """A second process pays off: enough practices, and a second core to fork onto."""
        return len(catalogue.practices) >= PARALLEL_MIN and can_fork()

    def render(self, catalogue: Catalogue) -> list[Page]:
        """Every generated page; large sites render half the practice pages in a child."""
        practices = catalogue.practices
        half = len(practices) // 2 if self.parallel(catalogue) else len(practices)
        second = Beside(
            lambda: practice_pages(catalogue, practices[half:]) if half < len(practices) else [],
            parallel=half < len(practices),
        )
        try:
            env = make_environment()  # one per process: templates are compiled once
            first = practice_pages(catalogue, practices[:half], env=env)
            return first + second.result() + listing_pages(catalogue, env=env)
        finally:
            second.close()

    def outputs(self, catalogue: Catalogue, index: Beside[dict[str, bytes]]) -> list[Output]:
        """What the build writes, in order; the offline copy carries everything before it."""
        # MkDocs converts in two processes from its own page minimum on (mkdocs_pages.py)
        chosen: list[Output] = [SitePages(self.project, two_processes=can_fork()), OpenData()]
        if self.pdf:
            chosen.append(Pdfs(self.project))
        chosen.append(SearchIndex(index.result))
        if self.pdf:
            chosen.append(OfflineCopy(configured_site_url(self.project)))
        return chosen

    def write_outputs(self, catalogue: Catalogue, staging: Path) -> None:
        """Run every output; the search index is computed beside them on large sites."""
        from generator.outputs.search import index_files

        index = Beside(lambda: index_files(catalogue), parallel=self.parallel(catalogue))
        try:
            for output in self.outputs(catalogue, index):
                output.write(catalogue, staging)
        finally:
            index.close()

    def _result(
        self, catalogue: Catalogue, stats: WriteStats, started: float, *, up_to_date: bool = False
    ) -> BuildResult:
        return BuildResult(
            pages=len(list(self.project.site_dir.rglob("index.html"))),
            practices=len(catalogue.practices),
            stats=stats,
            seconds=time.monotonic() - started,
            up_to_date=up_to_date,
        )
