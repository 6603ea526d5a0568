"""Smoke run of the PDF benchmark (issue #16) on a small corpus: shape, not timings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pdf_bench_runs_and_writes_its_section(tmp_path: Path) -> None:
    out = tmp_path / "hasil"
    out.mkdir()
    (out / "RESULTS.md").write_text("# Hasil\n\nteks lain tetap.\n", encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "pdf_scale.py"),
            "--sizes",
            "20",
            "--runs",
            "1",
            "--once",
            "",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads((out / "pdf_results.json").read_text(encoding="utf-8"))
    (size,) = results["sizes"]
    assert size["n"] == 20 and size["cold_ok"] and size["cached_ok"]
    # 20 briefs (1–2 pages), the whole catalogue and one per sector at least.
    assert size["pdf_files"] >= 20 + 2
    assert size["pages"] > 20 * 3
    assert size["cold_peak_mib"] > 0 and size["cold_cpu_s"] > 0
    assert size["cached_wall_s"] < size["cold_wall_s"]
    assert "0 dibuat), 0 ringkasan dibuat, 20 dari cache" in size["cached"][0]["summary"]
    text = (out / "RESULTS.md").read_text(encoding="utf-8")
    assert text.startswith("# Hasil\n\nteks lain tetap.\n")
    assert "## PDF at scale (issue #16)" in text
    assert "| 20 | cold |" in text and "| 20 | cached |" in text
