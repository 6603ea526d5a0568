"""The ``Output`` interface of the build, and the outputs written after the MkDocs pages.

Every output of ``replika build`` (the MkDocs site pages, open data, PDFs, the
search index, the offline copy) is one object with a ``name`` (for progress and
messages) and ``write(catalogue, staging)``, which writes it into the staging
folder that becomes ``site/``. The orchestrator (``generator/build.py``) runs
them from one list, in order; a failure raises its own error from
``generator/errors.py`` (the command line maps it to an exit status) and leaves
the published ``site/`` untouched.

Outputs do not start processes: what runs beside what is decided by the
orchestrator (the search index, for one, is computed beside MkDocs and handed
to :class:`SearchIndex` as a callable).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from generator.errors import OutputError
from generator.outputs.export import write_open_data
from generator.outputs.offline import ZIP_NAME, build_offline_copy
from generator.outputs.pdf import write_pdfs
from generator.outputs.search import write_index
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
        write_open_data(catalogue, staging / "data")


class Pdfs:
    """``unduh/``: the catalogue PDFs and one brief per practice (``generator/outputs/pdf/``)."""

    name = "PDF"

    def __init__(self, project: Project) -> None:
        self.project = project

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        write_pdfs(catalogue, self.project, staging / "unduh", progress=Progress(0, self.name))


class SearchIndex:
    """``cari-indeks/``: the static search index; ``files()`` gives its computed files."""

    name = "indeks pencarian"

    def __init__(self, files: Callable[[], dict[str, bytes]]) -> None:
        self.files = files

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        try:
            write_index(self.files(), staging)
        except OSError as err:
            raise OutputError(f"indeks pencarian tidak dapat ditulis: {err}") from None


class OfflineCopy:
    """``unduh/replika-luring.zip``: the staging site as a ZIP (after everything it carries)."""

    name = "salinan luring"

    def __init__(self, site_url: str) -> None:
        self.site_url = site_url

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        build_offline_copy(staging, staging / "unduh" / ZIP_NAME, site_url=self.site_url)
