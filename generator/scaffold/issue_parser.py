"""``replika from-issue``, part one: the Markdown of a rendered issue form as record data.

GitHub renders each answer of the form «Usulan praktik baik»
(:data:`generator.issueform.FORM`) under a ``### Label`` heading;
:func:`parse_issue_body` reads the sections back and :func:`record_from_issue`
turns the answers into record data, collecting every problem by form label.
Nothing here touches the file system (:mod:`generator.scaffold.from_issue`
writes the record). Every parser runs in time linear in its input: the body
is text anyone can submit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from generator import vocab
from generator.issueform import FORM
from generator.problems import safe_line
from generator.scaffold.choices import PROVINCE_OPTIONS, choice_error, match_choice, match_many
from generator.scaffold.fields import check_title, derive_id
from generator.scaffold.regions import Place, find_region, unknown_region_message
from generator.schema import DATE_PATTERN
from generator.slug import slugify

_DATE_RE = re.compile(DATE_PATTERN)
_URL_IN_TEXT = re.compile(r"https?://\S+")

_HEADING = re.compile(r"###[ \t]+(\S.*)")


def parse_issue_body(body: str) -> dict[str, str]:
    """``### Label`` sections of a rendered issue form: label -> answer (``""`` when empty).

    An answer may itself contain a line ``### Judul praktik``; such a forged
    heading must not replace the real section. GitHub renders the form's
    sections in order, each once, so a label counts only the first time it
    appears; a repeated one is text of the answer it stands in. Runs in time
    linear in ``len(body)``.
    """
    sections: dict[str, str] = {}
    label: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = _HEADING.fullmatch(line)
        name = heading.group(1).rstrip() if heading else ""
        if heading and (name in sections or name == label):
            heading = None  # a repeated heading is text of the current answer
        if heading:
            if label is not None:
                sections[label] = _answer("\n".join(lines))
            label, lines = name, []
        elif label is not None:
            lines.append(line)
    if label is not None:
        sections[label] = _answer("\n".join(lines))
    return sections


def _answer(text: str) -> str:
    text = text.strip()
    return "" if text in ("_No response_", "None") else text


@dataclass
class IssueProblem:
    label: str
    message: str

    def __str__(self) -> str:
        # The message may quote an answer: keep it on one inert line.
        return f"«{self.label}»: {safe_line(self.message)}"


def _answer_lines(text: str) -> list[str]:
    """Non-empty lines with list markers (``-``, ``*``, ``1.``) removed."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)", "", line).strip()
        if line and not line.startswith("```"):
            out.append(line)
    return out


_DASH = re.compile(r"(?<=\s)[—–](?=\s)")


def _split(line: str) -> list[str]:
    """``a | b — c`` -> ``["a", "b", "c"]``: split at pipes and at dashes between spaces.

    Linear in ``len(line)``: the former single pattern (``\\s*\\|\\s*|\\s+[—–]\\s+``)
    rescanned a run of spaces from every position (40,000 spaces took 10 s).
    """
    return [part.strip() for piece in line.split("|") for part in _DASH.split(piece)]


def _paragraph(text: str) -> str:
    return " ".join(text.split())


@dataclass
class IssueRecord:
    data: dict[str, Any]
    notes: dict[str, list[str]]
    problems: list[IssueProblem]


Bad = Callable[[str, str], None]  # (form key, message): a problem with one answer


def _answers_by_key(answers: dict[str, str], problems: list[IssueProblem]) -> dict[str, str]:
    """Each form key's answer (``""`` when absent); a missing or empty required one is a problem."""
    value: dict[str, str] = {}
    for item in FORM:
        if item.label not in answers:
            if item.required:
                problems.append(
                    IssueProblem(
                        item.label, "bagian ini tidak ada di teks issue (formulirnya diubah?)"
                    )
                )
            value[item.key] = ""
            continue
        value[item.key] = answers[item.label]
        if item.required and not value[item.key]:
            problems.append(IssueProblem(item.label, "belum diisi"))
    return value


@dataclass
class _Closed:
    """The answers checked against a list: the registry or a vocabulary."""

    region: str = ""
    province: str = ""
    sector: str = ""
    types: list[str] | None = None
    evidence: str = ""
    status: str = ""


def _place_answers(value: dict[str, str], places: Sequence[Place], bad: Bad) -> _Closed:
    """The region (from the registry) and the province, which must agree with it."""
    out = _Closed()
    if value["daerah"]:
        place = find_region(value["daerah"], places)
        if place is None:
            bad("daerah", unknown_region_message(_paragraph(value["daerah"]), places))
        else:
            out.region, out.province = place.name, place.province
    if value["provinsi"]:
        given = match_choice(value["provinsi"], PROVINCE_OPTIONS)
        if given is None:
            bad("provinsi", choice_error(value["provinsi"], PROVINCE_OPTIONS, "provinsi"))
        elif out.province and given != out.province:
            bad("provinsi", f"`{out.region}` ada di provinsi {out.province}, bukan {given}")
        out.province = out.province or given or ""
    return out


