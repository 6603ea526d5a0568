"""Check the internal links of a built site: every page, image, script and anchor exists.

Usage: ``python .github/scripts/periksa_tautan.py [SITE_DIR] [--abaikan PREFIX ...]``
(default ``site``). ``--abaikan unduh/`` skips links into ``site/unduh/``: a
``replika build --tanpa-pdf`` site links to PDFs it deliberately did not make.
Exit status 0 when all internal links resolve, 1 when some do not (each is
listed as ``page: link — reason``, and as a GitHub annotation inside Actions),
2 when the folder is not a built site.

External links (``https://...`` to other hosts) are not fetched: a PR check
must not fail because someone else's server is down. Links to the site's own
``site_url`` host are checked like relative ones.
"""

from __future__ import annotations

import os
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SKIP_SCHEMES = {"mailto", "tel", "data", "javascript", "blob"}
_LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
}


class _Page(HTMLParser):
    """Collects the links and the ids (anchor targets) of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRS:
                self.links.append(value)
            if tag == "base" and name == "href":
                self.base = value


def _read(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = page
    return cache[path]


def _target(site: Path, page: Path, link_path: str) -> Path:
    """The file a link path points at (directories mean their index.html)."""
    if link_path.startswith("/"):
        target = site / unquote(link_path.lstrip("/"))
    else:
        target = page.parent / unquote(link_path)
    target = Path(os.path.normpath(target))
    if target.is_dir():
        target = target / "index.html"
    return target


def check_site(
    site: Path, own_hosts: set[str] | None = None, ignore: tuple[str, ...] = ()
) -> list[tuple[str, str, str]]:
    """Every broken internal link as ``(page, link, reason)``.

    ``ignore`` holds path prefixes (relative to the site) whose targets are not checked.
    """
    own_hosts = own_hosts or set()
    cache: dict[Path, _Page] = {}
    broken: list[tuple[str, str, str]] = []
    root = site.resolve()
    for page_path in sorted(root.rglob("*.html")):
        page = _read(page_path, cache)
        shown = page_path.relative_to(root).as_posix()
        for link in page.links:
            parts = urlsplit(link.strip())
            if parts.scheme in _SKIP_SCHEMES:
                continue
            if (parts.scheme or parts.netloc) and parts.netloc not in own_hosts:
                continue  # external: not fetched
            if not parts.path:
                target = page_path
            else:
                target = _target(root, page_path, parts.path)
                try:
                    inside = target.relative_to(root).as_posix()
                except ValueError:
                    broken.append((shown, link, "menunjuk ke luar folder situs"))
                    continue
                if ignore and inside.startswith(ignore):
                    continue
                if not target.is_file():
                    broken.append((shown, link, "berkas tidak ada"))
                    continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _read(target, cache).ids:
                broken.append((shown, link, f"jangkar `#{fragment}` tidak ada"))
    return broken


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Periksa tautan internal situs yang dibangun.")
    parser.add_argument("site", nargs="?", default="site", help="folder situs (bawaan: site)")
    parser.add_argument(
        "--abaikan",
        action="append",
        default=[],
        metavar="AWALAN",
        help="jangan periksa tautan ke path (relatif ke situs) yang diawali AWALAN",
    )
    args = parser.parse_args(argv[1:])
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"periksa_tautan: `{site}` bukan situs yang sudah dibangun", file=sys.stderr)
        return 2
    hosts = {h for h in os.environ.get("REPLIKA_SITE_HOSTS", "").split(",") if h}
    broken = check_site(site, hosts, tuple(args.abaikan))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for page, link, reason in broken:
        print(f"{page}: {link} — {reason}", file=sys.stderr)
        if in_actions:
            print(f"::error title=tautan rusak::{site}/{page}: {link} — {reason}")
    pages = sum(1 for _ in site.rglob("*.html"))
    if broken:
        print(f"✗ {len(broken)} tautan rusak di {pages} halaman.", file=sys.stderr)
        return 1
    print(f"✓ semua tautan internal di {pages} halaman baik.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
