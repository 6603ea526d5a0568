"""Time the in-process pipeline stages of one project; print JSON on stdout.

Run in a fresh interpreter per measurement (``python bench/stages.py PROJECT``)
so that no stage profits from caches warmed by an earlier run. Stages that do
not exist yet in this checkout are reported as ``null``.

* ``import``: importing the validation modules (pydantic model build included);
* ``load``: reading and composing every record (``generator.stages.load.load_file``);
* ``validate``: ``check_project`` (load again + schema + cross-record checks);
* ``catalogue``: ``build_catalogue`` (indexes, last-changed dates);
* ``render``: ``render_site`` (Jinja → Markdown strings, in memory, not written).
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any


def _clock() -> float:
    return time.perf_counter()


def main(argv: list[str]) -> int:
    root = Path(argv[0]).resolve()
    out: dict[str, Any] = {}
    started = _clock()
    from generator.project import find_project
    from generator.stages.load import load_file
    from generator.stages.validate import check_project
    from generator.stages.validate.files import record_paths

    out["import"] = _clock() - started
    project = find_project(root)

    started = _clock()
    paths, _stray = record_paths(project)
    for path in paths:
        load_file(path, project.display(path))
    out["load"] = _clock() - started

    started = _clock()
    checked = check_project(project)
    out["validate"] = _clock() - started
    out["records"] = len(checked.practices)
    out["problems"] = len(checked.problems)
    if checked.problems:
        print(json.dumps(out))
        return 1

    out["catalogue"] = out["render"] = None
    try:
        model = importlib.import_module("generator.stages.model")
    except ImportError:
        print(json.dumps(out))
        return 0
    started = _clock()
    catalogue = model.build_catalogue(checked, project)
    out["catalogue"] = _clock() - started

    try:
        render = importlib.import_module("generator.stages.render")
    except ImportError:
        render = None
    if render is not None and hasattr(render, "render_site"):
        started = _clock()
        try:
            pages = render.render_site(catalogue)
        except Exception as err:  # a stage still under construction
            out["render_error"] = f"{type(err).__name__}: {err}"
        else:
            out["render"] = _clock() - started
            out["pages"] = len(pages)
            out["markdown_bytes"] = sum(len(p.content.encode("utf-8")) for p in pages)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