def _vocabulary_answer(value: dict[str, str], key: str, options: dict[str, str], bad: Bad) -> str:
    """The slug of a single-choice answer; ``""`` when empty or not one of ``options``."""
    what = {"sektor": "sektor", "tingkat_bukti": "tingkat bukti", "status": "status"}[key]
    slug = match_choice(value[key], options) if value[key] else ""
    if value[key] and slug is None:
        bad(key, choice_error(value[key], options, what))
    return slug or ""


def _closed_answers(value: dict[str, str], places: Sequence[Place], bad: Bad) -> _Closed:
    out = _place_answers(value, places, bad)
    out.sector = _vocabulary_answer(value, "sektor", vocab.SECTORS, bad)
    out.types = match_many(value["jenis"], vocab.PRACTICE_TYPES)
    if value["jenis"] and out.types is None:
        bad("jenis", choice_error(value["jenis"], vocab.PRACTICE_TYPES, "jenis"))
    out.evidence = _vocabulary_answer(value, "tingkat_bukti", vocab.EVIDENCE_LEVELS, bad)
    out.status = _vocabulary_answer(value, "status", vocab.PRACTICE_STATUSES, bad)
    return out


def _dated_answers(value: dict[str, str], status: str, bad: Bad) -> dict[str, str]:
    """``mulai``, ``status_per`` and ``status_keterangan``, each only when given."""
    started = _form_date(value["mulai"], lambda m: bad("mulai", m))
    status_as_of = _form_date(value["status_per"], lambda m: bad("status_per", m))
    if status and status != "tidak-diketahui" and not status_as_of and not value["status_per"]:
        bad("status_per", "wajib diisi karena status praktik bukan «Tidak diketahui»")
    status_note = _paragraph(value["status_keterangan"])
    if status in ("berhenti", "tersendat") and not status_note:
        bad("status_keterangan", "wajib diisi: jelaskan mengapa praktik berhenti atau tersendat")
    found = {"mulai": started, "status_per": status_as_of, "status_keterangan": status_note}
    return {key: text for key, text in found.items() if text}


def _record_data(
    value: dict[str, str],
    title: str,
    closed: _Closed,
    dated: dict[str, str],
    today: dt.date,
    bad: Bad,
) -> dict[str, Any]:
    """The record in the schema's vocabulary; the structured answers are parsed on the way."""
    sources = _parse_sources(value["sumber"], lambda m: bad("sumber", m))
    codes = [s["kode"] for s in sources]
    return {
        "judul": title,
        "id": derive_id(title, closed.region) if title and closed.region else "",
        "ringkasan": _paragraph(value["ringkasan"]),
        "masalah": _paragraph(value["masalah"]),
        "asal": {"daerah": closed.region, "provinsi": closed.province},
        **({"mulai": dated["mulai"]} if "mulai" in dated else {}),
        "sektor": closed.sector,
        "jenis": closed.types or [],
        "linimasa": _parse_timeline(value["linimasa"], codes, lambda m: bad("linimasa", m)),
        "langkah": _answer_lines(value["langkah"]),
        "pelaku": _parse_actors(value["pelaku"], lambda m: bad("pelaku", m)),
        "kontak": _parse_contacts(value["kontak"], codes, lambda m: bad("kontak", m)),
        **_parse_implementation_time(
            value["lama_penerapan"], codes, lambda m: bad("lama_penerapan", m)
        ),
        "hasil": [],
        "pelajaran": _answer_lines(value["pelajaran"]),
        "syarat_keberhasilan": _answer_lines(value["syarat_keberhasilan"]),
        "kesiapan": _answer_lines(value["kesiapan"]),
        "risiko": _answer_lines(value["risiko"]),
        "celah_bukti": _answer_lines(value["celah_bukti"]),
        "tingkat_bukti": closed.evidence,
        "status": closed.status,
        **{k: dated[k] for k in ("status_per", "status_keterangan") if k in dated},
        "diperiksa": today.isoformat(),
        "tag": [t.strip() for t in value["tag"].split(",") if t.strip()],
        "sumber": sources,
    }


def record_from_issue(
    answers: dict[str, str], places: Sequence[Place], today: dt.date
) -> IssueRecord:
    """Turn the form answers into record data; collect every problem by form label."""
    labels = {f.key: f.label for f in FORM}
    problems: list[IssueProblem] = []
    value = _answers_by_key(answers, problems)

    def bad(key: str, message: str) -> None:
        problems.append(IssueProblem(labels[key], message))

    title = _paragraph(value["judul"])
    if title and check_title(title):
        bad("judul", check_title(title) or "")
    closed = _closed_answers(value, places, bad)
    dated = _dated_answers(value, closed.status, bad)
    data = _record_data(value, title, closed, dated, today, bad)
    notes = {"hasil": _answer_lines(value["hasil"])} if value["hasil"] else {}
    return IssueRecord(data, notes, problems)


