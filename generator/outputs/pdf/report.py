"""What a PDF run published: its report and the download page ``unduh/index.html``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path

from generator.outputs.pdf.catalogues import PROVINCE_FROM
from generator.present import format_number

DOWNLOAD_PAGE = "index.html"


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
