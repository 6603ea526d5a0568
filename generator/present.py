"""The presentation toolkit: record text as readers see it, on pages, in PDFs and in search.

Record content is untrusted. These helpers turn it into escaped HTML
(:func:`text`), sanitised inline Markdown (:func:`safe_markdown`: converted,
then cleaned with nh3), one line of plain text (:func:`plain`) or the text a
reader sees of a Markdown field (:func:`markdown_to_text`); they explain
glossary acronyms (:func:`abbreviate`), write Indonesian numbers, amounts and
dates, and build the site paths of generated pages. The site's templates
(:mod:`generator.templating`), the PDFs (:mod:`generator.outputs.pdf`) and the
search index (:mod:`generator.outputs.search`) all use these, so a reader sees
the same words everywhere.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import markdown as markdown_lib
import nh3
import yaml
from markupsafe import Markup, escape

from generator import vocab
from generator.limits import markdown_excess
from generator.schema import Practice
from generator.slug import slugify

GENERATED_DIR = "katalog"
"""The generated area inside ``docs/``; nothing hand-written lives there."""

ALLOWED_TAGS = {"p", "a", "strong", "em", "code", "br"}
"""The only tags sanitised Markdown keeps (nh3 allow-list)."""
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


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
def acronym_re() -> re.Pattern[str]:
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
    if not acronym_re().search(str(markup)):
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
                acronym_re().sub(
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


MARKDOWN_SYNTAX = re.compile(r"[*_\[\]`<>&\\]|^\s*([-+#>]|\d+\.)\s", re.M)


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
    if not MARKDOWN_SYNTAX.search(source) or markdown_excess(source) is not None:
        paragraphs = [plain(p) for p in re.split(r"\n\s*\n", source) if p.strip()]
        escaped = [str(escape(p)) for p in paragraphs]
        body = "<br>".join(escaped) if inline else "".join(f"<p>{p}</p>" for p in escaped)
        return abbreviate(body)
    converter = _markdown()
    converted = converter.reset().convert(html.escape(source, quote=False))
    clean = nh3.clean(
        converted,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
    )
    if inline:
        clean = re.sub(r"</p>\s*<p>", "<br>", clean)
        clean = re.sub(r"^<p>|</p>$", "", clean.strip())
    return abbreviate(clean)


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


def url_to_source(url: str) -> str:
    """``katalog/praktik/x/`` → ``katalog/praktik/x.md`` (``a/`` for ``a/index.md``)."""
    return url.rstrip("/") + ".md"


# ----------------------------------------------------------------------------- plain text


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


# ----------------------------------------------------------------------------- search text


def practice_texts(practice: Practice) -> Iterable[str]:
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
