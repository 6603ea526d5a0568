"""Edit while serving: how long until ``replika serve`` shows an edited record.

``replika serve`` runs on a free loopback port; one record's ``ringkasan`` is
rewritten with a unique token and the practice page is polled every 0.1 s
until the token appears (bounded at 60 s). The record is restored afterwards.
"""

from __future__ import annotations

import re
import shlex
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from commands import free_port, serve_command


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
