"""Shared fixtures: a throw-away copy of the project to run commands in, and the
session's two built copies of the bundled project (built once, read by many)."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The entry-point, build and serve tests start `python -m generator` in new
# processes. Let them (and this process) keep compiled bytecode in
# __pycache__/ instead of compiling every module again in each process: some
# environments set PYTHONDONTWRITEBYTECODE.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False


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


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """``build(project)`` on a copy of the project, once per test run: ``<name>/proyek``.

    Under pytest-xdist the workers of one run share it (the folder above each
    worker's own temporary folder, a lock so only the first builds; the
    pattern of the xdist documentation), so no worker waits for a second build.
    """
    from site_support import copy_project

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / f"bersama-{name}"
    folder.mkdir(exist_ok=True)
    project, done = folder / "proyek", folder / "selesai"
    with open(folder / "kunci", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(project, ignore_errors=True)  # left by a failed attempt
            build(copy_project(project))
            done.touch()
    return project


def _build_site(project: Path) -> None:
    from site_support import replika

    result = replika(project, "build", "--tanpa-pdf")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def _build_everything(project: Path) -> None:
    from site_support import replika_process

    result = replika_process(project, "build", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built once with ``replika build --tanpa-pdf`` (no downloads).

    Shared by every read-only site, search, security and open-data test; a test
    that changes files works on its own copy (``site_support.copy_built``),
    which is still up to date, so its first ``replika build --tanpa-pdf`` is a no-op.
    """
    return built_once(tmp_path_factory, "situs", _build_site)


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built once with a full ``replika build`` (PDFs, offline ZIP, data),
    through the true entry point ``python -m generator``.

    Shared by the PDF, offline-copy, reader, map and journey tests; tests that
    change files work on their own copy of it.
    """
    return built_once(tmp_path_factory, "lengkap", _build_everything)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless Debian Chromium for the whole session (each test opens its own context)."""
    from site_support import browser

    with browser() as launched:
        yield launched


@pytest.fixture
def jinja_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The name of every template Jinja compiles from now on in this test."""
    import jinja2

    names: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(env: jinja2.Environment, source: str, name: str | None = None, *args, **kwargs):  # type: ignore[no-untyped-def]
        names.append(name)
        return compile_template(env, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names
