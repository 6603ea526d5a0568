"""Stage 4: render the catalogue into Markdown pages for MkDocs.

Every page comes from a Jinja template in ``generator/templates/``. Record
content is untrusted: it reaches a page only through the filters here, which
escape it (``autoescape=True``) or, for the few fields that allow inline
Markdown, convert and then sanitise it with nh3. Record text always lands
inside raw HTML blocks of the Markdown page, so MkDocs' Markdown parser never
interprets it (no Markdown links, no snippets, no attribute lists from
content); only headings written in the templates themselves are Markdown.
Nothing from a record is ever compiled as a template.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import markdown as markdown_lib
import nh3
import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup, escape

from generator import vocab
from generator.limits import MARKDOWN_FIELDS, markdown_excess
from generator.schema import Practice
from generator.slug import slugify
from generator.stages.grafik import (
    bar_chart,
    province_counts,
    result_series,
    sector_counts,
    year_chart,
)
from generator.stages.journey import Journey, state_label
from generator.stages.model import Catalogue, start_year
from generator.stages.peta import map_svg, places

GENERATED_DIR = "katalog"
"""The generated area inside ``docs/``; nothing hand-written lives there."""

PARTS_DIR = f"{GENERATED_DIR}/_bagian"
"""Page fragments included by hand-written pages (pymdownx.snippets); not pages."""


_ALLOWED_TAGS = {"p", "a", "strong", "em", "code", "br"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


# ----------------------------------------------------------------------------- glossary


@dataclass(frozen=True)
class Term:
    """One acronym of the glossary."""

    acronym: str
    expansion: str
    explanation: str

    @property
    def anchor(self) -> str:
        return slugify(self.acronym)


@cache
def glossary() -> tuple[Term, ...]:
    """The acronyms shipped in ``generator/data/glosarium.yaml``, sorted."""
    text = resources.files("generator").joinpath("data/glosarium.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    terms = [
        Term(str(t["singkatan"]), str(t["kepanjangan"]), str(t["penjelasan"]))
        for t in data["istilah"]
    ]
    return tuple(sorted(terms, key=lambda t: t.acronym.lower()))


@cache
def _acronym_re() -> re.Pattern[str]:
    names = sorted((t.acronym for t in glossary()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


@cache
def _terms_by_acronym() -> dict[str, Term]:
    return {t.acronym: t for t in glossary()}


_TAG_SPLIT = re.compile(r"(<[^>]*>)")


def abbreviate(markup: str) -> Markup:
    """Wrap glossary acronyms in ``<abbr title>`` inside the text parts of safe HTML.

    ``markup`` must already be safe (escaped or sanitised); only text between
    tags is touched, and never text already inside an ``<abbr>``.
    """
    if not _acronym_re().search(str(markup)):
        # Tag characters are neither word characters nor hyphens, so no match in
        # the whole string means no match in any of its text parts either.
        return Markup(str(markup))
    terms = _terms_by_acronym()
    out: list[str] = []
    inside_abbr = 0
    for part in _TAG_SPLIT.split(str(markup)):
        if part.startswith("<"):
            lowered = part.lower()
            if lowered.startswith("<abbr"):
                inside_abbr += 1
            elif lowered.startswith("</abbr"):
                inside_abbr = max(0, inside_abbr - 1)
            out.append(part)
        elif inside_abbr or not part:
            out.append(part)
        else:
            out.append(
                _acronym_re().sub(
                    lambda m: (
                        f'<abbr title="{html.escape(terms[m.group(1)].expansion)}">'
                        f"{m.group(1)}</abbr>"
                    ),
                    part,
                )
            )
    return Markup("".join(out))


# ----------------------------------------------------------------------------- formats


def format_number(value: float | int | str) -> str:
    """Indonesian number: ``1200`` → ``1.200``, ``99.42`` → ``99,42``; text stays."""
    if isinstance(value, str):
        return value
    sign = "-" if value < 0 else ""
    value = abs(value)
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:.10f}".rstrip("0").split(".")
        return sign + f"{int(whole):,}".replace(",", ".") + "," + frac
    return sign + f"{int(value):,}".replace(",", ".")


def format_rupiah(amount: int) -> str:
    """``400000`` → ``Rp400.000``."""
    return "Rp" + format_number(amount)


def format_date(value: str | dt.date) -> str:
    """``2020-01-27`` → ``27 Januari 2020``; ``2018-04`` → ``April 2018``; ``2016`` stays."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    parts = text.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {vocab.MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{vocab.MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def plain(value: Any) -> str:
    """Record text as one line of plain text (whitespace collapsed)."""
    return " ".join(str(value).split())


