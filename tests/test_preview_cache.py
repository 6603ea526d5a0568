"""The preview's record cache gives exactly what a fresh validation gives.

``replika serve`` keeps, per record file, what reading it and its own rules
gave (:class:`generator.stages.checked.RecordCache`), and re-checks only the
files whose bytes changed. A change in one file can change the problems of
another (an id it references disappears, a region leaves the registry, a
title or an id is taken twice), so after every edit here the cached run must
report the same problems and keep the same records as a run without a cache.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.page_cache import PageCache
from generator.project import Project
from generator.stages.checked import Checked, RecordCache
from generator.stages.model import build_catalogue
from generator.stages.render import render_site
from generator.stages.validate import check_project
from tests.conftest import ROOT, make_project

PRACTICE = "satgas-gebrak-odf-pringsewu"
"""Learned in a journey and listed as related by other practices."""
JOURNEY = "kab-pringsewu-kab-malang-2018"


def _project(tmp_path: Path) -> Project:
    root = make_project(tmp_path / "proyek", with_records=True)
    shutil.copytree(ROOT / "practices" / "pembelajaran", root / "practices" / "pembelajaran")
    return Project(root)


def _same_as_fresh(project: Project, cache: RecordCache) -> Checked:
    """Validate with the cache and without; both must agree in everything they hand on."""
    cached = check_project(project, cache=cache)
    fresh = check_project(project)
    assert cached.problems == fresh.problems
    assert cached.practices == fresh.practices
    assert cached.journeys == fresh.journeys
    assert cached.known_ids == fresh.known_ids
    assert {k: f.display for k, f in cached.files.items()} == {
        k: f.display for k, f in fresh.files.items()
    }
    return cached


def _rules(checked: Checked) -> set[tuple[str, str]]:
    return {(Path(p.path).name, p.rule) for p in checked.problems}


def test_cross_record_facts_are_never_stale(tmp_path: Path) -> None:
    project = _project(tmp_path)
    practices = project.practices_dir
    journey = practices / "pembelajaran" / f"{JOURNEY}.yaml"
    record = practices / f"{PRACTICE}.yaml"
    journey_text, record_text = journey.read_text("utf-8"), record.read_text("utf-8")
    cache = RecordCache()
    assert _same_as_fresh(project, cache).ok

    # A journey's practice id made unknown, then fixed.
    journey.write_text(journey_text.replace(f"[{PRACTICE}]", "[satgas-gebrak-odf-x]"), "utf-8")
    assert (f"{JOURNEY}.yaml", "journey-practice") in _rules(_same_as_fresh(project, cache))
    journey.write_text(journey_text, "utf-8")
    assert _same_as_fresh(project, cache).ok

    # A record others reference removed: unchanged files now have problems; then back.
    record.unlink()
    rules = _rules(_same_as_fresh(project, cache))
    assert ("stbm-pdpgr-sumbawa-barat.yaml", "unknown-practice") in rules
    assert (f"{JOURNEY}.yaml", "journey-practice") in rules
    record.write_text(record_text, "utf-8")
    assert _same_as_fresh(project, cache).ok

    # The record's id changed (the file name stays): references and the id rule follow.
    record.write_text(record_text.replace(f"id: {PRACTICE}", "id: satgas-baru"), "utf-8")
    rules = _rules(_same_as_fresh(project, cache))
    assert (f"{PRACTICE}.yaml", "id-filename") in rules
    record.write_text(record_text, "utf-8")
    assert _same_as_fresh(project, cache).ok

    # A copy, read before the original: the unchanged original's id and title are now taken.
    copy = practices / "salinan.yaml"
    copy.write_text(record_text, "utf-8")
    rules = _rules(_same_as_fresh(project, cache))
    assert (f"{PRACTICE}.yaml", "duplicate-id") in rules
    copy.unlink()
    assert _same_as_fresh(project, cache).ok


def test_a_registry_edit_reaches_unchanged_records(tmp_path: Path) -> None:
    """The cached per-file rules read the region registry: editing it re-checks them."""
    project = _project(tmp_path)
    registry = project.regions_file
    original = registry.read_text("utf-8")
    cache = RecordCache()
    assert _same_as_fresh(project, cache).ok

    registry.write_text(original.replace("Kabupaten Pringsewu", "Kabupaten Pringsewo"), "utf-8")
    rules = _rules(_same_as_fresh(project, cache))
    assert (f"{PRACTICE}.yaml", "unknown-region") in rules
    assert (f"{JOURNEY}.yaml", "unknown-region") in rules
    registry.write_text(original, "utf-8")
    assert _same_as_fresh(project, cache).ok


def test_a_changed_file_is_checked_again_and_a_fixed_one_is_clean(tmp_path: Path) -> None:
    project = _project(tmp_path)
    record = project.practices_dir / f"{PRACTICE}.yaml"
    journey = project.practices_dir / "pembelajaran" / f"{JOURNEY}.yaml"
    record_text, journey_text = record.read_text("utf-8"), journey.read_text("utf-8")
    cache = RecordCache()
    _same_as_fresh(project, cache)
    before = dict(cache.practices)
    record.write_text(record_text.replace("status_per:", "status_perx:", 1), "utf-8")
    journey.write_text(journey_text.replace("diperiksa: ", "diperiksa: 2999-01-01\nx: ", 1))
    assert not _same_as_fresh(project, cache).ok
    # Only the edited file was read again; the others' results were reused.
    edited = record.resolve()
    assert cache.practices[edited] is not before[edited]
    assert all(cache.practices[path] is entry for path, entry in before.items() if path != edited)
    record.write_text(record_text, "utf-8")
    journey.write_text(journey_text, "utf-8")
    assert _same_as_fresh(project, cache).ok


class _Today:
    """Stands in for the ``datetime`` module where the rules ask for today's date."""

    day = dt.date(2030, 1, 2)

    class date(dt.date):  # noqa: N801 - the name the rules look up
        @classmethod
        def today(cls) -> dt.date:
            return _Today.day


