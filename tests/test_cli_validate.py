"""`replika validate` as a contributor runs it: through ``generator.cli.main`` in this
process, and through the true entry points (`python -m generator`, the `replika`
script) in their own processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_support import run_main

from tests.conftest import ROOT

EXAMPLES = ROOT / "tests" / "examples"


def replika(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``replika ARGS`` through ``generator.cli.main`` in this process, outside GitHub Actions."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "REPLIKA_DEBUG")}
    full_env.update(env or {})
    return run_main(cwd, *args, env=full_env)


def test_bundled_records_are_valid() -> None:
    # The true entry point, `python -m generator`, in its own process.
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    count = len(list((ROOT / "practices").glob("[!_]*.yaml")))
    assert count >= 15
    assert f"✓ {count} catatan praktik valid." in result.stdout


def test_console_script_entry_point() -> None:
    # The script installed next to the interpreter running the tests: with an
    # unactivated virtual environment, the first `replika` on PATH may belong
    # to another Python.
    beside = Path(sys.executable).with_name("replika")
    exe = str(beside) if beside.exists() else shutil.which("replika")
    assert exe, "the `replika` console script is not installed"
    result = subprocess.run(
        [exe, "validate"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_invalid_files_exit_1_with_file_line_col(project: Path) -> None:
    for name in ("kolom-ganda.yaml", "daerah-salah-ketik.yaml", "tag-python.yaml"):
        shutil.copy(EXAMPLES / "invalid" / name, project / "practices" / name)
    result = replika("validate", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "practices/kolom-ganda.yaml:" in result.stderr
    assert "[unknown-region] daerah `Kota Blitarr` tidak ada di daftar daerah" in result.stderr
    assert "Saran: Maksud Anda `Kota Blitar`?" in result.stderr
    assert "[yaml-tag]" in result.stderr
    # The two records derived from one example also share a title.
    assert "[duplicate-title]" in result.stderr
    assert "✗ 4 masalah di 3 berkas." in result.stderr


def test_json_format_lists_every_problem(project: Path) -> None:
    shutil.copy(EXAMPLES / "invalid" / "pilihan-salah.yaml", project / "practices")
    result = replika("validate", "--format", "json", cwd=project)
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert {(p["rule"], p["field"]) for p in problems} == {
        ("not-in-list", "sektor"),
        ("not-in-list", "status"),
    }
    assert all(p["path"] == "practices/pilihan-salah.yaml" and p["line"] > 0 for p in problems)


def test_github_annotations_when_in_actions(project: Path) -> None:
    shutil.copy(EXAMPLES / "invalid" / "url-salah.yaml", project / "practices")
    result = replika("validate", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=practices/url-salah.yaml,line=" in result.stderr
    assert "title=replika bad-url::" in result.stderr


def test_validate_one_file_still_checks_references_against_all(project: Path) -> None:
    shutil.copy(EXAMPLES / "invalid" / "rujukan-hilang.yaml", project / "practices")
    shutil.copy(EXAMPLES / "valid" / "contoh-minimal.yaml", project / "practices")
    result = replika("validate", "practices/contoh-minimal.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "✓ 1 catatan praktik valid." in result.stdout
    result = replika("validate", "practices/rujukan-hilang.yaml", cwd=project)
    assert result.returncode == 1 and "[unknown-practice]" in result.stderr


def test_stray_files_in_practices_are_reported(project: Path) -> None:
    (project / "practices" / "catatan.txt").write_text("x")
    (project / "practices" / "praktik.yml").write_text("id: praktik\n")
    result = replika("validate", cwd=project)
    assert result.returncode == 1
    assert result.stderr.count("[stray-file]") == 2


def test_usage_errors_exit_2_without_traceback(tmp_path: Path, project: Path) -> None:
    outside = replika("validate", cwd=tmp_path)
    assert outside.returncode == 2 and "bukan proyek Replika" in outside.stderr
    missing = replika("validate", "practices/tidak-ada.yaml", cwd=project)
    assert missing.returncode == 2 and "tidak ada" in missing.stderr
    bad_flag = replika("validate", "--format", "xml", cwd=project)
    assert bad_flag.returncode == 2 and "argumen salah" in bad_flag.stderr
    for result in (outside, missing, bad_flag):
        assert "Traceback" not in result.stderr


def test_broken_registry_is_reported_not_crashing(project: Path) -> None:
    (project / "practices" / "_wilayah.yaml").write_text(
        "daerah:\n  - {nama: Kota X, provinsi: Jawa Timor}\n"
    )
    shutil.copy(EXAMPLES / "valid" / "contoh-minimal.yaml", project / "practices")
    result = replika("validate", cwd=project)
    assert result.returncode == 1
    assert "practices/_wilayah.yaml:2:" in result.stderr
    assert "Traceback" not in result.stderr
