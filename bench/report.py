"""Targets (pass/fail) and the readable ``RESULTS.md`` from a results dict.

Nothing here measures anything: every number comes from ``results.json``;
a target whose measurement is missing is "not measured" with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KB = 1000  # the targets' KB: 1,000 bytes (the stricter reading)

PASS, FAIL, MISSING = "pass", "FAIL", "not measured"


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _size(results: dict[str, Any], n: int) -> dict[str, Any] | None:
    return results.get("sizes", {}).get(str(n))


def _missing_reason(results: dict[str, Any], n: int, *keys: str) -> str:
    size = _size(results, n)
    if size is None:
        return f"N={n} not run"
    for key in keys:
        value = size.get(key)
        if value is None:
            if results.get("settings", {}).get("quick"):
                return "skipped in --quick mode"
            return f"stage missing ({key})"
        if isinstance(value, dict) and value.get("error"):
            return str(value["error"]).splitlines()[0][:160]
        if isinstance(value, dict) and value.get("skipped"):
            return str(value["skipped"])
    return "no value"


def _target(
    tid: str,
    label: str,
    limit: str,
    value: float | None,
    ok: bool | None,
    measured: str,
    reason: str = "",
) -> dict[str, Any]:
    status = MISSING if value is None or ok is None else (PASS if ok else FAIL)
    return {
        "id": tid,
        "label": label,
        "limit": limit,
        "value": value,
        "measured": measured if value is not None else f"{MISSING} ({reason})",
        "status": status,
    }


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue #6 with its measured value and pass/fail."""
    out: list[dict[str, Any]] = []

    # 1. full build vs bare MkDocs + the search indexer's own run at 1,000
    build = _get(_size(results, 1000), "build", "median_s")
    bare = _get(_size(results, 1000), "mkdocs_bare", "median_s")
    index = _get(_size(results, 1000), "search_index", "median_s")
    ratio = build / (bare + index) if None not in (build, bare, index) else None
    out.append(
        _target(
            "build_overhead_1000",
            "`replika build --tanpa-pdf` at 1,000 vs bare `mkdocs build` + search indexer",
            "≤ 1.10×",
            ratio,
            ratio is not None and ratio <= 1.10,
            f"{ratio:.2f}× ({build:.1f} s vs {bare:.1f} s + {index:.1f} s)" if ratio else "",
            _missing_reason(results, 1000, "build", "mkdocs_bare", "search_index"),
        )
    )

    # 2. linear growth 1,000 → 5,000 (time and memory of the full build)
    for key, what, unit in (("median_s", "time", "s"), ("median_rss_mib", "peak memory", "MiB")):
        small = _get(_size(results, 1000), "build", key)
        large = _get(_size(results, 5000), "build", key)
        growth = large / small if small and large else None
        out.append(
            _target(
                f"growth_build_{what.split()[-1]}",
                f"growth of the full build 1,000 → 5,000 ({what})",
                "≤ 5.5×",
                growth,
                growth is not None and growth <= 5.5,
                f"{growth:.2f}× ({small:.1f} → {large:.1f} {unit})" if growth else "",
                _missing_reason(results, 5000, "build")
                if _size(results, 5000)
                else "N=5000 not run",
            )
        )

    # 3. validate, whole command
    for n, limit in ((1000, 1.5), (5000, 6.0)):
        value = _get(_size(results, n), "validate_cmd", "median_s")
        first = _get(_size(results, n), "validate_cmd_first_run", "median_s")
        earlier = f"; {first:.2f} s in the main run" if first and first != value else ""
        out.append(
            _target(
                f"validate_{n}",
                f"`replika validate` at {n:,} (whole command, incl. Python start-up)",
                f"≤ {limit} s",
                value,
                value is not None and value <= limit,
                f"{value:.2f} s (median{earlier})" if value is not None else "",
                _missing_reason(results, n, "validate_cmd"),
            )
        )

    # 4a. no-op build rewrites nothing in docs/katalog
    noops = {
        n: _get(s, "noop_files")
        for n, s in results.get("sizes", {}).items()
        if _get(s, "noop_files") is not None
    }
    if noops:
        touched = {n: v["rewritten"] + v["added"] + v["removed"] for n, v in noops.items()}
        worst = max(touched.values())
        files = ", ".join(
            f"N={n}: {t} of {noops[n]['files_before']}"
            for n, t in sorted(touched.items(), key=lambda kv: int(kv[0]))
        )
        out.append(
            _target(
                "noop_rewrites",
                "no-op `replika build` rewrites no unchanged `docs/katalog/**` file",
                "0 files",
                float(worst),
                worst == 0,
                f"{files} files rewritten/added/removed",
            )
        )
    else:
        out.append(
            _target(
                "noop_rewrites",
                "no-op `replika build` rewrites no unchanged `docs/katalog/**` file",
                "0 files",
                None,
                None,
                "",
                _missing_reason(results, 1000, "build"),
            )
        )

    # 4b. edit while serving at 1,000
    serve = _get(_size(results, 1000), "serve")
    worst = _get(serve, "max_s") if serve else None
    median = _get(serve, "median_s") if serve else None
    out.append(
        _target(
            "serve_edit_1000",
            "edit one record while `replika serve` runs at 1,000: change visible",
            "≤ 3 s",
            worst,
            worst is not None and worst <= 3.0 and not (serve or {}).get("error"),
            f"worst {worst:.1f} s, median {median:.1f} s of {len(serve['latencies_s'])} edits"
            if worst is not None
            else "",
            (serve or {}).get("error") or _missing_reason(results, 1000, "serve"),
        )
    )

    # 5a. practice page HTML
    sizes = [
        (int(n), _get(s, "practice_html"))
        for n, s in results.get("sizes", {}).items()
        if _get(s, "practice_html")
    ]
    bundled_html = _get(results.get("bundled"), "practice_html")
    if bundled_html:
        sizes.append((0, bundled_html))  # N=0 marks the checkout's own records
    if sizes:
        n, html = max(sizes, key=lambda item: item[1]["max_bytes"])
        out.append(
            _target(
                "practice_html",
                "HTML of a practice page",
                "≤ 60 KB",
                html["max_bytes"] / KB,
                html["max_bytes"] <= 60 * KB,
                f"largest {html['max_bytes'] / KB:.1f} KB, median {html['median_bytes'] / KB:.1f} KB "
                + (f"(synthetic, N={n:,})" if n else "(the checkout's own records)"),
            )
        )
    else:
        out.append(
            _target(
                "practice_html",
                "HTML of a practice page",
                "≤ 60 KB",
                None,
                None,
                "",
                _missing_reason(results, 1000, "build", "practice_html"),
            )
        )

    # 5b. bytes for one search at 5,000
    search = _get(_size(results, 5000), "search")
    worst = _get(search, "max_bytes") if search else None
    out.append(
        _target(
            "search_bytes_5000",
            "bytes a browser fetches for one search at 5,000",
            "≤ 150 KB",
            worst / KB if worst else None,
            worst is not None and worst <= 150 * KB,
            f"worst {worst / KB:.1f} KB transferred (median {search['median_bytes'] / KB:.1f} KB; "
            f"{search['max_decoded_bytes'] / KB:.1f} KB uncompressed) over "
            f"{len(search['queries'])} queries"
            if worst
            else "",
            (search or {}).get("error") or _missing_reason(results, 5000, "search"),
        )
    )

    # 6. PDFs: unchanged records are not re-rendered
    pdfs = [
        (int(n), s["pdf"])
        for n, s in results.get("sizes", {}).items()
        if _get(s, "pdf", "cold", "median_s") is not None and "rerendered" in s["pdf"]
    ]
    if pdfs:
        n, pdf = min(pdfs, key=lambda item: item[0])
        again = pdf["rerendered"]
        out.append(
            _target(
                "pdf_unchanged",
                "second `replika pdf` run re-renders no unchanged brief",
                "0 re-rendered",
                float(again),
                again == 0 and pdf.get("second_exit") == 0,
                f"{again} re-rendered on the second "
                + ("`replika pdf`" if " pdf" in pdf["command"] else "`replika build`")
                + " "
                f"(N={n:,}: {pdf['rerendered_reported']} reported by the command, "
                f"{pdf['cache_rewritten']} of {pdf['cache_pdfs']} cached PDFs rewritten; "
                f"second run {pdf['second_s']:.1f} s)",
            )
        )
    else:
        size = _size(results, min((int(k) for k in results.get("sizes", {})), default=100))
        pdf = (size or {}).get("pdf")
        reason = (
            (pdf or {}).get("error")
            or _get(pdf, "cold", "error")
            or (
                "skipped in --quick mode" if results.get("settings", {}).get("quick") else "not run"
            )
        )
        out.append(
            _target(
                "pdf_unchanged",
                "second `replika pdf` run re-renders no unchanged brief",
                "0 re-rendered",
                None,
                None,
                "",
                str(reason).splitlines()[0][:160],
            )
        )
    return out


