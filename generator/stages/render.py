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

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

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
from generator.stages.model import Catalogue, practice_period
from generator.templating import make_environment

PARTS_DIR = f"{GENERATED_DIR}/_bagian"
"""Page fragments included by hand-written pages (pymdownx.snippets); not pages."""


# ----------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    """One generated file: its path under ``docs/`` and its content."""

    path: str
    content: str


def render_site(catalogue: Catalogue, *, env: Environment | None = None) -> list[Page]:
    """Every generated page of the site, from the catalogue alone: practice pages, then listings.

    Pure: no process is started and nothing is kept between calls. ``env``
    (a :func:`make_environment`) lets a caller that renders again and again
    (``replika serve``) keep its compiled templates; the build orchestrator
    (``generator/build.py``) decides whether the practice pages are split over
    two processes (:func:`practice_pages` of a part of the practices).
    """
    renderer = PageRenderer(catalogue, env)
    return renderer.practice_pages(catalogue.practices) + renderer.listing_pages()


def practice_pages(
    catalogue: Catalogue, practices: Iterable[Practice], *, env: Environment | None = None
) -> list[Page]:
    """The pages of ``practices`` (members of ``catalogue``), in their order."""
    return PageRenderer(catalogue, env).practice_pages(practices)


def listing_pages(catalogue: Catalogue, *, env: Environment | None = None) -> list[Page]:
    """Every page that is not a practice page (regions, journeys, listings, home parts)."""
    return PageRenderer(catalogue, env).listing_pages()


class PageRenderer:
    """Renders the pages of one catalogue; templates are loaded once per renderer."""

    def __init__(self, catalogue: Catalogue, env: Environment | None = None) -> None:
        self.catalogue = catalogue
        self.env = env or make_environment()
        self.anchors = tag_anchors(catalogue)
        self._loaded: dict[str, Template] = {}

    def tag_anchor(self, tag: str) -> str:
        return self.anchors[tag.lower()]

    def page(self, template: str, url: str, *, path: str | None = None, **context: Any) -> Page:
        """``template`` rendered for the page at site path ``url``."""
        tpl = self._loaded.get(template)
        if tpl is None:
            tpl = self._loaded.setdefault(template, self.env.get_template(template))

        def link(target: str) -> str:
            return relative_url(target, url)

        content = tpl.render(
            cat=self.catalogue, page_url=url, link=link, tag_anchor=self.tag_anchor, **context
        )
        return Page(path or url_to_source(url), content)

    def practice_page(self, practice: Practice) -> Page:
        return self.page(
            "praktik.md.j2",
            practice_url(practice.id),
            p=practice,
            related=self.catalogue.related(practice),
            description=describe(practice.summary),
            years=practice_period(practice),
            last_changed=self.catalogue.last_changed.get(practice.id, practice.checked),
        )

    def practice_pages(self, practices: Iterable[Practice]) -> list[Page]:
        return [self.practice_page(practice) for practice in practices]

    def listing_pages(self) -> list[Page]:
        catalogue, page = self.catalogue, self.page
        pages: list[Page] = []
        listed_provinces = set(catalogue.by_province())
        for region in catalogue.regions_involved():
            known = catalogue.regions.get(region)
            pages.append(
                page(
                    "daerah.md.j2",
                    region_url(region),
                    region=region,
                    province=known.province if known is not None else "",
                    listed_provinces=listed_provinces,
                    own=catalogue.practices_from(region),
                    mentoring=catalogue.mentoring(region),
                    learning=catalogue.learning(region),
                )
            )
        daerah = f"{GENERATED_DIR}/daerah/"
        pages.append(page("daerah-indeks.md.j2", daerah, path=f"{daerah}index.md"))
        for journey in catalogue.journeys:
            pages.append(
                page(
                    "pembelajaran.md.j2",
                    journey_url(journey.id),
                    j=journey,
                    description=describe(journey.summary),
                )
            )
        journeys = f"{GENERATED_DIR}/pembelajaran/"
        pages.append(page("pembelajaran-indeks.md.j2", journeys, path=f"{journeys}index.md"))
        pages.append(page("jelajahi.md.j2", f"{GENERATED_DIR}/", path=f"{GENERATED_DIR}/index.md"))
        for name in ("sektor", "jenis", "provinsi", "tahun", "replikasi", "tag", "glosarium"):
            pages.append(page(f"{name}.md.j2", f"{GENERATED_DIR}/{name}/"))
        pages.append(page("beranda.md.j2", "", path=f"{PARTS_DIR}/beranda.md"))
        pages.append(page("peta.md.j2", "peta/", path=f"{PARTS_DIR}/peta.md"))
        return pages


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


TEMPLATES_DIR = Path(__file__).parents[1] / "templates"


def templates_signature() -> str:
    """The page templates' names and modification times (a preview cache key part)."""
    stamps = sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES_DIR.glob("*.j2"))
    return json.dumps(stamps)
