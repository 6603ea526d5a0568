"""Every message a contributor can meet is Indonesian, located, and one per mistake.

* A generated test feeds the schema a wrong value of every kind at every field
  and checks that each pydantic error kind it raises becomes Indonesian text.
* A property-style test mutates the real records (indentation, deleted and
  duplicated keys, retyped values, truncation, broken bytes; a few hundred
  seeded cases) and runs ``replika validate`` on each: exit 1, a
  ``file:line:col`` in the file, Indonesian only, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError
from site_support import load_yaml

from generator.cli import main
from generator.schema import Practice
from generator.stages.load import LoadedFile, load_file
from generator.stages.validate.schema_errors import nested_model, schema_problems
from tests.conftest import ROOT, make_project

RECORDS = sorted(p for p in (ROOT / "practices").glob("*.yaml") if not p.name.startswith("_"))

# Words of the parser's and pydantic's English that have no place in a message.
# Backticked spans (field names, values as written) are removed before the check.
_ENGLISH = re.compile(
    r"\b(value|values|should|input|must|field|required|invalid|expected|found|string|"
    r"integer|items?|least|most|after|validation|not|allowed|while|scanning|parsing|could|did|"
    r"find|character|token|mapping|block|error|type|the|have|be|is|are|of|at|or|and|with|"
    r"unexpected|document|indicator|key|stream|end|start|alias|literal|extra|forbidden|"
    r"permitted|greater|less|than|equal|input_value|unable|parse|number|none)\b",
    re.IGNORECASE,
)


def english_words(text: str) -> list[str]:
    """English words in ``text`` outside backticks and «quotes»."""
    bare = re.sub(r"`+[^`]*`+", " ", text)
    return _ENGLISH.findall(bare)


# ----------------------------------------------------------------------------- pydantic kinds

_BAD_VALUES: list[Any] = [
    None,
    "",
    "   ",
    "x",
    "x" * 400,
    "bukan-pilihan",
    "https//salah",
    "2020-13",
    "22-04-2018",
    "Bukan Id",
    "1.250",
    -5,
    0,
    3,
    10**7,
    1.5,
    True,
    [],
    ["x"],
    [None],
    [{"x": 1}],
    ["x"] * 200,
    {},
    {"x": 1},
]


def _valid_record() -> dict[str, Any]:
    loaded = load_file(RECORDS[0])
    assert loaded.data is not None and not loaded.problems
    return loaded.data


def _paths(model: type[BaseModel], data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple]:
    """Every field path of ``model`` (nested models and first list items included)."""
    out = []
    for info in model.model_fields.values():
        alias = info.alias
        path = (*prefix, alias)
        out.append(path)
        nested = nested_model(info.annotation)
        value = data.get(alias) if isinstance(data, dict) else None
        if nested is None:
            continue
        if isinstance(value, list) and value:
            out.extend(_paths(nested, value[0], (*path, 0)))
        elif isinstance(value, dict):
            out.extend(_paths(nested, value, path))
        else:
            out.extend(_paths(nested, {}, path))
    return out


def _set(data: Any, path: tuple, value: Any) -> Any:
    """A copy of ``data`` with ``path`` set to ``value`` (missing parents created)."""
    import copy

    root = copy.deepcopy(data)
    node = root
    for part in path[:-1]:
        if isinstance(part, int):
            if not isinstance(node, list) or not node:
                return None
            node = node[part]
        else:
            if not isinstance(node.get(part), dict | list):
                node[part] = {}
            node = node[part]
    if not isinstance(node, dict):
        return None
    node[path[-1]] = value
    return root


def _mutations() -> list[tuple[tuple, Any, dict[str, Any]]]:
    base = _valid_record()
    out = []
    for path in _paths(Practice, base):
        for value in _BAD_VALUES:
            mutated = _set(base, path, value)
            if mutated is not None:
                out.append((path, value, mutated))
        deleted = _set(base, path, None)
        if deleted is not None:
            parent = deleted
            for part in path[:-1]:
                parent = parent[part]
            parent.pop(path[-1], None)
            out.append((path, "<hapus>", deleted))
    out.append((("kolom_baru",), "x", {**base, "kolom_baru": "x"}))
    return out


def test_every_pydantic_error_kind_the_schema_raises_is_indonesian() -> None:
    kinds: dict[str, str] = {}
    checked = 0
    for path, value, data in _mutations():
        try:
            Practice.model_validate(data)
            continue
        except ValidationError as err:
            loaded = LoadedFile(path=Path("practices/contoh.yaml"), display="contoh.yaml")
            loaded.data = data
            problems = schema_problems(err, loaded, Practice)
            for error in err.errors(include_url=False):
                kinds.setdefault(error["type"], f"{path} = {value!r}")
        assert problems, (path, value)
        for problem in problems:
            checked += 1
            text = f"{problem.message} {problem.hint}"
            assert not english_words(text), (path, value, text)
            assert "None" not in text.replace("`None`", ""), (path, value, text)
            assert problem.rule != "invalid-value" or "tidak bisa dipakai" not in text, (
                f"pydantic kind without its own message: {path} = {value!r}: {text}"
            )
    # The generator really reaches the kinds the schema can raise.
    assert {"missing", "extra_forbidden", "literal_error", "string_type", "too_long"} <= set(
        kinds
    ), kinds
    assert {"too_short", "greater_than_equal", "int_type", "list_type"} <= set(kinds), kinds
    # The schema's own validators raise their rule id (PydanticCustomError), never a bare
    # ValueError whose rule would have to be guessed from the message.
    assert {"bad-date", "bad-id", "bad-url", "dotted-number"} <= set(kinds), kinds
    assert "value_error" not in kinds, kinds
    assert checked > 500


# ----------------------------------------------------------------------------- mutated records

_KEY = re.compile(r"^( *)(?:- )?([a-z_]+):( .*)?$")
_LINE_COL = re.compile(r"^(practices/[\w.-]+\.yaml):(\d+):(\d+): \[([a-z0-9-]+)\] (.*)$", re.M)
_REQUIRED = [f.alias for f in Practice.model_fields.values() if f.is_required()]


def _top_keys(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]


def _mutate(text: str, rng: random.Random) -> tuple[str, bytes]:
    """One mutation that certainly makes the record invalid, and its description."""
    lines = text.split("\n")
    keyed = [i for i, line in enumerate(lines) if _KEY.match(line)]
    kind = rng.choice(["indent", "dedent", "delete", "duplicate", "retype", "truncate", "bytes"])
    if kind == "indent":
        i = rng.choice([k for k in keyed if k > 0])
        lines[i] = " " * rng.choice([1, 3]) + lines[i]
    elif kind == "dedent":
        nested = [k for k in keyed if lines[k].startswith("  ")]
        i = rng.choice(nested)
        lines[i] = lines[i][1:]
    elif kind == "delete":
        required = [i for i in _top_keys(lines) if lines[i].split(":")[0] in _REQUIRED]
        i = rng.choice(required)
        end = i + 1
        while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
            end += 1
        del lines[i:end]
    elif kind == "duplicate":
        i = rng.choice([k for k in keyed if (_KEY.match(lines[k]) or [None])[3]])
        indent = _KEY.match(lines[i])[1]
        copy = lines[i]
        if copy.lstrip().startswith("- "):
            copy = indent + "  " + copy.lstrip()[2:]
        lines.insert(i + 1, copy)
    elif kind == "retype":
        scalars = [
            i
            for i in _top_keys(lines)
            if re.match(r"^[a-z_]+: \S", lines[i]) and lines[i].split(":")[0] in _REQUIRED
        ]
        i = rng.choice(scalars)
        key = lines[i].split(":")[0]
        lines[i] = f"{key}: {rng.choice(['{a: 1}', '[]', '[[1]]'])}"
    elif kind == "truncate":
        last_required = max(i for i in _top_keys(lines) if lines[i].split(":")[0] in _REQUIRED)
        cut = rng.randrange(1, last_required)
        lines = lines[:cut]
        if rng.random() < 0.5 and lines[-1]:
            lines[-1] = lines[-1][: rng.randrange(len(lines[-1]))]
    else:  # broken bytes: a byte that is never UTF-8, somewhere
        raw = text.encode("utf-8")
        at = rng.randrange(len(raw))
        return "bytes", raw[:at] + bytes([rng.choice([0xFF, 0xFE, 0xC0])]) + raw[at + 1 :]
    return kind, "\n".join(lines).encode("utf-8")


def _cases(count: int, seed: int = 20261130) -> list[tuple[str, str, bytes]]:
    rng = random.Random(seed)
    texts = {p.name: p.read_text(encoding="utf-8") for p in RECORDS}
    out = []
    while len(out) < count:
        name = rng.choice(sorted(texts))
        kind, raw = _mutate(texts[name], rng)
        if kind in ("indent", "dedent") and _same_meaning(texts[name], raw):
            continue  # e.g. a line inside a block text indented further: no mistake made
        out.append((f"{len(out):03d}-{kind}", name, raw))
    return out


def _same_meaning(original: str, raw: bytes) -> bool:
    """Whether the mutated bytes still read as a record of the same shape.

    Indenting a line inside a block text by one space only changes how the
    text folds: the record is still correct, so it is no mistake to report.
    """
    try:
        return _shape(load_yaml(raw.decode("utf-8"))) == _shape(load_yaml(original))
    except (yaml.YAMLError, UnicodeDecodeError):
        return False


def _shape(value: Any) -> Any:
    """The structure of a parsed record with every text replaced by one marker."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return "teks" if isinstance(value, str) else value