# ----------------------------------------------------------------------------- markdown


def _s(value: Any, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _mib(value: Any) -> str:
    return "–" if value is None else f"{value:.0f}"


def _kb(value: Any) -> str:
    return "–" if value is None else f"{value / KB:,.1f}"


def _cell(size: dict[str, Any], key: str, field: str = "median_s") -> str:
    item = size.get(key)
    if item is None:
        return "–"
    if isinstance(item, dict) and item.get("error"):
        return "not measured"
    if isinstance(item, dict) and item.get("skipped"):
        return "skipped"
    value = item.get(field) if isinstance(item, dict) else None
    if field.endswith("rss_mib"):
        return _mib(value)
    return _s(value)


def markdown(results: dict[str, Any]) -> str:
    meta, settings = results.get("meta", {}), results.get("settings", {})
    sizes = [results["sizes"][k] for k in sorted(results.get("sizes", {}), key=int)]
    head = "| | " + " | ".join(f"N = {s['size']:,}" for s in sizes) + " |"
    rule = "|---|" + "---:|" * len(sizes)

    def row(label: str, cells: list[str]) -> str:
        return f"| {label} | " + " | ".join(cells) + " |"

    def stage(name: str) -> list[str]:
        return [_s(s.get("stages", {}).get(name)) for s in sizes]

    lines = [
        "# Replika benchmark results",
        "",
        f"Generated by `{settings.get('command', 'python bench/run.py')}` on "
        f"{meta.get('date', '?')} (Python {meta.get('python', '?')}, "
        f"{meta.get('cores', '?')} cores, {meta.get('cpu', '?')}, {meta.get('memory', '?')} RAM).",
        "",
        "**The machine is shared**: other engineers ran tests and builds at the same time, so "
        "single runs are noisy. Every time is the **median** of "
        f"{settings.get('runs', '?')} runs"
        + (
            f" ({settings['build_runs_large']} for in-process stages, cold builds and baselines "
            "at N = 5,000)"
            if settings.get("build_runs_large")
            else ""
        )
        + "; raw runs are in `bench/results.json`. Load average at start "
        + ", ".join(f"{x:.2f}" for x in meta.get("load_average_start", []))
        + ", at end "
        + ", ".join(f"{x:.2f}" for x in meta.get("load_average_end", []) or [])
        + ".",
        "",
        f"Versions: {', '.join(f'{k} {v}' for k, v in meta.get('versions', {}).items())}; "
        f"{meta.get('hyperfine') or 'no hyperfine (subprocess timing)'}; "
        f'peak memory from GNU `time` (`%M`, the "Maximum resident set size" of `time -v`)'
        + ("" if meta.get("gnu_time") else " — **not available on this machine**")
        + ". Code: commit "
        + str(_get(meta, "git", "commit"))
        + f" plus {_get(meta, 'git', 'uncommitted_files')} uncommitted files of the shared "
        "checkout, copied at the start so that every size runs the same code."
        + "".join(
            f" **{what}** was re-measured in a separate step on "
            f"{settings[f'{key}_measured']['date']} (`python bench/run.py --update {key}`, "
            "same corpora, the code of that moment"
            + (f", {settings[f'{key}_measured']['runs']} runs" if key == "validate" else "")
            + ")."
            for key, what in (("pdf", "`replika pdf`"), ("validate", "`replika validate`"))
            if settings.get(f"{key}_measured")
        ),
        "",
        "## Targets",
        "",
        "| target | limit | measured | result |",
        "|---|---|---|---|",
    ]
    for t in results.get("targets") or targets(results):
        mark = {"pass": "✅ pass", "FAIL": "❌ FAIL"}.get(t["status"], "⚪ " + t["status"])
        lines.append(f"| {t['label']} | {t['limit']} | {t['measured']} | {mark} |")
    lines += [
        "",
        "KB = 1,000 bytes. Notes on every failed or unmeasured target are under "
        "[Analysis](#analysis).",
        "",
        "## Times (seconds, median) and memory",
        "",
        head,
        rule,
        row(
            "corpus: records / YAML KB",
            [f"{s['size']:,} / {_kb(s.get('corpus_bytes'))}" for s in sizes],
        ),
        row("corpus valid", ["yes" if s.get("corpus_valid") else "**no**" for s in sizes]),
        row("in-process: import validator modules", stage("import")),
        row("in-process: load (read + compose YAML)", stage("load")),
        row("in-process: validate (`check_project`)", stage("validate")),
        row("in-process: catalogue (`build_catalogue`)", stage("catalogue")),
        row("in-process: render Markdown (`render_site`)", stage("render")),
        row("`replika validate` (whole command)", [_cell(s, "validate_cmd") for s in sizes]),
        row("`replika export` (open data JSON + CSV)", [_cell(s, "export") for s in sizes]),
        row("`replika build --tanpa-pdf`, cold", [_cell(s, "build") for s in sizes]),
        row("`replika build --tanpa-pdf`, no-op rebuild", [_cell(s, "noop") for s in sizes]),
        row(
            "baseline: bare `mkdocs build`, same Markdown", [_cell(s, "mkdocs_bare") for s in sizes]
        ),
        row(
            "baseline: search indexer alone (`python -m generator.outputs.search`)",
            [_cell(s, "search_index") for s in sizes],
        ),
        row(
            "build ÷ (bare mkdocs + search indexer)",
            [_s(_ratio(s, "build", ("mkdocs_bare", "search_index"))) for s in sizes],
        ),
        row("no-op ÷ cold build", [_s(_ratio(s, "noop", ("build",))) for s in sizes]),
        row(
            "`replika pdf`, cold (N ≤ " + str(settings.get("pdf_max", "?")) + ")",
            [_pdf(s) for s in sizes],
        ),
        row(
            "`replika pdf`, second run (nothing changed)",
            [_s(_get(s, "pdf", "second_s")) for s in sizes],
        ),
        row(
            "CPU s (user + sys): `replika validate`",
            [_cell(s, "validate_cmd", "median_cpu_s") for s in sizes],
        ),
        row(
            "CPU s (user + sys): `replika build`, cold",
            [_cell(s, "build", "median_cpu_s") for s in sizes],
        ),
        row(
            "CPU s (user + sys): bare `mkdocs build`",
            [_cell(s, "mkdocs_bare", "median_cpu_s") for s in sizes],
        ),
        row(
            "CPU s (user + sys): search indexer",
            [_cell(s, "search_index", "median_cpu_s") for s in sizes],
        ),
        row(
            "peak RSS MiB: `replika validate`",
            [_cell(s, "validate_cmd", "median_rss_mib") for s in sizes],
        ),
        row(
            "peak RSS MiB: `replika build`, cold",
            [_cell(s, "build", "median_rss_mib") for s in sizes],
        ),
        row(
            "peak RSS MiB: bare `mkdocs build`",
            [_cell(s, "mkdocs_bare", "median_rss_mib") for s in sizes],
        ),
        row(
            "peak RSS MiB: search indexer",
            [_cell(s, "search_index", "median_rss_mib") for s in sizes],
        ),
        row(
            "peak RSS MiB: `replika pdf`, cold",
            [_mib(_get(s, "pdf", "cold", "median_rss_mib")) for s in sizes],
        ),
        "",
        "## Sizes",
        "",
        head,
        rule,
        row("generated pages (Markdown)", [str(s.get("pages") or "–") for s in sizes]),
        row("site: files", [str(_get(s, "site", "files") or "–") for s in sizes]),
        row(
            "site: MB",
            [_s((_get(s, "site", "bytes") or 0) / 1e6, 1) if s.get("site") else "–" for s in sizes],
        ),
        row(
            "PDFs written: files / MB (briefs + catalogue, N ≤ "
            + str(settings.get("pdf_max", "?"))
            + ")",
            [
                f"{_get(s, 'pdf', 'pdf_files')} / {_get(s, 'pdf', 'pdf_bytes') / 1e6:.1f}"
                if _get(s, "pdf", "pdf_bytes")
                else "–"
                for s in sizes
            ],
        ),
        row(
            "search index (`cari-indeks/`): MB",
            [
                _s(_get(s, "search_index_files", "bytes") / 1e6, 1)
                if _get(s, "search_index_files", "bytes")
                else "–"
                for s in sizes
            ],
        ),
        row(
            "practice page HTML KB, median",
            [_kb(_get(s, "practice_html", "median_bytes")) for s in sizes],
        ),
        row(
            "practice page HTML KB, largest",
            [_kb(_get(s, "practice_html", "max_bytes")) for s in sizes],
        ),
        row(
            "one search: KB fetched, median of queries",
            [_kb(_get(s, "search", "median_bytes")) for s in sizes],
        ),
        row(
            "one search: KB fetched, worst query",
            [_kb(_get(s, "search", "max_bytes")) for s in sizes],
        ),
        row(
            "a further search on the same page: KB fetched, median",
            [_kb(_get(s, "search", "follow_up_median_bytes")) for s in sizes],
        ),
        row(
            "edit while serving: seconds until visible (worst)",
            [
                _s(_get(s, "serve", "max_s"), 1) if _get(s, "serve", "max_s") is not None else "–"
                for s in sizes
            ],
        ),
        "",
    ]
    bundled = results.get("bundled") or {}
    if bundled.get("practice_html"):
        html = bundled["practice_html"]
        lines += [
            f"For comparison, the checkout's own {bundled['records']} records (average "
            f"{bundled['avg_yaml_bytes'] / KB:.1f} KB of YAML; the synthetic ones average "
            + f"{_synthetic_avg(sizes) / KB:.1f} KB"
            + f") give practice pages of median {html['median_bytes'] / KB:.1f} KB, largest "
            f"{html['max_bytes'] / KB:.1f} KB (`{html['max_page']}`).",
            "",
        ]
    elif bundled.get("error"):
        lines += [f"The checkout's own records could not be built: {bundled['error'][:200]}", ""]
    lines += _search_detail(sizes)
    lines += [
        "## Method",
        "",
        "* **Corpus**: `bench/corpus.py` builds records as dicts with the Indonesian keys, "
        "cycling through `generator.vocab` and the regions of `practices/_wilayah.yaml`; prose "
        "is assembled from sentences of the bundled records plus invented kelurahan names and "
        "numbers; every record has 2–6 sources and most have replications, instruments, "
        "results, costs and related links. "
        "The smallest corpus is validated in-process (`check_project`, 0 problems expected); "
        "every corpus must pass `replika validate`.",
        "* **In-process stages** (`bench/stages.py`): a fresh interpreter per run times module "
        "import, loading, `check_project`, `build_catalogue` and `render_site` separately.",
        "* **Whole commands**: hyperfine (`-N`, no warm-up) with a `--prepare` that deletes "
        "`site/`, `docs/katalog/` and `.cache/` before each cold build; the no-op rebuild runs "
        "the same command again with nothing changed, and the mtime/inode of every "
        "`docs/katalog/**` file is compared before and after.",
        "* **Baselines**: the generated `docs/` (hand-written pages + `docs/katalog/`) copied to "
        "a second folder with `mkdocs.yml` minus Replika's hooks/plugins, built with "
        "`mkdocs build`; the search indexer's own run (`python -m generator.outputs.search --waktu "
        "--keluaran DIR`: validate, catalogue and index the same records, no MkDocs), writing "
        "its files elsewhere.",
        "* **Search bytes**: measured for real in headless Chromium (Debian `/usr/bin/chromium` "
        "via Playwright, never `playwright install`) against the built site served on "
        "loopback by a static server that gzips HTML/CSS/JS/JSON as static hosts do. Per "
        "query a fresh browser context (empty cache) opens the site's own search page with "
        "the query in the address (`/cari/?q=...`, the page `docs/assets/cari.js` drives) and "
        "waits until the results are listed; every response under `/cari-indeks/` is counted "
        "(pointer, manifest, the term shards of the query words, the display rows of the "
        "results shown, the facet lists when a filter is set) plus `assets/cari.js`. "
        "*Transferred* = bytes on the wire (gzip); *decoded* = bytes after HTTP "
        "decompression. A second query is then "
        "typed into the same page: its cost is the *further search* row.",
        "* **Edit while serving**: `replika serve` on a free loopback port; one record's "
        "`ringkasan` is rewritten with a unique token and the practice page URL is polled "
        "every 0.1 s until the token appears (bounded at 60 s).",
        "",
    ]
    notes = HERE / "notes.md"
    lines.append("## Analysis")
    lines.append("")
    if notes.exists():
        lines.append(notes.read_text(encoding="utf-8").strip())
    else:
        lines.append("(no analysis written yet)")
    lines.append("")
    return "\n".join(lines)


def _synthetic_avg(sizes: list[dict[str, Any]]) -> float:
    done = [s for s in sizes if s.get("corpus_bytes")]
    return sum(s["corpus_bytes"] for s in done) / max(1, sum(s["size"] for s in done))


def _ratio(size: dict[str, Any], top: str, bottom: tuple[str, ...]) -> float | None:
    upper = _get(size, top, "median_s")
    lower = [_get(size, b, "median_s") for b in bottom]
    if upper is None or None in lower or not sum(lower):
        return None
    return upper / sum(lower)


def _pdf(size: dict[str, Any]) -> str:
    pdf = size.get("pdf")
    if not pdf:
        return "–"
    if pdf.get("skipped"):
        return "not timed"
    if pdf.get("error"):
        return "not measured"
    return _s(_get(pdf, "cold", "median_s"))


def _search_detail(sizes: list[dict[str, Any]]) -> list[str]:
    rows = []
    for s in sizes:
        for q in _get(s, "search", "queries") or []:
            if "transfer_bytes" not in q:
                continue
            kinds = ", ".join(f"{k} {v / KB:.1f}" for k, v in sorted(q["by_kind"].items()))
            rows.append(
                f"| {s['size']:,} | {q['query']} | {q['results_shown']} | {q['requests']} | "
                f"{q['transfer_bytes'] / KB:.1f} | {q['decoded_bytes'] / KB:.1f} | {kinds} |"
            )
    if not rows:
        return []
    return [
        "### Bytes per search, by query",
        "",
        "| N | query | results shown | requests | KB transferred | KB decoded | KB transferred by kind |",
        "|---:|---|---:|---:|---:|---:|---|",
        *rows,
        "",
    ]
