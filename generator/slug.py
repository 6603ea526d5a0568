"""ASCII slugs, the one implementation for page paths, the validator and ``replika new``.

The validator needs the same function as the renderer to refuse two region
names that would share one page (``Kota KENDARI`` and ``Kota Kendari``), and
it must not import the renderer (Jinja, Markdown) to do so. ``replika new``
builds record ids from the same slugs.
"""

from __future__ import annotations

import re
import unicodedata

EMPTY_PAGE_SLUG = "x"


def slugify(text: str, *, empty: str = EMPTY_PAGE_SLUG) -> str:
    """ASCII kebab-case: ``Kota Kendari`` → ``kota-kendari``.

    Text without an ASCII letter or digit (``""``, ``"—"``, ``"!!!"``) has no
    slug of its own and gives ``empty``: ``"x"`` by default, because a page
    path needs a name; ``replika new`` passes ``empty=""`` so such text adds no
    word to an id it derives.
    """
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", normal.lower()).strip("-") or empty