def text(value: Any) -> Markup:
    """Record text as escaped HTML with acronyms explained."""
    return abbreviate(escape(plain(value)))


_MARKDOWN_SYNTAX = re.compile(r"[*_\[\]`<>&\\]|^\s*([-+#>]|\d+\.)\s", re.M)


@cache
def _markdown() -> markdown_lib.Markdown:
    return markdown_lib.Markdown(output_format="html")


def safe_markdown(value: Any, *, inline: bool = False) -> Markup:
    """Inline Markdown (bold, italic, links) → sanitised HTML; anything else becomes text.

    Raw HTML in the source is escaped before conversion, so ``<script>`` shows as
    text; nh3 then keeps only a few inline tags and http/https links. Text
    without any Markdown syntax skips the converter (most fields: much faster).
    """
    source = str(value).strip()
    if not _MARKDOWN_SYNTAX.search(source) or markdown_excess(source) is not None:
        paragraphs = [plain(p) for p in re.split(r"\n\s*\n", source) if p.strip()]
        escaped = [str(escape(p)) for p in paragraphs]
        body = "<br>".join(escaped) if inline else "".join(f"<p>{p}</p>" for p in escaped)
        return abbreviate(body)
    converter = _markdown()
    converted = converter.reset().convert(html.escape(source, quote=False))
    clean = nh3.clean(
        converted,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
    )
    if inline:
        clean = re.sub(r"</p>\s*<p>", "<br>", clean)
        clean = re.sub(r"^<p>|</p>$", "", clean.strip())
    return abbreviate(clean)


def attr(value: Any) -> str:
    """Plain text for an attribute value (autoescape quotes it)."""
    return plain(value)


