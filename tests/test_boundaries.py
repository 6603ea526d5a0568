"""Architecture rules checked mechanically (issue 17).

* Exit statuses belong to the command line: no module outside
  ``generator/cli/`` exits the process, raises ``SystemExit``, gives an error an
  exit code or has a ``main`` returning one; every error class has its row in
  the one table (``generator/cli/status.py``).
* No import circle among the ``generator`` modules, counting imports inside
  functions; nothing outside ``generator/cli/`` imports the command line.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_support import ROOT, copy_project

from generator import errors
from generator.cli import main
from generator.cli.status import EXIT_STATUS, EXIT_USAGE, exit_status

PACKAGE = ROOT / "generator"
CLI = PACKAGE / "cli"


def _modules() -> dict[str, Path]:
    """``generator.x.y`` → its file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _outside_cli() -> Iterator[tuple[str, ast.Module]]:
    for name, path in MODULES.items():
        if not path.is_relative_to(CLI):
            yield name, ast.parse(path.read_text(encoding="utf-8"), str(path))


# ----------------------------------------------------------------------------- exit statuses


def _exit_findings(name: str, tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute) and node.attr in ("exit", "exit_code", "code"):
            if node.attr == "exit" and isinstance(node.value, ast.Name) and node.value.id == "sys":
                yield f"{where}: sys.exit"
            elif node.attr == "exit_code" or (
                node.attr == "code" and isinstance(node.value, ast.Name) and node.value.id == "self"
            ):
                yield f"{where}: an exit code attribute `{node.attr}`"
        elif isinstance(node, ast.Name) and node.id in ("SystemExit", "exit_code"):
            yield f"{where}: {node.id}"
        elif isinstance(node, ast.arg) and node.arg in ("exit_code", "code"):
            yield f"{where}: parameter `{node.arg}`"
        elif isinstance(node, ast.FunctionDef) and (
            node.name == "main" or node.name.startswith("cmd_")
        ):
            yield f"{where}: a command line `{node.name}()` (it belongs in generator/cli/)"
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            numbers = [
                a for a in node.exc.args[1:] if isinstance(a, ast.Constant) and type(a.value) is int
            ]
            if numbers:
                yield f"{where}: an error raised with a number (an exit status?)"


def test_no_exit_status_outside_the_cli() -> None:
    findings = [f for name, tree in _outside_cli() for f in _exit_findings(name, tree)]
    assert not findings, "exit statuses belong in generator/cli/:\n" + "\n".join(findings)


def test_the_check_finds_what_it_looks_for() -> None:
    """The rule above catches each form it forbids (so it cannot pass by accident)."""
    source = (
        "import sys\n"
        "class E(Exception):\n"
        "    def __init__(self, m, exit_code=2):\n"
        "        self.code = exit_code\n"
        "def main():\n"
        "    raise E('x', 3)\n"
        "sys.exit(main())\n"
        "raise SystemExit(1)\n"
    )
    found = "\n".join(_exit_findings("m", ast.parse(source)))
    for expected in ("sys.exit", "SystemExit", "parameter `exit_code`", "attribute `code`"):
        assert expected in found
    assert "`main()`" in found and "raised with a number" in found


def _error_classes() -> list[type[BaseException]]:
    return [
        c
        for _n, c in inspect.getmembers(errors, inspect.isclass)
        if issubclass(c, errors.ReplikaError) and c.__module__ == errors.__name__
    ]


def test_every_error_has_an_exit_status_and_no_row_is_shadowed() -> None:
    kinds = [kind for kind, _status in EXIT_STATUS]
    for i, kind in enumerate(kinds):
        earlier = [k for k in kinds[:i] if issubclass(kind, k)]
        assert not earlier, f"{kind.__name__} comes after its base {earlier[0].__name__}"
    abstract = {errors.ReplikaError, errors.ScaffoldError}  # never raised themselves
    for cls in _error_classes():
        if cls not in abstract:
            assert any(issubclass(cls, k) for k in kinds), f"{cls.__name__} has no exit status"


def test_exit_statuses_of_the_errors() -> None:
    """The statuses the CLI tests assert, in one place (README: 0, 1, 2, 3)."""
    expected = {
        errors.InvalidContent: 1,
        errors.BuildError: 1,
        errors.BriefTooLong: 1,
        errors.RecordExists: 1,
        errors.UnusableContent: 1,
        errors.UsageError: 2,
        errors.ProjectNotFound: 2,
        errors.NotOurs: 2,
        errors.ExportError: 2,
        errors.MissingInput: 2,
        errors.BadRequest: 2,
        errors.RegistrySourceError: 2,
        errors.OutputError: 3,
        errors.PdfError: 3,
        errors.OfflineError: 3,
        errors.BrokenTemplate: 3,
    }
    for cls, status in expected.items():
        err = cls.__new__(cls)
        assert exit_status(err) == status, cls.__name__
    assert exit_status(EOFError()) == 2
    assert exit_status(KeyboardInterrupt()) == 130
    assert exit_status(RuntimeError("bug")) == 3


