"""Start a new practice record: ``replika new`` and ``replika from-issue``.

Design (documented for contributors in ``docs/kontribusi/index.md``):

* ``new`` copies ``practices/_templat.yaml`` and fills in what it asked for
  (id, title, city, province, sector, types, date checked, and optionally
  status and evidence level). Every other field keeps its empty value and its
  ``# ISI: ...`` comment. An empty required field is invalid, so the draft
  deliberately does **not** pass ``replika validate`` until a person has filled
  it in: a half-finished record can never reach the site. ``new`` validates the
  draft anyway and sorts the problems: those on ``# ISI`` lines are the list of
  what is left to fill (exit 0); anything else would be a real error, and is
  caught on a temporary copy before the record is written.
* ``from-issue`` reads the Markdown GitHub renders from the issue form
  ``.github/ISSUE_TEMPLATE/usulan-praktik.yml`` (generated from :data:`FORM`
  by ``replika schema``) and writes a complete draft that validates, or names
  the form sections to fix and writes nothing.

Neither command ever overwrites a file: the record is created with ``open(...,
"x")``, so an existing file is left untouched.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import tempfile
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator import vocab
from generator.problems import Problem, did_you_mean, safe_line
from generator.project import Project
from generator.schema import DATE_PATTERN, ID_PATTERN, SCHEMA_URL_FROM_RECORD, Practice
from generator.stages.load import load_file

ISI_MARK = "# ISI"
_ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)
_URL_IN_TEXT = re.compile(r"https?://\S+")
MAX_TITLE = 140

# Words left out of a derived id: they make it longer without telling records apart.
_STOP_WORDS = frozenset(
    [
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "yang",
        "sebagai",
        "oleh",
        "pada",
        "bagi",
        "dalam",
        "dengan",
        "atau",
        "the",
        "of",
        "and",
    ]
)


class ScaffoldError(Exception):
    """A request ``new``/``from-issue`` cannot carry out; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class MissingInput(ScaffoldError):
    """Non-interactive ``new`` without all the required flags."""


# ----------------------------------------------------------------------------- ids


