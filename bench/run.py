"""Benchmark of the Replika pipeline on synthetic corpora (GitHub issue #6).

    python bench/run.py --sizes 100,1000,5000 --runs 5

For every size N a temporary project is generated (valid records built from
the real schema and vocabularies, see ``bench/corpus.py``) and each stage is
timed separately: in-process load / validate / catalogue / render, then whole
commands with hyperfine (``replika validate``, a cold ``replika build
--tanpa-pdf``, a no-op rebuild, ``replika pdf``) and two baselines in the same
run: a bare ``mkdocs build`` of the same generated Markdown without Replika's
hooks, and the search indexer's own run over the same records
(``python -m generator.outputs.search``). Peak memory comes from GNU
``time`` (``%M``, the "Maximum resident set size" of ``time -v``). The bytes a
browser fetches for one search are measured in headless Chromium.

Medians of ``--runs`` runs are reported; ``bench/results.json`` holds every
raw number and ``bench/RESULTS.md`` the readable tables with the targets.
Stages missing from this checkout are reported as "not measured".

This file is the command line only. The pieces: ``corpus.py`` (the records),
``scenarios.py`` (what is measured per size), ``measure.py`` (timing and
memory), ``commands.py`` (the ``replika`` commands of this checkout),
``search_bytes.py`` and ``serve_edit.py`` (browser and preview measurements),
``targets.py`` and ``report.py`` (pass/fail, ``RESULTS.md`` and JSON).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/ is not a package)
import report  # noqa: E402
import targets  # noqa: E402
from commands import cli_commands, replika_command  # noqa: E402
from measure import GNU_TIME, log, measure  # noqa: E402
from scenarios import bench_size, bundled_records, pdf_stage  # noqa: E402
from search_bytes import SEARCH_QUERIES  # noqa: E402
from serve_edit import serve_latency  # noqa: E402


def machine() -> dict[str, Any]:
    def version(module: str) -> str | None:
        try:
            from importlib.metadata import version as v

            return v(module)
        except Exception:
            return None

    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError):
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    hyperfine = shutil.which("hyperfine")
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "load_average_start": os.getloadavg(),
        "versions": {
            name: version(name)
            for name in ("mkdocs", "mkdocs-material", "PySastrawi", "pydantic", "pyyaml")
        },
        "hyperfine": subprocess.run(
            [hyperfine, "--version"], capture_output=True, text=True
        ).stdout.strip()
        if hyperfine
        else None,
        "gnu_time": Path(GNU_TIME).exists(),
        "replika": shlex.join(replika_command()),
        "git": git_state(),
        "commands": sorted(cli_commands()),
    }


def snapshot_code(work: Path) -> None:
    """Run every command on a copy of ``generator/`` taken now.

    Other people may edit the checkout during a long run; the copy (first on
    ``PYTHONPATH``, ahead of the editable install) keeps all sizes on one
    version of the code.
    """
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(
        REPO / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(code), os.environ.get("PYTHONPATH", "")) if p
    )


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return proc.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_files": len(git("status", "--porcelain").splitlines()),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="corpus sizes (comma-separated)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument(
        "--build-runs-large",
        type=int,
        default=None,
        help="runs for in-process stages, cold builds and baselines at N ≥ 5000 (default: --runs)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke mode: corpus, stages, validate, build and no-op only",
    )
    parser.add_argument("--out", type=Path, default=HERE, help="folder for results.json/RESULTS.md")
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--pdf-max", type=int, default=100, help="time PDFs only up to this N")
    parser.add_argument(
        "--serve-sizes", default="1000", help="sizes at which to time edit-while-serving"
    )
    parser.add_argument("--serve-edits", type=int, default=3, help="edits timed per serve run")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite RESULTS.md (and the targets) from the results.json in --out",
    )
    parser.add_argument(
        "--update",
        choices=("pdf", "validate", "serve"),
        default=None,
        help="only re-measure this stage (PDFs: smallest size; validate: every size; serve: "
        "--serve-sizes, --serve-edits edits) on the same corpora and update the results "
        "already in --out",
    )
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    args.serve_sizes = {int(s) for s in str(args.serve_sizes).split(",") if s.strip()}
    large = args.build_runs_large

    def build_runs(size: int) -> int:
        return large if (large and size >= 5000) else args.runs

    args.build_runs = build_runs
    return args


def update_stage(args: argparse.Namespace, work: Path) -> int:
    """Re-measure one stage on the same corpora (same sizes, same seed) into existing results."""
    results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
    sizes = sorted(int(n) for n in results["sizes"])
    if args.update == "pdf":
        sizes = sizes[:1]
    elif args.update == "serve":
        sizes = [size for size in sizes if size in args.serve_sizes]
    for size in sizes:
        project = work / f"n{size}"
        scratch = work / f"n{size}-scratch"
        scratch.mkdir(parents=True, exist_ok=True)
        log(f"N={size}: generating corpus")
        paths = corpus.make_project(REPO, project, size)
        entry = results["sizes"][str(size)]
        _UPDATES[args.update](entry, project, scratch, paths, args)
    results["settings"][f"{args.update}_measured"] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git": git_state(),
        "load_average": os.getloadavg(),
        "runs": args.serve_edits if args.update == "serve" else args.runs,
    }
    results.pop("targets", None)
    report.save(results, args.out)
    return 0


def _update_pdf(
    entry: dict[str, Any], project: Path, scratch: Path, _paths: list[Path], _args: Any
) -> None:
    log(f"N={entry['size']}: PDFs (cold, then unchanged)")
    entry["pdf"] = pdf_stage(project, scratch)


def _update_validate(
    entry: dict[str, Any], project: Path, scratch: Path, _paths: list[Path], args: Any
) -> None:
    log(f"N={entry['size']}: replika validate x{args.runs}")
    entry.setdefault("validate_cmd_first_run", entry.get("validate_cmd"))
    cmd = [*replika_command(), "validate"]
    entry["validate_cmd"] = measure(
        cmd, project, args.runs, scratch=scratch, name="validate"
    ).summary()


def _update_serve(
    entry: dict[str, Any], project: Path, _scratch: Path, paths: list[Path], args: Any
) -> None:
    """Edit-while-serving again, the first edited record and page as in the main run."""
    from generator.present import practice_url

    log(f"N={entry['size']}: edit-while-serving latency x{args.serve_edits}")
    entry.setdefault("serve_first_run", entry.get("serve"))
    entry["serve"] = serve_latency(
        project, paths[0], practice_url(paths[0].stem), edits=args.serve_edits
    )


_UPDATES = {"pdf": _update_pdf, "validate": _update_validate, "serve": _update_serve}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
        results.pop("targets", None)
        report.save(results, args.out)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="replika-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.update:
        snapshot_code(work)
        try:
            return update_stage(args, work)
        finally:
            if not args.keep and args.work is None:
                shutil.rmtree(work, ignore_errors=True)
    snapshot_code(work)
    return full_run(args, argv, work)


def full_run(args: argparse.Namespace, argv: Sequence[str] | None, work: Path) -> int:
    """Every size, then the bundled records; exit 1 when a generated corpus was invalid."""
    results: dict[str, Any] = {
        "meta": machine(),
        "settings": {
            "sizes": args.sizes,
            "runs": args.runs,
            "build_runs_large": args.build_runs_large,
            "quick": args.quick,
            "pdf_max": args.pdf_max,
            "serve_sizes": sorted(args.serve_sizes),
            "search_queries": list(SEARCH_QUERIES),
            "command": "python bench/run.py " + shlex.join(sys.argv[1:] if argv is None else argv),
        },
        "sizes": {},
    }
    try:
        for n, size in enumerate(sorted(args.sizes)):
            results["sizes"][str(size)] = bench_size(size, args, work, first=n == 0)
            report.save(results, args.out)  # keep partial results of long runs
        if not args.quick:
            log("bundled records: page sizes of the checkout's own records")
            results["bundled"] = bundled_records(work)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["meta"]["load_average_end"] = os.getloadavg()
    results["targets"] = targets.targets(results)
    report.save(results, args.out)
    log(f"wrote {args.out / 'results.json'} and {args.out / 'RESULTS.md'}")
    all_valid = all(s.get("corpus_valid") for s in results["sizes"].values())
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main())
