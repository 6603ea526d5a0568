"""The preview's rendered pages, kept between regenerations (owned by ``Preview``).

``replika serve`` renders the site again after every save. Most saves change
one record, which shows on its own page and perhaps on a few others, so the
cache keeps every rendered page with a key of everything it shows and renders
again only the pages whose key changed (see :func:`practice_key` and
:func:`listing_key`). The result is the same as a fresh
:func:`generator.stages.render.render_site` (tested).

One cache belongs to one :class:`generator.preview.Preview`, which uses it from
one regeneration at a time; nothing here is module state.
"""

from __future__ import annotations

import hashlib
import json

from generator.schema import Practice
from generator.stages.model import Catalogue, practice_period, start_year
from generator.stages.render import Page, PageRenderer, templates_signature
from generator.templating import make_environment


class PageCache:
    """Rendered pages by key; :meth:`render` gives what ``render_site`` would."""

    def __init__(self) -> None:
        self.env = make_environment()
        """One Jinja environment for the preview; it recompiles a template whose file changed."""
        self.practices: dict[str, tuple[str, Page]] = {}
        self.listing: tuple[str, list[Page]] | None = None

    def render(self, catalogue: Catalogue) -> list[Page]:
        """Every page of the site; unchanged pages come from the cache."""
        renderer = PageRenderer(catalogue, self.env)
        templates = templates_signature()
        pages: list[Page] = []
        for practice in catalogue.practices:
            anchors = json.dumps([renderer.tag_anchor(t) for t in practice.tags])
            key = practice_key(catalogue, practice, templates + anchors)
            cached = self.practices.get(practice.id)
            if cached is None or cached[0] != key:
                cached = (key, renderer.practice_page(practice))
                self.practices[practice.id] = cached
            pages.append(cached[1])
        key = listing_key(catalogue, templates)
        if self.listing is None or self.listing[0] != key:
            self.listing = (key, renderer.listing_pages())
        return pages + self.listing[1]


def practice_key(catalogue: Catalogue, practice: Practice, templates: str) -> str:
    """Everything a practice page shows, so an unchanged page is not rendered again.

    Besides the record: the related practices' list entries, the titles of
    mentee practices, the change date, the tag anchors and the templates'
    modification times (``templates``).
    """
    related = catalogue.related(practice)
    last_changed = catalogue.last_changed.get(practice.id, practice.checked)
    linked = [j.model_dump_json() for j in catalogue.journeys_learning(practice.id)]
    parts = [
        practice.model_dump_json(),
        [(q.id, q.title, q.origin.region, q.sector, practice_period(q)) for q in related],
        linked,
        last_changed,
        templates,
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def listing_key(catalogue: Catalogue, templates: str) -> str:
    """Everything the pages other than practice pages show (region, index and listing pages).

    They read, of each practice in catalogue order, only its id, title, origin,
    sector, types, tags, start year, check date, change date and replications,
    plus the region registry and the journeys; a change elsewhere in a record
    leaves them as they are.
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
