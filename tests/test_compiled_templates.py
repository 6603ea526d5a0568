"""Templates are compiled once per process, and again when their source changes."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from site_support import copy_built, replika


def _edit_record(project: Path, mark: str) -> None:
    record = project / "practices" / "l2t2-kendari.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nringkasan: ", f"\nringkasan: {mark}. ", 1), "utf-8")


def test_builds_in_one_process_compile_each_template_once(
    site_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return compile_template(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    project = copy_built(site_build, tmp_path / "p")
    _edit_record(project, "Pertama")
    assert replika(project, "build", "--tanpa-pdf").returncode == 0
    compiled.clear()  # this process may not have built before: the first build compiles

    _edit_record(project, "Kedua")
    second = replika(project, "build", "--tanpa-pdf")
    assert second.returncode == 0, second.stderr
    assert "situs dibangun" in second.stdout
    assert compiled == []  # neither the page templates nor the MkDocs theme's
    page = project / "site" / "katalog" / "praktik" / "l2t2-kendari" / "index.html"
    assert "Kedua." in page.read_text(encoding="utf-8")

    # an edited theme override compiles again, and the site shows the edit
    override = project / "overrides" / "main.html"
    text = override.read_text(encoding="utf-8")
    marker = '<meta name="replika-uji" content="templat-baru">'
    override.write_text(
        text.replace("{% block extrahead %}", "{% block extrahead %}" + marker), "utf-8"
    )
    third = replika(project, "build", "--tanpa-pdf")
    assert third.returncode == 0, third.stderr
    assert compiled == ["main.html"]
    assert marker in page.read_text(encoding="utf-8")
