"""The ``Output`` interface of the build, and the outputs written after the MkDocs pages.

Every output of ``replika build`` (the MkDocs site pages, open data, PDFs, the
search index, the offline copy) is one object with a ``name`` (for progress and
messages) and ``write(catalogue, staging)``, which writes it into the staging
folder that becomes ``site/``. The orchestrator (``generator/build.py``) runs
them from one list, in order; a failure is a ``BuildError`` with the message
and exit status the command line has always shown for it, and leaves the
published ``site/`` untouched.

Outputs do not start processes: what runs beside what is decided by the
orchestrator (the search index, for one, is computed beside MkDocs and handed
to :class:`SearchIndex` as a callable).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from generator.outputs.site import BuildError
from generator.progress import Progress
from generator.project import Project
from generator.stages.model import Catalogue


class Output(Protocol):
    """One product of the build, written into the staging site."""

    name: str

    def write(self, catalogue: Catalogue, staging: Path) -> None: ...


class OpenData:
    """``data/``: the practices as JSON and CSV (``generator/outputs/export.py``)."""

    name = "data terbuka"

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        from generator.outputs.export import ExportError, write_open_data

        try:
            write_open_data(catalogue, staging / "data")
        except ExportError as err:
            raise BuildError(str(err), 3) from None


class Pdfs:
    """``unduh/``: the catalogue PDFs and one brief per practice (``generator/outputs/pdf.py``)."""

    name = "PDF"

    def __init__(self, project: Project) -> None:
        self.project = project

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        from generator.outputs.pdf import PdfError, write_pdfs

        try:
            write_pdfs(catalogue, self.project, staging / "unduh", progress=Progress(0, self.name))
        except PdfError as err:
            raise BuildError(str(err), err.exit_code) from None


class SearchIndex:
    """``cari-indeks/``: the static search index; ``files()`` gives its computed files."""

    name = "indeks pencarian"

    def __init__(self, files: Callable[[], dict[str, bytes]]) -> None:
        self.files = files

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        from generator.outputs.search import write_index

        try:
            write_index(self.files(), staging)
        except OSError as err:
            raise BuildError(f"indeks pencarian tidak dapat ditulis: {err}", 3) from None


class OfflineCopy:
    """``unduh/replika-luring.zip``: the staging site as a ZIP (after everything it carries)."""

    name = "salinan luring"

    def __init__(self, site_url: str) -> None:
        self.site_url = site_url

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        from generator.outputs.offline import ZIP_NAME, OfflineError, build_offline_copy

        try:
            build_offline_copy(staging, staging / "unduh" / ZIP_NAME, site_url=self.site_url)
        except OfflineError as err:
            raise BuildError(str(err), 3) from None
