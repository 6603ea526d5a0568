"""Every error Replika reports in words: one hierarchy, no exit statuses.

An error here says *what* went wrong, in a message for people (Indonesian);
it carries no exit status. Only the command line (``generator/cli/status.py``,
one table) decides which exit status each kind of error gives, so a change
of policy is one line there and the domain modules never import the CLI.

The classes take the message as their only argument (``InvalidContent``
excepted, which carries the validation result), so they cross process
boundaries (the PDF workers) without a custom ``__reduce__``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.stages.checked import Checked


class ReplikaError(Exception):
    """Base of every error Replika explains to the user instead of a traceback."""


# ----------------------------------------------------------------------------- the command


class UsageError(ReplikaError):
    """Wrong arguments or options, e.g. a file named on the command line does not exist."""


class ProjectNotFound(ReplikaError):
    """The folder is not a Replika project (no ``mkdocs.yml`` and ``practices/``)."""


# ----------------------------------------------------------------------------- the content


class InvalidContent(ReplikaError):
    """Validation found problems; the CLI reports them like ``replika validate``."""

    def __init__(self, checked: Checked) -> None:
        super().__init__(f"{len(checked.problems)} masalah")
        self.checked = checked


class BuildError(ReplikaError):
    """``mkdocs build`` failed or warned (e.g. a broken link in a page under ``docs/``)."""


class NotOurs(ReplikaError):
    """A file or folder Replika would write is not its own (or was edited since).

    Nothing is overwritten: the user moves the file or picks another folder.
    Raised for ``site/``, the generated area ``docs/katalog/`` and its manifest,
    PDFs and open data.
    """


class ExportError(NotOurs):
    """An open-data file (``practices.json`` ...) exists but was not written by Replika."""


# ----------------------------------------------------------------------------- the outputs


class OutputError(ReplikaError):
    """An output could not be written: the disk, a missing tool, or a bug of ours."""


class PdfError(OutputError):
    """A PDF could not be made: Typst or the Noto fonts missing, or Typst failing."""


class BriefTooLong(PdfError):
    """A record's two-page PDF brief does not fit even in its shortest form."""


class OfflineError(OutputError):
    """The offline copy (ZIP) could not be made."""


# ----------------------------------------------------------------------------- new, from-issue


class ScaffoldError(ReplikaError):
    """A request ``replika new``/``from-issue`` cannot carry out (base class)."""


class MissingInput(ScaffoldError):
    """Non-interactive ``new`` without all the required options."""


class BadRequest(ScaffoldError):
    """An option's value, the input file, or the project's record template is not usable."""


class RecordExists(ScaffoldError):
    """The record to create exists already; it is never overwritten."""


class UnusableContent(ScaffoldError):
    """What ``new``/``from-issue`` read (the region registry, an issue's text) cannot
    give a valid record: that content has to be fixed first."""


class BrokenTemplate(ScaffoldError):
    """The record template ``practices/_templat.yaml`` lacks what ``new`` fills in."""


# ----------------------------------------------------------------------------- wilayah


class RegistrySourceError(ReplikaError):
    """The region dataset (``idn-area-data``) could not be fetched or read."""
