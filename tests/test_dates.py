"""Hints for refused dates name the value to write, in Bahasa Indonesia."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.dates import date_hint
from generator.project import Project
from generator.stages.validate import check_project
from tests.conftest import make_project

EXAMPLES = Path(__file__).parent / "examples" / "invalid"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("27-01-2020", "Tulis `2020-01-27` (27 Januari 2020)."),
        ("27/01/2020", "Tulis `2020-01-27` (27 Januari 2020)."),
        ("27.1.2020", "Tulis `2020-01-27` (27 Januari 2020)."),
        ("27 Januari 2020", "Tulis `2020-01-27` (27 Januari 2020)."),
        ("27 jan 2020", "Tulis `2020-01-27` (27 Januari 2020)."),
        ("Agustus 2018", "Tulis `2018-08` (Agustus 2018)."),
        ("04/2018", "Tulis `2018-04` (April 2018)."),
        ("2020/01/27", "Tulis `2020-01-27` (27 Januari 2020)."),
        # Only the month-first reading exists.
        ("01/27/2020", "Tulis `2020-01-27` (27 Januari 2020)."),
        # Both readings exist: the Indonesian one, spelled out so it can be checked.
        ("05/04/2020", "Tulis `2020-04-05` (5 April 2020)."),
    ],
)
def test_day_first_dates_get_the_iso_value(value: str, hint: str) -> None:
    assert date_hint(value) == hint


@pytest.mark.parametrize(
    ("value", "last"),
    [
        ("2020-02-30", "Februari 2020 hanya sampai tanggal 29."),
        ("2021-02-29", "Februari 2021 hanya sampai tanggal 28."),
        ("2020-04-31", "April 2020 hanya sampai tanggal 30."),
        ("31-04-2020", "April 2020 hanya sampai tanggal 30."),
        ("31 Juni 2019", "Juni 2019 hanya sampai tanggal 30."),
    ],
)
def test_a_day_past_the_month_names_its_last_day(value: str, last: str) -> None:
    hint = date_hint(value)
    assert hint.startswith(last)
    assert "bila hanya bulannya yang pasti, tulis `" in hint  # the month alone


def test_month_13_proposes_the_swapped_date() -> None:
    hint = date_hint("2019-13-01")
    assert "bulan hanya 01–12" in hint
    assert "bila maksudnya 13 Januari 2019, tulis `2019-01-13`" in hint


@pytest.mark.parametrize("value", ["kapan-kapan", "27-13-2020", "2019-13-40", "20-01-27"])
def test_no_proposal_when_nothing_can_be_inferred(value: str) -> None:
    assert "tulis `" not in date_hint(value).lower()


def test_validation_attaches_the_date_hints(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    for name in ("tanggal-cara-indonesia", "tanggal-bulan-salah", "tanggal-tidak-ada"):
        shutil.copy(EXAMPLES / f"{name}.yaml", root / "practices")
    problems = check_project(Project(root)).problems
    shown = {(p.field, p.hint) for p in problems if p.rule == "bad-date"}
    assert ("linimasa[0].tanggal", "Tulis `2020-01-27` (27 Januari 2020).") in shown
    assert ("linimasa[2].tanggal", "Tulis `2020-01-27` (27 Januari 2020).") in shown
    assert any(f == "linimasa[0].tanggal" and "tulis `2019-01-13`" in h for f, h in shown)
    assert any(
        f == "diperiksa" and h.startswith("Februari 2026 hanya sampai tanggal 28.")
        for f, h in shown
    )
    assert all(p.hint for p in problems if p.rule == "bad-date")
