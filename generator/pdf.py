"""Offline PDFs: the whole catalogue and a two-page brief per practice.

Print HTML is rendered from the catalogue with the Jinja templates in
``generator/templates/pdf/`` (autoescaped; record text only ever passes
through the escaping and nh3-sanitising filters of :mod:`generator.render`)
and laid out by WeasyPrint, whose CSS paged-media support gives the page
furniture: ``string-set`` running headers, ``counter(page)``/``counter(pages)``
footers, ``target-counter`` page numbers in the table of contents and
``bookmark-level`` PDF bookmarks.

Rendering is the slow part of a build, so every PDF is cached in
``.cache/pdf/`` under a hash of everything that shapes it (record content,
templates, stamp date and URL, WeasyPrint version); an unchanged PDF is copied
from the cache instead of being rendered again.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from generator import vocab
from generator.model import Catalogue
from generator.project import Project
from generator.render import (
    format_date,
    format_number,
    format_rupiah,
    plain,
    related_practices,
    safe_markdown,
    year_span,
)
from generator.schema import Practice

CATALOGUE_NAME = "katalog-replika.pdf"
BRIEFS_DIR = "praktik"
CACHE_DIR = Path(".cache") / "pdf"
MAX_BRIEF_PAGES = 2
FORMAT_VERSION = "1"
"""Bump when pdf.py changes what it renders (templates are hashed by content)."""

DEFAULT_SITE_URL = "https://replika.example.id/"
MAX_WORKERS = 4
WEASYPRINT_MARK = "\n%🖤\n".encode()
PARALLEL_FROM = 6
"""Render in worker processes only from this many PDFs on (a worker costs ~1 s to start)."""


@dataclass(frozen=True)
class Fit:
    """How much of a record a brief shows; lowered step by step until it fits two pages."""

    problem: bool = True
    instruments: bool = True
    replications: bool = True
    steps: int = 99
    results: int = 6
    costs: int = 5
    lessons: int = 5
    readiness: int = 99
    sources: int = 99
    compact: bool = False


_SHORT = Fit(
    problem=False,
    instruments=False,
    replications=False,
    results=3,
    costs=2,
    lessons=0,
    sources=6,
    compact=True,
)
FITS: tuple[Fit, ...] = (
    Fit(),
    Fit(problem=False, instruments=False, results=4, costs=3, lessons=3),
    Fit(problem=False, instruments=False, results=4, costs=3, lessons=3, compact=True),
    _SHORT,
    # Only very long records get here: fewer steps and questions, step by step.
    *(
        replace(_SHORT, steps=n, readiness=n, sources=6 if n >= 8 else 3)
        for n in (20, 16, 12, 10, 8, 6, 4)
    ),
)


@dataclass
class PdfReport:
    """What :func:`write_pdfs` did: which PDFs were rendered and which came from the cache."""

    catalogue: Path | None = None
    catalogue_rendered: bool = False
    briefs: dict[str, Path] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"PDF: katalog {'dibuat' if self.catalogue_rendered else 'dari cache'}, "
            f"{len(self.rendered)} ringkasan dibuat, {len(self.reused)} dari cache"
        )


class PdfError(Exception):
    """A PDF could not be made; ``exit_code`` 1 record too long, 2 foreign file, 3 no WeasyPrint."""

    def __init__(self, message: str, exit_code: int = 3) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self) -> tuple[type, tuple[str, int]]:  # crosses worker processes
        return (PdfError, (str(self), self.exit_code))


# ----------------------------------------------------------------------------- inputs


def site_url(project: Project) -> str:
    """``site_url`` from mkdocs.yml (with a trailing slash); a placeholder if absent."""

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may carry tags such as !!python/name or !ENV; they do not matter here.
    _Loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    try:
        config = yaml.load(project.config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        config = None
    url = config.get("site_url") if isinstance(config, dict) else None
    if not isinstance(url, str) or not url.strip():
        url = DEFAULT_SITE_URL
    return url.strip().rstrip("/") + "/"


def practice_page_url(base: str, practice_id: str) -> str:
    return f"{base}katalog/praktik/{practice_id}/"


@cache
def _template_files() -> tuple[tuple[str, bytes], ...]:
    root = resources.files("generator") / "templates" / "pdf"
    return tuple(
        sorted((entry.name, entry.read_bytes()) for entry in root.iterdir() if entry.is_file())
    )


def templates_digest() -> str:
    """Hash of every PDF template and the stylesheet, plus the renderer's version."""
    import weasyprint

    digest = hashlib.sha256(f"{FORMAT_VERSION}\0{weasyprint.__version__}\0".encode())
    for name, data in _template_files():
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def record_digest(practice: Practice) -> str:
    return hashlib.sha256(practice.model_dump_json(by_alias=True).encode()).hexdigest()


