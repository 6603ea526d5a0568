"""Search and pages in a real browser: headless Debian Chromium through Playwright.

The search page reads the static index in ``cari-indeks/`` (generator/outputs/search.py)
with ``assets/cari.js``; unit tests of the index itself are in
``test_search_index.py``.

The session's built site (``site_build``) is served on 127.0.0.1 to the
session's Chromium; every test fails on a console error or a request to
another host. The relevance tables run all queries in one loaded search page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from site_support import records, search_in_page, serve_directory

# Query → a practice expected among the first five results. Root words and
# affixed forms of the same root, acronyms and their long forms.
RELEVANCE: list[tuple[str, str]] = [
    ("kompos", "surabaya-green-and-clean"),
    ("pengomposan", "surabaya-green-and-clean"),
    ("lomba", "surabaya-green-and-clean"),
    ("perlombaan", "surabaya-green-and-clean"),
    ("pipa", "dsdp-denpasar"),
    ("perpipaan", "pd-pal-banjarmasin"),
    ("komunal", "sanimas-denpasar"),
    ("dikelola warga", "sanimas-denpasar"),
    ("kelola makassar", "uptd-pal-makassar"),
    ("mengelola", "sanimas-denpasar"),
    ("tagih", "lampu-jawa-surakarta"),
    ("ditagihkan", "retribusi-sampah-pdam-probolinggo"),
    ("penagihan", "lampu-jawa-surakarta"),
    ("ikat", "uptd-pal-makassar"),
    ("terikat", "uptd-pal-makassar"),
    ("perikatan", "uptd-pal-makassar"),
    ("sedot makassar", "uptd-pal-makassar"),
    ("penyedotan", "lampu-jawa-surakarta"),
    ("jadwal", "uptd-pal-makassar"),
    ("terjadwal", "lltt-terjadwal-malang"),
    ("cicil", "uji-coba-l2t2-asn-kendari"),
    ("dicicil", "l2t2-kendari"),
    ("pengingat", "uptd-pal-makassar"),
    ("disedot", "uptd-pal-makassar"),
    ("dibangun", "sanimas-denpasar"),
    ("menjadwalkan", "lltt-terjadwal-malang"),
    ("dasawisma", "go-ploong-gresik"),
    ("barcode", "lampu-jawa-surakarta"),
    ("LLTT", "l2t2-kendari"),
    ("layanan lumpur tinja terjadwal", "sidoti-blitar"),
    ("ASN", "uji-coba-l2t2-asn-kendari"),
    ("aparatur sipil negara", "l2t2-kendari"),
    ("SANIMAS", "sanimas-denpasar"),
    ("sanitasi oleh masyarakat", "sanimas-denpasar"),
    ("DSDP", "dsdp-denpasar"),
    ("Perda", "slltt-probolinggo"),
    ("UPTD", "uptd-pal-makassar"),
    ("perusahaan daerah air minum", "lampu-jawa-surakarta"),
    ("PDAM", "retribusi-sampah-pdam-probolinggo"),
    ("dikomposkan", "surabaya-green-and-clean"),
    ("penjadwalan", "lltt-terjadwal-malang"),
    ("bank sampah", "bank-sampah-malang"),
    ("pemilahan sampah", "bank-sampah-malang"),
    ("retribusi sampah", "retribusi-sampah-pdam-probolinggo"),
    ("kepala daerah", "advokasi-komitmen-kepala-daerah-kendari"),
    ("pembayaran non tunai", "uji-coba-l2t2-asn-kendari"),
    ("penyedotan lumpur tinja", "lltt-terjadwal-malang"),
    ("sanitasi komunal", "sanimas-denpasar"),
]

# Queries people type on a phone: words still being typed, one or two slipped
# letters (two only from 8 letters), misspelt place names, several words of
# which only some match, and pages that are not practices (cities, provinces,
# glossary terms). Query → a page expected among the first five results, as
# its address inside katalog/ ("praktik/<id>", "daerah/<slug>", "provinsi/#<slug>",
# "glosarium/#<anchor>"), and the corrected query the page must announce
# ("Menampilkan hasil untuk …"), or None when nothing is corrected.
FORGIVING: list[tuple[str, str, str | None]] = [
    # a word being typed
    ("penyedota", "praktik/lampu-jawa-surakarta", None),
    ("kendar", "daerah/kota-kendari", None),
    ("blita", "daerah/kota-blitar", None),
    ("banjarm", "praktik/pd-pal-banjarmasin", None),
    ("surab", "praktik/surabaya-green-and-clean", None),
    ("makas", "praktik/uptd-pal-makassar", None),
    ("probol", "praktik/slltt-probolinggo", None),
    ("denpa", "praktik/dsdp-denpasar", None),
    ("gresi", "praktik/go-ploong-gresik", None),
    ("sidoar", "praktik/twinning-forkalim-sidoarjo", None),
    ("kebum", "praktik/dasar-hukum-lltt-kebumen", None),
    ("pengompo", "praktik/surabaya-green-and-clean", None),
    ("retrib", "praktik/retribusi-sampah-pdam-probolinggo", None),
    ("dasawis", "praktik/go-ploong-gresik", None),
    ("sanim", "praktik/sanimas-denpasar", None),
    ("komun", "praktik/sanimas-denpasar", None),
    ("bank samp", "praktik/bank-sampah-malang", None),
    ("lumpur tinja malang terjad", "praktik/lltt-terjadwal-malang", None),
    # one slipped letter (misspelt place names among them)
    ("banjarmasn", "daerah/kota-banjarmasin", "banjarmasin"),
    ("surabya", "daerah/kota-surabaya", "surabaya"),
    ("retrbusi", "praktik/retribusi-sampah-pdam-probolinggo", "retribusi"),
    ("probolingo", "praktik/slltt-probolinggo", "probolinggo"),
    ("makasar", "daerah/kota-makassar", "makassar"),
    ("denpsaar", "praktik/dsdp-denpasar", "denpasar"),
    ("gersik", "daerah/kabupaten-gresik", "gresik"),
    ("malnag", "praktik/bank-sampah-malang", "malang"),
    ("bljtar", "praktik/sidoti-blitar", "blitar"),
    ("bekais", "praktik/l2t2-aplikasi-bekasi", "bekasi"),
    ("kebumne", "daerah/kabupaten-kebumen", "kebumen"),
    ("pallu", "praktik/tarif-volume-lltt-palu", "palu"),
    ("sanimsa", "praktik/sanimas-denpasar", "sanimas"),
    ("kompso", "praktik/surabaya-green-and-clean", "kompos"),
    ("penydotan", "praktik/lampu-jawa-surakarta", "penyedotan"),
    ("lumpru", "praktik/lltt-terjadwal-malang", "lumpur"),
    # two slipped letters (words of 8 letters or more)
    ("banjarmsn", "praktik/pd-pal-banjarmasin", "banjarmasin"),
    ("porbolingo", "praktik/slltt-probolinggo", "probolinggo"),
    ("prepipan", "praktik/dsdp-denpasar", "perpipaan"),
    ("pengmposna", "praktik/surabaya-green-and-clean", "pengomposan"),
    ("retrubisi", "praktik/retribusi-sampah-pdam-probolinggo", "retribusi"),
    # several words, only some of them match (or match after a correction)
    ("instruksi wali kota kendari", "praktik/instruksi-wali-kota-l2t2-kendari", None),
    ("bank sampah zzzq", "praktik/bank-sampah-malang", None),
    (
        "retribusi sampah probolingo",
        "praktik/retribusi-sampah-pdam-probolinggo",
        "retribusi sampah probolinggo",
    ),
    ("kompos surabya", "praktik/surabaya-green-and-clean", "kompos surabaya"),
    ("sanimas bali xyzw", "praktik/sanimas-denpasar", None),
    ("penyedotan terjadwl malang", "praktik/lltt-terjadwal-malang", "penyedotan terjadwal malang"),
    ("pipa denpasar", "praktik/dsdp-denpasar", None),
    # pages that are not practices
    ("Jawa Timur", "provinsi/#jawa-timur", None),
    ("sulawesi tenggara", "provinsi/#sulawesi-tenggara", None),
    ("IPLT", "glosarium/#iplt", None),
    ("kota kendari", "daerah/kota-kendari", None),
]


def page_key(href: str) -> str:
    """A result link (served or offline, from any folder) → its address inside katalog/."""
    path = re.sub(r"^(\.\./)+|^\./", "", href).replace("index.html", "")
    return path.removeprefix("katalog/").rstrip("/")


FNV_VECTORS = {
    "": 0x811C9DC5,
    "a": 0xE40C292C,
    "foobar": 0xBF9CF968,
    ">kelola": 0x175C9857,
    "Kota Bau-Bau": 0x061570AD,
    "é": 0x1E9DE8C1,
}
"""FNV-1a 32-bit of UTF-8 bytes; the same table is checked in Python (test_search_index)."""


@pytest.fixture(scope="module")
def site(site_build: Path) -> Iterator[tuple[str, Path]]:
    with serve_directory(site_build / "site") as base:
        yield base, site_build


class Watched:
    """A browser page that remembers console errors and requests to other hosts."""

    def __init__(self, chromium: object, base: str) -> None:
        self.context = chromium.new_context(locale="id-ID")  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors: list[str] = []
        self.foreign: list[str] = []
        host = urlsplit(base).netloc
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

        def check(request: object) -> None:
            url = request.url  # type: ignore[attr-defined]
            if urlsplit(url).netloc != host and not url.startswith(("data:", "blob:")):
                self.foreign.append(url)

        # Watched, not intercepted: a route would stop every request of the page
        # for a round trip through this process. Nothing outside 127.0.0.1 can
        # answer here anyway; a request there is still recorded, and fails the test.
        self.page.on("request", check)

    def check(self) -> None:
        """No console error and no request to another host since the last check."""
        errors, foreign = self.errors[:], self.foreign[:]
        self.errors.clear()
        self.foreign.clear()
        assert not errors, errors
        assert not foreign, foreign

    def close(self) -> None:
        self.context.close()
        self.check()


@pytest.fixture(scope="module")
def module_tab(chromium: object, site: tuple[str, Path]) -> Iterator[Watched]:
    """One tab for the module's tests: a new tab costs Chromium a renderer process and a
    cold start of the theme's scripts (measured: 0.5 CPU-s a tab, 0.2 s a page load)."""
    watched = Watched(chromium, site[0])
    yield watched
    watched.close()


