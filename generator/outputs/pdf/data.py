"""Record → Typst data: what the catalogues and the briefs print of a practice.

Everything is handed to Typst as JSON-ready strings, already in the words a
reader sees (labels from :func:`generator.vocab.label`, Indonesian dates and
numbers from :mod:`generator.present`). Inline Markdown is first made safe HTML
by :func:`generator.present.safe_markdown` and then turned into runs of text
with bold/italic/link flags (:func:`runs`), so no record text is ever
evaluated as Typst markup.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from html.parser import HTMLParser
from typing import Any

import segno

from generator.present import format_date, format_number, format_rupiah, plain, safe_markdown
from generator.project import Project, configured_site_url
from generator.schema import Practice
from generator.stages.journey import Journey
from generator.stages.model import Catalogue, year_span
from generator.vocab import label


@dataclass(frozen=True)
class Fit:
    """How much of a record a brief shows; lowered step by step until it fits two pages."""

    steps: int = 99
    instruments: int = 99
    contacts: int = 4
    actors: int = 8
    costs: int = 6
    results: int = 6
    readiness: int = 99
    risks: int = 6
    sources: int = 12
    compact: bool = False


_SHORT = Fit(
    instruments=4, contacts=2, actors=4, costs=3, results=3, risks=3, sources=4, compact=True
)
FITS: tuple[Fit, ...] = (
    Fit(),
    Fit(compact=True),
    Fit(instruments=6, contacts=3, actors=6, costs=4, results=4, risks=4, sources=6, compact=True),
    _SHORT,
    # Only very long records get here: fewer steps and questions, step by step.
    *(
        replace(_SHORT, steps=n, readiness=n, instruments=min(n, 4), sources=3 if n < 8 else 4)
        for n in (20, 16, 12, 10, 8, 6, 4)
    ),
    replace(
        _SHORT,
        steps=3,
        readiness=3,
        instruments=2,
        contacts=1,
        actors=2,
        costs=2,
        results=2,
        risks=2,
        sources=2,
    ),
)


# ----------------------------------------------------------------------------- inputs


def is_placeholder(url: str) -> bool:
    """An address reserved for examples (RFC 2606: ``example.com``, ``*.example``, ...)."""
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return not host or "example" in host.split(".")


def printed_url(project: Project) -> str | None:
    """The site address the PDFs print: mkdocs.yml's ``site_url``, unless absent or a placeholder."""
    url = configured_site_url(project)
    return None if not url or is_placeholder(url) else url


def practice_page_url(base: str | None, practice_id: str) -> str | None:
    return f"{base}katalog/praktik/{practice_id}/" if base else None


# ----------------------------------------------------------------------------- record → data


