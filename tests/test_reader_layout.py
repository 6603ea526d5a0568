"""Every built page fits a 360 px phone screen (issue 15).

The session's Chromium, one tab, the session's full build (``full_build``): each HTML
page is opened at 360 × 740 px and must not be wider than the screen, and no
word of its article may be broken across two lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from site_support import serve_directory

PHONE = {"width": 360, "height": 740}

BROKEN_WORDS = """() => {
  const root = document.querySelector('article') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const found = [];
  let node;
  while ((node = walker.nextNode())) {
    const parent = node.parentElement;
    if (!parent || parent.closest('a[href^="http"], a[href^="mailto:"], code, .rp-sr')) continue;
    const re = /[A-Za-zÀ-ž]{4,}/g;
    let m;
    while ((m = re.exec(node.textContent))) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
      if (tops.size > 1) { found.push(m[0]); if (found.length > 4) return found; }
    }
  }
  return found;
}"""


def built_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def phone_report(full_build: Path, chromium: object) -> dict[str, tuple[int, list[str]]]:
    """Page → (document width at 360 px, words broken across lines)."""
    site = full_build / "site"
    report: dict[str, tuple[int, list[str]]] = {}
    with serve_directory(site) as base:
        tab = chromium.new_page(viewport=PHONE)  # type: ignore[attr-defined]
        for rel in built_pages(site):
            tab.goto(base + rel, wait_until="domcontentloaded")
            width = tab.evaluate("document.documentElement.scrollWidth")
            report[rel] = (width, tab.evaluate(BROKEN_WORDS))
        tab.close()
    return report


def test_every_page_is_checked(full_build: Path, phone_report: dict) -> None:
    pages = set(phone_report)
    assert "index.html" in pages and "katalog/replikasi/index.html" in pages
    assert "katalog/praktik/l2t2-kendari/index.html" in pages
    assert len(pages) > 60, len(pages)


def test_no_page_is_wider_than_a_phone(phone_report: dict) -> None:
    wide = {page: width for page, (width, _) in phone_report.items() if width > PHONE["width"]}
    assert not wide, f"lebih lebar dari 360 px: {wide}"


def test_no_word_is_broken_mid_word(phone_report: dict) -> None:
    broken = {page: words for page, (_, words) in phone_report.items() if words}
    assert not broken, f"kata terpotong: {broken}"
