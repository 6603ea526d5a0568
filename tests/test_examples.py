"""Positive and negative example records, discovered automatically.

Every file in ``tests/examples/valid/`` must validate. Every entry in
``tests/examples/invalid/`` (a file, or a folder of files checked together)
declares what it must produce with header lines ``# expect: RULE LINE:COL``;
validation must report exactly those problems (rule and place), no more.

Learning journeys: a case folder may hold a subfolder ``pembelajaran/``; its
files are copied to ``practices/pembelajaran/`` (the journey folder) and the
other files of the case to ``practices/`` as usual.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.project import Project
from generator.stages.validate import check_project
from tests.conftest import make_project

EXAMPLES = Path(__file__).parent / "examples"
EXPECT = re.compile(rb"^# expect: ([a-z0-9-]+) (\d+):(\d+)\s*$", re.MULTILINE)


def _cases(kind: str) -> list[Path]:
    return sorted((EXAMPLES / kind).iterdir())


def _files(case: Path) -> list[Path]:
    if not case.is_dir():
        return [case]
    return sorted(case.glob("*.yaml")) + sorted(case.glob("pembelajaran/*.yaml"))


def _copy(path: Path, root: Path) -> None:
    """Copy an example into the project: journeys into ``practices/pembelajaran/``."""
    target = root / "practices"
    if path.parent.name == "pembelajaran":
        target = target / "pembelajaran"
        target.mkdir(exist_ok=True)
    shutil.copy(path, target / path.name)


def _run(case: Path, tmp_path: Path) -> tuple[set[tuple[str, str, int, int]], Project]:
    root = make_project(tmp_path / "proyek")
    for path in _files(case):
        _copy(path, root)
    project = Project(root)
    checked = check_project(project)
    found = {(Path(p.path).name, p.rule, p.line, p.col) for p in checked.problems}
    return found, project


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.name)
def test_valid_example(case: Path, tmp_path: Path) -> None:
    found, _ = _run(case, tmp_path)
    assert found == set()


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.name)
def test_invalid_example(case: Path, tmp_path: Path) -> None:
    expected = {
        (path.name, m[1].decode(), int(m[2]), int(m[3]))
        for path in _files(case)
        for m in EXPECT.finditer(path.read_bytes())
    }
    assert expected, f"{case.name} declares no `# expect:` line"
    found, _ = _run(case, tmp_path)
    assert found == expected


def test_every_problem_has_message_and_field_or_position(tmp_path: Path) -> None:
    """All invalid examples together, in one run: each problem is complete."""
    root = make_project(tmp_path / "proyek")
    for case in _cases("invalid"):
        for path in _files(case):
            _copy(path, root)
    checked = check_project(Project(root))
    files_with_problems = {Path(p.path).name for p in checked.problems}
    all_files = {p.name for case in _cases("invalid") for p in _files(case)}
    # judul-ganda-1 and id-ganda-a are the innocent first halves of a pair; the
    # practices of journey cases (pb-*) are valid, only their journeys are not.
    innocent = {"judul-ganda-1.yaml", "id-ganda-a.yaml"}
    assert {n for n in all_files - files_with_problems if not n.startswith("pb-")} <= innocent
    for problem in checked.problems:
        assert problem.message and problem.line >= 1 and problem.col >= 1
        assert problem.path.startswith("practices/")