class _RunParser(HTMLParser):
    """Sanitised inline HTML (p, br, strong, em, a, abbr) → paragraphs of text runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[list[dict[str, Any]]] = [[]]
        self.bold = 0
        self.italic = 0
        self.href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
        elif tag == "br":
            self.handle_data(" ")
        elif tag == "p" and self.paras[-1]:
            self.paras.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a" and self.href:
            self.href.pop()

    def handle_data(self, data: str) -> None:
        if not data:
            return
        run: dict[str, Any] = {"t": data}
        if self.bold:
            run["b"] = True
        if self.italic:
            run["i"] = True
        link = next((h for h in reversed(self.href) if h), None)
        if link and link.startswith(("http://", "https://")):
            run["href"] = link
        self.paras[-1].append(run)


def runs(value: Any, *, inline: bool = False) -> list[list[dict[str, Any]]]:
    """Record Markdown as paragraphs of runs ``{"t": text, "b"?, "i"?, "href"?}``."""
    parser = _RunParser()
    parser.feed(str(safe_markdown(value, inline=inline)))
    parser.close()
    paras = [p for p in parser.paras if any(r["t"].strip() for r in p)]
    return paras or [[{"t": plain(value)}]]


def _inline(value: Any) -> list[dict[str, Any]]:
    return [run for para in runs(value, inline=True) for run in para]


def _opt(value: Any) -> str | None:
    return plain(value) if value not in (None, "") else None


def status_text(p: Practice) -> str:
    """``Berjalan (per 23 Januari 2020)``: the status with the date of its evidence."""
    text = label("status_praktik", p.status)
    return f"{text} (per {format_date(p.status_as_of)})" if p.status_as_of else text


def _facts(p: Practice, *, brief: bool, learned: Sequence[str] = ()) -> list[list[str]]:
    facts = [
        ["Daerah", f"{plain(p.origin.region)}, {plain(p.origin.province)}"],
        ["Sektor", label("sektor", p.sector)],
        ["Jenis praktik", "; ".join(label("jenis", t) for t in p.types)],
    ]
    if p.started:
        facts.append(["Mulai", format_date(p.started)])
    if not brief:
        facts.append(["Linimasa", year_span(p)])
    facts += [
        ["Status", status_text(p)],
        ["Tingkat bukti", label("bukti", p.evidence)],
        ["Diperiksa", format_date(p.checked)],
    ]
    # Who learned the practice comes from the learning journeys
    # (practices/pembelajaran/), not from the record itself.
    names = sorted(set(learned))
    facts.append(
        [
            "Dipelajari",
            f"{len(names)} daerah belajar dari praktik ini ({', '.join(names)})"
            if names
            else "belum ada perjalanan belajar yang tercatat",
        ]
    )
    return facts


def _contact(c: Any, no: dict[str, int]) -> dict[str, Any]:
    lines = [plain(x) for x in (c.address, c.phone, c.email) if x]
    if c.website:
        lines.append(str(c.website))
    return {"unit": plain(c.unit), "cite": no.get(c.source), "lines": lines}


def _instrument(i: Any, no: dict[str, int]) -> dict[str, Any]:
    return {
        "kind": label("instrumen", i.kind),
        "number": _opt(i.number),
        "title": plain(i.title),
        "date": format_date(i.date) if i.date else "–",
        "signatory": _opt(i.signatory),
        "link": str(i.link) if i.link else None,
        "cite": no.get(i.source) if i.source else None,
    }


def _figure(what: str, amount: str, row: Any, no: dict[str, int]) -> dict[str, Any]:
    """One row of the results or the costs table: what, how much, year, note, citation."""
    return {
        "what": plain(what),
        "amount": amount,
        "year": str(row.year),
        "note": _opt(row.note),
        "cite": no.get(row.source),
    }


def _result(r: Any, no: dict[str, int]) -> dict[str, Any]:
    unit = f" {plain(r.unit)}" if r.unit else ""
    return _figure(r.indicator, format_number(r.value) + unit, r, no)


def _cost(c: Any, no: dict[str, int]) -> dict[str, Any]:
    per = f" per {plain(c.per)}" if c.per else ""
    return _figure(c.item, format_rupiah(c.amount_rp) + per, c, no)


def _source(s: Any) -> dict[str, Any]:
    date = f", {format_date(s.date)}" if s.date else ""
    return {"title": plain(s.title), "rest": f"{plain(s.publisher)}{date}.", "url": str(s.url)}


def _journey(j: Journey) -> dict[str, Any]:
    """One learning journey that learned the practice, in the shape of the catalogue's table."""
    forms = sorted({label("bentuk", s.form) for s in j.sessions})
    sessions = f"{j.held} dari {j.planned} sesi terlaksana" if j.planned else None
    return {
        "mentee": plain(j.mentee),
        "mentor": f"mentor: {plain(j.mentor)}",
        "form": "; ".join(forms) or "—",
        "sessions": sessions,
        "when": format_date(j.first_date),
        "phase": f"{label('tahap', j.phase)}; "
        f"{label('status_replikasi', j.status).lower()} (per {format_date(j.status_as_of)})",
        "cites": [],
        "outputs": [plain(o.text) for o in j.outcomes],
    }


def _common(p: Practice) -> tuple[dict[str, int], dict[str, Any]]:
    no = {s.code: n for n, s in enumerate(p.sources, start=1)}
    impl = p.implementation_time
    return no, {
        "id": p.id,
        "title": plain(p.title),
        "region": plain(p.origin.region),
        "summary": runs(p.summary),
        "implementation": plain(impl.text) + f" [{no[impl.source]}]"
        if impl and impl.source in no
        else (plain(impl.text) if impl else None),
    }


