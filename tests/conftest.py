"""Shared fixtures: a throw-away copy of the project to run commands in, and the
session's two built copies of the bundled project (built once, read by many)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make_project(directory: Path, *, with_records: bool = False) -> Path:
    """A minimal Replika project in ``directory``: config, registry, schema (and records)."""
    (directory / "practices").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", directory / "mkdocs.yml")
    shutil.copy(ROOT / "practices" / "_wilayah.yaml", directory / "practices" / "_wilayah.yaml")
    shutil.copytree(ROOT / "docs" / "skema", directory / "docs" / "skema", dirs_exist_ok=True)
    if with_records:
        for path in (ROOT / "practices").glob("*.yaml"):
            shutil.copy(path, directory / "practices" / path.name)
    return directory


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (registry but no records) in a temp dir."""
    return make_project(tmp_path / "proyek")


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built once with ``replika build --tanpa-pdf`` (no downloads).

    Shared by every read-only site, search and security test; a test that
    changes files works on its own copy (``site_support.copy_built``), which is
    still up to date, so its first ``replika build --tanpa-pdf`` is a no-op.
    """
    from site_support import copy_project, replika

    project = copy_project(tmp_path_factory.mktemp("situs") / "proyek")
    result = replika(project, "build", "--tanpa-pdf")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built once with a full `replika build` (PDFs, offline ZIP, data).

    Shared by the PDF, offline-copy and open-data tests; tests that change
    files work on their own copy of it.
    """
    import subprocess
    import sys

    from site_support import copy_project

    project = copy_project(tmp_path_factory.mktemp("lengkap") / "proyek")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless Debian Chromium for the whole session (each test opens its own context)."""
    from site_support import browser

    with browser() as launched:
        yield launched
