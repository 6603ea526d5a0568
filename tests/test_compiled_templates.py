"""Templates are compiled once per process, and again when their source changes.

Cheap checks of the mechanism; that ``replika build`` uses it is checked on the
builds of ``test_site.py::test_no_op_rebuild_rewrites_nothing_and_removed_record_disappears``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from site_support import ROOT, copy_project

from generator.compiled_templates import PAGE_TEMPLATES, THEME_TEMPLATES, compile_theme_once
from generator.templating import make_environment


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    """The name of every template Jinja compiles meanwhile."""
    names: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args, **kwargs):  # type: ignore[no-untyped-def]
        names.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    yield names


def theme_environment(project: Path) -> jinja2.Environment:
    """What an MkDocs build of ``project`` renders its pages with."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"))
    compile_theme_once(config)
    return config.theme.get_env()


def test_each_build_s_theme_environment_reuses_the_compiled_templates(
    compiled: list[str | None],
) -> None:
    THEME_TEMPLATES.clear()
    theme_environment(ROOT).get_template("main.html")
    assert compiled == ["main.html"]
    compiled.clear()
    theme_environment(ROOT).get_template("main.html")  # the next build's new environment
    assert compiled == []


def test_an_edited_theme_template_is_compiled_again(
    compiled: list[str | None], tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "p")
    theme_environment(project).get_template("main.html")
    override = project / "overrides" / "main.html"
    marker = '<meta name="replika-uji" content="templat-baru">'
    text = override.read_text(encoding="utf-8")
    override.write_text(text.replace("{% block extrahead %}", "{% block extrahead %}" + marker))
    compiled.clear()
    template = theme_environment(project).get_template("main.html")
    assert compiled == ["main.html"]
    assert template.filename == str(override)


def test_page_environments_reuse_the_compiled_templates(compiled: list[str | None]) -> None:
    PAGE_TEMPLATES.clear()
    make_environment().get_template("praktik.md.j2")
    assert compiled
    compiled.clear()
    make_environment().get_template("praktik.md.j2")
    assert compiled == []
