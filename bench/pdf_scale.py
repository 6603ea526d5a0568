"""PDF benchmark at scale (issue #16): cold and cached `replika pdf` at 100, 1,000 and 5,000.

    python bench/pdf_scale.py --sizes 100,1000,5000 --runs 3

For every size N a synthetic project is generated (``bench/corpus.py``, the
same corpus as ``bench/run.py``) and ``replika pdf --keluaran`` is run under
GNU ``time -v``: cold (no ``.cache/pdf``, no output) and then cached (nothing
changed). Reported per run: wall time, CPU time (user + system, all
processes), peak resident memory of the largest process ("Maximum resident
set size"), the pages written (every catalogue and brief) and pages per second
of the cold run, and the machine's load average before the run (the machine
is shared; a busy machine stretches wall times, not CPU times).

Medians of ``--runs`` runs go to ``bench/pdf_results.json`` and to the section
between the ``pdf-skala`` markers of ``bench/RESULTS.md``, with the targets of
issue #16: at 1,000 practices ≤ 120 s and ≤ 1 GiB; at 5,000 ≤ 2 GiB and at
most 5.5 × the 1,000 time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402  (bench/ is not a package)

from generator.outputs.pdf.typeset import page_count  # noqa: E402

GNU_TIME = "/usr/bin/time"
BEGIN = "<!-- pdf-skala:mulai -->"
END = "<!-- pdf-skala:selesai -->"
TIME_1000_S = 120.0
MEM_1000_MIB = 1024.0
MEM_5000_MIB = 2048.0
GROWTH_5000 = 5.5


def _field(text: str, name: str) -> str | None:
    match = re.search(rf"^\s*{re.escape(name)}: (.+)$", text, re.M)
    return match.group(1).strip() if match else None


def _wall(value: str) -> float:
    parts = [float(p) for p in value.split(":")]
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def timed(cmd: list[str], cwd: Path) -> dict[str, Any]:
    """Run ``cmd`` under ``time -v``: wall s, CPU s, peak MiB, exit code, load before."""
    load = os.getloadavg()[0]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [GNU_TIME, "-v", *cmd], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    err = proc.stderr
    return {
        "exit": proc.returncode,
        "wall_s": _wall(_field(err, "Elapsed (wall clock) time (h:mm:ss or m:ss)") or "0"),
        "cpu_s": float(_field(err, "User time (seconds)") or 0)
        + float(_field(err, "System time (seconds)") or 0),
        "peak_mib": int(_field(err, "Maximum resident set size (kbytes)") or 0) / 1024,
        "load_before": round(load, 2),
        "summary": (proc.stdout.strip().splitlines() or [""])[-1],
        "error": err[-800:] if proc.returncode else None,
    }


def pages_in(folder: Path) -> tuple[int, int, int]:
    """(files, pages, bytes) of every PDF below ``folder``."""
    files = pages = size = 0
    for pdf in folder.rglob("*.pdf"):
        data = pdf.read_bytes()
        files += 1
        pages += page_count(data)
        size += len(data)
    return files, pages, size


def measure_size(size: int, runs: int, work: Path) -> dict[str, Any]:
    project = work / f"korpus-{size}"
    corpus.make_project(REPO, project, size)
    out = project / "pdf-keluaran"
    cmd = [sys.executable, "-m", "generator", "pdf", "--keluaran", str(out)]
    cold: list[dict[str, Any]] = []
    cached: list[dict[str, Any]] = []
    for _ in range(runs):
        shutil.rmtree(project / ".cache" / "pdf", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        cold.append(timed(cmd, project))
        cached.append(timed(cmd, project))
    files, pages, size_bytes = pages_in(out)
    result: dict[str, Any] = {
        "n": size,
        "runs": runs,
        "cold": cold,
        "cached": cached,
        "pdf_files": files,
        "pages": pages,
        "bytes": size_bytes,
    }
    for name, rows in (("cold", cold), ("cached", cached)):
        ok = [r for r in rows if r["exit"] == 0]
        result[f"{name}_ok"] = len(ok) == len(rows)
        for key in ("wall_s", "cpu_s", "peak_mib", "load_before"):
            result[f"{name}_{key}"] = statistics.median(r[key] for r in ok) if ok else None
    wall = result["cold_wall_s"]
    result["pages_per_s"] = pages / wall if wall else None
    result["pages_per_cpu_s"] = pages / result["cold_cpu_s"] if result["cold_cpu_s"] else None
    return result


def targets(sizes: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """Pass/fail against issue #16 (only for the sizes measured)."""
    rows: list[dict[str, Any]] = []
    one = sizes.get(1000)
    five = sizes.get(5000)
    if one:
        rows.append(
            {
                "id": "pdf_time_1000",
                "what": "cold `replika pdf` at 1,000 ≤ 120 s",
                "value": one["cold_wall_s"],
                "ok": bool(one["cold_ok"] and one["cold_wall_s"] <= TIME_1000_S),
            }
        )
        rows.append(
            {
                "id": "pdf_memory_1000",
                "what": "peak memory at 1,000 ≤ 1 GiB",
                "value": one["cold_peak_mib"],
                "ok": bool(one["cold_ok"] and one["cold_peak_mib"] <= MEM_1000_MIB),
            }
        )
    if five:
        rows.append(
            {
                "id": "pdf_memory_5000",
                "what": "cold `replika pdf` at 5,000 completes, peak ≤ 2 GiB",
                "value": five["cold_peak_mib"],
                "ok": bool(five["cold_ok"] and five["cold_peak_mib"] <= MEM_5000_MIB),
            }
        )
    if one and five and one["cold_wall_s"] and five["cold_wall_s"]:
        ratio = five["cold_wall_s"] / one["cold_wall_s"]
        cpu = five["cold_cpu_s"] / one["cold_cpu_s"]
        rows.append(
            {
                "id": "pdf_growth_5000",
                "what": "time at 5,000 ≤ 5.5 × time at 1,000",
                "value": ratio,
                "cpu_ratio": cpu,
                "ok": ratio <= GROWTH_5000,
            }
        )
    return rows