def relative_url(target: str, current: str) -> str:
    """A link from the page at site path ``current`` (``a/b/``) to ``target``.

    Both are site-root-relative; a target ending in ``/`` is a page, anything
    else a file. Fragments (``#x``) are kept.
    """
    path, _, fragment = target.partition("#")
    base = current.rstrip("/") or "."
    if path in ("", "/"):
        rel = _relpath(".", base) + "/"
    else:
        rel = _relpath(path.rstrip("/"), base)
        if path.endswith("/"):
            rel += "/"
    return rel + (f"#{fragment}" if fragment else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two site-root-relative paths, without ``os.getcwd()``."""
    if path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    here = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


# ----------------------------------------------------------------------------- site paths


def practice_url(practice_id: str) -> str:
    return f"{GENERATED_DIR}/praktik/{practice_id}/"


def region_url(region: str) -> str:
    return f"{GENERATED_DIR}/daerah/{slugify(region)}/"


def journey_url(journey_id: str) -> str:
    return f"{GENERATED_DIR}/pembelajaran/{journey_id}/"


def sessions_summary(journey: Journey) -> str:
    """``1 dari 6 sesi terlaksana``, ``2 sesi terlaksana`` or ``sesi tidak tercatat``."""
    if not journey.sessions:
        return "sesi tidak tercatat"
    if journey.held == journey.planned:
        return f"{journey.held} sesi terlaksana"
    return f"{journey.held} dari {journey.planned} sesi terlaksana"


def journey_when(journey: Journey) -> str:
    """``mulai 27 Januari 2020`` (first session), or ``bukti 23 Februari 2009`` without sessions."""
    if journey.sessions:
        return f"mulai {format_date(journey.sessions[0].date)}"
    return f"bukti {format_date(journey.status_as_of)}"


def url_to_source(url: str) -> str:
    """``katalog/praktik/x/`` → ``katalog/praktik/x.md`` (``a/`` for ``a/index.md``)."""
    return url.rstrip("/") + ".md"


# ----------------------------------------------------------------------------- environment


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        rupiah=format_rupiah,
        angka=format_number,
        tanggal=format_date,
        teks=text,
        md=safe_markdown,
        md_inline=lambda v: safe_markdown(v, inline=True),
        polos=plain,
        slug=slugify,
        sektor=lambda s: vocab.SECTORS[s],
        jenis=lambda s: vocab.PRACTICE_TYPES[s],
        instrumen=lambda s: vocab.INSTRUMENT_KINDS[s],
        bentuk=lambda s: vocab.LEARNING_FORMS[s],
        tahap=lambda s: vocab.REPLICATION_PHASES[s],
        status_replikasi=lambda s: vocab.REPLICATION_STATUSES[s],
        bukti=lambda s: vocab.EVIDENCE_LEVELS[s],
        status_praktik=lambda s: vocab.PRACTICE_STATUSES[s],
        front=front_matter,
    )
    env.globals.update(
        vocab=vocab,
        practice_url=practice_url,
        region_url=region_url,
        journey_url=journey_url,
        sesi_ringkas=sessions_summary,
        sesi_label=state_label,
        waktu_pb=journey_when,
        start_year=start_year,
        practice_period=practice_period,
        map_svg=map_svg,
        map_places=places,
        bar_chart=bar_chart,
        result_series=result_series,
        year_chart=year_chart,
        sector_counts=sector_counts,
        province_counts=province_counts,
        glossary=glossary,
        markdown_fields=MARKDOWN_FIELDS,
    )
    return env


_SAFE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML was built with it (same output, much faster)."""


def front_matter(meta: dict[str, Any]) -> Markup:
    """YAML front matter. Values are HTML-escaped: the theme prints them unescaped."""
    escaped = {
        k: html.escape(plain(v), quote=True) if isinstance(v, str) else v for k, v in meta.items()
    }
    body = yaml.dump(
        escaped, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=10_000
    )
    return Markup(f"---\n{body}---\n")


def markdown_to_text(value: str) -> str:
    """The reader-visible text of an inline-Markdown field (no markup, no link targets)."""
    if markdown_excess(str(value)) is not None:
        return str(value)  # beyond the limits: plain text, never the converter
    rendered = _markdown().reset().convert(html.escape(str(value), quote=False))
    return html.unescape(nh3.clean(rendered, tags=set()))


def describe(value: str, limit: int = 155) -> str:
    """A short description for ``<meta name=description>`` (plain text, cut at a word)."""
    words = plain(markdown_to_text(value))
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut + " …"


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
            related=related_practices(self.catalogue, practice),
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


def practice_period(practice: Practice) -> str:
    """When the practice ran, for its page: ``sejak 2018``, ``2015–2021`` or ``mulai 2019``.

    The start is the year of ``mulai`` (the practice itself), or the first
    milestone when ``mulai`` is empty. A running or stalled practice has no end
    year; a stopped one ends in the year of ``status_per`` (its latest
    evidence); an unknown status says only when it started.
    """
    start = int(practice.started[:4]) if practice.started else start_year(practice)
    if practice.status == "berhenti":
        end = int(practice.status_as_of[:4]) if practice.status_as_of else start
        return str(start) if end <= start else f"{start}–{end}"
    if practice.status == "tidak-diketahui":
        return f"mulai {start}"
    return f"sejak {start}"


def year_span(practice: Practice) -> str:
    """``2015–2020`` from the first and last milestone (one year alone if equal)."""
    years = sorted(int(m.date[:4]) for m in practice.timeline)
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def related_practices(catalogue: Catalogue, practice: Practice) -> list[Practice]:
    """At most five closest practices (:meth:`Catalogue.related`), closest first."""
    return catalogue.related(practice)


# ----------------------------------------------------------------------------- search text


def _practice_texts(practice: Practice) -> Iterable[str]:
    """Every text of a practice the search index reads: title, summary, then the body."""
    yield practice.title
    yield practice.summary
    yield practice.problem
    yield from practice.steps
    yield from practice.lessons
    yield from practice.success_conditions
    yield from practice.readiness
    yield from practice.risks
    yield from practice.tags
    for item in practice.timeline:
        yield item.event
    for actor in practice.actors:
        yield actor.name
        yield actor.role
    for instrument in practice.instruments:
        yield instrument.title
    for result in practice.results:
        yield result.indicator
    for cost in practice.costs:
        yield cost.item
