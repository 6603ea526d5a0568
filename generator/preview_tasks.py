"""The preview's background work: the problems banner, the search index, the downloads.

Each class here is owned by one :class:`generator.preview.Preview` (instance
state, no module globals); MkDocs reaches them through the preview's hook
(``generator/serve_hook.py``).

* :class:`Status`: the problems of the latest regeneration, mirrored into the
  preview's site folder, which every preview page polls (:data:`BANNER`).
* :class:`Indexer`: the preview's search index, written in the background once
  the preview is idle.
* :class:`Downloads`: the download links of the pages (PDFs, the offline ZIP,
  ``practices.json`` and ``practices.csv``), made in the background into
  ``.cache/pratinjau-unduhan/`` and answered by the preview server from there
  (:func:`answer_download`); until a file is ready its link answers 503 with an
  Indonesian message, and the terminal says when the downloads are ready.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.forked import Forked, ForkedError, can_fork
from generator.fsutil import atomic_write
from generator.outputs.search import POINTER_NAME, SEARCH_DIR, index_files, write_index
from generator.problems import safe_line
from generator.project import Project
from generator.stages.model import Catalogue

STATUS_NAME = "_replika-status.json"
"""In the preview's site folder: the problems of the last regeneration (empty when valid)."""

BANNER = """
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


class Status:
    """The problems of the latest regeneration, mirrored into the preview's site folder.

    Every preview page polls that file (see :func:`with_banner`), so an
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
        try:
            body = json.dumps({"masalah": self.problems}, ensure_ascii=False)
            atomic_write(self.site_dir / STATUS_NAME, body)
        except OSError:
            pass


def with_banner(output: str, url: str) -> str:
    """A preview page (its HTML ``output``, at site path ``url``) with the problems banner."""
    banner = BANNER.replace("__ROOT__", "../" * url.count("/")).replace("__NAME__", STATUS_NAME)
    at = output.rfind("</body>")
    if at < 0:
        return output + banner
    return output[:at] + banner + output[at:]


IDLE_SECONDS = 1.0
"""The preview indexes only after this long without an edit or a build."""

BACKGROUND_NICENESS = 10
"""CPU priority step of the preview's background processes (search index, PDF workers).

The page being edited must come first: on a two-core computer the first
round of PDFs of 1,000 practices takes a minute, and at equal priority it
made an edit take 8–11 s to show instead of 1–2 s (``bench/run.py``)."""


class Indexer:
    """Writes the preview's search index in the background, once the preview is idle.

    Indexing 1,000 practices takes about two seconds of CPU. A thread doing
    that while the next edit is regenerated would take turns with it (one
    interpreter lock) and delay the page the user is waiting for. So the work
    starts only after :data:`IDLE_SECONDS` without edits or builds, and an index
    overtaken by a new edit or build is dropped (it is written after that build).
    """

    def __init__(self, latest: Callable[[], Catalogue | None]) -> None:
        self._latest = latest
        """The catalogue to index: the preview's latest valid one."""
        self._wanted: Path | None = None
        self._generation = 0
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

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
        """An edit or a build has started: wait for quiet again, drop an index under way."""
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
        while True:
            site, generation = self._wait_for_quiet()
            catalogue = self._latest()
            if catalogue is None:
                continue
            try:
                self._write(catalogue, site, generation)
            except OSError as err:
                print(
                    f"replika serve: indeks pencarian tidak dapat ditulis: {err}", file=sys.stderr
                )

    def _write(self, catalogue: Catalogue, site: Path, generation: int) -> None:
        """Index ``catalogue`` and write it, unless an edit overtook the work.

        The index is computed in a forked child at a lower priority, so it
        neither holds this process's interpreter lock nor takes a core from
        the regeneration of an edited page; an edit meanwhile stops the child
        at once, and the index is made again once the preview is quiet.
        """
        files = self._compute(catalogue, generation)
        with self._changed:
            stale = files is None or generation != self._generation
            if stale and self._wanted is None:  # e.g. the edit was invalid: no build follows
                self._wanted = site
        if files is not None and not stale:
            write_index(files, site)

    def _compute(self, catalogue: Catalogue, generation: int) -> dict[str, bytes] | None:
        """The index files, or None when an edit arrived while they were computed."""
        if not can_fork():
            return index_files(catalogue)
        child = Forked(lambda: _niced(lambda: index_files(catalogue)))
        try:
            while not child.ready(0.1):
                if generation != self._generation:
                    return None
            return child.result()  # type: ignore[no-any-return]
        except ForkedError:
            return index_files(catalogue)  # the child died: same result, here
        finally:
            child.cancel()


def _niced(work: Callable[[], Any]) -> Any:
    """``work()`` at the background priority (in a child process: only it is affected)."""
    os.nice(BACKGROUND_NICENESS)
    return work()


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


class Downloads:
    """The preview's download files, made in a background thread.

    Open data first (instant), then the PDFs (the slow part; unchanged PDFs
    come from the PDF cache), then the offline ZIP from the preview's pages
    once its search index is written. Each round writes a new folder and then
    replaces the previous one, so a link never serves a half-written file;
    an edit during a round starts another round after it.
    """

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        """False for ``replika serve --tanpa-pdf``: no download files are made."""
        self._wanted: tuple[Project, Catalogue] | None = None
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self.site_dir: Path | None = None
        self.current: Path | None = None
        self.working: Path | None = None
        self.building = False

    def request(self, project: Project, catalogue: Catalogue) -> None:
        if not self.enabled:
            return
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

    def _build(self, project: Project, catalogue: Catalogue) -> None:
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
        write_pdfs(catalogue, project, out / "unduh", niceness=BACKGROUND_NICENESS)
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
        deadline = time.monotonic() + INDEX_WAIT_SECONDS
        while time.monotonic() < deadline:
            site = self.site_dir
            if site is not None and (site / SEARCH_DIR / POINTER_NAME).is_file():
                return site
            time.sleep(1)
        return None


def answer_download(downloads: Downloads, path: str, start_response: Any) -> list[bytes] | None:
    """The preview's answer for a download path, or None when it is not one."""
    rel = path.lstrip("/")
    if not rel.startswith(DOWNLOAD_PREFIXES):
        return None
    kind = DOWNLOAD_TYPES.get(Path(rel).suffix.lower())
    if kind is None:
        return None
    if not downloads.enabled:
        return _plain_answer(
            start_response,
            "404 Not Found",
            "Berkas unduhan tidak dibuat: pratinjau ini dijalankan dengan `replika serve "
            "--tanpa-pdf`. Jalankan `replika serve` tanpa opsi itu, atau `replika build`.\n",
        )
    found = downloads.find(rel)
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
    if downloads.building:
        return _plain_answer(
            start_response,
            "503 Service Unavailable",
            "Berkas ini sedang dibuat di latar belakang oleh `replika serve` "
            "(lihat terminal). Muat ulang halaman ini sebentar lagi.\n",
            [("Retry-After", "10")],
        )
    return None


def _plain_answer(
    start_response: Any, status: str, message: str, headers: list[tuple[str, str]] | None = None
) -> list[bytes]:
    """A short Indonesian plain-text answer of the preview server."""
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), *(headers or [])])
    return [message.encode("utf-8")]
