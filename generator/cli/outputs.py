"""``replika pdf`` and ``replika export``: one output of the build, made on its own.

The outputs are imported when a command runs: that keeps ``replika --help``
fast (they pull in Typst's bindings and every stage).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.cli.parser import examples
from generator.cli.status import EXIT_INVALID, EXIT_OK, exit_status
from generator.errors import ReplikaError, UsageError
from generator.project import Project
from generator.report import output_format, report

if TYPE_CHECKING:
    from generator.stages.model import Catalogue


def _output_dir(args: argparse.Namespace, project: Project, inside_site: str) -> Path:
    """``--keluaran DIR``, else ``site/<inside_site>`` if ``site/`` was built by us."""
    if args.keluaran:
        return Path(args.keluaran).resolve()
    site = project.site_dir
    if (site / ".replika-build").is_file():
        return site / inside_site
    raise UsageError(
        f"`{project.display(site)}/` belum dibangun oleh `replika build` (atau bukan buatan "
        "Replika); jalankan `replika build` dulu, atau pilih folder dengan --keluaran FOLDER"
    )


def _catalogue_or_report(project: Project) -> Catalogue | None:
    """The catalogue, or None after reporting the validation problems."""
    from generator.stages.model import build_catalogue  # lazy: keeps `--help` fast
    from generator.stages.validate import check_project

    checked = check_project(project)
    if checked.problems:
        report(checked.problems, output_format(None))
        return None
    return build_catalogue(checked, project)


def cmd_pdf(args: argparse.Namespace, project: Project) -> int:
    from generator.outputs.pdf import write_pdfs  # lazy: keeps `--help` fast
    from generator.progress import Progress

    out_dir = _output_dir(args, project, "unduh")
    catalogue = _catalogue_or_report(project)
    if catalogue is None:
        print("replika pdf: PDF tidak dibuat karena masalah di atas.", file=sys.stderr)
        return EXIT_INVALID
    try:
        result = write_pdfs(
            catalogue,
            project,
            out_dir,
            log=lambda msg: print(msg, file=sys.stderr),
            progress=Progress(0, "PDF"),
        )
    except ReplikaError as err:
        print(f"replika pdf: {err}", file=sys.stderr)
        return exit_status(err)
    print(f"✓ {result.summary()}; ditulis ke {project.display(out_dir)}/")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, project: Project) -> int:
    from generator.outputs.export import FORMATS, write_open_data  # lazy: keeps `--help` fast

    out_dir = _output_dir(args, project, "data")
    catalogue = _catalogue_or_report(project)
    if catalogue is None:
        print("replika export: data tidak ditulis karena masalah di atas.", file=sys.stderr)
        return EXIT_INVALID
    try:
        written = write_open_data(catalogue, out_dir, args.format or FORMATS)
    except ReplikaError as err:
        print(f"replika export: {err}", file=sys.stderr)
        return exit_status(err)
    for path in written:
        print(f"ditulis: {project.display(path)}")
    return EXIT_OK


def add_commands(sub: Any) -> None:
    """``pdf`` and ``export``, in the order ``replika --help`` lists them."""
    p = sub.add_parser(
        "pdf",
        help="buat PDF katalog dan ringkasan per praktik (ke site/unduh/)",
        description="Membuat katalog-replika.pdf dan praktik/<id>.pdf. Tanpa --keluaran, "
        "ditulis ke site/unduh/ (hanya bila site/ dibangun oleh `replika build`). PDF yang "
        "catatannya tidak berubah disalin dari .cache/pdf/.",
        epilog=examples("replika pdf", "replika pdf --keluaran /tmp/pdf"),
    )
    p.add_argument("--keluaran", "-o", metavar="FOLDER", help="folder tujuan")
    p.set_defaults(handler=cmd_pdf)

    p = sub.add_parser(
        "export",
        help="tulis data terbuka (practices.json, practices.csv)",
        description="Menulis semua catatan praktik sebagai JSON dan/atau CSV. Tanpa "
        "--keluaran, ditulis ke site/data/ (hanya bila site/ dibangun oleh `replika build`).",
        epilog=examples("replika export", "replika export --format csv --keluaran /tmp/data"),
    )
    p.add_argument(
        "--format",
        choices=("json", "csv"),
        action="append",
        help="json atau csv (boleh diulang; bawaan: keduanya)",
    )
    p.add_argument("--keluaran", "-o", metavar="FOLDER", help="folder tujuan")
    p.set_defaults(handler=cmd_export)
