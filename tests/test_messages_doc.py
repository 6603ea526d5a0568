"""The contributor guide documents every rule id the validator can emit."""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from generator.messages import MESSAGES_PATH, messages_page
from generator.project import Project
from generator.rules import RULES, Rule
from generator.stages.validate import check_project
from tests.conftest import ROOT, make_project

EXAMPLES = ROOT / "tests" / "examples" / "invalid"


RULE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# call name -> index of the positional argument that is a rule id
RULE_ARGUMENT = {"Problem": 3, "problem": 1, "Unsafe": 0, "PydanticCustomError": 0}


def _rule_literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _literals_in(tree: ast.AST) -> Iterator[str]:
    """Rule ids written as text: ``Problem(path, line, col, RULE, ...)``, ``x.problem(loc, RULE)``,
    ``Unsafe(RULE, ...)``, ``PydanticCustomError(RULE, ...)``, ``rule=RULE``, ``rule = RULE``
    (also in a tuple assignment), the strings returned by ``*_rule()`` helpers and the first
    item of the ``(rule, message, hint)`` tuples returned by ``*_problem()`` helpers."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", "")
            index = RULE_ARGUMENT.get(name)
            arg = node.args[index] if index is not None and len(node.args) > index else None
            arg = next((kw.value for kw in node.keywords if kw.arg == "rule"), arg)
            if (found := _rule_literal(arg)) is not None:
                yield found
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == "rule":
                    if (found := _rule_literal(node.value)) is not None:
                        yield found
                elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    for name, value in zip(target.elts, node.value.elts, strict=False):
                        found = _rule_literal(value)
                        if isinstance(name, ast.Name) and name.id == "rule" and found is not None:
                            yield found
        elif isinstance(node, ast.FunctionDef) and node.name.endswith("_rule"):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Return) and (found := _rule_literal(sub.value)):
                    yield found
        elif isinstance(node, ast.FunctionDef) and node.name.endswith("_problem"):
            # helpers returning ``(rule, message, hint)`` for the caller to locate
            for sub in ast.walk(node):
                if isinstance(sub, ast.Return) and isinstance(sub.value, ast.Tuple):
                    first = _rule_literal(sub.value.elts[0]) if len(sub.value.elts) == 3 else None
                    if first is not None and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", first):
                        yield first


def _members_in(tree: ast.AST) -> Iterator[str]:
    """Rules named through the registry: ``Rule.DOTTED_NUMBER``."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Rule"
        ):
            yield node.attr


def rule_uses(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Rule ids written as text, and ``Rule`` members named, in every module under ``folder``:
    each mapped to the first file that uses it."""
    literals: dict[str, str] = {}
    members: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        if path.name == "rules.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        shown = path.relative_to(folder).as_posix()
        for rule in _literals_in(tree):
            literals.setdefault(rule, shown)
        for member in _members_in(tree):
            members.setdefault(member, shown)
    return literals, members


def test_every_rule_the_validator_can_emit_is_registered() -> None:
    literals, members = rule_uses(ROOT / "generator")
    assert len(literals) + len(members) > 50  # the scan really finds the rules
    registered = {rule.value for rule in Rule}
    unregistered = {rule: where for rule, where in literals.items() if rule not in registered}
    assert not unregistered, f"rule ids not in generator/rules.py: {unregistered}"
    unknown = {name: where for name, where in members.items() if name not in Rule.__members__}
    assert not unknown, f"`Rule` members that do not exist: {unknown}"
    used = set(literals) | {Rule[name].value for name in members}
    stale = registered - used
    assert not stale, f"registered rule ids the validator never emits: {stale}"


def test_every_registered_rule_is_documented() -> None:
    assert set(RULES) == set(Rule)
    for rule, doc in RULES.items():
        assert RULE_ID.fullmatch(rule.value), rule
        assert doc.group and doc.example and doc.meaning, rule


def test_the_validator_names_rules_through_the_registry() -> None:
    """The validate stage and the schemas never write a rule id as text."""
    for folder in (ROOT / "generator" / "stages" / "validate",):
        literals, _members = rule_uses(folder)
        assert not literals, literals
    for path in (ROOT / "generator" / "schema.py", ROOT / "generator" / "stages" / "journey.py"):
        assert not set(_literals_in(ast.parse(path.read_text(encoding="utf-8")))), path


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
    wrong = {
        rule: RULES[Rule(rule)].example
        for rule in real
        if _shape(RULES[Rule(rule)].example) not in real[rule]
    }
    assert not wrong, wrong
