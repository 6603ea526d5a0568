"""Questions in Bahasa Indonesia at a terminal, for ``replika new`` (practice and journey)."""

from __future__ import annotations

from collections.abc import Callable

from generator.scaffold.choices import choice_error, match_choice

Ask = Callable[[str], str]


def _picked(
    answer: str, options: dict[str, str], *, what: str, many: bool
) -> tuple[list[str], str | None]:
    """The slugs a non-empty answer picks (numbers, slugs or labels), or why it picks none."""
    slugs = list(options)
    parts = [p.strip() for p in answer.split(",")] if many else [answer]
    chosen: list[str] = []
    for part in (p for p in parts if p):
        if part.isdigit() and 1 <= int(part) <= len(slugs):
            slug: str | None = slugs[int(part) - 1]
        elif part.isdigit():
            return chosen, f"nomor {part} tidak ada; pilih 1–{len(slugs)}"
        else:
            slug = match_choice(part, options)
        if slug is None:
            return chosen, choice_error(part, options, what)
        if slug not in chosen:
            chosen.append(slug)
    return chosen, None


class Prompter:
    """Questions in Bahasa Indonesia on stdin/stdout; numbered lists for closed choices."""

    def __init__(self, ask: Ask = input, say: Callable[[str], None] = print) -> None:
        self.ask = ask
        self.say = say

    def text(self, question: str, *, default: str = "", check: Callable[[str], str | None]) -> str:
        """A free-text answer, asked again until ``check`` finds no problem."""
        suffix = f" [{default}]" if default else ""
        while True:
            answer = " ".join(self.ask(f"{question}{suffix}: ").split()) or default
            problem = check(answer)
            if problem is None:
                return answer
            self.say(f"  ✗ {problem}")

    def _show_options(
        self, question: str, options: dict[str, str], describe: dict[str, str] | None
    ) -> None:
        self.say(f"\n{question}")
        for n, slug in enumerate(options, start=1):
            label = options[slug]
            shown = slug if label == slug else f"{slug} — {label}"
            if describe and slug in describe:
                shown += f": {describe[slug]}"
            self.say(f"  {n:>2}. {shown}")

    def choose(
        self,
        question: str,
        options: dict[str, str],
        *,
        what: str,
        many: bool = False,
        optional: bool = False,
        describe: dict[str, str] | None = None,
    ) -> list[str]:
        """One (or with ``many``, several) slugs: by number, slug or label; did-you-mean otherwise."""
        self._show_options(question, options, describe)
        hint = "nomor atau nama"
        if many:
            hint += ", pisahkan dengan koma untuk lebih dari satu"
        if optional:
            hint += "; Enter untuk mengisinya nanti"
        while True:
            answer = self.ask(f"Pilih ({hint}): ").strip()
            if not answer:
                if optional:
                    return []
                self.say("  ✗ wajib dipilih")
                continue
            chosen, problem = _picked(answer, options, what=what, many=many)
            if problem:
                self.say(f"  ✗ {problem}")
            elif chosen:
                return chosen
