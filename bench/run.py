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
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/ is not a package)
import report  # noqa: E402

GNU_TIME = "/usr/bin/time"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEARCH_QUERIES = ("lumpur tinja", "bank sampah", "kredit jamban")
SEARCH_PAGE = "cari/"  # the site's search page (docs/cari.md), reads ?q=
SEARCH_INDEX = "cari-indeks"  # the static search index (generator/outputs/search.py)
SEARCH_SCRIPT = "assets/cari.js"  # the search page's script, counted with the index
GENERATED = ("site", "docs/katalog", ".replika", ".cache")


# ----------------------------------------------------------------------------- measuring


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


def replika_command() -> list[str]:
    """How to call the CLI: the console script when installed, else the module."""
    found = shutil.which("replika")
    return [found] if found else [sys.executable, "-m", "generator"]


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
        result.tool = "hyperfine"
        exported = scratch / f"{name}.hyperfine.json"
        args = ["hyperfine", "-N", "--style", "none", "--runs", str(max(runs, 1))]
        args += ["--export-json", str(exported)]
        if prepare:
            args += ["--prepare", shlex.join(prepare)]
        args.append(shlex.join(wrapped))
        proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=full_env)
        if proc.returncode != 0:
            # hyperfine hides the command's own output: run it once to show why.
            again = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=full_env)
            result.error = f"exit {again.returncode}: {(again.stderr or again.stdout)[-1500:]}"
            return result
        data = json.loads(exported.read_text())["results"][0]
        result.times = [float(t) for t in data["times"]]
        user, system = data.get("user"), data.get("system")
        if isinstance(user, list) and isinstance(system, list):
            result.cpu = [float(u) + float(y) for u, y in zip(user, system, strict=False)]
        elif user is not None and system is not None:  # hyperfine < 1.16: means only
            result.cpu = [float(user) + float(system)] * len(result.times)
    else:
        result.tool = "subprocess"
        for _ in range(max(runs, 1)):
            if prepare:
                subprocess.run(prepare, cwd=cwd, check=False, env=full_env)
            started = time.perf_counter()
            proc = subprocess.run(wrapped, cwd=cwd, capture_output=True, text=True, env=full_env)
            elapsed = time.perf_counter() - started
            if proc.returncode != 0:
                result.error = f"exit {proc.returncode}: {(proc.stderr or proc.stdout)[-1500:]}"
                return result
            result.times.append(elapsed)
    result.rss_kib = _read_rss(memfile)
    return result


def run_once(cmd: Sequence[str], cwd: Path, timeout: float = 1800) -> tuple[int, str, float]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - started


def median_or_none(values: Sequence[float | None]) -> float | None:
    clean = [v for v in values if v is not None]
    return statistics.median(clean) if clean else None


# ----------------------------------------------------------------------------- discovery


@functools.cache
def cli_commands() -> dict[str, str]:
    """Sub-commands of ``replika`` in this checkout → their ``--help`` text."""
    base = replika_command()
    text = subprocess.run([*base, "--help"], capture_output=True, text=True).stdout
    block = text.split("positional arguments:", 1)[-1].split("options:", 1)[0]
    names = re.findall(r"^\s{4}([a-z][a-z-]+)\s", block, re.M)
    helps = {}
    for name in names:
        sub = subprocess.run([*base, name, "--help"], capture_output=True, text=True)
        helps[name] = sub.stdout
    return helps


def build_command() -> list[str] | None:
    helps = cli_commands()
    if "build" not in helps:
        return None
    flag = ["--tanpa-pdf"] if "--tanpa-pdf" in helps["build"] else []
    return [*replika_command(), "build", *flag]


def serve_command(port: int) -> list[str] | None:
    helps = cli_commands()
    if "serve" not in helps:
        return None
    text = helps["serve"]
    address = f"127.0.0.1:{port}"
    for flag in ("--dev-addr", "--alamat", "-a"):
        if re.search(rf"(^|[\s,]){re.escape(flag)}[\s=,]", text):
            return [*replika_command(), "serve", flag, address]
    if "--port" in text:
        return [*replika_command(), "serve", "--port", str(port)]
    return [*replika_command(), "serve", address]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ----------------------------------------------------------------------------- files


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


def reset(project: Path) -> list[str]:
    """A prepare command that returns the project to "never built"."""
    return ["rm", "-rf", *[str(project / g) for g in GENERATED]]


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
    loader.add_multi_constructor("!", lambda _l, suffix, node: f"!{suffix}")
    config = yaml.load(text, Loader=loader)
    config.pop("hooks", None)
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


QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1"}  # as `replika build` runs MkDocs


