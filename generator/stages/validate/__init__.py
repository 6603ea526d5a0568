"""Stage 2: check every record against the schema and against each other.

Everything is read and checked before anything is reported, so one run lists
every problem in every file. Messages are in plain Bahasa Indonesia, each with
the field path and a hint; every problem carries a rule id from
:mod:`generator.rules`.

The stage is a package, one module per kind of rule:

- :mod:`.files`: which files in ``practices/`` are records (stray files, links);
- :mod:`.schema_errors`: pydantic's errors as messages (``check_schema``);
- :mod:`.records`: per-record rules beyond the schema (status, timeline, text);
- :mod:`.sources`: sources listed, cited and with usable URLs;
- :mod:`.regions`: the region registry and region names;
- :mod:`.cross`: ids, titles and references between practice records;
- :mod:`.journeys`: learning journeys (``practices/pembelajaran/``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from generator.problems import Problem
from generator.project import Project
from generator.schema import Practice
from generator.stages.checked import CachedFile, Checked, RecordCache
from generator.stages.journey import journey_dir
from generator.stages.load import LoadedFile
from generator.stages.validate.cache import (
    forget_others,
    load_checked,
    own_problems,
    rules_context,
)
from generator.stages.validate.cross import (
    PracticeRefs,
    check_links,
    check_unique_titles,
    claim_id,
    known_ids,
)
from generator.stages.validate.files import display_name, record_paths, resolved_plain_files
from generator.stages.validate.journeys import check_journeys
from generator.stages.validate.records import check_record
from generator.stages.validate.regions import load_regions


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during bulk loading.

    Loading allocates hundreds of thousands of short-lived, acyclic objects;
    the collector would scan the growing heap again and again (measured: ~35%
    of validation time at 1,000 records). Reference counting still frees them.

    The survivors are then moved to the oldest generation (``freeze`` and
    ``unfreeze``, no scan): left in the youngest, the first allocation after
    ``enable`` made the collector scan all of them at once (0.4 s at 5,000).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def check_project(
    project: Project, only: Sequence[Path] | None = None, *, cache: RecordCache | None = None
) -> Checked:
    """Validate every record (or only ``only``); see :func:`_check_project`."""
    with _gc_paused():
        return _check_project(project, only, cache)


def _check_project(
    project: Project, only: Sequence[Path] | None, cache: RecordCache | None = None
) -> Checked:
    """Validate every record (or only ``only``), with cross-record checks against all.

    Cross-record checks read the raw data, so a record with schema errors still
    gets its unknown cities, dangling references and unordered timeline
    reported in the same run. For the same reason, with ``only`` and no cache
    the other records are read but not schema-checked (nothing of theirs is
    reported): ``checked.practices`` then holds the named records only.
    """
    checked = Checked()
    checked.regions = load_regions(project, checked.problems)
    if cache is not None:
        cache.use_context(rules_context(checked))
    paths, stray = record_paths(project)
    journey_targets: list[Path] | None = None
    if only is None:
        checked.problems.extend(stray)
        targets = paths
    else:
        folder = journey_dir(project).resolve()
        journey_targets = [p for p in only if p.resolve().parent == folder]
        targets = [p for p in only if p.resolve().parent != folder]
    # Resolve each path once (a resolve is one lstat per path component).
    root = project.root.resolve()
    resolved = resolved_plain_files(project.practices_dir, paths)
    resolved.update((p, p.resolve()) for p in targets if p not in resolved)
    wanted = {resolved[p] for p in targets}
    everything = sorted({resolved[p]: p for p in [*paths, *targets]}.values(), key=lambda p: p.name)
    entries = None if cache is None else cache.practices
    results = [
        load_checked(
            path,
            resolved[path],
            display_name(path, resolved[path], root),
            Practice if only is None or entries is not None or resolved[path] in wanted else None,
            entries,
        )
        for path in everything
    ]
    if entries is not None and only is None:
        forget_others(entries, (resolved[path] for path in everything))
    all_refs = [PracticeRefs.read(entry.loaded) for entry in results]
    known = known_ids(all_refs)
    owner_of_id: dict[str, LoadedFile] = {}
    for entry, refs in zip(results, all_refs, strict=True):
        loaded, practice = entry.loaded, entry.record
        reporting = resolved[loaded.path] in wanted if only is not None else True
        if reporting:
            checked.problems.extend(loaded.problems)
            if loaded.data is not None:
                checked.problems.extend(_record_problems(entry, loaded.data, refs, checked, known))
        duplicate = claim_id(refs.id, loaded, owner_of_id)
        if duplicate is not None:
            if reporting:
                checked.problems.append(duplicate)
            continue
        if isinstance(practice, Practice):
            checked.practices[practice.id] = practice
            checked.files[practice.id] = loaded
    checked.problems.extend(check_unique_titles(all_refs, wanted if only is not None else None))
    checked.known_ids = known
    check_journeys(project, checked, journey_targets, cache)
    checked.problems.sort()
    return checked


def _record_problems(
    entry: CachedFile, data: dict[str, Any], refs: PracticeRefs, checked: Checked, known: set[str]
) -> list[Problem]:
    """The rules of one practice beyond its schema, its own ones from the cache.

    One message per mistake: a field the schema already reported is not
    reported again by a check that depends on its value.
    """
    own = own_problems(entry, partial(check_record, data, refs, checked))
    taken = {p.field for p in entry.loaded.problems if p.field}
    return [p for p in [*own, *check_links(refs, known)] if p.field not in taken]


__all__ = ["check_project"]
