"""``replika build`` and ``replika serve``: the site, built once or previewed live.

The build and the preview are imported when a command runs: that keeps
``replika --help`` fast (they pull in MkDocs, Jinja and every stage).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from generator.cli.parser import examples
from generator.cli.status import EXIT_INVALID, EXIT_OK, exit_status
from generator.errors import InvalidContent, ReplikaError
from generator.project import Project
from generator.report import output_format, report


def cmd_build(args: argparse.Namespace, project: Project) -> int:
    from generator.build import build  # lazy: keeps `--help` fast

    try:
        result = build(project, pdf=not args.tanpa_pdf, log=lambda msg: print(msg, file=sys.stderr))
    except InvalidContent as err:
        report(err.checked.problems, output_format(None))
        print("replika build: situs tidak dibangun; `site/` tidak diubah.", file=sys.stderr)
        return EXIT_INVALID
    except ReplikaError as err:
        print(f"replika build: {err}", file=sys.stderr)
        print("replika build: `site/` tidak diubah.", file=sys.stderr)
        return exit_status(err)
    if result.up_to_date:
        print(
            f"✓ situs di site/ sudah mutakhir: {result.practices} praktik, {result.pages} "
            f"halaman; tidak ada yang berubah, MkDocs dan pengindeks pencarian dilewati "
            f"({result.seconds:.1f} dtk)."
        )
        return EXIT_OK
    print(
        f"✓ situs dibangun di site/: {result.practices} praktik, {result.pages} halaman "
        f"({result.seconds:.1f} dtk)."
    )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, project: Project) -> int:
    from generator.serve import serve  # lazy: keeps `--help` fast

    return serve(project, address=args.alamat, full=args.penuh, downloads=not args.tanpa_pdf)


def add_commands(sub: Any) -> None:
    """``build`` and ``serve``, in the order ``replika --help`` lists them."""
    p = sub.add_parser(
        "build",
        help="bangun situs ke site/ (validasi, halaman, pencarian)",
        description="Memeriksa semua catatan lalu membangun situs ke site/ (halaman, pencarian, "
        "data terbuka, PDF). Bila ada catatan yang tidak valid, site/ tidak diubah.",
        epilog=examples("replika build", "replika build --tanpa-pdf"),
    )
    p.add_argument("--tanpa-pdf", action="store_true", help="lewati pembuatan PDF (lebih cepat)")
    p.set_defaults(handler=cmd_build)

    p = sub.add_parser(
        "serve",
        help="pratinjau situs yang diperbarui otomatis saat catatan diubah",
        description="Menjalankan pratinjau situs di komputer Anda; halaman diperbarui setiap "
        "kali berkas di practices/ disimpan. Hentikan dengan Ctrl-C.",
        epilog=examples(
            "replika serve", "replika serve --alamat 127.0.0.1:8080", "replika serve --tanpa-pdf"
        ),
    )
    p.add_argument(
        "--alamat",
        "-a",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="bawaan: 127.0.0.1:8000",
    )
    p.add_argument(
        "--penuh", action="store_true", help="bangun ulang semua halaman setiap ada perubahan"
    )
    p.add_argument(
        "--tanpa-pdf",
        action="store_true",
        help="jangan membuat berkas unduhan (PDF, ZIP, data) di latar belakang (lebih ringan)",
    )
    p.set_defaults(handler=cmd_serve)