def test_a_new_day_reaches_unchanged_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached per-file rules read today's date (a check date must not be in the future)."""
    for module in ("records", "journeys", "cache"):
        monkeypatch.setattr(f"generator.stages.validate.{module}.dt", _Today)
    project = _project(tmp_path)
    record = project.practices_dir / f"{PRACTICE}.yaml"
    journey = project.practices_dir / "pembelajaran" / f"{JOURNEY}.yaml"
    for path in (record, journey):
        text = path.read_text("utf-8")
        path.write_text(re.sub(r"\ndiperiksa: .*", "\ndiperiksa: 2030-01-01", text), "utf-8")
    cache = RecordCache()
    assert _same_as_fresh(project, cache).ok
    monkeypatch.setattr(_Today, "day", dt.date(2029, 12, 31))
    rules = _rules(_same_as_fresh(project, cache))
    assert {(f"{PRACTICE}.yaml", "bad-date"), (f"{JOURNEY}.yaml", "bad-date")} <= rules
    monkeypatch.setattr(_Today, "day", dt.date(2030, 1, 1))
    assert _same_as_fresh(project, cache).ok


def test_pages_follow_edits_that_change_related_practices(tmp_path: Path) -> None:
    """The preview reuses related practices only while what chooses them is unchanged."""
    project = _project(tmp_path)
    record = project.practices_dir / f"{PRACTICE}.yaml"
    original = record.read_text("utf-8")
    cache, pages = RecordCache(), PageCache()

    def same_pages() -> None:
        checked = check_project(project, cache=cache)
        assert checked.ok, checked.problems
        preview = {p.path: p.content for p in pages.render(build_catalogue(checked, project))}
        fresh = render_site(build_catalogue(check_project(project), project))
        assert preview == {p.path: p.content for p in fresh}

    same_pages()
    for text in (
        original.replace("sektor: perilaku-higiene", "sektor: air-limbah-domestik"),
        original.replace("tag: [stbm, odf,", "tag: [lltt, tangki septik, stbm, odf,"),
        original.replace("\nringkasan: ", "\nringkasan: Diperbarui. ", 1),  # related unchanged
    ):
        record.write_text(text, "utf-8")
        same_pages()
