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
from typing import TYPE_CHECKING

from generator.problems import Problem, format_problems
from generator.project import Project, ProjectNotFound, find_project

if TYPE_CHECKING:
    from generator.stages.model import Catalogue

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace, Project], int]


class UsageError(Exception):
    """Wrong arguments: reported in one line, exit status 2."""


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


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks; shows defaults only where the help says so."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=min(100, _terminal_width()))

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Wrap prose lines; keep indented lines (examples) as written."""
        import textwrap

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
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(
            f"{self.prog}: argumen salah: {message}\n"
            f"Lihat `{self.prog} --help` untuk penjelasan dan contoh.\n"
        )
        sys.exit(EXIT_USAGE)


def _choices(values: Sequence[str]) -> str:
    return ", ".join(values)


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
    from generator.stages.validate import check_project

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
    from generator.stages.journey import journey_dir

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


# ----------------------------------------------------------------------------- new


def cmd_new_journey(args: argparse.Namespace, project: Project) -> int:
    """``replika new --pembelajaran``: a learning-journey draft."""
    from generator.scaffold import MissingInput, ScaffoldError
    from generator.scaffold_journey import NewJourney, resolve, write_journey

    interactive = args.interaktif or (not args.no_input and sys.stdin.isatty())
    raw = NewJourney(args.mentor or "", args.mentee or "", list(args.praktik or []), args.id or "")
    try:
        request = resolve(project, raw, interactive=interactive)
        target = write_journey(project, request)
    except ScaffoldError as err:
        print(f"replika new: {err}", file=sys.stderr)
        if isinstance(err, MissingInput):
            print(
                "Tanpa terminal, `replika new --pembelajaran` butuh --mentor, --mentee dan "
                "--praktik (lihat `replika new --help`), atau pakai --interaktif.",
                file=sys.stderr,
            )
        return err.code
    except EOFError:
        print(
            "\nreplika new: masukan berakhir sebelum semua pertanyaan terjawab; "
            "tidak ada berkas yang dibuat.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    shown = project.display(target)
    print(f"✓ Dibuat: {shown}")
    print(
        "Langkah berikutnya: isi baris bertanda `# ISI` (ringkasan, sesi, status_per, sumber)\n"
        f"dari sumber, lalu jalankan `replika validate {shown}`."
    )
    return EXIT_OK


def cmd_new(args: argparse.Namespace, project: Project) -> int:
    if args.pembelajaran:
        return cmd_new_journey(args, project)
    from generator.scaffold import (
        MissingInput,
        NewRecord,
        ScaffoldError,
        describe_draft,
        new_record,
    )

    interactive = args.interaktif or (not args.no_input and sys.stdin.isatty())
    raw = NewRecord(
        title=args.judul or "",
        region=args.daerah or "",
        province=args.provinsi or "",
        sector=args.sektor or "",
        types=list(args.jenis or []),
        record_id=args.id or "",
        status=args.status or "",
        evidence=args.tingkat_bukti or "",
    )
    try:
        _request, draft = new_record(project, raw, interactive=interactive)
    except ScaffoldError as err:
        print(f"replika new: {err}", file=sys.stderr)
        if isinstance(err, MissingInput):
            print(
                "Tanpa terminal, `replika new` butuh --judul, --daerah, --sektor dan --jenis "
                "(lihat `replika new --help`), atau pakai --interaktif.",
                file=sys.stderr,
            )
        return err.code
    except EOFError:
        print(
            "\nreplika new: masukan berakhir sebelum semua pertanyaan terjawab; "
            "tidak ada berkas yang dibuat.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if draft.errors:
        report(draft.errors, "text")
        print("replika new: berkas tidak dibuat karena masalah di atas.", file=sys.stderr)
        return EXIT_INVALID
    print(describe_draft(project, draft, draft.path.read_text(encoding="utf-8")))
    return EXIT_OK


# ----------------------------------------------------------------------------- from-issue


def cmd_from_issue(args: argparse.Namespace, project: Project) -> int:
    from generator.scaffold import ScaffoldError, from_issue, read_body

    try:
        draft = from_issue(project, read_body(args.source), record_id=args.id or "")
    except ScaffoldError as err:
        print(f"replika from-issue: {err}", file=sys.stderr)
        return err.code
    shown = project.display(draft.path)
    print(f"✓ Dibuat: {shown} (valid)")
    print(
        "Langkah berikutnya: baca ulang berkas itu (terutama kode sumber dan `hasil`),\n"
        f"jalankan `replika validate {shown}`, lalu buka pull request yang menyebut issue-nya."
    )
    return EXIT_OK


# ----------------------------------------------------------------------------- build, serve


def cmd_build(args: argparse.Namespace, project: Project) -> int:
    from generator.build import build
    from generator.outputs.site import BuildError, InvalidContent

    try:
        result = build(project, pdf=not args.tanpa_pdf, log=lambda msg: print(msg, file=sys.stderr))
    except InvalidContent as err:
        report(err.checked.problems, output_format(None))
        print("replika build: situs tidak dibangun; `site/` tidak diubah.", file=sys.stderr)
        return EXIT_INVALID
    except BuildError as err:
        print(f"replika build: {err}", file=sys.stderr)
        print("replika build: `site/` tidak diubah.", file=sys.stderr)
        return err.exit_code
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
    from generator.serve import serve

    return serve(project, address=args.alamat, full=args.penuh)


# ----------------------------------------------------------------------------- pdf, export


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
    from generator.stages.model import build_catalogue
    from generator.stages.validate import check_project

    checked = check_project(project)
    if checked.problems:
        report(checked.problems, output_format(None))
        return None
    return build_catalogue(checked, project)


def cmd_pdf(args: argparse.Namespace, project: Project) -> int:
    from generator.outputs.pdf import PdfError, write_pdfs
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
    except PdfError as err:
        print(f"replika pdf: {err}", file=sys.stderr)
        return err.exit_code
    print(f"✓ {result.summary()}; ditulis ke {project.display(out_dir)}/")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, project: Project) -> int:
    from generator.outputs.export import FORMATS, ExportError, write_open_data

    out_dir = _output_dir(args, project, "data")
    catalogue = _catalogue_or_report(project)
    if catalogue is None:
        print("replika export: data tidak ditulis karena masalah di atas.", file=sys.stderr)
        return EXIT_INVALID
    try:
        written = write_open_data(catalogue, out_dir, args.format or FORMATS)
    except ExportError as err:
        print(f"replika export: {err}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"ditulis: {project.display(path)}")
    return EXIT_OK


# ----------------------------------------------------------------------------- parser


def _examples(*lines: str) -> str:
    return "contoh:\n" + "\n".join(f"  {line}" for line in lines)


def build_parser() -> argparse.ArgumentParser:
    from generator import vocab

    parser = _Parser(
        prog="replika",
        description="Replika: basis pengetahuan praktik baik sanitasi yang dapat direplikasi.\n"
        "Jalankan `replika PERINTAH --help` untuk penjelasan dan contoh tiap perintah.",
        epilog=_examples(
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
        dest="command", metavar="PERINTAH", parser_class=_Parser, title="perintah"
    )

    p = sub.add_parser(
        "validate",
        help="periksa catatan praktik",
        description="Memeriksa catatan praktik di practices/ terhadap skema, daftar daerah dan "
        "satu sama lain. Setiap masalah dilaporkan sebagai `berkas:baris:kolom: pesan` beserta "
        "saran perbaikannya.",
        epilog=_examples(
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
        epilog=_examples("replika schema", "replika schema --check"),
    )
    p.add_argument("--check", action="store_true", help="hanya periksa apakah sudah mutakhir")
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser(
        "new",
        help="buat catatan praktik baru dari templat (tanya-jawab, atau lewat opsi)",
        description="Membuat practices/<id>.yaml dari practices/_templat.yaml. Bertanya "
        "(dalam bahasa Indonesia) bila dijalankan di terminal; tanpa terminal atau dengan "
        "--no-input semua isian diambil dari opsi. Daerah boleh kota/kabupaten mana pun di "
        "Indonesia (daftar lengkapnya di practices/_wilayah.yaml).",
        epilog=_examples(
            "replika new",
            'replika new --no-input --judul "Bank Sampah Sekolah di Kabupaten Pangandaran" \\',
            '    --daerah "Kabupaten Pangandaran" --sektor persampahan \\',
            "    --jenis partisipasi-masyarakat --jenis kemitraan",
            'replika new --pembelajaran --no-input --mentor "Kota Kendari" \\',
            '    --mentee "Kota Blitar" --praktik l2t2-kendari',
        )
        + "\n\npilihan --sektor: "
        + _choices(list(vocab.SECTORS))
        + "\n\npilihan --jenis: "
        + _choices(list(vocab.PRACTICE_TYPES))
        + "\n\npilihan --provinsi: "
        + _choices(vocab.PROVINCES)
        + "\n\npilihan --status: "
        + _choices(list(vocab.PRACTICE_STATUSES))
        + "\n\npilihan --tingkat-bukti: "
        + _choices(list(vocab.EVIDENCE_LEVELS)),
    )
    p.add_argument("--judul", "--title", metavar="TEKS", help="judul praktik")
    p.add_argument(
        "--daerah",
        "--city",
        metavar="NAMA",
        help='kota/kabupaten asal, nama resmi, mis. "Kota Kendari" atau "Kabupaten Pinrang"',
    )
    p.add_argument(
        "--provinsi",
        "--province",
        metavar="NAMA",
        help="provinsi (bawaan: dari daftar daerah); pilihan: lihat di bawah",
    )
    p.add_argument(
        "--sektor",
        "--sector",
        metavar="SEKTOR",
        help="sektor sanitasi, salah satu dari: " + _choices(list(vocab.SECTORS)),
    )
    p.add_argument(
        "--jenis",
        "--type",
        metavar="JENIS",
        action="append",
        help="jenis praktik (boleh diulang), dari: " + _choices(list(vocab.PRACTICE_TYPES)),
    )
    p.add_argument("--id", metavar="ID", help="id/nama berkas (bawaan: dari judul dan daerah)")
    p.add_argument(
        "--pembelajaran",
        "--journey",
        action="store_true",
        help="buat catatan perjalanan belajar (practices/pembelajaran/<id>.yaml), bukan praktik",
    )
    p.add_argument("--mentor", metavar="NAMA", help="dengan --pembelajaran: daerah mentor")
    p.add_argument("--mentee", metavar="NAMA", help="dengan --pembelajaran: daerah mentee")
    p.add_argument(
        "--praktik",
        metavar="ID",
        action="append",
        help="dengan --pembelajaran: id praktik yang dipelajari (boleh diulang)",
    )
    p.add_argument(
        "--status",
        metavar="STATUS",
        help="status praktik, salah satu dari: " + _choices(list(vocab.PRACTICE_STATUSES)),
    )
    p.add_argument(
        "--tingkat-bukti",
        "--evidence",
        dest="tingkat_bukti",
        metavar="TINGKAT",
        help="tingkat bukti, salah satu dari: " + _choices(list(vocab.EVIDENCE_LEVELS)),
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--no-input",
        "--tanpa-tanya",
        dest="no_input",
        action="store_true",
        help="jangan bertanya; semua isian wajib dari opsi",
    )
    mode.add_argument(
        "--interaktif",
        "--interactive",
        dest="interaktif",
        action="store_true",
        help="bertanya walau masukan bukan terminal (mis. dari pipa)",
    )
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser(
        "from-issue",
        help="ubah isi issue «Usulan praktik baik» menjadi draf catatan",
        description="Membaca teks issue dari formulir usulan (Markdown, mis. dari "
        "`gh issue view N --json body -q .body`) dan menulis practices/<id>.yaml yang valid, "
        "atau menyebut bagian formulir yang harus dilengkapi.",
        epilog=_examples(
            "gh issue view 42 --json body -q .body | replika from-issue",
            "replika from-issue usulan.md --id bank-sampah-pangandaran",
        ),
    )
    p.add_argument(
        "source",
        nargs="?",
        default="-",
        metavar="BERKAS",
        help="berkas teks issue, atau - untuk stdin (bawaan)",
    )
    p.add_argument("--id", metavar="ID", help="id/nama berkas (bawaan: dari judul dan daerah)")
    p.add_argument(
        "--pembelajaran",
        "--journey",
        action="store_true",
        help="buat catatan perjalanan belajar (practices/pembelajaran/<id>.yaml), bukan praktik",
    )
    p.add_argument("--mentor", metavar="NAMA", help="dengan --pembelajaran: daerah mentor")
    p.add_argument("--mentee", metavar="NAMA", help="dengan --pembelajaran: daerah mentee")
    p.add_argument(
        "--praktik",
        metavar="ID",
        action="append",
        help="dengan --pembelajaran: id praktik yang dipelajari (boleh diulang)",
    )
    p.set_defaults(handler=cmd_from_issue)

    p = sub.add_parser(
        "build",
        help="bangun situs ke site/ (validasi, halaman, pencarian)",
        description="Memeriksa semua catatan lalu membangun situs ke site/ (halaman, pencarian, "
        "data terbuka, PDF). Bila ada catatan yang tidak valid, site/ tidak diubah.",
        epilog=_examples("replika build", "replika build --tanpa-pdf"),
    )
    p.add_argument("--tanpa-pdf", action="store_true", help="lewati pembuatan PDF (lebih cepat)")
    p.set_defaults(handler=cmd_build)

    p = sub.add_parser(
        "serve",
        help="pratinjau situs yang diperbarui otomatis saat catatan diubah",
        description="Menjalankan pratinjau situs di komputer Anda; halaman diperbarui setiap "
        "kali berkas di practices/ disimpan. Hentikan dengan Ctrl-C.",
        epilog=_examples("replika serve", "replika serve --alamat 127.0.0.1:8080"),
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
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser(
        "pdf",
        help="buat PDF katalog dan ringkasan per praktik (ke site/unduh/)",
        description="Membuat katalog-replika.pdf dan praktik/<id>.pdf. Tanpa --keluaran, "
        "ditulis ke site/unduh/ (hanya bila site/ dibangun oleh `replika build`). PDF yang "
        "catatannya tidak berubah disalin dari .cache/pdf/.",
        epilog=_examples("replika pdf", "replika pdf --keluaran /tmp/pdf"),
    )
    p.add_argument("--keluaran", "-o", metavar="FOLDER", help="folder tujuan")
    p.set_defaults(handler=cmd_pdf)

    p = sub.add_parser(
        "export",
        help="tulis data terbuka (practices.json, practices.csv)",
        description="Menulis semua catatan praktik sebagai JSON dan/atau CSV. Tanpa "
        "--keluaran, ditulis ke site/data/ (hanya bila site/ dibangun oleh `replika build`).",
        epilog=_examples("replika export", "replika export --format csv --keluaran /tmp/data"),
    )
    p.add_argument(
        "--format",
        choices=("json", "csv"),
        action="append",
        help="json atau csv (boleh diulang; bawaan: keduanya)",
    )
    p.add_argument("--keluaran", "-o", metavar="FOLDER", help="folder tujuan")
    p.set_defaults(handler=cmd_export)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from generator.progress import configure

    configure()  # progress (the ``replika`` logger) is shown on stderr
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
