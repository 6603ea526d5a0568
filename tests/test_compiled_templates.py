"""Templates are compiled once per process, and again when their source changes.

Cheap checks of the mechanism; that ``replika build`` uses it is checked on the
builds of ``test_site.py::test_no_op_rebuild_rewrites_nothing_and_removed_record_disappears``.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from site_support import ROOT, copy_project

from generator.compiled_templates import PAGE_TEMPLATES, THEME_TEMPLATES, compile_theme_once
from generator.templating import make_environment


def theme_environment(project: Path) -> jinja2.Environment:
    """What an MkDocs build of ``project`` renders its pages with."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"))
    compile_theme_once(config)
    return config.theme.get_env()


def test_each_build_s_theme_environment_reuses_the_compiled_templates(
    jinja_compiles: list[str | None],
) -> None:
    THEME_TEMPLATES.clear()
    theme_environment(ROOT).get_template("main.html")
    assert jinja_compiles == ["main.html"]
    jinja_compiles.clear()
    theme_environment(ROOT).get_template("main.html")  # the next build's new environment
    assert jinja_compiles == []


def test_an_edited_theme_template_is_compiled_again(
    jinja_compiles: list[str | None], tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "p")
    theme_environment(project).get_template("main.html")
    override = project / "overrides" / "main.html"
    marker = '<meta name="replika-uji" content="templat-baru">'
    text = override.read_text(encoding="utf-8")
    override.write_text(text.replace("{% block extrahead %}", "{% block extrahead %}" + marker))
    jinja_compiles.clear()
    template = theme_environment(project).get_template("main.html")
    assert jinja_compiles == ["main.html"]
    assert template.filename == str(override)


def test_page_environments_reuse_the_compiled_templates(jinja_compiles: list[str | None]) -> None:
    PAGE_TEMPLATES.clear()
    make_environment().get_template("praktik.md.j2")
    assert jinja_compiles
    jinja_compiles.clear()
    make_environment().get_template("praktik.md.j2")
    assert jinja_compiles == []
