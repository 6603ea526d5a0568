"""Stage 2: check every record against the schema and against each other.

Everything is read and checked before anything is reported, so one run lists
every problem in every file. Messages are in plain Bahasa Indonesia, each with
the field path and a hint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.dates import date_hint
from generator.limits import MARKDOWN_FIELDS, markdown_excess, word_excess
from generator.problems import Problem, did_you_mean, suggestion
from generator.project import Project
from generator.regionnames import close_regions
from generator.schema import DATE_PATTERN, ID_PATTERN, Practice, _check_date
from generator.slug import slugify
from generator.stages.journey import JOURNEY_DIR_NAME, Journey, check_journeys, journey_dir
from generator.stages.load import LoadedFile, load_file
from generator.stages.load.positions import FieldPath, format_field
from generator.stages.load.reader import Unsafe, read_limited
from generator.vocab import PRACTICE_STATUSES, PROVINCES

_DATE_RE = re.compile(DATE_PATTERN)
ModelT = TypeVar("ModelT", bound=BaseModel)


class Region(BaseModel):
    """One kota/kabupaten in the registry ``practices/_wilayah.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(alias="nama", min_length=4)
    province: str = Field(alias="provinsi")
    # Kemendagri code, e.g. "73.71" (Kota Makassar); see generator/wilayah.py.
    code: str | None = Field(default=None, alias="kode", pattern=r"^\d{2}\.\d{2}$")
    # Coordinates only place a region on the map; a region may be registered
    # without them rather than with guessed numbers.
    latitude: float | None = Field(default=None, alias="lintang", ge=-11.5, le=6.5)
    longitude: float | None = Field(default=None, alias="bujur", ge=94.5, le=141.5)

    @property
    def kind(self) -> str:
        """``Kota`` or ``Kabupaten``."""
        return self.name.split(" ", 1)[0]


class Province(BaseModel):
    """One of the 38 provinces, with its Kemendagri code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(alias="kode", pattern=r"^\d{2}$")
    name: str = Field(alias="nama")


class RegionRegistry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    provinces: list[Province] = Field(default_factory=list, alias="provinsi")
    regions: list[Region] = Field(alias="daerah", min_length=1)


@dataclass
class Checked:
    """What validation produced: good records, their files, and every problem."""

    practices: dict[str, Practice] = field(default_factory=dict)
    files: dict[str, LoadedFile] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    journeys: dict[str, Journey] = field(default_factory=dict)
    journey_files: dict[str, LoadedFile] = field(default_factory=dict)
    known_ids: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems


def record_paths(project: Project) -> tuple[list[Path], list[Problem]]:
    """Every record file in ``practices/``, and problems with stray files there."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(project.practices_dir.iterdir()):
        if path.name.startswith("_") or path.name in _IGNORED_NAMES:
            continue
        if path.name == JOURNEY_DIR_NAME and path.is_dir() and not path.is_symlink():
            continue  # learning journeys: generator.stages.journey reads them
        if path.suffix == ".yaml" and not path.name.startswith(".") and _plain_file(path):
            paths.append(path)  # the common case: no display name needed
            continue
        shown = project.display(path)
        if path.is_symlink() or not (path.is_dir() or _plain_file(path)):
            problems.append(_unsafe_problem(path, shown))
        elif path.name.startswith(".") and path.suffix in (".yaml", ".yml"):
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "stray-file",
                    "nama berkas diawali titik, jadi berkas ini tersembunyi dan tidak dibaca",
                    hint=f"Ganti nama menjadi `{path.name.lstrip('.')}` (tanpa titik di depan).",
                )
            )
        elif path.name.startswith("."):
            continue  # editor and system files (.DS_Store, .gitkeep, swap files)
        elif path.is_dir():
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "stray-file",
                    "folder tidak boleh ada di `practices/`",
                    hint="Semua catatan praktik langsung di `practices/`, satu berkas per praktik.",
                )
            )
        elif path.suffix == ".yml":
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "stray-file",
                    "akhiran berkas harus `.yaml`, bukan `.yml`",
                    hint=f"Ganti nama menjadi `{path.stem}.yaml`.",
                )
            )
        elif path.suffix != ".yaml":
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "stray-file",
                    "berkas ini bukan catatan praktik (`.yaml`)",
                    hint="Pindahkan keluar dari `practices/`, atau awali namanya dengan `_`.",
                )
            )
    return paths, problems


_IGNORED_NAMES = frozenset({".gitkeep", ".DS_Store"})


