"""YAML syntax errors in plain Indonesian, at the line the contributor must change.

libyaml reports where *it* noticed a problem, in English ("did not find
expected key"). A contributor editing in the GitHub web editor needs the
likely cause (indentation, a missing ``:``, a stray quote, a tab) and the line
to fix. The parser's mark is often one or two lines after that line: an
under-indented continuation of a ``>-`` text is only noticed at the next key.
So the explanation here reads the indentation of the surrounding lines too
(:mod:`generator.stages.load.syntax_layout`).

Nothing from the parser's English ever reaches the contributor: every known
error gets its own Indonesian text and anything unknown gets an Indonesian
fallback (the English is never copied into the message).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from generator.stages.load.syntax_layout import (
    DASH_LINE,
    KEY_LINE,
    block_scalars,
    content_above,
    indent_of,
    is_content,
    key_col,
    key_name,
    levels_above,
    looks_structural,
    structure_cols,
)

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


def _spaces(n: int) -> str:
    return f"{n} spasi" if n else "tanpa spasi"


def _placed(n: int) -> str:
    return f"menjorok {n} spasi" if n else "rata kiri"


def _broken_continuation(lines: list[str], mark_line: int) -> Explained | None:
    """A ``>-`` text whose next line is indented too little (the issue's classic).

    The text ends at the first line indented less than the text. If that line
    is not a new field or list item at a level the block structure allows, it
    was meant as a continuation of the text: that is the line to fix.
    """
    for header, key_indent, content_indent, after in reversed(block_scalars(lines, mark_line + 1)):
        if after > mark_line or after >= len(lines):
            continue
        # Only the lines between the broken text and the parser's mark qualify.
        if any(
            is_content(lines[k]) and looks_structural(lines[k]) for k in range(after, mark_line)
        ):
            return None
        line = lines[after]
        indent = indent_of(line)
        between = key_indent < indent < content_indent
        if not between and looks_structural(line):
            return None
        name = key_name(lines[header])
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


def _misindented(lines: list[str], row: int) -> Explained:
    """Line ``row`` is indented to no level the lines above allow."""
    line = lines[row]
    indent = indent_of(line)
    levels = levels_above(lines, row)
    is_item = bool(DASH_LINE.match(line)) or line.strip() == "-"
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
    own = key_name(line)
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
    if col <= indent_of(line) or col >= len(line.rstrip()):
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
    above = content_above(lines, row)
    if above is None or looks_structural(lines[row]):
        return None
    if not lines[above].rstrip().endswith(("'", '"')) or not key_name(lines[above]):
        return None
    return Explained(
        row,
        indent_of(lines[row]),
        f"teks ini lanjutan dari kolom `{key_name(lines[above])}` di baris {above + 1}, "
        "padahal tanda kutipnya sudah ditutup di baris itu",
        "Pindahkan tanda kutip penutup ke akhir teks (di baris ini), atau gabungkan teksnya "
        "menjadi satu baris.",
    )


def _odd_one_out(lines: list[str], at: int, row: int) -> Explained | None:
    """Line ``at`` is out of line with its siblings, which agree with the reported line.

    E.g. one list item `` - tanggal`` at one space among items at two: the
    parser stumbles on the next line, but the line to fix is ``at``.
    """
    indent = indent_of(lines[row])
    dash_at, key_at = structure_cols(lines[at])
    if key_at is None or key_at == indent:
        return None
    floor = min(indent, indent_of(lines[at])) - (2 if dash_at is not None else 0)
    agree: list[int] = []
    children: list[int] = []  # fields of the item on line ``at`` that agree with the row
    for step in (-1, 1):
        k = at + step
        while 0 <= k < len(lines) and abs(k - at) < 200:
            line = lines[k]
            k += step
            if not is_content(line) or not looks_structural(line):
                continue
            if indent_of(line) < floor:
                break
            dash, key = structure_cols(line)
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
    own = indent_of(lines[at])
    wanted = indent_of(lines[sibling])
    what = "butir daftar" if dash_at is not None else f"kolom `{key_name(lines[at])}`"
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
    key = KEY_LINE.match(line)
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
    key = KEY_LINE.match(line)
    if key and key.end() <= col:
        return _colon_in_value(lines, row, col)
    # The colon ends a key that began as text on an earlier line.
    above = content_above(lines, row)
    if above is None:
        return _missing_colon(lines, row, indent_of(line))
    broken = _broken_continuation(lines, row)
    if broken is not None:
        return broken
    if key_name(lines[above]) and indent_of(line) > key_col(lines[above]):
        return _misindented(lines, row)
    if not looks_structural(lines[above]):
        return _missing_colon(lines, above, indent_of(lines[above]))
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
    """The contributor's view of a libyaml/PyYAML error.

    The checks run in a fixed order (document, then token, then structure
    errors): a parser message can match more than one of them.
    """
    lines = text.splitlines() or [""]
    row, col = _at(err)
    row = min(row, len(lines) - 1)
    return (
        _document_error(err, lines, row, col)
        or _token_error(err, lines, row, col)
        or _structure_error(err, lines, row, col)
    )


def _document_error(
    err: yaml.MarkedYAMLError, lines: list[str], row: int, col: int
) -> Explained | None:
    """Several documents, text after ``...``, or a quote never closed."""
    problem = err.problem or ""
    context = err.context or ""
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
    return None


def _token_error(
    err: yaml.MarkedYAMLError, lines: list[str], row: int, col: int
) -> Explained | None:
    """A character the scanner cannot start a token with (escape, tab, ``@``, ``*``, ``!``, ``%``)."""
    problem = err.problem or ""
    context = err.context or ""
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
    return None


def _structure_error(err: yaml.MarkedYAMLError, lines: list[str], row: int, col: int) -> Explained:
    """Block texts, flow lists, missing or misplaced ``:`` and ``- ``, indentation."""
    problem = err.problem or ""
    context = err.context or ""
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
