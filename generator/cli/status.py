"""Exit statuses: the one table from kind of error to the status ``replika`` exits with.

The domain modules raise errors that say what went wrong
(``generator/errors.py``); only this table says which exit status that means.
The statuses are documented in the README and in ``replika --help``:
0 all good, 1 invalid content, 2 usage error (bad arguments, not a project, a
file in the way that Replika did not write), 3 an internal error (a missing
tool, the disk, or a bug), 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

from generator.cli.parser import BadArguments, HelpShown
from generator.errors import (
    BadRequest,
    BriefTooLong,
    BrokenTemplate,
    BuildError,
    InvalidContent,
    MissingInput,
    NotOurs,
    OutputError,
    ProjectNotFound,
    RecordExists,
    RegistrySourceError,
    UnusableContent,
    UsageError,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
"""128 + SIGINT, what a shell reports for Ctrl-C."""

EXIT_STATUS: tuple[tuple[type[BaseException], int], ...] = (
    # The records, a page in docs/ or the text given must be fixed.
    (InvalidContent, EXIT_INVALID),
    (BuildError, EXIT_INVALID),
    (BriefTooLong, EXIT_INVALID),  # before OutputError, its base
    (RecordExists, EXIT_INVALID),
    (UnusableContent, EXIT_INVALID),
    # The command must change: its arguments, its folder, a file in the way.
    (UsageError, EXIT_USAGE),
    (BadArguments, EXIT_USAGE),
    (ProjectNotFound, EXIT_USAGE),
    (NotOurs, EXIT_USAGE),
    (MissingInput, EXIT_USAGE),
    (BadRequest, EXIT_USAGE),
    (RegistrySourceError, EXIT_USAGE),
    (EOFError, EXIT_USAGE),  # the answers to `replika new` ran out
    # Replika's side: its tools (Typst, fonts), its template, the disk.
    (OutputError, EXIT_INTERNAL),
    (BrokenTemplate, EXIT_INTERNAL),
    (HelpShown, EXIT_OK),
    (KeyboardInterrupt, EXIT_INTERRUPTED),
)
"""First match wins, so a subclass comes before its base."""


def exit_status(err: BaseException) -> int:
    """The exit status for ``err``; anything unforeseen is an internal error."""
    for kind, status in EXIT_STATUS:
        if isinstance(err, kind):
            return status
    return EXIT_INTERNAL
