"""Small SVG charts drawn at build time (no script, no library).

Every chart is a picture of numbers that stay on the page as a table or list
beside it (screen readers and print read those); the SVG is ``aria-hidden``
and only repeats them. Labels and values are escaped text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from markupsafe import Markup, escape

from generator.present import format_number
from generator.schema import Practice
from generator.stages.model import Catalogue
from generator.vocab import SECTORS

ROW = 26
LABEL_WIDTH = 168
BAR_WIDTH = 150
WIDTH = 360


def _number(value: float) -> str:
    """Indonesian number for a chart label (``1.200``, ``4,5``)."""
    return format_number(int(value) if float(value).is_integer() else value)


def bar_chart(rows: Sequence[Sequence], label: int = 0, value: int = 1) -> Markup:
    """Horizontal bars, one per row (``row[label]``, ``row[value]``); longest = largest."""
    rows = [(str(row[label]), float(row[value])) for row in rows]
    top = max((v for _, v in rows), default=0) or 1
    height = ROW * len(rows) + 4
    parts = []
    for i, (name, amount) in enumerate(rows):
        y = i * ROW + 4
        width = max(2.0, BAR_WIDTH * amount / top)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(name)}</text>'
            f'<rect class="rp-batang" x="{LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" '
            f'height="{ROW - 8}"/>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 15}">{_number(amount)}</text>'
        )
    return Markup(
        f'<svg class="rp-grafik" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


def result_series(practice: Practice) -> list[tuple[str, str, list[tuple[int, float]]]]:
    """Indicators with a number for two or more years: ``(indicator, unit, [(year, value)])``."""
    groups: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for result in practice.results:
        if isinstance(result.value, (int, float)):
            groups[(result.indicator, result.unit or "")].setdefault(result.year, result.value)
    return [
        (indicator, unit, sorted(values.items()))
        for (indicator, unit), values in groups.items()
        if len(values) >= 2
    ]


def year_chart(points: Sequence[tuple[int, float]]) -> Markup:
    """Columns per year (oldest left) with the value above each column."""
    top = max(v for _, v in points) or 1
    col, gap, chart_h = 44, 18, 90
    width = len(points) * (col + gap) + gap
    height = chart_h + 40
    parts = []
    for i, (year, value) in enumerate(points):
        x = gap + i * (col + gap)
        h = max(2.0, chart_h * value / top)
        y = 18 + chart_h - h
        parts.append(
            f'<rect class="rp-batang" x="{x}" y="{y:.1f}" width="{col}" height="{h:.1f}"/>'
            f'<text x="{x + col / 2}" y="{y - 4:.1f}" text-anchor="middle">{_number(value)}</text>'
            f'<text x="{x + col / 2}" y="{height - 6}" text-anchor="middle">{year}</text>'
        )
    return Markup(
        f'<svg class="rp-grafik rp-grafik--tahun" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


def sector_counts(catalogue: Catalogue) -> list[tuple[str, str, int]]:
    """``(sector slug, label, practices)`` in vocabulary order."""
    return [(key, SECTORS[key], len(items)) for key, items in catalogue.by_sector().items()]


def province_counts(catalogue: Catalogue) -> list[tuple[str, int]]:
    """``(province, practices from it)``, most first (ties in official order)."""
    rows = [
        (province, sum(len(items) for items in regions.values()))
        for province, regions in catalogue.by_province().items()
    ]
    return sorted(rows, key=lambda row: -row[1])
