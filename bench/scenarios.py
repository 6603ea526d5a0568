"""What the benchmark measures for one corpus size, stage by stage.

For every size N a project of N synthetic records is generated
(``bench/corpus.py``); then in order: the in-process stages
(``bench/stages.py``), ``replika validate``, ``replika export``, cold builds
interleaved with the two baselines (a bare ``mkdocs build`` of the same
Markdown, the search indexer alone), the built site's sizes, a no-op rebuild,
and outside ``--quick`` the bytes of one search, edit-while-serving latency and
the PDFs. Each step adds its keys to the size's dict in ``results.json``;
``bench/measure.py`` does the timing.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import corpus
from commands import (
    QUIET_MKDOCS,
    build_command,
    cli_commands,
    pdf_command,
    replika_command,
    reset,
    search_index_command,
)
from measure import (
    HERE,
    REPO,
    Measure,
    accumulate,
    compare,
    log,
    measure,
    median_or_none,
    run_once,
    snapshot,
    tree_size,
)
from search_bytes import SEARCH_INDEX, search_bytes
from serve_edit import serve_latency

STAGE_KEYS = ("import", "load", "validate", "catalogue", "render")


def bench_size(size: int, args: argparse.Namespace, work: Path, first: bool) -> dict[str, Any]:
    """Every measurement at corpus size ``size`` (the first size also checks validity)."""
    project = work / f"n{size}"
    scratch = work / f"n{size}-scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {"size": size}
    log(f"N={size}: generating corpus")
    started = time.perf_counter()
    paths = corpus.make_project(REPO, project, size)
    out["generate_s"] = time.perf_counter() - started
    out["corpus_bytes"] = sum(p.stat().st_size for p in paths)
    ids = [p.stem for p in paths]
    if first:  # prove the generated records are valid, in-process
        out["in_process_check"] = in_process_check(project)
    log(f"N={size}: in-process stages x{args.build_runs(size)}")
    out.update(in_process_stages(project, args.build_runs(size)))
    validate_and_export(out, size, project, scratch, args.runs, first)
    build = build_command()
    if build is None:
        out["build"] = {"error": "stage missing: no `replika build`"}
        return out
    cold = cold_builds(out, size, project, scratch, work, args, build)
    if not cold.ok:
        return out
    site_sizes(out, project, ids)
    log(f"N={size}: no-op rebuild x{args.runs}")
    noop_build(out, project, scratch, build, args.runs)
    if args.quick:
        return out
    slow_stages(out, size, project, scratch, paths, args)
    return out


def in_process_check(project: Path) -> dict[str, Any]:
    """``check_project`` on the generated records: how many, and their problems (none expected)."""
    from generator.project import find_project
    from generator.stages.validate import check_project

    checked = check_project(find_project(project))
    return {
        "records": len(checked.practices),
        "problems": [str(p) for p in checked.problems[:20]],
        "problem_count": len(checked.problems),
    }


def in_process_stages(project: Path, runs: int) -> dict[str, Any]:
    """``bench/stages.py`` in a fresh interpreter ``runs`` times: raw runs and medians."""
    stage_runs = []
    for _ in range(runs):
        code, text, _elapsed = run_once(
            [sys.executable, str(HERE / "stages.py"), str(project)], REPO
        )
        try:
            stage_runs.append(json.loads(text.strip().splitlines()[-1]))
        except (json.JSONDecodeError, IndexError):
            stage_runs.append({"error": text[-1500:], "exit": code})
    out: dict[str, Any] = {"stages_raw": stage_runs}
    out["stages"] = {k: median_or_none([r.get(k) for r in stage_runs]) for k in STAGE_KEYS}
    errors = {r.get("render_error") for r in stage_runs if r.get("render_error")}
    if errors:
        out["stages_errors"] = sorted(errors)
    out["pages"] = stage_runs[-1].get("pages")
    out["markdown_bytes"] = stage_runs[-1].get("markdown_bytes")
    return out


def validate_and_export(
    out: dict[str, Any], size: int, project: Path, scratch: Path, runs: int, first: bool
) -> None:
    """``replika validate`` (and whether the corpus passed), then ``replika export``."""
    log(f"N={size}: replika validate x{runs}")
    validate = measure(
        [*replika_command(), "validate"], project, runs, scratch=scratch, name="validate"
    )
    out["validate_cmd"] = validate.summary()
    out["corpus_valid"] = validate.ok and (
        not first or out["in_process_check"]["problem_count"] == 0
    )
    if "export" not in cli_commands():
        return
    log(f"N={size}: replika export (open data) x{runs}")
    data_dir = scratch / "data"
    export = measure(
        [*replika_command(), "export", "--keluaran", str(data_dir)],
        project,
        runs,
        prepare=["rm", "-rf", str(data_dir)],
        scratch=scratch,
        name="export",
    )
    out["export"] = export.summary()
    out["export_files"] = tree_size(data_dir)


def cold_builds(
    out: dict[str, Any],
    size: int,
    project: Path,
    scratch: Path,
    work: Path,
    args: argparse.Namespace,
    build: list[str],
) -> Measure:
    """Cold builds, each followed by the two baselines (outside ``--quick``).

    Interleaved rounds (build, bare mkdocs, indexer, build, ...): on a shared
    machine a burst of load then hits all three alike instead of one of them.
    """
    rounds = args.build_runs(size)
    bare = work / f"n{size}-bare"
    index_out = scratch / "search-index-baseline"
    cold = mkdocs = index = None
    for n in range(rounds):
        log(f"N={size}: round {n + 1}/{rounds}: cold {shlex.join(build[-2:])}")
        part = measure(build, project, 1, prepare=reset(project), scratch=scratch, name="cold")
        cold = accumulate(cold, part)
        if not part.ok:
            break
        if args.quick:
            continue
        if n == 0:
            make_bare_project(project, bare)
        log(f"N={size}: round {n + 1}/{rounds}: bare mkdocs build, search indexer alone")
        bare_part, index_part = baselines(project, bare, index_out, scratch)
        mkdocs = accumulate(mkdocs, bare_part)
        index = accumulate(index, index_part)
    assert cold is not None
    out["build"] = cold.summary()
    if mkdocs is not None and index is not None:
        out["mkdocs_bare"] = mkdocs.summary()
        out["search_index"] = index.summary()
        out["search_index_files"] = tree_size(index_out / SEARCH_INDEX)
    return cold


def baselines(project: Path, bare: Path, index_out: Path, scratch: Path) -> tuple[Measure, Measure]:
    """One bare ``mkdocs build`` of the same Markdown and one run of the search indexer."""
    mkdocs = measure(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        bare,
        1,
        prepare=["rm", "-rf", str(bare / "site")],
        scratch=scratch,
        name="bare",
        env=QUIET_MKDOCS,
    )
    index = measure(
        search_index_command(index_out),
        project,
        1,
        prepare=["rm", "-rf", str(index_out)],
        scratch=scratch,
        name="search-index",
    )
    return mkdocs, index


def site_sizes(out: dict[str, Any], project: Path, ids: Sequence[str]) -> None:
    """Files and bytes of the built site, the generated Markdown, and the practice pages."""
    site = project / "site"
    out["site"] = tree_size(site)
    out["katalog_markdown"] = tree_size(project / "docs" / "katalog")
    pages = practice_pages(site, ids)
    if pages:
        out["practice_html"] = page_stats(pages)


def noop_build(
    out: dict[str, Any], project: Path, scratch: Path, build: list[str], runs: int
) -> None:
    """The build again with nothing changed, and which ``docs/katalog`` files it touched."""
    katalog = project / "docs" / "katalog"
    before = snapshot(katalog)
    noop = measure(build, project, runs, scratch=scratch, name="build-noop")
    out["noop"] = noop.summary()
    out["noop_files"] = compare(before, snapshot(katalog))


def slow_stages(
    out: dict[str, Any],
    size: int,
    project: Path,
    scratch: Path,
    paths: Sequence[Path],
    args: argparse.Namespace,
) -> None:
    """Search bytes in Chromium, edit-while-serving and PDFs (left out by ``--quick``)."""
    log(f"N={size}: bytes for one search (headless Chromium)")
    out["search"] = search_bytes(project / "site")
    if size in args.serve_sizes:
        log(f"N={size}: edit-while-serving latency")
        try:
            from generator.present import practice_url

            page = practice_url(paths[0].stem)
        except ImportError:
            page = ""
        out["serve"] = serve_latency(project, paths[0], page, edits=args.serve_edits)
    if size <= args.pdf_max:
        log(f"N={size}: replika pdf (cold, then unchanged)")
        out["pdf"] = pdf_stage(project, scratch)
    else:
        out["pdf"] = {"skipped": f"PDFs timed only for N ≤ {args.pdf_max}"}


def practice_pages(site: Path, ids: Sequence[str]) -> dict[str, int]:
    """HTML bytes of each practice's page in the built site (id → bytes)."""
    try:
        from generator.present import practice_url
    except ImportError:
        return {}
    sizes = {}
    for pid in ids:
        page = site / practice_url(pid) / "index.html"
        if page.exists():
            sizes[pid] = page.stat().st_size
    return sizes