def slugify(text: str) -> str:
    """Kebab-case ASCII: ``"Bank Sampah Digital (Balikpapan)"`` -> ``bank-sampah-digital-balikpapan``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def region_slug(region: str) -> str:
    """``Kota Kendari`` -> ``kendari``; ``Kabupaten Bandung`` -> ``kab-bandung``."""
    slug = slugify(region)
    if slug.startswith("kota-"):
        return slug.removeprefix("kota-")
    if slug.startswith("kabupaten-"):
        return "kab-" + slug.removeprefix("kabupaten-")
    return slug


def derive_id(title: str, region: str, *, max_words: int = 5) -> str:
    """An id from the title and the city: short, readable, ASCII kebab-case.

    The city's own words are dropped from the title (they are appended once at
    the end), and so are filler words like ``dan``/``untuk``.
    """
    place = region_slug(region)
    place_words = set(slugify(region).split("-")) | {"kota", "kabupaten", "kab"}
    words = [
        w for w in slugify(title).split("-") if w and w not in _STOP_WORDS and w not in place_words
    ]
    head = "-".join(words[:max_words])
    return "-".join(part for part in (head, place) if part)


def check_id(value: str) -> str | None:
    """Why ``value`` is not a usable id, or None."""
    if not _ID_RE.fullmatch(value):
        return (
            f"id `{value}` tidak sah: pakai huruf kecil, angka dan tanda hubung saja "
            "(mis. `bank-sampah-balikpapan`)"
        )
    if len(value) > 80:
        return f"id `{value}` terlalu panjang (maksimal 80 karakter)"
    return None


# ----------------------------------------------------------------------------- regions


@dataclass(frozen=True)
class Place:
    name: str
    province: str


def read_regions(project: Project) -> list[Place]:
    """Cities in ``practices/_wilayah.yaml`` (read fresh every time: it may be edited meanwhile)."""
    from generator.stages.checked import RegionRegistry

    loaded = load_file(project.regions_file, project.display(project.regions_file))
    if loaded.data is None:
        first = loaded.problems[0].as_text() if loaded.problems else "berkas tidak terbaca"
        raise ScaffoldError(f"daftar daerah tidak bisa dibaca: {first}", 1)
    try:
        registry = RegionRegistry.model_validate(loaded.data)
    except ValidationError:  # the details are `replika validate`'s job
        raise ScaffoldError(
            "daftar daerah `practices/_wilayah.yaml` tidak valid; jalankan "
            "`replika validate` untuk rinciannya",
            1,
        ) from None
    return [Place(r.name, r.province) for r in registry.regions]


def _region_key(name: str) -> str:
    """``Kab. Bandung`` = ``kabupaten bandung``; ``Kota Jakarta Pusat`` = ``Kota Administrasi ...``."""
    words = name.casefold().replace("kab.", "kabupaten ").split()
    words = ["kabupaten" if w == "kab" else w for w in words]
    return " ".join(w for w in words if w != "administrasi")


def find_region(answer: str, places: Sequence[Place]) -> Place | None:
    """The city meant by ``answer``: exact, case-insensitive, or unique without ``Kota``/``Kabupaten``."""
    wanted = _region_key(answer)
    for place in places:
        if _region_key(place.name) == wanted:
            return place
    bare = [p for p in places if _region_key(p.name).split(" ", 1)[-1] == wanted]
    return bare[0] if len(bare) == 1 else None


def close_regions(answer: str, names: Sequence[str], n: int = 3) -> list[str]:
    """Up to ``n`` registered names closest to ``answer`` (with or without Kota/Kabupaten)."""
    wanted = _region_key(answer)
    keyed = {_region_key(name): name for name in names}
    bare: dict[str, list[str]] = {}
    for key, name in keyed.items():
        bare.setdefault(key.split(" ", 1)[-1], []).append(name)
    found = difflib.get_close_matches(wanted, list(keyed), n=n, cutoff=0.6)
    out = [keyed[k] for k in found]
    for key in difflib.get_close_matches(wanted.split(" ", 1)[-1], list(bare), n=n, cutoff=0.6):
        out.extend(name for name in bare[key] if name not in out)
    return out[:n]


def unknown_region_message(answer: str, places: Sequence[Place], *, suggest: bool = True) -> str:
    """Why ``answer`` is not a known city; ``suggest=False`` when a did-you-mean was already shown."""
    names = [p.name for p in places]
    bare = [p.name for p in places if _region_key(p.name).split(" ", 1)[-1] == _region_key(answer)]
    if len(bare) > 1:
        return f"`{answer}` bisa berarti {' atau '.join(f'`{n}`' for n in bare)}; tulis lengkap."
    close = close_regions(answer, names) if suggest else []
    text = f"daerah `{answer}` tidak ada di daftar kota/kabupaten (`practices/_wilayah.yaml`)."
    if close:
        text += f" Maksud Anda `{close[0]}`?"
    if len(close) > 1:
        text += " Nama lain yang mirip: " + ", ".join(f"`{c}`" for c in close[1:]) + "."
    return (
        text + " Daftar itu memuat semua 514 kota dan kabupaten dengan nama resminya, "
        "diawali `Kota` atau `Kabupaten`."
    )


# ----------------------------------------------------------------------------- choices


def _norm(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).casefold()


def match_choice(answer: str, options: dict[str, str]) -> str | None:
    """The slug for ``answer`` given as slug or label (any case), or None."""
    wanted = _norm(answer)
    for slug, label in options.items():
        if wanted in (_norm(slug), _norm(label)):
            return slug
    return None


def choice_error(answer: str, options: dict[str, str], what: str) -> str:
    close = did_you_mean(answer, list(options)) or did_you_mean(answer, list(options.values()))
    if close in options.values():
        close = next(s for s, label in options.items() if label == close)
    text = f"`{answer}` tidak ada dalam pilihan {what}."
    if close:
        text += f" Maksud Anda `{close}`?"
    if len(options) <= 15:
        text += " Pilihan: " + ", ".join(f"`{s}`" for s in options) + "."
    return text


PROVINCE_OPTIONS: dict[str, str] = {p: p for p in vocab.PROVINCES}


# ----------------------------------------------------------------------------- request


@dataclass
class NewRecord:
    """What ``new`` knows about the record before it writes it."""

    title: str = ""
    region: str = ""
    province: str = ""
    sector: str = ""
    types: list[str] = field(default_factory=list)
    record_id: str = ""
    status: str = ""
    evidence: str = ""


def check_title(title: str) -> str | None:
    if not title.strip():
        return "judul tidak boleh kosong"
    if len(title.strip()) > MAX_TITLE:
        return f"judul terlalu panjang ({len(title.strip())} karakter; maksimal {MAX_TITLE})"
    return None


def resolve_flags(
    raw: NewRecord, project: Project, *, need_all: bool
) -> tuple[NewRecord, list[str]]:
    """Check and normalise the values given as flags.

    Returns the cleaned values and the list of errors (in Indonesian). With
    ``need_all`` a missing required value is an error too (non-interactive mode).
    """
    out = NewRecord()
    errors: list[str] = []
    if raw.title:
        out.title = " ".join(raw.title.split())
        problem = check_title(out.title)
        if problem:
            errors.append(problem)
    elif need_all:
        errors.append('judul belum diberikan: pakai `--judul "..."`')
    if raw.region:
        places = read_regions(project)
        place = find_region(raw.region, places)
        if place is None:
            errors.append(unknown_region_message(raw.region, places))
        else:
            out.region, out.province = place.name, place.province
    elif need_all:
        errors.append('daerah belum diberikan: pakai `--daerah "Kota ..."`')
    if raw.province:
        province = match_choice(raw.province, PROVINCE_OPTIONS)
        if province is None:
            errors.append(choice_error(raw.province, PROVINCE_OPTIONS, "provinsi"))
        elif out.province and province != out.province:
            errors.append(f"`{out.region}` ada di provinsi {out.province}, bukan {province}")
        else:
            out.province = province
    if raw.sector:
        sector = match_choice(raw.sector, vocab.SECTORS)
        if sector is None:
            errors.append(choice_error(raw.sector, vocab.SECTORS, "sektor"))
        out.sector = sector or ""
    elif need_all:
        errors.append("sektor belum diberikan: pakai `--sektor " + "|".join(vocab.SECTORS) + "`")
    for answer in raw.types:
        for part in (p for p in answer.split(",") if p.strip()):
            kind = match_choice(part, vocab.PRACTICE_TYPES)
            if kind is None:
                errors.append(choice_error(part.strip(), vocab.PRACTICE_TYPES, "jenis"))
            elif kind not in out.types:
                out.types.append(kind)
    if not raw.types and need_all:
        errors.append("jenis belum diberikan: pakai `--jenis JENIS` (boleh diulang)")
    for attr, options, what in (
        ("status", vocab.PRACTICE_STATUSES, "status"),
        ("evidence", vocab.EVIDENCE_LEVELS, "tingkat bukti"),
    ):
        given = getattr(raw, attr)
        if given:
            slug = match_choice(given, options)
            if slug is None:
                errors.append(choice_error(given, options, what))
            setattr(out, attr, slug or "")
    if raw.record_id:
        problem = check_id(raw.record_id)
        if problem:
            errors.append(problem)
        out.record_id = raw.record_id
    return out, errors


# ----------------------------------------------------------------------------- interactive


Ask = Callable[[str], str]


class Prompter:
    """Questions in Bahasa Indonesia on stdin/stdout; numbered lists for closed choices."""

    def __init__(self, ask: Ask = input, say: Callable[[str], None] = print) -> None:
        self.ask = ask
        self.say = say

    def text(self, question: str, *, default: str = "", check: Callable[[str], str | None]) -> str:
        suffix = f" [{default}]" if default else ""
        while True:
            answer = " ".join(self.ask(f"{question}{suffix}: ").split()) or default
            problem = check(answer)
            if problem is None:
                return answer
            self.say(f"  ✗ {problem}")

    def choose(
        self,
        question: str,
        options: dict[str, str],
        *,
        what: str,
        many: bool = False,
        optional: bool = False,
        describe: dict[str, str] | None = None,
    ) -> list[str]:
        """One (or with ``many``, several) slugs: by number, slug or label; did-you-mean otherwise."""
        slugs = list(options)
        self.say(f"\n{question}")
        for n, slug in enumerate(slugs, start=1):
            label = options[slug]
            shown = slug if label == slug else f"{slug} — {label}"
            if describe and slug in describe:
                shown += f": {describe[slug]}"
            self.say(f"  {n:>2}. {shown}")
        hint = "nomor atau nama"
        if many:
            hint += ", pisahkan dengan koma untuk lebih dari satu"
        if optional:
            hint += "; Enter untuk mengisinya nanti"
        while True:
            answer = self.ask(f"Pilih ({hint}): ").strip()
            if not answer:
                if optional:
                    return []
                self.say("  ✗ wajib dipilih")
                continue
            parts = [p.strip() for p in answer.split(",")] if many else [answer]
            chosen: list[str] = []
            problem = None
            for part in (p for p in parts if p):
                if part.isdigit() and 1 <= int(part) <= len(slugs):
                    slug = slugs[int(part) - 1]
                elif part.isdigit():
                    problem = f"nomor {part} tidak ada; pilih 1–{len(slugs)}"
                    break
                else:
                    slug = match_choice(part, options)
                if slug is None:
                    problem = choice_error(part, options, what)
                    break
                if slug not in chosen:
                    chosen.append(slug)
            if problem:
                self.say(f"  ✗ {problem}")
            elif chosen:
                return chosen


def ask_missing(request: NewRecord, project: Project, prompter: Prompter) -> NewRecord:
    """Fill in interactively whatever the flags did not give."""
    say = prompter.say
    say("Membuat catatan praktik baru. Tekan Ctrl-C kapan saja untuk membatalkan.")
    if not request.title:
        request.title = prompter.text("\nJudul praktik (sebut nama daerahnya)", check=check_title)
    if not request.region:
        request.province = (
            request.province
            or prompter.choose("Provinsi asal praktik:", PROVINCE_OPTIONS, what="provinsi")[0]
        )
        request.region = _ask_region(request.province, project, prompter)
    if not request.sector:
        request.sector = prompter.choose("Sektor sanitasi:", vocab.SECTORS, what="sektor")[0]
    if not request.types:
        request.types = prompter.choose(
            "Jenis praktik (boleh lebih dari satu):", vocab.PRACTICE_TYPES, what="jenis", many=True
        )
    if not request.evidence:
        picked = prompter.choose(
            "Tingkat bukti:",
            vocab.EVIDENCE_LEVELS,
            what="tingkat bukti",
            optional=True,
            describe=vocab.EVIDENCE_DESCRIPTIONS,
        )
        request.evidence = picked[0] if picked else ""
    if not request.status:
        picked = prompter.choose(
            "Status praktik:", vocab.PRACTICE_STATUSES, what="status", optional=True
        )
        request.status = picked[0] if picked else ""
    if not request.record_id:
        suggested = derive_id(request.title, request.region)

        def usable(value: str) -> str | None:
            return check_id(value) or _exists_problem(project, value)

        request.record_id = prompter.text(
            "\nId catatan (nama berkas; Enter untuk usulan)",
            default=suggested if usable(suggested) is None else "",
            check=usable,
        )
    return request


def _ask_region(province: str, project: Project, prompter: Prompter) -> str:
    while True:
        places = read_regions(project)
        here = [p for p in places if p.province == province]
        if here:
            options = {p.name: p.name for p in here}
            prompter.say(f"\nDaerah asal di {province} (dari practices/_wilayah.yaml):")
            for n, place in enumerate(here, start=1):
                prompter.say(f"  {n:>2}. {place.name}")
            answer = prompter.ask("Pilih (nomor atau nama): ").strip()
            if answer.isdigit() and 1 <= int(answer) <= len(here):
                return here[int(answer) - 1].name
            place = find_region(answer, places) if answer else None
            if place is not None and place.province == province:
                return place.name
            if place is not None:
                prompter.say(
                    f"  ✗ `{place.name}` ada di provinsi {place.province}, bukan {province}"
                )
                continue
            if not answer:
                prompter.say("  ✗ wajib")
                continue
            # One slip, one did-you-mean: the province's own list is searched first,
            # the whole registry only when nothing there comes close.
            nearby = did_you_mean(answer, list(options))
            prompter.say("  ✗ " + choice_error(answer, options, "daerah"))
            prompter.say("    " + unknown_region_message(answer, places, suggest=nearby is None))
        else:
            prompter.say(
                f"\nBelum ada kota/kabupaten di {province} dalam practices/_wilayah.yaml; "
                "daftar itu diperbarui dengan `python3 -m generator.wilayah`. Ketik nama "
                "daerahnya setelah daftar diperbarui (atau Ctrl-C untuk membatalkan)."
            )
            answer = prompter.ask("Nama kota/kabupaten: ").strip()
            place = find_region(answer, read_regions(project)) if answer else None
            if place is not None and place.province == province:
                return place.name
            if answer:
                prompter.say(f"  ✗ `{answer}` belum ada di {province} dalam daftar daerah.")


# ----------------------------------------------------------------------------- writing


def _exists_problem(project: Project, record_id: str) -> str | None:
    path = project.practices_dir / f"{record_id}.yaml"
    if path.exists():
        return (
            f"berkas `{project.display(path)}` sudah ada dan tidak akan ditimpa; "
            "pakai id lain (`--id`) atau sunting berkas itu"
        )
    return None


def yaml_scalar(value: Any) -> str:
    """One value as YAML flow text, quoted only when it must be."""
    # A list is dumped whole, so its items are quoted for flow context too
    # (a tag `a]b` written bare would end the list early).
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def fill_template(template: str, values: dict[tuple[str, ...], Any], display: str) -> str:
    """The template with the lines of ``values``' keys replaced by ``key: value``.

    Keys are found through the strict loader's positions, not by pattern, so a
    reordered template still works; the ``# ISI`` comment of a filled line goes.
    """
    tmp = Path(tempfile.mkdtemp(prefix="replika-templat-")) / "_templat.yaml"
    try:
        tmp.write_text(template, encoding="utf-8")
        loaded = load_file(tmp, display)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.parent.rmdir()
    if loaded.data is None:
        first = loaded.problems[0].as_text() if loaded.problems else ""
        raise ScaffoldError(f"templat catatan rusak: {first}", 3)
    lines = template.splitlines()
    for path, value in values.items():
        node: Any = loaded.data
        for part in path:
            node = node.get(part, _MISSING) if isinstance(node, dict) else _MISSING
        if node is _MISSING:
            raise ScaffoldError(f"templat catatan tidak memuat kolom `{'.'.join(path)}`", 3)
        line, col = loaded.where(path, key=True)
        indent = " " * (col - 1)
        lines[line - 1] = f"{indent}{path[-1]}: {yaml_scalar(value)}"
    return "\n".join(lines) + "\n"


_MISSING = object()


def record_values(request: NewRecord, today: dt.date) -> dict[tuple[str, ...], Any]:
    values: dict[tuple[str, ...], Any] = {
        ("id",): request.record_id,
        ("judul",): request.title,
        ("asal", "daerah"): request.region,
        ("asal", "provinsi"): request.province,
        ("sektor",): request.sector,
        ("jenis",): request.types,
        ("diperiksa",): today.isoformat(),
    }
    if request.status:
        values[("status",)] = request.status
    if request.evidence:
        values[("tingkat_bukti",)] = request.evidence
    return values


@dataclass
class Draft:
    """A record written (or about to be) and what validation said about it."""

    path: Path
    to_fill: list[Problem]
    errors: list[Problem]


def check_draft(project: Project, path: Path, text: str) -> Draft:
    """Validate ``text`` as the record at ``path`` and sort problems into to-fill and errors."""
    from generator.stages.validate import check_project

    checked = check_project(project, [path])
    isi_lines = {n for n, line in enumerate(text.splitlines(), start=1) if ISI_MARK in line}
    to_fill = [p for p in checked.problems if p.line in isi_lines]
    errors = [p for p in checked.problems if p.line not in isi_lines]
    return Draft(path, to_fill, errors)


def write_new(project: Project, record_id: str, text: str) -> Draft:
    """Check the draft on a temporary copy, then create ``practices/<id>.yaml`` (never overwrite)."""
    target = project.practices_dir / f"{record_id}.yaml"
    problem = _exists_problem(project, record_id)
    if problem:
        raise ScaffoldError(problem, 1)
    with tempfile.TemporaryDirectory(prefix="replika-new-") as tmp:
        trial = Path(tmp) / target.name
        trial.write_text(text, encoding="utf-8")
        draft = check_draft(project, trial, text)
    if draft.errors:
        shown = project.display(target)
        return Draft(
            target,
            [replace(p, path=shown) for p in draft.to_fill],
            [replace(p, path=shown) for p in draft.errors],
        )
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(_exists_problem(project, record_id) or str(target), 1) from None
    return check_draft(project, target, text)


def new_record(
    project: Project,
    raw: NewRecord,
    *,
    interactive: bool,
    prompter: Prompter | None = None,
    today: dt.date | None = None,
) -> tuple[NewRecord, Draft]:
    """Everything ``replika new`` does, apart from printing the result."""
    if not project.template_file.is_file():
        raise ScaffoldError(
            f"templat `{project.display(project.template_file)}` tidak ada; "
            "ambil dari repositori Replika",
            2,
        )
    request, errors = resolve_flags(raw, project, need_all=not interactive)
    if any("belum diberikan" in e for e in errors):
        raise MissingInput("\n".join(f"✗ {e}" for e in errors), 2)
    if errors:
        raise ScaffoldError("\n".join(f"✗ {e}" for e in errors), 2)
    if interactive:
        request = ask_missing(request, project, prompter or Prompter())
    if not request.record_id:
        request.record_id = derive_id(request.title, request.region)
        if not request.record_id or check_id(request.record_id):
            raise ScaffoldError(
                "id tidak bisa dibentuk dari judul dan daerah; berikan dengan `--id`", 2
            )
    template = project.template_file.read_text(encoding="utf-8")
    text = fill_template(
        template,
        record_values(request, today or dt.date.today()),
        project.display(project.template_file),
    )
    return request, write_new(project, request.record_id, text)


def describe_draft(project: Project, draft: Draft, text: str) -> str:
    """The report ``new`` prints: what is left to fill and the next steps."""
    shown = project.display(draft.path)
    lines = text.splitlines()
    out = [f"✓ Dibuat: {shown}"]
    if draft.to_fill:
        out.append(
            f"\nMasih {len(draft.to_fill)} kolom wajib yang harus diisi (baris bertanda `# ISI`):"
        )
        for problem in sorted(draft.to_fill):
            source = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
            wanted = source.split(ISI_MARK, 1)[-1].lstrip(":").strip() if ISI_MARK in source else ""
            out.append(
                f"  {shown}:{problem.line}  {problem.field_for_people}"
                + (f" — {wanted}" if wanted else "")
            )
    else:
        out.append("\nSemua kolom wajib sudah terisi.")
    out.append(
        "\nLangkah berikutnya:\n"
        f"  1. Buka {shown} dan isi setiap baris bertanda `# ISI` (arti setiap kolom:\n"
        "     docs/kontribusi/referensi-kolom.md; contoh lengkap: practices/l2t2-kendari.yaml).\n"
        f"  2. Periksa: replika validate {shown}   (ulangi sampai ✓)\n"
        "  3. Lihat halamannya di situs lokal: make serve\n"
        "  4. Kirim lewat pull request dan centang daftar periksanya (lihat CONTRIBUTING.md)."
    )
    return "\n".join(out)


# ----------------------------------------------------------------------------- issue form


@dataclass(frozen=True)
class FormField:
    """One question of the issue form and how its answer becomes record data."""

    key: str  # form element id (also the record field it feeds, mostly)
    label: str
    kind: str  # input | textarea | dropdown
    required: bool
    description: str
    placeholder: str = ""
    options: tuple[str, ...] = ()
    multiple: bool = False


_SEP = "Pisahkan bagian-bagiannya dengan `|`."

FORM: tuple[FormField, ...] = (
    FormField(
        "judul",
        "Judul praktik",
        "input",
        True,
        "Maksimal 140 karakter; sebut nama daerahnya.",
        "Layanan Lumpur Tinja Terjadwal Kota Kendari dengan ASN sebagai pelanggan pertama",
    ),
    FormField(
        "daerah",
        "Kota/kabupaten asal",
        "input",
        True,
        "Nama resmi, diawali Kota atau Kabupaten, seperti di practices/_wilayah.yaml.",
        "Kota Kendari",
    ),
    FormField(
        "provinsi",
        "Provinsi",
        "dropdown",
        True,
        "Provinsi daerah asal.",
        options=tuple(vocab.PROVINCES),
    ),
    FormField(
        "sektor",
        "Sektor",
        "dropdown",
        True,
        "Sektor sanitasi praktik ini.",
        options=tuple(vocab.SECTORS.values()),
    ),
    FormField(
        "jenis",
        "Jenis praktik",
        "dropdown",
        True,
        "Satu atau lebih.",
        options=tuple(vocab.PRACTICE_TYPES.values()),
        multiple=True,
    ),
    FormField(
        "ringkasan",
        "Ringkasan",
        "textarea",
        True,
        "Satu paragraf untuk pembaca yang sibuk: apa praktiknya, siapa pelakunya, apa hasilnya.",
    ),
    FormField(
        "masalah",
        "Masalah yang dipecahkan",
        "textarea",
        True,
        "Masalah dan konteks daerah sebelum praktik ini dimulai.",
    ),
    FormField(
        "mulai",
        "Tahun mulai",
        "input",
        False,
        "Tahun (atau bulan) praktik ini sendiri mulai berjalan, bila sumber menyebutnya: "
        "`2018` atau `2018-04` (boleh kosong).",
        "2018",
    ),
    FormField(
        "linimasa",
        "Linimasa",
        "textarea",
        True,
        "Satu tonggak per baris, dari yang terlama: `tanggal | peristiwa | nomor sumber`. "
        "Tanggal boleh tahun (2018), bulan (2018-04) atau lengkap (2018-04-22); "
        "nomor sumber (urutan di bagian Sumber) boleh dikosongkan.",
        "2018-04-22 | Instruksi Wali Kota tentang layanan lumpur tinja terbit | 1",
    ),
    FormField(
        "langkah",
        "Langkah-langkah",
        "textarea",
        True,
        "Satu langkah per baris, berurutan.",
        "Wali kota menerbitkan instruksi agar ASN berlangganan lebih dulu",
    ),
    FormField(
        "pelaku",
        "Pelaku",
        "textarea",
        True,
        "Satu lembaga per baris: `nama lembaga | perannya`. Jangan tulis nama atau nomor pribadi.",
        "Pokja Sanitasi Kota Kendari | Menggerakkan kebijakan dan memantau target",
    ),
    FormField(
        "kontak",
        "Kontak lembaga",
        "textarea",
        False,
        "Satu kontak per baris: `unit kerja | alamat, telepon kantor, surel atau situs resmi | "
        "nomor sumber`, hanya dari sumber publik; bukan nama atau nomor pribadi (boleh kosong).",
        "Dinas PU Kota Contoh | https://pu.contoh.go.id | 2",
    ),
    FormField(
        "lama_penerapan",
        "Lama penerapan",
        "input",
        False,
        "Berapa lama dari keputusan sampai layanan pertama, dengan nomor sumbernya: "
        "`sekitar empat bulan | 1` (boleh kosong).",
    ),
    FormField(
        "pelajaran",
        "Pelajaran",
        "textarea",
        True,
        "Satu pelajaran per baris.",
    ),
    FormField(
        "kesiapan",
        "Daftar periksa kesiapan",
        "textarea",
        True,
        "Pertanyaan ya/tidak untuk daerah yang ingin meniru, satu per baris.",
        "Apakah kepala daerah bersedia menandatangani instruksi?",
    ),
    FormField(
        "syarat_keberhasilan",
        "Syarat keberhasilan",
        "textarea",
        False,
        "Kondisi yang membuat praktik berhasil, satu per baris (boleh kosong).",
    ),
    FormField(
        "risiko",
        "Risiko",
        "textarea",
        False,
        "Risiko dan kegagalan yang pernah terjadi, satu per baris (boleh kosong).",
    ),
    FormField(
        "celah_bukti",
        "Celah bukti",
        "textarea",
        False,
        "Hal yang belum diketahui atau tidak ditemukan di sumber, satu per baris "
        "(bukan risiko; boleh kosong).",
        "Jumlah pelanggan sesudah 2020 tidak ditemukan.",
    ),
    FormField(
        "hasil",
        "Hasil dan biaya (bebas)",
        "textarea",
        False,
        "Angka hasil, biaya atau tarif beserta tahun dan nomor sumbernya, bebas. "
        "Pengelola akan merapikannya menjadi kolom `hasil` dan `biaya`.",
        "325 ASN terdaftar sebagai pelanggan (2018) [1]",
    ),
    FormField(
        "tingkat_bukti",
        "Tingkat bukti",
        "dropdown",
        True,
        "; ".join(
            f"{label}: {vocab.EVIDENCE_DESCRIPTIONS[s]}"
            for s, label in vocab.EVIDENCE_LEVELS.items()
        ),
        options=tuple(vocab.EVIDENCE_LEVELS.values()),
    ),
    FormField(
        "status",
        "Status praktik",
        "dropdown",
        True,
        "Apakah praktik ini masih berjalan?",
        options=tuple(vocab.PRACTICE_STATUSES.values()),
    ),
    FormField(
        "status_per",
        "Tanggal bukti terbaru untuk status",
        "input",
        False,
        "Tanggal berita atau dokumen terbaru yang menunjukkan status itu: `2024`, `2024-05` "
        "atau `2024-05-29`. Wajib kecuali status «Tidak diketahui».",
        "2024-05",
    ),
    FormField(
        "status_keterangan",
        "Keterangan status",
        "textarea",
        False,
        "Mengapa praktik berhenti atau tersendat (wajib untuk kedua status itu), atau dari "
        "mana status diketahui (boleh kosong bila masih berjalan).",
    ),
    FormField(
        "sumber",
        "Sumber",
        "textarea",
        True,
        "Satu sumber per baris: `judul | penerbit | tanggal | alamat web`. "
        "Tanggal boleh dikosongkan. " + _SEP,
        "LENTERA, Program LLTT Non-Tunai Yang Mudahkan ASN | NAWASIS | 2018-08-15 | "
        "https://nawasis.org/portal/berita/read/-lentera-program-lltt-non-tunai-yang-mudahkan-asn/51501",
    ),
    FormField(
        "tag",
        "Kata kunci",
        "input",
        False,
        "Dipisahkan koma (boleh kosong).",
        "lltt, tangki septik",
    ),
)

FORM_FILE = Path(".github/ISSUE_TEMPLATE/usulan-praktik.yml")


def issue_form_yaml() -> str:
    """The GitHub issue form, generated so its choices always match :mod:`generator.vocab`."""
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": (
                    "Terima kasih! Isi formulir ini untuk mengusulkan praktik baik tanpa menulis "
                    "YAML. Pengelola akan mengubahnya menjadi catatan praktik dengan "
                    "`replika from-issue` dan membuka pull request. Setiap angka perlu sumber: "
                    "tulis sumbernya di bagian **Sumber** dan rujuk nomornya. Jangan tulis data "
                    "pribadi (nama orang, nomor telepon)."
                )
            },
        }
    ]
    for spec in FORM:
        attributes: dict[str, Any] = {"label": spec.label, "description": spec.description}
        if spec.placeholder and spec.kind != "dropdown":
            attributes["placeholder"] = spec.placeholder
        if spec.kind == "dropdown":
            attributes["options"] = list(spec.options)
            if spec.multiple:
                attributes["multiple"] = True
        body.append(
            {
                "type": spec.kind,
                "id": spec.key,
                "attributes": attributes,
                "validations": {"required": spec.required},
            }
        )
    body.append(
        {
            "type": "checkboxes",
            "id": "persetujuan",
            "attributes": {
                "label": "Pernyataan",
                "options": [
                    {
                        "label": "Setiap angka yang saya tulis punya sumber yang bisa dibaca publik.",
                        "required": True,
                    },
                    {
                        "label": "Isi usulan ini boleh diterbitkan dengan lisensi terbuka proyek.",
                        "required": True,
                    },
                ],
            },
        }
    )
    form = {
        "name": "Usulan praktik baik",
        "description": "Usulkan praktik sanitasi yang dapat direplikasi, tanpa menulis YAML.",
        "title": "[Usulan praktik]: ",
        "labels": ["usulan-praktik"],
        "body": body,
    }
    header = (
        "# Dihasilkan oleh `replika schema` dari generator/scaffold.py (FORM) dan\n"
        "# generator/vocab.py. Jangan disunting langsung; `replika schema --check` gagal bila\n"
        "# berkas ini berbeda.\n"
    )
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)


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


def record_from_issue(
    answers: dict[str, str], places: Sequence[Place], today: dt.date
) -> IssueRecord:
    """Turn the form answers into record data; collect every problem by form label."""
    spec = {f.key: f for f in FORM}
    problems: list[IssueProblem] = []
    value: dict[str, str] = {}
    for key, item in spec.items():
        if item.label not in answers:
            if item.required:
                problems.append(
                    IssueProblem(
                        item.label, "bagian ini tidak ada di teks issue (formulirnya diubah?)"
                    )
                )
            value[key] = ""
            continue
        value[key] = answers[item.label]
        if item.required and not value[key]:
            problems.append(IssueProblem(item.label, "belum diisi"))

    def bad(key: str, message: str) -> None:
        problems.append(IssueProblem(spec[key].label, message))

    data: dict[str, Any] = {}
    title = _paragraph(value["judul"])
    data["judul"] = title
    if title and check_title(title):
        bad("judul", check_title(title) or "")

    region = province = ""
    if value["daerah"]:
        place = find_region(value["daerah"], places)
        if place is None:
            bad("daerah", unknown_region_message(_paragraph(value["daerah"]), places))
        else:
            region, province = place.name, place.province
    if value["provinsi"]:
        given = match_choice(value["provinsi"], PROVINCE_OPTIONS)
        if given is None:
            bad("provinsi", choice_error(value["provinsi"], PROVINCE_OPTIONS, "provinsi"))
        elif province and given != province:
            bad("provinsi", f"`{region}` ada di provinsi {province}, bukan {given}")
        province = province or given or ""
    sector = match_choice(value["sektor"], vocab.SECTORS) if value["sektor"] else ""
    if value["sektor"] and sector is None:
        bad("sektor", choice_error(value["sektor"], vocab.SECTORS, "sektor"))
    types = _match_many(value["jenis"], vocab.PRACTICE_TYPES)
    if value["jenis"] and types is None:
        bad("jenis", choice_error(value["jenis"], vocab.PRACTICE_TYPES, "jenis"))
    evidence = (
        match_choice(value["tingkat_bukti"], vocab.EVIDENCE_LEVELS)
        if value["tingkat_bukti"]
        else ""
    )
    if value["tingkat_bukti"] and evidence is None:
        bad(
            "tingkat_bukti",
            choice_error(value["tingkat_bukti"], vocab.EVIDENCE_LEVELS, "tingkat bukti"),
        )
    status = match_choice(value["status"], vocab.PRACTICE_STATUSES) if value["status"] else ""
    if value["status"] and status is None:
        bad("status", choice_error(value["status"], vocab.PRACTICE_STATUSES, "status"))

    started = _form_date(value["mulai"], lambda m: bad("mulai", m))
    status_as_of = _form_date(value["status_per"], lambda m: bad("status_per", m))
    if status and status != "tidak-diketahui" and not status_as_of and not value["status_per"]:
        bad("status_per", "wajib diisi karena status praktik bukan «Tidak diketahui»")
    status_note = _paragraph(value["status_keterangan"])
    if status in ("berhenti", "tersendat") and not status_note:
        bad("status_keterangan", "wajib diisi: jelaskan mengapa praktik berhenti atau tersendat")

    sources = _parse_sources(value["sumber"], lambda m: bad("sumber", m))
    codes = [s["kode"] for s in sources]

    record_id = derive_id(title, region) if title and region else ""
    data.update(
        {
            "id": record_id,
            "judul": title,
            "ringkasan": _paragraph(value["ringkasan"]),
            "masalah": _paragraph(value["masalah"]),
            "asal": {"daerah": region, "provinsi": province},
            **({"mulai": started} if started else {}),
            "sektor": sector or "",
            "jenis": types or [],
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
            "tingkat_bukti": evidence or "",
            "status": status or "",
            **({"status_per": status_as_of} if status_as_of else {}),
            **({"status_keterangan": status_note} if status_note else {}),
            "diperiksa": today.isoformat(),
            "tag": [t.strip() for t in value["tag"].split(",") if t.strip()],
            "sumber": sources,
        }
    )
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


def _match_many(answer: str, options: dict[str, str]) -> list[str] | None:
    """Slugs of a multiple-choice dropdown answer (``"A, B"``; labels never contain commas)."""
    chosen: list[str] = []
    for part in (p.strip() for p in answer.split(",")):
        if not part:
            continue
        slug = match_choice(part, options)
        if slug is None:
            return None
        if slug not in chosen:
            chosen.append(slug)
    return chosen


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
        base = "-".join(slugify(publisher).split("-")[:2]) or "sumber"
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


# ----------------------------------------------------------------------------- YAML text


def _field_order(model: type[Any]) -> list[str]:
    return [f.alias for f in model.model_fields.values() if f.alias]


def dump_record(data: dict[str, Any], notes: dict[str, list[str]] | None = None) -> str:
    """Readable YAML in the order of the schema, long text as folded blocks."""
    lines = [f"# yaml-language-server: $schema={SCHEMA_URL_FROM_RECORD}"]
    for key in _field_order(Practice):
        if key not in data:
            continue
        for note_key, note_lines in (notes or {}).items():
            if note_key == key:
                lines.append(f"# Dari usulan (rapikan menjadi butir `{key}` dengan sumbernya):")
                lines.extend(f"#   {n}" for n in note_lines)
        lines.extend(_dump(key, data[key], 0))
    return "\n".join(lines) + "\n"


def _dump(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out.extend(_dump(k, v, indent + 2))
        return out
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        if all(isinstance(v, str) and len(v) <= 30 for v in value) and key in ("jenis", "tag"):
            return [f"{pad}{key}: {yaml_scalar(value)}"]
        out = [f"{pad}{key}:"]
        for item in value:
            out.extend(_dump_item(item, indent + 2))
        return out
    return _scalar_lines(f"{pad}{key}:", value, indent)


def _dump_item(item: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict):
        out: list[str] = []
        for n, (k, v) in enumerate(item.items()):
            sub = _dump(k, v, indent + 2)
            if n == 0:
                sub[0] = f"{pad}- " + sub[0].lstrip()
            out.extend(sub)
        return out
    return _scalar_lines(f"{pad}-", item, indent)


def _scalar_lines(prefix: str, value: Any, indent: int) -> list[str]:
    if isinstance(value, str) and (len(value) > 70 or ": " in value or " #" in value):
        body = textwrap.wrap(value, width=max(40, 88 - indent - 2), break_on_hyphens=False)
        return [f"{prefix} >-", *(" " * (indent + 2) + line for line in body)]
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        return [f"{prefix} {value}"]  # the strict loader keeps dates as text
    return [f"{prefix} {yaml_scalar(value)}"]


def from_issue(
    project: Project, body: str, *, record_id: str = "", today: dt.date | None = None
) -> Draft:
    """Everything ``replika from-issue`` does, apart from printing."""
    answers = parse_issue_body(body)
    if not answers:
        raise ScaffoldError(
            "teks ini bukan isi issue dari formulir «Usulan praktik baik»: tidak ada judul "
            "bagian `### ...`",
            1,
        )
    issue = record_from_issue(answers, read_regions(project), today or dt.date.today())
    if issue.problems:
        raise ScaffoldError(
            "Usulan belum lengkap; lengkapi bagian berikut di issue (sunting issue-nya), "
            "lalu jalankan lagi:\n" + "\n".join(f"  ✗ {p}" for p in issue.problems),
            1,
        )
    if record_id:
        problem = check_id(record_id)
        if problem:
            raise ScaffoldError(problem, 2)
        issue.data["id"] = record_id
    record_id = issue.data["id"]
    text = dump_record(issue.data, issue.notes)
    draft = write_new(project, record_id, text)
    if draft.errors or draft.to_fill:
        labels = {f.key: f.label for f in FORM}
        labels.update({"asal": labels["daerah"], "id": labels["judul"]})
        lines = []
        for problem in sorted(draft.errors + draft.to_fill):
            top = re.split(r"[.\[]", problem.field or "", maxsplit=1)[0]
            label = labels.get(top, top or "?")
            hint = f" ({problem.hint})" if problem.hint else ""
            lines.append(f"  ✗ «{label}»: {problem.message}{hint}")
        raise ScaffoldError(
            "Usulan belum bisa menjadi catatan yang valid; perbaiki bagian berikut di issue:\n"
            + "\n".join(lines),
            1,
        )
    return draft


def read_body(source: str) -> str:
    """The issue body from a file, or from stdin for ``-``."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScaffoldError(f"berkas `{source}` tidak ada", 2) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ScaffoldError(f"berkas `{source}` tidak bisa dibaca: {err}", 2) from None