@pytest.fixture
def tab(module_tab: Watched) -> Iterator[object]:
    """The module's tab on a blank page; each test opens its own page in it and must
    leave no console error and no request to another host."""
    module_tab.check()
    module_tab.page.goto("about:blank")  # type: ignore[attr-defined]
    yield module_tab.page
    module_tab.check()


def result_ids(page: object) -> list[str]:
    page.wait_for_selector(".rp-cari__status:not(:text('Mencari'))")  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".rp-cari__hasil a", "els => els.map(e => e.getAttribute('href'))"
    )
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def every_result_id(page: object) -> list[str]:
    """The ids of all results, pressing "more" until every result is shown."""
    more = page.locator(".rp-cari__lagi")  # type: ignore[attr-defined]
    for _ in range(50):
        if not more.is_visible():
            break
        shown = len(result_ids(page))
        more.click()
        page.wait_for_function(  # type: ignore[attr-defined]
            "n => document.querySelectorAll('.rp-cari__hasil a').length > n", arg=shown
        )
    return result_ids(page)


def search(page: object, base: str, query: str, **filters: str) -> list[str]:
    params = "&".join([f"q={quote(query)}", *(f"{k}={quote(v)}" for k, v in filters.items())])
    page.goto(f"{base}cari/?{params}")  # type: ignore[attr-defined]
    page.wait_for_selector("[data-rp-cari][data-siap]")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !/Mencari|Ketik/.test(document.querySelector('.rp-cari__status').textContent)"
    )
    return result_ids(page)


