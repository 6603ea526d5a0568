"""The ``replika`` command line: a thin layer over the pipeline stages.

One module per group of commands (``check``: validate, schema; ``new``: new,
from-issue; ``site``: build, serve; ``outputs``: pdf, export), the Indonesian
argparse in ``parser``, and the developer commands ``python3 -m
generator.wilayah`` and ``python -m generator.outputs.search`` in ``tools``.
Nothing outside this package imports it (``generator/__main__.py`` and those
two ``__main__`` entry points excepted) and nothing outside it exits the
process or knows an exit status.

Exit status (the one table is ``status.py``): 0 all good, 1 invalid content,
2 usage error (bad arguments, not a project, a file in the way that Replika
did not write), 3 an internal error (a missing tool, or a bug: reported
without a traceback unless ``REPLIKA_DEBUG=1``), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.cli import check, new, outputs, site
from generator.cli.parser import BadArguments, HelpShown, Parser, examples
from generator.cli.status import EXIT_INTERNAL, EXIT_USAGE, exit_status
from generator.errors import ReplikaError
from generator.progress import configure as configure_progress
from generator.project import Project, find_project

Handler = Callable[[argparse.Namespace, Project], int]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="replika",
        description="Replika: basis pengetahuan praktik baik sanitasi yang dapat direplikasi.\n"
        "Jalankan `replika PERINTAH --help` untuk penjelasan dan contoh tiap perintah.",
        epilog=examples(
            "replika validate                      periksa semua catatan praktik",
            "replika validate practices/x.yaml     periksa satu berkas",
            'replika new --judul "..." --daerah "Kota Kendari" --sektor persampahan '
            "--jenis kemitraan",
            "replika serve                         pratinjau situs di http://127.0.0.1:8000",
            "replika build                         bangun situs ke site/",
        )
        + "\n\nStatus keluar: 0 beres, 1 isi tidak valid, 2 penggunaan salah, 3 kesalahan "
        "internal.",
    )
    parser.add_argument(
        "--proyek",
        "-C",
        metavar="FOLDER",
        default=None,
        help="folder proyek (bawaan: folder saat ini, seperti mkdocs)",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="PERINTAH", parser_class=Parser, title="perintah"
    )
    for group in (check, new, site, outputs):
        group.add_commands(sub)
    return parser


def _internal_error(err: Exception) -> int:
    """A bug of ours: one plain paragraph, the traceback only with ``REPLIKA_DEBUG``."""
    print(
        f"replika: kesalahan internal ({type(err).__name__}: {err}). "
        "Ini bug Replika, bukan kesalahan Anda; laporkan sebagai issue "
        "(jalankan ulang dengan REPLIKA_DEBUG=1 untuk rinciannya).",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``replika`` command; the exit status (never exits the process itself)."""
    configure_progress()  # progress (the ``replika`` logger) is shown on stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except (HelpShown, BadArguments) as stop:
        return exit_status(stop)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        project = find_project(Path(args.proyek) if args.proyek else None)
        return int(handler(args, project))
    except ReplikaError as err:  # e.g. not a project, a file named that does not exist
        print(f"replika: {err}", file=sys.stderr)
        return exit_status(err)
    except KeyboardInterrupt as err:
        print("\nreplika: dibatalkan.", file=sys.stderr)
        return exit_status(err)
    except Exception as err:
        if os.environ.get("REPLIKA_DEBUG"):
            raise
        return _internal_error(err)


def run(command: Callable[[], int]) -> None:
    """Exit the process with ``command()``'s status: for the ``__main__`` entry points."""
    sys.exit(command())
