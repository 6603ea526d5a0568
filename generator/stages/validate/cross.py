"""Cross-record rules: ids, titles and references between practice records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.problems import Problem, did_you_mean
from generator.rules import Rule
from generator.stages.load import LoadedFile
from generator.stages.validate.raw import as_text, dig, numbered


def check_links(
    data: dict[str, Any], record_id: str, loaded: LoadedFile, known_ids: set[str]
) -> list[Problem]:
    out: list[Problem] = []
    refs = [(("terkait", i), r) for i, r in numbered(data, "terkait") if isinstance(r, str)]
    refs += [
        (("replikasi", i, "praktik"), dig(r, "praktik"))
        for i, r in numbered(data, "replikasi")
        if isinstance(dig(r, "praktik"), str)
    ]
    seen: set[str] = set()
    for loc, ref in refs:
        if ref == record_id:
            out.append(
                loaded.problem(
                    loc, Rule.SELF_REFERENCE, "praktik tidak perlu merujuk dirinya sendiri"
                )
            )
        elif ref not in known_ids:
            close = did_you_mean(ref, known_ids, cutoff=0.8)
            hint = f"Maksud Anda `{close}`?" if close else "Periksa nama berkas di `practices/`."
            out.append(
                loaded.problem(loc, Rule.UNKNOWN_PRACTICE, f"praktik `{ref}` tidak ada", hint)
            )
        if loc[0] == "terkait" and ref in seen:
            out.append(
                loaded.problem(loc, Rule.DUPLICATE_REFERENCE, f"`{ref}` sudah ditulis di `terkait`")
            )
        seen.add(ref)
    return out


def check_unique_titles(loaded_files: list[LoadedFile], wanted: set[Path] | None) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, str] = {}
    for loaded in loaded_files:
        title = as_text(loaded.data.get("judul")) if loaded.data else None
        if not title:
            continue
        key = " ".join(title.lower().split())
        if key in first:
            if wanted is None or loaded.path.resolve() in wanted:
                out.append(
                    loaded.problem(
                        ("judul",),
                        Rule.DUPLICATE_TITLE,
                        f"judul yang sama sudah dipakai {first[key]}",
                        "Bedakan judulnya, mis. dengan nama daerah.",
                    )
                )
        else:
            first[key] = loaded.display
    return out


def claim_id(loaded: LoadedFile, owners: dict[str, LoadedFile]) -> Problem | None:
    """Record ``loaded`` as the owner of its id; the ``duplicate-id`` problem if taken."""
    raw_id = loaded.data.get("id") if loaded.data else None
    if not isinstance(raw_id, str):
        return None
    if raw_id in owners:
        return loaded.problem(
            ("id",), Rule.DUPLICATE_ID, f"id `{raw_id}` sudah dipakai {owners[raw_id].display}"
        )
    owners[raw_id] = loaded
    return None
