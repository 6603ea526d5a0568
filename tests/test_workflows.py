"""The GitHub side: workflow security, the link checker, PR template, pre-commit hooks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
LINK_CHECKER = ROOT / ".github" / "scripts" / "periksa_tautan.py"
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # PyYAML (YAML 1.1) reads the key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    if isinstance(value, str):
        return {value: None}
    if isinstance(value, list):
        return dict.fromkeys(value)
    return dict(value or {})


def runs_on_pull_requests(job: dict[str, Any]) -> bool:
    """False only for jobs guarded to pushes to main."""
    guard = str(job.get("if", ""))
    return not ("github.event_name == 'push'" in guard and "refs/heads/main" in guard)


def steps_text(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in job.get("steps", []))


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_security(path: Path) -> None:
    workflow = load(path)
    on = triggers(workflow)
    assert "pull_request_target" not in on, "pull_request_target runs PR code with secrets"
    assert "workflow_run" not in on
    assert workflow.get("permissions") == {"contents": "read"}, "top-level token must be read-only"
    writers = []
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        assert isinstance(permissions, dict), f"{name}: permissions must be listed, not `write-all`"
        granted = {k for k, v in permissions.items() if v == "write"}
        if granted:
            writers.append(name)
            assert granted <= {"pages", "id-token"}, f"{name} writes {granted}"
            assert not runs_on_pull_requests(job), f"{name} may write but runs on pull requests"
            uses = [str(s.get("uses", "")) for s in job.get("steps", [])]
            assert not any(u.startswith("actions/checkout@") for u in uses), (
                f"{name} may write and must not check out (and run) repository code"
            )
        if runs_on_pull_requests(job):
            assert "secrets." not in yaml.safe_dump(job), f"{name} uses a secret in PR runs"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name
    assert len(writers) <= 1, f"only the deploy job may write: {writers}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit(path: Path) -> None:
    found = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = USES_LINE.match(line)
        if not match:
            continue
        found += 1
        ref, rest = match.group(1), match.group(2)
        if ref.startswith("./"):
            continue  # a local action is part of the reviewed code
        assert SHA_PIN.match(ref), f"{path.name}:{number}: `{ref}` is not pinned to a full SHA"
        assert re.search(r"#\s*v\d+\.\d+\.\d+\b", rest), (
            f"{path.name}:{number}: add the tag as a comment, e.g. `# v4.2.2`"
        )
    assert found


def test_pull_requests_are_checked_and_main_is_deployed() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "situs.yml")
    on = triggers(workflow)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    pr_jobs = {n: j for n, j in jobs.items() if runs_on_pull_requests(j)}
    commands = "\n".join(steps_text(j) for j in pr_jobs.values())
    assert "replika validate --format github" in commands
    assert "replika build --tanpa-pdf" in commands
    assert "periksa_tautan.py" in commands
    assert "schema --check" in commands
    pr_uses = [str(s.get("uses", "")) for j in pr_jobs.values() for s in j["steps"]]
    assert any(u.startswith("actions/upload-artifact@") for u in pr_uses)
    deploy = [j for j in jobs.values() if not runs_on_pull_requests(j)]
    assert len(deploy) == 1
    (job,) = deploy
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages@") for s in job["steps"])
    assert set(job["needs"]) >= set(pr_jobs), "deploy only what passed every check"


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed")
def test_actionlint() -> None:
    result = subprocess.run(
        ["actionlint", *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ----------------------------------------------------------------------------- link checker


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def check_links(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(LINK_CHECKER), str(site), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_link_checker_finds_broken_pages_files_and_anchors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(
        site / "index.html",
        '<a href="praktik/">ok</a> <a href="praktik/#langkah">ok</a>'
        '<a href="https://example.org/tidak-diperiksa">luar</a> <a href="mailto:a@b.id">m</a>'
        '<a href="#atas">ok</a><span id="atas"></span>'
        '<a href="hilang/">rusak</a> <a href="praktik/#tidak-ada">rusak</a>'
        '<img src="gambar.png"> <a href="unduh/x.pdf">pdf</a>',
    )
    write(site / "praktik" / "index.html", '<h2 id="langkah">L</h2><a href="../">up</a>')
    result = check_links(site)
    assert result.returncode == 1
    err = result.stderr
    assert "index.html: hilang/ — berkas tidak ada" in err
    assert "jangkar `#tidak-ada` tidak ada" in err
    assert "gambar.png" in err and "unduh/x.pdf" in err
    assert "example.org" not in err and "mailto" not in err
    assert "praktik/#langkah" not in err
    assert "4 tautan rusak" in err
    # Fix them (and skip PDFs, as a --tanpa-pdf build does): clean.
    write(site / "gambar.png", "png")
    write(site / "hilang" / "index.html", "<p>ada</p>")
    write(site / "praktik" / "index.html", '<h2 id="langkah">L</h2><p id="tidak-ada"></p>')
    fixed = check_links(site, "--abaikan", "unduh/")
    assert fixed.returncode == 0, fixed.stderr
    assert "semua tautan internal" in fixed.stdout


def test_link_checker_refuses_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    result = check_links(tmp_path)
    assert result.returncode == 2


# ----------------------------------------------------------------------------- templates, hooks


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(items) >= 6
    joined = " ".join(items)
    for needle in ("# ISI", "sumber", "tingkat_bukti", "kesiapan", "data pribadi"):
        assert needle in joined, needle


def _hooks() -> list[dict[str, Any]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_hook_selects_changed_records_only() -> None:
    hook = next(h for h in _hooks() if h["id"] == "replika-validate")
    assert hook["language"] == "system" and hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    assert pattern.search("practices/l2t2-kendari.yaml")
    for other in ("practices/_templat.yaml", "practices/_wilayah.yaml", "docs/x.yaml", "x.yaml"):
        assert not pattern.search(other), other
    registry = next(h for h in _hooks() if h["files"].startswith("^practices/_wilayah"))
    assert registry["pass_filenames"] is False


def test_pre_commit_hook_blocks_a_broken_record(tmp_path: Path) -> None:
    """Run the hook's command the way pre-commit does: entry + the staged file names."""
    project = tmp_path / "proyek"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "practices", project / "practices")
    shutil.copytree(ROOT / "docs" / "skema", project / "docs" / "skema")
    hook = next(h for h in _hooks() if h["id"] == "replika-validate")
    entry = hook["entry"].split()
    assert entry[0] == "replika"
    command = [sys.executable, "-m", "generator", *entry[1:]]
    good = "practices/l2t2-kendari.yaml"
    broken = project / "practices" / "rusak.yaml"
    broken.write_text("id: rusak\njudul: [tidak, selesai\n", encoding="utf-8")
    assert re.search(hook["files"], "practices/rusak.yaml")
    fails = subprocess.run(
        [*command, "practices/rusak.yaml"], cwd=project, capture_output=True, text=True
    )
    assert fails.returncode == 1
    assert "practices/rusak.yaml:" in fails.stderr
    passes = subprocess.run([*command, good], cwd=project, capture_output=True, text=True)
    assert passes.returncode == 0, passes.stderr
