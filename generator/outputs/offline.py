"""The offline copy: the site as a ZIP that works when opened from a folder (file://).

The copy is the site that ``replika build`` has just built (the staging
folder, search index included), with three changes, so that it searches with
the same index and gives the same results as the published site:

* the search page's script (``docs/assets/cari.js``) loads the index with
  ``fetch``, which browsers refuse for ``file:`` URLs; so every JSON file of
  ``cari-indeks/`` also goes into the copy as a script (``X.json`` → ``X.js``,
  one call ``replikaIndeks("<path>", <the same JSON>)``), which ``cari.js``
  loads with a ``<script>`` element when the page is a ``file:`` URL. The
  scripts are only in the copy: the published site does not carry the index
  twice;
* links to folders (``katalog/``) in ``href``, ``src`` and the header search
  form's ``action`` are rewritten to ``katalog/index.html``, because a browser
  shows a folder listing for ``file:`` folder URLs (``cari.js`` does the same
  for the result links it writes);
* what a folder on a disk has no use for is left out: the ZIP itself (links
  to it point at the published site's copy, or are left as they are without
  a ``site_url``), ``404.html`` and the sitemaps (absolute URLs of the
  published site), and Material's search worker, Lunr and source maps
  (Material's search is off).

There is no second MkDocs build: the pages, PDFs and open data are the ones
just built. The ZIP is deterministic (sorted entries, one fixed date), so the
same site gives a byte-identical archive.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.errors import OfflineError
from generator.fsutil import atomic_target
from generator.outputs.search import POINTER_NAME, SEARCH_DIR

ZIP_NAME = "replika-luring.zip"
FOLDER_NAME = "replika-luring"
README_NAME = "BACA-SAYA.txt"
CALLBACK = "replikaIndeks"
"""The function each index script calls (defined by ``cari.js``)."""
# Fixed timestamp for every ZIP entry: the same site gives the same archive.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)

SKIPPED_FILES = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
SKIPPED_FOLDERS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")

README = """Replika — salinan luring
========================

Buka berkas index.html di folder ini dengan peramban (klik dua kali).
Semua halaman, pencarian (kotak "Cari praktik" di bagian atas atau halaman
Cari, dengan kata dasar maupun berimbuhan dan singkatan maupun kepanjangannya),
ringkasan PDF dan data terbuka (folder data/) bekerja tanpa internet.

{online}"""


_LINK = re.compile(r'(\b(?:href|src|action)=")([^"]*)(")')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ZIP_LINK = re.compile(r"(?:\./)?(?:\.\./)*unduh/" + re.escape(ZIP_NAME))


def file_url(link: str) -> str:
    """A relative link that also works over file://: folder links get ``index.html``."""
    if not link or link.startswith(("#", "/", "?")) or _SCHEME.match(link):
        return link
    cut = min((i for i in (link.find("#"), link.find("?")) if i >= 0), default=len(link))
    path, rest = link[:cut], link[cut:]
    if path.endswith("/"):
        path += "index.html"
    elif path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/index.html"
    return path + rest


def rewrite_links(html: str, site_url: str = "") -> str:
    """Folder links of one page (``href``, ``src``, form ``action``) pointing at ``index.html``.

    With ``site_url``, links to the offline ZIP (not in the copy) point at the
    published one.
    """

    def link(match: re.Match[str]) -> str:
        target = match.group(2)
        if site_url and _ZIP_LINK.fullmatch(target):
            return match.group(1) + site_url.rstrip("/") + f"/unduh/{ZIP_NAME}" + match.group(3)
        return match.group(1) + file_url(target) + match.group(3)

    return _LINK.sub(link, html)


def _ascii(match: re.Match[str]) -> str:
    return json.dumps(match.group())[1:-1]  # "\u00e9", or a surrogate pair


def index_script(name: str, data: bytes) -> bytes:
    """The script form of one index file: ``replikaIndeks(name, <the same JSON>);``.

    Non-ASCII characters (they only occur inside JSON strings) become ``\\uXXXX``
    escapes, so the script means the same whatever encoding the browser assumes
    and U+2028/U+2029 cannot end a line; the JSON is otherwise unchanged.
    """
    text = _NON_ASCII.sub(_ascii, data.decode("utf-8"))
    return f"window.{CALLBACK} && {CALLBACK}({json.dumps(name)}, {text});\n".encode("ascii")


def _skipped(name: str) -> bool:
    parts = name.split("/")
    return (
        name in SKIPPED_FILES
        or name == f"unduh/{ZIP_NAME}"
        or name.endswith(".map")
        or name.startswith(SKIPPED_FOLDERS)
        or any(part.startswith(".") for part in parts)
    )


def copy_entries(site: Path, *, site_url: str = "") -> Iterator[tuple[str, Callable[[], bytes]]]:
    """``(name, bytes)`` of every file of the copy, unsorted; contents are read lazily."""
    index_prefix = f"{SEARCH_DIR}/"
    found_index = False
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if _skipped(name):
            continue
        if name.endswith(".html"):
            yield name, lambda p=path: rewrite_links(p.read_text("utf-8"), site_url).encode()
            continue
        yield name, path.read_bytes
        if name.startswith(index_prefix) and name.endswith(".json"):
            inner = name[len(index_prefix) :]
            found_index = found_index or inner == POINTER_NAME
            script = lambda p=path, n=inner: index_script(n, p.read_bytes())  # noqa: E731
            yield name[: -len(".json")] + ".js", script
    if not found_index:
        raise OfflineError(f"indeks pencarian ({SEARCH_DIR}/) belum ada untuk salinan luring")
    online = f"Versi daring yang selalu mutakhir: {site_url}\n" if site_url else ""
    readme = README.format(online=online).encode()
    yield README_NAME, lambda: readme


def write_zip(entries: dict[str, Callable[[], bytes]], target: Path) -> None:
    """A deterministic ZIP of ``entries`` under ``replika-luring/``, written atomically."""
    with (
        atomic_target(target) as tmp,
        zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf,
    ):
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{FOLDER_NAME}/{name}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, entries[name]())


def build_offline_copy(built_site: Path, target: Path, *, site_url: str = "") -> Path:
    """Write the offline copy of ``built_site`` as ``target`` (a ZIP); returns ``target``.

    ``built_site`` is the freshly built site (staging) with its search index,
    PDFs and open data already written.
    """
    try:
        entries = dict(copy_entries(built_site, site_url=site_url))
        write_zip(entries, target)
    except OSError as err:
        raise OfflineError(f"salinan luring tidak dapat ditulis: {err}") from None
    return target
