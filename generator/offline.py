"""The offline copy: the site as a ZIP that works when opened from a folder (file://).

The published site searches its static index in ``cari-indeks/``
(``generator/search.py``), which ``cari.js`` loads with ``fetch`` and which
therefore fails over ``file://``. The offline copy is a second ``mkdocs build``
of the same generated Markdown with a derived configuration (``INHERIT:
mkdocs.yml``) that uses Material's built-in Lunr search instead, set up the
way Material's ``offline`` plugin does it (``cari-indeks/`` is not copied):

* the search index is also written as a script (``search/search_index.js``),
  which Material's bundle loads instead of fetching JSON when the page is a
  ``file:`` URL;
* the search runs in a web worker, which browsers refuse to start from
  ``file:``; the iframe-worker shim (MIT, vendored in ``generator/data/vendor``
  so that nothing is fetched from the network) stands in for it;
* links to folders (``katalog/``) are rewritten to ``katalog/index.html``,
  because a browser shows a folder listing for ``file:`` folder URLs.

Unlike the offline plugin, directory URLs stay on, so the copy has the same
paths as the published site and the raw HTML links that the generator writes
(downloads, data) stay valid. The header's box that links to the search page
is replaced by Material's own search box, and the search page tells readers to
use that box.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import yaml

from generator.project import Project

ZIP_NAME = "replika-luring.zip"
FOLDER_NAME = "replika-luring"
SHIM_NAME = "iframe-worker-1.0.4.js"
SHIM_TARGET = "assets/luring/iframe-worker.js"
# Fixed timestamp for every ZIP entry: the same site gives the same archive.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)

README = """Replika — salinan luring
========================

Buka berkas index.html di folder ini dengan peramban (klik dua kali).
Semua halaman, pencarian (kotak "Cari" di bagian atas), ringkasan PDF dan
data terbuka (folder data/) bekerja tanpa internet.

Versi daring yang selalu mutakhir: {url}
"""

SEARCH_PAGE = """{#- Offline copy: cari-indeks/ cannot be fetched over file://;
    Material's search box in the header searches the whole copy. -#}
{% extends "main.html" %}
{% block content %}
  {{ super() }}
  <div class="admonition info">
    <p class="admonition-title">Pencarian di salinan luring</p>
    <p>Di salinan luring ini, ketik kata kunci pada kotak <strong>Cari</strong> di bagian
    atas halaman; hasilnya muncul langsung di bawah kotak itu.</p>
  </div>
{% endblock %}
"""


class OfflineError(Exception):
    """The offline copy could not be built."""


def _shim() -> bytes:
    return (resources.files("generator") / "data" / "vendor" / SHIM_NAME).read_bytes()


def _overlay_theme(project: Project, config: dict, work: Path) -> Path:
    """The theme overrides for the copy: the site's, minus the search page's parts."""
    overlay = work / "overrides"
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str) and (project.root / custom).is_dir():
        shutil.copytree(project.root / custom, overlay)
    overlay.mkdir(parents=True, exist_ok=True)
    # The site's header links to the search page; Material's own header has
    # the search box that works offline.
    (overlay / "partials" / "header.html").unlink(missing_ok=True)
    (overlay / "cari.html").write_text(SEARCH_PAGE, encoding="utf-8")
    return overlay


def _read_config(project: Project) -> dict:
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    try:
        data = yaml.load(project.config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as err:
        raise OfflineError(f"mkdocs.yml tidak dapat dibaca: {err}") from None
    return data if isinstance(data, dict) else {}


def derived_config(project: Project, work: Path) -> Path:
    """Write the offline build's mkdocs config (inheriting mkdocs.yml) into ``work``."""
    config = _read_config(project)
    overlay = _overlay_theme(project, config, work)
    docs = config.get("docs_dir", "docs")
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    polyfills = [p for p in extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    derived = {
        "INHERIT": str(project.config_file.resolve()),
        "docs_dir": str((project.root / docs).resolve()),
        "site_dir": str(work / "situs"),
        "strict": False,
        "use_directory_urls": True,
        "theme": {"custom_dir": str(overlay)},
        # Lunr has no Indonesian stemmer; with only the trimmer, words match as
        # written and Material's prefix matching finds longer forms.
        "plugins": [{"search": {"lang": "en", "pipeline": ["trimmer"]}}],
        "extra": {"polyfills": [*polyfills, SHIM_TARGET]},
    }
    path = work / "mkdocs-luring.yml"
    path.write_text(yaml.safe_dump(derived, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _mkdocs_build(project: Project, config: Path) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config)],
            cwd=project.root,
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
    except OSError as err:
        raise OfflineError(f"mkdocs tidak dapat dijalankan: {err}") from None
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise OfflineError(f"mkdocs build (salinan luring) gagal:\n{output}")
    return output


_LINK = re.compile(r'(\bhref=")([^"]*)(")')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


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


def rewrite_links(site: Path) -> int:
    """Rewrite folder links in every HTML page; how many pages changed."""
    changed = 0
    for page in site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        result = _LINK.sub(lambda m: m.group(1) + file_url(m.group(2)) + m.group(3), source)
        if result != source:
            page.write_text(result, encoding="utf-8")
            changed += 1
    return changed


def inline_search_index(site: Path) -> None:
    """``search_index.js`` for file:// (locations pointing at ``index.html`` files)."""
    index_file = site / "search" / "search_index.json"
    if not index_file.is_file():
        raise OfflineError("mkdocs tidak menghasilkan indeks pencarian untuk salinan luring")
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        doc["location"] = file_url(location) if location else "index.html"
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(data, encoding="utf-8")
    (site / "search" / "search_index.js").write_text(f"var __index = {data}\n", encoding="utf-8")


def _copy_downloads(source_site: Path, site: Path) -> None:
    """PDFs and open data of the built site, so the copy's download links work too."""
    for name in ("data", "unduh"):
        origin = source_site / name
        if origin.is_dir():
            shutil.copytree(
                origin, site / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns(ZIP_NAME)
            )


def write_zip(folder: Path, target: Path) -> None:
    """A deterministic ZIP of ``folder`` under ``replika-luring/``, written atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(
                    f"{FOLDER_NAME}/{path.relative_to(folder).as_posix()}", ZIP_DATE
                )
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_offline_copy(
    project: Project,
    built_site: Path,
    target: Path,
    *,
    site_url: str = "",
    log: Callable[[str], None] | None = None,
) -> Path:
    """Build the offline copy and write it as ``target`` (a ZIP); returns ``target``.

    ``built_site`` is the freshly built site (staging); its ``data/`` and
    ``unduh/`` downloads are copied into the offline copy.
    """
    say = log or (lambda _msg: None)
    cache = project.root / ".cache"
    cache.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="luring-", dir=cache))
    try:
        config = derived_config(project, work)
        output = _mkdocs_build(project, config)
        for line in output.splitlines():
            if line.startswith("WARNING"):
                say(f"salinan luring: {line}")
        site = work / "situs"
        inline_search_index(site)
        rewrite_links(site)
        shim = site / SHIM_TARGET
        shim.parent.mkdir(parents=True, exist_ok=True)
        shim.write_bytes(_shim())
        _copy_downloads(built_site, site)
        (site / "BACA-SAYA.txt").write_text(README.format(url=site_url or "-"), "utf-8")
        write_zip(site, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target
