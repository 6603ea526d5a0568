"""Offline PDFs: catalogues (whole, per sector, per province) and a two-page brief per practice.

Typesetting is done by Typst (the ``typst`` package: the compiler as a Python
extension) from the templates in ``generator/templates/pdf/*.typ``. Record text
is handed to Typst only as JSON strings (``sys.inputs.data``) and placed as
text, never evaluated as markup; inline Markdown is first made safe HTML by
:func:`generator.present.safe_markdown` and then turned into runs of text with
bold/italic/link flags (:func:`runs`).

Why Typst and chunks (issue #16): WeasyPrint needed 13 min 47 s and 6.2 GB for
the 3,119-page catalogue of 1,000 practices. Typst lays out a practice about
fifty times faster, but it too holds a whole document in memory (≈1.6 MB per
page), so the catalogue is made in two steps:

1. the body, every practice in full, is compiled in chunks of
   :data:`CHUNK_PRACTICES` practices without page furniture (``isi.typ``);
   each chunk reports where each practice and section landed;
2. each catalogue (``katalog.typ``) places those pages as page backgrounds (a
   PDF page as an image, fonts shared) and adds cover, contents, running
   headers, "Halaman N dari M", bookmarks and indexes. A practice's pages are
   laid out once and reused by the whole catalogue and by its sector and
   province catalogues.

Every PDF is cached in ``.cache/pdf/`` under a hash of everything that shapes
it (record content, templates, stamp date and URL, Typst version); an
unchanged PDF is copied from the cache instead of being made again.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import cache
from html import escape as html_escape
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

from generator import vocab
from generator.present import format_date, format_number, format_rupiah, plain, safe_markdown
from generator.progress import Progress
from generator.project import Project, configured_site_url
from generator.schema import Practice
from generator.stages.journey import Journey
from generator.stages.model import Catalogue, year_span

CATALOGUE_NAME = "katalog-replika.pdf"
CATALOGUES_DIR = "katalog"
BRIEFS_DIR = "praktik"
DOWNLOAD_PAGE = "index.html"
CACHE_DIR = Path(".cache") / "pdf"
MAX_BRIEF_PAGES = 2
PROVINCE_FROM = 5
"""A province gets its own catalogue from this many practices on."""
CHUNK_PRACTICES = 40
"""Practices per body chunk: bounds the memory of one Typst compilation (~150 pages)."""
BRIEF_BATCH = 25
FORMAT_VERSION = "2"
"""Bump when pdf.py changes what it renders (templates are hashed by content)."""

MAX_WORKERS = 2
PARALLEL_FROM = 8
"""Render in worker processes only from this many jobs on (a worker costs ~1 s to start)."""
TYPST_MARK = b"%PDF-1.7\n%\x80\x80\x80\x80\n"
WEASYPRINT_MARK = "\n%🖤\n".encode()
"""Signature of the PDFs of Replika before Typst: still ours to replace."""
NOTO_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/noto")
TEMPLATES = ("gaya.typ", "isi.typ", "katalog.typ", "ringkas.typ")


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


@dataclass
class Published:
    """One catalogue PDF: its file, title, page count and size (for the download page)."""

    path: Path
    title: str
    pages: int
    size: int
    practices: int


@dataclass
class PdfReport:
    """What :func:`write_pdfs` did: which PDFs were rendered and which came from the cache."""

    catalogue: Path | None = None
    catalogue_rendered: bool = False
    catalogues: list[Published] = field(default_factory=list)
    catalogues_rendered: int = 0
    briefs: dict[str, Path] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    pages: int = 0

    def summary(self) -> str:
        made = self.catalogues_rendered
        return (
            f"PDF: katalog {'dibuat' if self.catalogue_rendered else 'dari cache'} "
            f"({len(self.catalogues)} katalog, {made} dibuat), "
            f"{len(self.rendered)} ringkasan dibuat, {len(self.reused)} dari cache"
        )


class PdfError(Exception):
    """A PDF could not be made; ``exit_code`` 1 record too long, 2 foreign file, 3 no Typst."""

    def __init__(self, message: str, exit_code: int = 3) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self) -> tuple[type, tuple[str, int]]:  # crosses worker processes
        return (PdfError, (str(self), self.exit_code))


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


@cache
def _template_files() -> tuple[tuple[str, bytes], ...]:
    root = resources.files("generator") / "templates" / "pdf"
    return tuple((name, (root / name).read_bytes()) for name in TEMPLATES)


def _typst_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("typst")
    except PackageNotFoundError:
        return "?"


def templates_digest() -> str:
    """Hash of every PDF template plus the typesetter's version."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}\0typst {_typst_version()}\0".encode())
    for name, data in _template_files():
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def record_digest(practice: Practice) -> str:
    return hashlib.sha256(practice.model_dump_json(by_alias=True).encode()).hexdigest()


