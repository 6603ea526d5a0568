"""Developer commands outside ``replika``: ``python3 -m generator.wilayah`` (refresh the
region registry) and ``python -m generator.outputs.search`` (write or time the search
index alone).

Their modules keep only the work; the arguments, the messages and the exit
statuses are here, like every other command line. The library modules are
imported when a command runs, so that importing this package stays cheap.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generator.cli.parser import BadArguments, HelpShown, Parser
from generator.cli.status import EXIT_INVALID, EXIT_OK, exit_status
from generator.errors import RegistrySourceError
from generator.project import find_project


def _wilayah_parser() -> Parser:
    from generator.wilayah import PACKAGE, VERSION  # lazy: see the module docstring

    parser = Parser(
        prog="python3 -m generator.wilayah",
        description="Perbarui practices/_wilayah.yaml dari data terbuka idn-area-data.",
    )
    parser.add_argument(
        "--sumber",
        metavar="FOLDER|TGZ",
        type=Path,
        help=f"paket {PACKAGE} yang sudah diunduh (bawaan: `npm pack {PACKAGE}@{VERSION}`)",
    )
    parser.add_argument(
        "--check", action="store_true", help="hanya periksa apakah berkasnya sudah mutakhir"
    )
    return parser


def wilayah(argv: Sequence[str] | None = None) -> int:
    """``python3 -m generator.wilayah [--sumber FOLDER|TGZ] [--check]`` in a project folder."""
    from generator.wilayah import refresh  # lazy: see the module docstring

    try:
        args = _wilayah_parser().parse_args(argv)
    except (HelpShown, BadArguments) as stop:
        return exit_status(stop)
    project = find_project(None)
    path = project.regions_file
    try:
        text, lost = refresh(path, args.sumber, log=lambda m: print(m, file=sys.stderr))
    except RegistrySourceError as err:
        print(f"wilayah: {err}", file=sys.stderr)
        return exit_status(err)
    for name in lost:
        print(
            f"wilayah: koordinat untuk `{name}` tidak cocok dengan daerah mana pun", file=sys.stderr
        )
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if args.check:
        if current != text:
            print(f"{project.display(path)}: belum mutakhir", file=sys.stderr)
            return EXIT_INVALID
        return EXIT_OK
    if current != text:
        path.write_text(text, encoding="utf-8")
        print(f"ditulis: {project.display(path)}")
    else:
        print(f"{project.display(path)} sudah mutakhir")
    return EXIT_INVALID if lost else EXIT_OK


def search_index(argv: list[str] | None = None) -> int:
    """``python -m generator.outputs.search [--waktu] [--keluaran FOLDER]`` in a project folder."""
    from generator.outputs.search import index_files, write_index  # lazy: module docstring
    from generator.stages.model import build_catalogue
    from generator.stages.validate import check_project

    parser = argparse.ArgumentParser(
        prog="python -m generator.outputs.search", description="Tulis indeks pencarian situs."
    )
    parser.add_argument("--keluaran", help="folder situs (bawaan: site/ proyek)")
    parser.add_argument(
        "--waktu", action="store_true", help="cetak lama pengindeksan saja (tanpa MkDocs)"
    )
    args = parser.parse_args(argv)
    project = find_project(Path.cwd())
    started = time.monotonic()
    checked = check_project(project)
    if checked.problems:
        print(f"{len(checked.problems)} masalah; jalankan `replika validate`", file=sys.stderr)
        return EXIT_INVALID
    catalogue = build_catalogue(checked, project)
    loaded = time.monotonic()
    files = index_files(catalogue)
    indexed = time.monotonic()
    folder = write_index(files, Path(args.keluaran) if args.keluaran else project.site_dir)
    done = time.monotonic()
    if args.waktu:
        timing = {
            "dokumen": len(catalogue.practices),
            "halaman": json.loads(files["manifest.json"])["dokumen"],
            "berkas": len(files),
            "bita": sum(len(b) for b in files.values()),
            "muat_dtk": round(loaded - started, 3),
            "indeks_dtk": round(indexed - loaded, 3),
            "tulis_dtk": round(done - indexed, 3),
            "folder": str(folder),
        }
        print(json.dumps(timing))
    return EXIT_OK