def _n(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def markdown(results: dict[str, Any]) -> str:
    sizes = results["sizes"]
    lines = [
        BEGIN,
        "## PDF at scale (issue #16)",
        "",
        f"Measured {results['date']} with `python bench/pdf_scale.py` "
        f"(median of {results['runs']} runs per size, one at {results['once']}; "
        f"{results['machine']}). The machine "
        "was shared with other work: the load average before each run is given, and CPU "
        "time (user + system of all processes) is the number a busy machine does not "
        "stretch. Peak memory is GNU time's maximum resident set size (largest process).",
        "",
        "| N | run | wall s | CPU s | peak MiB | load before | pages | pages/s (wall) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        for name in ("cold", "cached"):
            pps = _n(size["pages_per_s"], 0) if name == "cold" else ""
            pages = f"{size['pages']:,}" if name == "cold" else ""
            lines.append(
                f"| {size['n']:,} | {name} | {_n(size[f'{name}_wall_s'])} | "
                f"{_n(size[f'{name}_cpu_s'])} | {_n(size[f'{name}_peak_mib'], 0)} | "
                f"{_n(size[f'{name}_load_before'], 2)} | {pages} | {pps} |"
            )
    lines += ["", "| target | value | result |", "| --- | ---: | --- |"]
    for row in results["targets"]:
        unit = (
            "×"
            if row["id"].endswith("growth_5000")
            else (" MiB" if "memory" in row["id"] else " s")
        )
        extra = f" (CPU time {row['cpu_ratio']:.2f}×)" if "cpu_ratio" in row else ""
        value = _n(row["value"], 2 if unit == "×" else 1)
        lines.append(
            f"| {row['what']} | {value}{unit}{extra} | {'pass' if row['ok'] else 'FAIL'} |"
        )
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--once", default="5000", help="sizes measured with one run only (long runs)"
    )
    parser.add_argument("--out", type=Path, default=HERE, help="folder for results")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpora")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="replika-pdf-bench-"))
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    once = {int(s) for s in args.once.split(",") if s.strip()}
    measured: dict[int, dict[str, Any]] = {}
    for size in sizes:
        runs = 1 if size in once else args.runs
        print(f"N={size}: replika pdf, {runs} × (cold, cached)", file=sys.stderr, flush=True)
        measured[size] = measure_size(size, runs, work)
        if args.work is None:
            shutil.rmtree(work / f"korpus-{size}", ignore_errors=True)
        print(
            f"N={size}: cold {_n(measured[size]['cold_wall_s'])} s, "
            f"{_n(measured[size]['cold_peak_mib'], 0)} MiB",
            file=sys.stderr,
            flush=True,
        )
    results = {
        "date": dt.date.today().isoformat(),
        "runs": args.runs,
        "once": ", ".join(f"{n:,}" for n in sorted(once & set(sizes))) or "none",
        "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "sizes": [measured[s] for s in sizes],
        "targets": targets(measured),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pdf_results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    write_section(args.out / "RESULTS.md", markdown(results))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r["ok"] for r in results["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
