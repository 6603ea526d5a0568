"""The MkDocs site: the generated Markdown area, ``mkdocs build``, and ``site/`` itself.

The stages of ``replika build`` are listed (and run) in ``generator/build.py``;
this module holds what they need of the MkDocs site. Two rules shape it:

* The generator owns only what it wrote. Generated Markdown goes to
  ``docs/katalog/`` together with a manifest of every file and its hash; a file
  there that is not in the manifest, or whose content changed since we wrote
  it, stops the build instead of being overwritten. Unchanged files are not
  rewritten (so their modification times stay, and MkDocs' dirty reload and a
  no-op rebuild stay cheap).
* The build is atomic. MkDocs and the search indexer write into a staging
  folder next to ``site/``; only when every step has succeeded is the staging
  folder renamed to ``site/``. A ``site/`` that does not carry our marker file is never
  replaced.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.compiled_templates import compile_theme_once
from generator.errors import BuildError, NotOurs
from generator.fsutil import atomic_write
from generator.present import GENERATED_DIR
from generator.problems import safe_line
from generator.project import Project, configured_site_url
from generator.stages.model import Catalogue
from generator.stages.render import Page

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MANIFEST_NAME = ".replika-manifest.json"
MARKER_NAME = ".replika-build"
TMP_SUFFIX = ".replika-tmp"
WORK_DIR = ".cache"
"""Staging and retired sites live here, on the same file system as ``site/``."""


@dataclass
class WriteStats:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- generated area


def generated_dir(project: Project) -> Path:
    return project.docs_dir / GENERATED_DIR


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(area: Path) -> dict[str, str]:
    """``relative path → sha256`` of every file the generator wrote in ``area``."""
    path = area / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["berkas"]
        if not isinstance(files, dict):
            raise TypeError("berkas")
    except (ValueError, KeyError, TypeError) as err:
        raise NotOurs(
            f"{path}: manifes rusak ({err}); hapus folder `docs/{GENERATED_DIR}/` "
            "bila isinya memang hanya hasil `replika build`."
        ) from None
    return {str(k): str(v) for k, v in files.items()}


def _foreign_files(area: Path, manifest: dict[str, str]) -> list[str]:
    """Files in ``area`` we did not write, or that changed since we wrote them."""
    foreign: list[str] = []
    if not area.exists():
        return foreign
    for path in sorted(p for p in area.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(area).as_posix()
        if rel == MANIFEST_NAME:
            continue
        if path.name.startswith(".") and path.name.endswith(TMP_SUFFIX):
            path.unlink()  # our own half-written file from an interrupted run
            continue
        known = manifest.get(rel)
        if known is None or path.is_symlink() or _digest(path.read_bytes()) != known:
            foreign.append(rel)
    return foreign


def write_generated(project: Project, pages: Iterable[Page]) -> WriteStats:
    """Write ``pages`` into the generated area, touching only files we own.

    Refuses (``NotOurs``) when the area holds a file the generator did not
    write or one edited since; writes a file only when its content changed;
    removes files of the previous run that are no longer produced.
    """
    area = generated_dir(project)
    manifest = read_manifest(area)
    foreign = _foreign_files(area, manifest)
    if foreign:
        listing = "\n".join(f"  docs/{GENERATED_DIR}/{safe_line(name)}" for name in foreign[:20])
        more = f"\n  … dan {len(foreign) - 20} lagi" if len(foreign) > 20 else ""
        raise NotOurs(
            f"folder `docs/{GENERATED_DIR}/` berisi berkas yang tidak ditulis (atau sudah "
            f"diubah sejak ditulis) oleh replika:\n{listing}{more}\n"
            f"Folder itu khusus hasil generator. Pindahkan halaman tulisan tangan ke "
            f"`docs/` (di luar `{GENERATED_DIR}/`), atau hapus berkas itu bila memang "
            "tidak diperlukan."
        )
    stats = WriteStats()
    new_manifest: dict[str, str] = {}
    for page in pages:
        rel = page.path.removeprefix(f"{GENERATED_DIR}/")
        data = page.content.encode("utf-8")
        digest = _digest(data)
        new_manifest[rel] = digest
        target = area / rel
        if manifest.get(rel) == digest and target.exists():
            stats.unchanged += 1
            continue
        atomic_write(target, data, temp=target.with_name(f".{target.name}{TMP_SUFFIX}"))
        stats.written.append(rel)
    for rel in sorted(set(manifest) - set(new_manifest)):
        target = area / rel
        if target.exists():
            target.unlink()
        stats.removed.append(rel)
        _prune_empty(target.parent, area)
    if new_manifest != manifest or not (area / MANIFEST_NAME).exists():
        body = {"catatan": "Ditulis oleh `replika build`; jangan diubah.", "berkas": new_manifest}
        text = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        manifest_path = area / MANIFEST_NAME
        atomic_write(
            manifest_path, text, temp=manifest_path.with_name(f".{MANIFEST_NAME}{TMP_SUFFIX}")
        )
    return stats


def _prune_empty(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent


# ----------------------------------------------------------------------------- mkdocs


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, formatted as its command line prints them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<7} -  {record.getMessage()}")


class SitePages:
    """The :class:`~generator.outputs.protocol.Output` of the MkDocs site pages (first of all).

    ``two_processes`` (decided by the orchestrator) lets MkDocs convert the
    Markdown of a large site in two processes (``mkdocs_pages.py``).
    """

    name = "halaman situs"

    def __init__(self, project: Project, *, two_processes: bool = False) -> None:
        self.project = project
        self.two_processes = two_processes

    def write(self, catalogue: Catalogue, staging: Path) -> None:
        mkdocs_build(self.project, staging, two_processes=self.two_processes)


def mkdocs_build(project: Project, destination: Path, *, two_processes: bool = False) -> None:
    """``mkdocs build --strict`` into ``destination``; any warning fails the build.

    Runs in this process (no second interpreter start-up and imports) with
    the behaviour of the command line: strict mode, the project folder as the
    working folder (snippet paths are relative to it), warnings reported.
    """
    from mkdocs.commands.build import build as run_mkdocs
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.outputs.mkdocs_pages import conversion

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    cwd = Path.cwd()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        os.chdir(project.root)
        config = load_config(
            config_file=str(project.config_file), site_dir=str(destination), strict=True
        )
        compile_theme_once(config)
        with conversion(two_processes=two_processes):
            run_mkdocs(config)
    except MkDocsException as err:
        output = "\n".join([*collect.lines, str(err)])
        raise BuildError(f"mkdocs build gagal:\n{output}") from None
    except Exception as err:  # a theme or extension failing: report it as the CLI did
        output = "\n".join([*collect.lines, f"{type(err).__name__}: {err}"])
        raise BuildError(f"mkdocs build gagal:\n{output}") from None
    finally:
        os.chdir(cwd)
        logger.removeHandler(collect)
        logger.propagate = propagate
    warnings = [line for line in collect.lines if line.startswith("WARNING")]
    if warnings:
        raise BuildError("mkdocs build memberi peringatan:\n" + "\n".join(warnings))


def check_site_is_ours(site: Path) -> None:
    if not site.exists():
        return
    if site.is_dir() and not any(site.iterdir()):
        return
    if not site.is_dir() or not (site / MARKER_NAME).is_file():
        raise NotOurs(
            f"`{site.name}/` tidak dibuat oleh `replika build` (tidak ada berkas "
            f"`{MARKER_NAME}`), jadi tidak akan ditimpa. Pindahkan atau hapus folder itu, "
            "lalu bangun ulang."
        )


def swap_in(staging: Path, site: Path, work: Path) -> None:
    """Replace ``site`` by ``staging`` with two renames; the old site is removed last."""
    retired: Path | None = None
    if site.exists():
        retired = Path(tempfile.mkdtemp(prefix="site-lama-", dir=work))
        retired.rmdir()
        os.rename(site, retired)
    try:
        os.rename(staging, site)
    except OSError:
        if retired is not None:
            os.rename(retired, site)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


# ----------------------------------------------------------------------------- no-op builds

STATE_NAME = "replika-build.json"
"""In ``.cache/``: the digest of the inputs of the last successful build and of its ``site/``."""

_TOOLS = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "markdown",
    "PySastrawi",
    "typst",
    "segno",
)
"""Packages whose version shapes the built site."""


def _hash_tree(digest: Any, folder: Path, root: Path) -> None:
    """Every file below ``folder``: its path relative to ``root`` and its bytes."""
    if not folder.is_dir():
        digest.update(f"-{folder.relative_to(root).as_posix()}\0".encode())
        return
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = Path(current, name)
            digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())


def inputs_digest(project: Project, *, pdf: bool) -> str:
    """A digest of everything MkDocs, the indexer and the downloads read.

    ``docs/`` (generated pages included), ``mkdocs.yml``, ``overrides/``, the
    records, the generator package itself (hooks, templates, assets) and the
    versions of the build tools; ``pdf`` because ``--tanpa-pdf`` builds less.
    """
    from importlib import metadata

    digest = hashlib.sha256()
    versions = []
    for name in _TOOLS:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    digest.update(json.dumps([sys.version, versions, pdf]).encode())
    digest.update(project.config_file.read_bytes())
    digest.update(configured_site_url(project).encode())  # may come from the environment
    for folder in (project.docs_dir, project.root / "overrides", project.practices_dir):
        _hash_tree(digest, folder, project.root)
    package = Path(__file__).resolve().parents[1]
    _hash_tree(digest, package, package.parent)
    return digest.hexdigest()


def site_digest(site: Path) -> str:
    """A digest of the files in ``site/`` (path, size, modification time)."""
    digest = hashlib.sha256()
    for current, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            path = Path(current, name)
            info = path.lstat()
            rel = path.relative_to(site).as_posix()
            digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _state_file(project: Project) -> Path:
    return project.root / WORK_DIR / STATE_NAME


def site_is_up_to_date(project: Project, inputs: str) -> bool:
    """``site/`` is ours, intact, and was built from exactly these inputs."""
    site = project.site_dir
    if not (site / MARKER_NAME).is_file():
        return False
    try:
        state = json.loads(_state_file(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(state, dict) or state.get("masukan") != inputs:
        return False
    return bool(state.get("situs") == site_digest(site))


def record_build(project: Project, inputs: str) -> None:
    """Remember what the ``site/`` just swapped in was built from (for the next no-op)."""
    state = {"masukan": inputs, "situs": site_digest(project.site_dir)}
    atomic_write(_state_file(project), json.dumps(state) + "\n")


def forget_build(project: Project) -> None:
    _state_file(project).unlink(missing_ok=True)


# ----------------------------------------------------------------------------- build


LOCK_NAME = "replika-build.lock"
"""In ``.cache/``: held (``flock``) by the build or preview writing this project."""


@contextmanager
def project_lock(project: Project, say: Callable[[str], None] | None = None) -> Iterator[None]:
    """Serialise builds (and preview regenerations) of one project.

    Two builds at once would read each other's half-written ``docs/katalog/``
    and staging folders. The lock is an ``flock`` on ``.cache/replika-build.lock``:
    the kernel releases it when its holder ends, even by SIGKILL, so a crash
    never leaves a stale lock. Where ``fcntl`` does not exist (Windows) builds
    are not serialised.
    """
    work = project.root / WORK_DIR
    work.mkdir(exist_ok=True)
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    with open(work / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if say is not None:
                say(
                    "replika: build lain sedang berjalan di proyek ini; menunggu sampai "
                    "selesai (tekan Ctrl+C untuk batal)…"
                )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover_leftovers(site: Path, work: Path, say: Callable[[str], None]) -> None:
    """Clean up after a build that was killed; call only while holding the lock.

    A build killed between the two renames of :func:`swap_in` leaves no
    ``site/`` and the previous one in ``.cache/site-lama-*``: it is put back.
    Every other staging (``site-baru-*``) or retired (``site-lama-*``) folder
    is a leftover of a killed build and is removed.
    """
    retired = sorted(work.glob("site-lama-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not site.exists():
        for candidate in retired:
            if (candidate / MARKER_NAME).is_file():
                os.rename(candidate, site)
                say(f"`{site.name}/` dipulihkan dari build sebelumnya yang terhenti")
                break
    for leftover in [*work.glob("site-baru-*"), *work.glob("site-lama-*")]:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
