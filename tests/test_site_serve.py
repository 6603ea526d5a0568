"""``replika serve``: the preview follows edits to records within seconds."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from site_support import copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until ``url`` contains ``text``, or None after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.2)
    return None


def test_serve_refreshes_after_a_record_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--alamat", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/katalog/praktik/l2t2-kendari/"
        assert wait_for(url, "Kota Kendari", 90) is not None, (tmp_path / "serve.log").read_text()
        record = project / "practices/l2t2-kendari.yaml"
        original = record.read_text(encoding="utf-8")
        record.write_text(
            original.replace("\njudul: Layanan", "\njudul: Pratinjau Layanan"), encoding="utf-8"
        )
        took = wait_for(url, "Pratinjau Layanan", 15)
        assert took is not None, (tmp_path / "serve.log").read_text()

        # an invalid record is reported and the last good page stays
        record.write_text(original.replace("sektor: air-limbah-domestik", "sektor: x"), "utf-8")
        time.sleep(3)
        assert "Pratinjau Layanan" in fetch(url)
        assert "l2t2-kendari.yaml" in (tmp_path / "serve.log").read_text()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