def _form_date(answer: str, bad: Callable[[str], None]) -> str:
    """A date answer (``2024``, ``2024-05``, ``2024-05-29``) as text; empty when not given."""
    text = _paragraph(answer)
    if not text:
        return ""
    if not _DATE_RE.fullmatch(text):
        bad(f"tanggal `{text}` tidak dikenali; tulis `2024`, `2024-05` atau `2024-05-29`")
        return ""
    return text


def _parse_sources(text: str, bad: Callable[[str], None]) -> list[dict[str, Any]]:
    sources: list[dict[str, Any]] = []
    used: set[str] = set()
    for n, line in enumerate(_answer_lines(text), start=1):
        url_match = _URL_IN_TEXT.search(line)
        if not url_match:
            bad(f"baris {n} tidak memuat alamat web (diawali https://): `{line}`")
            continue
        url = url_match.group(0).rstrip(").,>")
        rest = (line[: url_match.start()] + line[url_match.end() :]).strip()
        parts = [p for p in _split(rest) if p]
        date = next((p for p in parts if _DATE_RE.fullmatch(p)), None)
        parts = [p for p in parts if p != date]
        if len(parts) < 2:
            bad(
                f"baris {n}: tulis `judul | penerbit | tanggal | alamat web` (judul dan penerbit wajib)"
            )
            continue
        title, publisher = parts[0], " ".join(parts[1:])
        base = "-".join(slugify(publisher, empty="").split("-")[:2]) or "sumber"
        base = f"{base}-{date[:4]}" if date else base
        code, k = base, 2
        while code in used:
            code, k = f"{base}-{k}", k + 1
        used.add(code)
        source: dict[str, Any] = {"kode": code, "judul": title, "penerbit": publisher}
        if date:
            source["tanggal"] = date
        source["url"] = url
        sources.append(source)
    return sources


def _parse_timeline(
    text: str, codes: Sequence[str], bad: Callable[[str], None]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, line in enumerate(_answer_lines(text), start=1):
        parts = _split(line)
        if len(parts) == 1:
            head = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*[:\-–—]?\s+(.+)$", line)
            parts = [head.group(1), head.group(2)] if head else parts
        if len(parts) < 2 or not _DATE_RE.fullmatch(parts[0]):
            bad(
                f"baris {n} harus diawali tanggal: `2018-04-22 | peristiwa | nomor sumber` "
                f"(tertulis: `{line}`)"
            )
            continue
        item: dict[str, Any] = {"tanggal": parts[0], "peristiwa": parts[1]}
        if len(parts) > 2 and parts[2]:
            ref = parts[2].strip("[]# ")
            if not ref.isdigit() or not 1 <= int(ref) <= len(codes):
                bad(f"baris {n}: nomor sumber `{parts[2]}` tidak ada di bagian Sumber")
            else:
                item["sumber"] = codes[int(ref) - 1]
        out.append(item)
    return out


def _source_ref(ref: str, codes: Sequence[str]) -> str | None:
    """The source code a form answer's number (``1``, ``[1]``, ``#1``) points at."""
    ref = ref.strip("[]# ")
    return codes[int(ref) - 1] if ref.isdigit() and 1 <= int(ref) <= len(codes) else None


def _contact_detail(part: str) -> str:
    """Which contact field a free-text detail belongs to."""
    if _URL_IN_TEXT.fullmatch(part):
        return "situs"
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", part):
        return "email"
    if re.fullmatch(r"[+()0-9][0-9 ()+.-]{5,}", part):
        return "telepon"
    return "alamat"


def _parse_contacts(
    text: str, codes: Sequence[str], bad: Callable[[str], None]
) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for n, line in enumerate(_answer_lines(text), start=1):
        parts = [p for p in _split(line) if p]
        source = _source_ref(parts[-1], codes) if len(parts) >= 2 else None
        if source is None:
            bad(f"baris {n}: tulis `unit kerja | alamat, telepon, surel atau situs | nomor sumber`")
            continue
        item = {"unit": parts[0]}
        for detail in parts[1:-1]:
            key = _contact_detail(detail)
            item[key] = f"{item[key]}; {detail}" if key in item else detail
        out.append({**item, "sumber": source})
    return out


def _parse_implementation_time(
    text: str, codes: Sequence[str], bad: Callable[[str], None]
) -> dict[str, Any]:
    line = _paragraph(text)
    if not line:
        return {}
    parts = [p for p in _split(line) if p]
    source = _source_ref(parts[-1], codes) if len(parts) >= 2 else None
    if source is None:
        bad("tulis keterangannya lalu nomor sumbernya, mis. `sekitar empat bulan | 1`")
        return {}
    return {"lama_penerapan": {"keterangan": " ".join(parts[:-1]), "sumber": source}}


def _parse_actors(text: str, bad: Callable[[str], None]) -> list[dict[str, str]]:
    out = []
    for n, line in enumerate(_answer_lines(text), start=1):
        parts = [p for p in _split(line) if p]
        if len(parts) < 2:
            bad(f"baris {n}: tulis `nama lembaga | perannya` (tertulis: `{line}`)")
            continue
        out.append({"nama": parts[0], "peran": " ".join(parts[1:])})
    return out
