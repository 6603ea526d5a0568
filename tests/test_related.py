"""Related practices (issue 15): at most five, ranked by real closeness."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.project import Project
from generator.stages.model import (
    RELATED_LIMIT,
    RELATED_MIN_SCORE,
    Catalogue,
    build_catalogue,
    closeness,
)
from generator.stages.validate import check_project

ROOT = Path(__file__).resolve().parents[1]


@cache
def catalogue() -> Catalogue:
    project = Project(ROOT)
    checked = check_project(project)
    assert checked.ok
    return build_catalogue(checked, project)


def test_shared_sector_types_and_tags_count() -> None:
    cat = catalogue()
    base = cat.practices[0]
    other_sector = next(s for s in ("persampahan", "air-limbah-domestik") if s != base.sector)
    twin = base.model_copy(update={"id": "kembar", "related": [], "replications": []})
    stranger = base.model_copy(
        update={
            "id": "asing",
            "sector": other_sector,
            "types": [t for t in ("kelembagaan", "data-dan-pemantauan") if t not in base.types][:1],
            "tags": ["tidak-ada-yang-sama"],
            "related": [],
            "replications": [],
            "origin": base.origin.model_copy(update={"region": "Kota Lain"}),
        }
    )
    assert closeness(base, twin) > closeness(base, stranger)
    assert closeness(base, stranger) < RELATED_MIN_SCORE
    listed = twin.model_copy(update={"related": [base.id]})
    assert closeness(base, listed) == closeness(base, twin) + 3
    assert closeness(listed, base) == closeness(base, listed)  # symmetric


def test_practices_learned_in_one_journey_are_linked() -> None:
    cat = catalogue()
    kendari = next(j for j in cat.journeys if j.mentee == "Kota Blitar")
    first, second = kendari.practices[:2]
    assert frozenset((first, second)) in cat.journey_links
    a, b = cat.by_id[first], cat.by_id[second]
    assert closeness(a, b, linked=True) == closeness(a, b) + 4
    assert b in cat.related(a)


def test_at_most_five_closest_first() -> None:
    cat = catalogue()
    longest = 0
    for practice in cat.practices:
        related = cat.related(practice)
        longest = max(longest, len(related))
        assert len(related) <= RELATED_LIMIT
        assert practice not in related
        scores = [cat.closeness(practice, q) for q in related]
        assert scores == sorted(scores, reverse=True), practice.id
        assert all(s >= RELATED_MIN_SCORE for s in scores)
        left_out = [q for q in cat.practices if q not in related and q.id != practice.id]
        if len(related) == RELATED_LIMIT and left_out:
            assert max(cat.closeness(practice, q) for q in left_out) <= scores[-1]
    assert longest == RELATED_LIMIT  # the catalogue has practices with many close ones


def test_kendari_page_lists_five_related(full_build: Path) -> None:
    html = (full_build / "site/katalog/praktik/l2t2-kendari/index.html").read_text("utf-8")
    section = html.split('id="praktik-terkait"', 1)[1].split("<h2", 1)[0]
    links = section.count('href="../')
    assert 1 <= links <= RELATED_LIMIT, links
    for q in catalogue().related(catalogue().by_id["l2t2-kendari"]):
        assert f'href="../{q.id}/"' in section


def test_the_page_environment_keeps_no_value_of_one_build() -> None:
    """Two renders of different catalogues share one environment but not its values.

    The tag anchors of a build travel in the render context: a render of a
    catalogue with other tags must not leave its anchors for the next one.
    """
    from generator.stages.render import render_site
    from generator.templating import make_environment

    env = make_environment()

    cat = catalogue()
    practice = cat.practices[0]
    renamed = practice.model_copy(update={"tags": ["tanda-khusus-uji", *practice.tags]})
    other = Catalogue(
        practices=[renamed, *cat.practices[1:]],
        regions=cat.regions,
        journeys=cat.journeys,
        last_changed=cat.last_changed,
    )
    before = dict(env.globals)
    pages = {p.path: p.content for p in render_site(other, env=env)}
    assert 'href="../../tag/#tag-tanda-khusus-uji"' in pages[f"katalog/praktik/{practice.id}.md"]
    again = {p.path: p.content for p in render_site(cat, env=env)}
    assert "tanda-khusus-uji" not in again[f"katalog/praktik/{practice.id}.md"]
    assert "tanda-khusus-uji" not in again["katalog/tag.md"]
    assert dict(env.globals) == before


def test_labels_come_from_the_one_vocabulary_registry() -> None:
    """The schemas' closed lists are the registry's values; pages print the registry's labels."""
    from generator import vocab
    from generator.schema import json_schema
    from generator.stages.journey import journey_schema
    from generator.templating import make_environment

    def enums(node: object) -> list[list[str]]:
        if isinstance(node, dict):
            own = [node["enum"]] if "enum" in node else []
            return own + [e for value in node.values() for e in enums(value)]
        if isinstance(node, list):
            return [e for value in node for e in enums(value)]
        return []

    found = enums(json_schema()) + enums(journey_schema())
    for v in vocab.VOCABULARIES.values():
        assert list(v.values) in found, v.key
    render = make_environment().from_string('{{ "drainase"|label("sektor") }}').render
    assert render() == vocab.label("sektor", "drainase") == "Drainase lingkungan"
