"""The orchestrator's list of outputs (``generator/build.py``), without building anything."""

from __future__ import annotations

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
