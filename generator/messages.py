"""The contributor guide's list of validator messages, one row per rule id.

The rows come from the rule registry (:mod:`generator.rules`): every rule id
``replika validate`` can emit, an example of its message and what to do about
it. ``replika schema`` writes the list to ``docs/kontribusi/pesan.md``.
"""

from __future__ import annotations

from pathlib import Path

from generator.rules import RULES

MESSAGES_PATH = Path("docs/kontribusi/pesan.md")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    """An inline code span that may itself contain backticks."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") or fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def messages_page() -> str:
    """``docs/kontribusi/pesan.md``: every rule id, an example message, the fix."""
    lines = [
        "<!-- Dibuat oleh `replika schema` dari generator/messages.py; jangan disunting. -->",
        "# Daftar pesan validator",
        "",
        "`replika validate` (dan pemeriksaan otomatis di pull request) melaporkan setiap "
        "masalah dalam bentuk",
        "",
        "```text",
        "practices/nama-berkas.yaml:BARIS:KOLOM: [kode-aturan] pesan (kolom: nama kolom)",
        "    Saran: cara memperbaikinya",
        "```",
        "",
        "Butir daftar dihitung dari 1: `linimasa butir ke-2 › tanggal` adalah `tanggal` pada "
        "tonggak kedua di `linimasa`. Satu kesalahan dilaporkan sekali. Keluaran "
        "`--format json` memakai jalur mesin (`linimasa[1].tanggal`, dihitung dari 0).",
        "",
        "Halaman ini mendaftar semua kode aturan beserta contoh pesannya.",
    ]
    group = ""
    for rule, doc in RULES.items():
        if doc.group != group:
            group = doc.group
            lines += ["", f"## {group}", "", "| Kode | Contoh pesan | Arti dan cara memperbaiki |"]
            lines.append("| --- | --- | --- |")
        lines.append(f"| `{rule}` | {_cell(_code(doc.example))} | {_cell(doc.meaning)} |")
    return "\n".join(lines) + "\n"