def practice_data(p: Practice, catalogue: Catalogue, base: str | None) -> dict[str, Any]:
    """Everything the catalogue prints of one practice, as JSON-ready strings."""
    learning = catalogue.journeys_learning(p.id)
    no, data = _common(p)
    data.update(
        facts=_facts(p, brief=False, learned=[j.mentee for j in learning]),
        problem=runs(p.problem),
        timeline=[
            {
                "date": format_date(m.date),
                "event": plain(m.event),
                "cite": no.get(m.source) if m.source else None,
                "note": _opt(m.note),
            }
            for m in p.timeline
        ],
        steps=[_inline(s) for s in p.steps],
        actors=[{"name": plain(a.name), "role": plain(a.role)} for a in p.actors],
        contacts=[_contact(c, no) for c in p.contacts],
        instruments=[_instrument(i, no) for i in p.instruments],
        results=[_result(r, no) for r in p.results],
        costs=[_cost(c, no) for c in p.costs],
        lessons=[_inline(x) for x in p.lessons],
        success=[plain(x) for x in p.success_conditions],
        readiness=[plain(x) for x in p.readiness],
        risks=[plain(x) for x in p.risks],
        gaps=[plain(x) for x in p.evidence_gaps],
        discrepancies=[
            {
                "about": plain(x.about),
                "cites": [no[c] for c in x.sources if c in no],
                "versions": [plain(v) for v in x.versions],
            }
            for x in p.discrepancies
        ],
        replications=[_journey(j) for j in learning],
        related=[
            {"title": plain(q.title), "region": plain(q.origin.region)}
            for q in catalogue.related(p)
        ],
        sources=[_source(s) for s in p.sources],
        url=practice_page_url(base, p.id),
    )
    return data


def _cut(items: list[Any], limit: int, noun: str) -> tuple[list[Any], str | None]:
    if len(items) <= limit:
        return items, None
    return items[:limit], f"… dan {len(items) - limit} {noun} lagi di versi lengkap."


def brief_data(
    p: Practice, changed: str, url: str | None, fit: Fit, learned: Sequence[str] = ()
) -> dict[str, Any]:
    """What the brief of ``p`` prints at the given :class:`Fit` (``learned``: mentee regions)."""
    no, data = _common(p)
    more: dict[str, str | None] = {}
    lists: dict[str, tuple[list[Any], int, str]] = {
        "steps": ([_inline(s) for s in p.steps], fit.steps, "langkah"),
        "instruments": ([_instrument(i, no) for i in p.instruments], fit.instruments, "instrumen"),
        "contacts": ([_contact(c, no) for c in p.contacts], fit.contacts, "kontak"),
        "actors": (
            [{"name": plain(a.name), "role": plain(a.role)} for a in p.actors],
            fit.actors,
            "pelaku",
        ),
        "costs": ([_cost(c, no) for c in p.costs], fit.costs, "pos biaya"),
        "results": ([_result(r, no) for r in p.results], fit.results, "hasil"),
        "readiness": ([plain(x) for x in p.readiness], fit.readiness, "pertanyaan"),
        "risks": ([plain(x) for x in p.risks], fit.risks, "risiko"),
        "sources": ([_source(s) for s in p.sources], fit.sources, "sumber"),
    }
    for key, (items, limit, noun) in lists.items():
        data[key], more[key] = _cut(items, limit, noun)
    data["facts"] = _facts(p, brief=True, learned=learned)
    data["more"] = more
    return {
        "p": data,
        "stamp": f"Catatan diubah {format_date(changed)}",
        "url": url,
        "qr": qr_svg(url) if url else None,
        "compact": fit.compact,
        "description": f"Ringkasan praktik dari katalog Replika; catatan diubah "
        f"{format_date(changed)}.",
    }


@cache
def qr_svg(url: str) -> str:
    """The QR code of ``url`` as SVG (segno; error correction M, quiet zone kept)."""
    return segno.make_qr(url, error="m").svg_inline(scale=4, dark="#0b2a3a")
