"""Compiled Jinja templates kept for the life of the process.

Jinja compiles a template the first time an environment loads it, and keeps
it in that environment only. MkDocs makes a new environment for its theme in
every build, so each build of ``replika build`` in one process (the tests,
the benchmark) and each regeneration of ``replika serve`` compiled Material's
templates again: 50 templates, 0.17 CPU-s per build of the bundled records
(an eighth of the build). Jinja's own hook for keeping compiled code, a
:class:`jinja2.BytecodeCache`, is used here in memory: an entry is reused only
when its template's source is the same (Jinja compares a checksum of the
source, so an edited template compiles again).

One cache per kind of environment: compiled code depends on the
environment's settings, and Jinja keys entries by template name and file
only. :data:`PAGE_TEMPLATES` serves :func:`generator.templating.make_environment`,
:data:`THEME_TEMPLATES` the MkDocs theme (:func:`compile_theme_once`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Compiled code by template, in memory (Jinja checks each entry against its source)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # left empty when the source has changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


PAGE_TEMPLATES = CompiledTemplates()
"""For the environments of :func:`generator.templating.make_environment`."""

THEME_TEMPLATES = CompiledTemplates()
"""For the environments MkDocs makes for its theme (all made alike by ``Theme.get_env``)."""


def with_theme_cache(env: Environment) -> Environment:
    """``env`` (a new MkDocs theme environment) reusing the process's compiled templates."""
    env.bytecode_cache = THEME_TEMPLATES
    return env


def compile_theme_once(config: Any) -> None:
    """Have the MkDocs ``config``'s theme make its environments with :data:`THEME_TEMPLATES`.

    ``Theme.get_env`` is MkDocs' public way to the theme's environment; the
    build calls it once per build. (``replika serve`` does the same through
    its hook file's ``on_env``.)
    """
    make: Callable[[], Environment] = config.theme.get_env
    config.theme.get_env = lambda: with_theme_cache(make())
