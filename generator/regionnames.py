"""Region names as people write them, matched against the registry's official names.

Shared by the validator (the did-you-mean of an unknown ``asal.daerah``) and
``replika new``/``from-issue`` (:mod:`generator.scaffold.regions`). It imports
neither, so neither depends on the other for it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def region_key(name: str) -> str:
    """``Kab. Bandung`` = ``kabupaten bandung``; ``Kota Jakarta Pusat`` = ``Kota Administrasi ...``."""
    words = name.casefold().replace("kab.", "kabupaten ").split()
    words = ["kabupaten" if w == "kab" else w for w in words]
    return " ".join(w for w in words if w != "administrasi")


def bare_key(name: str) -> str:
    """The key without its first word: ``kota kendari`` -> ``kendari``."""
    return region_key(name).split(" ", 1)[-1]


def close_regions(answer: str, names: Sequence[str], n: int = 3) -> list[str]:
    """Up to ``n`` registered names closest to ``answer`` (with or without Kota/Kabupaten)."""
    wanted = region_key(answer)
    keyed = {region_key(name): name for name in names}
    bare: dict[str, list[str]] = {}
    for key, name in keyed.items():
        bare.setdefault(key.split(" ", 1)[-1], []).append(name)
    found = difflib.get_close_matches(wanted, list(keyed), n=n, cutoff=0.6)
    out = [keyed[k] for k in found]
    for key in difflib.get_close_matches(wanted.split(" ", 1)[-1], list(bare), n=n, cutoff=0.6):
        out.extend(name for name in bare[key] if name not in out)
    return out[:n]
