"""What is indexed from each kind of page: fields, display row and snippet text.

Every kind of page that can be searched is a :class:`SearchPage` with a kind
(``praktik``, ``daerah``, ``provinsi``, ``istilah``, ``perjalanan``; see
:data:`KINDS`): practices first (documents ``0`` to ``n-1``, the only ones
with facets), then city/regency pages, provinces, glossary terms and learning
journeys. A new kind is added by appending a function to :data:`PAGE_SOURCES`
and a label to :data:`KINDS`; nothing in ``cari.js`` changes.

Every page is split into fields (title; summary and tags; labels: city,
province, sector and practice types; body: everything else). Words are
lower-cased; :func:`root` gives a word's Sastrawi root. Glossary acronyms and
their long forms stand for each other: a page saying "layanan lumpur tinja
terjadwal" is also indexed under ``LLTT`` and the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator import vocab
from generator.outputs.search.stem import stem
from generator.present import (
    GENERATED_DIR,
    MARKDOWN_SYNTAX,
    acronym_re,
    glossary,
    journey_url,
    markdown_to_text,
    plain,
    practice_texts,
    practice_url,
    region_url,
)
from generator.schema import Practice
from generator.slug import slugify
from generator.stages.model import Catalogue

SUMMARY_CHARS = 160
"""Characters of a page's summary shown in a result (cut at a word)."""
TEXT_CHARS = 10_000
"""Characters of a page's plain text kept for snippets."""
PIECE_CHARS = 1_500
"""A page's snippet text is stored in pieces of at most this many characters;
a shown result fetches only the pieces where its query words first occur."""

_WORD = re.compile(r"[^\W_]+")
_STEM_MIN = 4
"""Words shorter than this are their own root (Sastrawi would only guess)."""


# ----------------------------------------------------------------------------- words


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits; one letter alone is dropped)."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 or w.isdigit()]


def letter_runs(text: str) -> set[str]:
    """The lower-case runs of letters and digits in ``text``: :func:`words`, one letter kept."""
    return set(_WORD.findall(text.lower()))


@cache
def root(word: str) -> str:
    """The Sastrawi root of a lower-case word (the word itself when short or not a word)."""
    if len(word) < _STEM_MIN or not word.isalpha():
        return word
    return stem(word) or word


@cache
def _long_forms() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """``(acronym, long form, the long form's words)`` of every glossary term."""
    return tuple((t.acronym, t.expansion, tuple(words(t.expansion))) for t in glossary())


def _acronym_extras(text: str) -> list[str]:
    """Long forms of the acronyms ``text`` uses, and acronyms of the long forms it spells out.

    A long form is looked for in the text only when all its words occur in it:
    most do not, and one substring search per glossary term over every page
    was a tenth of the indexing time.
    """
    present = set(acronym_re().findall(text))
    tokens = words(text)
    vocabulary = set(tokens)
    padded = ""
    extra: list[str] = []
    for acronym, expansion, spelled in _long_forms():
        if acronym in present:
            extra.append(expansion)
        elif spelled and vocabulary.issuperset(spelled):
            padded = padded or f" {' '.join(tokens)} "
            if f" {' '.join(spelled)} " in padded:
                extra.append(acronym)
    return extra


def labels(practice: Practice) -> list[str]:
    return [
        practice.origin.region,
        practice.origin.province,
        vocab.SECTORS[practice.sector],
        *(vocab.PRACTICE_TYPES[kind] for kind in practice.types),
    ]


def practice_fields(practice: Practice, summary: str | None = None) -> dict[str, str]:
    """The text of each field of a practice, plain (``summary``: its summary as text, if known)."""
    texts = list(practice_texts(practice))
    # practice_texts starts with the title and the summary; tags come from the record.
    body = [t for t in texts[2:] if t not in practice.tags]
    body.extend(_more_texts(practice))
    if summary is None:
        summary = markdown_to_text(practice.summary)
    fields = {
        "judul": plain(practice.title),
        "ringkasan": plain(" ".join([summary, *practice.tags])),
        "label": plain(" ".join(labels(practice))),
        "isi": plain(
            " ".join(markdown_to_text(t) if MARKDOWN_SYNTAX.search(t) else t for t in body)
        ),
    }
    extra = _acronym_extras(" ".join(fields.values()))
    if extra:
        fields["isi"] += " " + " ".join(extra)
    return fields


