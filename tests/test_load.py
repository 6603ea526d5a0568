"""The strict loader on inputs a hostile or careless contributor could send."""

from __future__ import annotations

import time
from pathlib import Path

from generator.stages.load import load_file
from generator.stages.load.reader import MAX_FILE_BYTES


def _write(tmp_path: Path, text: str | bytes, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_yaml_11_booleans_stay_text(tmp_path: Path) -> None:
    loaded = load_file(
        _write(tmp_path, "a: yes\nb: no\nc: on\nd: off\ne: true\nf: ~\ng: 2018-04-22\n")
    )
    assert loaded.data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": True,
        "f": None,
        "g": "2018-04-22",
    }


def test_numbers_only_when_plain_decimal(tmp_path: Path) -> None:
    loaded = load_file(
        _write(tmp_path, "a: 2018\nb: 99.42\nc: '2018'\nd: 0812345\ne: 0x1F\nf: 1_000\n")
    )
    assert loaded.data == {
        "a": 2018,
        "b": 99.42,
        "c": "2018",
        "d": "0812345",
        "e": "0x1F",
        "f": "1_000",
    }


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    loaded = load_file(_write(tmp_path, "id: x\nlist:\n  - a: 1\n    b: two\n"))
    assert loaded.value_at[("list", 0, "b")] == (4, 8)
    assert loaded.key_at[("list", 0, "b")] == (4, 5)
    assert loaded.where(("list", 0, "missing")) == (3, 5)


def test_billion_laughs_refused_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 30):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    path = _write(tmp_path, "\n".join(lines) + "\n")
    start = time.perf_counter()
    loaded = load_file(path)
    elapsed = time.perf_counter() - start
    assert loaded.data is None
    assert [p.rule for p in loaded.problems] == ["yaml-alias"]
    assert elapsed < 0.5, f"took {elapsed:.2f}s"


def test_recursive_alias_does_not_loop(tmp_path: Path) -> None:
    loaded = load_file(_write(tmp_path, "a: &a [*a]\n"))
    assert loaded.data is None
    assert loaded.problems[0].rule in {"yaml-alias", "yaml-syntax"}


def test_oversized_file_refused_before_parsing(tmp_path: Path) -> None:
    path = _write(tmp_path, "a: " + "x" * MAX_FILE_BYTES + "\n")
    loaded = load_file(path)
    assert [p.rule for p in loaded.problems] == ["file-too-large"]
    assert "KiB" in loaded.problems[0].message


def test_deep_nesting_refused(tmp_path: Path) -> None:
    loaded = load_file(_write(tmp_path, "a: " + "[" * 200 + "]" * 200 + "\n"))
    assert loaded.data is None
    assert [p.rule for p in loaded.problems] == ["too-deep"]


def test_bom_is_accepted(tmp_path: Path) -> None:
    loaded = load_file(_write(tmp_path, b"\xef\xbb\xbfid: x\n"))
    assert loaded.data == {"id": "x"} and not loaded.problems


def test_every_duplicate_key_reported_with_first_line(tmp_path: Path) -> None:
    loaded = load_file(_write(tmp_path, "a: 1\nb: 2\na: 3\nb: 4\n"))
    assert [(p.rule, p.line) for p in loaded.problems] == [
        ("duplicate-key", 3),
        ("duplicate-key", 4),
    ]
    assert "baris 1" in loaded.problems[0].message


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    loaded = load_file(tmp_path / "does-not-exist.yaml")
    assert loaded.problems[0].rule == "file-unreadable"


def test_text_after_a_closing_quote_gets_its_own_hint(tmp_path: Path) -> None:
    cases = {
        'id: x\njudul: "Layanan lumpur" tinja terjadwal\n': (
            2,
            25,
            "judul",
            '`judul: "Layanan lumpur tinja terjadwal"`',
        ),
        "id: x\nringkasan: 'abc' def\n": (2, 18, "ringkasan", '`ringkasan: "abc def"`'),
        'id: x\nasal:\n  daerah: "Kota" Blitar\n': (
            3,
            18,
            "asal.daerah",
            '`daerah: "Kota Blitar"`',
        ),
        'id: x\npelaku:\n  - nama: A\n    peran: B\n  - nama: C\n    peran: "D" E\n': (
            6,
            16,
            "pelaku[1].peran",
            '`peran: "D E"`',
        ),
        'id: x\nlangkah:\n  - a\n  # catatan\n  - b\n  - "c" d\n': (
            6,
            9,
            "langkah[2]",
            '`- "c d"`',
        ),
    }
    for text, (line, col, field, example) in cases.items():
        (problem,) = load_file(_write(tmp_path, text)).problems
        assert (problem.rule, problem.line, problem.col, problem.field) == (
            "yaml-syntax",
            line,
            col,
            field,
        ), text
        assert "setelah tanda kutip penutup" in problem.message
        assert example in problem.hint and "hapus kedua tanda kutipnya" in problem.hint


def test_other_syntax_errors_keep_their_hints(tmp_path: Path) -> None:
    (problem,) = load_file(_write(tmp_path, "id: x\n judul: y\n")).problems
    assert "tanda kutip penutup" not in problem.message + problem.hint
