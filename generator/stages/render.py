"""Stage 4: render the catalogue into Markdown pages for MkDocs.

Every page comes from a Jinja template in ``generator/templates/``. Record
content is untrusted: it reaches a page only through the filters of
:mod:`generator.templating` (the toolkit of :mod:`generator.present`), which
escape it (``autoescape=True``) or, for the few fields that allow inline
Markdown, convert and then sanitise it with nh3. Record text always lands
inside raw HTML blocks of the Markdown page, so MkDocs' Markdown parser never
interprets it (no Markdown links, no snippets, no attribute lists from
content); only headings written in the templates themselves are Markdown.
Nothing from a record is ever compiled as a template.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

from generator.forked import Forked, ForkedError, can_fork
from generator.present import (
    GENERATED_DIR,
    describe,
    journey_url,
    practice_url,
    region_url,
    relative_url,
    url_to_source,
)
from generator.schema import Practice
from generator.slug import slugify
from generator.stages.model import Catalogue, practice_period, start_year
from generator.templating import make_environment

PARTS_DIR = f"{GENERATED_DIR}/_bagian"
"""Page fragments included by hand-written pages (pymdownx.snippets); not pages."""


# ----------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    """One generated file: its path under ``docs/`` and its content."""

    path: str
    content: str


def render_site(
    catalogue: Catalogue,
    *,
    reuse: bool = False,
    share: slice | None = None,
) -> list[Page]:
    """Every generated page of the site, from the catalogue alone.

    ``reuse=True`` (``replika serve``) keeps the rendered pages in memory and
    returns a page again without rendering it when everything it shows is
    unchanged (see :func:`_practice_key` and :func:`_listing_key`). Otherwise,
    from :data:`PARALLEL_MIN` practices on, a forked helper renders the second
    half of the practice pages; ``share`` (used by that helper) renders only
    the practice pages of that slice of ``catalogue.practices``.
    """
    env = _environment()
    pages: list[Page] = []
    loaded: dict[str, Template] = {}
    anchors = tag_anchors(catalogue)

    def tag_anchor(tag: str) -> str:
        return anchors[tag.lower()]

    def add(template: str, url: str, *, path: str | None = None, **context: Any) -> None:
        tpl = loaded.get(template) or loaded.setdefault(template, env.get_template(template))
        here = url

        def link(target: str) -> str:
            return relative_url(target, here)

        content = tpl.render(
            cat=catalogue, page_url=url, link=link, tag_anchor=tag_anchor, **context
        )
        pages.append(Page(path or url_to_source(url), content))

    templates = _templates_signature() if reuse else ""
    practices = catalogue.practices
    helper = None
    if share is not None:  # in the forked helper: only these practice pages
        practices = practices[share]
    elif not reuse and len(practices) >= PARALLEL_MIN and can_fork():
        # A forked helper renders the second half of the practice pages
        # while this process renders the first half and the other pages.
        half = len(practices) // 2
        helper = _start_helper(catalogue, half)
        practices = practices[:half]
    for practice in practices:
        related = catalogue.related(practice)
        last_changed = catalogue.last_changed.get(practice.id, practice.checked)
        key = ""
        if reuse:
            key = _practice_key(
                catalogue,
                practice,
                related,
                last_changed,
                templates + json.dumps([anchors[t.lower()] for t in practice.tags]),
            )
            cached = _PRACTICE_PAGES.get(practice.id)
            if cached and cached[0] == key:
                pages.append(cached[1])
                continue
        add(
            "praktik.md.j2",
            practice_url(practice.id),
            p=practice,
            related=related,
            description=describe(practice.summary),
            years=practice_period(practice),
            last_changed=last_changed,
        )
        if reuse:
            _PRACTICE_PAGES[practice.id] = (key, pages[-1])
    if share is not None:
        return pages
    if helper is not None:
        try:
            pages.extend(helper.result())
        except ForkedError:  # the helper died (e.g. out of memory): render here
            rest = slice(len(practices), None)
            pages.extend(render_site(catalogue, share=rest))
        finally:
            helper.cancel()
    listing_key = _listing_key(catalogue, templates) if reuse else ""
    if reuse and _LISTING_PAGES and _LISTING_PAGES[0] == listing_key:
        return pages + _LISTING_PAGES[1]
    first_listing = len(pages)
    listed_provinces = set(catalogue.by_province())
    for region in catalogue.regions_involved():
        add(
            "daerah.md.j2",
            region_url(region),
            region=region,
            province=catalogue.regions[region].province if region in catalogue.regions else "",
            listed_provinces=listed_provinces,
            own=catalogue.practices_from(region),
            mentoring=catalogue.mentoring(region),
            learning=catalogue.learning(region),
        )
    add("daerah-indeks.md.j2", f"{GENERATED_DIR}/daerah/", path=f"{GENERATED_DIR}/daerah/index.md")
    for journey in catalogue.journeys:
        add(
            "pembelajaran.md.j2",
            journey_url(journey.id),
            j=journey,
            description=describe(journey.summary),
        )
    add(
        "pembelajaran-indeks.md.j2",
        f"{GENERATED_DIR}/pembelajaran/",
        path=f"{GENERATED_DIR}/pembelajaran/index.md",
    )
    add("jelajahi.md.j2", f"{GENERATED_DIR}/", path=f"{GENERATED_DIR}/index.md")
    for name in ("sektor", "jenis", "provinsi", "tahun", "replikasi", "tag", "glosarium"):
        add(f"{name}.md.j2", f"{GENERATED_DIR}/{name}/")
    add("beranda.md.j2", "", path=f"{PARTS_DIR}/beranda.md")
    add("peta.md.j2", "peta/", path=f"{PARTS_DIR}/peta.md")
    if reuse:
        _LISTING_PAGES[:] = [listing_key, pages[first_listing:]]
    return pages


PARALLEL_MIN = 200
"""From this many practices on, a build renders practice pages in two processes."""


def _start_helper(catalogue: Catalogue, start: int) -> Forked:
    """A forked process rendering the practice pages from ``start`` on."""
    return Forked(lambda: render_site(catalogue, share=slice(start, None)))


def tag_anchor_map(tags: Iterable[str]) -> dict[str, str]:
    """Lower-cased tag → a unique anchor (``tag-x``, ``tag-x-2`` when slugs collide)."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for tag in tags:
        base = f"tag-{slugify(tag)}"
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        anchors[tag] = anchor
    return anchors


