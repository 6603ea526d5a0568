"""A hostile record never becomes live markup and is never evaluated as a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from site_support import copy_project, load_yaml, parse, replika, serve_directory

HOSTILE_ID = "serangan-xss"
SCRIPT = "<script>alert('xss')</script>"
IMG = "<img src=x onerror=alert(1)>"
IFRAME = '<iframe src="https://evil.example/"></iframe>'
JINJA = "{{ 7*7 }} {% for x in range(3) %}ulang{% endfor %} {{ config }}"
SNIPPET = '--8<-- "mkdocs.yml"'
ATTR = '{: onclick="alert(1)" }'
MD_JS_LINK = "[klik saya](javascript:alert(1)) dan **tebal** dan [aman](https://contoh.example/)"
ABBR_DEF = "*[ASN]: <b onmouseover=alert(1)>x</b>"


def hostile_record(project: Path) -> dict:
    """The exemplar record with every kind of text field carrying an attack."""
    base = load_yaml((project / "practices/l2t2-kendari.yaml").read_text(encoding="utf-8"))
    data = dict(base)
    data["id"] = HOSTILE_ID
    data["judul"] = 'Judul "><script>alert(1)</script> {{ 7*7 }}'
    data["ringkasan"] = f"{MD_JS_LINK} {SCRIPT} {IMG} {JINJA}"
    data["masalah"] = (
        f"{IFRAME}\n\n{SNIPPET}\n\n{ATTR}\n\n{ABBR_DEF}\n\n<a href='javascript:alert(2)'>a</a>"
    )
    data["langkah"] = [MD_JS_LINK, SCRIPT, JINJA, SNIPPET]
    data["pelajaran"] = [IMG, IFRAME, "[x](data:text/html,<script>alert(3)</script>)"]
    data["kesiapan"] = [SCRIPT + " siap?", JINJA]
    data["risiko"] = [ATTR, SNIPPET]
    data["tag"] = ["<script>", "{{ 7*7 }}"]
    data["pelaku"] = [{"nama": IMG, "peran": JINJA}]
    data["linimasa"] = [
        {"tanggal": "2018-04-22", "peristiwa": SCRIPT + " " + JINJA, "catatan": IFRAME}
    ]
    data["hasil"] = [
        {
            "indikator": SCRIPT,
            "nilai": IMG,
            "satuan": JINJA,
            "tahun": 2019,
            "sumber": base["sumber"][0]["kode"],
        }
    ]
    data["sumber"] = [dict(base["sumber"][0], judul=SCRIPT + IMG, penerbit=JINJA)]
    for milestone in data["linimasa"]:
        milestone.pop("sumber", None)
    data["biaya"] = [
        dict(c, sumber=base["sumber"][0]["kode"], uraian=IMG) for c in base["biaya"][:1]
    ]
    data["instrumen"] = [
        {"jenis": "perwali", "judul": SCRIPT, "nomor": JINJA, "sumber": base["sumber"][0]["kode"]}
    ]
    data["perbedaan_data"] = [{"tentang": SCRIPT, "versi": [IMG, JINJA]}]
    data["replikasi"] = []
    data["terkait"] = []
    data["syarat_keberhasilan"] = [IFRAME]
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("aman") / "proyek")
    record = hostile_record(project)
    (project / "practices" / f"{HOSTILE_ID}.yaml").write_text(
        yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = replika(project, "build", "--tanpa-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def pages_showing_hostile(site: Path) -> list[Path]:
    found = [site / "katalog/praktik" / HOSTILE_ID / "index.html"]
    for page in site.rglob("index.html"):
        if page not in found and "serangan-xss" in page.read_text(encoding="utf-8"):
            found.append(page)
    assert len(found) > 3  # practice page, browse pages, city page, ...
    return found


def test_no_live_markup_from_the_record(built: Path) -> None:
    site = built / "site"
    for page in pages_showing_hostile(site):
        parsed = parse(page)
        for tag, attrs in parsed.elements:
            assert tag not in ("iframe", "img", "object", "embed"), (page, tag)
            for name, value in attrs.items():
                assert not name.startswith("on"), (page, tag, name)
                if name in ("href", "src", "action"):
                    assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (
                        page,
                        value,
                    )
            if tag == "script":
                src = attrs.get("src") or ""
                assert src == "" or re.search(r"assets/", src), (page, src)
        for body in parsed.scripts:
            assert "alert" not in body, page


def test_text_is_shown_literally_and_templates_are_not_evaluated(built: Path) -> None:
    html = (built / "site/katalog/praktik" / HOSTILE_ID / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(" in html
    assert "{{ 7*7 }}" in html
    assert "{% for x in range(3) %}" in html
    assert "ulangulangulang" not in html
    assert ">49<" not in html and " 49 " not in html
    assert "site_name" not in html.split("<article", 1)[1]  # snippet not included
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "<script>" not in title.group(1)
    assert "&lt;script&gt;" in title.group(1) or "&#34;&gt;&lt;script&gt;" in title.group(1)
    meta = re.search(r'<meta property="og:title" content="([^"]*)"', html)
    assert meta and "<" not in meta.group(1)


def test_allowed_markdown_is_sanitised(built: Path) -> None:
    html = (built / "site/katalog/praktik" / HOSTILE_ID / "index.html").read_text("utf-8")
    assert "<strong>tebal</strong>" in html
    assert re.search(
        r'<a href="https://contoh.example/"[^>]*rel="nofollow noopener noreferrer"', html
    )
    assert "klik saya" in html and 'href="javascript:' not in html


def test_hostile_page_runs_no_script_in_the_browser(built: Path, chromium: object) -> None:
    with serve_directory(built / "site") as base:
        page = chromium.new_page()  # type: ignore[attr-defined]
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in (f"katalog/praktik/{HOSTILE_ID}/", "katalog/tag/", ""):
            page.goto(base + path)
            page.hover("h1")
            page.wait_for_timeout(200)
        # search results show the hostile title and summary as text (textContent)
        page.goto(base + "cari/?q=onerror")
        page.wait_for_selector(".rp-cari__hasil a")
        page.wait_for_timeout(300)
        assert page.locator(".rp-cari__hasil img, .rp-cari__hasil script").count() == 0
        shown = page.inner_text(".rp-cari__hasil")
        assert "onerror" in shown
        assert "<script>alert(1)</script>" in shown  # the hostile title, as text
        assert dialogs == []
        page.close()
