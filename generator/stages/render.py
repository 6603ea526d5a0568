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
import hashlib
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
from generator.forked import Forked, ForkedError, can_fork
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

    def add(template: str, url: str, *, path: str | None = None, **context: Any) -> None:
        tpl = loaded.get(template) or loaded.setdefault(template, env.get_template(template))
        here = url

        def link(target: str) -> str:
            return relative_url(target, here)

        content = tpl.render(cat=catalogue, page_url=url, link=link, **context)
        pages.append(Page(path or url_to_source(url), content))

    anchors = tag_anchors(catalogue)
    env.globals["tag_anchor"] = lambda tag: anchors[tag.lower()]
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
        related = related_practices(catalogue, practice)
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