def _plain_file(path: Path) -> bool:
    """A regular file reached without a symbolic link (one ``lstat``)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _unsafe_problem(path: Path, shown: str) -> Problem:
    """A link or special file in ``practices/``: reported, never opened."""
    try:
        read_limited(path, 0)
        message, rule, hint = "berkas ini tidak bisa dibaca dengan aman", "not-a-file", ""
    except Unsafe as err:
        message, rule, hint = err.message, err.rule, err.hint
    except OSError as err:
        message, rule, hint = f"berkas tidak bisa dibaca: {err.strerror}", "file-unreadable", ""
    return Problem(shown, 0, 0, rule, message, hint=hint)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during bulk loading.

    Loading allocates hundreds of thousands of short-lived, acyclic objects;
    the collector would scan the growing heap again and again (measured: ~35%
    of validation time at 1,000 records). Reference counting still frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class RecordCache:
    """Per-file results of reading and schema-checking, reused while a file is unchanged.

    ``replika serve`` keeps one across regenerations so that a save re-reads
    only the files whose bytes changed. Entries map a resolved path to the
    digest of the bytes read, the loaded file (schema problems included) and
    the practice. Cross-record checks are never cached.
    """

    entries: dict[Path, tuple[str, LoadedFile, Practice | None]] = field(default_factory=dict)


def check_project(
    project: Project, only: Sequence[Path] | None = None, *, cache: RecordCache | None = None
) -> Checked:
    """Validate every record (or only ``only``); see :func:`_check_project`."""
    with _gc_paused():
        return _check_project(project, only, cache)


def _load_checked(
    path: Path, resolved: Path, display: str, cache: RecordCache | None
) -> tuple[LoadedFile, Practice | None]:
    """Load and schema-check one file, or reuse the cached result for the same bytes."""
    if cache is None:
        loaded = load_file(path, display)
        return loaded, _check_schema(loaded)
    try:
        digest = hashlib.blake2b(read_limited(path), digest_size=20).hexdigest()
    except (OSError, Unsafe):
        digest = ""  # unreadable: load_file reports it; never cached
    entry = cache.entries.get(resolved)
    if digest and entry is not None and entry[0] == digest and entry[1].path == path:
        return entry[1], entry[2]
    loaded = load_file(path, display)
    practice = _check_schema(loaded)
    if digest:
        cache.entries[resolved] = (digest, loaded, practice)
    else:
        cache.entries.pop(resolved, None)
    return loaded, practice


def _check_project(
    project: Project, only: Sequence[Path] | None, cache: RecordCache | None = None
) -> Checked:
    """Validate every record (or only ``only``), with cross-record checks against all.

    Cross-record checks read the raw data, so a record with schema errors still
    gets its unknown cities, dangling references and unordered timeline
    reported in the same run.
    """
    checked = Checked()
    checked.regions = _load_regions(project, checked.problems)
    paths, stray = record_paths(project)
    journey_targets: list[Path] | None = None
    if only is None:
        checked.problems.extend(stray)
        targets = paths
    else:
        folder = journey_dir(project).resolve()
        journey_targets = [p for p in only if p.resolve().parent == folder]
        targets = [p for p in only if p.resolve().parent != folder]
    # Resolve each path once (a resolve is one lstat per path component).
    root = project.root.resolve()
    resolved = {p: p.resolve() for p in [*paths, *targets]}
    wanted = {resolved[p] for p in targets}
    everything = sorted({resolved[p]: p for p in [*paths, *targets]}.values(), key=lambda p: p.name)
    results = [
        _load_checked(path, resolved[path], _display(path, resolved[path], root), cache)
        for path in everything
    ]
    if cache is not None and only is None:
        current = {resolved[path] for path in everything}
        for gone in set(cache.entries) - current:
            del cache.entries[gone]
    loaded_files = [loaded for loaded, _practice in results]
    known_ids = {f.path.stem for f in loaded_files} | {
        f.data["id"] for f in loaded_files if f.data and isinstance(f.data.get("id"), str)
    }
    owner_of_id: dict[str, LoadedFile] = {}
    for loaded, practice in results:
        reporting = resolved[loaded.path] in wanted if only is not None else True
        if reporting:
            checked.problems.extend(loaded.problems)
            if loaded.data is not None:
                # One message per mistake: a field the schema already reported is
                # not reported again by a check that depends on its value.
                taken = {p.field for p in loaded.problems if p.field}
                checked.problems.extend(
                    p
                    for p in _check_record(loaded.data, loaded, checked, known_ids)
                    if p.field not in taken
                )
        raw_id = loaded.data.get("id") if loaded.data else None
        if isinstance(raw_id, str):
            if raw_id in owner_of_id:
                if reporting:
                    checked.problems.append(
                        loaded.problem(
                            ("id",),
                            "duplicate-id",
                            f"id `{raw_id}` sudah dipakai {owner_of_id[raw_id].display}",
                        )
                    )
                continue
            owner_of_id[raw_id] = loaded
        if practice is not None:
            checked.practices[practice.id] = practice
            checked.files[practice.id] = loaded
    checked.problems.extend(
        _check_unique_titles(loaded_files, wanted if only is not None else None)
    )
    checked.known_ids = known_ids
    check_journeys(project, checked, journey_targets)
    checked.problems.sort()
    return checked


def _display(path: Path, resolved: Path, root: Path) -> str:
    """``Project.display(path)`` given ``path.resolve()`` and the resolved project root."""
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return str(path)


# ----------------------------------------------------------------------------- registry


def _load_regions(project: Project, problems: list[Problem]) -> dict[str, Region]:
    path = project.regions_file
    if not path.exists():
        problems.append(
            Problem(
                project.display(path),
                0,
                0,
                "regions-missing",
                "daftar daerah `practices/_wilayah.yaml` tidak ada",
            )
        )
        return {}
    loaded = load_file(path, project.display(path))
    problems.extend(loaded.problems)
    if loaded.data is None:
        return {}
    try:
        registry = RegionRegistry.model_validate(loaded.data)
    except ValidationError as err:
        problems.extend(_schema_problems(err, loaded, RegionRegistry))
        return {}
    for i, province in enumerate(registry.provinces):
        if province.name not in PROVINCES:
            problems.append(
                loaded.problem(
                    ("provinsi", i, "nama"),
                    "unknown-province",
                    f"provinsi `{province.name}` tidak dikenal",
                    suggestion(province.name, PROVINCES),
                )
            )
    regions: dict[str, Region] = {}
    by_slug: dict[str, str] = {}
    for i, region in enumerate(registry.regions):
        slug = slugify(region.name)
        if by_slug.get(slug, region.name) != region.name:
            problems.append(
                loaded.problem(
                    ("daerah", i, "nama"),
                    "duplicate-region",
                    f"daerah `{region.name}` dan `{by_slug[slug]}` akan berbagi satu halaman "
                    f"(`katalog/daerah/{slug}/`)",
                    "Nama daerah hanya boleh berbeda dalam huruf, bukan hanya dalam huruf besar/"
                    "kecil, tanda baca atau spasi; hapus atau perbaiki salah satunya.",
                )
            )
        by_slug.setdefault(slug, region.name)
        if region.province not in PROVINCES:
            problems.append(
                loaded.problem(
                    ("daerah", i, "provinsi"),
                    "unknown-province",
                    f"provinsi `{region.province}` tidak dikenal",
                    suggestion(region.province, PROVINCES),
                )
            )
        if region.kind not in ("Kota", "Kabupaten"):
            problems.append(
                loaded.problem(
                    ("daerah", i, "nama"),
                    "region-name",
                    f"nama daerah `{region.name}` harus diawali `Kota` atau `Kabupaten`",
                )
            )
        if region.name in regions:
            problems.append(
                loaded.problem(
                    ("daerah", i, "nama"),
                    "duplicate-region",
                    f"daerah `{region.name}` tercatat dua kali",
                )
            )
        regions[region.name] = region
    return regions


# ----------------------------------------------------------------------------- schema


def check_schema(loaded: LoadedFile, model: type[ModelT]) -> ModelT | None:
    """``loaded`` as a ``model`` (a practice or a journey), or None with its problems added."""
    if loaded.data is None:
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError as err:
        # A field already reported while reading (a duplicate key) is not reported again.
        taken = {p.field for p in loaded.problems if p.field}
        loaded.problems.extend(
            p for p in _schema_problems(err, loaded, model) if p.field not in taken
        )
        return None


def _check_schema(loaded: LoadedFile) -> Practice | None:
    return check_schema(loaded, Practice)


_TYPE_WORDS = {
    "string_type": "teks",
    "int_type": "angka bulat",
    "int_parsing": "angka bulat",
    "int_from_float": "angka bulat",
    "float_type": "angka",
    "float_parsing": "angka",
    "list_type": "daftar (butir diawali `- `)",
    "dict_type": "kumpulan kolom `nama: nilai`",
    "model_type": "kumpulan kolom `nama: nilai`",
    "model_attributes_type": "kumpulan kolom `nama: nilai`",
    "bool_type": "`true` atau `false`",
}


def _schema_problems(
    err: ValidationError, loaded: LoadedFile, model: type[BaseModel]
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[FieldPath, str]] = set()
    for error in err.errors(include_url=False):
        loc = _real_path(loaded.data, error["loc"])
        kind = error["type"]
        key = (loc, "missing" if kind == "missing" else "value")
        if key in seen:
            continue
        seen.add(key)
        problems.append(_one_schema_problem(error, loc, loaded, model))
    return problems


def _real_path(data: Any, loc: tuple[Any, ...]) -> FieldPath:
    """Drop pydantic's union-member tags from ``loc``: keep what exists in the data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif node is None and isinstance(part, str) and path[-1:] != [part]:
            path.append(part)  # a missing key below an existing mapping
            break
        else:
            break
    return tuple(path)


