"""The ``replika`` command line: a thin layer over the pipeline stages.

Exit status: 0 all good, 1 invalid content, 2 usage error (bad arguments, not a
project), 3 an internal error (a bug: reported without a traceback unless
``REPLIKA_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.problems import Problem, format_problems
from generator.project import Project, ProjectNotFound, find_project

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace, Project], int]


class UsageError(Exception):
    """Wrong arguments: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"replika: argumen salah: {message}\n")
        sys.exit(EXIT_USAGE)


def output_format(requested: str | None) -> str:
    """``github`` automatically inside GitHub Actions, else ``text``."""
    if requested:
        return requested
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def report(problems: Sequence[Problem], fmt: str, *, files: int | None = None) -> None:
    """Print problems (to stdout for json, stderr otherwise) and a summary line."""
    if fmt == "json":
        print(format_problems(problems, "json"))
        return
    if problems:
        print(format_problems(problems, fmt), file=sys.stderr)
        if fmt == "github":  # annotations and a readable summary both
            print(format_problems(problems, "text"), file=sys.stderr)
    count = len({p.path for p in problems})
    if problems:
        print(f"\n✗ {len(problems)} masalah di {count} berkas.", file=sys.stderr)
    elif files is not None:
        print(f"✓ {files} catatan praktik valid.")


# ----------------------------------------------------------------------------- validate


def cmd_validate(args: argparse.Namespace, project: Project) -> int:
    from generator.validate import check_project

    only = None
    if args.paths:
        only = []
        for raw in args.paths:
            path = Path(raw)
            if not path.is_absolute():
                path = Path.cwd() / path
            if path.is_dir():
                only.extend(sorted(path.glob("*.yaml")))
            elif path.exists():
                only.append(path)
            else:
                raise UsageError(f"berkas `{raw}` tidak ada")
        only = [p for p in only if not p.name.startswith("_")]
    fmt = output_format(args.format)
    checked = check_project(project, only)
    files = len(only) if only is not None else len(checked.files)
    report(checked.problems, fmt, files=files)
    return EXIT_INVALID if checked.problems else EXIT_OK


# ----------------------------------------------------------------------------- schema


def cmd_schema(args: argparse.Namespace, project: Project) -> int:
    from generator.schemadoc import schema_outputs

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


# ----------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="replika",
        description="Replika: basis pengetahuan praktik baik sanitasi yang dapat direplikasi.",
    )
    parser.add_argument(
        "--proyek",
        "-C",
        metavar="FOLDER",
        default=None,
        help="folder proyek (bawaan: folder saat ini, seperti mkdocs)",
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)

    p = sub.add_parser("validate", help="periksa catatan praktik")
    p.add_argument("paths", nargs="*", metavar="BERKAS", help="berkas atau folder (bawaan: semua)")
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default=None,
        help="bentuk laporan (bawaan: text; github di GitHub Actions)",
    )
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("schema", help="tulis ulang JSON Schema dan referensi kolom dari kode")
    p.add_argument("--check", action="store_true", help="hanya periksa apakah sudah mutakhir")
    p.set_defaults(handler=cmd_schema)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        project = find_project(Path(args.proyek) if args.proyek else None)
        return int(args.handler(args, project))
    except (ProjectNotFound, UsageError) as err:
        print(f"replika: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nreplika: dibatalkan.", file=sys.stderr)
        return 130
    except Exception as err:
        if os.environ.get("REPLIKA_DEBUG"):
            raise
        print(
            f"replika: kesalahan internal ({type(err).__name__}: {err}). "
            "Ini bug Replika, bukan kesalahan Anda; laporkan sebagai issue "
            "(jalankan ulang dengan REPLIKA_DEBUG=1 untuk rinciannya).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
