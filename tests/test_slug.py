"""The one slugify (generator/slug.py): page paths, the validator and `replika new` share it."""

from __future__ import annotations

import pytest

from generator.slug import EMPTY_PAGE_SLUG, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Kota Kendari", "kota-kendari"),
        ("Bank Sampah Digital (Balikpapan)", "bank-sampah-digital-balikpapan"),
        ("Kota Administrasi Jakarta Pusat", "kota-administrasi-jakarta-pusat"),
        ("  Ümlaut çafé  ", "umlaut-cafe"),
        ("a--b", "a-b"),
        ("KAB. Sleman", "kab-sleman"),
    ],
)
def test_slugify_is_ascii_kebab_case_whatever_empty_gives(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert slugify(text, empty="") == slug


@pytest.mark.parametrize("text", ["", "   ", "—", "!!!", "日本"])
def test_text_without_a_slug_gives_the_empty_value(text: str) -> None:
    # A page path needs a name: "x" by default, as the renderer has always used.
    assert slugify(text) == EMPTY_PAGE_SLUG == "x"
    # `replika new` derives ids from words and wants none from such text.
    assert slugify(text, empty="") == ""


def test_derived_ids_drop_text_without_a_slug() -> None:
    from generator.scaffold.fields import derive_id
    from generator.scaffold.regions import region_slug

    assert region_slug("") == ""
    assert region_slug("Kabupaten Bandung") == "kab-bandung"
    assert derive_id("—", "Kota Kendari") == "kendari"
    assert derive_id("Bank Sampah", "") == "bank-sampah"
    assert derive_id("", "") == ""
