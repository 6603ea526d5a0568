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

MkDocs copies ``docs/`` into the staging site, so a hand-made file there can
stand where an output writes. The outputs that refuse to replace a file they
did not write (open data, PDFs) also have ``check(catalogue, project)``, which
the orchestrator calls before anything is written: the build stops at once,
naming the file under ``docs/``, instead of after the whole site is built.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from generator.errors import ExportError, NotOurs, OutputError
from generator.outputs.export import first_foreign_data, write_open_data
from generator.outputs.offline import ZIP_NAME, build_offline_copy
from generator.outputs.pdf import first_foreign, output_files, write_pdfs
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
    folder = "data"

    def check(self, catalogue: Catalogue, project: Project) -> None:
        """A file in ``docs/data/`` that the open data would have to replace: stop now."""
        found = first_foreign_data(project.docs_dir / self.folder)
        if found is not None:
            raise ExportError(_in_the_way(project, found, "bukan hasil `replika export`"))

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        write_open_data(catalogue, staging / self.folder)


class Pdfs:
    """``unduh/``: the catalogue PDFs and one brief per practice (``generator/outputs/pdf/``)."""

    name = "PDF"

    folder = "unduh"

    def __init__(self, project: Project) -> None:
        self.project = project

    def check(self, catalogue: Catalogue, project: Project) -> None:
        """A PDF in ``docs/unduh/`` that the PDFs would have to replace: stop now."""
        found = first_foreign(output_files(catalogue, project.docs_dir / self.folder))
        if found is not None:
            raise NotOurs(_in_the_way(project, found, "bukan PDF buatan Replika"))

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        write_pdfs(catalogue, self.project, staging / self.folder, progress=Progress(0, self.name))


def _in_the_way(project: Project, found: Path, what: str) -> str:
    """The message for a hand-made file under ``docs/`` where the build writes an output."""
    shown = project.display(found)
    return (
        f"`{shown}` sudah ada dan {what}; `replika build` tidak menimpanya dan tidak "
        f"menulis apa pun. Pindahkan berkas itu keluar dari `docs/` (build menulis "
        f"`{shown.removeprefix('docs/')}` sendiri)."
    )


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
