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

from pydantic import BaseModel

from generator.schema import Practice
from generator.stages.model import Catalogue, practice_period, start_year
from generator.stages.render import Page, PageRenderer, templates_signature
from generator.templating import make_environment


class PageCache:
    """Rendered pages by key; :meth:`render` gives what ``render_site`` would."""

    def __init__(self) -> None:
        self.env = make_environment()
        """One Jinja environment for the preview; it recompiles a template whose file changed."""
        self.practices: dict[str, tuple[tuple[object, ...], Page]] = {}
        self.listing: tuple[str, list[Page]] | None = None
        self.related: tuple[tuple[object, ...], dict[tuple[str, int], tuple[str, ...]]] | None = (
            None
        )
        """The last catalogue's :meth:`~Catalogue.related_inputs` and related practices."""
        self.dumps = JsonOf()

    def render(self, catalogue: Catalogue) -> list[Page]:
        """Every page of the site; unchanged pages come from the cache."""
        self._share_related(catalogue)
        renderer = PageRenderer(catalogue, self.env)
        templates = templates_signature()
        pages: list[Page] = []
        for practice in catalogue.practices:
            anchors = json.dumps([renderer.tag_anchor(t) for t in practice.tags])
            key = practice_key(catalogue, practice, templates + anchors, self.dumps)
            cached = self.practices.get(practice.id)
            if cached is None or cached[0] != key:
                cached = (key, renderer.practice_page(practice))
                self.practices[practice.id] = cached
            pages.append(cached[1])
        self.dumps.next_round()
        key = listing_key(catalogue, templates)
        if self.listing is None or self.listing[0] != key:
            self.listing = (key, renderer.listing_pages())
        return pages + self.listing[1]

    def _share_related(self, catalogue: Catalogue) -> None:
        """Related practices are chosen again only when what they are chosen by changed."""
        inputs = catalogue.related_inputs()
        if self.related is None or self.related[0] != inputs:
            self.related = (inputs, {})
        catalogue.share_related(self.related[1])


class JsonOf:
    """``model_dump_json()`` of frozen records, made once per record object.

    The record cache hands back the same object while a file is unchanged, so
    a record's JSON is made again only after its file changed. Entries not
    used in a round are dropped at :meth:`next_round`.
    """

    def __init__(self) -> None:
        self._last: dict[int, tuple[BaseModel, str]] = {}
        self._now: dict[int, tuple[BaseModel, str]] = {}

    def __call__(self, model: BaseModel) -> str:
        found = self._now.get(id(model)) or self._last.get(id(model))
        if found is None or found[0] is not model:
            found = (model, model.model_dump_json())
        self._now[id(model)] = found
        return found[1]

    def next_round(self) -> None:
        self._last, self._now = self._now, {}


def practice_key(
    catalogue: Catalogue, practice: Practice, templates: str, json_of: JsonOf | None = None
) -> tuple[object, ...]:
    """Everything a practice page shows, so an unchanged page is not rendered again.

    Besides the record: the related practices' list entries, the titles of
    mentee practices, the change date, the tag anchors and the templates'
    modification times (``templates``).
    """
    dump = json_of or (lambda model: model.model_dump_json())
    return (
        dump(practice),
        tuple(
            (q.id, q.title, q.origin.region, q.sector, practice_period(q))
            for q in catalogue.related(practice)
        ),
        tuple(dump(j) for j in catalogue.journeys_learning(practice.id)),
        catalogue.last_changed.get(practice.id, practice.checked),
        templates,
    )


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