def brief_key(practice: Practice, changed: str, url: str, templates: str) -> str:
    """Cache key of one brief: record content + templates + stamp (date and URL)."""
    parts = [record_digest(practice), templates, changed, url]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


# ----------------------------------------------------------------------------- rendering


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates/pdf"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        teks=lambda value: plain(value),  # autoescape escapes it
        polos=plain,
        md=safe_markdown,
        md_inline=lambda value: safe_markdown(value, inline=True),
        angka=format_number,
        rupiah=format_rupiah,
        tanggal=format_date,
        sektor=lambda s: vocab.SECTORS[s],
        jenis=lambda s: vocab.PRACTICE_TYPES[s],
        instrumen=lambda s: vocab.INSTRUMENT_KINDS[s],
        bentuk=lambda s: vocab.LEARNING_FORMS[s],
        tahap=lambda s: vocab.REPLICATION_PHASES[s],
        status_replikasi=lambda s: vocab.REPLICATION_STATUSES[s],
        bukti=lambda s: vocab.EVIDENCE_LEVELS[s],
        status_praktik=lambda s: vocab.PRACTICE_STATUSES[s],
    )
    return env


@cache
def _stylesheet() -> Any:
    from weasyprint import CSS

    css = (resources.files("generator") / "templates" / "pdf" / "cetak.css").read_text("utf-8")
    return CSS(string=css)


def _source_numbers(practice: Practice) -> dict[str, int]:
    return {s.code: n for n, s in enumerate(practice.sources, start=1)}


def _render_document(html: str) -> Any:
    """Lay out print HTML; the WeasyPrint document (``.pages``, ``.write_pdf``)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as err:  # OSError: pango/cairo libraries missing
        raise PdfError(
            f"WeasyPrint tidak dapat dimuat ({err}); jalankan scripts/setup.sh "
            "(memasang WeasyPrint dan pustaka Pango)"
        ) from None
    # base_url: nothing is fetched (no images or links to resolve), but
    # WeasyPrint wants one for relative URLs; the empty temp dir is harmless.
    return HTML(string=html, base_url=tempfile.gettempdir()).render(stylesheets=[_stylesheet()])


def catalogue_html(catalogue: Catalogue, base_url: str) -> str:
    items = [
        {
            "practice": p,
            "source_no": _source_numbers(p),
            "years": year_span(p),
            "related": related_practices(catalogue, p),
            "url": practice_page_url(base_url, p.id),
        }
        for p in catalogue.practices
    ]
    return (
        environment()
        .get_template("katalog.html.j2")
        .render(
            practices=catalogue.practices,
            items=items,
            counts=catalogue.counts(),
            data_date=data_date(catalogue),
            site_url=base_url,
            by_sector=catalogue.by_sector(),
            by_province=catalogue.by_province(),
        )
    )


def brief_html(practice: Practice, changed: str, url: str, fit: Fit) -> str:
    return (
        environment()
        .get_template("ringkas.html.j2")
        .render(
            p=practice,
            no=_source_numbers(practice),
            years=year_span(practice),
            changed=changed,
            url=url,
            fit=fit,
        )
    )


def render_brief(practice: Practice, changed: str, url: str) -> tuple[bytes, int]:
    """The brief as PDF bytes and its page count: the fullest version that fits two pages."""
    document = None
    for fit in FITS:
        document = _render_document(brief_html(practice, changed, url, fit))
        if len(document.pages) <= MAX_BRIEF_PAGES:
            break
    assert document is not None
    if len(document.pages) > MAX_BRIEF_PAGES:
        raise PdfError(
            f"practices/{practice.id}.yaml: ringkasan PDF-nya tetap lebih dari "
            f"{MAX_BRIEF_PAGES} halaman; persingkat teks langkah, hasil atau sumbernya",
            1,
        )
    return document.write_pdf(), len(document.pages)


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
    # WeasyPrint's signature: its binary-marker comment on the second line is 🖤.
    return head.startswith(b"%PDF-") and WEASYPRINT_MARK in head


def _prune(cache_dir: Path, used: set[str]) -> None:
    """Drop cache entries this run did not use (the cache holds only our PDFs)."""
    for entry in cache_dir.glob("*.pdf"):
        if entry.name not in used:
            entry.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Job:
    """One PDF to render: a brief (``practice`` set) or the catalogue (``html`` set)."""

    entry: Path
    target: Path
    practice: Practice | None = None
    changed: str = ""
    url: str = ""
    html: str = ""


def _render_job(job: _Job) -> bytes:
    if job.practice is not None:
        data, _pages = render_brief(job.practice, job.changed, job.url)
        return data
    return _render_document(job.html).write_pdf()


def _render_all(jobs: list[_Job]) -> Iterator[tuple[_Job, bytes]]:
    """Render ``jobs`` (in parallel processes when there are enough to pay for them)."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS, len(jobs))
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        for job in jobs:
            yield job, _render_job(job)
        return
    # "spawn": a fresh interpreter per worker, so no Pango/fontconfig state is
    # inherited from a forked parent.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from zip(jobs, pool.map(_render_job, jobs), strict=True)


