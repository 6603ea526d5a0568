"""``replika serve``: a local preview that follows edits to records and templates.

MkDocs' own live-reload server watches ``docs/``, ``mkdocs.yml`` and the theme
overrides. This module adds a watcher on ``practices/`` and the page templates:
on a change it validates and regenerates the Markdown (only changed files are
written), which the MkDocs server picks up. With ``dirty`` reloads (the
default) MkDocs rebuilds only the pages whose Markdown changed, so an edit
shows in the browser within a few seconds even with 1,000 records. Invalid
records are reported in the terminal and on every preview page (a banner
that polls the status file), and the last good pages stay.

When loaded by MkDocs as a hook (``hooks:``), :func:`on_post_build` writes
the search index (``generator/outputs/search/``) of the latest valid catalogue into
the preview in a background thread once the preview is idle, so the search
page works in the preview too without delaying the reload.

The download links of the pages (PDFs, the offline ZIP, ``practices.json`` and
``practices.csv``) are made in the background (:class:`_Downloads`) into
``.cache/pratinjau-unduhan/`` and answered by the preview server from there;
until a file is ready its link answers 503 with an Indonesian message, and the
terminal says when the downloads are ready.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.problems import safe_line
from generator.project import Project

if TYPE_CHECKING:
    from generator.stages.model import Catalogue
    from generator.stages.validate import RecordCache

DEBOUNCE_SECONDS = 0.3


def regenerate(project: Project, cache: RecordCache | None = None) -> bool:
    """Validate and write the generated pages; report problems instead of raising.

    ``serve`` passes the same ``cache`` every time, so a save re-reads only the
    changed records and re-renders only the pages that show what changed.
    """
    from generator.cli import output_format, report
    from generator.outputs.site import BuildError, InvalidContent, generate, project_lock

    started = time.monotonic()
    _indexer().interrupt()
    try:
        with project_lock(project, lambda msg: print(msg, file=sys.stderr)):
            catalogue, stats = generate(project, cache=cache)
    except InvalidContent as err:
        report(err.checked.problems, output_format(None))
        print(
            "replika serve: halaman lama tetap ditampilkan sampai catatan valid.", file=sys.stderr
        )
        _status().show([p.as_text() for p in sorted(err.checked.problems)])
        return False
    except BuildError as err:
        print(f"replika: {err}", file=sys.stderr)
        _status().show([str(err)])
        return False
    except Exception as err:  # the watcher thread must survive anything a record holds
        message = f"kesalahan internal saat membuat halaman: {type(err).__name__}: {err}"
        print(f"replika serve: {safe_line(message)}", file=sys.stderr)
        print("Laporkan ini sebagai bug (lihat SECURITY.md).", file=sys.stderr)
        _status().show([message])
        return False
    _status().show([])
    _indexer().remember(catalogue)
    _downloads().request(project, catalogue)
    changed = len(stats.written) + len(stats.removed)
    if changed:
        print(
            f"replika serve: {changed} halaman diperbarui ({time.monotonic() - started:.1f} dtk)",
            file=sys.stderr,
        )
    return True


class _Debounced:
    """Runs ``action`` once, ``DEBOUNCE_SECONDS`` after the last of a burst of events."""

    def __init__(self, action: Any) -> None:
        self._action = action
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def __call__(self, *_args: Any) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, self._action)
            self._timer.daemon = True
            self._timer.start()


def _watch(paths: list[Path], action: Any) -> Any:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    trigger = _Debounced(action)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            name = os.path.basename(str(event.src_path))
            if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
                return
            trigger()

    observer = Observer()
    for path in paths:
        if path.is_dir():
            observer.schedule(Handler(), str(path), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def _show_mkdocs_log() -> None:
    """MkDocs' messages (build times, warnings) in the terminal, as ``mkdocs serve`` shows."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    # Dirty reloads are our choice (see the module docstring); MkDocs warns on each.
    handler.addFilter(lambda record: "'dirty' build" not in record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve(project: Project, *, address: str = "127.0.0.1:8000", full: bool = False) -> int:
    """Generate once, then run MkDocs' live-reload server with our watcher beside it."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.stages.validate import RecordCache

    cache = RecordCache()
    if not regenerate(project, cache):
        print("replika serve: perbaiki catatan di atas lalu jalankan lagi.", file=sys.stderr)
        return 1
    _show_mkdocs_log()
    refuse_bad_paths()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    os.chdir(project.root)  # like `mkdocs serve`; snippets paths are relative to it
    templates = Path(__file__).parent / "templates"
    observer = _watch([project.practices_dir, templates], lambda: regenerate(project, cache))
    overrides = project.root / "overrides"
    host, _, port = address.rpartition(":")
    print(
        f"replika serve: pratinjau di http://{host}:{port}/ (Ctrl+C untuk berhenti)",
        file=sys.stderr,
    )
    try:
        mkdocs_serve(
            config_file=str(project.config_file),
            livereload=True,
            build_type=None if full else "dirty",
            watch=[str(overrides)] if overrides.is_dir() else [],
            dev_addr=address,
            strict=False,
            hooks=[str(Path(__file__).resolve())],
        )
    except OSError as err:
        print(
            f"replika serve: tidak dapat melayani di {address}: {err.strerror or err}",
            file=sys.stderr,
        )
        print(
            "Pakai alamat lain, misalnya `replika serve --alamat 127.0.0.1:8001`.", file=sys.stderr
        )
        return 2
    finally:
        observer.stop()
    return 0


STATUS_NAME = "_replika-status.json"
"""In the preview's site folder: the problems of the last regeneration (empty when valid)."""

_BANNER = """
<div id="replika-masalah" role="alert" hidden
 style="position:fixed;left:0;right:0;bottom:0;z-index:1000;max-height:45vh;overflow:auto;
 background:#fff4f4;color:#5b0000;border-top:3px solid #b00020;padding:.8rem 1rem;
 font:14px/1.4 system-ui,sans-serif;white-space:pre-wrap"></div>
<script>
(function () {
  var box = document.getElementById("replika-masalah");
  var url = "__ROOT__" + "__NAME__";
  function show(problems) {
    if (!problems.length) { box.hidden = true; box.textContent = ""; return; }
    box.textContent = "Pratinjau belum diperbarui: ada masalah di catatan praktik. " +
      "Halaman ini menampilkan versi valid terakhir.\\n\\n" + problems.join("\\n");
    box.hidden = false;
  }
  function poll() {
    fetch(url, {cache: "no-store"}).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) show(data.masalah || []); })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 1500);
})();
</script>
"""


class _Status:
    """The problems of the latest regeneration, mirrored into the preview's site folder.

    Every preview page polls that file (see :func:`on_post_page`), so an
    invalid record is shown in the browser on the page being previewed, not
    only in the terminal. The page shows the messages as text, never as HTML.
    """

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.site_dir: Path | None = None
        self._lock = threading.Lock()

    def show(self, problems: list[str]) -> None:
        with self._lock:
            self.problems = problems
            self._write()

    def attach(self, site_dir: Path) -> None:
        with self._lock:
            self.site_dir = site_dir
            self._write()

    def _write(self) -> None:
        if self.site_dir is None or not self.site_dir.is_dir():
            return
        target = self.site_dir / STATUS_NAME
        tmp = target.with_name(f".{STATUS_NAME}.tmp")
        try:
            tmp.write_text(json.dumps({"masalah": self.problems}, ensure_ascii=False), "utf-8")
            os.replace(tmp, target)
        except OSError:
            pass


_STATUS = _Status()


def _status() -> _Status:
    """The one status, also when MkDocs loads this file a second time as a hook module."""
    from generator import serve

    return serve._STATUS


def on_post_page(output: str, page: Any, config: Any, **_kwargs: Any) -> str:
    """MkDocs hook (preview only): every page shows the current problems, if any."""
    url = str(getattr(page, "url", "") or "")
    banner = _BANNER.replace("__ROOT__", "../" * url.count("/")).replace("__NAME__", STATUS_NAME)
    at = output.rfind("</body>")
    if at < 0:
        return output + banner
    return output[:at] + banner + output[at:]


def on_pre_build(config: Any, **_kwargs: Any) -> None:
    """MkDocs hook (preview only): pause the indexer; drop a home page whose parts changed.

    A dirty build skips pages whose own Markdown is older than their HTML; the
    hand-written home only includes the generated counts and lists, so its
    preview copy is dropped when those parts are newer.
    """
    _indexer().interrupt()
    home = Path(config["site_dir"]) / "index.html"
    parts = Path(config["docs_dir"]) / "katalog" / "_bagian"
    if not home.exists() or not parts.is_dir():
        return
    built = home.stat().st_mtime
    if any(p.stat().st_mtime > built for p in parts.iterdir() if p.is_file()):
        home.unlink()


IDLE_SECONDS = 1.0
"""The preview indexes only after this long without an edit or a build."""


class _Indexer:
    """Writes the preview's search index in the background, once the preview is idle.

    Indexing 1,000 practices takes about two seconds of CPU. A thread doing
    that while the next edit is regenerated would take turns with it (one
    interpreter lock) and delay the page the user is waiting for. So the work
    starts only after :data:`IDLE_SECONDS` without edits or builds; an index
    computed while a new edit or build arrived is dropped (the index is then
    written after that build).
    """

    def __init__(self) -> None:
        self._catalogue: Catalogue | None = None
        self._wanted: Path | None = None
        self._generation = 0
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def remember(self, catalogue: Catalogue) -> None:
        """The catalogue of the latest valid generation: the next index is made from it."""
        with self._changed:
            self._catalogue = catalogue

    def request(self, site_dir: Path) -> None:
        """Index ``site_dir`` once things are quiet."""
        with self._changed:
            self._wanted = site_dir
            self._generation += 1
            self._changed.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()

    def interrupt(self) -> None:
        """An edit or a build has started: stop indexing now, wait for quiet again."""
        with self._changed:
            self._generation += 1
            self._changed.notify()

    def _wait_for_quiet(self) -> tuple[Path, int]:
        with self._changed:
            while self._wanted is None:
                self._changed.wait()
            generation = self._generation
            while True:
                self._changed.wait(IDLE_SECONDS)
                if generation == self._generation:
                    break
                generation = self._generation
            site, self._wanted = self._wanted, None
            return site, generation

    def _loop(self) -> None:
        from generator.outputs.search import index_files, write_index

        while True:
            site, generation = self._wait_for_quiet()
            with self._changed:
                catalogue = self._catalogue
            if catalogue is None:
                continue
            try:
                files = index_files(catalogue)
                with self._changed:
                    stale = generation != self._generation
                    if stale and self._wanted is None:  # e.g. the edit was invalid
                        self._wanted = site
                if not stale:
                    write_index(files, site)
            except OSError as err:
                print(
                    f"replika serve: indeks pencarian tidak dapat ditulis: {err}", file=sys.stderr
                )


_INDEXER = _Indexer()


def _indexer() -> _Indexer:
    """The one indexer, also when MkDocs loads this file a second time as a hook module."""
    from generator import serve

    return serve._INDEXER


def on_post_build(config: Any, **_kwargs: Any) -> None:
    """MkDocs hook (preview only): write the search index of the latest valid catalogue."""
    _status().attach(Path(config["site_dir"]))
    _downloads().site_dir = Path(config["site_dir"])
    _indexer().request(Path(config["site_dir"]))


DOWNLOADS_DIR = ".cache/pratinjau-unduhan"
"""Where the preview's download files are made (inside the project)."""

DOWNLOAD_TYPES = {
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".html": "text/html; charset=utf-8",  # unduh/index.html, the PDFs' download page
}
DOWNLOAD_PREFIXES = ("unduh/", "data/")

INDEX_WAIT_SECONDS = 300.0
"""How long the offline ZIP waits for the preview's search index."""


class _Downloads:
    """The preview's download files, made in a background thread.

    Open data first (instant), then the PDFs (the slow part; unchanged PDFs
    come from the PDF cache), then the offline ZIP from the preview's pages
    once its search index is written. Each round writes a new folder and then
    replaces the previous one, so a link never serves a half-written file;
    an edit during a round starts another round after it.
    """

    def __init__(self) -> None:
        self._wanted: tuple[Project, Any] | None = None
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self.site_dir: Path | None = None
        self.current: Path | None = None
        self.working: Path | None = None
        self.building = False

    def request(self, project: Project, catalogue: Any) -> None:
        with self._changed:
            self._wanted = (project, catalogue)
            self.building = True
            self._changed.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()

    def find(self, rel: str) -> Path | None:
        """The file for site path ``rel`` (``unduh/x.pdf``) if it is ready."""
        if ".." in rel.split("/"):
            return None
        for folder in (self.current, self.working):
            if folder is not None and (folder / rel).is_file():
                return folder / rel
        return None

    def _loop(self) -> None:
        while True:
            with self._changed:
                while self._wanted is None:
                    self.building = False
                    self._changed.wait()
                project, catalogue = self._wanted
                self._wanted = None
            try:
                self._build(project, catalogue)
            except Exception as err:  # the preview must survive a failed download build
                message = f"{type(err).__name__}: {err}"
                print(
                    f"replika serve: unduhan pratinjau gagal dibuat: {safe_line(message)}",
                    file=sys.stderr,
                )

    def _build(self, project: Project, catalogue: Any) -> None:
        import shutil
        import tempfile

        from generator.outputs.export import write_open_data
        from generator.outputs.offline import ZIP_NAME, build_offline_copy
        from generator.outputs.pdf import write_pdfs
        from generator.project import configured_site_url

        started = time.monotonic()
        print(
            "replika serve: membuat berkas unduhan (JSON, CSV, PDF, ZIP) di latar belakang; "
            "tautan unduhan menjawab setelah berkasnya siap.",
            file=sys.stderr,
        )
        root = project.root / DOWNLOADS_DIR
        if self.current is None and self.working is None:
            shutil.rmtree(root, ignore_errors=True)  # leftovers of an earlier preview
        root.mkdir(parents=True, exist_ok=True)
        out = Path(tempfile.mkdtemp(prefix="baru-", dir=root))
        self.working = out
        write_open_data(catalogue, out / "data")
        write_pdfs(catalogue, project, out / "unduh")
        print(
            f"replika serve: PDF pratinjau siap ({time.monotonic() - started:.0f} dtk); "
            "menyiapkan salinan luring (ZIP)…",
            file=sys.stderr,
        )
        site = self._site_with_index()
        if site is not None:
            staging = Path(tempfile.mkdtemp(prefix="situs-", dir=root))
            try:
                shutil.copytree(site, staging, dirs_exist_ok=True)
                (staging / STATUS_NAME).unlink(missing_ok=True)
                shutil.copytree(out, staging, dirs_exist_ok=True)
                build_offline_copy(
                    staging, out / "unduh" / ZIP_NAME, site_url=configured_site_url(project)
                )
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        else:
            print(
                "replika serve: indeks pencarian pratinjau belum ada; ZIP tidak dibuat.",
                file=sys.stderr,
            )
        old, self.current, self.working = self.current, out, None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        print(
            f"replika serve: semua berkas unduhan siap ({time.monotonic() - started:.0f} dtk).",
            file=sys.stderr,
        )

    def _site_with_index(self) -> Path | None:
        """The preview's site folder once its search index is there (or None)."""
        from generator.outputs.search import POINTER_NAME, SEARCH_DIR

        deadline = time.monotonic() + INDEX_WAIT_SECONDS
        while time.monotonic() < deadline:
            site = self.site_dir
            if site is not None and (site / SEARCH_DIR / POINTER_NAME).is_file():
                return site
            time.sleep(1)
        return None


_DOWNLOADS = _Downloads()


def _downloads() -> _Downloads:
    """The one download maker, also when MkDocs loads this file again as a hook module."""
    from generator import serve

    return serve._DOWNLOADS


def answer_download(path: str, start_response: Any) -> list[bytes] | None:
    """The preview's answer for a download path, or None when it is not one."""
    rel = path.lstrip("/")
    if not rel.startswith(DOWNLOAD_PREFIXES):
        return None
    kind = DOWNLOAD_TYPES.get(Path(rel).suffix.lower())
    if kind is None:
        return None
    found = _downloads().find(rel)
    if found is not None:
        body = found.read_bytes()
        start_response(
            "200 OK",
            [
                ("Content-Type", kind),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]
    if _downloads().building:
        message = (
            b"Berkas ini sedang dibuat di latar belakang oleh `replika serve` "
            b"(lihat terminal). Muat ulang halaman ini sebentar lagi.\n"
        )
        start_response(
            "503 Service Unavailable",
            [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "10")],
        )
        return [message]
    return None


def refuse_bad_paths() -> None:
    """Answer ``/%00/`` and other undecodable paths with 400 instead of a traceback.

    MkDocs' live-reload server opens the requested path; a NUL byte in it
    raises ``ValueError`` there (not ``OSError``), which it turns into a 500
    with a traceback in the terminal.
    """
    from mkdocs.livereload import LiveReloadServer

    original = LiveReloadServer._serve_request
    if getattr(original, "_replika_guard", False):
        return

    def guarded(self: Any, environ: dict[str, Any], start_response: Any) -> Any:
        if "\x00" in str(environ.get("PATH_INFO", "")):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"alamat tidak sah\n"]
        download = answer_download(str(environ.get("PATH_INFO", "")), start_response)
        if download is not None:
            return download
        return original(self, environ, start_response)

    guarded._replika_guard = True  # type: ignore[attr-defined]
    LiveReloadServer._serve_request = guarded  # type: ignore[method-assign]
