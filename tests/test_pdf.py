"""The PDFs as a reader sees them: pages, bookmarks, text, fonts, page numbers.

The catalogue and briefs come from one full `replika build` of a copy of the
project (the `full_build` fixture); the text is read with poppler's
`pdftotext`/`pdfinfo`/`pdffonts` and the bookmarks with pypdf.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest
import yaml
from site_support import load_yaml

from generator import vocab
from generator.outputs.pdf.catalogues import catalogue_order
from generator.outputs.pdf.data import printed_url
from generator.present import format_date
from generator.project import Project
from generator.stages.model import Catalogue, build_catalogue
from generator.stages.validate import check_project


def catalogue_of(project: Path) -> Catalogue:
    checked = check_project(Project(project))
    assert checked.ok, checked.problems
    return build_catalogue(checked, Project(project))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def replika(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``replika ARGS`` in ``project``, through ``generator.cli.main`` in this process."""
    from site_support import run_main

    return run_main(project, *args)


def text_of(
    pdf: Path, first: int | None = None, last: int | None = None, *, layout: bool = False
) -> str:
    """pdftotext's text; ``layout`` keeps line-end hyphens (URLs wrap at their hyphens)."""
    pages = ["-layout"] if layout else []
    if first:
        pages += ["-f", str(first)]
    if last:
        pages += ["-l", str(last)]
    result = run("pdftotext", *pages, str(pdf), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


def squeeze(text: str) -> str:
    """Text without any whitespace: line breaks inside titles and URLs do not matter."""
    return re.sub(r"\s+", "", text)


def page_count(pdf: Path) -> int:
    info = run("pdfinfo", str(pdf)).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """Bookmarks as (level, title, 1-based page)."""
    reader = pypdf.PdfReader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


@pytest.fixture(scope="module")
def catalogue(full_build: Path) -> Catalogue:
    return catalogue_of(full_build)


@pytest.fixture(scope="module")
def catalogue_pdf(full_build: Path) -> Path:
    path = full_build / "site" / "unduh" / "katalog-replika.pdf"
    assert path.is_file()
    return path


def test_catalogue_has_cover_contents_every_practice_and_indexes(
    catalogue_pdf: Path, catalogue: Catalogue
) -> None:
    pages = page_count(catalogue_pdf)
    assert pages >= len(catalogue.practices) + 3  # cover, contents, one page per practice, index
    info = run("pdfinfo", str(catalogue_pdf)).stdout
    assert "(A4)" in info
    cover = text_of(catalogue_pdf, 1, 1)
    assert "Katalog" in cover
    assert re.search(rf"Jumlah praktik:\s*{len(catalogue.practices)}\b", cover)
    newest = max(catalogue.last_changed.values())
    assert format_date(newest) in " ".join(cover.split())
    assert "Halaman" not in cover  # no page furniture on the cover

    whole = text_of(catalogue_pdf)
    flat = squeeze(whole)
    flat_layout = squeeze(text_of(catalogue_pdf, layout=True))
    for practice in catalogue.practices:
        assert squeeze(practice.title) in flat, practice.title
        for source in practice.sources:
            assert squeeze(source.url) in flat_layout, source.url
    assert "Daftar Isi" in whole
    assert "Indeks menurut sektor" in whole
    assert "Indeks menurut provinsi" in whole
    assert "Indeks menurut kota dan kabupaten" in whole
    footers = re.findall(r"Halaman (\d+) dari (\d+)", whole)
    assert {int(total) for _, total in footers} == {pages}
    assert sorted({int(n) for n, _ in footers}) == list(range(2, pages + 1))


def test_bookmarks_and_contents_page_numbers_agree(
    catalogue_pdf: Path, catalogue: Catalogue
) -> None:
    marks = outline(catalogue_pdf)
    top = {title: page for level, title, page in marks if level == 1}
    assert "Daftar Isi" in top
    assert "Indeks menurut sektor" in top and "Indeks menurut provinsi" in top
    sections = {title for level, title, _ in marks if level == 2}
    assert {"Ringkasan", "Langkah", "Daftar periksa kesiapan", "Sumber"} <= sections

    first_practice = min(top[p.title] for p in catalogue.practices)
    contents = squeeze(text_of(catalogue_pdf, 2, first_practice - 1))
    for practice in catalogue.practices:
        page = top[practice.title]  # a bookmark per practice, titled with the practice
        # The practice starts on its bookmarked page, which carries its title ...
        assert squeeze(practice.title) in squeeze(text_of(catalogue_pdf, page, page))
        # ... and the table of contents gives that page number after a dotted leader.
        entry = re.escape(squeeze(practice.title) + squeeze(practice.origin.region))
        assert re.search(entry + r"\.*" + str(page) + r"(?!\d)", contents), practice.title


def test_running_header_names_the_practice(catalogue_pdf: Path, catalogue: Catalogue) -> None:
    top = {title: page for level, title, page in outline(catalogue_pdf) if level == 1}
    starts = sorted(top.values())
    checked = 0
    for practice in catalogue.practices:
        start = top[practice.title]
        following = [p for p in starts if p > start]
        if following and following[0] - start >= 2:  # the practice runs over 2+ pages
            second = text_of(catalogue_pdf, start + 1, start + 1)
            header = " ".join(second.split())[: len(practice.title) + 20]
            assert " ".join(practice.title.split()) in header
            checked += 1
    assert checked > 0


def test_fonts_are_embedded_noto(catalogue_pdf: Path, full_build: Path) -> None:
    briefs = sorted((full_build / "site" / "unduh" / "praktik").glob("*.pdf"))
    for pdf in [catalogue_pdf, briefs[0]]:
        rows = run("pdffonts", str(pdf)).stdout.splitlines()[2:]
        assert rows, "no fonts listed"
        # Columns end with: emb sub uni object-ID generation.
        assert all(row.split()[-5] == "yes" for row in rows), rows
        assert any("Noto" in row for row in rows)


def test_one_brief_per_practice_at_most_two_pages_with_stamp(
    full_build: Path, catalogue: Catalogue
) -> None:
    assert printed_url(Project(full_build)) is None  # mkdocs.yml holds a placeholder
    folder = full_build / "site" / "unduh" / "praktik"
    assert {p.name for p in folder.glob("*.pdf")} == {f"{p.id}.pdf" for p in catalogue.practices}
    for practice in catalogue.practices:
        pdf = folder / f"{practice.id}.pdf"
        assert 1 <= page_count(pdf) <= 2, practice.id
        text = text_of(pdf)
        flat = squeeze(text)
        assert squeeze(practice.title) in flat
        assert "example" not in text  # no placeholder address printed
        assert squeeze(format_date(catalogue.last_changed[practice.id])) in flat
        assert "Halaman 1 dari" in text
        assert "Daftar periksa kesiapan" in text


def test_practice_page_links_to_its_brief(full_build: Path, catalogue: Catalogue) -> None:
    practice = catalogue.practices[0]
    page = full_build / "site" / "katalog" / "praktik" / practice.id / "index.html"
    html = page.read_text(encoding="utf-8")
    match = re.search(r'href="([^"]+\.pdf)"[^>]*>Unduh PDF', html)
    assert match, "no 'Unduh PDF' link"
    assert (page.parent / match.group(1)).resolve() == (
        full_build / "site" / "unduh" / "praktik" / f"{practice.id}.pdf"
    ).resolve()


def test_briefs_come_from_cache_unless_their_record_changed(
    full_build: Path, tmp_path: Path, catalogue: Catalogue
) -> None:
    project = tmp_path / "proyek"
    shutil.copytree(full_build, project, ignore=shutil.ignore_patterns("site"))
    out = tmp_path / "pdf"

    again = replika(project, "pdf", "--keluaran", str(out))
    assert again.returncode == 0, again.stderr
    assert "0 ringkasan dibuat" in again.stdout
    assert "PDF ringkasan dibuat" not in again.stderr
    built = full_build / "site" / "unduh" / "praktik"
    for practice in catalogue.practices:
        name = f"{practice.id}.pdf"
        assert (out / "praktik" / name).read_bytes() == (built / name).read_bytes()

    changed = catalogue.practices[1].id
    record = project / "practices" / f"{changed}.yaml"
    data = load_yaml(record.read_text(encoding="utf-8"))
    data["ringkasan"] = "Diperbarui. " + data["ringkasan"]
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    once_more = replika(project, "pdf", "--keluaran", str(out))
    assert once_more.returncode == 0, once_more.stderr
    assert "1 ringkasan dibuat" in once_more.stdout
    assert re.findall(r"PDF ringkasan dibuat: (\S+)", once_more.stderr) == [changed]
    assert "Diperbarui." in text_of(out / "praktik" / f"{changed}.pdf")


SITE = "https://replika.test/"
"""A site address for tests that print one (.test is reserved, RFC 2606)."""


def _single_record_project(target: Path, summary_prefix: str = "", grow: int = 1) -> Path:
    """A project with only l2t2-kendari (links to other records dropped), site_url SITE."""
    from site_support import copy_project

    project = copy_project(target)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url:.*$", f"site_url: {SITE}", text), "utf-8")
    for path in (project / "practices").glob("*.yaml"):
        if not path.name.startswith("_") and path.name != "l2t2-kendari.yaml":
            path.unlink()
    # Learning journeys name other records; this project has none (issue #11).
    shutil.rmtree(project / "practices" / "pembelajaran", ignore_errors=True)
    record = project / "practices" / "l2t2-kendari.yaml"
    data = load_yaml(record.read_text(encoding="utf-8"))
    data.pop("terkait", None)
    for replication in data.get("replikasi", []):
        replication.pop("praktik", None)
    data["ringkasan"] = summary_prefix + data["ringkasan"]
    for key in ("langkah", "hasil", "kesiapan", "pelajaran"):
        data[key] = [copy.deepcopy(item) for _ in range(grow) for item in data[key]]
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return project


def test_record_text_is_printed_as_text(tmp_path: Path) -> None:
    hostile = "{{ 7*7 }} {% raw %} <b>tebal</b> <script>alert(1)</script> "
    project = _single_record_project(tmp_path / "proyek", hostile)
    result = replika(project, "pdf", "--keluaran", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    text = " ".join(text_of(tmp_path / "out" / "praktik" / "l2t2-kendari.pdf").split())
    assert "{{ 7*7 }}" in text and "{% raw %}" in text
    assert "<b>tebal</b>" in text and "<script>alert(1)</script>" in text


def test_pdf_without_built_site_needs_an_output_folder(project: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "milik-orang-lain.txt").write_text("jangan ditimpa", "utf-8")
    result = replika(project, "pdf")
    assert result.returncode == 2
    assert "--keluaran" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "site").iterdir()) == ["milik-orang-lain.txt"]