def page_stats(pages: dict[str, int]) -> dict[str, Any]:
    """Count, median and largest of the practice pages' HTML bytes."""
    sizes = sorted(pages.values())
    return {
        "pages": len(sizes),
        "median_bytes": statistics.median(sizes),
        "max_bytes": sizes[-1],
        "max_page": max(pages, key=pages.__getitem__),
    }


def _env_value(loader: Any, node: Any) -> Any:
    """``!ENV VAR`` or ``!ENV [VAR, ..., default]``: the first variable set, else the default."""
    import os

    import yaml

    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_object(n) for n in node.value]
        names, default = items[:-1] or items, items[-1] if len(items) > 1 else None
    return next((os.environ[n] for n in names if os.environ.get(n)), default)


def bare_config(project: Path, target: Path) -> None:
    """The project's mkdocs.yml without Replika's own hooks/plugins, written to ``target``.

    The generated Markdown stays; only what Replika adds to MkDocs goes, so
    the bare build is "what MkDocs itself costs for the same pages".
    """
    import yaml

    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # mkdocs.yml may carry !!python/name tags (emoji extensions); keep them as text.
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor(
        "tag:yaml.org,2002:python/", lambda _l, suffix, node: f"!!python/{suffix}"
    )
    loader.add_constructor("!ENV", _env_value)  # resolved as MkDocs does
    loader.add_multi_constructor("!", lambda _l, suffix, node: f"!{suffix}")
    config = yaml.load(text, Loader=loader)
    config.pop("hooks", None)
    if not config.get("site_url"):  # `!ENV [REPLIKA_SITE_URL, ""]` unset: no address
        config.pop("site_url", None)
    plugins = config.get("plugins")
    if isinstance(plugins, list):
        config["plugins"] = [
            p
            for p in plugins
            if "replika" not in json.dumps(p) and "generator" not in json.dumps(p)
        ]
    dumped = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    dumped = re.sub(r"'(!!python/[^']+)'", r"\1", dumped)
    (target / "mkdocs.yml").write_text(dumped, encoding="utf-8")


