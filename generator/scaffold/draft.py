"""A new record's file: checked on a temporary copy, created without overwriting, reported.

Shared by ``new``, ``from-issue`` and ``new --pembelajaran``: every one of them
creates its file with ``open(..., "x")`` through :func:`create_new`, so an
existing file is never touched.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import RecordExists
from generator.problems import Problem
from generator.project import Project
from generator.stages.validate import check_project

ISI_MARK = "# ISI"


def record_path(project: Project, record_id: str) -> Path:
    """Where the practice record ``record_id`` lives."""
    return project.practices_dir / f"{record_id}.yaml"


def exists_message(project: Project, path: Path) -> str:
    """Why ``path`` will not be written: it is already there."""
    return (
        f"berkas `{project.display(path)}` sudah ada dan tidak akan ditimpa; "
        "pakai id lain (`--id`) atau sunting berkas itu"
    )


def exists_problem(project: Project, path: Path) -> str | None:
    """:func:`exists_message` when ``path`` exists, else None."""
    return exists_message(project, path) if path.exists() else None


def create_new(project: Project, target: Path, text: str) -> None:
    """Create ``target`` with ``text``; a file already there is left untouched (exit 1)."""
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise RecordExists(exists_message(project, target)) from None


@dataclass
class Draft:
    """A record written (or about to be) and what validation said about it."""

    path: Path
    to_fill: list[Problem]
    errors: list[Problem]


def check_draft(project: Project, path: Path, text: str) -> Draft:
    """Validate ``text`` as the record at ``path`` and sort problems into to-fill and errors."""
    checked = check_project(project, [path])
    isi_lines = {n for n, line in enumerate(text.splitlines(), start=1) if ISI_MARK in line}
    to_fill = [p for p in checked.problems if p.line in isi_lines]
    errors = [p for p in checked.problems if p.line not in isi_lines]
    return Draft(path, to_fill, errors)


def write_new(project: Project, record_id: str, text: str) -> Draft:
    """Check the draft on a temporary copy, then create ``practices/<id>.yaml`` (never overwrite)."""
    target = record_path(project, record_id)
    problem = exists_problem(project, target)
    if problem:
        raise RecordExists(problem)
    with tempfile.TemporaryDirectory(prefix="replika-new-") as tmp:
        trial = Path(tmp) / target.name
        trial.write_text(text, encoding="utf-8")
        draft = check_draft(project, trial, text)
    if draft.errors:
        shown = project.display(target)
        return Draft(
            target,
            [replace(p, path=shown) for p in draft.to_fill],
            [replace(p, path=shown) for p in draft.errors],
        )
    create_new(project, target, text)
    return check_draft(project, target, text)


def describe_draft(project: Project, draft: Draft, text: str) -> str:
    """The report ``new`` prints: what is left to fill and the next steps."""
    shown = project.display(draft.path)
    lines = text.splitlines()
    out = [f"✓ Dibuat: {shown}"]
    if draft.to_fill:
        out.append(
            f"\nMasih {len(draft.to_fill)} kolom wajib yang harus diisi (baris bertanda `# ISI`):"
        )
        for problem in sorted(draft.to_fill):
            source = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
            wanted = source.split(ISI_MARK, 1)[-1].lstrip(":").strip() if ISI_MARK in source else ""
            out.append(
                f"  {shown}:{problem.line}  {problem.field_for_people}"
                + (f" — {wanted}" if wanted else "")
            )
    else:
        out.append("\nSemua kolom wajib sudah terisi.")
    out.append(
        "\nLangkah berikutnya:\n"
        f"  1. Buka {shown} dan isi setiap baris bertanda `# ISI` (arti setiap kolom:\n"
        "     docs/kontribusi/referensi-kolom.md; contoh lengkap: practices/l2t2-kendari.yaml).\n"
        f"  2. Periksa: replika validate {shown}   (ulangi sampai ✓)\n"
        "  3. Lihat halamannya di situs lokal: make serve\n"
        "  4. Kirim lewat pull request dan centang daftar periksanya (lihat CONTRIBUTING.md)."
    )
    return "\n".join(out)
