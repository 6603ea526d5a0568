"""Budgets of the forgiving search (issue 14), measured on a synthetic corpus.

    python bench/search_forgiving.py --size 5000 --work /tmp/bench-cari

1. Makes a project of ``--size`` synthetic records (``bench/corpus.py``), or
   reuses the one in ``--work``.
2. Times ``replika build --tanpa-pdf`` twice: as it is, and with the search
   index replaced by an empty one (``generator.search.index_files`` patched
   in the build process, so the forked indexer is skipped as well). The
   difference is what the index adds to the build. The indexer alone
   (``python -m generator.search --waktu``) is timed too.
3. Serves the built site (text gzip-compressed, as static hosts do) and, per
   query in a fresh headless Chromium, counts the bytes of every response under
   ``/cari-indeks/`` and ``/assets/cari.js`` (``bench/run.py``'s method):
   exact words, words being typed, slipped words.
4. Times the answer once the files have arrived: in the page, the search is
   run again with every file already loaded (``window.rpCari.engine``),
   median of 7 runs per query.

Writes ``search_forgiving.json`` next to this file (or ``--out``) and prints a
Markdown table for ``bench/RESULTS.md``. Single runs on a shared machine are
noisy: the load average is recorded with the times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from corpus import make_project  # noqa: E402
from run import CHROMIUM, CHROMIUM_ARGS, _one_search, static_server  # noqa: E402

QUERIES = {
    "exact": ("lumpur tinja", "bank sampah", "kredit jamban"),
    "prefix": ("penyedota", "kendar", "blita"),
    "slip": ("banjarmasn", "surabya", "retrbusi"),
}
FIRST_LIMIT = 60_000
FORGIVING_LIMIT = 100_000
BUILD_LIMIT = 0.15
ANSWER_LIMIT_MS = 50.0

NO_INDEX = """
import sys
from generator import search
search.index_files = lambda catalogue, check=None: {
    "manifest.json": b'{"dokumen":0}'
}
from generator.cli import main
sys.exit(main(["build", "--tanpa-pdf"]))
"""


def timed(cmd: list[str], cwd: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return elapsed


def _cold(project: Path) -> None:
    """Remove the site and the generated Markdown, so that a build starts from nothing."""
    for path in (project / "site", project / "docs" / "katalog"):
        shutil.rmtree(path, ignore_errors=True)


def builds(project: Path) -> dict[str, Any]:
    python = sys.executable
    load_before = os.getloadavg()
    _cold(project)
    without = timed([python, "-c", NO_INDEX], project)
    _cold(project)
    with_index = timed([python, "-m", "generator", "build", "--tanpa-pdf"], project)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    alone = subprocess.run(
        [python, "-m", "generator.search", "--waktu", "--keluaran", str(project / ".indeks")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    shutil.rmtree(project / ".indeks", ignore_errors=True)
    return {
        "build_s": round(with_index, 2),
        "build_without_index_s": round(without, 2),
        "added_fraction": round(with_index / without - 1, 3),
        "indexer_alone": json.loads(alone.stdout.strip().splitlines()[-1]),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "cpus": os.cpu_count(),
    }


def answer_ms(page: Any, query: str) -> float:
    return float(
        page.evaluate(
            """async (q) => {
                const e = window.rpCari.engine;
                await e.search(q, {});
                const times = [];
                for (let i = 0; i < 7; i++) {
                    const t = performance.now();
                    await e.search(q, {});
                    times.push(performance.now() - t);
                }
                times.sort((a, b) => a - b);
                return times[3];
            }""",
            query,
        )
    )


def browse(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with static_server(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for kind, queries in QUERIES.items():
                for n, query in enumerate(queries):
                    follow = queries[(n + 1) % len(queries)]
                    found = _one_search(browser, base, query, follow)
                    found.pop("files", None)
                    found.get("follow_up", {}).pop("files", None)
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{base}/cari/?q={urllib.parse.quote(query)}")
                    page.wait_for_function("() => window.rpCari && window.rpCari.engine")
                    found["answer_ms"] = round(answer_ms(page, query), 2)
                    context.close()
                    out.setdefault(kind, []).append(found)
        finally:
            browser.close()
    return out


def table(result: dict[str, Any]) -> str:
    b = result["build"]
    lines = [
        "| query | kind | results shown | requests | KB transferred | answer ms (files loaded) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for kind, found in result["search"].items():
        for q in found:
            lines.append(
                f"| {q['query']} | {kind} | {q.get('results_shown')} | {q.get('requests')} | "
                f"{q.get('transfer_bytes', 0) / 1000:.1f} | {q.get('answer_ms')} |"
            )
    first = max(q["transfer_bytes"] for q in result["search"]["exact"])
    forgiving = max(q["transfer_bytes"] for k in ("prefix", "slip") for q in result["search"][k])
    answer = max(q["answer_ms"] for found in result["search"].values() for q in found)
    lines += [
        "",
        "| target | limit | measured | result |",
        "|---|---|---|---|",
        f"| first search at {result['size']:,} | ≤ 60 KB | {first / 1000:.1f} KB (worst) | "
        f"{'✅ pass' if first <= FIRST_LIMIT else '❌ fail'} |",
        f"| a typed prefix or a slipped word | ≤ 100 KB | {forgiving / 1000:.1f} KB (worst) | "
        f"{'✅ pass' if forgiving <= FORGIVING_LIMIT else '❌ fail'} |",
        f"| index adds to `replika build --tanpa-pdf` | ≤ 15 % | "
        f"{b['added_fraction'] * 100:.1f} % ({b['build_s']} s vs {b['build_without_index_s']} s "
        f"without index) | {'✅ pass' if b['added_fraction'] <= BUILD_LIMIT else '❌ fail'} |",
        f"| answer after the files arrive | ≤ 50 ms | {answer:.1f} ms (worst median) | "
        f"{'✅ pass' if answer <= ANSWER_LIMIT_MS else '❌ fail'} |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=HERE / "search_forgiving.json")
    parser.add_argument("--skip-builds", action="store_true", help="reuse the built site")
    args = parser.parse_args(argv)
    project = args.work / f"n{args.size}"
    if not (project / "practices").is_dir():
        make_project(ROOT, project, args.size)
    result: dict[str, Any] = {"size": args.size, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ")}
    if args.skip_builds and args.out.is_file():
        result["build"] = json.loads(args.out.read_text())["build"]
    else:
        result["build"] = builds(project)
    result["search"] = browse(project / "site")
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