def accumulate(total: Measure | None, part: Measure) -> Measure:
    """Add one run's numbers to a running Measure (the first error sticks)."""
    if total is None:
        return part
    total.times += part.times
    total.cpu += part.cpu
    total.rss_kib += part.rss_kib
    total.error = total.error or part.error
    return total


def make_bare_project(project: Path, bare: Path) -> None:
    """The generated docs (hand-written + ``docs/katalog``) with a plain mkdocs.yml."""
    shutil.rmtree(bare, ignore_errors=True)
    bare.mkdir()
    shutil.copytree(project / "docs", bare / "docs")
    for extra in ("overrides", "theme", "hooks", "assets", "templates"):
        if (project / extra).is_dir():
            shutil.copytree(project / extra, bare / extra)
    bare_config(project, bare)


def search_index_command(output: Path) -> list[str]:
    """The search indexer alone (validate, catalogue, index; no MkDocs), run in the project."""
    return [sys.executable, "-m", "generator.outputs.search", "--waktu", "--keluaran", str(output)]


# ----------------------------------------------------------------------------- search bytes


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free loopback port, gzip for text as static hosts do."""
    handler = functools.partial(_GzipHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; HTML/CSS/JS/JSON gzip-compressed when the browser accepts it."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()  # the redirect to the address with a trailing slash
                return
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.TEXT and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def search_bytes(site: Path) -> dict[str, Any]:
    """Bytes a fresh browser fetches for one search, measured in headless Chromium.

    The site is served locally (text gzip-compressed, as static hosts do). Per
    query a new browser context (empty cache) opens the site's own search page
    with the query in its address (``/cari/?q=...``) and waits until the
    results are shown. Every response under ``/cari-indeks/`` and
    ``assets/cari.js`` is counted: bytes transferred (compressed) and bytes
    after decoding.
    """
    if not (site / SEARCH_INDEX / "terkini.json").is_file():
        return {"error": f"no search index ({SEARCH_INDEX}/terkini.json) in the site"}
    if not (site / SEARCH_PAGE / "index.html").exists():
        return {"error": f"no search page ({SEARCH_PAGE}) in the site"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed"}
    if not Path(CHROMIUM).exists():
        return {"error": f"{CHROMIUM} missing"}
    queries: list[dict[str, Any]] = []
    with static_server(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n, query in enumerate(SEARCH_QUERIES):
                follow_up = SEARCH_QUERIES[(n + 1) % len(SEARCH_QUERIES)]
                queries.append(_one_search(browser, base, query, follow_up))
        finally:
            browser.close()
    transfer = [q["transfer_bytes"] for q in queries if "transfer_bytes" in q]
    decoded = [q["decoded_bytes"] for q in queries if "decoded_bytes" in q]
    follow = [q["follow_up"]["transfer_bytes"] for q in queries if "follow_up" in q]
    out: dict[str, Any] = {
        "follow_up_median_bytes": statistics.median(follow) if follow else None,
        "method": (
            f"headless Chromium, the site's search page /{SEARCH_PAGE}?q=QUERY until results "
            f"show; sum of responses under /{SEARCH_INDEX}/ and /{SEARCH_SCRIPT}"
        ),
        "bundle": f"/{SEARCH_INDEX}/",
        "queries": queries,
        "median_bytes": statistics.median(transfer) if transfer else None,
        "max_bytes": max(transfer) if transfer else None,
        "median_decoded_bytes": statistics.median(decoded) if decoded else None,
        "max_decoded_bytes": max(decoded) if decoded else None,
    }
    if len(transfer) < len(queries):
        out["error"] = "; ".join(q["error"] for q in queries if "error" in q)
    return out


def _counted(path: str) -> bool:
    """A request of the search: the index files or the search script."""
    path = path.split("?", 1)[0]
    return path.startswith(f"/{SEARCH_INDEX}/") or path == f"/{SEARCH_SCRIPT}"


def _kind(path: str) -> str:
    path = path.split("?", 1)[0]
    name = path.rsplit("/", 1)[-1]
    if "/s/" in path:
        return "shard"
    if "/r/" in path:
        return "rows"
    if name == "saring.json":
        return "filters"
    if name == "manifest.json":
        return "manifest"
    if name == "terkini.json":
        return "pointer"
    return "js"


def _one_search(browser: Any, base: str, query: str, follow_up: str) -> dict[str, Any]:
    """One query in a fresh browser; then a second query typed into the same page.

    The second query shows what a further search costs once the script, the
    manifest and the shards already fetched are in the page.
    """
    context = browser.new_context()
    page = context.new_page()
    responses: list[Any] = []

    def on_response(response: Any) -> None:
        if _counted(response.url.removeprefix(base)):
            responses.append(response)

    page.on("response", on_response)
    follow: list[dict[str, Any]] = []
    try:
        page.goto(f"{base}/{SEARCH_PAGE}?q={urllib.parse.quote(query)}", wait_until="load")
        _wait_results(page, query)
        count = page.locator(".rp-cari__hasil li.rp-cari__item").count()
        page.wait_for_timeout(500)  # let the last responses finish
        files = _sizes(responses, base)
        responses.clear()
        page.fill("#rp-q", follow_up)
        _wait_results(page, follow_up)
        page.wait_for_timeout(500)
        follow = _sizes(responses, base)
    except Exception as err:
        context.close()
        return {"query": query, "error": f"{type(err).__name__}: {err}"[:500]}
    context.close()
    kinds: dict[str, int] = {}
    for item in files:
        kinds[_kind(item["path"])] = kinds.get(_kind(item["path"]), 0) + item["transfer"]
    out = {
        "query": query,
        "results_shown": count,
        "requests": len(files),
        "transfer_bytes": sum(f["transfer"] for f in files),
        "decoded_bytes": sum(f["decoded"] for f in files),
        "by_kind": kinds,
        "files": files,
    }
    if follow:
        out["follow_up"] = {
            "query": follow_up,
            "requests": len(follow),
            "transfer_bytes": sum(f["transfer"] for f in follow),
            "files": follow,
        }
    return out


def _wait_results(page: Any, query: str) -> None:
    """Until the search page lists results for ``query`` (its address mirrors the query)."""
    page.wait_for_function(
        """(query) => {
            const s = document.querySelector('.rp-cari__status');
            const q = new URLSearchParams(window.location.search).get('q');
            return s && q === query && /hasil|Tidak ada/.test(s.textContent);
        }""",
        arg=query,
        timeout=60_000,
    )


def _sizes(responses: list[Any], base: str) -> list[dict[str, Any]]:
    files = []
    for response in responses:
        path = response.url.removeprefix(base)
        try:
            body = response.body()
        except Exception:  # a redirect or aborted response has no body
            body = b""
        # What the server sent: the gzip stream for text, the file itself
        # otherwise (computed the way the server does, so it does not depend
        # on what Chromium reports).
        text = Path(path.split("?", 1)[0]).suffix in _GzipHandler.TEXT
        transfer = len(gzip.compress(body, compresslevel=6)) if text and body else len(body)
        files.append({"path": path, "transfer": transfer, "decoded": len(body)})
    return files


# ----------------------------------------------------------------------------- serve


def serve_latency(project: Path, record: Path, page_path: str, edits: int) -> dict[str, Any]:
    """Start ``replika serve``, edit one record, time until the page shows the edit."""
    port = free_port()
    cmd = serve_command(port)
    if cmd is None:
        return {"error": "stage missing: no `replika serve`"}
    url = f"http://127.0.0.1:{port}/{page_path}"
    log = project / ".bench-serve.log"
    original = record.read_text(encoding="utf-8")
    out: dict[str, Any] = {"command": shlex.join(cmd), "url": url, "latencies_s": []}
    with log.open("w") as sink:
        proc = subprocess.Popen(cmd, cwd=project, stdout=sink, stderr=subprocess.STDOUT)
    try:
        started = time.perf_counter()
        if not _wait_for(url, None, timeout=600, proc=proc):
            out["error"] = "server did not answer within 600 s: " + log.read_text()[-1500:]
            return out
        out["startup_s"] = time.perf_counter() - started
        for n in range(edits):
            token = f"Suntingan bench {n} {int(time.time() * 1000)}"
            edited = re.sub(
                r"^ringkasan: .*$",
                f"ringkasan: {token} menguji pembaruan halaman saat serve berjalan.",
                original,
                count=1,
                flags=re.M,
            )
            edited = _drop_continuation(edited)
            time.sleep(1.0)  # separate from the previous rebuild
            started = time.perf_counter()
            record.write_text(edited, encoding="utf-8")
            if not _wait_for(url, token, timeout=60, proc=proc):
                out["error"] = f"edit {n} not visible within 60 s"
                out["latencies_s"].append(None)
                break
            out["latencies_s"].append(time.perf_counter() - started)
    finally:
        record.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    # What `replika serve` says each regeneration (validate + render + write) took.
    out["regenerate_s"] = [
        float(x) for x in re.findall(r"diperbarui \(([\d.]+) dtk\)", log.read_text())
    ]
    done = [x for x in out["latencies_s"] if x is not None]
    out["median_s"] = statistics.median(done) if done else None
    out["max_s"] = max(done) if done else None
    return out


def _drop_continuation(text: str) -> str:
    """Remove the indented continuation lines of the rewritten ``ringkasan``."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("ringkasan: "):
            skipping = True
            out.append(line)
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def _wait_for(url: str, token: str | None, *, timeout: float, proc: subprocess.Popen) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8", "replace")
            if token is None or token in body:
                return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    return False


