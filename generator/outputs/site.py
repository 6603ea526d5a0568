"""Stage 5: build the site — validate → catalogue → render → mkdocs + search index → swap.

Two rules shape this module:

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
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.forked import Forked, ForkedError, can_fork
from generator.outputs import search
from generator.problems import safe_line
from generator.project import Project, configured_site_url
from generator.stages.model import Catalogue, build_catalogue
from generator.stages.render import GENERATED_DIR, Page, render_site
from generator.stages.validate import Checked, RecordCache, check_project

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MANIFEST_NAME = ".replika-manifest.json"
MARKER_NAME = ".replika-build"
TMP_SUFFIX = ".replika-tmp"
WORK_DIR = ".cache"
"""Staging and retired sites live here, on the same file system as ``site/``."""


class BuildError(Exception):
    """The build stopped for a reason the user can fix; ``exit_code`` for the CLI."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class InvalidContent(Exception):
    """Validation found problems; the CLI reports them like ``replika validate``."""

    def __init__(self, checked: Checked) -> None:
        super().__init__(f"{len(checked.problems)} masalah")
        self.checked = checked


@dataclass
class WriteStats:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    pages: int
    practices: int
    stats: WriteStats
    seconds: float
    up_to_date: bool = False
    """True when nothing MkDocs or the indexer reads had changed: ``site/`` was kept."""


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
        raise BuildError(
            f"{path}: manifes rusak ({err}); hapus folder `docs/{GENERATED_DIR}/` "
            "bila isinya memang hanya hasil `replika build`.",
            2,
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

    Refuses (``BuildError``) when the area holds a file the generator did not
    write or one edited since; writes a file only when its content changed;
    removes files of the previous run that are no longer produced.
    """
    area = generated_dir(project)
    manifest = read_manifest(area)
    foreign = _foreign_files(area, manifest)
    if foreign:
        listing = "\n".join(f"  docs/{GENERATED_DIR}/{safe_line(name)}" for name in foreign[:20])
        more = f"\n  … dan {len(foreign) - 20} lagi" if len(foreign) > 20 else ""
        raise BuildError(
            f"folder `docs/{GENERATED_DIR}/` berisi berkas yang tidak ditulis (atau sudah "
            f"diubah sejak ditulis) oleh replika:\n{listing}{more}\n"
            f"Folder itu khusus hasil generator. Pindahkan halaman tulisan tangan ke "
            f"`docs/` (di luar `{GENERATED_DIR}/`), atau hapus berkas itu bila memang "
            "tidak diperlukan.",
            2,
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
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}{TMP_SUFFIX}")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        stats.written.append(rel)
    for rel in sorted(set(manifest) - set(new_manifest)):
        target = area / rel
        if target.exists():
            target.unlink()
        stats.removed.append(rel)
        _prune_empty(target.parent, area)
    if new_manifest != manifest or not (area / MANIFEST_NAME).exists():
        area.mkdir(parents=True, exist_ok=True)
        body = {"catatan": "Ditulis oleh `replika build`; jangan diubah.", "berkas": new_manifest}
        (area / MANIFEST_NAME).write_text(
            json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    return stats


def _prune_empty(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent


# ----------------------------------------------------------------------------- stages


def check(project: Project, *, cache: RecordCache | None = None) -> Checked:
    """Validate every record; ``InvalidContent`` when any problem was found."""
    checked = check_project(project, cache=cache)
    if checked.problems:
        raise InvalidContent(checked)
    return checked


def generate(project: Project, *, cache: RecordCache | None = None) -> tuple[Catalogue, WriteStats]:
    """Validate, build the catalogue and write the generated Markdown.

    With a ``cache`` (``replika serve``) the work is incremental: only record
    files whose bytes changed are read and schema-checked again, and only
    pages whose inputs changed are rendered again. The result is the same.
    """
    checked = check(project, cache=cache)
    catalogue = build_catalogue(checked, project)
    pages = render_site(catalogue, reuse=cache is not None)
    return catalogue, write_generated(project, pages)


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, formatted as its command line prints them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<7} -  {record.getMessage()}")


def mkdocs_build(project: Project, destination: Path) -> None:
    """``mkdocs build --strict`` into ``destination``; any warning fails the build.

    Runs in this process (no second interpreter start-up and imports) with
    the behaviour of the command line: strict mode, the project folder as the
    working folder (snippet paths are relative to it), warnings reported.
    """
    from mkdocs.commands.build import build as run_mkdocs
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.outputs.mkdocs_pages import converted_in_two_processes

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
        with converted_in_two_processes():
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


INDEX_PARALLEL_MIN = 200
"""From this many practices on, the search index is computed in a forked process beside MkDocs."""


def start_search_index(catalogue: Catalogue) -> Forked | None:
    """Start computing the search index in a forked child when that helps (large sites).

    Both MkDocs and the indexer are pure Python, so a thread would only take
    turns with MkDocs; with two CPUs a forked child really works beside it.
    """
    if len(catalogue.practices) >= INDEX_PARALLEL_MIN and can_fork():
        return Forked(lambda: search.index_files(catalogue))
    return None


def search_index(catalogue: Catalogue, pending: Forked | None, site: Path) -> None:
    """Write the search index (``generator/outputs/search/``) into ``site/cari-indeks/``."""
    files = None
    if pending is not None:
        try:
            files = dict(pending.result())
        except ForkedError:  # the child died (e.g. out of memory): index here
            files = None
    if files is None:
        files = search.index_files(catalogue)
    try:
        search.write_index(files, site)
    except OSError as err:
        raise BuildError(f"indeks pencarian tidak dapat ditulis: {err}", 3) from None


def _extra_outputs(
    catalogue: Catalogue, project: Project, staging: Path, pending: Forked | None, *, pdf: bool
) -> None:
    """Write open data, PDFs, the search index and the offline copy into the staging site.

    Called after ``mkdocs build`` and before the swap, so a failure here leaves
    the published ``site/`` untouched. The search index comes after the PDFs
    (on large sites it is computed beside MkDocs and the PDFs) and before the
    offline copy, which carries it. ``pdf=False`` (``replika build
    --tanpa-pdf``) skips the slow PDFs and with them the offline copy. The
    ``replika serve`` preview builds through MkDocs' own server and does not
    call this.
    """
    from generator.outputs.export import ExportError, write_open_data
    from generator.outputs.offline import ZIP_NAME, OfflineError, build_offline_copy
    from generator.outputs.pdf import PdfError, write_pdfs
    from generator.progress import Progress

    try:
        write_open_data(catalogue, staging / "data")
        if pdf:
            write_pdfs(catalogue, project, staging / "unduh", progress=Progress(0, "PDF"))
    except PdfError as err:
        raise BuildError(str(err), err.exit_code) from None
    except ExportError as err:
        raise BuildError(str(err), 3) from None
    search_index(catalogue, pending, staging)
    if pdf:
        try:
            build_offline_copy(
                staging, staging / "unduh" / ZIP_NAME, site_url=configured_site_url(project)
            )
        except OfflineError as err:
            raise BuildError(str(err), 3) from None


def _check_site_is_ours(site: Path) -> None:
    if not site.exists():
        return
    if site.is_dir() and not any(site.iterdir()):
        return
    if not site.is_dir() or not (site / MARKER_NAME).is_file():
        raise BuildError(
            f"`{site.name}/` tidak dibuat oleh `replika build` (tidak ada berkas "
            f"`{MARKER_NAME}`), jadi tidak akan ditimpa. Pindahkan atau hapus folder itu, "
            "lalu bangun ulang.",
            2,
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


def _record_build(project: Project, inputs: str) -> None:
    """Remember what the ``site/`` just swapped in was built from (for the next no-op)."""
    state = {"masukan": inputs, "situs": site_digest(project.site_dir)}
    target = _state_file(project)
    tmp = target.with_name(f".{target.name}{TMP_SUFFIX}")
    tmp.write_text(json.dumps(state) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def _forget_build(project: Project) -> None:
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


def build(
    project: Project, *, pdf: bool = True, log: Callable[[str], None] | None = None
) -> BuildResult:
    """The whole ``replika build``; on any failure the previous ``site/`` stays as it was.

    One build at a time per project (:func:`project_lock`); leftovers of a
    killed build are recovered first (:func:`recover_leftovers`).
    """
    say = log or (lambda _msg: None)
    with project_lock(project, say):
        recover_leftovers(project.site_dir, project.root / WORK_DIR, say)
        return _build(project, pdf=pdf, say=say)


def _build(project: Project, *, pdf: bool, say: Callable[[str], None]) -> BuildResult:
    started = time.monotonic()
    site = project.site_dir
    _check_site_is_ours(site)
    catalogue, stats = generate(project)
    say(
        f"halaman: {len(stats.written)} ditulis, {stats.unchanged} tidak berubah, "
        f"{len(stats.removed)} dihapus"
    )
    work = project.root / WORK_DIR
    work.mkdir(exist_ok=True)
    inputs = inputs_digest(project, pdf=pdf)
    if site_is_up_to_date(project, inputs):
        say("situs sudah mutakhir: tidak ada yang berubah sejak build terakhir")
        return BuildResult(
            pages=len(list(site.rglob("index.html"))),
            practices=len(catalogue.practices),
            stats=stats,
            seconds=time.monotonic() - started,
            up_to_date=True,
        )
    _forget_build(project)
    staging = Path(tempfile.mkdtemp(prefix="site-baru-", dir=work))
    pending = start_search_index(catalogue)  # computed beside MkDocs on large sites
    try:
        mkdocs_build(project, staging)
        _extra_outputs(catalogue, project, staging, pending, pdf=pdf)
        marker = {"dibuat_oleh": "replika build", "praktik": len(catalogue.practices)}
        (staging / MARKER_NAME).write_text(json.dumps(marker) + "\n", encoding="utf-8")
        _check_site_is_ours(site)
        swap_in(staging, site, work)
        _record_build(project, inputs)
    finally:
        if pending is not None:
            pending.cancel()
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    pages = len(list(site.rglob("index.html")))
    return BuildResult(
        pages=pages,
        practices=len(catalogue.practices),
        stats=stats,
        seconds=time.monotonic() - started,
    )