def search_again(page: object, query: str) -> list[str]:
    """``query`` on the search page already open in ``page`` (no reload): the result ids."""
    search_in_page(page, [query])
    return result_ids(page)


def test_home_and_practice_page(tab: object, site: tuple[str, Path]) -> None:
    base, project = site
    tab.goto(base)  # type: ignore[attr-defined]
    assert "Replika" in tab.title()  # type: ignore[attr-defined]
    count = len(records(project))
    assert f"{count}\npraktik" in tab.inner_text(".rp-angka-besar")  # type: ignore[attr-defined]
    first = tab.locator(".rp-daftar a[href*='katalog/praktik/']").first  # type: ignore[attr-defined]
    href = first.get_attribute("href")
    first.click()
    pid = href.rstrip("/").rsplit("/", 1)[-1]
    tab.wait_for_url(f"**/katalog/praktik/{pid}/")  # type: ignore[attr-defined]
    assert tab.inner_text("h1") == " ".join(data_title(project, pid).split())  # type: ignore[attr-defined]
    box = tab.inner_text(".rp-ringkas")  # type: ignore[attr-defined]
    assert records(project)[pid]["asal"]["provinsi"] in box
    assert "Terakhir diperiksa" in box
    tab.goto(f"{base}katalog/praktik/l2t2-kendari/")  # type: ignore[attr-defined]
    assert tab.locator("abbr[title='Aparatur Sipil Negara']").count() > 0  # type: ignore[attr-defined]
    assert "Rp400.000" in tab.inner_text("article")  # type: ignore[attr-defined]


