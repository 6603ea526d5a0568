"""MkDocs' page conversion in two processes gives the same site as one process."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from site_support import copy_project

from generator.build import generate
from generator.outputs import mkdocs_pages
from generator.project import find_project


def _mkdocs(project: Path, site: Path, *, two_processes: bool) -> None:
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cwd = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(config_file="mkdocs.yml", site_dir=str(site), strict=True)
        if two_processes:
            with mkdocs_pages.conversion(two_processes=True, min_pages=1):
                mkdocs_build.build(config)
        else:
            mkdocs_build.build(config)
    finally:
        os.chdir(cwd)


def _html(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("proyek"))
    generate(find_project(root))
    return root


def test_the_pinned_mkdocs_has_what_the_module_relies_on() -> None:
    # Fails after an MkDocs upgrade that moved the private function: the build
    # would still work, single-process, but slower.
    assert mkdocs_pages.supported()


def test_two_processes_give_byte_identical_html(project: Path, tmp_path: Path) -> None:
    _mkdocs(project, tmp_path / "satu", two_processes=False)
    _mkdocs(project, tmp_path / "dua", two_processes=True)
    one, two = _html(tmp_path / "satu"), _html(tmp_path / "dua")
    assert len(one) > 40
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_warnings_from_both_halves_fail_the_strict_build(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    # A broken link on every practice page: half of them are converted in the
    # child, whose warnings must reach the parent's strict-mode count.
    pages = sorted((project / "docs" / "katalog" / "praktik").glob("*.md"))
    originals = {page: page.read_text(encoding="utf-8") for page in pages}
    for page, text in originals.items():
        page.write_text(f"{text}\n[rusak](hilang-{page.stem}.md)\n", encoding="utf-8")
    try:
        with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
            _mkdocs(project, tmp_path / "site", two_processes=True)
    finally:
        for page, text in originals.items():
            page.write_text(text, encoding="utf-8")
    messages = "\n".join(r.getMessage() for r in caplog.records)
    assert [p.stem for p in pages if f"hilang-{p.stem}.md" not in messages] == []
