"""Learning journeys (issue 11): records, pages, and the readiness self-assessment.

The refusals of bad journeys are example files (tests/examples/*/pembelajaran-*);
here: the real records, the CLI message shape, the built pages, and the
self-assessment in Debian's Chromium over http and over file:// in the offline copy.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from site_support import load_yaml, parse, replika, run_main, serve_directory

from generator.outputs.offline import FOLDER_NAME
from generator.project import Project
from generator.stages.validate import check_project
from tests.conftest import ROOT, make_project

BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
    "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip

JOURNEYS = ROOT / "practices" / "pembelajaran"


# ----------------------------------------------------------------------------- records


def test_every_journey_validates_and_no_pair_is_duplicated() -> None:
    checked = check_project(Project(ROOT))
    assert checked.ok, [p.as_text() for p in checked.problems]
    files = sorted(JOURNEYS.glob("*.yaml"))
    assert len(checked.journeys) == len(files) >= 11
    seen: set[tuple[str, str, str]] = set()
    for journey in checked.journeys.values():
        for pid in journey.practices:
            key = (journey.mentor, journey.mentee, pid)
            assert key not in seen, key
            seen.add(key)
    # The migration left no nested replikasi behind.
    assert all(not p.replications for p in checked.practices.values())


def test_kendari_blitar_is_written_from_the_sources() -> None:
    checked = check_project(Project(ROOT))
    journey = checked.journeys["kendari-blitar-2020"]
    assert (journey.mentor, journey.mentee) == ("Kota Kendari", "Kota Blitar")
    assert journey.held == 1 and journey.planned == 6
    assert journey.sessions[0].date == "2020-01-27"
    assert journey.sessions[0].form == "telekonferensi"
    # No source shows later sessions or adoption: no progress status, no outcome.
    assert journey.status not in ("berjalan", "diadopsi")
    assert journey.outcomes == []
    # Sidoti (4 Nov 2019) came before the learning: never its outcome or practice.
    assert "sidoti-blitar" not in journey.practices
    assert any("Sidoti" in gap and "sebelum" in gap for gap in journey.evidence_gaps)
    counts = [
        sum(
            1
            for j in checked.journeys.values()
            if (j.mentor, j.mentee) == ("Kota Kendari", "Kota Blitar")
        )
    ]
    assert counts == [1]


def test_cli_refuses_a_bad_journey_with_place_and_hint(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    example = ROOT / "tests" / "examples" / "valid" / "pembelajaran-contoh"
    shutil.copy(example / "pb-contoh.yaml", root / "practices")
    (root / "practices" / "pembelajaran").mkdir()
    text = (example / "pembelajaran" / "jalan-pembelajaran-contoh.yaml").read_text("utf-8")
    text = text.replace("status: tidak-diketahui", "status: diadopsi")
    text = text.replace("praktik: [pb-contoh]", "praktik: [pb-kontoh]")
    target = root / "practices" / "pembelajaran" / "jalan-pembelajaran-contoh.yaml"
    target.write_text(text, encoding="utf-8")
    result = replika(root, "validate")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    path = "practices/pembelajaran/jalan-pembelajaran-contoh.yaml"
    assert re.search(rf"{path}:7:11: \[journey-practice\] praktik `pb-kontoh`", out), out
    assert "Maksud Anda `pb-contoh`?" in out
    assert re.search(rf"{path}:14:9: \[journey-unsourced\] status `diadopsi`", out), out
    assert "status_sumber" in out


def test_replikasi_in_a_practice_points_to_the_journey_folder(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    text = (ROOT / "tests" / "examples" / "valid" / "contoh-minimal.yaml").read_text("utf-8")
    text = text.replace(
        "tingkat_bukti:",
        "replikasi:\n  - daerah: Kota Kediri\n    mulai: 2020\n    bentuk: lokakarya\n"
        "    tahap: pembelajaran\n    status: tidak-diketahui\n    sumber: [contoh]\n"
        "tingkat_bukti:",
    )
    (root / "practices" / "contoh-minimal.yaml").write_text(text, encoding="utf-8")
    checked = check_project(Project(root))
    rules = [(p.rule, p.line) for p in checked.problems]
    assert rules == [("replication-moved", 26)]
    assert "practices/pembelajaran/" in checked.problems[0].message


# ----------------------------------------------------------------------------- pages


def test_journey_pages_index_practice_and_city_pages(full_build: Path) -> None:
    site = full_build / "site"
    page = (site / "katalog" / "pembelajaran" / "kendari-blitar-2020" / "index.html").read_text()
    assert page.count('class="rp-pb-sesi rp-pb-terlaksana"') == 1
    assert page.count('class="rp-pb-sesi rp-pb-direncanakan"') == 1
    assert "1 dari 6 sesi terlaksana" in page
    assert "Tidak diketahui" in page
    index = parse(site / "katalog" / "pembelajaran" / "index.html")
    files = {p.stem for p in (full_build / "practices" / "pembelajaran").glob("*.yaml")}
    hrefs = [value for _tag, attr, value in index.links if attr == "href"]
    linked = {h.rstrip("/") for h in hrefs if re.fullmatch(r"[a-z0-9-]+/", h)}
    assert files <= linked, files - linked
    practice = (
        site / "katalog" / "praktik" / "uji-coba-l2t2-asn-kendari" / "index.html"
    ).read_text()
    assert "../../pembelajaran/kendari-blitar-2020/" in practice
    assert "Daerah yang mempelajari praktik ini" in practice
    blitar = (site / "katalog" / "daerah" / "kota-blitar" / "index.html").read_text()
    assert "Belajar dari Kota Kendari" in blitar
    kendari = (site / "katalog" / "daerah" / "kota-kendari" / "index.html").read_text()
    assert "Berbagi dengan Kota Blitar" in kendari
    replikasi = (site / "katalog" / "replikasi" / "index.html").read_text()
    assert "../pembelajaran/kendari-blitar-2020/" in replikasi
    method = (site / "pembelajaran-horizontal" / "index.html").read_text()
    assert "Buddy System" in method and "27 Januari 2020" in method


# ----------------------------------------------------------------------------- self-assessment


@pytest.fixture(scope="module")
def offline_copy(full_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("luring-kesiapan")
    with zipfile.ZipFile(full_build / "site" / "unduh" / "replika-luring.zip") as zf:
        zf.extractall(target)
    return target / FOLDER_NAME


def _today() -> str:
    d = dt.date.today()
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def _count(page: object) -> str:
    return page.locator(".rp-kesiapan-hitung").inner_text().strip()  # type: ignore[attr-defined]


def _assess(browser: object, url: str, tmp_path: Path) -> None:
    """Tick, reload, share in a fresh context, print: what a mentee city does."""
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(url)
    boxes = page.locator(".rp-kesiapan input[type=checkbox]")
    total = boxes.count()
    assert total == 6
    assert _count(page) == f"0 dari {total} siap"
    assert page.locator(".rp-kesiapan-hitung").get_attribute("aria-live") == "polite"
    page.locator("#siap-1").check()
    # Keyboard: Tab from the first box reaches the second; Space ticks it.
    page.locator("#siap-1").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "siap-2"
    page.keyboard.press("Space")
    page.locator("#siap-2").uncheck()
    page.locator("#siap-3").check()
    assert _count(page) == f"2 dari {total} siap"
    item2 = page.locator(".rp-kesiapan-butir").nth(1)
    assert "Perlu disiapkan" in item2.inner_text()
    assert item2.locator(".rp-kesiapan-status").inner_text() == "Belum"
    assert page.locator(".rp-kesiapan-butir").nth(0).locator(".rp-kesiapan-siapkan").is_hidden()
    # Kept in the browser: a reload of the plain address shows the same answers.
    page.goto(url)
    assert page.locator("#siap-1").is_checked() and page.locator("#siap-3").is_checked()
    assert not page.locator("#siap-2").is_checked()
    assert _count(page) == f"2 dari {total} siap"
    shared = page.locator(".rp-kesiapan-tautan").get_attribute("href")
    assert shared and shared.endswith("#kesiapan=101000"), shared
    context.close()

    # A colleague opens the link in a fresh browser (no stored answers).
    other = browser.new_context()  # type: ignore[attr-defined]
    page = other.new_page()
    page.add_init_script("window.print = () => { window.__dicetak = true; };")
    page.goto(shared)
    assert page.locator("#siap-1").is_checked() and page.locator("#siap-3").is_checked()
    assert _count(page) == f"2 dari {total} siap"
    page.get_by_role("button", name="Cetak hasil").click()
    assert page.evaluate("window.__dicetak === true")
    page.emulate_media(media="print")
    pdf = tmp_path / "kesiapan.pdf"
    page.pdf(path=str(pdf), format="A4")
    other.close()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", pages.stdout, re.MULTILINE), pages.stdout
    assert "Hasil penilaian kesiapan" in text
    assert f"Dinilai pada {_today()}" in text
    assert f"2 dari {total} siap" in text
    assert "Praktik terkait" not in text and "Cari praktik" not in text  # one page, no nav


def test_self_assessment_over_http(full_build: Path, chromium: object, tmp_path: Path) -> None:
    with serve_directory(full_build / "site") as base:
        _assess(chromium, base + "katalog/praktik/l2t2-kendari/", tmp_path)


def test_self_assessment_in_the_offline_copy(
    offline_copy: Path, chromium: object, tmp_path: Path
) -> None:
    page = offline_copy / "katalog" / "praktik" / "l2t2-kendari" / "index.html"
    assert page.is_file()
    _assess(chromium, page.as_uri(), tmp_path)


def test_practice_template_parts_are_includes() -> None:
    """Reader owns the practice page; journeys adds two include lines only."""
    text = (ROOT / "generator" / "templates" / "praktik.md.j2").read_text("utf-8")
    assert '{% include "_kesiapan.j2" %}' in text
    assert '{% include "_pembelajaran-praktik.j2" %}' in text
    assert "p.replications" not in text


# ----------------------------------------------------------------------------- replika new


def test_new_journey_from_flags_and_questions_never_overwrites(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    shutil.copy(ROOT / "practices" / "l2t2-kendari.yaml", root / "practices")
    shutil.copy(ROOT / "practices" / "uji-coba-l2t2-asn-kendari.yaml", root / "practices")
    flags = ["new", "--pembelajaran", "--no-input", "--mentor", "kendari", "--mentee"]
    made = replika(root, *flags, "Kab. Malang", "--praktik", "l2t2-kendari", "--id", "uji")
    assert made.returncode == 0, made.stderr
    target = root / "practices" / "pembelajaran" / "uji.yaml"
    data = load_yaml(target.read_text("utf-8"))
    assert (data["mentor"], data["mentee"], data["praktik"]) == (
        "Kota Kendari",
        "Kabupaten Malang",
        ["l2t2-kendari"],
    )
    before = target.read_bytes()
    again = replika(root, *flags, "Kab. Malang", "--praktik", "l2t2-kendari", "--id", "uji")
    assert again.returncode == 1 and "tidak akan ditimpa" in again.stderr
    assert target.read_bytes() == before
    wrong = replika(root, *flags, "Kota Blitar", "--praktik", "tidak-ada", "--id", "dua")
    assert wrong.returncode == 2 and "`tidak-ada` tidak ada di `practices/`" in wrong.stderr
    missing = replika(root, "new", "--pembelajaran", "--no-input", "--mentor", "Kota Kendari")
    assert missing.returncode == 2 and "--mentee" in missing.stderr
    # Questions (piped, --interaktif): a wrong practice id is asked again.
    answers = (
        "Kota Kendari\nKota Blitar\nl2t2-kendarii\nl2t2-kendari, uji-coba-l2t2-asn-kendari\n\n"
    )
    asked = run_main(root, "new", "--pembelajaran", "--interaktif", stdin=answers)
    assert asked.returncode == 0, asked.stdout + asked.stderr
    assert "`l2t2-kendarii` tidak ada" in asked.stdout
    year = dt.date.today().year
    draft = load_yaml(
        (root / "practices" / "pembelajaran" / f"kendari-blitar-{year}.yaml").read_text("utf-8")
    )
    assert draft["praktik"] == ["l2t2-kendari", "uji-coba-l2t2-asn-kendari"]
    # The draft's gaps are reported by the validator with places, not a traceback.
    check = replika(root, "validate")
    output = check.stdout + check.stderr
    assert check.returncode == 1 and "Traceback" not in output
    assert f"practices/pembelajaran/kendari-blitar-{year}.yaml:" in output
