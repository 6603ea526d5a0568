"""Problem reports on the terminal: text for people, GitHub annotations, JSON.

Used by every command that shows validation problems (``replika validate``,
``build``, ``pdf``, ``export``, ``new``) and by the ``replika serve`` preview.
The shape of one problem and its three formats live in ``generator/problems.py``;
this module decides where they go (stdout or stderr) and adds the summary line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from generator.problems import Problem, format_problems


def output_format(requested: str | None) -> str:
    """``github`` automatically inside GitHub Actions, else ``text``."""
    if requested:
        return requested
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def report(problems: Sequence[Problem], fmt: str, *, files: int | None = None) -> None:
    """Print problems (to stdout for json, stderr otherwise) and a summary line."""
    if fmt == "json":
        print(format_problems(problems, "json"))
        return
    if problems:
        print(format_problems(problems, fmt), file=sys.stderr)
        if fmt == "github":  # annotations and a readable summary both
            print(format_problems(problems, "text"), file=sys.stderr)
    count = len({p.path for p in problems})
    if problems:
        print(f"\n✗ {len(problems)} masalah di {count} berkas.", file=sys.stderr)
    elif files is not None:
        print(f"✓ {files} catatan praktik valid.")