def _field_info(model: type[BaseModel], loc: FieldPath) -> tuple[type[BaseModel] | None, Any]:
    """The model that owns the last key of ``loc`` and that key's FieldInfo."""
    current: type[BaseModel] | None = model
    info = None
    owner = None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None:
            return None, None
        owner = current
        info = next((f for f in current.model_fields.values() if f.alias == part), None)
        if info is None:
            return owner, None
        current = _nested_model(info.annotation)
    return owner, info


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _model_at(model: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model that describes the mapping at ``loc``."""
    if not any(isinstance(p, str) for p in loc):
        return model
    _owner, info = _field_info(model, loc)
    return _nested_model(info.annotation) if info is not None else None


def _aliases(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias for f in model.model_fields.values() if f.alias]


def _one_schema_problem(
    error: Any, loc: FieldPath, loaded: LoadedFile, model: type[BaseModel]
) -> Problem:
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        missing = str(error["loc"][-1])
        full = (*loc, missing) if loc[-1:] != (missing,) else loc
        parent = full[:-1]
        _owner, info = _field_info(model, full)
        hint = f"Tambahkan `{missing}:` — {info.description}" if info and info.description else ""
        line, col = loaded.where(parent)
        return Problem(
            loaded.display,
            line,
            col,
            "missing-field",
            f"kolom wajib `{missing}` belum diisi",
            format_field(full),
            hint,
        )
    if kind == "extra_forbidden":
        choices = _aliases(_model_at(model, loc[:-1]))
        close = did_you_mean(name, choices)
        if close:
            hint = f"Maksud Anda `{close}`?"
        elif " " in name.strip():
            hint = (
                "Baris ini terbaca sebagai nama kolom. Bila ini lanjutan teks kolom di "
                "atasnya, beri indentasi dua spasi lebih dalam dari nama kolom itu."
            )
        else:
            hint = "Kolom yang dikenal di sini: " + ", ".join(f"`{c}`" for c in choices) + "."
        return loaded.problem(loc, "unknown-field", f"kolom `{name}` tidak dikenal", hint, key=True)
    if value is None or (isinstance(value, str) and not value.strip()):
        return _empty_problem(kind, ctx, loc, name, loaded, model)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = suggestion(str(value), choices, show_all_below=40)
        return loaded.problem(
            loc, "not-in-list", f"nilai {show_value(value)} tidak ada dalam pilihan `{name}`", hint
        )
    if kind in _TYPE_WORDS:
        return loaded.problem(
            loc, "wrong-type", f"`{name}` harus berupa {_TYPE_WORDS[kind]}", _type_hint(kind, value)
        )
    if kind == "string_too_short":
        wanted = ctx.get("min_length", 1)
        if wanted <= 1:
            return loaded.problem(loc, "empty-field", f"kolom `{name}` kosong")
        return loaded.problem(
            loc,
            "too-short",
            f"`{name}` terlalu pendek (minimal {wanted} karakter)",
            "Tulis satu atau dua kalimat lengkap.",
        )
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        return loaded.problem(
            loc,
            "too-long",
            f"`{name}` terlalu panjang: {len(str(value))} karakter, maksimal "
            f"{ctx.get('max_length')} karakter",
            "Persingkat; uraian panjang masuk ke `ringkasan` atau `masalah`.",
        )
    if kind == "too_long":
        count = len(value) if isinstance(value, list | dict) else ctx.get("actual_length")
        return loaded.problem(
            loc,
            "too-many",
            f"`{name}` berisi {count} butir, paling banyak {ctx.get('max_length')} butir",
            "Pilih butir yang paling penting.",
        )
    if kind == "string_pattern_mismatch":
        return loaded.problem(
            loc,
            "bad-format",
            f"{show_value(value)} tidak sesuai bentuk yang diminta untuk `{name}`",
            _field_hint(model, loc),
        )
    if kind == "too_short" and isinstance(value, str):
        if not value.strip():
            return loaded.problem(loc, "empty-field", f"kolom `{name}` kosong")
        return loaded.problem(
            loc,
            "too-short",
            f"`{name}` terlalu pendek (minimal {ctx.get('min_length')} karakter)",
            "Tulis satu atau dua kalimat lengkap.",
        )
    if kind == "too_short":
        return loaded.problem(
            loc, "too-few", f"`{name}` minimal berisi {ctx.get('min_length')} butir"
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        words = {
            "greater_than_equal": "paling kecil",
            "less_than_equal": "paling besar",
            "greater_than": "harus lebih dari",
            "less_than": "harus kurang dari",
        }
        return loaded.problem(loc, "out-of-range", f"`{name}` = {value}: {words[kind]} {bound}")
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
        rule = _value_rule(message)
        hint = date_hint(value) if rule == "bad-date" and isinstance(value, str) else ""
        return loaded.problem(loc, rule, message, hint)
    if kind in _TYPE_WORDS_EXTRA:
        return loaded.problem(
            loc, "wrong-type", f"`{name}` harus berupa {_TYPE_WORDS_EXTRA[kind]}", ""
        )
    # A kind this module does not know yet: still Indonesian, never pydantic's English.
    return loaded.problem(
        loc,
        "invalid-value",
        f"nilai {show_value(value)} tidak bisa dipakai untuk `{name}`",
        _field_hint(model, loc),
    )


_TYPE_WORDS_EXTRA = {
    "bool_parsing": "`true` atau `false`",
    "string_sub_type": "teks",
    "string_unicode": "teks",
    "list_type": "daftar (butir diawali `- `)",
    "tuple_type": "daftar (butir diawali `- `)",
    "set_type": "daftar (butir diawali `- `)",
    "iterable_type": "daftar (butir diawali `- `)",
    "mapping_type": "kumpulan kolom `nama: nilai`",
    "is_instance_of": "kumpulan kolom `nama: nilai`",
    "date_type": "tanggal, mis. `2018-04-22`",
    "date_parsing": "tanggal, mis. `2018-04-22`",
    "date_from_datetime_parsing": "tanggal, mis. `2018-04-22`",
    "url_type": "alamat web yang diawali `https://`",
    "url_parsing": "alamat web yang diawali `https://`",
    "url_scheme": "alamat web yang diawali `https://`",
    "finite_number": "angka",
    "decimal_type": "angka",
    "decimal_parsing": "angka",
    "enum": "salah satu pilihan yang ada",
    "union_tag_invalid": "salah satu bentuk yang ada",
    "union_tag_not_found": "salah satu bentuk yang ada",
}


def show_value(value: Any, limit: int = 40) -> str:
    """A value as a contributor wrote it: ``kosong`` for nothing, YAML spelling for booleans."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "kosong"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, list):
        return "berupa daftar"
    if isinstance(value, dict):
        return "berupa kumpulan kolom"
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{text}`"


def _field_hint(model: type[BaseModel], loc: FieldPath) -> str:
    _owner, info = _field_info(model, loc)
    return f"Isi dengan: {info.description}" if info and info.description else ""


def _empty_problem(
    kind: str,
    ctx: dict[str, Any],
    loc: FieldPath,
    name: str,
    loaded: LoadedFile,
    model: type[BaseModel],
) -> Problem:
    """A field written but left empty: one ``empty-field`` message, with the choices if any."""
    hint = _field_hint(model, loc)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if len(choices) <= 40:
            hint = "Pilih salah satu: " + ", ".join(f"`{c}`" for c in choices) + "."
    if loc and isinstance(loc[-1], int):
        label = f"butir ke-{loc[-1] + 1} di `{name}`" if name else f"butir ke-{loc[-1] + 1}"
    else:
        label = f"kolom `{name}`" if name else "isi ini"
    return loaded.problem(loc, "empty-field", f"{label} kosong", hint)


def _value_rule(message: str) -> str:
    if "titik ribuan" in message:
        return "dotted-number"
    if "tautan" in message:
        return "bad-url"
    if "tahun" in message or "tanggal" in message:
        return "bad-date"
    if message.startswith("id "):
        return "bad-id"
    return "invalid-value"


def _type_hint(kind: str, value: Any) -> str:
    if kind == "string_type" and isinstance(value, bool):
        return 'Beri tanda kutip agar dibaca sebagai teks, mis. `"ya"`.'
    if kind in ("list_type",) and isinstance(value, str):
        return "Tulis setiap butir di baris sendiri, diawali `- `."
    if kind in ("int_type", "int_parsing", "float_type", "float_parsing") and isinstance(
        value, str
    ):
        return "Tulis angka saja tanpa titik ribuan atau `Rp`, mis. `400000`."
    return ""


# ----------------------------------------------------------------------------- cross-record


def _get(data: Any, *path: str | int) -> Any:
    """``data[path...]`` or None when any step is missing or of the wrong kind."""
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[part] if isinstance(part, int) else data.get(part)
    return data


def _items(data: Any, key: str) -> list[tuple[int, Any]]:
    """Numbered items of the list ``data[key]`` (empty when it is not a list)."""
    value = _get(data, key)
    return list(enumerate(value)) if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def check_id_matches_file(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    """The record's ``id`` must be its file name (practices and journeys alike)."""
    stem = loaded.path.stem
    record_id = _text(data.get("id"))
    if record_id is None or record_id == stem:
        return []
    return [
        loaded.problem(
            ("id",),
            "id-filename",
            f"id `{record_id}` tidak sama dengan nama berkas `{stem}`",
            f"Samakan: ubah id menjadi `{stem}` atau nama berkas menjadi `{record_id}.yaml`."
            if re.fullmatch(ID_PATTERN, stem)
            else f"Ganti nama berkas menjadi `{record_id}.yaml` (nama berkas hanya boleh"
            " huruf kecil, angka dan tanda hubung).",
        )
    ]


def _check_record(
    data: dict[str, Any], loaded: LoadedFile, checked: Checked, known_ids: set[str]
) -> list[Problem]:
    out: list[Problem] = check_id_matches_file(data, loaded)
    stem = loaded.path.stem
    record_id = _text(data.get("id"))
    origin = _text(_get(data, "asal", "daerah"))
    if origin is not None:
        out.extend(
            _check_region(origin, _text(_get(data, "asal", "provinsi")), ("asal",), loaded, checked)
        )
    out.extend(_check_markdown_limits(data, loaded))
    if "\\" in loaded.text or word_excess(loaded.text) is not None:
        # Escapes aside, a long word in a value is a long word in the file.
        out.extend(_check_long_words(data, loaded))
    out.extend(_check_sources(data, loaded))
    out.extend(_check_source_urls(data, loaded))
    out.extend(_check_status(data, loaded))
    out.extend(_check_fields_in_text(data, (), loaded))
    out.extend(_check_timeline(data, loaded))
    out.extend(_check_links(data, record_id or stem, loaded, known_ids))
    if _items(data, "replikasi"):
        out.append(
            loaded.problem(
                ("replikasi",),
                "replication-moved",
                "`replikasi` di catatan praktik sudah tidak dipakai; perjalanan belajar "
                "dicatat di `practices/pembelajaran/`",
                "Pindahkan setiap pasangan mentor → mentee ke satu berkas "
                "`practices/pembelajaran/<id>.yaml` (buat dengan `replika new --pembelajaran`), "
                "lalu tulis `replikasi: []` atau hapus kolom ini.",
            )
        )
    for i, rep in _items(data, "replikasi"):
        here = ("replikasi", i)
        mentee = _text(_get(rep, "daerah"))
        mentor = _text(_get(rep, "mentor"))
        for key, name in (("daerah", mentee), ("mentor", mentor)):
            if name is not None:
                out.extend(_check_region(name, None, here, loaded, checked, key=key))
        if mentee is not None and mentee == (mentor or origin):
            out.append(
                loaded.problem(
                    (*here, "daerah"),
                    "self-replication",
                    f"`{mentee}` tidak bisa menjadi mentor bagi dirinya sendiri",
                )
            )
        start, end = _date_key(_get(rep, "mulai")), _date_key(_get(rep, "selesai"))
        if start and end and end < start[: len(end)]:
            out.append(
                loaded.problem(
                    (*here, "selesai"),
                    "date-order",
                    "`selesai` lebih awal dari `mulai`",
                    "Periksa kedua tanggal; `selesai` boleh dikosongkan.",
                )
            )
    checked_on = _date_key(data.get("diperiksa"))
    if checked_on and checked_on > _date_key(dt.date.today().isoformat()):
        out.append(
            loaded.problem(
                ("diperiksa",),
                "bad-date",
                "tanggal `diperiksa` ada di masa depan",
                "Isi dengan tanggal terakhir Anda memeriksa sumber-sumbernya.",
            )
        )
    return out


def _check_markdown_limits(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    """Texts in Markdown fields beyond the limits that keep rendering linear."""
    out: list[Problem] = []
    for key in MARKDOWN_FIELDS:
        value = data.get(key)
        items = [((key,), value)] if isinstance(value, str) else []
        items += [((key, i), item) for i, item in _items(data, key) if isinstance(item, str)]
        for loc, text in items:
            excess = markdown_excess(text.strip())
            if excess is not None:
                out.append(
                    loaded.problem(
                        loc,
                        "markdown-limit",
                        excess[1],
                        "Pendekkan atau sederhanakan teksnya: kolom ini menerima Markdown "
                        "sebaris (tebal, miring, tautan), bukan daftar bertingkat atau "
                        "dokumen panjang; rincian panjang cukup ditautkan lewat `sumber`.",
                    )
                )
    return out


def _check_long_words(data: Any, loaded: LoadedFile, loc: FieldPath = ()) -> list[Problem]:
    """Words too long for the PDF's hyphenation to lay out in linear time."""
    if isinstance(data, str):
        excess = word_excess(data)
        if excess is None:
            return []
        return [
            loaded.problem(
                loc,
                "long-word",
                excess[1],
                "Beri spasi di antara kata; teks sepanjang itu tanpa spasi tidak bisa "
                "dipenggal dengan wajar di halaman maupun di PDF.",
            )
        ]
    if isinstance(data, dict):
        items: Iterable[tuple[str | int, Any]] = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return []
    out: list[Problem] = []
    for key, value in items:
        out.extend(_check_long_words(value, loaded, (*loc, key)))
    return out


def _date_key(value: Any) -> tuple[int, ...]:
    """``"2018-04"`` -> ``(2018, 4)``; empty for anything that is not a valid date.

    An invalid date (``2020-13``) is reported by the schema; comparing it would
    report the same mistake a second time as an ordering problem.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            _check_date(value)
        except ValueError:
            return ()
        return tuple(int(p) for p in value.split("-"))
    return ()


def _check_region(
    name: str,
    province: str | None,
    base: FieldPath,
    loaded: LoadedFile,
    checked: Checked,
    key: str = "daerah",
) -> list[Problem]:
    if not checked.regions:
        return []  # the registry itself is broken; that is reported once
    region = checked.regions.get(name)
    if region is None:
        close = close_regions(name, list(checked.regions))
        hint = f"Maksud Anda `{close[0]}`?" if close else ""
        if len(close) > 1:
            hint += " Nama lain yang mirip: " + ", ".join(f"`{c}`" for c in close[1:]) + "."
        hint += (
            " Tulis nama resmi kota/kabupaten persis seperti di `practices/_wilayah.yaml`"
            " (diawali `Kota` atau `Kabupaten`)."
        )
        hint = hint.strip()
        return [
            loaded.problem(
                (*base, key), "unknown-region", f"daerah `{name}` tidak ada di daftar daerah", hint
            )
        ]
    if province is not None and province in PROVINCES and region.province != province:
        return [
            loaded.problem(
                (*base, "provinsi"),
                "province-mismatch",
                f"`{name}` ada di provinsi {region.province}, bukan {province}",
                f"Ganti `provinsi` menjadi `{region.province}`.",
            )
        ]
    return []


def _check_sources(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    out: list[Problem] = []
    codes: dict[str, int] = {}
    urls: dict[str, int] = {}
    for i, source in _items(data, "sumber"):
        code, url = _text(_get(source, "kode")), _text(_get(source, "url"))
        if code is not None:
            if code in codes:
                out.append(
                    loaded.problem(
                        ("sumber", i, "kode"),
                        "duplicate-source",
                        f"kode sumber `{code}` dipakai dua kali",
                    )
                )
            codes.setdefault(code, i)
        if url is not None:
            if url in urls:
                out.append(
                    loaded.problem(
                        ("sumber", i, "url"),
                        "duplicate-source",
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
                    "uncited-source",
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
                    "unknown-source",
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
        ref = _text(_get(data, key, "sumber"))
        if ref:
            yield (key, "sumber"), ref
    for key in _SINGLE_SOURCE_LISTS:
        for i, item in _items(data, key):
            ref = _text(_get(item, "sumber"))
            if ref:
                yield (key, i, "sumber"), ref
    for key in _MULTI_SOURCE_LISTS:
        for i, item in _items(data, key):
            refs = _get(item, "sumber")
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
            "source-url-soft-hyphen",
            "url sumber mengandung tanda hubung lunak (U+00AD, `%C2%AD`) yang tak terlihat",
            f"Salin ulang alamatnya dari bilah alamat peramban; tanpa tanda itu: `{clean}` "
            "(buka dulu untuk memastikan halamannya benar).",
        )
    parsed = urlsplit(url)
    path = parsed.path
    if path.lower().endswith(_IMAGE_SUFFIXES):
        return (
            "source-url-image",
            "url sumber menunjuk ke berkas gambar, bukan ke halaman berita atau dokumen",
            "Buka halaman beritanya dan salin alamat halaman itu; bila tidak ditemukan, "
            "hapus sumber ini beserta klaim yang hanya bersandar padanya.",
        )
    if path in ("", "/") and not parsed.query:
        return (
            "source-url-domain-only",
            f"url sumber hanya nama situs (`{parsed.netloc}`), tanpa halaman",
            "Tulis alamat lengkap halaman yang memuat klaimnya, bukan halaman depan situs.",
        )
    if _YEAR_ARCHIVE.fullmatch(path) and not parsed.query:
        return (
            "source-url-year-archive",
            f"url sumber adalah arsip tahunan (`{path}`), bukan satu halaman",
            "Buka tulisan yang dimaksud di arsip itu dan salin alamat tulisan tersebut.",
        )
    return None


def _check_source_urls(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    out: list[Problem] = []
    for i, source in _items(data, "sumber"):
        url = _text(_get(source, "url"))
        found = source_url_problem(url) if url else None
        if found is not None:
            rule, message, hint = found
            out.append(loaded.problem(("sumber", i, "url"), rule, message, hint))
    return out


def _field_names() -> frozenset[str]:
    """Every YAML key the record format knows, nested ones included."""
    names: set[str] = set()
    for definition in Practice.model_json_schema(by_alias=True)["$defs"].values():
        names.update(definition.get("properties", {}))
    names.update(Practice.model_json_schema(by_alias=True)["properties"])
    return frozenset(names)


_FIELD_NAMES = _field_names()
_FIELD_IN_TEXT = re.compile(r"\n[ \t]*([a-z_]+):[ \t]+\S")


def _check_fields_in_text(value: Any, path: FieldPath, loaded: LoadedFile) -> list[Problem]:
    """A field written inside a block text by indenting it too far.

    ``sumber:`` indented deeper than its ``peristiwa: >-`` neighbour becomes a
    line of that text and the citation is silently lost; the record would
    otherwise still be valid, so say so.
    """
    if isinstance(value, dict):
        return [
            problem
            for key, item in value.items()
            for problem in _check_fields_in_text(item, (*path, key), loaded)
        ]
    if isinstance(value, list):
        return [
            problem
            for i, item in enumerate(value)
            for problem in _check_fields_in_text(item, (*path, i), loaded)
        ]
    if not isinstance(value, str):
        return []
    for found in _FIELD_IN_TEXT.finditer(value):
        if found[1] in _FIELD_NAMES:
            problem = loaded.problem(
                path,
                "field-in-text",
                f"baris `{found[1]}: …` ini terbaca sebagai bagian teks kolom di atasnya, "
                "bukan sebagai kolom",
                f"Bila `{found[1]}` dimaksudkan sebagai kolom, sejajarkan barisnya dengan "
                "kolom lain di tingkat yang sama (kurangi spasi di depannya).",
            )
            return [_at_text_line(problem, loaded.text, found[1])]
    return []


def _at_text_line(problem: Problem, text: str, name: str) -> Problem:
    """The problem moved to the line inside the text that starts with ``name:``."""
    lines = text.split("\n")
    for row in range(max(problem.line - 1, 0), len(lines)):
        stripped = lines[row].lstrip(" ")
        if stripped.startswith(f"{name}:"):
            indent = len(lines[row]) - len(stripped)
            return dataclasses.replace(problem, line=row + 1, col=indent + 1)
    return problem


_STATUS_NEEDS_NOTE = ("berhenti", "tersendat")


def _check_status(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    """A known status needs the date of its latest evidence; a stop or stall needs why.

    Reported on the empty ``status_per``/``status_keterangan`` line when the
    key is written (a fresh draft's ``# ISI`` line), else on ``status``.
    """
    status = _text(data.get("status"))
    if status is None or status == "tidak-diketahui" or status not in PRACTICE_STATUSES:
        return []
    out: list[Problem] = []
    if data.get("status_per") is None:
        out.append(
            loaded.problem(
                ("status_per",) if "status_per" in data else ("status",),
                "status-date-missing",
                f"status `{status}` belum disertai `status_per`",
                "Tambahkan `status_per:` berisi tanggal bukti terbaru untuk status ini "
                "(mis. `2024-05`); bila tidak ada bukti bertanggal, tulis "
                "`status: tidak-diketahui`.",
            )
        )
    if status in _STATUS_NEEDS_NOTE and data.get("status_keterangan") is None:
        out.append(
            loaded.problem(
                ("status_keterangan",) if "status_keterangan" in data else ("status",),
                "status-note-missing",
                f"status `{status}` belum disertai `status_keterangan`",
                "Tambahkan `status_keterangan:` yang menjelaskan mengapa praktik ini "
                f"{'berhenti' if status == 'berhenti' else 'tersendat'}, menurut sumbernya.",
            )
        )
    return out


def _check_timeline(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    out: list[Problem] = []
    previous: tuple[int, ...] = ()
    for i, milestone in _items(data, "linimasa"):
        key = _date_key(_get(milestone, "tanggal"))
        if not key:
            continue
        if previous and key < previous[: len(key)]:
            shown = "-".join(f"{p:02d}" if n else str(p) for n, p in enumerate(previous))
            out.append(
                loaded.problem(
                    ("linimasa", i, "tanggal"),
                    "timeline-order",
                    f"linimasa tidak urut: tonggak ini lebih awal dari {shown}",
                    "Urutkan tonggak dari yang paling lama ke yang terbaru.",
                )
            )
        previous = key
    return out


def _check_links(
    data: dict[str, Any], record_id: str, loaded: LoadedFile, known_ids: set[str]
) -> list[Problem]:
    out: list[Problem] = []
    refs = [(("terkait", i), r) for i, r in _items(data, "terkait") if isinstance(r, str)]
    refs += [
        (("replikasi", i, "praktik"), _get(r, "praktik"))
        for i, r in _items(data, "replikasi")
        if isinstance(_get(r, "praktik"), str)
    ]
    seen: set[str] = set()
    for loc, ref in refs:
        if ref == record_id:
            out.append(
                loaded.problem(loc, "self-reference", "praktik tidak perlu merujuk dirinya sendiri")
            )
        elif ref not in known_ids:
            close = did_you_mean(ref, known_ids, cutoff=0.8)
            hint = f"Maksud Anda `{close}`?" if close else "Periksa nama berkas di `practices/`."
            out.append(loaded.problem(loc, "unknown-practice", f"praktik `{ref}` tidak ada", hint))
        if loc[0] == "terkait" and ref in seen:
            out.append(
                loaded.problem(loc, "duplicate-reference", f"`{ref}` sudah ditulis di `terkait`")
            )
        seen.add(ref)
    return out


def _check_unique_titles(loaded_files: list[LoadedFile], wanted: set[Path] | None) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, str] = {}
    for loaded in loaded_files:
        title = _text(loaded.data.get("judul")) if loaded.data else None
        if not title:
            continue
        key = " ".join(title.lower().split())
        if key in first:
            if wanted is None or loaded.path.resolve() in wanted:
                out.append(
                    loaded.problem(
                        ("judul",),
                        "duplicate-title",
                        f"judul yang sama sudah dipakai {first[key]}",
                        "Bedakan judulnya, mis. dengan nama daerah.",
                    )
                )
        else:
            first[key] = loaded.display
    return out


__all__ = ["Checked", "Region", "check_project", "record_paths"]
