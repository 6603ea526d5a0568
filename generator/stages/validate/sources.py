"""Source rules: every source listed once and cited, every citation listed, usable URLs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from generator.problems import Problem, did_you_mean
from generator.rules import Rule
from generator.stages.load import LoadedFile
from generator.stages.load.positions import FieldPath
from generator.stages.validate.raw import as_text, dig, numbered


def check_sources(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    out: list[Problem] = []
    codes: dict[str, int] = {}
    urls: dict[str, int] = {}
    for i, source in numbered(data, "sumber"):
        code, url = as_text(dig(source, "kode")), as_text(dig(source, "url"))
        if code is not None:
            if code in codes:
                out.append(
                    loaded.problem(
                        ("sumber", i, "kode"),
                        Rule.DUPLICATE_SOURCE,
                        f"kode sumber `{code}` dipakai dua kali",
                    )
                )
            codes.setdefault(code, i)
        if url is not None:
            if url in urls:
                out.append(
                    loaded.problem(
                        ("sumber", i, "url"),
                        Rule.DUPLICATE_SOURCE,
                        f"url ini sudah dipakai sumber butir ke-{urls[url] + 1}",
                    )
                )
            urls.setdefault(url, i)
    if not isinstance(data.get("sumber"), list):
        return out  # no list of sources: reported once as a missing or wrong field
    refs = list(_source_refs(data))
    cited = {ref for _loc, ref in refs}
    # A citing list that is missing or broken is reported once; its sources are
    # then not reported again as uncited.
    broken = not isinstance(data.get("linimasa"), list) or any(
        data.get(key) is not None and not isinstance(data.get(key), list)
        for key in (*_SINGLE_SOURCE_LISTS, *_MULTI_SOURCE_LISTS)
    )
    for code, i in codes.items():
        if code not in cited and not broken:
            out.append(
                loaded.problem(
                    ("sumber", i, "kode"),
                    Rule.UNCITED_SOURCE,
                    f"sumber `{code}` tidak dirujuk di bagian mana pun dari catatan ini",
                    f"Tulis `sumber: {code}` pada linimasa, hasil, biaya, instrumen, kontak, "
                    "`lama_penerapan`, perbedaan data atau replikasi yang didukungnya; bila "
                    "sumber ini tidak mendukung apa pun, hapus dari daftar `sumber`.",
                )
            )
    for loc, ref in refs:
        if ref not in codes:
            close = did_you_mean(ref, codes)
            register = "daftarkan di bagian `sumber` paling bawah (kode, judul, penerbit, url)"
            hint = (
                f"Bila salah ketik, maksud Anda `{close}`? Bila ini sumber lain, {register}."
                if close
                else f"Bila ini sumber baru, {register}; bila salah ketik, samakan kodenya."
            )
            out.append(
                loaded.problem(
                    loc,
                    Rule.UNKNOWN_SOURCE,
                    f"sumber `{ref}` tidak ada di daftar `sumber` catatan ini",
                    hint,
                )
            )
    return out


_SINGLE_SOURCE_LISTS = ("linimasa", "instrumen", "hasil", "biaya", "kontak")


_MULTI_SOURCE_LISTS = ("perbedaan_data", "replikasi")


_SINGLE_SOURCE_FIELDS = ("lama_penerapan",)


def _source_refs(data: dict[str, Any]) -> Iterable[tuple[FieldPath, str]]:
    """Every place in the record that cites a source code, with the code."""
    for key in _SINGLE_SOURCE_FIELDS:
        ref = as_text(dig(data, key, "sumber"))
        if ref:
            yield (key, "sumber"), ref
    for key in _SINGLE_SOURCE_LISTS:
        for i, item in numbered(data, key):
            ref = as_text(dig(item, "sumber"))
            if ref:
                yield (key, i, "sumber"), ref
    for key in _MULTI_SOURCE_LISTS:
        for i, item in numbered(data, key):
            refs = dig(item, "sumber")
            for j, ref in enumerate(refs if isinstance(refs, list) else []):
                if isinstance(ref, str):
                    yield (key, i, "sumber", j), ref


_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".bmp")


_YEAR_ARCHIVE = re.compile(r"/(?:19|20)[0-9]{2}/?")


_SOFT_HYPHENS = ("\u00ad", "%c2%ad")


def source_url_problem(url: str) -> tuple[str, str, str] | None:
    """Why ``url`` cannot be a source's address: ``(rule, message, hint)``, or None.

    A source must lead the reader to the page that holds the claim: not to an
    image, a site's front page, a year archive, or an address spoilt by the
    invisible soft hyphens that copying from a web page leaves behind.
    """
    lowered = url.lower()
    if any(mark in lowered for mark in _SOFT_HYPHENS):
        clean = re.sub("\u00ad|%c2%ad", "", url, flags=re.IGNORECASE)
        return (
            Rule.SOURCE_URL_SOFT_HYPHEN,
            "url sumber mengandung tanda hubung lunak (U+00AD, `%C2%AD`) yang tak terlihat",
            f"Salin ulang alamatnya dari bilah alamat peramban; tanpa tanda itu: `{clean}` "
            "(buka dulu untuk memastikan halamannya benar).",
        )
    parsed = urlsplit(url)
    path = parsed.path
    if path.lower().endswith(_IMAGE_SUFFIXES):
        return (
            Rule.SOURCE_URL_IMAGE,
            "url sumber menunjuk ke berkas gambar, bukan ke halaman berita atau dokumen",
            "Buka halaman beritanya dan salin alamat halaman itu; bila tidak ditemukan, "
            "hapus sumber ini beserta klaim yang hanya bersandar padanya.",
        )
    if path in ("", "/") and not parsed.query:
        return (
            Rule.SOURCE_URL_DOMAIN_ONLY,
            f"url sumber hanya nama situs (`{parsed.netloc}`), tanpa halaman",
            "Tulis alamat lengkap halaman yang memuat klaimnya, bukan halaman depan situs.",
        )
    if _YEAR_ARCHIVE.fullmatch(path) and not parsed.query:
        return (
            Rule.SOURCE_URL_YEAR_ARCHIVE,
            f"url sumber adalah arsip tahunan (`{path}`), bukan satu halaman",
            "Buka tulisan yang dimaksud di arsip itu dan salin alamat tulisan tersebut.",
        )
    return None


def check_source_urls(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    out: list[Problem] = []
    for i, source in numbered(data, "sumber"):
        url = as_text(dig(source, "url"))
        found = source_url_problem(url) if url else None
        if found is not None:
            rule, message, hint = found
            out.append(loaded.problem(("sumber", i, "url"), rule, message, hint))
    return out


def _journey_refs(data: dict[str, Any]) -> Iterable[tuple[FieldPath, str]]:
    for i, session in numbered(data, "sesi"):
        ref = as_text(session.get("sumber")) if isinstance(session, dict) else None
        if ref:
            yield ("sesi", i, "sumber"), ref
    for i, outcome in numbered(data, "hasil"):
        ref = as_text(outcome.get("sumber")) if isinstance(outcome, dict) else None
        if ref:
            yield ("hasil", i, "sumber"), ref
    ref = as_text(data.get("status_sumber"))
    if ref:
        yield ("status_sumber",), ref


def check_journey_sources(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    out: list[Problem] = []
    codes: dict[str, int] = {}
    for i, source in numbered(data, "sumber"):
        code = as_text(source.get("kode")) if isinstance(source, dict) else None
        if code is None:
            continue
        if code in codes:
            out.append(
                loaded.problem(
                    ("sumber", i, "kode"),
                    Rule.DUPLICATE_SOURCE,
                    f"kode sumber `{code}` dipakai dua kali",
                )
            )
        codes.setdefault(code, i)
    if not isinstance(data.get("sumber"), list):
        return out
    refs = list(_journey_refs(data))
    cited = {ref for _loc, ref in refs}
    for code, i in codes.items():
        if code not in cited:
            out.append(
                loaded.problem(
                    ("sumber", i, "kode"),
                    Rule.UNCITED_SOURCE,
                    f"sumber `{code}` tidak dirujuk di bagian mana pun dari catatan ini",
                    f"Tulis `sumber: {code}` pada sesi atau hasil yang didukungnya, atau "
                    f"`status_sumber: {code}`; bila tidak mendukung apa pun, hapus dari daftar.",
                )
            )
    for loc, ref in refs:
        if ref not in codes:
            close = did_you_mean(ref, codes)
            out.append(
                loaded.problem(
                    loc,
                    Rule.UNKNOWN_SOURCE,
                    f"sumber `{ref}` tidak ada di daftar `sumber` catatan ini",
                    (f"Maksud Anda `{close}`? " if close else "")
                    + "Daftarkan sumbernya di bagian `sumber` paling bawah (kode, judul, "
                    "penerbit, url).",
                )
            )
    return out
