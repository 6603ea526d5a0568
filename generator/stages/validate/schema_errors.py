"""Pydantic's validation errors as contributor messages: one ``Problem`` per mistake.

Every message is plain Bahasa Indonesia with the field path and a hint; a
kind of error this module does not know yet still gets an Indonesian message,
never pydantic's English.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.dates import date_hint
from generator.problems import Problem, did_you_mean, suggestion
from generator.rules import Rule
from generator.stages.load import LoadedFile
from generator.stages.load.positions import FieldPath, format_field

ModelT = TypeVar("ModelT", bound=BaseModel)


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
            p for p in schema_problems(err, loaded, model) if p.field not in taken
        )
        return None


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


def schema_problems(
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
        current = nested_model(info.annotation)
    return owner, info


def nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def _model_at(model: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model that describes the mapping at ``loc``."""
    if not any(isinstance(p, str) for p in loc):
        return model
    _owner, info = _field_info(model, loc)
    return nested_model(info.annotation) if info is not None else None


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
        return _missing_problem(str(error["loc"][-1]), loc, loaded, model)
    if kind == "extra_forbidden":
        return _unknown_field_problem(name, loc, loaded, model)
    if value is None or (isinstance(value, str) and not value.strip()):
        return _empty_problem(kind, ctx, loc, name, loaded, model)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = suggestion(str(value), choices, show_all_below=40)
        return loaded.problem(
            loc,
            Rule.NOT_IN_LIST,
            f"nilai {show_value(value)} tidak ada dalam pilihan `{name}`",
            hint,
        )
    if kind in _TYPE_WORDS:
        return loaded.problem(
            loc,
            Rule.WRONG_TYPE,
            f"`{name}` harus berupa {_TYPE_WORDS[kind]}",
            _type_hint(kind, value),
        )
    if kind in _SIZE_KINDS:
        return _size_problem(kind, ctx, value, loc, name, loaded)
    if kind == "string_pattern_mismatch":
        return loaded.problem(
            loc,
            Rule.BAD_FORMAT,
            f"{show_value(value)} tidak sesuai bentuk yang diminta untuk `{name}`",
            _field_hint(model, loc),
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        words = {
            "greater_than_equal": "paling kecil",
            "less_than_equal": "paling besar",
            "greater_than": "harus lebih dari",
            "less_than": "harus kurang dari",
        }
        return loaded.problem(loc, Rule.OUT_OF_RANGE, f"`{name}` = {value}: {words[kind]} {bound}")
    if kind in _RAISED_BY_SCHEMA:
        # PydanticCustomError(rule id, message) from a validator in generator/schema.py
        rule = Rule(kind)
        return loaded.problem(loc, rule, str(error["msg"]), _custom_hint(rule, value))
    if kind in _TYPE_WORDS_EXTRA:
        return loaded.problem(
            loc, Rule.WRONG_TYPE, f"`{name}` harus berupa {_TYPE_WORDS_EXTRA[kind]}", ""
        )
    # A kind this module does not know yet: still Indonesian, never pydantic's English.
    return loaded.problem(
        loc,
        Rule.INVALID_VALUE,
        f"nilai {show_value(value)} tidak bisa dipakai untuk `{name}`",
        _field_hint(model, loc),
    )


_SIZE_KINDS = frozenset({"string_too_short", "string_too_long", "too_short", "too_long"})


def _size_problem(
    kind: str, ctx: dict[str, Any], value: Any, loc: FieldPath, name: str, loaded: LoadedFile
) -> Problem:
    """A text too short or too long, or a list with too few or too many items."""
    if kind == "string_too_short":
        wanted = ctx.get("min_length", 1)
        if wanted <= 1:
            return loaded.problem(loc, Rule.EMPTY_FIELD, f"kolom `{name}` kosong")
        return loaded.problem(
            loc,
            Rule.TOO_SHORT,
            f"`{name}` terlalu pendek (minimal {wanted} karakter)",
            "Tulis satu atau dua kalimat lengkap.",
        )
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        return loaded.problem(
            loc,
            Rule.TOO_LONG,
            f"`{name}` terlalu panjang: {len(str(value))} karakter, maksimal "
            f"{ctx.get('max_length')} karakter",
            "Persingkat; uraian panjang masuk ke `ringkasan` atau `masalah`.",
        )
    if kind == "too_long":
        count = len(value) if isinstance(value, list | dict) else ctx.get("actual_length")
        return loaded.problem(
            loc,
            Rule.TOO_MANY,
            f"`{name}` berisi {count} butir, paling banyak {ctx.get('max_length')} butir",
            "Pilih butir yang paling penting.",
        )
    if kind == "too_short" and isinstance(value, str):
        if not value.strip():
            return loaded.problem(loc, Rule.EMPTY_FIELD, f"kolom `{name}` kosong")
        return loaded.problem(
            loc,
            Rule.TOO_SHORT,
            f"`{name}` terlalu pendek (minimal {ctx.get('min_length')} karakter)",
            "Tulis satu atau dua kalimat lengkap.",
        )
    return loaded.problem(
        loc, Rule.TOO_FEW, f"`{name}` minimal berisi {ctx.get('min_length')} butir"
    )


def _missing_problem(
    missing: str, loc: FieldPath, loaded: LoadedFile, model: type[BaseModel]
) -> Problem:
    """A required field not written: reported on the mapping that should hold it."""
    full = (*loc, missing) if loc[-1:] != (missing,) else loc
    _owner, info = _field_info(model, full)
    hint = f"Tambahkan `{missing}:` — {info.description}" if info and info.description else ""
    line, col = loaded.where(full[:-1])
    return Problem(
        loaded.display,
        line,
        col,
        Rule.MISSING_FIELD,
        f"kolom wajib `{missing}` belum diisi",
        format_field(full),
        hint,
    )


def _unknown_field_problem(
    name: str, loc: FieldPath, loaded: LoadedFile, model: type[BaseModel]
) -> Problem:
    """A field the format does not know: a typo, or a text line read as a field name."""
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
    return loaded.problem(loc, Rule.UNKNOWN_FIELD, f"kolom `{name}` tidak dikenal", hint, key=True)


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
    return loaded.problem(loc, Rule.EMPTY_FIELD, f"{label} kosong", hint)


_RAISED_BY_SCHEMA = frozenset(
    {Rule.BAD_ID, Rule.ID_TOO_LONG, Rule.BAD_DATE, Rule.BAD_URL, Rule.DOTTED_NUMBER}
)


def _custom_hint(rule: Rule, value: Any) -> str:
    """The hint for a rule raised by the schema's own validators."""
    if rule == Rule.BAD_DATE and isinstance(value, str):
        return date_hint(value)
    if rule == Rule.ID_TOO_LONG:
        return (
            "Pendekkan id dan nama berkasnya: cukup pokok praktik dan daerahnya, mis. "
            "`bank-sampah-balikpapan`."
        )
    return ""


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
