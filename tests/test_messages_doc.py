"""The contributor guide documents every rule id the validator can emit."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from generator.messages import MESSAGES_PATH, RULES, messages_page
from generator.project import Project
from generator.stages.validate import check_project
from tests.conftest import ROOT, make_project

EXAMPLES = ROOT / "tests" / "examples" / "invalid"


def emitted_rules(folder: Path) -> dict[str, str]:
    """Rule ids in the source: ``Problem(path, line, col, RULE, ...)``, ``x.problem(loc, RULE)``,
    the strings returned by ``*_rule()`` helpers and the first item of the
    ``(rule, message, hint)`` tuples returned by ``*_problem()`` helpers."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = getattr(func, "id", None) or getattr(func, "attr", "")
                arg = None
                if name == "Problem" and len(node.args) >= 4:
                    arg = node.args[3]
                elif name == "problem" and len(node.args) >= 2:
                    arg = node.args[1]
                arg = next((kw.value for kw in node.keywords if kw.arg == "rule"), arg)
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, path.name)
            elif isinstance(node, ast.FunctionDef) and node.name.endswith("_rule"):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Return) and isinstance(sub.value, ast.Constant):
                        found.setdefault(str(sub.value.value), path.name)
            elif isinstance(node, ast.FunctionDef) and node.name.endswith("_problem"):
                # helpers returning ``(rule, message, hint)`` for the caller to locate
                for sub in ast.walk(node):
                    if (
                        isinstance(sub, ast.Return)
                        and isinstance(sub.value, ast.Tuple)
                        and len(sub.value.elts) == 3
                        and isinstance(sub.value.elts[0], ast.Constant)
                        and isinstance(sub.value.elts[0].value, str)
                        and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", sub.value.elts[0].value)
                    ):
                        found.setdefault(sub.value.elts[0].value, path.name)
    return found


def test_every_rule_the_validator_can_emit_is_documented() -> None:
    rules = emitted_rules(ROOT / "generator")
    assert len(rules) > 30  # the scan really finds the rules
    missing = {rule: where for rule, where in rules.items() if rule not in RULES}
    assert not missing, f"rule ids without a row in generator/messages.py: {missing}"
    stale = set(RULES) - set(rules)
    assert not stale, f"documented rule ids the validator never emits: {stale}"


def test_the_guide_page_lists_every_rule_and_is_current() -> None:
    page = (ROOT / MESSAGES_PATH).read_text(encoding="utf-8")
    assert page == messages_page(), "run `replika schema`"
    for rule in RULES:
        assert f"| `{rule}` |" in page
    guide = (ROOT / "docs" / "kontribusi" / "index.md").read_text(encoding="utf-8")
    assert "pesan.md" in guide


def test_rules_met_in_the_examples_are_documented(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    for case in sorted(EXAMPLES.iterdir()):
        for path in sorted(case.glob("*.yaml")) if case.is_dir() else [case]:
            shutil.copy(path, root / "practices" / path.name)
    checked = check_project(Project(root))
    seen = {p.rule for p in checked.problems}
    assert len(seen) > 15
    assert seen <= set(RULES), seen - set(RULES)


def _shape(message: str) -> str:
    """A message without its particulars: quoted values, numbers, file names."""
    message = re.sub(r"`+[^`]*`+", "X", message)
    message = re.sub(r"practices/\S+\.yaml", "P", message)
    return re.sub(r"\d+", "N", message).strip()


def test_documented_examples_are_real_messages(tmp_path: Path) -> None:
    """Each documented example has the shape of a message the examples really produce."""
    root = make_project(tmp_path / "proyek")
    for case in sorted(EXAMPLES.iterdir()):
        for path in sorted(case.glob("*.yaml")) if case.is_dir() else [case]:
            shutil.copy(path, root / "practices" / path.name)
    real: dict[str, set[str]] = {}
    for problem in check_project(Project(root)).problems:
        real.setdefault(problem.rule, set()).add(_shape(problem.message))
    wrong = {rule: RULES[rule][1] for rule in real if _shape(RULES[rule][1]) not in real[rule]}
    assert not wrong, wrong
