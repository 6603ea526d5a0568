"""Which ``replika`` commands this checkout has, and how the benchmark calls them.

The benchmark runs against whatever version of the pipeline is checked out:
sub-commands and flags are discovered from ``--help``, and a stage the
checkout lacks is reported as "not measured" instead of failing the run.
"""

from __future__ import annotations

import functools
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

GENERATED = ("site", "docs/katalog", ".replika", ".cache")
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1"}  # as `replika build` runs MkDocs


def replika_command() -> list[str]:
    """How to call the CLI: the console script when installed, else the module."""
    found = shutil.which("replika")
    return [found] if found else [sys.executable, "-m", "generator"]


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


def reset(project: Path) -> list[str]:
    """A prepare command that returns the project to "never built"."""
    return ["rm", "-rf", *[str(project / g) for g in GENERATED]]


def search_index_command(output: Path) -> list[str]:
    """The search indexer alone (validate, catalogue, index; no MkDocs), run in the project."""
    return [sys.executable, "-m", "generator.outputs.search", "--waktu", "--keluaran", str(output)]


def pdf_command(output: Path) -> list[str] | None:
    """``replika pdf`` (into ``output`` when it takes a folder); else a full ``replika build``."""
    helps = cli_commands()
    if "pdf" in helps:
        folder = ["--keluaran", str(output)] if "--keluaran" in helps["pdf"] else []
        return [*replika_command(), "pdf", *folder]
    if "build" in helps and "--tanpa-pdf" in helps["build"]:
        return [*replika_command(), "build"]
    return None
