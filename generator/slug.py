"""ASCII slugs for page paths, shared by the renderer and the validator.

The validator needs the same function as the renderer to refuse two region
names that would share one page (``Kota KENDARI`` and ``Kota Kendari``), and
it must not import the renderer (Jinja, Markdown) to do so.
"""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """ASCII kebab-case: ``Kota Kendari`` → ``kota-kendari``."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", normal.lower()).strip("-") or "x"