def write_pdfs(
    catalogue: Catalogue,
    project: Project,
    out_dir: Path,
    *,
    log: Callable[[str], None] | None = None,
) -> PdfReport:
    """Write ``out_dir/katalog-replika.pdf`` and ``out_dir/praktik/<id>.pdf``.

    ``out_dir`` is the site's ``unduh/`` folder (or any folder for
    ``replika pdf --keluaran``). A PDF whose inputs are unchanged is copied
    from the cache; the others are rendered, cached and written.
    """
    say = log or (lambda _msg: None)
    report = PdfReport()
    base = site_url(project)
    templates = templates_digest()
    cache_dir = project.root / CACHE_DIR
    cache_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    jobs: list[_Job] = []

    html = catalogue_html(catalogue, base)
    key = "katalog-" + hashlib.sha256(f"{templates}\0{html}".encode()).hexdigest()[:32]
    report.catalogue = out_dir / CATALOGUE_NAME
    # The catalogue goes first: it is the longest job.
    jobs.append(_Job(entry=cache_dir / f"{key}.pdf", target=report.catalogue, html=html))

    for practice in catalogue.practices:
        changed = catalogue.last_changed.get(practice.id, practice.checked)
        url = practice_page_url(base, practice.id)
        target = out_dir / BRIEFS_DIR / f"{practice.id}.pdf"
        key = "ringkas-" + brief_key(practice, changed, url, templates)
        report.briefs[practice.id] = target
        jobs.append(_Job(cache_dir / f"{key}.pdf", target, practice, changed, url))

    foreign = [job.target for job in jobs if job.target.exists() and not _ours(job.target)]
    if foreign:
        raise PdfError(
            f"`{foreign[0]}` sudah ada dan bukan PDF buatan Replika; tidak ada yang ditimpa. "
            "Pindahkan berkas itu atau pilih folder lain dengan --keluaran.",
            2,
        )
    missing = []
    for job in jobs:
        used.add(job.entry.name)
        if job.entry.is_file():
            _copy(job.entry, job.target)
            if job.practice is not None:
                report.reused.append(job.practice.id)
        else:
            missing.append(job)

    for job, data in _render_all(missing):
        _write_bytes(job.entry, data)
        _write_bytes(job.target, data)
        if job.practice is None:
            report.catalogue_rendered = True
        else:
            report.rendered.append(job.practice.id)
            say(f"PDF ringkasan dibuat: {job.practice.id}")
    _prune(cache_dir, used)
    return report
