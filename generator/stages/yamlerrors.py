"""YAML syntax errors in plain Indonesian, at the line the contributor must change.

libyaml reports where *it* noticed a problem, in English ("did not find
expected key"). A contributor editing in the GitHub web editor needs the
likely cause (indentation, a missing ``:``, a stray quote, a tab) and the line
to fix. The parser's mark is often one or two lines after that line: an
under-indented continuation of a ``>-`` text is only noticed at the next key.
So the explanation here reads the indentation of the surrounding lines too.

Nothing from the parser's English ever reaches the contributor: every known
error gets its own Indonesian text and anything unknown gets an Indonesian
fallback (the English is never copied into the message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator.problems import Problem

_KEY_LINE = re.compile(
    r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s#:'\"\-][^:#]*?|\"[^\"]*\"|'[^']*'):(?: |$)"
)
_DASH_LINE = re.compile(r"^(?P<indent> *)- ")
_BLOCK_HEADER = re.compile(r"(?:^|:\s+|-\s+)[>|][-+0-9]*\s*(?:#.*)?$")

GENERIC_HINT = (
    "Periksa baris ini dan baris di atasnya: indentasi (hanya spasi, kolom setingkat harus "
    "sejajar), titik dua setelah nama kolom, dan tanda kutip yang berpasangan."
)


@dataclass(frozen=True)
class Explained:
    """Where the mistake most likely is, what it is, and how to fix it."""

    line: int  # 0-based
    col: int  # 0-based
    message: str
    hint: str
    # A field path read from indentation is misleading when the indentation is the mistake.
    with_field: bool = True


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _key_name(line: str) -> str | None:
    found = _KEY_LINE.match(line)
    return found["key"].strip().strip("'\"") if found else None


def _key_col(line: str) -> int:
    """Column where the key (after any ``- ``) starts."""
    found = _KEY_LINE.match(line)
    if not found:
        return _indent(line)
    return len(found["indent"]) + len(found["dashes"])


def _spaces(n: int) -> str:
    return f"{n} spasi" if n else "tanpa spasi"


def _placed(n: int) -> str:
    return f"menjorok {n} spasi" if n else "rata kiri"


def _block_scalars(lines: list[str], upto: int) -> list[tuple[int, int, int, int]]:
    """Block scalars (``>-``, ``|``) before line ``upto``.

    Each is ``(header_line, key_indent, content_indent, first_line_after)``;
    ``first_line_after`` is the first content line not indented as deep as the
    text (the line that ends the block, or breaks it).
    """
    out = []
    i = 0
    while i < min(upto, len(lines)):
        line = lines[i]
        if _content(line) and _BLOCK_HEADER.search(line.split(" #", 1)[0].rstrip() or line):
            key_indent = _key_col(line) if _key_name(line) else _indent(line)
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and _indent(lines[j]) > key_indent:
                content_indent = _indent(lines[j])
                while j < len(lines) and (
                    not lines[j].strip() or _indent(lines[j]) >= content_indent
                ):
                    j += 1
                out.append((i, key_indent, content_indent, j))
                i = j
                continue
        i += 1
    return out


def _broken_continuation(lines: list[str], mark_line: int) -> Explained | None:
    """A ``>-`` text whose next line is indented too little (the issue's classic).

    The text ends at the first line indented less than the text. If that line
    is not a new field or list item at a level the block structure allows, it
    was meant as a continuation of the text: that is the line to fix.
    """
    for header, key_indent, content_indent, after in reversed(_block_scalars(lines, mark_line + 1)):
        if after > mark_line or after >= len(lines):
            continue
        # Only the lines between the broken text and the parser's mark qualify.
        if any(_content(lines[k]) and _looks_structural(lines[k]) for k in range(after, mark_line)):
            return None
        line = lines[after]
        indent = _indent(line)
        between = key_indent < indent < content_indent
        if not between and _looks_structural(line):
            return None
        name = _key_name(lines[header])
        whose = (
            f"teks kolom `{name}` (baris {header + 1})" if name else f"teks di baris {header + 1}"
        )
        return Explained(
            after,
            0,
            f"baris ini terbaca sebagai lanjutan {whose} "
            f"tetapi kurang menjorok ({_spaces(indent)}), sedangkan teksnya menjorok {content_indent} spasi",
            f"Beri indentasi {content_indent} spasi seperti baris teks di atasnya. Bila ini "
            "kolom baru, tulis `nama: nilai` sejajar dengan kolom lain.",
        )
    return None


def _looks_structural(line: str) -> bool:
    return bool(_key_name(line)) or bool(_DASH_LINE.match(line)) or line.strip() == "-"


def _levels_above(lines: list[str], row: int) -> list[tuple[int, int, str]]:
    """``(indent, line, name)`` of the fields and list items above ``row``, nearest first.

    Lines inside block texts are skipped; only one entry per indentation is kept.
    """
    inside: set[int] = set()
    for header, _k, _c, after in _block_scalars(lines, row):
        inside.update(range(header + 1, after))
    seen: set[int] = set()
    out = []
    for k in range(row - 1, -1, -1):
        line = lines[k]
        if k in inside or not _content(line) or not _looks_structural(line):
            continue
        found = _KEY_LINE.match(line)
        cols = []
        if found and found["key"]:
            cols.append((_key_col(line), _key_name(line) or ""))
        dash = _DASH_LINE.match(line)
        if dash:
            cols.append((len(dash["indent"]), "-"))
        for col, name in cols:
            if col not in seen:
                seen.add(col)
                out.append((col, k, name))
        if _indent(line) == 0:
            break
    return out


def _misindented(lines: list[str], row: int) -> Explained:
    """Line ``row`` is indented to no level the lines above allow."""
    line = lines[row]
    indent = _indent(line)
    levels = _levels_above(lines, row)
    is_item = bool(_DASH_LINE.match(line)) or line.strip() == "-"
    candidates = [lv for lv in levels if (lv[2] == "-") == is_item] or levels
    if not candidates:
        return Explained(
            row, indent, "indentasi baris ini tidak cocok dengan baris di atasnya", GENERIC_HINT
        )
    best = min(candidates, key=lambda lv: (abs(lv[0] - indent), levels.index(lv)))
    col, at, name = best
    odd = _odd_one_out(lines, at, row)
    if odd is not None:
        return odd
    if name == "-":
        other = f"butir daftar `- ` di baris {at + 1}"
    else:
        other = f"kolom `{name}` di baris {at + 1}"
    if is_item and col == indent and name != "-":
        return Explained(
            row,
            indent,
            f"butir daftar `- ` di sini tidak berada di bawah kolom daftar mana pun ({other} "
            "sudah berisi nilai)",
            "Butir daftar ditulis di bawah nama kolom yang hanya diikuti `:`, menjorok dua "
            "spasi lebih dalam dari nama kolom itu.",
            with_field=False,
        )
    own = _key_name(line)
    subject = (
        f"kolom `{own}` di baris ini"
        if own and not is_item
        else ("butir daftar di baris ini" if is_item else "baris ini")
    )
    direction = "terlalu menjorok" if indent > col else "kurang menjorok"
    return Explained(
        row,
        indent,
        f"indentasi salah: {subject} {direction} ({_spaces(indent)}), "
        f"sedangkan {other} {_placed(col)}",
        f"Sejajarkan dengan {other} ({_spaces(col)} di depannya). Kolom setingkat harus "
        "sejajar; isi sebuah kolom menjorok dua spasi lebih dalam dari namanya.",
        with_field=False,
    )


def _unexpected_mid_line(lines: list[str], row: int, col: int) -> Explained | None:
    """Something after a complete value on the same line (``[a] x``, ``]a``)."""
    line = lines[row]
    if col <= _indent(line) or col >= len(line.rstrip()):
        return None
    rest = line[col:].split(" #", 1)[0].strip()
    return Explained(
        row,
        col,
        f"teks `{rest}` tidak bisa dibaca di posisi ini",
        "Bila seluruh nilai adalah teks biasa, apit dengan tanda kutip ganda. Tanda `[`, `]`, "
        "`{`, `}` di awal nilai dibaca sebagai daftar atau kumpulan kolom.",
    )


def _after_quoted_line(lines: list[str], row: int) -> Explained | None:
    """A text line below a value that was closed with a quote on the line above."""
    above = next((k for k in range(row - 1, -1, -1) if _content(lines[k])), None)
    if above is None or _looks_structural(lines[row]):
        return None
    if not lines[above].rstrip().endswith(("'", '"')) or not _key_name(lines[above]):
        return None
    return Explained(
        row,
        _indent(lines[row]),
        f"teks ini lanjutan dari kolom `{_key_name(lines[above])}` di baris {above + 1}, "
        "padahal tanda kutipnya sudah ditutup di baris itu",
        "Pindahkan tanda kutip penutup ke akhir teks (di baris ini), atau gabungkan teksnya "
        "menjadi satu baris.",
    )


def _structure_cols(line: str) -> tuple[int | None, int | None]:
    """``(dash column, key column)`` of a field or list-item line."""
    dash = _DASH_LINE.match(line)
    key = _key_col(line) if _key_name(line) else None
    return (len(dash["indent"]) if dash else None), key


def _odd_one_out(lines: list[str], at: int, row: int) -> Explained | None:
    """Line ``at`` is out of line with its siblings, which agree with the reported line.

    E.g. one list item `` - tanggal`` at one space among items at two: the
    parser stumbles on the next line, but the line to fix is ``at``.
    """
    indent = _indent(lines[row])
    dash_at, key_at = _structure_cols(lines[at])
    if key_at is None or key_at == indent:
        return None
    floor = min(indent, _indent(lines[at])) - (2 if dash_at is not None else 0)
    agree: list[int] = []
    children: list[int] = []  # fields of the item on line ``at`` that agree with the row
    for step in (-1, 1):
        k = at + step
        while 0 <= k < len(lines) and abs(k - at) < 200:
            line = lines[k]
            k += step
            if not _content(line) or not _looks_structural(line):
                continue
            if _indent(line) < floor:
                break
            dash, key = _structure_cols(line)
            if key == key_at and dash == dash_at:
                return None  # the line has siblings like it: not the odd one
            if key == indent and (dash is None) == (dash_at is None) and k - step != row:
                agree.append(k - step)
            elif key == indent and dash is None and step == 1:
                children.append(k - step)
    if not agree and dash_at is not None and len(children) >= 2:
        agree = children  # a lone list item whose own fields all agree with each other
    if not agree:
        return None
    sibling = min(agree, key=lambda k: abs(k - at))
    own = _indent(lines[at])
    wanted = _indent(lines[sibling])
    what = "butir daftar" if dash_at is not None else f"kolom `{_key_name(lines[at])}`"
    direction = "terlalu menjorok" if own > wanted else "kurang menjorok"
    return Explained(
        at,
        own,
        f"indentasi salah: {what} di baris ini {direction} ({_spaces(own)}), sedangkan "
        f"yang setingkat dengannya di baris {sibling + 1} {_placed(wanted)}",
        f"Sejajarkan dengan baris {sibling + 1}: {_spaces(wanted)} di depannya. Baris-baris "
        "di bawahnya ikut menyesuaikan.",
        with_field=False,
    )


def _missing_colon(lines: list[str], row: int, col: int) -> Explained:
    text = lines[row].strip()
    if text.startswith("-") and not text.startswith(("- ", "---")):
        return Explained(
            row,
            col,
            "butir daftar perlu spasi setelah tanda `-`",
            f"Tulis `- {text[1:].strip()}` (tanda hubung, spasi, lalu isinya).",
        )
    shown = text if len(text) <= 40 else text[:37] + "..."
    return Explained(
        row,
        col,
        f"baris ini tidak berbentuk `nama: nilai`: titik dua `:` tidak ditemukan (`{shown}`)",
        "Bila ini kolom, tambahkan `:` dan spasi setelah nama kolom. Bila ini lanjutan teks "
        "kolom di atasnya, beri indentasi lebih dalam dari nama kolom itu (mis. dua spasi).",
    )


def _colon_in_value(lines: list[str], row: int, col: int) -> Explained:
    line = lines[row]
    key = _KEY_LINE.match(line)
    value = line[key.end() :].strip() if key else line[col:].strip()
    quote = '"' if '"' not in value else "'"
    example = f"{line[: key.end()].strip()} {quote}{value}{quote}" if key else ""
    hint = "Teks yang memuat titik dua diikuti spasi (`: `) harus diapit tanda kutip"
    hint += f", mis. `{example}`." if example and quote not in value else "."
    return Explained(
        row,
        col,
        "ada titik dua `:` di tengah teks, sehingga YAML membacanya sebagai kolom baru",
        hint,
    )


def _mapping_values(lines: list[str], row: int, col: int) -> Explained:
    """``mapping values are not allowed``: a colon where no new field can start."""
    line = lines[row]
    key = _KEY_LINE.match(line)
    if key and key.end() <= col:
        return _colon_in_value(lines, row, col)
    # The colon ends a key that began as text on an earlier line.
    above = next((k for k in range(row - 1, -1, -1) if _content(lines[k])), None)
    if above is None:
        return _missing_colon(lines, row, _indent(line))
    broken = _broken_continuation(lines, row)
    if broken is not None:
        return broken
    if _key_name(lines[above]) and _indent(line) > _key_col(lines[above]):
        return _misindented(lines, row)
    if not _looks_structural(lines[above]):
        return _missing_colon(lines, above, _indent(lines[above]))
    return _misindented(lines, row)


def _unclosed_quote(lines: list[str], err: yaml.MarkedYAMLError) -> Explained:
    mark = err.context_mark or err.problem_mark
    row, col = (mark.line, mark.column) if mark else (0, 0)
    quote = lines[row][col] if row < len(lines) and col < len(lines[row]) else '"'
    quote = quote if quote in "'\"" else '"'
    return Explained(
        row,
        col,
        f"tanda kutip `{quote}` dibuka di sini tetapi tidak pernah ditutup",
        f"Tutup teksnya dengan `{quote}` di akhir baris yang sama, atau hapus tanda kutip "
        "pembukanya. Tanda kutip di dalam teks: pakai jenis kutip yang lain untuk mengapitnya.",
    )


def _at(err: yaml.MarkedYAMLError) -> tuple[int, int]:
    mark = err.problem_mark or err.context_mark
    return (mark.line, mark.column) if mark else (0, 0)


def _char_at(lines: list[str], row: int, col: int) -> str:
    return lines[row][col] if row < len(lines) and col < len(lines[row]) else ""


def explain(err: yaml.MarkedYAMLError, text: str) -> Explained:
    """The contributor's view of a libyaml/PyYAML error."""
    lines = text.splitlines() or [""]
    problem = err.problem or ""
    context = err.context or ""
    row, col = _at(err)
    row = min(row, len(lines) - 1)
    if "single document" in context or "another document" in problem:
        return Explained(
            row,
            col,
            "berkas memuat lebih dari satu dokumen YAML (ada baris `---`)",
            "Satu berkas berisi satu praktik: hapus `---` dan isi di bawahnya, atau pindahkan "
            "isinya ke berkas baru.",
        )
    if "document start" in problem:
        return Explained(
            row,
            col,
            "ada isi setelah penanda akhir dokumen `...`",
            "Hapus baris `...`; satu berkas berisi satu praktik.",
        )
    if "quoted scalar" in context and "end of stream" in problem:
        return _unclosed_quote(lines, err)
    if "unexpected document indicator" in problem or "document separator" in problem:
        return _unclosed_quote(lines, err)
    if "escape" in problem:
        return Explained(
            row,
            max(col - 1, 0),
            "garis miring terbalik `\\` di dalam tanda kutip ganda dibaca sebagai kode khusus",
            "Tulis `\\\\` untuk satu garis miring terbalik, atau apit teksnya dengan tanda "
            "kutip tunggal `'...'`.",
        )
    if "tab" in problem.lower() or _char_at(lines, row, col) == "\t":
        return Explained(
            row,
            col,
            "ada karakter tab; YAML hanya menerima spasi untuk indentasi",
            "Ganti tab dengan spasi (dua spasi per tingkat).",
        )
    if "cannot start any token" in problem:
        char = _char_at(lines, row, col)
        return Explained(
            row,
            col,
            f"teks tidak boleh diawali `{char}` tanpa tanda kutip"
            if char
            else "ada karakter yang tidak boleh berada di sini",
            f'Apit seluruh teksnya dengan tanda kutip ganda, mis. `"{lines[row][col:].strip()}"`.'
            if char
            else GENERIC_HINT,
        )
    if "undefined alias" in problem or "anchor" in context or "alias" in context:
        return Explained(
            row,
            col,
            "teks yang diawali `*` atau `&` dibaca sebagai penanda rujukan YAML",
            'Apit teksnya dengan tanda kutip ganda (mis. `"*Catatan*"`); catatan praktik '
            "tidak memakai penanda rujukan YAML.",
        )
    if "tag" in problem or "tag" in context:
        return Explained(
            row,
            col,
            "teks yang diawali `!` dibaca sebagai tag YAML",
            "Apit teksnya dengan tanda kutip ganda, atau hapus tanda `!` di awal.",
        )
    if "directive" in problem or "directive" in context:
        return Explained(
            row,
            col,
            "baris yang diawali `%` di awal berkas dibaca sebagai perintah YAML",
            "Hapus baris itu; catatan praktik dimulai langsung dengan `id: ...`.",
        )
    if "block scalar" in context:
        header = err.context_mark.line if err.context_mark else row
        return Explained(
            header,
            col,
            "setelah `>-` atau `|` tidak boleh ada teks di baris yang sama",
            "Tulis `>-` di akhir baris nama kolom, lalu teksnya mulai di baris berikutnya, "
            "menjorok dua spasi lebih dalam dari nama kolom. Bila teksnya pendek, tulis "
            "langsung tanpa `>-`.",
        )
    if "flow sequence" in context or "flow mapping" in context:
        opened = err.context_mark.line if err.context_mark else row
        close = "]" if "sequence" in context else "}"
        start = err.context_mark.column if err.context_mark else col
        return Explained(
            opened,
            start,
            f"tanda `{'[' if close == ']' else '{'}` dibuka di sini tetapi tidak ditutup dengan "
            f"`{close}` di tempat yang benar",
            f"Tutup dengan `{close}` di baris yang sama dan pisahkan isinya dengan koma, atau "
            "tulis setiap butir di baris sendiri diawali `- `. Bila ini teks biasa, apit "
            "dengan tanda kutip.",
        )
    if "could not find expected ':'" in problem:
        start = err.context_mark or err.problem_mark
        srow = start.line if start else row
        broken = _broken_continuation(lines, srow + 1)
        if broken is not None:
            return broken
        scol = start.column if start else col
        return _missing_colon(lines, srow, scol)
    if "mapping values are not allowed" in problem:
        return _mapping_values(lines, row, col)
    if "mapping keys are not allowed" in problem:
        return Explained(
            row,
            col,
            "tanda `?` di sini dibaca sebagai penanda kunci YAML",
            "Apit teksnya dengan tanda kutip ganda.",
        )
    if "block sequence entries are not allowed" in problem:
        return Explained(
            row,
            col,
            "butir daftar `- ` tidak boleh berada di baris yang sama dengan nama kolom",
            "Tulis nama kolom lalu `:` saja, dan setiap butir di baris berikutnya, menjorok "
            "dua spasi dan diawali `- `.",
        )
    if "expected" in problem or "block end" in problem:
        found = (
            _broken_continuation(lines, row)
            or _unexpected_mid_line(lines, row, col)
            or _after_quoted_line(lines, row)
        )
        return found or _misindented(lines, row)
    return Explained(row, col, "baris ini tidak bisa dibaca sebagai YAML", GENERIC_HINT)