def data_title(project: Path, pid: str) -> str:
    return str(records(project)[pid]["judul"])


def test_header_search_form_opens_search_page(tab: object, site: tuple[str, Path]) -> None:
    base, _ = site
    tab.goto(f"{base}katalog/praktik/l2t2-kendari/")  # type: ignore[attr-defined]
    tab.fill("#rp-header-q", "dasawisma")  # type: ignore[attr-defined]
    tab.press("#rp-header-q", "Enter")  # type: ignore[attr-defined]
    tab.wait_for_url("**/cari/?q=dasawisma")  # type: ignore[attr-defined]
    tab.wait_for_selector("[data-rp-cari][data-siap]")  # type: ignore[attr-defined]
    tab.wait_for_selector(".rp-cari__hasil a")  # type: ignore[attr-defined]
    assert result_ids(tab)[0] == "go-ploong-gresik"


def test_affixed_query_and_acronym_find_the_practice(tab: object, site: tuple[str, Path]) -> None:
    base, _ = site
    assert "uptd-pal-makassar" in search(tab, base, "perikatan")[:5]
    assert "l2t2-kendari" in search_again(tab, "LLTT")[:5]


def test_typing_updates_results_and_address(tab: object, site: tuple[str, Path]) -> None:
    base, _ = site
    tab.goto(f"{base}cari/")  # type: ignore[attr-defined]
    tab.wait_for_selector("[data-rp-cari][data-siap]")  # type: ignore[attr-defined]
    tab.fill("#rp-q", "pengomposan")  # type: ignore[attr-defined]
    tab.wait_for_selector(".rp-cari__hasil a")  # type: ignore[attr-defined]
    assert "surabaya-green-and-clean" in result_ids(tab)
    assert tab.url.endswith("/cari/?q=pengomposan")  # type: ignore[attr-defined]


