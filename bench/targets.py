"""The targets of issue #6 (pass/fail) computed from a results dict.

Nothing here measures anything: every number comes from ``results.json``;
a target whose measurement is missing is "not measured" with the reason.
Each target is one small function; :func:`targets` runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

KB = 1000  # the targets' KB: 1,000 bytes (the stricter reading)

PASS, FAIL, MISSING = "pass", "FAIL", "not measured"

Target = dict[str, Any]


def dig(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def size_entry(results: dict[str, Any], n: int) -> dict[str, Any] | None:
    return results.get("sizes", {}).get(str(n))


def _missing_reason(results: dict[str, Any], n: int, *keys: str) -> str:
    size = size_entry(results, n)
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


def _build_overhead(results: dict[str, Any], out: list[Target]) -> None:
    """Full build at 1,000 vs bare MkDocs + the search indexer's own run."""
    build = dig(size_entry(results, 1000), "build", "median_s")
    bare = dig(size_entry(results, 1000), "mkdocs_bare", "median_s")
    index = dig(size_entry(results, 1000), "search_index", "median_s")
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


def _growth(results: dict[str, Any], out: list[Target]) -> None:
    """Linear growth 1,000 → 5,000 (time and memory of the full build)."""
    for key, what, unit in (("median_s", "time", "s"), ("median_rss_mib", "peak memory", "MiB")):
        small = dig(size_entry(results, 1000), "build", key)
        large = dig(size_entry(results, 5000), "build", key)
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
                if size_entry(results, 5000)
                else "N=5000 not run",
            )
        )


def _validate(results: dict[str, Any], out: list[Target]) -> None:
    """`replika validate`, whole command, at 1,000 and 5,000."""
    for n, limit in ((1000, 1.5), (5000, 6.0)):
        value = dig(size_entry(results, n), "validate_cmd", "median_s")
        first = dig(size_entry(results, n), "validate_cmd_first_run", "median_s")
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


def _noop_rewrites(results: dict[str, Any], out: list[Target]) -> None:
    """A no-op build rewrites nothing in `docs/katalog`."""
    noops = {
        n: dig(s, "noop_files")
        for n, s in results.get("sizes", {}).items()
        if dig(s, "noop_files") is not None
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


def _serve_edit(results: dict[str, Any], out: list[Target]) -> None:
    """Edit while serving at 1,000."""
    serve = dig(size_entry(results, 1000), "serve")
    worst = dig(serve, "max_s") if serve else None
    median = dig(serve, "median_s") if serve else None
    first = dig(size_entry(results, 1000), "serve_first_run", "max_s")
    earlier = f"; worst {first:.1f} s in the main run" if first and first != worst else ""
    out.append(
        _target(
            "serve_edit_1000",
            "edit one record while `replika serve` runs at 1,000: change visible",
            "≤ 3 s",
            worst,
            worst is not None and worst <= 3.0 and not (serve or {}).get("error"),
            f"worst {worst:.1f} s, median {median:.1f} s of {len(serve['latencies_s'])} edits"
            + earlier
            if worst is not None
            else "",
            (serve or {}).get("error") or _missing_reason(results, 1000, "serve"),
        )
    )


def _practice_html(results: dict[str, Any], out: list[Target]) -> None:
    """HTML of the largest practice page."""
    sizes = [
        (int(n), dig(s, "practice_html"))
        for n, s in results.get("sizes", {}).items()
        if dig(s, "practice_html")
    ]
    bundled_html = dig(results.get("bundled"), "practice_html")
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


def _search_bytes(results: dict[str, Any], out: list[Target]) -> None:
    """Bytes for one search at 5,000."""
    search = dig(size_entry(results, 5000), "search")
    worst = dig(search, "max_bytes") if search else None
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


def _pdf_unchanged(results: dict[str, Any], out: list[Target]) -> None:
    """PDFs: unchanged records are not re-rendered."""
    pdfs = [
        (int(n), s["pdf"])
        for n, s in results.get("sizes", {}).items()
        if dig(s, "pdf", "cold", "median_s") is not None and "rerendered" in s["pdf"]
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
        size = size_entry(results, min((int(k) for k in results.get("sizes", {})), default=100))
        pdf = (size or {}).get("pdf")
        reason = (
            (pdf or {}).get("error")
            or dig(pdf, "cold", "error")
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


_CHECKS: tuple[Callable[[dict[str, Any], list[Target]], None], ...] = (
    _build_overhead,
    _growth,
    _validate,
    _noop_rewrites,
    _serve_edit,
    _practice_html,
    _search_bytes,
    _pdf_unchanged,
)


def targets(results: dict[str, Any]) -> list[Target]:
    """Each target of issue #6 with its measured value and pass/fail."""
    out: list[Target] = []
    for check in _CHECKS:
        check(results, out)
    return out
