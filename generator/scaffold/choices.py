"""Answers to a closed question (sector, type, province, ...): by slug or label, or a did-you-mean."""

from __future__ import annotations

from generator import vocab
from generator.problems import did_you_mean

PROVINCE_OPTIONS: dict[str, str] = {p: p for p in vocab.PROVINCES}


def _norm(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).casefold()


def match_choice(answer: str, options: dict[str, str]) -> str | None:
    """The slug for ``answer`` given as slug or label (any case), or None."""
    wanted = _norm(answer)
    for slug, label in options.items():
        if wanted in (_norm(slug), _norm(label)):
            return slug
    return None


def choice_error(answer: str, options: dict[str, str], what: str) -> str:
    """Why ``answer`` is none of ``options``, with the closest one and (when short) the list."""
    close = did_you_mean(answer, list(options)) or did_you_mean(answer, list(options.values()))
    if close in options.values():
        close = next(s for s, label in options.items() if label == close)
    text = f"`{answer}` tidak ada dalam pilihan {what}."
    if close:
        text += f" Maksud Anda `{close}`?"
    if len(options) <= 15:
        text += " Pilihan: " + ", ".join(f"`{s}`" for s in options) + "."
    return text


def match_many(answer: str, options: dict[str, str]) -> list[str] | None:
    """Slugs of a multiple-choice dropdown answer (``"A, B"``; labels never contain commas)."""
    chosen: list[str] = []
    for part in (p.strip() for p in answer.split(",")):
        if not part:
            continue
        slug = match_choice(part, options)
        if slug is None:
            return None
        if slug not in chosen:
            chosen.append(slug)
    return chosen
