"""Read and convert the Markdown of a large MkDocs build in two processes.

Measured at 1,000 practices, three quarters of ``mkdocs build`` is Python-Markdown
converting pages (``_populate_page``: parsing our pages' HTML blocks, table of
contents, links); the Jinja templates that follow take the rest. The
conversions are independent of each other, so ``replika build`` converts half
of the pages in a forked child process while the parent converts the other
half, then hands the results back to MkDocs, which goes on exactly as in a
plain ``mkdocs build``: templates, anchor validation, strict warnings. The
HTML is byte-identical to the single-process build (tested).

This leans on one private function of MkDocs (``mkdocs.commands.build.
_populate_page``) and the page attributes it fills. ``mkdocs`` is pinned in
``pyproject.toml``; when the function or an attribute is not there, the build
quietly runs single-process, and a test fails so that the upgrade is noticed.
Only ``replika build`` uses this, through :func:`conversion` (the build
orchestrator decides); ``replika serve`` and plain ``mkdocs build`` do not, and
need nothing from it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from generator.forked import Forked, ForkedError, can_fork

MIN_PAGES = 200
"""Below this, forking costs more than it saves."""

PAGE_STATE = (
    "markdown",
    "meta",
    "content",
    "toc",
    "_title_from_render",
    "present_anchor_ids",
)
"""What ``_populate_page`` sets on a page (besides ``links_to_anchors``)."""


class PageReadingError(Exception):
    """Converting a page failed in the child process; the message says which and why."""


def supported() -> bool:
    """The MkDocs internals this module relies on are present (forking: ``can_fork``)."""
    try:
        import mkdocs.commands.build as mkdocs_build
        from mkdocs.structure.files import InclusionLevel
        from mkdocs.structure.pages import Page
    except ImportError:
        return False
    return (
        callable(getattr(mkdocs_build, "_populate_page", None))
        and hasattr(InclusionLevel, "is_included")
        and all(hasattr(Page, name) for name in ("present_anchor_ids", "links_to_anchors"))
    )


@contextmanager
def conversion(*, two_processes: bool, min_pages: int = MIN_PAGES) -> Iterator[None]:
    """The one seam: while active, MkDocs' builds convert their pages as asked.

    ``two_processes`` is the build orchestrator's decision; it is honoured
    only when :func:`supported` (the MkDocs internals are there) and the
    machine can fork, and only for builds of ``min_pages`` pages or more.
    Otherwise MkDocs runs untouched.
    """
    if not two_processes or not supported() or not can_fork():
        yield
        return
    import mkdocs.commands.build as mkdocs_build

    original: Callable[..., None] = mkdocs_build._populate_page
    batch_done = False

    def populate(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        nonlocal batch_done
        if not batch_done and not dirty:
            batch_done = True
            _populate_all(original, config, files, min_pages)
        if page.content is None:
            original(page, config, files, dirty)

    mkdocs_build._populate_page = populate
    try:
        yield
    finally:
        mkdocs_build._populate_page = original


def _pages_to_read(config: Any, files: Any) -> list[Any]:
    """Every page MkDocs' build loop is about to read, creating pages not in the nav as it does."""
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import Page

    pages = []
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
        if file.page is not None:
            pages.append(file.page)
    return pages


def _populate_all(original: Callable[..., None], config: Any, files: Any, min_pages: int) -> None:
    pages = _pages_to_read(config, files)
    if len(pages) < min_pages:
        return
    # Alternate pages so that both halves get a similar mix of large and small ones.
    mine, theirs = pages[0::2], pages[1::2]
    child = Forked(lambda: _convert(original, config, files, theirs))
    try:
        for page in mine:
            original(page, config, files, False)
        results, records = child.result()
    except ForkedError as err:
        raise PageReadingError(f"membaca halaman MkDocs di proses kedua gagal: {err}") from None
    finally:
        child.cancel()  # this build has failed, or the child is done: nothing to wait for
    _replay(records)
    by_uri = {page.file.src_uri: page for page in theirs}
    for src_uri, state, anchors_to in results:
        _apply(by_uri[src_uri], state, anchors_to, files)


def _convert(
    original: Callable[..., None], config: Any, files: Any, pages: list[Any]
) -> tuple[list[Any], list[tuple[str, int, str]]]:
    """In the child: convert ``pages``; their state and the log records, for the parent."""
    records: list[tuple[str, int, str]] = []
    logger = logging.getLogger("mkdocs")
    logger.handlers = [_Capture(records)]
    logger.propagate = False
    results = []
    for page in pages:
        original(page, config, files, False)
        results.append((page.file.src_uri, *_state(page)))
    return results, records


class _Capture(logging.Handler):
    def __init__(self, records: list[tuple[str, int, str]]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _replay(records: list[tuple[str, int, str]]) -> None:
    """Log the child's messages here, where strict mode counts the warnings."""
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)


def _state(page: Any) -> tuple[dict[str, Any], dict[str, dict[str, str]] | None]:
    state = {name: getattr(page, name) for name in PAGE_STATE}
    links = getattr(page, "links_to_anchors", None)
    anchors_to = None if links is None else {f.src_uri: d for f, d in links.items()}
    return state, anchors_to


def _apply(
    page: Any, state: dict[str, Any], anchors_to: dict[str, dict[str, str]] | None, files: Any
) -> None:
    for name, value in state.items():
        setattr(page, name, value)
    if anchors_to is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): d for uri, d in anchors_to.items()}
