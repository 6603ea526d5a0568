"""MkDocs hook file of ``replika serve`` (passed as ``hooks:`` by ``generator/serve.py``).

MkDocs loads this file by its path, as a module of its own; it forwards
MkDocs' events to the preview that is running (:func:`generator.preview.running`),
which owns all the state, and has each regeneration's theme environment reuse
the templates compiled before (``compiled_templates.py``). Outside ``replika
serve`` (no preview running) the forwarded events do nothing.
"""

from __future__ import annotations

from typing import Any

from generator.compiled_templates import with_theme_cache
from generator.preview import running


def on_serve(server: Any, config: Any, builder: Any, **_kwargs: Any) -> Any:
    preview = running()
    return server if preview is None else preview.on_serve(server)


def on_env(env: Any, config: Any, files: Any, **_kwargs: Any) -> Any:
    """Each regeneration's new theme environment reuses the templates compiled before."""
    return with_theme_cache(env)


def on_pre_build(config: Any, **_kwargs: Any) -> None:
    preview = running()
    if preview is not None:
        preview.on_pre_build(config)


def on_post_page(output: str, page: Any, config: Any, **_kwargs: Any) -> str:
    preview = running()
    return output if preview is None else preview.on_post_page(output, page)


def on_post_build(config: Any, **_kwargs: Any) -> None:
    preview = running()
    if preview is not None:
        preview.on_post_build(config)