# ----------------------------------------------------------------------------- pdf


def pdf_command(output: Path) -> list[str] | None:
    """``replika pdf`` (into ``output`` when it takes a folder); else a full ``replika build``."""
    helps = cli_commands()
    if "pdf" in helps:
        folder = ["--keluaran", str(output)] if "--keluaran" in helps["pdf"] else []
        return [*replika_command(), "pdf", *folder]
    if "build" in helps and "--tanpa-pdf" in helps["build"]:
        return [*replika_command(), "build"]
    return None


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


# ----------------------------------------------------------------------------- per size


def bench_size(size: int, args: argparse.Namespace, work: Path, first: bool) -> dict[str, Any]:
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
        from generator.project import find_project
        from generator.stages.validate import check_project

        checked = check_project(find_project(project))
        out["in_process_check"] = {
            "records": len(checked.practices),
            "problems": [str(p) for p in checked.problems[:20]],
            "problem_count": len(checked.problems),
        }

    log(f"N={size}: in-process stages x{args.build_runs(size)}")
    stage_runs = []
    for _ in range(args.build_runs(size)):
        code, text, _elapsed = run_once(
            [sys.executable, str(HERE / "stages.py"), str(project)], REPO
        )
        try:
            stage_runs.append(json.loads(text.strip().splitlines()[-1]))
        except (json.JSONDecodeError, IndexError):
            stage_runs.append({"error": text[-1500:], "exit": code})
    out["stages_raw"] = stage_runs
    keys = ("import", "load", "validate", "catalogue", "render")
    out["stages"] = {k: median_or_none([r.get(k) for r in stage_runs]) for k in keys}
    errors = {r.get("render_error") for r in stage_runs if r.get("render_error")}
    if errors:
        out["stages_errors"] = sorted(errors)
    out["pages"] = stage_runs[-1].get("pages")
    out["markdown_bytes"] = stage_runs[-1].get("markdown_bytes")

    log(f"N={size}: replika validate x{args.runs}")
    validate = measure(
        [*replika_command(), "validate"], project, args.runs, scratch=scratch, name="validate"
    )
    out["validate_cmd"] = validate.summary()
    out["corpus_valid"] = validate.ok and (
        not first or out["in_process_check"]["problem_count"] == 0
    )

    if "export" in cli_commands():
        log(f"N={size}: replika export (open data) x{args.runs}")
        data_dir = scratch / "data"
        export = measure(
            [*replika_command(), "export", "--keluaran", str(data_dir)],
            project,
            args.runs,
            prepare=["rm", "-rf", str(data_dir)],
            scratch=scratch,
            name="export",
        )
        out["export"] = export.summary()
        out["export_files"] = tree_size(data_dir)

    build = build_command()
    if build is None:
        out["build"] = {"error": "stage missing: no `replika build`"}
        return out
    rounds = args.build_runs(size)
    site = project / "site"
    bare = work / f"n{size}-bare"
    index_out = scratch / "search-index-baseline"
    cold = mkdocs = index = None
    # Interleaved rounds (build, bare mkdocs, indexer, build, ...): on a shared
    # machine a burst of load then hits all three alike instead of one of them.
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
        part = measure(
            [sys.executable, "-m", "mkdocs", "build", "--quiet"],
            bare,
            1,
            prepare=["rm", "-rf", str(bare / "site")],
            scratch=scratch,
            name="bare",
            env=QUIET_MKDOCS,
        )
        mkdocs = accumulate(mkdocs, part)
        part = measure(
            search_index_command(index_out),
            project,
            1,
            prepare=["rm", "-rf", str(index_out)],
            scratch=scratch,
            name="search-index",
        )
        index = accumulate(index, part)
    assert cold is not None
    out["build"] = cold.summary()
    if mkdocs is not None and index is not None:
        out["mkdocs_bare"] = mkdocs.summary()
        out["search_index"] = index.summary()
        out["search_index_files"] = tree_size(index_out / SEARCH_INDEX)
    if not cold.ok:
        return out
    out["site"] = tree_size(site)
    out["katalog_markdown"] = tree_size(project / "docs" / "katalog")
    pages = practice_pages(site, ids)
    if pages:
        sizes = sorted(pages.values())
        out["practice_html"] = {
            "pages": len(sizes),
            "median_bytes": statistics.median(sizes),
            "max_bytes": sizes[-1],
            "max_page": max(pages, key=pages.__getitem__),
        }

    log(f"N={size}: no-op rebuild x{args.runs}")
    katalog = project / "docs" / "katalog"
    before = snapshot(katalog)
    noop = measure(build, project, args.runs, scratch=scratch, name="build-noop")
    out["noop"] = noop.summary()
    out["noop_files"] = compare(before, snapshot(katalog))

    if args.quick:
        return out

    log(f"N={size}: bytes for one search (headless Chromium)")
    out["search"] = search_bytes(site)

    if size in args.serve_sizes:
        log(f"N={size}: edit-while-serving latency")
        try:
            from generator.present import practice_url

            page = practice_url(ids[0])
        except ImportError:
            page = ""
        out["serve"] = serve_latency(project, paths[0], page, edits=args.serve_edits)

    if size <= args.pdf_max:
        log(f"N={size}: replika pdf (cold, then unchanged)")
        out["pdf"] = pdf_stage(project, scratch)
    else:
        out["pdf"] = {"skipped": f"PDFs timed only for N ≤ {args.pdf_max}"}
    return out


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
        sizes = sorted(pages.values())
        out["practice_html"] = {
            "pages": len(sizes),
            "median_bytes": statistics.median(sizes),
            "max_bytes": sizes[-1],
            "max_page": max(pages, key=pages.__getitem__),
        }
    out["build_s"] = elapsed
    return out