def test_facets_narrow_results(tab: object, site: tuple[str, Path]) -> None:
    base, project = site
    data = records(project)
    unfiltered = search(tab, base, "lumpur tinja")
    tab.select_option("#rp-provinsi", "Jawa Timur")  # type: ignore[attr-defined]
    tab.wait_for_function("() => location.search.includes('provinsi=')")  # type: ignore[attr-defined]
    filtered = result_ids(tab)
    assert filtered and len(filtered) < len(unfiltered)
    assert all(data[pid]["asal"]["provinsi"] == "Jawa Timur" for pid in filtered)
    # the same filtered list from a shared address
    shared = search(tab, base, "lumpur tinja", provinsi="Jawa Timur")
    assert shared == filtered
    by_sector = search(tab, base, "sampah", sektor="Persampahan")
    assert by_sector and all(data[pid]["sektor"] == "persampahan" for pid in by_sector)
    search(tab, base, "", jenis="Kelembagaan")
    by_type = every_result_id(tab)
    assert by_type and all("kelembagaan" in data[pid]["jenis"] for pid in by_type)
    expected = {pid for pid, rec in data.items() if "kelembagaan" in rec["jenis"]}
    assert set(by_type) == expected


def test_relevance(tab: object, site: tuple[str, Path]) -> None:
    base, project = site
    known = set(records(project))
    cases = [(q, pid) for q, pid in RELEVANCE if pid in known]
    assert len(cases) >= 25, "relevance cases need their records"
    misses = []
    tab.goto(f"{base}cari/")  # type: ignore[attr-defined]
    found = search_in_page(tab, [query for query, _ in cases])
    for (query, expected), (hrefs, _status) in zip(cases, found, strict=True):
        top = [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs][:5]
        if expected not in top:
            misses.append(f"{query!r}: {expected} not in {top}")
    assert not misses, "\n".join(misses)


def test_js_hash_and_affix_stripper_match_the_indexer(tab: object, site: tuple[str, Path]) -> None:
    base, _ = site
    tab.goto(f"{base}cari/")  # type: ignore[attr-defined]
    tab.wait_for_selector("[data-rp-cari][data-siap]")  # type: ignore[attr-defined]
    for text, expected in FNV_VECTORS.items():
        assert tab.evaluate("t => window.rpCari.fnv1a(t)", text) == expected, text  # type: ignore[attr-defined]
    strip = "w => window.rpCari.stripAffixes(w)"
    assert "kelola" in tab.evaluate(strip, "pengelolaan")  # type: ignore[attr-defined]
    assert "sedot" in tab.evaluate(strip, "penyedotan")  # type: ignore[attr-defined]
    assert "tagih" in tab.evaluate(strip, "ditagihkan")  # type: ignore[attr-defined]
    assert "pompa" in tab.evaluate(strip, "memompa")  # type: ignore[attr-defined]
    assert "kompos" in tab.evaluate(strip, "dikomposkan")  # type: ignore[attr-defined]


def test_more_results_button_and_multiword_status(tab: object, site: tuple[str, Path]) -> None:
    base, _ = site
    ids = search(tab, base, "lumpur tinja")
    assert len(ids) == 10
    status = tab.inner_text(".rp-cari__status")  # type: ignore[attr-defined]
    total = int(status.split()[0])
    assert total > 10 and "hasil untuk «lumpur tinja»" in status
    tab.click(".rp-cari__lagi")  # type: ignore[attr-defined]
    tab.wait_for_function(  # type: ignore[attr-defined]
        "n => document.querySelectorAll('.rp-cari__hasil li.rp-cari__item').length === n",
        arg=min(total, 20),
    )
    assert len(set(result_ids(tab))) == min(total, 20)
    search_again(tab, "zzzkatayangtidakada")
    assert tab.inner_text(".rp-cari__status").startswith("Tidak ada hasil")  # type: ignore[attr-defined]


def test_search_fetches_only_the_index_from_this_site(
    chromium: object, site: tuple[str, Path]
) -> None:
    base, _ = site
    watched = Watched(chromium, base)
    fetched: list[str] = []
    watched.page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    search(watched.page, base, "penyedotan")
    index = [p for p in fetched if "/cari-indeks/" in p]
    assert any(p.endswith("/manifest.json") for p in index)
    assert any("/s/" in p for p in index) and any("/r/" in p for p in index)
    assert not any(p.endswith("/saring.json") for p in index)  # only fetched for a filter
    watched.close()


