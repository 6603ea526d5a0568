"""Which files in ``practices/`` are records, and problems with everything else there.

A link or special file is reported and never opened; editor and system files
are ignored; anything else that is not a ``.yaml`` record is a stray file.
"""

from __future__ import annotations

import stat
from pathlib import Path

from generator.problems import Problem
from generator.project import Project
from generator.rules import Rule
from generator.stages.journey import JOURNEY_DIR_NAME, journey_dir
from generator.stages.load.reader import Unsafe, read_limited


def record_paths(project: Project) -> tuple[list[Path], list[Problem]]:
    """Every record file in ``practices/``, and problems with stray files there."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(project.practices_dir.iterdir()):
        if path.name.startswith("_") or path.name in _IGNORED_NAMES:
            continue
        if path.name == JOURNEY_DIR_NAME and path.is_dir() and not path.is_symlink():
            continue  # learning journeys: generator.stages.journey reads them
        if path.suffix == ".yaml" and not path.name.startswith(".") and plain_file(path):
            paths.append(path)  # the common case: no display name needed
            continue
        shown = project.display(path)
        if path.is_symlink() or not (path.is_dir() or plain_file(path)):
            problems.append(unsafe_problem(path, shown))
        elif path.name.startswith(".") and path.suffix in (".yaml", ".yml"):
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    Rule.STRAY_FILE,
                    "nama berkas diawali titik, jadi berkas ini tersembunyi dan tidak dibaca",
                    hint=f"Ganti nama menjadi `{path.name.lstrip('.')}` (tanpa titik di depan).",
                )
            )
        elif path.name.startswith("."):
            continue  # editor and system files (.DS_Store, .gitkeep, swap files)
        elif path.is_dir():
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    Rule.STRAY_FILE,
                    "folder tidak boleh ada di `practices/`",
                    hint="Semua catatan praktik langsung di `practices/`, satu berkas per praktik.",
                )
            )
        elif path.suffix == ".yml":
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    Rule.STRAY_FILE,
                    "akhiran berkas harus `.yaml`, bukan `.yml`",
                    hint=f"Ganti nama menjadi `{path.stem}.yaml`.",
                )
            )
        elif path.suffix != ".yaml":
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    Rule.STRAY_FILE,
                    "berkas ini bukan catatan praktik (`.yaml`)",
                    hint="Pindahkan keluar dari `practices/`, atau awali namanya dengan `_`.",
                )
            )
    return paths, problems


_IGNORED_NAMES = frozenset({".gitkeep", ".DS_Store"})


def plain_file(path: Path) -> bool:
    """A regular file reached without a symbolic link (one ``lstat``)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def unsafe_problem(path: Path, shown: str) -> Problem:
    """A link or special file in ``practices/``: reported, never opened."""
    try:
        read_limited(path, 0)
        message, rule, hint = "berkas ini tidak bisa dibaca dengan aman", Rule.NOT_A_FILE, ""
    except Unsafe as err:
        message, rule, hint = err.message, err.rule, err.hint
    except OSError as err:
        message, rule, hint = f"berkas tidak bisa dibaca: {err.strerror}", Rule.FILE_UNREADABLE, ""
    return Problem(shown, 0, 0, rule, message, hint=hint)


def resolved_plain_files(folder: Path, paths: list[Path]) -> dict[Path, Path]:
    """``path.resolve()`` of each plain file listed in ``folder``, resolving ``folder`` once.

    The files are plain (no link, checked with ``lstat``), so each resolves to
    the resolved folder plus its name; a resolve per file was one ``lstat``
    per path component (0.2 s for 10,000 files).
    """
    real = folder.resolve()
    return {path: real / path.name for path in paths}


def display_name(path: Path, resolved: Path, root: Path) -> str:
    """``Project.display(path)`` given ``path.resolve()`` and the resolved project root."""
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def journey_paths(project: Project) -> tuple[list[Path], list[Problem]]:
    """Every journey file, and problems with stray entries in the folder."""
    folder = journey_dir(project)
    if folder.is_symlink():
        return [], [unsafe_problem(folder, project.display(folder))]
    if not folder.is_dir():
        return [], []
    paths: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")):
            continue
        if path.suffix == ".yaml" and plain_file(path):
            paths.append(path)  # the common case: no display name needed
        elif path.is_symlink() or not (path.is_dir() or plain_file(path)):
            problems.append(unsafe_problem(path, project.display(path)))
        else:
            problems.append(
                Problem(
                    project.display(path),
                    0,
                    0,
                    Rule.STRAY_FILE,
                    "hanya berkas `.yaml` perjalanan belajar yang boleh ada di "
                    "`practices/pembelajaran/`",
                    hint="Pindahkan keluar, atau ganti akhiran menjadi `.yaml`.",
                )
            )
    return paths, problems
