"""How the benchmark measures: wall and CPU time, peak memory, files written.

Whole commands are timed with hyperfine when it is installed (``-N``, no
warm-up), else with ``time.perf_counter`` around ``subprocess.run``; peak
memory comes from GNU ``time`` (``%M``, the "Maximum resident set size" of
``time -v``) wrapped around the command. Medians are taken over the runs.
Nothing here knows what Replika's stages are (that is ``bench/scenarios.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GNU_TIME = "/usr/bin/time"


@dataclass
class Measure:
    """Repeated runs of one whole command: wall times (s) and peak RSS (KiB)."""

    command: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds (hyperfine)
    rss_kib: list[int] = field(default_factory=list)
    error: str = ""
    tool: str = ""
    output: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.times)

    def summary(self) -> dict[str, Any]:
        out = asdict(self)
        out["output"] = self.output[-2000:]
        out["median_s"] = statistics.median(self.times) if self.times else None
        out["min_s"] = min(self.times) if self.times else None
        out["median_cpu_s"] = statistics.median(self.cpu) if self.cpu else None
        out["median_rss_mib"] = statistics.median(self.rss_kib) / 1024 if self.rss_kib else None
        out["max_rss_mib"] = max(self.rss_kib) / 1024 if self.rss_kib else None
        return out


def _with_time(cmd: Sequence[str], memfile: Path) -> list[str]:
    if Path(GNU_TIME).exists():
        return [GNU_TIME, "-f", "%M", "-a", "-o", str(memfile), *cmd]
    return list(cmd)


def _read_rss(memfile: Path) -> list[int]:
    if not memfile.exists():
        return []
    return [int(x) for x in re.findall(r"^(\d+)\s*$", memfile.read_text(), re.M)]


def measure(
    cmd: Sequence[str],
    cwd: Path,
    runs: int,
    *,
    prepare: Sequence[str] | None = None,
    scratch: Path,
    name: str,
    env: dict[str, str] | None = None,
) -> Measure:
    """Time ``cmd`` ``runs`` times (hyperfine when installed), with peak memory."""
    memfile = scratch / f"{name}.rss"
    memfile.unlink(missing_ok=True)
    wrapped = _with_time(cmd, memfile)
    result = Measure(command=shlex.join(cmd))
    full_env = {**os.environ, **(env or {})}
    if shutil.which("hyperfine"):
        exported = scratch / f"{name}.hyperfine.json"
        _hyperfine(result, cmd, wrapped, cwd, runs, prepare, exported, full_env)
    else:
        _subprocess_runs(result, wrapped, cwd, runs, prepare, full_env)
    if result.error:
        return result
    result.rss_kib = _read_rss(memfile)
    return result


def _hyperfine(
    result: Measure,
    cmd: Sequence[str],
    wrapped: Sequence[str],
    cwd: Path,
    runs: int,
    prepare: Sequence[str] | None,
    exported: Path,
    env: dict[str, str],
) -> None:
    """Fill ``result`` from one hyperfine run of ``wrapped`` (times, CPU, or the error)."""
    result.tool = "hyperfine"
    args = ["hyperfine", "-N", "--style", "none", "--runs", str(max(runs, 1))]
    args += ["--export-json", str(exported)]
    if prepare:
        args += ["--prepare", shlex.join(prepare)]
    args.append(shlex.join(wrapped))
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        # hyperfine hides the command's own output: run it once to show why.
        again = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
        result.error = f"exit {again.returncode}: {(again.stderr or again.stdout)[-1500:]}"
        return
    data = json.loads(exported.read_text())["results"][0]
    result.times = [float(t) for t in data["times"]]
    user, system = data.get("user"), data.get("system")
    if isinstance(user, list) and isinstance(system, list):
        result.cpu = [float(u) + float(y) for u, y in zip(user, system, strict=False)]
    elif user is not None and system is not None:  # hyperfine < 1.16: means only
        result.cpu = [float(user) + float(system)] * len(result.times)


def _subprocess_runs(
    result: Measure,
    wrapped: Sequence[str],
    cwd: Path,
    runs: int,
    prepare: Sequence[str] | None,
    env: dict[str, str],
) -> None:
    """Fill ``result`` by timing ``wrapped`` with ``perf_counter`` (no hyperfine)."""
    result.tool = "subprocess"
    for _ in range(max(runs, 1)):
        if prepare:
            subprocess.run(prepare, cwd=cwd, check=False, env=env)
        started = time.perf_counter()
        proc = subprocess.run(wrapped, cwd=cwd, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - started
        if proc.returncode != 0:
            result.error = f"exit {proc.returncode}: {(proc.stderr or proc.stdout)[-1500:]}"
            return
        result.times.append(elapsed)


def accumulate(total: Measure | None, part: Measure) -> Measure:
    """Add one run's numbers to a running Measure (the first error sticks)."""
    if total is None:
        return part
    total.times += part.times
    total.cpu += part.cpu
    total.rss_kib += part.rss_kib
    total.error = total.error or part.error
    return total


def run_once(cmd: Sequence[str], cwd: Path, timeout: float = 1800) -> tuple[int, str, float]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - started


def median_or_none(values: Sequence[float | None]) -> float | None:
    clean = [v for v in values if v is not None]
    return statistics.median(clean) if clean else None


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """relative path → (inode, mtime_ns, size) of every file below ``root``."""
    out: dict[str, tuple[int, int, int]] = {}
    if not root.exists():
        return out
    for path in root.rglob("*"):
        if path.is_file():
            st = path.stat()
            out[path.relative_to(root).as_posix()] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    return {
        "files_before": len(before),
        "files_after": len(after),
        "rewritten": len(changed),
        "added": len(after.keys() - before.keys()),
        "removed": len(before.keys() - after.keys()),
        "examples": changed[:5],
    }


def tree_size(root: Path) -> dict[str, int]:
    files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def log(message: str) -> None:
    stamp = dt.datetime.now(dt.UTC).strftime("%H:%M:%S")
    print(f"[bench {stamp}] {message}", file=sys.stderr, flush=True)
