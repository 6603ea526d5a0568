"""The map: Indonesia's outline, a dot per region with practices, mentor → mentee lines.

An inline SVG drawn at build time from ``generator/data/indonesia.json`` (a
simplified Natural Earth outline, public domain; see its ``sumber``) and the
coordinates in ``practices/_wilayah.yaml``. No tiles, no script, no request
to another host: it works in the offline copy over ``file://`` and in print.
Regions without coordinates are not placed; the text list beside the map
names every region, placed or not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from markupsafe import Markup, escape

from generator.stages.model import Catalogue

WEST, EAST, NORTH, SOUTH = 94.5, 141.5, 6.5, -11.5
SCALE = 20.0
"""SVG units per degree (equirectangular; Indonesia straddles the equator)."""


@cache
def outline() -> dict:
    text = resources.files("generator").joinpath("data/indonesia.json").read_text("utf-8")
    return json.loads(text)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude → SVG coordinates."""
    return round((lon - WEST) * SCALE, 1), round((NORTH - lat) * SCALE, 1)


@dataclass(frozen=True)
class Place:
    """A region on the map: where, and what it has to do with practices."""

    name: str
    province: str
    x: float | None
    y: float | None
    practices: int
    mentor_of: tuple[str, ...]
    mentee_of: tuple[str, ...]

    @property
    def placed(self) -> bool:
        return self.x is not None


def places(catalogue: Catalogue) -> list[Place]:
    """Every region involved in a practice, with its map position when known."""
    out = []
    for name in catalogue.regions_involved():
        region = catalogue.regions.get(name)
        x = y = None
        if region is not None and region.latitude is not None and region.longitude is not None:
            x, y = project(region.longitude, region.latitude)
        out.append(
            Place(
                name=name,
                province=region.province if region else "",
                x=x,
                y=y,
                practices=len(catalogue.practices_from(name)),
                mentor_of=tuple(dict.fromkeys(link.mentee for link in catalogue.mentoring(name))),
                mentee_of=tuple(dict.fromkeys(link.mentor for link in catalogue.learning(name))),
            )
        )
    return out


def _short(name: str) -> str:
    return name.replace("Kabupaten ", "Kab. ").replace("Kota Administrasi ", "")


def _labelled(ranked: list[Place], limit: int) -> set[str]:
    """Up to ``limit`` regions to label, most involved first, skipping overlapping labels."""
    boxes: list[tuple[float, float, float, float]] = []
    chosen: set[str] = set()
    for p in ranked:
        if len(chosen) >= limit:
            break
        assert p.x is not None and p.y is not None
        box = (p.x, p.y - 20, p.x + 30 + 13 * len(_short(p.name)), p.y + 14)
        if any(
            not (box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1]) for b in boxes
        ):
            continue
        boxes.append(box)
        chosen.add(p.name)
    return chosen


def _outline_path() -> str:
    parts = []
    for ring in outline()["poligon"]:
        points = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + " ".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def map_svg(
    catalogue: Catalogue,
    link: Callable[[str], str],
    region_url: Callable[[str], str],
    *,
    labels: int = 8,
    id_prefix: str = "peta",
) -> Markup:
    """The map as inline SVG; each dot links to its region page."""
    found = places(catalogue)
    by_name = {p.name: p for p in found}
    width, height = (EAST - WEST) * SCALE, (NORTH - SOUTH) * SCALE
    lines = []
    for pair in dict.fromkeys((j.mentor, j.mentee) for j in catalogue.journeys):
        a, b = by_name.get(pair[0]), by_name.get(pair[1])
        if a and b and a.placed and b.placed and (a.x, a.y) != (b.x, b.y):
            mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2 - abs(b.x - a.x) * 0.15 - 8
            lines.append(
                f'<path class="rp-peta__garis" d="M{a.x:g} {a.y:g} Q{mx:.1f} {my:.1f} '
                f'{b.x:g} {b.y:g}" marker-end="url(#{id_prefix}-panah)"/>'
            )
    placed = [p for p in found if p.placed]
    ranked = sorted(placed, key=lambda p: (-(p.practices + len(p.mentor_of)), p.name))
    labelled = _labelled(ranked, labels)
    dots = []
    for p in sorted(placed, key=lambda p: p.practices):
        r = 8 + 2 * min(p.practices, 4)
        title = escape(f"{p.name}: {p.practices} praktik")
        label = ""
        if p.name in labelled:
            label = f'<text x="{p.x + r + 3:g}" y="{p.y + 8:g}">{escape(_short(p.name))}</text>'
        dots.append(
            f'<a href="{escape(link(region_url(p.name)))}"><title>{title}</title>'
            f'<circle class="rp-peta__titik" cx="{p.x:g}" cy="{p.y:g}" r="{r}"/>{label}</a>'
        )
    svg = (
        f'<svg class="rp-peta" viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-labelledby="{id_prefix}-judul" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{id_prefix}-judul">Peta Indonesia: {len(placed)} daerah dengan praktik atau '
        f"replikasi; garis dari mentor ke daerah yang belajar</title>"
        f'<defs><marker id="{id_prefix}-panah" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        f'<path d="M0 0L10 5L0 10z" class="rp-peta__panah"/></marker></defs>'
        f'<path class="rp-peta__darat" d="{_outline_path()}"/>'
        + "".join(lines)
        + "".join(dots)
        + "</svg>"
    )
    return Markup(svg)
