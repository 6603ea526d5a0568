"""The PDF cache (``.cache/pdf/``): keys, copies, and which files are ours to replace.

Every PDF is cached under a hash of everything that shapes it (record
content, templates, stamp date and URL, Typst version); an unchanged PDF is
copied from the cache instead of being made again. Outputs are written with
:mod:`generator.fsutil`, so a reader never sees half a PDF.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path

from generator.fsutil import atomic_target
from generator.outputs.pdf.typeset import template_files, typst_version
from generator.schema import Practice

CACHE_DIR = Path(".cache") / "pdf"
FORMAT_VERSION = "2"
"""Bump when the PDF code changes what it renders (templates are hashed by content)."""

TYPST_MARK = b"%PDF-1.7\n%\x80\x80\x80\x80\n"
WEASYPRINT_MARK = "\n%🖤\n".encode()
"""Signature of the PDFs of Replika before Typst: still ours to replace."""


def templates_digest() -> str:
    """Hash of every PDF template plus the typesetter's version."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}\0typst {typst_version()}\0".encode())
    for name, data in template_files():
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def record_digest(practice: Practice) -> str:
    return hashlib.sha256(practice.model_dump_json(by_alias=True).encode()).hexdigest()


def brief_key(
    practice: Practice,
    changed: str,
    url: str | None,
    templates: str,
    learned: Sequence[str] = (),
) -> str:
    """Cache key of one brief: record content + templates + stamp (date and URL) + learners."""
    parts = [record_digest(practice), templates, changed, url or "", "\x1f".join(learned)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` atomically (a cache entry to the output, or back)."""
    with atomic_target(target) as tmp:
        shutil.copyfile(source, tmp)


def is_ours(path: Path) -> bool:
    """An existing output may be replaced only if it is a PDF we rendered earlier."""
    try:
        with path.open("rb") as handle:
            head = handle.read(32)
    except OSError:
        return False
    return head.startswith(TYPST_MARK) or (head.startswith(b"%PDF-") and WEASYPRINT_MARK in head)


def prune(cache_dir: Path, used: set[str]) -> None:
    """Drop cache entries this run did not use (the cache holds only our PDFs)."""
    for entry in cache_dir.glob("*.pdf"):
        if entry.name not in used:
            entry.unlink(missing_ok=True)
