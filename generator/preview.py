"""The ``replika serve`` preview: its state, and regenerations one at a time.

A :class:`Preview` owns everything the preview keeps between edits, as
instance state: the record cache (only changed record files are read and
checked again), the page cache (only pages whose inputs changed are rendered
again, ``generator/page_cache.py``), the latest valid catalogue, and its
background helpers (problems banner, search indexer, downloads,
``generator/preview_tasks.py``).

Regenerations are serialised: :meth:`Preview.regenerate` holds a lock for the
whole validate → render → write of ``docs/katalog/`` (and the project's build
lock, so a ``replika build`` beside it waits too). Saves in the editor reach
it through a :class:`Trigger`, which waits for a burst of events to end and
coalesces every event that arrives while a regeneration runs into exactly
one next regeneration — never a second one at the same time.

MkDocs' own server reaches the preview through ``generator/serve_hook.py``
(its ``hooks:`` file), which forwards each event to the preview that is
:func:`running`.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from generator.errors import InvalidContent, ReplikaError
from generator.outputs.site import WriteStats, write_generated
from generator.page_cache import PageCache
from generator.preview_tasks import Downloads, Indexer, Status, answer_download, with_banner
from generator.problems import Problem, safe_line
from generator.project import Project
from generator.stages.checked import RecordCache
from generator.stages.model import Catalogue, build_catalogue
from generator.stages.validate import check_project

DEBOUNCE_SECONDS = 0.3

Report = Callable[[Sequence[Problem]], None]


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in sorted(problems):
        print(problem.as_text(), file=sys.stderr)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


class Preview:
    """One preview of one project; see the module docstring."""

    def __init__(
        self, project: Project, *, report: Report = _print_problems, downloads: bool = True
    ) -> None:
        self.project = project
        self.report = report
        """Prints validation problems (``replika serve`` prints them like ``validate``)."""
        self.records = RecordCache()
        self.pages = PageCache()
        self.catalogue: Catalogue | None = None
        """The latest valid catalogue (what the search index and downloads show)."""
        self.status = Status()
        self.indexer = Indexer(lambda: self.catalogue)
        self.downloads = Downloads(enabled=downloads)
        """Download files made in the background (``downloads=False``: ``--tanpa-pdf``)."""
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ regeneration

    def regenerate(self) -> bool:
        """Validate and write the generated pages; report problems instead of raising.

        One regeneration at a time: a call while another runs waits for it.
        """
        with self._lock:
            return self._regenerate()

    def generate(self) -> tuple[Catalogue, WriteStats]:
        """Validate, model, render and write ``docs/katalog/`` incrementally (call under the lock).

        Raises ``InvalidContent`` or another ``ReplikaError`` like the build; the result
        is what a full build writes (tested).
        """
        from generator.outputs.site import project_lock

        with project_lock(self.project, _say):
            checked = check_project(self.project, cache=self.records)
            if checked.problems:
                raise InvalidContent(checked)
            catalogue = build_catalogue(checked, self.project)
            return catalogue, write_generated(self.project, self.pages.render(catalogue))

    def _regenerate(self) -> bool:
        started = time.monotonic()
        self.indexer.interrupt()
        try:
            catalogue, stats = self.generate()
        except InvalidContent as err:
            self.report(err.checked.problems)
            _say("replika serve: halaman lama tetap ditampilkan sampai catatan valid.")
            self.status.show([p.as_text() for p in sorted(err.checked.problems)])
            return False
        except ReplikaError as err:  # e.g. a foreign file in docs/katalog/
            _say(f"replika: {err}")
            self.status.show([str(err)])
            return False
        except Exception as err:  # the watcher thread must survive anything a record holds
            message = f"kesalahan internal saat membuat halaman: {type(err).__name__}: {err}"
            _say(f"replika serve: {safe_line(message)}")
            _say("Laporkan ini sebagai bug (lihat SECURITY.md).")
            self.status.show([message])
            return False
        self.status.show([])
        self.catalogue = catalogue
        self.downloads.request(self.project, catalogue)
        changed = len(stats.written) + len(stats.removed)
        if changed:
            took = time.monotonic() - started
            _say(f"replika serve: {changed} halaman diperbarui ({took:.1f} dtk)")
        return True

    # ------------------------------------------------------------------ MkDocs events

    def on_pre_build(self, config: Any) -> None:
        """Pause the indexer; drop a home page whose parts changed.

        A dirty build skips pages whose own Markdown is older than their HTML;
        the hand-written home only includes the generated counts and lists, so
        its preview copy is dropped when those parts are newer.
        """
        self.indexer.interrupt()
        home = Path(config["site_dir"]) / "index.html"
        parts = Path(config["docs_dir"]) / "katalog" / "_bagian"
        if not home.exists() or not parts.is_dir():
            return
        built = home.stat().st_mtime
        if any(p.stat().st_mtime > built for p in parts.iterdir() if p.is_file()):
            home.unlink()

    def on_post_page(self, output: str, page: Any) -> str:
        """Every page shows the current problems, if any."""
        return with_banner(output, str(getattr(page, "url", "") or ""))

    def on_post_build(self, config: Any) -> None:
        """Mirror the status into the preview's site; index it once the preview is idle."""
        site = Path(config["site_dir"])
        self.status.attach(site)
        self.downloads.site_dir = site
        self.indexer.request(site)

    def on_serve(self, server: Any) -> Any:
        """Answer download links and refuse undecodable paths on MkDocs' server."""
        original = server._serve_request
        downloads = self.downloads

        def guarded(environ: dict[str, Any], start_response: Any) -> Any:
            path = str(environ.get("PATH_INFO", ""))
            if "\x00" in path:
                start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
                return [b"alamat tidak sah\n"]
            download = answer_download(downloads, path, start_response)
            if download is not None:
                return download
            return original(environ, start_response)

        server._serve_request = guarded
        return server


_RUNNING: list[Preview] = []
"""The preview ``replika serve`` runs: the one link MkDocs' hook file can reach."""


def running() -> Preview | None:
    return _RUNNING[-1] if _RUNNING else None


def attach(preview: Preview | None) -> None:
    """Make ``preview`` the one MkDocs' hook forwards to (``None``: no preview)."""
    _RUNNING[:] = [preview] if preview is not None else []


class Trigger:
    """Runs ``action`` after a burst of events, never twice at once.

    Each event (re)starts a :data:`DEBOUNCE_SECONDS` timer. When it fires and
    no run is going on, a run starts in a worker thread; when a run is going
    on, the event is remembered, and the worker runs ``action`` exactly once
    more after the current run, however many events arrived meanwhile.
    """

    def __init__(self, action: Callable[[], Any], delay: float | None = None) -> None:
        self._action = action
        self._delay = DEBOUNCE_SECONDS if delay is None else delay
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    def __call__(self, *_args: Any) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self._delay, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._work, daemon=True).start()

    def _work(self) -> None:
        again = True
        while again:
            try:
                self._action()
            except Exception as err:  # the worker must survive; the next edit tries again
                _say(f"replika serve: {safe_line(f'{type(err).__name__}: {err}')}")
            with self._lock:
                again, self._again = self._again, False
                self._running = again
