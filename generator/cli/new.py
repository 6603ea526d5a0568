"""``replika new`` (a practice or, with ``--pembelajaran``, a learning journey) and
``replika from-issue``: draft records from options, questions or an issue's text.

The scaffold modules are imported when a command runs: that keeps
``replika --help`` fast (they pull in the schema).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from generator import vocab
from generator.cli.parser import choices, examples
from generator.cli.status import EXIT_INVALID, EXIT_OK, exit_status
from generator.errors import MissingInput, ScaffoldError
from generator.project import Project
from generator.report import report

_NEEDS_PRACTICE = "`replika new` butuh --judul, --daerah, --sektor dan --jenis"
_NEEDS_JOURNEY = "`replika new --pembelajaran` butuh --mentor, --mentee dan --praktik"


def _interactive(args: argparse.Namespace) -> bool:
    return bool(args.interaktif or (not args.no_input and sys.stdin.isatty()))


def _new_failed(err: ScaffoldError | EOFError, needs: str) -> int:
    """Report why ``replika new`` made no file; the exit status."""
    if isinstance(err, EOFError):
        print(
            "\nreplika new: masukan berakhir sebelum semua pertanyaan terjawab; "
            "tidak ada berkas yang dibuat.",
            file=sys.stderr,
        )
        return exit_status(err)
    print(f"replika new: {err}", file=sys.stderr)
    if isinstance(err, MissingInput):
        print(
            f"Tanpa terminal, {needs} (lihat `replika new --help`), atau pakai --interaktif.",
            file=sys.stderr,
        )
    return exit_status(err)


def cmd_new_journey(args: argparse.Namespace, project: Project) -> int:
    """``replika new --pembelajaran``: a learning-journey draft."""
    from generator.scaffold.journey import NewJourney, resolve, write_journey  # lazy: `--help`

    raw = NewJourney(args.mentor or "", args.mentee or "", list(args.praktik or []), args.id or "")
    try:
        request = resolve(project, raw, interactive=_interactive(args))
        target = write_journey(project, request)
    except (ScaffoldError, EOFError) as err:
        return _new_failed(err, _NEEDS_JOURNEY)
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
    from generator.scaffold.draft import describe_draft  # lazy: keeps `--help` fast
    from generator.scaffold.wizard import NewRecord, new_record  # lazy: keeps `--help` fast

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
        _request, draft = new_record(project, raw, interactive=_interactive(args))
    except (ScaffoldError, EOFError) as err:
        return _new_failed(err, _NEEDS_PRACTICE)
    if draft.errors:
        report(draft.errors, "text")
        print("replika new: berkas tidak dibuat karena masalah di atas.", file=sys.stderr)
        return EXIT_INVALID
    print(describe_draft(project, draft, draft.path.read_text(encoding="utf-8")))
    return EXIT_OK


def cmd_from_issue(args: argparse.Namespace, project: Project) -> int:
    from generator.scaffold.from_issue import from_issue, read_body  # lazy: keeps `--help` fast

    try:
        draft = from_issue(project, read_body(args.source), record_id=args.id or "")
    except ScaffoldError as err:
        print(f"replika from-issue: {err}", file=sys.stderr)
        return exit_status(err)
    shown = project.display(draft.path)
    print(f"✓ Dibuat: {shown} (valid)")
    print(
        "Langkah berikutnya: baca ulang berkas itu (terutama kode sumber dan `hasil`),\n"
        f"jalankan `replika validate {shown}`, lalu buka pull request yang menyebut issue-nya."
    )
    return EXIT_OK


def _add_journey_options(p: argparse.ArgumentParser) -> None:
    """``--pembelajaran`` and its options (``new`` and ``from-issue`` both list them)."""
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


def _new_epilog() -> str:
    """Examples and the allowed values of every closed-list option of ``replika new``."""
    return (
        examples(
            "replika new",
            'replika new --no-input --judul "Bank Sampah Sekolah di Kabupaten Pangandaran" \\',
            '    --daerah "Kabupaten Pangandaran" --sektor persampahan \\',
            "    --jenis partisipasi-masyarakat --jenis kemitraan",
            'replika new --pembelajaran --no-input --mentor "Kota Kendari" \\',
            '    --mentee "Kota Blitar" --praktik l2t2-kendari',
        )
        + "\n\npilihan --sektor: "
        + choices(list(vocab.SECTORS))
        + "\n\npilihan --jenis: "
        + choices(list(vocab.PRACTICE_TYPES))
        + "\n\npilihan --provinsi: "
        + choices(vocab.PROVINCES)
        + "\n\npilihan --status: "
        + choices(list(vocab.PRACTICE_STATUSES))
        + "\n\npilihan --tingkat-bukti: "
        + choices(list(vocab.EVIDENCE_LEVELS))
    )


def _add_new(sub: Any) -> None:
    p = sub.add_parser(
        "new",
        help="buat catatan praktik baru dari templat (tanya-jawab, atau lewat opsi)",
        description="Membuat practices/<id>.yaml dari practices/_templat.yaml. Bertanya "
        "(dalam bahasa Indonesia) bila dijalankan di terminal; tanpa terminal atau dengan "
        "--no-input semua isian diambil dari opsi. Daerah boleh kota/kabupaten mana pun di "
        "Indonesia (daftar lengkapnya di practices/_wilayah.yaml).",
        epilog=_new_epilog(),
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
        help="sektor sanitasi, salah satu dari: " + choices(list(vocab.SECTORS)),
    )
    p.add_argument(
        "--jenis",
        "--type",
        metavar="JENIS",
        action="append",
        help="jenis praktik (boleh diulang), dari: " + choices(list(vocab.PRACTICE_TYPES)),
    )
    p.add_argument("--id", metavar="ID", help="id/nama berkas (bawaan: dari judul dan daerah)")
    _add_journey_options(p)
    p.add_argument(
        "--status",
        metavar="STATUS",
        help="status praktik, salah satu dari: " + choices(list(vocab.PRACTICE_STATUSES)),
    )
    p.add_argument(
        "--tingkat-bukti",
        "--evidence",
        dest="tingkat_bukti",
        metavar="TINGKAT",
        help="tingkat bukti, salah satu dari: " + choices(list(vocab.EVIDENCE_LEVELS)),
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


def _add_from_issue(sub: Any) -> None:
    p = sub.add_parser(
        "from-issue",
        help="ubah isi issue «Usulan praktik baik» menjadi draf catatan",
        description="Membaca teks issue dari formulir usulan (Markdown, mis. dari "
        "`gh issue view N --json body -q .body`) dan menulis practices/<id>.yaml yang valid, "
        "atau menyebut bagian formulir yang harus dilengkapi.",
        epilog=examples(
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
    _add_journey_options(p)
    p.set_defaults(handler=cmd_from_issue)


def add_commands(sub: Any) -> None:
    """``new`` and ``from-issue``, in the order ``replika --help`` lists them."""
    _add_new(sub)
    _add_from_issue(sub)
