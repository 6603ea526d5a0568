"""The errors of ``replika new`` and ``replika from-issue``."""

from __future__ import annotations


class ScaffoldError(Exception):
    """A request ``new``/``from-issue`` cannot carry out; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class MissingInput(ScaffoldError):
    """Non-interactive ``new`` without all the required flags."""
