"""``replika serve``: a local preview that follows edits to records and templates.

MkDocs' own live-reload server watches ``docs/``, ``mkdocs.yml`` and the theme
overrides. This module adds a watcher on ``practices/`` and the page templates:
on a change it validates and regenerates the Markdown (only changed files are
written), which the MkDocs server picks up. With ``dirty`` reloads (the
default) MkDocs rebuilds only the pages whose Markdown changed, so an edit
shows in the browser within a few seconds even with 1,000 records. Invalid
records are reported in the terminal and on every preview page (a banner
that polls the status file), and the last good pages stay.

The preview itself (caches, serialised regenerations, search index and
downloads in the background) is a :class:`generator.preview.Preview`; MkDocs
reaches it through its hook file ``generator/serve_hook.py``. This module
starts the two servers: the watcher and MkDocs' live-reload server.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from generator.preview import Preview, Trigger, attach
from generator.project import Project
from generator.report import output_format, report


def _watch(paths: list[Path], action: Any) -> Any:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    trigger = Trigger(action)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            name = os.path.basename(str(event.src_path))
            if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
                return
            trigger()

    observer = Observer()
    for path in paths:
        if path.is_dir():
            observer.schedule(Handler(), str(path), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def _show_mkdocs_log() -> None:
    """MkDocs' messages (build times, warnings) in the terminal, as ``mkdocs serve`` shows."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    # Dirty reloads are our choice (see the module docstring); MkDocs warns on each.
    handler.addFilter(lambda record: "'dirty' build" not in record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve(
    project: Project,
    *,
    address: str = "127.0.0.1:8000",
    full: bool = False,
    downloads: bool = True,
) -> int:
    """Generate once, then run MkDocs' live-reload server with our watcher beside it.

    ``downloads=False`` (``--tanpa-pdf``) makes no download files in the
    background: a quicker preview on a slow computer; the links then say so.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    preview = Preview(
        project,
        report=lambda problems: report(problems, output_format(None)),
        downloads=downloads,
    )
    if not preview.regenerate():
        print("replika serve: perbaiki catatan di atas lalu jalankan lagi.", file=sys.stderr)
        return 1
    _show_mkdocs_log()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    os.chdir(project.root)  # like `mkdocs serve`; snippets paths are relative to it
    attach(preview)
    templates = Path(__file__).parent / "templates"
    observer = _watch([project.practices_dir, templates], preview.regenerate)
    overrides = project.root / "overrides"
    host, _, port = address.rpartition(":")
    print(
        f"replika serve: pratinjau di http://{host}:{port}/ (Ctrl+C untuk berhenti)",
        file=sys.stderr,
    )
    try:
        mkdocs_serve(
            config_file=str(project.config_file),
            livereload=True,
            build_type=None if full else "dirty",
            watch=[str(overrides)] if overrides.is_dir() else [],
            dev_addr=address,
            strict=False,
            hooks=[str(Path(__file__).with_name("serve_hook.py").resolve())],
        )
    except OSError as err:
        print(
            f"replika serve: tidak dapat melayani di {address}: {err.strerror or err}",
            file=sys.stderr,
        )
        print(
            "Pakai alamat lain, misalnya `replika serve --alamat 127.0.0.1:8001`.", file=sys.stderr
        )
        return 2
    finally:
        observer.stop()
        attach(None)
    return 0