def test_foreign_open_data_stops_the_build_with_a_usage_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-made ``docs/data/practices.json`` is in the way of the open data: exit 2 (was 3
    through ``replika build`` and 2 through ``replika export``; now 2 like a foreign PDF).

    The build says so before writing anything, naming the file under ``docs/`` (it named
    a temporary copy in ``.cache/`` after building the whole site)."""
    project = copy_project(tmp_path / "p")
    (project / "docs" / "data").mkdir()
    (project / "docs" / "data" / "practices.json").write_text('{"punya": "saya"}\n', "utf-8")
    status = main(["--proyek", str(project), "build", "--tanpa-pdf"])
    err = capsys.readouterr().err
    assert status == EXIT_USAGE, err
    assert "`docs/data/practices.json` sudah ada dan bukan hasil `replika export`" in err
    assert "`site/` tidak diubah" in err and ".cache" not in err
    assert "Traceback" not in err
    assert not (project / "site").exists()
    assert not (project / "docs" / "katalog").exists()  # nothing written


def test_foreign_pdf_in_docs_stops_the_build_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-made PDF where the build writes a brief: refused at once, named under docs/."""
    project = copy_project(tmp_path / "p")
    foreign = project / "docs" / "unduh" / "praktik" / "l2t2-kendari.pdf"
    foreign.parent.mkdir(parents=True)
    foreign.write_bytes(b"%PDF-1.4 punya saya")
    status = main(["--proyek", str(project), "build"])
    err = capsys.readouterr().err
    assert status == EXIT_USAGE, err
    assert "`docs/unduh/praktik/l2t2-kendari.pdf` sudah ada dan bukan PDF buatan Replika" in err
    assert "Traceback" not in err
    assert foreign.read_bytes() == b"%PDF-1.4 punya saya"
    assert not (project / "site").exists()
    assert not (project / "docs" / "katalog").exists()
    # Without PDFs nothing is written there, and MkDocs publishes the file as it is.
    assert main(["--proyek", str(project), "build", "--tanpa-pdf"]) == 0
    published = project / "site" / "unduh" / "praktik" / "l2t2-kendari.pdf"
    assert published.read_bytes() == b"%PDF-1.4 punya saya"


# ----------------------------------------------------------------------------- imports


class _Imports(ast.NodeVisitor):
    """Every ``generator`` module a module imports, at any depth (functions too).

    Skipped: ``if TYPE_CHECKING:`` blocks (never run) and ``if __name__ ==
    "__main__":`` blocks (a module run as a script is not imported by anyone:
    ``python3 -m generator.wilayah`` hands over to the command line there).
    """

    def __init__(self, module: str, is_package: bool) -> None:
        self.package = module if is_package else module.rpartition(".")[0]
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        test = ast.unparse(node.test)
        if test in ("TYPE_CHECKING", "typing.TYPE_CHECKING") or "__main__" in test:
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            parts = self.package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
        for alias in node.names:
            self._add(f"{base}.{alias.name}")  # a submodule, or a name in `base`

    def _add(self, name: str) -> None:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name:
            self.found.add(name)


def _import_graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        visitor = _Imports(name, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        graph[name] = visitor.found - {name}  # `serve` imports itself as MkDocs' hook
    return graph


def _circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The modules of each circle: the strongly connected components of two or more."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[frozenset[str]] = []

    def visit(v: str) -> None:  # Tarjan; the graph has ~60 nodes, recursion is fine
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return components


def _path_through(graph: dict[str, set[str]], component: frozenset[str]) -> list[str]:
    """A shortest cycle from the component's first module back to itself."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v] & component):
            if w == start:
                return [*paths[v], start]
            if w not in paths:
                paths[w] = [*paths[v], w]
                queue.append(w)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover


def test_no_import_circle() -> None:
    graph = _import_graph()
    components = _circles(graph)
    found = [" → ".join(_path_through(graph, c)) for c in components]
    assert not found, "import circle:\n" + "\n".join(found)


def test_the_circle_check_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c", "a"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [frozenset("abc")]
    assert _path_through(graph, frozenset("abc")) == ["a", "b", "a"]


def test_nothing_imports_the_cli() -> None:
    graph = _import_graph()
    users = sorted(
        f"{name} imports {m}"
        for name, deps in graph.items()
        if not MODULES[name].is_relative_to(CLI) and not name.endswith(".__main__")
        for m in deps
        if m == "generator.cli" or m.startswith("generator.cli.")
    )
    assert not users, "only `__main__` entry points may import the command line:\n" + "\n".join(
        users
    )
