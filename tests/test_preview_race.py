"""The preview stays consistent when regenerations overlap with record edits (issue 17).

``replika serve`` regenerates after every save; saves arrive while a
regeneration runs. Here several threads call one :class:`Preview`'s
``regenerate`` while a record is rewritten again and again (once invalid).
Afterwards ``docs/katalog/`` must be byte-identical to a fresh full render of
the final records, no regeneration may have met a "foreign file" or an
internal error, or waited on the project lock for another regeneration of
the same preview, the preview's state (the catalogue its search index and
downloads are made from, the problems banner) must show the final records,
and a following ``replika build`` must succeed.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from site_support import copy_project, replika
from test_site_serve import _full_render, _katalog

from generator.outputs.site import MANIFEST_NAME, read_manifest
from generator.preview import Preview, Trigger
from generator.project import find_project

RECORD = "l2t2-kendari"
TITLE_LINE = "\njudul: Layanan"


def _rewrite(path: Path, text: str) -> None:
    """Replace ``path`` the way editors save: a new file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.simpan")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_overlapping_regenerations_and_edits_leave_a_consistent_preview(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p")
    preview = Preview(find_project(project))
    assert preview.regenerate()
    record = project / "practices" / f"{RECORD}.yaml"
    original = record.read_text(encoding="utf-8")
    versions = [original.replace(TITLE_LINE, f"\njudul: Versi {n} Layanan") for n in range(6)]
    versions[3] = original.replace("sektor: air-limbah-domestik", "sektor: x")  # invalid
    final = original.replace(TITLE_LINE, "\njudul: Akhir Layanan")
    assert all(v != original for v in versions) and final != original

    preview.downloads.request = lambda *_args: None  # type: ignore[method-assign]  # no PDFs here
    failures: list[BaseException] = []
    finished = [0]
    running = threading.Event()
    running.set()

    def regenerate_repeatedly() -> None:
        try:
            while running.is_set():
                preview.regenerate()
                finished[0] += 1
        except BaseException as err:  # reported by the main thread
            failures.append(err)

    def wait_for_runs(count: int) -> None:
        goal = finished[0] + count
        deadline = time.monotonic() + 60
        while finished[0] < goal and time.monotonic() < deadline:
            time.sleep(0.02)

    threads = [threading.Thread(target=regenerate_repeatedly) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for n, text in enumerate([*versions, final]):
            _rewrite(record, text)
            if n == 3:  # the invalid version: a run that started after the save must see it
                wait_for_runs(2)
            time.sleep(0.2)
    finally:
        running.clear()
        for thread in threads:
            thread.join(timeout=120)
    assert not failures
    assert not any(thread.is_alive() for thread in threads)
    # The last save is followed by one more regeneration (what the Trigger does).
    assert preview.regenerate()

    err = capsys.readouterr().err
    assert "tidak ditulis" not in err  # the "foreign file" refusal of docs/katalog/
    assert "kesalahan internal" not in err
    assert "build lain sedang berjalan" not in err  # never two regenerations at once
    assert "sektor" in err  # the invalid version was seen and reported, as it should be

    assert _katalog(project) == _full_render(project)
    area = project / "docs" / "katalog"
    manifest = read_manifest(area)
    on_disk = {
        p.relative_to(area).as_posix()
        for p in area.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME
    }
    assert set(manifest) == on_disk
    assert preview.catalogue is not None
    assert preview.catalogue.by_id[RECORD].title.startswith("Akhir Layanan")
    assert preview.status.problems == []

    built = replika(project, "build", "--tanpa-pdf")
    assert built.returncode == 0, built.stderr
    page = project / "site" / "katalog" / "praktik" / RECORD / "index.html"
    assert "Akhir Layanan" in page.read_text(encoding="utf-8")


def test_events_during_a_run_are_coalesced_into_one_next_run() -> None:
    active = 0
    most = 0
    runs = 0
    guard = threading.Lock()
    started = threading.Event()

    def action() -> None:
        nonlocal active, most, runs
        with guard:
            active += 1
            runs += 1
            most = max(most, active)
        started.set()
        time.sleep(1.0)
        with guard:
            active -= 1

    trigger = Trigger(action, delay=0.05)
    trigger()
    assert started.wait(5)
    for _ in range(4):  # a burst of saves while the first run is going on
        trigger()
        time.sleep(0.1)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (runs < 2 or active):
        time.sleep(0.05)
    time.sleep(0.3)  # a third run would have started by now (the delay is 0.05 s)
    assert most == 1
    assert runs == 2
