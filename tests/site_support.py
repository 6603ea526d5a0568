"""Helpers shared by the site, search and security tests (not a test module).

Tests build a *copy* of the project in a temporary folder through the CLI's
``main(argv)`` (in this process: :func:`replika`; the true entry point
``python -m generator`` only where a test is about the process itself:
:func:`replika_process`), serve the built ``site/`` on 127.0.0.1 and drive
Debian's Chromium through Playwright (never a downloaded browser).

Read-only tests share the session's built copies (``site_build`` and
``full_build`` in ``conftest.py``); a test that changes files starts from its
own copy of one (:func:`copy_built`).
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = next(
    (
        path
        for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
        if Path(path).exists()
    ),
    "/usr/bin/chromium",
)
"""Debian's Chromium: its headless shell when installed (``scripts/setup.sh`` installs it).

The shell is the same Debian build of Chromium (Blink, V8, same version) without the
browser's user interface, the build Playwright itself uses for headless runs. Measured
here on the 127 pages of the 360 px check: 9.4 CPU-s against 13.3 for the full browser,
whose own process does a third of the work on every navigation."""
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
DOWNLOADS = ("unduh/", "data/practices.json", "data/practices.csv")
"""Files the PDF/open-data stage adds; links to them are skipped while absent."""


def copy_project(target: Path) -> Path:
    """A copy of the project's content (records, hand-written docs, config, overrides)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "practices", target / "practices")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(
        ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("katalog", "__pycache__")
    )
    return target


def copy_built(built: Path, target: Path) -> Path:
    """A copy of a built project (``site/``, ``.cache/``, ``docs/katalog/`` too).

    Modification times are kept, so the copy is still up to date for the next
    ``replika build`` with the same options (it skips MkDocs).
    """
    shutil.copytree(built, target, symlinks=True)
    return target


def _stream() -> io.TextIOWrapper:
    """A text stream with a ``buffer`` (MkDocs reads ``sys.stdin.buffer``), read with :func:`_text`."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


def _no_terminal(*_args: object) -> os.terminal_size:
    raise OSError("not a terminal")


@contextmanager
def _as_a_process(
    cwd: Path, env: dict[str, str], stdin: str
) -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    """The working folder, environment and standard streams of a fresh process.

    Its output is not a terminal and has no width of its own: the runner's
    ``COLUMNS``/``LINES`` (pytest-xdist sets ``COLUMNS=80``) and terminal are not
    passed on, so help text is wrapped as in a plain ``replika … | cat``.
    """
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_size = os.get_terminal_size
    out, err = _stream(), _stream()
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update({k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")})
    os.get_terminal_size = _no_terminal
    given = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    sys.stdin, sys.stdout, sys.stderr = given, out, err
    try:
        yield out, err
    finally:
        os.get_terminal_size = saved_size
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)


def run_main(
    cwd: Path, *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """``replika ARGS`` run in this process through ``generator.cli.main(argv)``.

    Like the subprocess it replaces: started in ``cwd``, with ``env`` (default:
    this process's environment without ``REPLIKA_DEBUG``), ``stdin`` as its
    (non-terminal) input, and its exit status and both outputs returned.
    """
    from generator.cli import main

    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "REPLIKA_DEBUG"}
    with _as_a_process(cwd, env, stdin) as (out, err):
        try:
            code: object = main(list(args))
        except SystemExit as exit_:
            code = exit_.code
        if code is None:
            code = 0
        elif not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
    return subprocess.CompletedProcess(["replika", *args], code, _text(out), _text(err))


def replika(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """The CLI on ``project``, in this process (``timeout`` is kept for the callers)."""
    return run_main(project, *args)


def replika_process(
    project: Path, *args: str, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """The real entry point ``python -m generator`` on ``project``, in a new process."""
    env = {k: v for k, v in os.environ.items() if k != "REPLIKA_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(
    project: Path, log_path: Path, *options: str
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """``python -m generator serve OPTIONS`` on ``project`` at a free loopback port.

    Its output goes to ``log_path``; yields the process and the preview's base URL,
    and stops the whole process group afterwards (the preview's workers too).
    """
    port = free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", *options, "--alamat", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield proc, f"http://127.0.0.1:{port}/"
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` through libyaml's C parser (the same safe loader, ten times faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def records(project: Path) -> dict[str, dict]:
    """Every record of ``project`` as plain data, by id."""
    out = {}
    for path in sorted((project / "practices").glob("[!_]*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[object]:
    """Headless Debian Chromium via Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


SEARCH_IN_PAGE = """async queries => {
    const root = document.querySelector('[data-rp-cari]');
    const status = root.querySelector('.rp-cari__status');
    const settled = () => !/Mencari|Ketik/.test(status.textContent);
    const found = [];
    for (const query of queries) {
        root.querySelector('#rp-q').value = query;
        root.querySelector('form').requestSubmit();  // sets the status to "Mencari…" at once
        while (!settled()) await new Promise(resolve => setTimeout(resolve, 5));
        const links = root.querySelectorAll('.rp-cari__hasil a');
        found.push([Array.from(links, a => a.getAttribute('href')), status.textContent]);
    }
    return found;
}"""


def search_in_page(page: object, queries: list[str]) -> list[tuple[list[str], str]]:
    """Each query searched on the search page already open in ``page``, through its own form.

    The page's ``cari.js`` runs every query exactly as when a reader types it
    and presses Enter; one page load serves them all. Returns, per query, the
    result links (``href`` as written) and the status line once the results are shown.
    """
    page.wait_for_selector("[data-rp-cari][data-siap]")  # type: ignore[attr-defined]
    found = page.evaluate(SEARCH_IN_PAGE, queries)  # type: ignore[attr-defined]
    return [(list(hrefs), str(status)) for hrefs, status in found]


class PageParser(HTMLParser):
    """Collects ids, links and element tags/attributes of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a" and attributes.get("name"):
            self.ids.add(str(attributes["name"]))
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None:
                self.links.append((tag, name, value))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.scripts.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
