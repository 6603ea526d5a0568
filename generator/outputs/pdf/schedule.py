"""Running the PDF jobs: body chunks, catalogues and brief batches, in worker processes.

Typst compilations are independent, so from :data:`PARALLEL_FROM` jobs on
they run in a pool of "spawn" worker processes; fewer run in this process
(a worker costs about a second to start). ``workers`` (see
:func:`generator.outputs.pdf.write_pdfs`) decides how many processes at most.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from generator.outputs.pdf.briefs import Brief, brief_batch
from generator.outputs.pdf.catalogues import CATALOGUE_NAME, Body, Spec, body_chunk, frame_catalogue
from generator.outputs.pdf.report import PdfReport
from generator.progress import Progress

MAX_WORKERS = 2
PARALLEL_FROM = 8
"""Render in worker processes only from this many jobs on (a worker costs ~1 s to start)."""


def default_workers() -> int:
    """Worker processes when the caller does not say: the cores, at most :data:`MAX_WORKERS`."""
    return min(os.cpu_count() or 1, MAX_WORKERS)


class Runner:
    """Runs jobs in this process or, when there are enough, in worker processes."""

    def __init__(self, jobs: int, workers: int | None = None, niceness: int = 0) -> None:
        """``niceness`` > 0 runs the workers at a lower CPU priority (the preview's background)."""
        if workers is None:
            workers = default_workers()
        self.pool: ProcessPoolExecutor | None = None
        self.workers = 0
        if workers >= 2 and jobs >= PARALLEL_FROM:
            self.workers = workers
            # "spawn": a fresh interpreter per worker, no state inherited from the parent.
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=start_worker,
                initargs=(niceness, os.getpid()),
            )

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if self.pool is not None:
            return self.pool.submit(fn, *args)
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as err:  # re-raised by .result(), as a pool would
            future.set_exception(err)
        return future

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def start_worker(niceness: int, parent: int) -> None:
    """In each worker: a lower CPU priority if asked, and an end when ``parent`` is gone.

    A ``replika serve`` or ``build`` stopped by SIGTERM or SIGKILL cannot shut its
    pool down; its workers would otherwise go on typesetting their current job
    (minutes for a large catalogue) for nobody, on a machine someone is using.
    """
    if niceness > 0:
        os.nice(niceness)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """Exit this worker within a second of its parent's end (it is then re-parented)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


PARENT_CHECK_SECONDS = 0.5


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def schedule(
    runner: Runner,
    work: str,
    *,
    chunks: list[tuple[str, list[str]]],
    frames: list[tuple[Spec, Path, Path]],
    briefs: list[list[Brief]],
    frame_input: Callable[[Spec, dict[str, Body]], dict[str, Any]],
    report: PdfReport,
    meter: Progress,
    say: Callable[[str], None],
) -> None:
    """Keep the workers busy, longest path first: body chunks, then catalogues, briefs between.

    A few jobs are queued at a time (not all at once), so the catalogues, which
    wait for every chunk, start as soon as the chunks are done instead of after
    every brief; and a catalogue's data is built only when it is handed over.
    """
    slots = (runner.workers or 1) + 1
    bodies: dict[str, Body] = {}
    chunks_left = len(chunks)
    pending: dict[Future, Any] = {}

    def next_job() -> bool:
        if chunks:
            name, items = chunks.pop(0)
            pending[runner.submit(body_chunk, work, name, items)] = ("chunk", len(items))
        elif frames and chunks_left == 0:
            spec, entry, target = frames.pop(0)
            data = frame_input(spec, bodies)
            text = json.dumps(data, ensure_ascii=False)
            entries = len(data["contents"])
            del data
            future = runner.submit(frame_catalogue, work, text, entries, str(entry), str(target))
            pending[future] = spec
        elif briefs:
            batch = briefs.pop(0)
            pending[runner.submit(brief_batch, work, batch)] = ("brief", len(batch))
        else:
            return False
        return True

    while True:
        while len(pending) < slots and next_job():
            pass
        if not pending:
            break
        done, _rest = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            job = pending.pop(future)
            result = future.result()
            if isinstance(job, Spec):
                report.catalogues_rendered += 1
                report.catalogue_rendered |= job.name == CATALOGUE_NAME
                meter.advance(1)
            elif job[0] == "chunk":
                bodies.update(result)
                chunks_left -= 1
                meter.advance(job[1])
            else:
                report.rendered.extend(result)
                for pid in result:
                    say(f"PDF ringkasan dibuat: {pid}")
                meter.advance(job[1])