def syntax_problem(err: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    """A ``yaml-syntax`` Problem for ``err`` in the file shown as ``shown``."""
    from generator.stages.load import _field_at

    found = explain(err, text)
    lines = text.splitlines()
    field = ""
    if found.with_field and found.line < len(lines):
        try:
            field = _field_at(lines, found.line, len(lines[found.line]))
        except (IndexError, ValueError):  # pragma: no cover - a best effort only
            field = ""
    return Problem(
        shown,
        found.line + 1,
        found.col + 1,
        "yaml-syntax",
        f"YAML tidak valid: {found.message}",
        field,
        found.hint,
    )


def reader_problem(err: yaml.YAMLError, shown: str, text: str) -> Problem:
    """A Problem for errors without a mark (libyaml's reader: control characters)."""
    position = getattr(err, "position", None)
    character = getattr(err, "character", None)
    line, col = 1, 1
    if isinstance(position, int) and 0 <= position <= len(text):
        before = text[:position]
        line = before.count("\n") + 1
        col = position - (before.rfind("\n") + 1) + 1
    if isinstance(character, int | str) and character != "":
        code = character if isinstance(character, int) else ord(character)
        message = f"YAML tidak valid: ada karakter kendali tak terlihat (kode {code:#06x})"
        hint = (
            "Hapus karakter itu; biasanya ikut tersalin dari dokumen lain. Ketik ulang baris ini."
        )
        return Problem(shown, line, col, "yaml-syntax", message, "", hint)
    return Problem(
        shown,
        line,
        col,
        "yaml-syntax",
        "YAML tidak valid: berkas tidak bisa dibaca",
        "",
        GENERIC_HINT,
    )


def first_document(
    err: yaml.MarkedYAMLError, text: str, loader: type
) -> tuple[yaml.Node | None, str] | None:
    """``(node, text)`` of the first document when the only trouble is a second one.

    The text is cut before the second document so that positions looked up
    later (in the first document) stay where they are.
    """
    if "another document" not in (err.problem or "") or err.problem_mark is None:
        return None
    head = "".join(text.splitlines(keepends=True)[: err.problem_mark.line])
    try:
        node = yaml.compose(head, Loader=loader)
    except yaml.YAMLError:
        return None
    return (node, head) if isinstance(node, yaml.MappingNode) else None


MAX_SYNTAX_PROBLEMS = 5
# Mistakes local to a line or two, after which the rest of the file can be read.
_RECOVERABLE = (
    "could not find expected ':'",
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "quoted scalar",
    "cannot start any token",
    "undefined alias",
    "block scalar",
    "flow sequence",
    "flow mapping",
    "expected <block end>",
    "did not find expected node content",
)


def further_problems(
    err: yaml.MarkedYAMLError, text: str, shown: str, first: Problem, loader: type
) -> list[Problem]:
    """Other, independent syntax mistakes further down the same file.

    The line of the first mistake (and the lines that belong under it) is
    blanked and the file composed again; a new error below that part is a
    separate mistake and reported too, so one run lists them all. An error
    inside the blanked part would follow from the first mistake: not reported.
    """
    if not any(kind in f"{err.context} {err.problem}" for kind in _RECOVERABLE):
        return []  # e.g. a second document: everything below is the same mistake
    lines = text.split("\n")
    out: list[Problem] = []
    culprit = first.line - 1
    mark = err.problem_mark.line if err.problem_mark else culprit
    for _ in range(MAX_SYNTAX_PROBLEMS - 1):
        if not 0 <= culprit < len(lines):
            break
        end = max(_block_end(lines, culprit), _under_inline_value_end(lines, culprit))
        for k in range(culprit, end):
            lines[k] = ""
        skip_to = max(end, mark + 1)
        try:
            yaml.compose("\n".join(lines), Loader=loader)
            break
        except yaml.MarkedYAMLError as again:
            found = syntax_problem(again, shown, "\n".join(lines))
            if found.line - 1 < skip_to or not any(
                kind in f"{again.context} {again.problem}" for kind in _RECOVERABLE
            ):
                break  # not clearly a separate mistake
            out.append(found)
            culprit = found.line - 1
            mark = again.problem_mark.line if again.problem_mark else culprit
        except yaml.YAMLError:
            break
    return out


def _block_end(lines: list[str], row: int) -> int:
    """The first line after ``row`` that is not part of it.

    Lines indented deeper belong to it; so do the text lines that continue a
    line of text (neither a field nor a list item) at the same indentation.
    """
    indent = _indent(lines[row]) if _content(lines[row]) else 0
    text = _content(lines[row]) and not _looks_structural(lines[row])
    k = row + 1
    while k < len(lines):
        line = lines[k]
        deeper = _indent(line) > indent
        more_text = text and _indent(line) >= indent and not _looks_structural(line)
        if _content(line) and not deeper and not more_text:
            break
        k += 1
    return k


_INLINE_VALUE = re.compile(r"^\s*(?:- )?[^\s#][^:#]*:\s+(?![|>][-+0-9]*\s*(?:#.*)?$)\S")


def _under_inline_value_end(lines: list[str], row: int) -> int:
    """Where the deeper lines below a field that already has its value on its line end.

    ``ringkasan: {a: 1}`` left above the old text lines makes every one of
    them "too deeply indented": they are one mistake (the field's value was
    replaced), so they are blanked together instead of each being reported.
    Returns ``row`` when the line above ``row`` is not such a field.
    """
    indent = _indent(lines[row])
    above = next(
        (k for k in range(row - 1, -1, -1) if _content(lines[k]) and _indent(lines[k]) < indent),
        None,
    )
    if above is None or not _INLINE_VALUE.match(lines[above]):
        return row
    limit = _indent(lines[above])
    k = row + 1
    while k < len(lines) and (not _content(lines[k]) or _indent(lines[k]) > limit):
        k += 1
    return k
