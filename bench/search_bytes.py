"""Bytes a browser fetches for one search, measured for real in headless Chromium.

The built site is served on loopback by a static server that gzips text as
static hosts do. Per query a fresh browser context (empty cache) opens the
site's own search page with the query in its address and waits until the
results are listed; every response under ``/cari-indeks/`` plus the search
script is counted. Used by ``bench/run.py`` and ``bench/search_forgiving.py``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import statistics
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
                queries.append(one_search(browser, base, query, follow_up))
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


def one_search(browser: Any, base: str, query: str, follow_up: str) -> dict[str, Any]:
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
