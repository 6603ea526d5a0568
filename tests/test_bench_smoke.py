"""Smoke run of the benchmark (issue #6) at N = 25: shape and validity, no timings.

The bench's numbers depend on the machine; what CI can check is that the
script still runs end to end against the current pipeline, that its synthetic
corpus is valid and realistic, and that it writes results in the documented
shape.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SIZE = 25
"""Small, so the smoke run stays quick; large enough for every part of the record format."""
TARGET_IDS = {
    "build_overhead_1000",
    "growth_build_time",
    "growth_build_memory",
    "validate_1000",
    "validate_5000",
    "noop_rewrites",
    "serve_edit_1000",
    "practice_html",
    "search_bytes_5000",
    "pdf_unchanged",
}


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench-out")
    work = out / "work"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--sizes",
            str(SIZE),
            "--runs",
            "1",
            "--quick",
            "--out",
            str(out),
            "--work",
            str(work),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return work, json.loads((out / "results.json").read_text(encoding="utf-8"))


def test_results_have_the_documented_shape(smoke: tuple[Path, dict]) -> None:
    _work, results = smoke
    assert set(results) >= {"meta", "settings", "sizes", "targets"}
    assert results["settings"]["sizes"] == [SIZE]
    assert results["settings"]["quick"] is True
    size = results["sizes"][str(SIZE)]
    for stage in ("import", "load", "validate", "catalogue", "render"):
        assert stage in size["stages"]
    assert size["stages"]["load"] is not None
    assert size["validate_cmd"]["median_s"] is not None
    assert len(size["validate_cmd"]["times"]) == 1
    assert {t["id"] for t in results["targets"]} == TARGET_IDS
    assert {t["status"] for t in results["targets"]} <= {"pass", "FAIL", "not measured"}


def test_quick_mode_leaves_out_the_slow_stages(smoke: tuple[Path, dict]) -> None:
    _work, results = smoke
    size = results["sizes"][str(SIZE)]
    assert "mkdocs_bare" not in size and "search" not in size
    by_id = {t["id"]: t for t in results["targets"]}
    assert by_id["pdf_unchanged"]["status"] == "not measured"
    assert "quick" in by_id["pdf_unchanged"]["measured"]


def test_the_generated_corpus_is_valid(smoke: tuple[Path, dict]) -> None:
    _work, results = smoke
    size = results["sizes"][str(SIZE)]
    assert size["in_process_check"]["records"] == SIZE
    assert size["in_process_check"]["problem_count"] == 0, size["in_process_check"]["problems"]
    assert size["corpus_valid"] is True


def test_the_corpus_uses_the_whole_record_format(smoke: tuple[Path, dict]) -> None:
    work, _results = smoke
    records = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((work / f"n{SIZE}" / "practices").glob("[!_]*.yaml"))
    ]
    assert len(records) == SIZE
    assert len({r["judul"] for r in records}) == SIZE
    for key in ("instrumen", "terkait", "hasil", "biaya", "perbedaan_data"):
        assert sum(key in r for r in records) >= 10, key
    # Mentor -> mentee pairs are learning journeys now (issue #11).
    assert len(list((work / f"n{SIZE}" / "practices" / "pembelajaran").glob("*.yaml"))) >= 10
    assert len({r["asal"]["daerah"] for r in records}) >= 10
    assert len({r["sektor"] for r in records}) >= 5
    assert all(len(r["sumber"]) >= 2 for r in records)


def test_the_build_is_exercised_when_it_exists(smoke: tuple[Path, dict]) -> None:
    _work, results = smoke
    size = results["sizes"][str(SIZE)]
    if "build" not in results["meta"]["commands"]:
        assert "missing" in size["build"]["error"]
        return
    assert size["build"]["error"] == "", size["build"]["error"]
    assert size["site"]["files"] > SIZE
    assert size["practice_html"]["pages"] == SIZE
    assert size["noop_files"]["files_before"] > SIZE
    assert len(size["noop"]["times"]) == 1