def make_bare_project(project: Path, bare: Path) -> None:
    """The generated docs (hand-written + ``docs/katalog``) with a plain mkdocs.yml."""
    shutil.rmtree(bare, ignore_errors=True)
    bare.mkdir()
    shutil.copytree(project / "docs", bare / "docs")
    for extra in ("overrides", "theme", "hooks", "assets", "templates"):
        if (project / extra).is_dir():
            shutil.copytree(project / extra, bare / extra)
    bare_config(project, bare)


def pdf_stage(project: Path, scratch: Path) -> dict[str, Any]:
    """Cold PDF run (time, memory), then a second run with nothing changed.

    Re-rendered briefs on the second run are counted two ways: the lines the
    command prints for each PDF it renders (``PDF ringkasan dibuat: <id>``),
    and the PDFs in the render cache (``.cache/``) that were rewritten or added.
    """
    output = project / "pdf-keluaran"
    cmd = pdf_command(output)
    if cmd is None:
        return {"error": "stage missing: no `replika pdf`"}
    out: dict[str, Any] = {"command": shlex.join(cmd)}
    # A cold start: no PDF cache and no earlier output.
    cold_start = ["rm", "-rf", str(project / ".cache" / "pdf"), str(output)]
    if cmd[-1] == "build":
        cold_start = reset(project)
    cold = measure(cmd, project, 1, prepare=cold_start, scratch=scratch, name="pdf-cold")
    out["cold"] = cold.summary()
    if not cold.ok:
        return out
    before = _pdfs(project)
    written = {k: v for k, v in before.items() if not k.startswith(".cache/")}
    out["pdf_files"] = len(written)  # the output, without the cache's copies
    out["pdf_bytes"] = sum(v[2] for v in written.values())
    if not before:
        out["error"] = f"stage missing: `{out['command']}` wrote no PDF"
        return out
    out.update(_pdf_second_run(cmd, project, before))
    return out


