"""argparse in Indonesian: usage, help and argument errors of every command line.

Used by ``replika`` (``generator/cli/__init__.py``) and the developer commands
in ``generator/cli/tools.py``. The parser never exits the process: ``--help``
raises :class:`HelpShown` and wrong arguments :class:`BadArguments` (after
printing what argparse prints), and ``cli.main`` turns them into the exit
status, so ``main(argv)`` can be called in-process.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import NoReturn

# argparse's own words, in Indonesian. argparse looks every message up through
# the module-level gettext functions `_` and `ngettext`; ours answer in Indonesian
# and fall back to the English only for messages that only a programmer sees.
_ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "optional arguments": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "subcommands": "perintah",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "not allowed with argument %s": "tidak boleh dipakai bersama argumen %s",
    "ignored explicit argument %r": "nilai %r diabaikan: opsi ini tidak menerima nilai",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "expected one argument": "butuh satu nilai",
    "expected at most one argument": "butuh paling banyak satu nilai",
    "expected at least one argument": "butuh paling sedikit satu nilai",
    "expected %s argument": "butuh %s nilai",
    "expected %s arguments": "butuh %s nilai",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opsi %(option)s tidak jelas; bisa berarti %(matches)s"
    ),
    "unexpected option string: %s": "opsi tak terduga: %s",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan %(value)r tidak ada (pilih salah satu: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "berkas '%(filename)s' tidak bisa dibuka: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
}


def _gettext_id(message: str) -> str:
    return _ARGPARSE_ID.get(message, message)


def _ngettext_id(singular: str, plural: str, n: int) -> str:
    return _gettext_id(singular if n == 1 else plural)


argparse._ = _gettext_id  # type: ignore[attr-defined]
argparse.ngettext = _ngettext_id  # type: ignore[attr-defined]


class HelpShown(Exception):
    """``--help`` was answered; nothing is left to do."""


class BadArguments(Exception):
    """argparse refused the arguments; the usage and the reason are printed already."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks; shows defaults only where the help says so."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=min(100, _terminal_width()))

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Wrap prose lines; keep indented lines (examples) as written."""
        out = []
        for line in text.splitlines():
            if line.startswith("  "):
                out.append(indent + line)
            else:
                wrap_indent = "  " if line.startswith("  ") else ""
                out.extend(
                    textwrap.wrap(
                        line.strip(),
                        width,
                        initial_indent=indent + wrap_indent,
                        subsequent_indent=indent + wrap_indent,
                        break_on_hyphens=False,
                    )
                    or [""]
                )
        return "\n".join(out) + "\n"


def _terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` with Indonesian messages that raises instead of exiting."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(
            f"{self.prog}: argumen salah: {message}\n"
            f"Lihat `{self.prog} --help` untuk penjelasan dan contoh.\n"
        )
        raise BadArguments(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        """argparse ends here after ``--help`` (status 0) or an error (status 2)."""
        if message:
            self._print_message(message, sys.stderr)
        raise HelpShown() if status == 0 else BadArguments(message or "")


def choices(values: Sequence[str]) -> str:
    """Choices as shown in help texts: ``a, b, c``."""
    return ", ".join(values)


def examples(*lines: str) -> str:
    """An epilog of indented example commands (kept as written by the formatter)."""
    return "contoh:\n" + "\n".join(f"  {line}" for line in lines)
