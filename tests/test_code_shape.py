"""Size limits of issue 17: no module over 600 lines, no function over 80.

Checked with ``ast`` over every module of ``generator/`` (all sub-packages)
and ``bench/``: a module or function that grows past the limit is a sign it
does two jobs; split it where the jobs part.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("bench", "generator")
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80

MODULES = sorted(
    path
    for folder in CHECKED
    for path in (ROOT / folder).rglob("*.py")
    if "__pycache__" not in path.parts
)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_every_checked_folder_and_package_is_found() -> None:
    found = {path.relative_to(ROOT).as_posix() for path in MODULES}
    for expected in (
        "bench/run.py",
        "generator/cli/__init__.py",
        "generator/stages/validate/__init__.py",
        "generator/stages/load/__init__.py",
        "generator/outputs/pdf/__init__.py",
        "generator/scaffold/wizard.py",
    ):
        assert expected in found


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_is_at_most_600_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)}: {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_every_function_is_at_most_80_lines(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    too_long = [
        f"{node.name} (line {node.lineno}): {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not too_long, f"{_name(path)}: " + "; ".join(too_long)