def _pdf_second_run(
    cmd: list[str], project: Path, before: dict[str, tuple[int, int, int]]
) -> dict[str, Any]:
    """The PDF command again, nothing changed: how many briefs it rendered anyway."""
    out: dict[str, Any] = {}
    started = time.perf_counter()
    again = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
    out["second_s"] = time.perf_counter() - started
    text = again.stdout + again.stderr
    out["second_output"] = text[-1500:]
    out["second_exit"] = again.returncode
    summary = re.search(r"(\d+) ringkasan dibuat", text)  # "✓ PDF: ..., 0 ringkasan dibuat, ..."
    out["rerendered_reported"] = (
        int(summary.group(1)) if summary else len(re.findall(r"PDF ringkasan dibuat", text))
    )
    cache = {k: v for k, v in before.items() if k.startswith(".cache/")}
    after = {k: v for k, v in _pdfs(project).items() if k.startswith(".cache/")}
    diff = compare(cache, after)
    out["cache_pdfs"] = len(cache)
    out["cache_rewritten"] = diff["rewritten"] + diff["added"]
    out["rerendered"] = max(out["rerendered_reported"], out["cache_rewritten"])
    return out


def _pdfs(project: Path) -> dict[str, tuple[int, int, int]]:
    """Every PDF in the project: relative path → (inode, mtime_ns, size)."""
    return {k: v for k, v in snapshot(project).items() if k.endswith(".pdf")}


def bundled_records(work: Path) -> dict[str, Any]:
    """Page sizes of the checkout's own records, built the same way (realism check)."""
    records = [p for p in sorted((REPO / "practices").glob("*.yaml")) if not p.name.startswith("_")]
    out: dict[str, Any] = {
        "records": len(records),
        "avg_yaml_bytes": statistics.mean(p.stat().st_size for p in records) if records else None,
    }
    build = build_command()
    if build is None or not records:
        return out
    project = work / "bundled"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in corpus.PROJECT_ITEMS:
        item = REPO / name
        if item.is_dir():
            shutil.copytree(item, project / name, ignore=shutil.ignore_patterns("katalog"))
        elif item.is_file():
            shutil.copy2(item, project / name)
    shutil.copytree(REPO / "practices", project / "practices")
    code, text, elapsed = run_once(build, project)
    if code != 0:
        out["error"] = f"exit {code}: {text[-800:]}"
        return out
    pages = practice_pages(project / "site", [p.stem for p in records])
    if pages:
        out["practice_html"] = page_stats(pages)
    out["build_s"] = elapsed
    return out