def test_pdf_reports_invalid_records_without_traceback(project: Path, tmp_path: Path) -> None:
    (project / "practices" / "rusak.yaml").write_text("id: rusak\njudul: [\n", "utf-8")
    result = replika(project, "pdf", "--keluaran", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "rusak.yaml:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_long_record_still_gets_a_two_page_brief(tmp_path: Path) -> None:
    project = _single_record_project(tmp_path / "proyek", grow=4)
    result = replika(project, "pdf", "--keluaran", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    brief = tmp_path / "out" / "praktik" / "l2t2-kendari.pdf"
    assert page_count(brief) == 2
    text = " ".join(text_of(brief).split())
    assert "lagi di versi lengkap" in text  # what was left out is said, with the link
    url = printed_url(Project(project)) + "katalog/praktik/l2t2-kendari/"
    assert url in squeeze(text_of(brief, layout=True))
    # The catalogue keeps everything.
    catalogue = " ".join(text_of(tmp_path / "out" / "katalog-replika.pdf").split())
    assert "lagi di versi lengkap" not in catalogue


def test_pdf_does_not_overwrite_a_foreign_file(tmp_path: Path) -> None:
    project = _single_record_project(tmp_path / "proyek")
    out = tmp_path / "out"
    (out / "praktik").mkdir(parents=True)
    foreign = out / "praktik" / "l2t2-kendari.pdf"
    foreign.write_text("bukan PDF kami", encoding="utf-8")
    result = replika(project, "pdf", "--keluaran", str(out))
    assert result.returncode == 2
    assert "bukan PDF buatan Replika" in result.stderr
    assert foreign.read_text(encoding="utf-8") == "bukan PDF kami"
    assert not (out / "katalog-replika.pdf").exists()


# ----------------------------------------------------------------------------- issue 16


def test_whole_catalogue_is_ordered_by_sector_province_title(
    catalogue_pdf: Path, catalogue: Catalogue
) -> None:
    top = [title for level, title, _page in outline(catalogue_pdf) if level == 1]
    titles = {p.title for p in catalogue.practices}
    printed = [t for t in top if t in titles]
    assert printed == [p.title for p in catalogue_order(catalogue.practices)]
    # The sector order is the vocabulary's; within a sector, provinces alphabetically.
    sectors = [p.sector for p in catalogue_order(catalogue.practices)]
    assert sectors == sorted(sectors, key=list(vocab.SECTORS).index)


def _catalogues(full_build: Path) -> Path:
    return full_build / "site" / "unduh" / "katalog"


def test_one_catalogue_per_sector_with_its_own_cover_contents_and_numbers(
    full_build: Path, catalogue: Catalogue
) -> None:
    for sector, group in catalogue.by_sector().items():
        pdf = _catalogues(full_build) / f"sektor-{sector}.pdf"
        assert pdf.is_file(), sector
        pages = page_count(pdf)
        cover = " ".join(text_of(pdf, 1, 1).split())
        assert f"Katalog sektor {vocab.SECTORS[sector]}" in cover
        assert f"Jumlah praktik: {len(group)}" in cover
        whole = text_of(pdf)
        footers = re.findall(r"Halaman (\d+) dari (\d+)", whole)
        assert {int(total) for _, total in footers} == {pages}
        assert sorted({int(n) for n, _ in footers}) == list(range(2, pages + 1))
        top = {title: page for level, title, page in outline(pdf) if level == 1}
        assert {p.title for p in group} <= set(top)
        others = {p.title for p in catalogue.practices if p.sector != sector}
        assert not others & set(top)
        first = min(top[p.title] for p in group)
        contents = squeeze(text_of(pdf, 2, first - 1))
        for practice in group:
            page = top[practice.title]
            assert squeeze(practice.title) in squeeze(text_of(pdf, page, page))
            entry = re.escape(squeeze(practice.title) + squeeze(practice.origin.region))
            assert re.search(entry + r"\.*" + str(page) + r"(?!\d)", contents)


def test_province_catalogues_from_five_practices_and_download_page(
    full_build: Path, catalogue: Catalogue
) -> None:
    folder = _catalogues(full_build)
    by_province: dict[str, int] = {}
    for practice in catalogue.practices:
        by_province[practice.origin.province] = by_province.get(practice.origin.province, 0) + 1
    expected = {p for p, n in by_province.items() if n >= 5}
    made = {path.name for path in folder.glob("provinsi-*.pdf")}
    assert len(made) == len(expected)
    assert expected, "the example records should give at least one province catalogue"
    page = (full_build / "site" / "unduh" / "index.html").read_text(encoding="utf-8")
    for pdf in [full_build / "site" / "unduh" / "katalog-replika.pdf", *folder.glob("*.pdf")]:
        href = pdf.relative_to(full_build / "site" / "unduh").as_posix()
        row = re.search(rf'<tr><td><a href="{re.escape(href)}"[^>]*>.*?</tr>', page)
        assert row, href
        cells = re.findall(r'<td class="n">([^<]+)</td>', row.group(0))
        assert cells[1] == str(page_count(pdf))  # pages
        assert cells[2].endswith(("KB", "MB"))  # size
    for province in expected:
        pdf = next(folder.glob(f"provinsi-*{province.split()[-1].lower()}*.pdf"))
        cover = " ".join(text_of(pdf, 1, 1).split())
        assert f"Jumlah praktik: {by_province[province]}" in cover


def test_no_placeholder_address_in_any_pdf(full_build: Path) -> None:
    for pdf in (full_build / "site" / "unduh").rglob("*.pdf"):
        if pdf.name.startswith(("katalog", "sektor", "provinsi")) or pdf.parent.name == "praktik":
            assert "example" not in text_of(pdf, 1, 2), pdf


@pytest.fixture(scope="module")
def kendari_brief(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The Kendari brief of a project with a real site address and the new fields filled."""
    project = _single_record_project(tmp_path_factory.mktemp("kendari") / "proyek")
    record = project / "practices" / "l2t2-kendari.yaml"
    data = load_yaml(record.read_text(encoding="utf-8"))
    code = data["sumber"][0]["kode"]
    data["mulai"] = "2016"
    data["status_per"] = "2020-01-23"
    data["instrumen"][0]["penanda_tangan"] = "Penanda Tangan Uji"
    data["kontak"] = [
        {"unit": "Unit Kontak Uji", "telepon": "0401-000-000", "sumber": code},
    ]
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = project / "keluaran"
    result = replika(project, "pdf", "--keluaran", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "praktik" / "l2t2-kendari.pdf", data


def test_brief_carries_what_a_meeting_needs(kendari_brief: tuple[Path, dict]) -> None:
    brief, data = kendari_brief
    assert page_count(brief) <= 2
    text = " ".join(text_of(brief).split())
    for heading in (
        "Ringkasan",
        "Langkah",
        "Instrumen kebijakan",
        "Kontak",
        "Biaya dan tarif",
        "Hasil",
        "Daftar periksa kesiapan",
        "Risiko",
        "Sumber",
    ):
        assert heading in text, heading
    assert "Mulai: 2016" in text
    assert "Status: Masih berjalan (per 23 Januari 2020)" in text
    first = data["instrumen"][0]
    assert "Penanda Tangan Uji" in text
    assert squeeze(first["judul"]) in squeeze(text)
    assert "Unit Kontak Uji" in text and "0401-000-000" in text
    for result in data["hasil"][:3]:
        assert squeeze(result["indikator"]) in squeeze(text)
        assert str(result["tahun"]) in text
    for risk in data["risiko"][:3]:
        assert squeeze(risk) in squeeze(text)


def test_brief_without_start_year_prints_none(tmp_path: Path) -> None:
    project = _single_record_project(tmp_path / "proyek")
    record = project / "practices" / "l2t2-kendari.yaml"
    data = load_yaml(record.read_text(encoding="utf-8"))
    data.pop("mulai", None)
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = replika(project, "pdf", "--keluaran", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    text = " ".join(text_of(tmp_path / "out" / "praktik" / "l2t2-kendari.pdf").split())
    assert "Mulai:" not in text  # no year rather than a wrong one


def test_brief_qr_code_decodes_to_the_page_url(
    kendari_brief: tuple[Path, dict], tmp_path: Path
) -> None:
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg missing: run scripts/setup.sh (zbar-tools)")
    brief, _data = kendari_brief
    image = tmp_path / "halaman"
    rendered = run("pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(brief), str(image))
    assert rendered.returncode == 0, rendered.stderr
    png = next(tmp_path.glob("halaman*.png"))
    decoded = run("zbarimg", "--raw", "-q", str(png))
    assert decoded.returncode == 0, decoded.stderr
    url = SITE + "katalog/praktik/l2t2-kendari/"
    assert decoded.stdout.split() == [url]
    assert url in squeeze(text_of(brief, 1, 1, layout=True))  # and as text


def test_pdf_reports_progress_when_not_on_a_terminal(tmp_path: Path) -> None:
    project = _single_record_project(tmp_path / "proyek")
    # A process of its own: the progress meter writes to the process's stderr, a pipe.
    out = str(tmp_path / "out")
    result = run(sys.executable, "-m", "generator", "pdf", "--keluaran", out, cwd=project)
    assert result.returncode == 0, result.stderr
    # Not a terminal: no bar redrawn with \r, a last line with done/total instead.
    assert "\r" not in result.stderr
    assert re.search(r"^PDF selesai: (\d+)/\1 dalam \d+:\d\d$", result.stderr, re.M)


def test_pdfs_name_the_regions_that_learned_a_practice(
    full_build: Path, catalogue: Catalogue, catalogue_pdf: Path
) -> None:
    """Who learned a practice comes from the learning journeys, in the brief and the catalogue."""
    learned = {p.id: catalogue.journeys_learning(p.id) for p in catalogue.practices}
    assert learned["l2t2-kendari"], "the Kendari → Blitar journey names l2t2-kendari"
    folder = full_build / "site" / "unduh" / "praktik"
    brief = squeeze(text_of(folder / "l2t2-kendari.pdf"))
    assert squeeze("1 daerah belajar dari praktik ini (Kota Blitar)") in brief
    nobody = next(p for p in catalogue.practices if not learned[p.id])
    assert squeeze("belum ada perjalanan belajar yang tercatat") in squeeze(
        text_of(folder / f"{nobody.id}.pdf")
    )
    top = {title: page for level, title, page in outline(catalogue_pdf) if level == 1}
    kendari = catalogue.by_id["l2t2-kendari"]
    page = top[kendari.title]
    spread = squeeze(text_of(catalogue_pdf, page, page + 3))
    assert squeeze("Perjalanan belajar") in spread
    assert squeeze("1 dari 6 sesi terlaksana") in spread


def test_workers_decide_whether_pdfs_are_typeset_in_other_processes() -> None:
    """``write_pdfs(workers=1)`` keeps every job in this process; more workers start a pool."""
    from generator.outputs.pdf.schedule import PARALLEL_FROM, Runner

    alone = Runner(PARALLEL_FROM * 10, workers=1)
    assert alone.pool is None and alone.workers == 0
    assert alone.submit(sum, [1, 2]).result() == 3
    few = Runner(PARALLEL_FROM - 1, workers=2)
    assert few.pool is None  # too few jobs to pay for starting workers
    pooled = Runner(PARALLEL_FROM, workers=2)
    try:
        assert pooled.pool is not None and pooled.workers == 2
        assert pooled.submit(sum, [1, 2]).result() == 3
    finally:
        pooled.close()


ORPHAN_SCRIPT = """
import os, sys, time
from generator.outputs.pdf.schedule import PARALLEL_FROM, Runner

runner = Runner(PARALLEL_FROM, workers=2, niceness=5)
futures = [runner.submit(time.sleep, 120) for _ in range(2)]
while len(runner.pool._processes) < 2:  # both workers started
    time.sleep(0.05)
print(*runner.pool._processes, flush=True)
time.sleep(120)
"""


def test_pdf_workers_end_when_their_build_is_killed() -> None:
    """A killed ``serve``/``build`` left its PDF workers typesetting for minutes, orphaned."""
    proc = subprocess.Popen(
        [sys.executable, "-c", ORPHAN_SCRIPT], stdout=subprocess.PIPE, text=True
    )
    workers: list[int] = []
    try:
        workers += [int(pid) for pid in proc.stdout.readline().split()]  # type: ignore[union-attr]
        assert len(workers) == 2
        deadline = time.monotonic() + 30  # started workers run their initializer first
        while any(os.getpriority(os.PRIO_PROCESS, pid) != 5 for pid in workers):
            assert time.monotonic() < deadline, "the workers did not lower their priority"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        alive = workers
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = [pid for pid in workers if _running(pid)]
        assert not alive, f"orphaned PDF workers still running: {alive}"
    finally:
        proc.kill()
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (not a zombie waiting for its new parent)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
