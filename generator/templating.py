"""The one Jinja environment of the site's pages: its filters and globals.

Every page template in ``generator/templates/`` sees the same filters (record
text through :mod:`generator.present`, labels through :func:`generator.vocab.label`)
and the same globals (site paths, charts, the map, facts of the catalogue).
The environment holds no value of one build: what differs per build (the
catalogue, the tag anchors, the page's address) is passed in the render
context, so a cached environment can be shared by builds that follow each
other (``replika serve``) or run side by side.

The PDFs are typeset by Typst from JSON data (:mod:`generator.outputs.pdf`), not
from Jinja templates; they share the same toolkit and labels, not this
environment.
"""

from __future__ import annotations

import html
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import vocab
from generator.compiled_templates import PAGE_TEMPLATES
from generator.limits import MARKDOWN_FIELDS
from generator.present import (
    format_date,
    format_number,
    format_rupiah,
    glossary,
    journey_url,
    plain,
    practice_url,
    region_url,
    safe_markdown,
    text,
)
from generator.slug import slugify
from generator.stages.grafik import (
    bar_chart,
    province_counts,
    result_series,
    sector_counts,
    year_chart,
)
from generator.stages.journey import Journey, state_label
from generator.stages.model import practice_period, start_year
from generator.stages.peta import map_svg, places


def make_environment() -> Environment:
    """A new environment for the page templates (templates compile on first use).

    Callers may keep one and reuse it: nothing here changes after it is made,
    and Jinja recompiles a template whose file changed.
    """
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        bytecode_cache=PAGE_TEMPLATES,  # compiled once per process, not per environment
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
        label=label_filter,
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


def label_filter(value: str, vocabulary: str) -> str:
    """``{{ p.sector|label("sektor") }}``: the reader's label of a vocabulary value."""
    return vocab.label(vocabulary, value)


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
