"""Reading record files through ``replika serve``'s :class:`RecordCache`, or without one.

A file whose bytes are unchanged since the last regeneration is neither read
as YAML nor schema-checked again, and its own rules (those that read only the
file, the region registry and today's date) are not run again while that
context is the same. The result is what a fresh run gives: everything a
cached result depends on is part of its key (tested in
``tests/test_preview_cache.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel

from generator.problems import Problem
from generator.stages.checked import CachedFile, Checked
from generator.stages.load import load_file
from generator.stages.load.reader import Unsafe, read_limited
from generator.stages.validate.schema_errors import check_schema


def load_checked(
    path: Path,
    resolved: Path,
    display: str,
    model: type[BaseModel] | None,
    entries: dict[Path, CachedFile] | None,
) -> CachedFile:
    """Load and schema-check one file, or reuse the cached result for the same bytes.

    ``model`` None (only without a cache): the file is loaded, not schema-checked.
    """
    if entries is None:
        loaded = load_file(path, display)
        record = None if model is None else check_schema(loaded, model)
        return CachedFile("", loaded, record)  # type: ignore[arg-type]
    assert model is not None, "a cached file is always schema-checked"
    try:
        digest = hashlib.blake2b(read_limited(path), digest_size=20).hexdigest()
    except (OSError, Unsafe):
        digest = ""  # unreadable: load_file reports it; never cached
    entry = entries.get(resolved)
    if digest and entry is not None and entry.digest == digest and entry.loaded.path == path:
        return entry
    loaded = load_file(path, display)
    entry = CachedFile(digest, loaded, check_schema(loaded, model))  # type: ignore[arg-type]
    if digest:
        entries[resolved] = entry
    else:
        entries.pop(resolved, None)
    return entry


def forget_others(entries: dict[Path, CachedFile], current: Iterable[Path]) -> None:
    """Drop the entries of files that are gone (after a run over every file)."""
    for gone in set(entries) - set(current):
        del entries[gone]


def own_problems(entry: CachedFile, check: Callable[[], list[Problem]]) -> list[Problem]:
    """The file's own problems: ``check()`` once per content and context."""
    if entry.own is None:
        entry.own = check()
    return entry.own


def rules_context(checked: Checked) -> tuple[object, ...]:
    """What a file's own rules read besides the file: today's date and the region registry.

    The registry in its order (suggestions for a misspelt region depend on it).
    """
    return (dt.date.today(), tuple(checked.regions.items()))