def tag_anchors(catalogue: Catalogue) -> dict[str, str]:
    return tag_anchor_map(catalogue.by_tag())


_PRACTICE_PAGES: dict[str, tuple[str, Page]] = {}
"""Rendered practice pages by id with the key of everything they show (``serve``)."""

_LISTING_PAGES: list[Any] = []
"""``[key, pages]``: every page that is not a practice page, and the key they were made for."""


@cache
def _environment() -> Environment:
    """One Jinja environment per process; it recompiles a template whose file changed."""
    return make_environment()


def _templates_signature() -> str:
    folder = Path(__file__).parents[1] / "templates"
    stamps = sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.j2"))
    return json.dumps(stamps)


def _practice_key(
    catalogue: Catalogue,
    practice: Practice,
    related: list[Practice],
    last_changed: str,
    templates: str,
) -> str:
    """Everything a practice page shows, so an unchanged page is not rendered again.

    Besides the record: the related practices' list entries, the titles of
    mentee practices, the change date, and the templates' modification times.
    """
    linked = [j.model_dump_json() for j in catalogue.journeys_learning(practice.id)]
    parts = [
        practice.model_dump_json(),
        [(q.id, q.title, q.origin.region, q.sector, practice_period(q)) for q in related],
        linked,
        last_changed,
        templates,
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def _listing_key(catalogue: Catalogue, templates: str) -> str:
    """Everything the pages other than practice pages show (region, index and listing pages).

    They read, of each practice in catalogue order, only its id, title, origin,
    sector, types, tags, start year, check date, change date and replications,
    plus the region registry; a change elsewhere in a record leaves them as
    they are.
    """
    parts = [
        [
            p.id,
            p.title,
            p.origin.model_dump(mode="json"),
            p.sector,
            list(p.types),
            list(p.tags),
            start_year(p),
            practice_period(p),
            str(p.checked),
            catalogue.last_changed.get(p.id, ""),
            [r.model_dump(mode="json") for r in p.replications],
        ]
        for p in catalogue.practices
    ]
    regions = {name: r.model_dump(mode="json") for name, r in catalogue.regions.items()}
    journeys = [j.model_dump(mode="json") for j in catalogue.journeys]
    body = json.dumps([parts, regions, journeys, templates], ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode()).hexdigest()