# ----------------------------------------------------------------------------- forgiving search


def shown_keys(page: object) -> list[str]:
    page.wait_for_selector("[data-rp-cari][data-siap]")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !/Mencari|Ketik/.test(document.querySelector('.rp-cari__status').textContent)"
    )
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".rp-cari__hasil a", "els => els.map(e => e.getAttribute('href'))"
    )
    return [page_key(h) for h in hrefs]


def check_forgiving(page: object, search_page: str) -> list[str]:
    """Every FORGIVING query through the search page at ``search_page``; the misses."""
    misses = []
    page.goto(search_page)  # type: ignore[attr-defined]
    found = search_in_page(page, [query for query, _, _ in FORGIVING])
    for (query, expected, corrected), (hrefs, status) in zip(FORGIVING, found, strict=True):
        top = [page_key(h) for h in hrefs][:5]
        if expected not in top:
            misses.append(f"{query!r}: {expected} not in {top}")
        announced = f"Menampilkan hasil untuk «{corrected}»" in status
        if corrected is not None and not announced:
            misses.append(f"{query!r}: status {status!r} does not name {corrected!r}")
        if corrected is None and "Menampilkan hasil untuk" in status:
            misses.append(f"{query!r}: corrected although nothing was wrong: {status!r}")
    return misses


def test_forgiving_relevance(tab: object, site: tuple[str, Path]) -> None:
    base, _ = site
    assert len(FORGIVING) >= 40
    misses = check_forgiving(tab, f"{base}cari/")
    assert not misses, "\n".join(misses)