def _more_texts(practice: Practice) -> Iterable[str]:
    """Text the page shows beyond :func:`practice_texts`: replications, discrepancies, sources."""
    for rep in practice.replications:
        yield rep.mentee
        yield from (t for t in (rep.mentor, rep.facilitator) if t)
        yield from rep.outputs
    for item in practice.discrepancies:
        yield from _strings(item.model_dump(mode="json", exclude={"sources", "source"}))
    for source in practice.sources:
        yield source.title
        yield source.publisher


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _cut(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = plain(text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def display_row(page: SearchPage) -> list[str]:
    """``[title, url, summary, detail, kind]`` of one result."""
    return [page.title, page.url, _cut(page.summary), page.detail, page.kind]


# ----------------------------------------------------------------------------- pages

KINDS = {
    "praktik": "Praktik",
    "daerah": "Daerah",
    "provinsi": "Provinsi",
    "istilah": "Istilah",
    "perjalanan": "Perjalanan belajar",
}
"""Kind of a searchable page → the label shown beside it in the results."""

KIND_WEIGHTS = {"perjalanan": 0.7}
"""Kinds whose scores are scaled down. A journey's short title ("Kota Medan
belajar dari Kota Surabaya") names two cities, so six Surabaya journeys would
otherwise push Surabaya's own practice and city page off the first screen;
a query that names both cities still finds the journey (all words first)."""


@dataclass(frozen=True)
class SearchPage:
    """One searchable page: what is indexed, shown and filtered.

    ``fields`` are the texts per field of :data:`FIELD_WEIGHTS`; ``text`` is
    the plain text snippets are cut from; ``facets`` maps a facet of
    :data:`FACETS` to the page's values (only practices have any).
    """

    kind: str
    title: str
    url: str
    summary: str
    detail: str
    fields: dict[str, str]
    text: str
    facets: dict[str, tuple[str, ...]]


def practice_page(practice: Practice) -> SearchPage:
    summary = markdown_to_text(practice.summary)
    fields = practice_fields(practice, summary)
    return SearchPage(
        kind="praktik",
        title=plain(practice.title),
        url=practice_url(practice.id),
        summary=summary,
        detail=" · ".join(
            [practice.origin.region, practice.origin.province, vocab.SECTORS[practice.sector]]
        ),
        fields=fields,
        text=_snippet_text(fields["ringkasan"], fields["isi"]),
        facets={
            "sektor": (vocab.SECTORS[practice.sector],),
            "jenis": tuple(dict.fromkeys(vocab.PRACTICE_TYPES[k] for k in practice.types)),
            "provinsi": (practice.origin.province,),
        },
    )


def _snippet_text(*parts: str) -> str:
    text = " ".join(" ".join(p.split()) for p in parts if p)
    return text if len(text) <= TEXT_CHARS else text[:TEXT_CHARS].rsplit(" ", 1)[0]


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` (one space between words) cut at spaces into pieces of at most ``size`` characters.

    ``" ".join(pieces(text)) == text`` unless a word is longer than half a
    piece (then it is cut). A page without text has one empty piece.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind(" ", start + size // 2, start + size + 1)
        if cut < 0:
            out.append(text[start : start + size])
            start += size
        else:
            out.append(text[start:cut])
            start = cut + 1
    out.append(text[start:])
    return out


def practice_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    for practice in catalogue.practices:
        yield practice_page(practice)


def region_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    """The page of every city or regency the catalogue names (``katalog/daerah/…``)."""
    for region in catalogue.regions_involved():
        known = catalogue.regions.get(region)
        province = known.province if known else ""
        own = catalogue.practices_from(region)
        mentoring = catalogue.mentoring(region)
        learning = catalogue.learning(region)
        summary = (
            f"{len(own)} praktik dari daerah ini; "
            f"mentor dalam {len(mentoring)} perjalanan belajar; "
            f"belajar dalam {len(learning)} perjalanan belajar."
        )
        titles = [p.title for p in own]
        titles += [f"{journey.title} {journey.mentee}" for journey in mentoring]
        titles += [f"{journey.title} {journey.mentor}" for journey in learning]
        body = plain(" ".join(titles))
        yield SearchPage(
            kind="daerah",
            title=plain(region),
            url=region_url(region),
            summary=summary,
            detail=f"Provinsi {province}" if province else "",
            fields={"judul": plain(region), "label": plain(province), "isi": body},
            text=_snippet_text(summary, body),
            facets={},
        )


def province_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    """Every province with practices: its section of ``katalog/provinsi/``."""
    for province, regions in catalogue.by_province().items():
        count = sum(len(items) for items in regions.values())
        names = list(regions)
        summary = f"{count} praktik dari {', '.join(names)}."
        body = plain(" ".join([*names, *(p.title for items in regions.values() for p in items)]))
        yield SearchPage(
            kind="provinsi",
            title=plain(province),
            url=f"{GENERATED_DIR}/provinsi/#{slugify(province)}",
            summary=summary,
            detail=f"{len(names)} daerah",
            fields={"judul": plain(province), "isi": body},
            text=_snippet_text(summary, body),
            facets={},
        )


GLOSSARY_URL = f"{GENERATED_DIR}/glosarium/"


def glossary_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    """Every acronym of the glossary: its entry on ``katalog/glosarium/``."""
    for term in glossary():
        summary = f"{term.expansion}. {term.explanation}"
        yield SearchPage(
            kind="istilah",
            title=plain(term.acronym),
            url=f"{GLOSSARY_URL}#{term.anchor}",
            summary=plain(summary),
            detail=plain(term.expansion),
            fields={
                "judul": plain(term.acronym),
                "label": plain(term.expansion),
                "isi": plain(term.explanation),
            },
            text=_snippet_text(plain(summary)),
            facets={},
        )


def journey_pages(catalogue: Catalogue) -> Iterable[SearchPage]:
    """Every learning journey (``katalog/pembelajaran/…``): mentor → mentee, what was learned."""
    for journey in catalogue.journeys:
        learned = [
            catalogue.by_id[pid].title for pid in journey.practices if pid in catalogue.by_id
        ]
        people = [
            journey.mentor,
            journey.mentee,
            journey.facilitator or "",
            journey.programme or "",
        ]
        topics = [topic for session in journey.sessions for topic in session.topics]
        body = plain(" ".join([*journey.lessons, *topics, *learned, *journey.evidence_gaps]))
        summary = plain(journey.summary)
        yield SearchPage(
            kind="perjalanan",
            title=plain(journey.title),
            url=journey_url(journey.id),
            summary=summary,
            detail=plain(f"{journey.mentor} → {journey.mentee}"),
            fields={
                "judul": plain(journey.title),
                "label": plain(" ".join(people)),
                "ringkasan": summary,
                "isi": body,
            },
            text=_snippet_text(summary, body),
            facets={},
        )


PAGE_SOURCES: list[Callable[[Catalogue], Iterable[SearchPage]]] = [
    practice_pages,
    region_pages,
    province_pages,
    glossary_pages,
    journey_pages,
]
"""Every kind of searchable page, in document order (practices first)."""


def search_pages(catalogue: Catalogue) -> list[SearchPage]:
    """Every searchable page of ``catalogue`` in document order."""
    pages: list[SearchPage] = []
    for source in PAGE_SOURCES:
        for page in source(catalogue):
            if page.kind not in KINDS:
                raise ValueError(f"unknown page kind {page.kind!r}: add it to KINDS")
            pages.append(page)
    return pages