@pytest.fixture(scope="module")
def one_record_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project where the other records exist (as stubs, so references resolve)."""
    root = make_project(tmp_path_factory.mktemp("mutasi") / "proyek")
    for record in RECORDS:
        (root / "practices" / record.name).write_text(f"id: {record.stem}\n", encoding="utf-8")
    return root


def _validate(project: Path, name: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-C", str(project), "validate", str(project / "practices" / name)])
    return code, out.getvalue() + err.getvalue()


def test_mutated_records_get_located_indonesian_messages(one_record_project: Path) -> None:
    practices = one_record_project / "practices"
    seen_kinds: set[str] = set()
    failures = []
    for label, name, raw in _cases(300):
        (practices / name).write_bytes(raw)
        code, output = _validate(one_record_project, name)
        (practices / name).write_text(f"id: {name[:-5]}\n", encoding="utf-8")
        seen_kinds.add(label.split("-", 1)[1])
        located = [m for m in _LINE_COL.finditer(output) if m[1] == f"practices/{name}"]
        lines = raw.count(b"\n") + 1
        problems = []
        if code != 1:
            problems.append(f"exit {code}")
        if not located:
            problems.append("no file:line:col")
        if any(not 1 <= int(m[2]) <= lines + 1 or int(m[3]) < 1 for m in located):
            problems.append("position outside the file")
        if "Traceback" in output or "kesalahan internal" in output:
            problems.append("traceback")
        for m in located:
            if english_words(m[5]):
                problems.append(f"English: {m[5]}")
        # One mistake, one message: a single spot changed gives one message
        # (two at most when an indentation change is read as two levels).
        limit = {"bytes": 1, "duplicate": 1, "delete": 1, "indent": 2, "dedent": 2, "retype": 2}
        kind = label.split("-", 1)[1]
        if kind in limit and len(located) > limit[kind]:
            problems.append(f"{len(located)} messages for one mistake")
        if problems:
            failures.append(f"{label} {name}: {problems}\n{output[:600]}")
    assert seen_kinds == {"indent", "dedent", "delete", "duplicate", "retype", "truncate", "bytes"}
    assert not failures, f"{len(failures)} of 300 cases:\n" + "\n\n".join(failures[:5])


def test_english_detector_catches_parser_and_pydantic_english() -> None:
    assert english_words("YAML tidak valid: did not find expected key")
    assert english_words("`judul`: Value should have at most 140 items after validation")
    assert english_words("nilai None tidak ada dalam pilihan")
    assert not english_words("kolom `tingkat_bukti` kosong")
    assert not english_words("indentasi salah: kolom `sumber` kurang menjorok (3 spasi)")


def test_text_counts_from_one_and_json_keeps_the_machine_path(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    example = ROOT / "tests" / "examples" / "invalid" / "tanggal-salah-sekali-saja.yaml"
    (root / "practices" / example.name).write_bytes(example.read_bytes())
    code, text = _validate(root, example.name)
    assert code == 1
    assert "(kolom: linimasa butir ke-1 › tanggal)" in text
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(["-C", str(root), "validate", "--format", "json"])
    import json

    problems = json.loads(out.getvalue())
    assert [(p["rule"], p["field"]) for p in problems] == [("bad-date", "linimasa[0].tanggal")]


_FUZZ_TOKENS = (
    *("id", "judul", "linimasa", "x", "2020-13", "...", "---", "\\q", "\r\n"),
    *(":", ": ", " ", "  ", "\n", "\n  ", "\n    ", "- ", "-", ">-", "|", '"', "'"),
    *("[", "]", "{", "}", ",", "#", "@", "`", "%", "*", "&", "!", "?", "\t", "\x07"),
)


def test_random_yaml_fragments_never_crash_the_loader_or_speak_english(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "acak.yaml"
    for _ in range(1500):
        text = "".join(rng.choice(_FUZZ_TOKENS) for _ in range(rng.randint(1, 40)))
        path.write_text(text, encoding="utf-8")
        loaded = load_file(path, "acak.yaml")
        for problem in loaded.problems:
            words = english_words(f"{problem.message} {problem.hint}")
            assert not words, (text, problem.as_text())
            assert problem.line >= 0 and problem.col >= 0