def brief_key(
    practice: Practice,
    changed: str,
    url: str | None,
    templates: str,
    learned: Sequence[str] = (),
) -> str:
    """Cache key of one brief: record content + templates + stamp (date and URL) + learners."""
    parts = [record_digest(practice), templates, changed, url or "", "\x1f".join(learned)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


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
    text = vocab.PRACTICE_STATUSES[p.status]
    return f"{text} (per {format_date(p.status_as_of)})" if p.status_as_of else text


def _facts(p: Practice, *, brief: bool, learned: Sequence[str] = ()) -> list[list[str]]:
    facts = [
        ["Daerah", f"{plain(p.origin.region)}, {plain(p.origin.province)}"],
        ["Sektor", vocab.SECTORS[p.sector]],
        ["Jenis praktik", "; ".join(vocab.PRACTICE_TYPES[t] for t in p.types)],
    ]
    if p.started:
        facts.append(["Mulai", format_date(p.started)])
    if not brief:
        facts.append(["Linimasa", year_span(p)])
    facts += [
        ["Status", status_text(p)],
        ["Tingkat bukti", vocab.EVIDENCE_LEVELS[p.evidence]],
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
        "kind": vocab.INSTRUMENT_KINDS[i.kind],
        "number": _opt(i.number),
        "title": plain(i.title),
        "date": format_date(i.date) if i.date else "–",
        "signatory": _opt(i.signatory),
        "link": str(i.link) if i.link else None,
        "cite": no.get(i.source) if i.source else None,
    }


def _result(r: Any, no: dict[str, int]) -> dict[str, Any]:
    unit = f" {plain(r.unit)}" if r.unit else ""
    return {
        "indicator": plain(r.indicator),
        "value": format_number(r.value) + unit,
        "year": str(r.year),
        "note": _opt(r.note),
        "cite": no.get(r.source),
    }


def _cost(c: Any, no: dict[str, int]) -> dict[str, Any]:
    per = f" per {plain(c.per)}" if c.per else ""
    return {
        "item": plain(c.item),
        "amount": format_rupiah(c.amount_rp) + per,
        "year": str(c.year),
        "note": _opt(c.note),
        "cite": no.get(c.source),
    }


def _source(s: Any) -> dict[str, Any]:
    date = f", {format_date(s.date)}" if s.date else ""
    return {"title": plain(s.title), "rest": f"{plain(s.publisher)}{date}.", "url": str(s.url)}


def _journey(j: Journey) -> dict[str, Any]:
    """One learning journey that learned the practice, in the shape of the catalogue's table."""
    forms = sorted({vocab.LEARNING_FORMS[s.form] for s in j.sessions})
    sessions = f"{j.held} dari {j.planned} sesi terlaksana" if j.planned else None
    return {
        "mentee": plain(j.mentee),
        "mentor": f"mentor: {plain(j.mentor)}",
        "form": "; ".join(forms) or "—",
        "sessions": sessions,
        "when": format_date(j.first_date),
        "phase": f"{vocab.REPLICATION_PHASES[j.phase]}; "
        f"{vocab.REPLICATION_STATUSES[j.status].lower()} (per {format_date(j.status_as_of)})",
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
    import segno

    return segno.make_qr(url, error="m").svg_inline(scale=4, dark="#0b2a3a")


# ----------------------------------------------------------------------------- typst


def _font_paths() -> list[str]:
    found = [d for d in NOTO_DIRS if Path(d, "NotoSans-Regular.ttf").is_file()]
    if not found:
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", "Noto Sans"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
        except OSError:
            out = ""
        if "NotoSans" in out:
            found = [str(Path(out).parent)]
    if not found:
        raise PdfError(
            "fon Noto Sans/Noto Serif tidak ditemukan; jalankan scripts/setup.sh "
            "(memasang paket fonts-noto-core)"
        )
    return found


def _typst() -> Any:
    try:
        import typst
    except ImportError as err:
        raise PdfError(
            f"Typst tidak dapat dimuat ({err}); jalankan scripts/setup.sh "
            "(memasang paket Python `typst`)"
        ) from None
    return typst


def write_templates(folder: Path) -> None:
    """Copy the Typst templates into ``folder`` (Typst's root for one run)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in _template_files():
        (folder / name).write_bytes(data)
    (folder / FLUSH).write_text("#sys.inputs.data\n", encoding="utf-8")


_COMPILERS: dict[tuple[str, str], Any] = {}


def _compiler(root: Path, template: str) -> Any:
    key = (str(root), template)
    if key not in _COMPILERS:
        typst = _typst()
        _COMPILERS[key] = typst.Compiler(
            input=str(root / template),
            root=str(root),
            font_paths=_font_paths(),
            ignore_system_fonts=True,
        )
    return _COMPILERS[key]


def compile_pdf(root: Path, template: str, data: Any, **inputs: str) -> bytes:
    """Compile ``root/template`` with ``data`` (JSON, or JSON text) as ``sys.inputs.data``."""
    typst = _typst()
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    try:
        return _compiler(root, template).compile(
            sys_inputs={"data": text, **inputs}, pdf_tags=False
        )
    except typst.TypstError as err:  # a bug of ours, not of the record: say so plainly
        raise PdfError(f"Typst gagal menyusun {template}: {err}") from None


FLUSH = "leer.typ"
FLUSH_COMPILES = 11


def forget(root: Path) -> None:
    """Let Typst drop what it memoised for the last big document.

    The compiler keeps memoised layout results until they have gone unused for
    ten compilations; a few compilations of an empty document evict them, so a
    worker's memory stays at about one chunk however many chunks it makes.
    """
    for n in range(FLUSH_COMPILES):
        compile_pdf(root, FLUSH, str(n))


def query_marks(root: Path, template: str, label: str = "<tanda>") -> list[dict[str, Any]]:
    """The ``label`` metadata of a compiled document (reuses the compilation's layout)."""
    # Compiler.query takes no inputs: it queries the document of the last compile().
    out = _compiler(root, template).query(label, field="value")
    return json.loads(out)


def page_count(data: bytes) -> int:
    """Pages of a PDF written by Typst (the page tree comes first) or anyone else."""
    match = re.search(rb"/Type\s*/Pages\s*/Count\s+(\d+)", data[:4096])
    if match:
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


# ----------------------------------------------------------------------------- briefs


def render_brief(
    root: Path, practice: Practice, changed: str, url: str | None, learned: Sequence[str] = ()
) -> bytes:
    """The brief as PDF bytes: the fullest version that fits two pages."""
    data = b""
    for fit in FITS:
        data = compile_pdf(root, "ringkas.typ", brief_data(practice, changed, url, fit, learned))
        if page_count(data) <= MAX_BRIEF_PAGES:
            return data
    raise PdfError(
        f"practices/{practice.id}.yaml: ringkasan PDF-nya tetap lebih dari "
        f"{MAX_BRIEF_PAGES} halaman; persingkat teks langkah, hasil atau sumbernya",
        1,
    )


@dataclass(frozen=True)
class _Brief:
    practice: Practice
    changed: str
    url: str | None
    entry: Path
    target: Path
    learned: tuple[str, ...] = ()


def _brief_batch(root: str, briefs: list[_Brief]) -> list[str]:
    """Worker: render, cache and write a batch of briefs; their ids."""
    for job in briefs:
        data = render_brief(Path(root), job.practice, job.changed, job.url, job.learned)
        _write_bytes(job.entry, data)
        _copy(job.entry, job.target)
    return [job.practice.id for job in briefs]


# ----------------------------------------------------------------------------- catalogues


@dataclass(frozen=True)
class _Spec:
    """One catalogue to publish: its practices (catalogue order) and its cover."""

    name: str
    title: str
    subtitle: str
    ids: tuple[str, ...]
    group_by: str  # "sector" or "province": headings in its contents


def catalogue_order(practices: Iterable[Practice]) -> list[Practice]:
    """Sector (vocabulary order), then province, then title."""
    sectors = {key: n for n, key in enumerate(vocab.SECTORS)}
    return sorted(
        practices,
        key=lambda p: (sectors.get(p.sector, 99), p.origin.province, p.title.lower(), p.id),
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def catalogue_specs(ordered: list[Practice]) -> list[_Spec]:
    """The whole catalogue, one per sector, one per province with ≥ PROVINCE_FROM practices."""
    specs = [
        _Spec(
            CATALOGUE_NAME,
            "Katalog praktik baik sanitasi perkotaan yang dapat direplikasi",
            "Langkah, biaya, instrumen kebijakan, hasil dan replikasi praktik kota dan "
            "kabupaten di Indonesia, untuk dipelajari daerah lain.",
            tuple(p.id for p in ordered),
            "sector",
        )
    ]
    sectors: dict[str, list[str]] = {}
    provinces: dict[str, list[str]] = {}
    for p in ordered:
        sectors.setdefault(p.sector, []).append(p.id)
        provinces.setdefault(p.origin.province, []).append(p.id)
    for sector, ids in sectors.items():
        label = vocab.SECTORS[sector]
        specs.append(
            _Spec(
                f"{CATALOGUES_DIR}/sektor-{sector}.pdf",
                f"Katalog sektor {label}",
                f"Praktik baik sektor {label.lower()} yang dapat direplikasi, menurut provinsi.",
                tuple(ids),
                "province",
            )
        )
    for province in sorted(provinces):
        ids = provinces[province]
        if len(ids) >= PROVINCE_FROM:
            specs.append(
                _Spec(
                    f"{CATALOGUES_DIR}/provinsi-{slug(province)}.pdf",
                    f"Katalog Provinsi {province}",
                    f"Praktik baik sanitasi dari kota dan kabupaten di Provinsi {province}.",
                    tuple(ids),
                    "sector",
                )
            )
    return specs


@dataclass
class _Body:
    """Where a practice's full pages are: chunk file, first page, page count, marks."""

    file: str
    first: int
    count: int
    marks: list[dict[str, Any]]


def _body_chunk(root: str, name: str, items: list[str]) -> dict[str, _Body]:
    """Worker: compile practices (JSON texts) in full into ``root/name``; where each landed."""
    folder = Path(root)
    pdf = compile_pdf(folder, "isi.typ", '{"practices":[' + ",".join(items) + "]}")
    (folder / name).write_bytes(pdf)
    marks = query_marks(folder, "isi.typ")
    total = page_count(pdf)
    starts = [(m["id"], m["page"]) for m in marks if m["level"] == 1]
    bodies: dict[str, _Body] = {}
    for n, (pid, page) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else total + 1
        own = [m for m in marks if page <= m["page"] < end]
        # A mark is kept on its page; the first one (the title) is the level-1 bookmark.
        own = [m for m in own if m["level"] == 2 or m.get("id") == pid]
        bodies[pid] = _Body(name, page, end - page, own)
    forget(folder)
    return bodies


def _contents(
    practices: list[Practice], first_page: dict[str, int], group_by: str
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    current: tuple[str, str] | None = None

    def sub_of(p: Practice) -> str:
        return p.origin.province if group_by == "sector" else vocab.SECTORS[p.sector]

    # A sector's catalogue has one sector, a province's one province: no subheadings.
    nested = len({sub_of(p) for p in practices}) > 1
    for p in practices:
        group = vocab.SECTORS[p.sector] if group_by == "sector" else p.origin.province
        sub = sub_of(p)
        if current is None or current[0] != group:
            items.append({"kind": "grup", "title": group})
        if nested and (current is None or current != (group, sub)):
            items.append({"kind": "subgrup", "title": sub})
        current = (group, sub)
        items.append(_entry(p, first_page))
    return items


def _entry(p: Practice, first_page: dict[str, int], region: bool = True) -> dict[str, Any]:
    return {
        "kind": "entri",
        "title": plain(p.title),
        "region": plain(p.origin.region) if region else "",
        "page": first_page[p.id],
    }


def _indexes(practices: list[Practice], first_page: dict[str, int]) -> list[dict[str, Any]]:
    by_sector: list[dict[str, Any]] = []
    for sector in vocab.SECTORS:
        group = sorted((p for p in practices if p.sector == sector), key=lambda p: p.title.lower())
        if group:
            by_sector.append({"kind": "grup", "title": vocab.SECTORS[sector]})
            by_sector += [_entry(p, first_page) for p in group]
    by_province: list[dict[str, Any]] = []
    for province in sorted({p.origin.province for p in practices}):
        by_province.append({"kind": "grup", "title": province})
        group = [p for p in practices if p.origin.province == province]
        for region in sorted({p.origin.region for p in group}):
            by_province.append({"kind": "subgrup", "title": region})
            by_province += [
                _entry(p, first_page, region=False)
                for p in sorted(group, key=lambda p: p.title.lower())
                if p.origin.region == region
            ]
    by_city: list[dict[str, Any]] = []
    for region in sorted({p.origin.region for p in practices}, key=_city_key):
        by_city.append({"kind": "subgrup", "title": region})
        by_city += [
            _entry(p, first_page, region=False)
            for p in sorted(practices, key=lambda p: p.title.lower())
            if p.origin.region == region
        ]
    return [
        {"key": "indeks-sektor", "title": "Indeks menurut sektor", "items": by_sector},
        {"key": "indeks-provinsi", "title": "Indeks menurut provinsi", "items": by_province},
        {"key": "indeks-daerah", "title": "Indeks menurut kota dan kabupaten", "items": by_city},
    ]


def _city_key(region: str) -> tuple[str, str]:
    """``Kota Kendari`` sorts under K for Kendari (the name without Kota/Kabupaten)."""
    name = re.sub(r"^(Kota|Kabupaten|Kab\.)\s+", "", region)
    return (name.lower(), region)


ALL_SECTIONS_UP_TO = 500
"""Catalogues up to this many practices bookmark every section of a practice; larger
ones bookmark the practices only (a bookmark costs Typst ~20 kB until the PDF is
written: 65,000 section bookmarks at 5,000 practices would be 1.3 GB)."""


def frame_data(
    spec: _Spec, catalogue: Catalogue, bodies: dict[str, _Body], base: str | None
) -> dict[str, Any]:
    """The data of ``katalog.typ`` for one catalogue.

    Every bookmark costs Typst memory until the PDF is written; large
    catalogues bookmark each practice, not its sections.
    """
    by_id = catalogue.by_id
    practices = [by_id[pid] for pid in spec.ids]
    all_sections = len(practices) <= ALL_SECTIONS_UP_TO
    sections = (
        {m["title"] for p in practices for m in bodies[p.id].marks} if all_sections else set()
    )
    pages: list[dict[str, Any]] = []
    first_page: dict[str, int] = {}
    for p in practices:
        body = bodies[p.id]
        first_page[p.id] = len(pages) + 1
        for k in range(body.count):
            page = body.first + k
            pages.append(
                {
                    "file": body.file,
                    "page": page,
                    "header": plain(p.title),
                    "marks": [
                        {"level": m["level"], "title": m["title"], "y": m["y"]}
                        for m in body.marks
                        if m["page"] == page and (m["level"] == 1 or m["title"] in sections)
                    ],
                }
            )
    subset = catalogue_subset(catalogue, practices)
    counts = subset.counts()
    return {
        "title": spec.title,
        "subtitle": spec.subtitle,
        "description": f"{spec.title}: {len(practices)} praktik, data per "
        f"{format_date(data_date(subset))}.",
        "keywords": ["sanitasi", "praktik baik", "replikasi", "pemerintah daerah", "Indonesia"],
        "facts": [
            ["Jumlah praktik", str(len(practices))],
            ["Daerah terlibat", str(counts["daerah"])],
            ["Perjalanan belajar", str(counts["replikasi"])],
            ["Data per", format_date(data_date(subset))],
        ],
        "url": base,
        "contents": _contents(practices, first_page, spec.group_by),
        "pages": pages,
        "indexes": _indexes(practices, first_page),
    }


def catalogue_subset(catalogue: Catalogue, practices: list[Practice]) -> Catalogue:
    return replace(catalogue, practices=practices)


def _frame(root: str, data: str, entries: int, entry: str, target: str) -> tuple[int, int]:
    """Worker: compile one catalogue, cache and write it; (pages, bytes).

    Three compilations keep Typst's memory to about one part at a time:
    cover and contents alone, to learn how many pages come before the
    practices (page numbers are written out, not computed by Typst); the
    indexes alone, without page furniture; then the catalogue, which places
    the practice and index pages like images and adds the furniture.
    """
    folder = Path(root)
    offset = 2 + entries // 45  # a guess, then measured
    for _attempt in range(4):
        before = page_count(
            compile_pdf(folder, "katalog.typ", data, bagian="ukur", awal=str(offset))
        )
        if before == offset:
            break
        offset = before
    forget(folder)
    index_file = f"indeks-{Path(entry).stem}.pdf"
    index_pdf = compile_pdf(folder, "katalog.typ", data, bagian="indeks", awal=str(offset))
    (folder / index_file).write_bytes(index_pdf)
    starts = {m["page"]: m["title"] for m in query_marks(folder, "katalog.typ", "<tanda-indeks>")}
    pages = []
    title = ""
    for page in range(1, page_count(index_pdf) + 1):
        title = starts.get(page, title)
        marks = [{"level": 1, "title": title}] if page in starts else []
        pages.append({"page": page, "header": title, "marks": marks})
    del index_pdf
    forget(folder)
    index = json.dumps({"file": index_file, "pages": pages}, ensure_ascii=False)
    pdf = compile_pdf(folder, "katalog.typ", data, awal=str(offset), indeks=index)
    forget(folder)
    _write_bytes(Path(entry), pdf)
    _copy(Path(entry), Path(target))
    return page_count(pdf), len(pdf)


def data_date(catalogue: Catalogue) -> str:
    """The catalogue's data date: when its newest record last changed."""
    dates = [catalogue.last_changed.get(p.id, p.checked) for p in catalogue.practices]
    return max(dates) if dates else ""


# ----------------------------------------------------------------------------- files


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _ours(path: Path) -> bool:
    """An existing output may be replaced only if it is a PDF we rendered earlier."""
    try:
        with path.open("rb") as handle:
            head = handle.read(32)
    except OSError:
        return False
    return head.startswith(TYPST_MARK) or (head.startswith(b"%PDF-") and WEASYPRINT_MARK in head)


def _prune(cache_dir: Path, used: set[str]) -> None:
    """Drop cache entries this run did not use (the cache holds only our PDFs)."""
    for entry in cache_dir.glob("*.pdf"):
        if entry.name not in used:
            entry.unlink(missing_ok=True)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{format_number(round(n / 1024 / 1024, 1))} MB"
    return f"{format_number(max(1, round(n / 1024)))} KB"


def download_page(published: Sequence[Published], briefs: int, out_dir: Path) -> str:
    """``unduh/index.html``: every catalogue with its size and page count."""
    rows = []
    for item in published:
        href = html_escape(item.path.relative_to(out_dir).as_posix())
        rows.append(
            f'<tr><td><a href="{href}" download>{html_escape(item.title)}</a></td>'
            f'<td class="n">{format_number(item.practices)}</td>'
            f'<td class="n">{format_number(item.pages)}</td>'
            f'<td class="n">{_size(item.size)}</td></tr>'
        )
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Unduh katalog PDF · Replika</title>\n<style>"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:1rem auto;"
        "padding:0 1rem;color:#1b2126}h1{color:#0b4f6c}table{border-collapse:collapse;"
        "width:100%}td,th{padding:.4rem;border-bottom:1px solid #c9d3da;text-align:left}"
        ".n{text-align:right;white-space:nowrap}a{color:#0b4f6c}"
        ".gulir{overflow-x:auto}@media (max-width:30rem){td,th{padding:.3rem .25rem;"
        "font-size:.9rem}}</style>\n</head>\n<body>\n"
        "<h1>Unduh katalog PDF</h1>\n"
        "<p>Katalog lengkap diurutkan menurut sektor, provinsi lalu judul; katalog per "
        f"sektor dan per provinsi (provinsi dengan sedikitnya {PROVINCE_FROM} praktik) "
        "masing-masing punya sampul, daftar isi dan nomor halaman sendiri. Ringkasan dua "
        f"halaman tiap praktik ({format_number(briefs)} berkas) ada di halaman praktiknya "
        "(tombol «Unduh PDF»).</p>\n"
        '<div class="gulir"><table>\n<thead><tr><th>Katalog</th><th class="n">Praktik</th>'
        '<th class="n">Halaman</th><th class="n">Ukuran</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + '\n</tbody>\n</table></div>\n<p><a href="../">← Kembali ke situs</a></p>\n</body>\n</html>\n'
    )


# ----------------------------------------------------------------------------- orchestration


class _Runner:
    """Runs jobs in this process or, when there are enough, in worker processes."""

    def __init__(self, jobs: int) -> None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        self.pool: ProcessPoolExecutor | None = None
        self.workers = 0
        if workers >= 2 and jobs >= PARALLEL_FROM:
            self.workers = workers
            # "spawn": a fresh interpreter per worker, no state inherited from the parent.
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if self.pool is not None:
            return self.pool.submit(fn, *args)
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as err:  # re-raised by .result(), as a pool would
            future.set_exception(err)
        return future

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _schedule(
    runner: _Runner,
    work: str,
    *,
    chunks: list[tuple[str, list[str]]],
    frames: list[tuple[_Spec, Path, Path]],
    briefs: list[list[_Brief]],
    frame_input: Callable[[_Spec, dict[str, _Body]], dict[str, Any]],
    report: PdfReport,
    meter: Progress,
    say: Callable[[str], None],
) -> None:
    """Keep the workers busy, longest path first: body chunks, then catalogues, briefs between.

    A few jobs are queued at a time (not all at once), so the catalogues, which
    wait for every chunk, start as soon as the chunks are done instead of after
    every brief; and a catalogue's data is built only when it is handed over.
    """
    slots = (runner.workers or 1) + 1
    bodies: dict[str, _Body] = {}
    chunks_left = len(chunks)
    pending: dict[Future, Any] = {}

    def next_job() -> bool:
        if chunks:
            name, items = chunks.pop(0)
            pending[runner.submit(_body_chunk, work, name, items)] = ("chunk", len(items))
        elif frames and chunks_left == 0:
            spec, entry, target = frames.pop(0)
            data = frame_input(spec, bodies)
            text = json.dumps(data, ensure_ascii=False)
            entries = len(data["contents"])
            del data
            future = runner.submit(_frame, work, text, entries, str(entry), str(target))
            pending[future] = spec
        elif briefs:
            batch = briefs.pop(0)
            pending[runner.submit(_brief_batch, work, batch)] = ("brief", len(batch))
        else:
            return False
        return True

    while True:
        while len(pending) < slots and next_job():
            pass
        if not pending:
            break
        done, _rest = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            job = pending.pop(future)
            result = future.result()
            if isinstance(job, _Spec):
                report.catalogues_rendered += 1
                report.catalogue_rendered |= job.name == CATALOGUE_NAME
                meter.advance(1)
            elif job[0] == "chunk":
                bodies.update(result)
                chunks_left -= 1
                meter.advance(job[1])
            else:
                report.rendered.extend(result)
                for pid in result:
                    say(f"PDF ringkasan dibuat: {pid}")
                meter.advance(job[1])


def write_pdfs(
    catalogue: Catalogue,
    project: Project,
    out_dir: Path,
    *,
    log: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> PdfReport:
    """Write the catalogues, ``out_dir/praktik/<id>.pdf`` and the download page.

    ``out_dir`` is the site's ``unduh/`` folder (or any folder for
    ``replika pdf --keluaran``). A PDF whose inputs are unchanged is copied
    from the cache; the others are made, cached and written.
    """
    say = log or (lambda _msg: None)
    report = PdfReport()
    base = printed_url(project)
    templates = templates_digest()
    cache_dir = project.root / CACHE_DIR
    cache_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()

    ordered = catalogue_order(catalogue.practices)
    ordered_catalogue = replace(catalogue, practices=ordered)
    specs = catalogue_specs(ordered)
    # Kept as JSON text (a tenth of the memory of the dicts at 5,000 practices).
    bodies_json = {
        p.id: json.dumps(practice_data(p, ordered_catalogue, base), ensure_ascii=False)
        for p in ordered
    }
    catalogue_jobs: list[tuple[_Spec, Path, Path]] = []
    for spec in specs:
        digest = hashlib.sha256(f"{templates}\0{spec}\0".encode())
        for pid in spec.ids:
            digest.update(bodies_json[pid].encode())
        members = [catalogue.by_id[i] for i in spec.ids]
        digest.update(data_date(catalogue_subset(catalogue, members)).encode())
        entry = cache_dir / f"katalog-{digest.hexdigest()[:32]}.pdf"
        catalogue_jobs.append((spec, entry, out_dir / spec.name))
    report.catalogue = out_dir / CATALOGUE_NAME

    briefs: list[_Brief] = []
    for practice in ordered:
        changed = catalogue.last_changed.get(practice.id, practice.checked)
        url = practice_page_url(base, practice.id)
        learned = tuple(j.mentee for j in catalogue.journeys_learning(practice.id))
        key = "ringkas-" + brief_key(practice, changed, url, templates, learned)
        target = out_dir / BRIEFS_DIR / f"{practice.id}.pdf"
        report.briefs[practice.id] = target
        briefs.append(_Brief(practice, changed, url, cache_dir / f"{key}.pdf", target, learned))

    targets = [t for _s, _e, t in catalogue_jobs] + [b.target for b in briefs]
    foreign = [t for t in targets if t.exists() and not _ours(t)]
    if foreign:
        raise PdfError(
            f"`{foreign[0]}` sudah ada dan bukan PDF buatan Replika; tidak ada yang ditimpa. "
            "Pindahkan berkas itu atau pilih folder lain dengan --keluaran.",
            2,
        )

    missing_briefs: list[_Brief] = []
    for job in briefs:
        used.add(job.entry.name)
        if job.entry.is_file():
            _copy(job.entry, job.target)
            report.reused.append(job.practice.id)
        else:
            missing_briefs.append(job)
    missing_catalogues = []
    for spec, entry, target in catalogue_jobs:
        used.add(entry.name)
        if entry.is_file():
            _copy(entry, target)
        else:
            missing_catalogues.append((spec, entry, target))

    wanted = {pid for spec, _e, _t in missing_catalogues for pid in spec.ids}
    needed = [pid for pid in bodies_json if pid in wanted]
    chunk_ids = list(_chunks(needed, CHUNK_PRACTICES))
    brief_batches = list(_chunks(missing_briefs, BRIEF_BATCH))
    total = len(needed) + len(missing_briefs) + len(missing_catalogues)
    meter = progress or Progress(total, "PDF", stream=None)
    meter.reset(total)

    with tempfile.TemporaryDirectory(prefix="replika-pdf-") as work:
        root = Path(work)
        write_templates(root)
        runner = _Runner(len(chunk_ids) + len(brief_batches) + len(missing_catalogues))
        try:
            _schedule(
                runner,
                work,
                chunks=[
                    (f"isi-{n}.pdf", [bodies_json.pop(i) for i in ids])
                    for n, ids in enumerate(chunk_ids)
                ],
                frames=list(missing_catalogues),
                briefs=brief_batches,
                frame_input=lambda spec, bodies: frame_data(spec, ordered_catalogue, bodies, base),
                report=report,
                meter=meter,
                say=say,
            )
        finally:
            runner.close()
            meter.finish()

    for spec, _entry, target in catalogue_jobs:
        with target.open("rb") as handle:
            head = handle.read(4096)
        pages = page_count(head) or page_count(target.read_bytes())
        report.catalogues.append(
            Published(target, spec.title, pages, target.stat().st_size, len(spec.ids))
        )
    report.pages = sum(c.pages for c in report.catalogues)
    _write_bytes(
        out_dir / DOWNLOAD_PAGE,
        download_page(report.catalogues, len(briefs), out_dir).encode("utf-8"),
    )
    _prune(cache_dir, used)
    _prune_catalogues(out_dir, {t for _s, _e, t in catalogue_jobs})
    return report


def _prune_catalogues(out_dir: Path, kept: set[Path]) -> None:
    """Remove sector/province catalogues of an earlier run that no longer exist."""
    folder = out_dir / CATALOGUES_DIR
    for path in folder.glob("*.pdf") if folder.is_dir() else ():
        if path not in kept and _ours(path):
            path.unlink()
