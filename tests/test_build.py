"""The orchestrator's list of outputs (``generator/build.py``), without building anything."""

from __future__ import annotations

from pathlib import Path

from site_support import ROOT

from generator.build import Build
from generator.forked import Beside
from generator.project import find_project
from generator.stages.model import build_catalogue
from generator.stages.validate import check_project


def test_outputs_run_from_one_list_in_order() -> None:
    project = find_project(ROOT)
    catalogue = build_catalogue(check_project(project), project)
    index: Beside[dict[str, bytes]] = Beside(dict, parallel=False)
    full = [o.name for o in Build(project, pdf=True).outputs(catalogue, index)]
    assert full == ["halaman situs", "data terbuka", "PDF", "indeks pencarian", "salinan luring"]
    # --tanpa-pdf: no PDFs, and no offline copy (it carries the PDFs)
    light = [o.name for o in Build(project, pdf=False).outputs(catalogue, index)]
    assert light == ["halaman situs", "data terbuka", "indeks pencarian"]
    assert all(callable(o.write) for o in Build(project, pdf=True).outputs(catalogue, index))


def test_leftovers_of_a_killed_write_are_ours_and_the_rest_is_atomic(tmp_path: Path) -> None:
    """A page or manifest half-written by a killed run is recognised and removed, not refused."""
    from generator.outputs.site import MANIFEST_NAME, TMP_SUFFIX, read_manifest, write_generated
    from generator.stages.render import Page
    from tests.conftest import make_project

    project = find_project(make_project(tmp_path / "p"))
    area = project.docs_dir / "katalog"
    first = write_generated(project, [Page("katalog/a.md", "satu"), Page("katalog/b/c.md", "dua")])
    assert sorted(first.written) == ["a.md", "b/c.md"]
    (area / f".a.md{TMP_SUFFIX}").write_text("setengah", encoding="utf-8")
    (area / f".{MANIFEST_NAME}{TMP_SUFFIX}").write_text("{", encoding="utf-8")
    second = write_generated(project, [Page("katalog/a.md", "satu lagi")])
    assert second.written == ["a.md"] and second.removed == ["b/c.md"]
    assert sorted(p.name for p in area.rglob("*")) == sorted([MANIFEST_NAME, "a.md"])
    assert set(read_manifest(area)) == {"a.md"}