# ----------------------------------------------------------------------------- main


def log(message: str) -> None:
    stamp = dt.datetime.now(dt.UTC).strftime("%H:%M:%S")
    print(f"[bench {stamp}] {message}", file=sys.stderr, flush=True)


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
        choices=("pdf", "validate"),
        default=None,
        help="only re-measure this stage (PDFs: smallest size; validate: every size) on the "
        "same corpora and update the results already in --out",
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
    for size in sizes:
        project = work / f"n{size}"
        scratch = work / f"n{size}-scratch"
        scratch.mkdir(parents=True, exist_ok=True)
        log(f"N={size}: generating corpus")
        corpus.make_project(REPO, project, size)
        entry = results["sizes"][str(size)]
        if args.update == "pdf":
            log(f"N={size}: PDFs (cold, then unchanged)")
            entry["pdf"] = pdf_stage(project, scratch)
        else:
            log(f"N={size}: replika validate x{args.runs}")
            entry.setdefault("validate_cmd_first_run", entry.get("validate_cmd"))
            cmd = [*replika_command(), "validate"]
            entry["validate_cmd"] = measure(
                cmd, project, args.runs, scratch=scratch, name="validate"
            ).summary()
    results["settings"][f"{args.update}_measured"] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git": git_state(),
        "load_average": os.getloadavg(),
        "runs": args.runs,
    }
    results.pop("targets", None)
    save(results, args.out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
        results.pop("targets", None)
        save(results, args.out)
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
            save(results, args.out)  # keep partial results of long runs
        if not args.quick:
            log("bundled records: page sizes of the checkout's own records")
            results["bundled"] = bundled_records(work)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["meta"]["load_average_end"] = os.getloadavg()
    results["targets"] = report.targets(results)
    save(results, args.out)
    log(f"wrote {args.out / 'results.json'} and {args.out / 'RESULTS.md'}")
    all_valid = all(s.get("corpus_valid") for s in results["sizes"].values())
    return 0 if all_valid else 1


def save(results: dict[str, Any], out: Path) -> None:
    if "targets" not in results:
        results = {**results, "targets": report.targets(results)}
    (out / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    target = out / "RESULTS.md"
    previous = target.read_text(encoding="utf-8") if target.is_file() else ""
    text = report.markdown(results).rstrip("\n") + "\n"
    # Sections measured apart by their own scripts are kept as they are:
    # PDFs at scale (bench/pdf_scale.py) and forgiving search (bench/search_forgiving.py).
    begin, end = "<!-- pdf-skala:mulai -->", "<!-- pdf-skala:selesai -->"
    if begin in previous and end in previous:
        section = begin + previous.split(begin, 1)[1].split(end, 1)[0] + end
        text += "\n" + section + "\n"
    if SEARCH_SECTION_START in previous:
        text += "\n" + previous[previous.index(SEARCH_SECTION_START) :]
    target.write_text(text, encoding="utf-8")


SEARCH_SECTION_START = "<!-- search_forgiving.py -->"


if __name__ == "__main__":
    sys.exit(main())