@pytest.fixture(scope="module")
def offline_copy(site: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    import zipfile

    from generator.outputs.offline import FOLDER_NAME, build_offline_copy

    _, project = site
    folder = tmp_path_factory.mktemp("luring-cari")
    archive = build_offline_copy(project / "site", folder / "luring.zip")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(folder)
    return folder / FOLDER_NAME


def test_forgiving_relevance_offline_over_file_urls(chromium: object, offline_copy: Path) -> None:
    watched = Watched(chromium, offline_copy.as_uri())
    page = watched.page
    misses = check_forgiving(page, (offline_copy / "cari" / "index.html").as_uri())
    assert not misses, "\n".join(misses)
    # a province result opens the province page at its section, not a folder listing
    page.goto((offline_copy / "cari" / "index.html").as_uri() + "?q=jawa%20timur")
    link = page.locator(".rp-cari__hasil a").first
    assert link.get_attribute("href").endswith("katalog/provinsi/index.html#jawa-timur")
    # the header box suggests over file:// too
    page.goto((offline_copy / "katalog" / "praktik" / "l2t2-kendari" / "index.html").as_uri())
    page.fill("#rp-header-q", "surabya")
    page.wait_for_selector(".rp-header-cari__saran:not([hidden]) [role=option]")
    assert "Menampilkan hasil untuk «surabaya»" in page.inner_text(".rp-header-cari__saran")
    watched.close()


def test_results_mark_words_and_separate_partial_matches(
    tab: object, site: tuple[str, Path]
) -> None:
    base, _ = site
    search(tab, base, "instruksi wali kota")
    items = tab.locator(".rp-cari__hasil > li")  # type: ignore[attr-defined]
    classes = items.evaluate_all("els => els.map(e => e.className)")
    assert classes.count("rp-cari__pemisah") == 1
    cut = classes.index("rp-cari__pemisah")
    assert cut > 0
    assert "sebagian kata" in items.nth(cut).inner_text()
    status = tab.inner_text(".rp-cari__status")  # type: ignore[attr-defined]
    assert f"({cut} memuat semua kata)" in status
    for n in range(cut):
        marks = {m.lower() for m in items.nth(n).locator("mark").all_inner_texts()}
        for word in ("instruksi", "wali", "kota"):  # the word or an affixed form of it
            assert any(word in m for m in marks), (n, word, marks)
    first_title = items.nth(0).locator("h2 mark").all_inner_texts()
    assert first_title, "the title marks the matched words"
    # affixed forms are marked too
    search_again(tab, "kelola")
    marks = tab.locator(".rp-cari__hasil li.rp-cari__item mark").all_inner_texts()  # type: ignore[attr-defined]
    assert any(m.lower() != "kelola" and "elola" in m.lower() for m in marks), marks


def test_every_kind_of_page_is_labelled(tab: object, site: tuple[str, Path]) -> None:
    base, _ = site
    keys = search(tab, base, "kendari")
    labels = tab.locator(".rp-cari__hasil .rp-cari__jenis").all_inner_texts()  # type: ignore[attr-defined]
    assert "Daerah" in labels and "Praktik" in labels
    search(tab, base, "IPLT")
    first = tab.locator(".rp-cari__hasil li.rp-cari__item").first  # type: ignore[attr-defined]
    assert first.locator(".rp-cari__jenis").inner_text() == "Istilah"
    first.locator("a").click()
    tab.wait_for_url("**/katalog/glosarium/#iplt")  # type: ignore[attr-defined]
    assert tab.locator("dt#iplt").count() == 1  # type: ignore[attr-defined]
    search(tab, base, "sulawesi tenggara")
    assert tab.locator(".rp-cari__hasil .rp-cari__jenis").first.inner_text() == "Provinsi"  # type: ignore[attr-defined]
    # a learning journey: mentor and mentee named together find it near the top
    search(tab, base, "blitar belajar dari kendari")
    items = tab.locator(".rp-cari__hasil li.rp-cari__item")  # type: ignore[attr-defined]
    top = [
        (
            items.nth(i).locator(".rp-cari__jenis").inner_text(),
            items.nth(i).locator("a").get_attribute("href"),
        )
        for i in range(min(3, items.count()))
    ]
    assert any(
        kind == "Perjalanan belajar" and "/katalog/pembelajaran/kendari-blitar-2020/" in href
        for kind, href in top
    ), top
    assert keys  # kendari found pages at all


def test_typing_keeps_the_layout_and_arrows_walk_the_results(
    tab: object, site: tuple[str, Path]
) -> None:
    base, _ = site
    tab.goto(f"{base}cari/")  # type: ignore[attr-defined]
    tab.wait_for_selector("[data-rp-cari][data-siap]")  # type: ignore[attr-defined]
    tab.type("#rp-q", "sanim", delay=30)  # type: ignore[attr-defined]
    tab.wait_for_selector(".rp-cari__hasil a")  # type: ignore[attr-defined]
    assert tab.url.endswith("/cari/?q=sanim")  # type: ignore[attr-defined]
    top = tab.locator(".rp-cari__hasil").bounding_box()["y"]  # type: ignore[attr-defined]
    tab.type("#rp-q", "as kota", delay=30)  # type: ignore[attr-defined]
    tab.wait_for_function("() => location.search === '?q=sanimas+kota'")  # type: ignore[attr-defined]
    tab.wait_for_function(  # type: ignore[attr-defined]
        "() => /hasil untuk «sanimas kota»/.test(document.querySelector('.rp-cari__status').textContent)"
    )
    assert tab.locator(".rp-cari__hasil").bounding_box()["y"] == top  # type: ignore[attr-defined]
    tab.press("#rp-q", "ArrowDown")  # type: ignore[attr-defined]
    links = tab.locator(".rp-cari__hasil a")  # type: ignore[attr-defined]
    focused = "() => document.activeElement.getAttribute('href')"
    assert tab.evaluate(focused) == links.nth(0).get_attribute("href")  # type: ignore[attr-defined]
    tab.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    assert tab.evaluate(focused) == links.nth(1).get_attribute("href")  # type: ignore[attr-defined]
    tab.keyboard.press("Escape")  # type: ignore[attr-defined]
    assert tab.evaluate("() => document.activeElement.id") == "rp-q"  # type: ignore[attr-defined]


def test_header_box_suggests_while_typing(tab: object, site: tuple[str, Path]) -> None:
    base, _ = site
    tab.goto(f"{base}katalog/praktik/l2t2-kendari/")  # type: ignore[attr-defined]
    heading = tab.locator("h1").first.bounding_box()  # type: ignore[attr-defined]
    tab.type("#rp-header-q", "blita", delay=30)  # type: ignore[attr-defined]
    panel = ".rp-header-cari__saran:not([hidden])"
    tab.wait_for_selector(f"{panel} [role=option]")  # type: ignore[attr-defined]
    # the suggestions float over the page: nothing below them moves
    assert tab.locator("h1").first.bounding_box() == heading  # type: ignore[attr-defined]
    options = tab.locator(f"{panel} [role=option]")  # type: ignore[attr-defined]
    assert "Kota Blitar" in options.nth(0).inner_text()
    assert options.nth(0).locator("mark").inner_text() == "Blitar"
    assert tab.get_attribute("#rp-header-q", "aria-expanded") == "true"  # type: ignore[attr-defined]
    tab.press("#rp-header-q", "ArrowDown")  # type: ignore[attr-defined]
    assert options.nth(0).get_attribute("aria-selected") == "true"
    tab.press("#rp-header-q", "Enter")  # type: ignore[attr-defined]
    tab.wait_for_url("**/katalog/daerah/kota-blitar/")  # type: ignore[attr-defined]
    # Enter with nothing chosen opens the search page with every result
    tab.type("#rp-header-q", "makasar", delay=30)  # type: ignore[attr-defined]
    tab.wait_for_selector(f"{panel} [role=option]")  # type: ignore[attr-defined]
    assert "Menampilkan hasil untuk «makassar»" in tab.inner_text(panel)  # type: ignore[attr-defined]
    tab.press("#rp-header-q", "Escape")  # type: ignore[attr-defined]
    assert tab.locator(panel).count() == 0  # type: ignore[attr-defined]
    tab.press("#rp-header-q", "Enter")  # type: ignore[attr-defined]
    tab.wait_for_url("**/cari/?q=makasar")  # type: ignore[attr-defined]
    assert "daerah/kota-makassar" in shown_keys(tab)[:5]


def test_first_result_on_the_first_screen_of_a_phone(
    chromium: object, site: tuple[str, Path]
) -> None:
    base, _ = site
    watched = Watched(chromium, base)
    watched.page.set_viewport_size({"width": 390, "height": 844})
    search(watched.page, base, "instruksi wali kota")
    first = watched.page.locator(".rp-cari__hasil li.rp-cari__item").first.bounding_box()
    assert first is not None and first["y"] + 60 <= 844, first
    help_box = watched.page.locator("details.rp-cari__bantuan")
    assert help_box.get_attribute("open") is None  # folded
    below = watched.page.evaluate(
        "() => document.querySelector('.rp-cari__hasil').compareDocumentPosition("
        "document.querySelector('.rp-cari__bantuan')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert below, "the help comes after the results"
    watched.page.locator("details.rp-cari__bantuan summary").click()
    assert "salinan luring" in help_box.inner_text()
    width = watched.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling"
    watched.close()


def test_every_result_address_exists_in_the_built_site(site: tuple[str, Path]) -> None:
    import json as json_module

    _, project = site
    built = project / "site"
    index = built / "cari-indeks"
    folder = index / json_module.loads((index / "terkini.json").read_text())["indeks"]
    manifest = json_module.loads((folder / "manifest.json").read_text())
    kinds = set()
    per = manifest["baris_per_berkas"]
    for n in range((manifest["dokumen"] + per - 1) // per):
        for _title, url, _summary, _detail, kind in json_module.loads(
            (folder / "r" / f"{n}.json").read_text()
        ):
            kinds.add(kind)
            path, _, anchor = url.partition("#")
            page = built / path / "index.html"
            assert page.is_file(), url
            if anchor:
                assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), url
    assert kinds == {"praktik", "daerah", "provinsi", "istilah", "perjalanan"}
