"""Issue #2's requirement: validating 1,000 records takes < 1.5 s on this machine.

    python bench/validate_speed.py [--size 1000] [--runs 5] [--limit 1.5] [--profile]

Generates a valid synthetic corpus (``bench/corpus.py``) in a temporary
project, times the whole ``replika validate`` command (Python start-up
included) with hyperfine, and exits 0 when the median is under the limit,
1 otherwise. ``--profile`` also prints where the time goes (cProfile of
``check_project`` in-process, plus ``-X importtime`` of the command's imports).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from commands import replika_command  # noqa: E402
from measure import REPO, measure  # noqa: E402


def profile(project: Path, top: int = 25) -> str:
    """cProfile of ``check_project`` (in-process) and the slowest imports of the command."""
    from generator.project import find_project
    from generator.stages.validate import check_project

    profiler = cProfile.Profile()
    profiler.enable()
    check_project(find_project(project))
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "validate"],
        cwd=project,
        capture_output=True,
        text=True,
    ).stderr
    rows = []
    for line in imports.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match and len(match.group(3)) <= 3:  # top-level imports only
            rows.append((int(match.group(2)), match.group(4)))
    slowest = "\n".join(f"{us / 1000:8.1f} ms  {name}" for us, name in sorted(rows)[-12:][::-1])
    return f"{text.getvalue()}\nslowest top-level imports (cumulative):\n{slowest}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, default=1.5, help="seconds (median)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="replika-validate-speed-"))
    try:
        project = work / "project"
        corpus.make_project(REPO, project, args.size)
        result = measure(
            [*replika_command(), "validate"],
            project,
            args.runs,
            scratch=work,
            name="validate",
        )
        if not result.ok:
            print(f"replika validate failed: {result.error}", file=sys.stderr)
            return 1
        median = statistics.median(result.times)
        runs = ", ".join(f"{t:.2f}" for t in result.times)
        verdict = "OK" if median < args.limit else "TOO SLOW"
        print(
            f"replika validate, {args.size} records: median {median:.2f} s "
            f"(runs: {runs}; {result.tool}) — limit {args.limit} s: {verdict}"
        )
        if args.profile:
            print(profile(project))
        return 0 if median < args.limit else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
