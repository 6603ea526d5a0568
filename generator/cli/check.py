"""``replika validate`` and ``replika schema``: check the records, regenerate the schema.

The pipeline stages are imported when a command runs, not when this module is
imported: that keeps ``replika --help`` fast (the schema alone takes a
noticeable fraction of a second to import).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.cli.parser import examples
from generator.cli.status import EXIT_INVALID, EXIT_OK
from generator.errors import UsageError
from generator.project import Project
from generator.report import output_format, report


def _named_files(raw_paths: list[str]) -> list[Path]:
    """The record files named on the command line; a folder stands for its ``*.yaml``."""
    only: list[Path] = []
    for raw in raw_paths:
        path = Path(raw)
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            only.extend(sorted(path.glob("*.yaml")))
        elif path.exists():
            only.append(path)
        else:
            raise UsageError(f"berkas `{raw}` tidak ada")
    return [p for p in only if not p.name.startswith("_")]


def cmd_validate(args: argparse.Namespace, project: Project) -> int:
    from generator.stages.journey import journey_dir  # lazy: keeps `--help` fast
    from generator.stages.validate import check_project

    only = _named_files(args.paths) if args.paths else None
    fmt = output_format(args.format)
    checked = check_project(project, only)
    folder = journey_dir(project).resolve()
    journeys = (
        sum(1 for p in only if p.resolve().parent == folder)
        if only is not None
        else len(checked.journeys)
    )
    files = len(only) - journeys if only is not None else len(checked.files)
    report(checked.problems, fmt, files=files if files or not journeys else None)
    if not checked.problems and fmt != "json" and journeys:
        print(f"✓ {journeys} perjalanan belajar valid.")
    return EXIT_INVALID if checked.problems else EXIT_OK


def cmd_schema(args: argparse.Namespace, project: Project) -> int:
    from generator.schemadoc import schema_outputs  # lazy: keeps `--help` fast

    stale = []
    for path, content in schema_outputs(project).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            continue
        stale.append(project.display(path))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    if args.check and stale:
        for name in stale:
            print(f"{name}: tidak sesuai skema; jalankan `replika schema`", file=sys.stderr)
        return EXIT_INVALID
    for name in stale:
        print(f"ditulis: {name}")
    return EXIT_OK


def add_commands(sub: Any) -> None:
    """``validate`` and ``schema``, in the order ``replika --help`` lists them."""
    p = sub.add_parser(
        "validate",
        help="periksa catatan praktik",
        description="Memeriksa catatan praktik di practices/ terhadap skema, daftar daerah dan "
        "satu sama lain. Setiap masalah dilaporkan sebagai `berkas:baris:kolom: pesan` beserta "
        "saran perbaikannya.",
        epilog=examples(
            "replika validate",
            "replika validate practices/bank-sampah-balikpapan.yaml",
            "replika validate --format json > masalah.json",
        ),
    )
    p.add_argument("paths", nargs="*", metavar="BERKAS", help="berkas atau folder (bawaan: semua)")
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default=None,
        help="bentuk laporan: text, json atau github (bawaan: text; github di GitHub Actions)",
    )
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser(
        "schema",
        help="tulis ulang JSON Schema dan referensi kolom dari kode",
        description="Menulis ulang docs/skema/ (JSON Schema), referensi kolom dan formulir "
        "issue dari generator/schema.py.",
        epilog=examples("replika schema", "replika schema --check"),
    )
    p.add_argument("--check", action="store_true", help="hanya periksa apakah sudah mutakhir")
    p.set_defaults(handler=cmd_schema)
