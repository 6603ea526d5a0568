"""Typst, the typesetter: compiling a template with JSON data, counting pages, reading marks.

Record text reaches Typst only as JSON strings (``sys.inputs.data``) and is
placed as text, never evaluated as markup. One :class:`typst.Compiler` per
folder and template is kept for the life of a process: it reuses the fonts
and memoised layout between compilations (:func:`forget` keeps that memory
bounded).
"""

from __future__ import annotations

import json
import re
import subprocess
from functools import cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from generator.errors import PdfError

NOTO_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/noto")
TEMPLATES = ("gaya.typ", "isi.typ", "katalog.typ", "ringkas.typ")


@cache
def template_files() -> tuple[tuple[str, bytes], ...]:
    """The Typst templates of ``generator/templates/pdf/`` as ``(name, bytes)``."""
    root = resources.files("generator") / "templates" / "pdf"
    return tuple((name, (root / name).read_bytes()) for name in TEMPLATES)


def typst_version() -> str:
    """The installed Typst package's version (part of every cache key)."""
    try:
        return version("typst")
    except PackageNotFoundError:
        return "?"


def _font_paths() -> list[str]:
    found = [d for d in NOTO_DIRS if Path(d, "NotoSans-Regular.ttf").is_file()]
    if not found:
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", "Noto Sans"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
        except OSError:
            out = ""
        if "NotoSans" in out:
            found = [str(Path(out).parent)]
    if not found:
        raise PdfError(
            "fon Noto Sans/Noto Serif tidak ditemukan; jalankan scripts/setup.sh "
            "(memasang paket fonts-noto-core)"
        )
    return found


def _typst() -> Any:
    try:
        import typst
    except ImportError as err:
        raise PdfError(
            f"Typst tidak dapat dimuat ({err}); jalankan scripts/setup.sh "
            "(memasang paket Python `typst`)"
        ) from None
    return typst


def write_templates(folder: Path) -> None:
    """Copy the Typst templates into ``folder`` (Typst's root for one run)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in template_files():
        (folder / name).write_bytes(data)
    (folder / FLUSH).write_text("#sys.inputs.data\n", encoding="utf-8")


_COMPILERS: dict[tuple[str, str], Any] = {}


def _compiler(root: Path, template: str) -> Any:
    key = (str(root), template)
    if key not in _COMPILERS:
        typst = _typst()
        _COMPILERS[key] = typst.Compiler(
            input=str(root / template),
            root=str(root),
            font_paths=_font_paths(),
            ignore_system_fonts=True,
        )
    return _COMPILERS[key]


def compile_pdf(root: Path, template: str, data: Any, **inputs: str) -> bytes:
    """Compile ``root/template`` with ``data`` (JSON, or JSON text) as ``sys.inputs.data``."""
    typst = _typst()
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    try:
        return _compiler(root, template).compile(
            sys_inputs={"data": text, **inputs}, pdf_tags=False
        )
    except typst.TypstError as err:  # a bug of ours, not of the record: say so plainly
        raise PdfError(f"Typst gagal menyusun {template}: {err}") from None


FLUSH = "leer.typ"
FLUSH_COMPILES = 11


def forget(root: Path) -> None:
    """Let Typst drop what it memoised for the last big document.

    The compiler keeps memoised layout results until they have gone unused for
    ten compilations; a few compilations of an empty document evict them, so a
    worker's memory stays at about one chunk however many chunks it makes.
    """
    for n in range(FLUSH_COMPILES):
        compile_pdf(root, FLUSH, str(n))


def query_marks(root: Path, template: str, label: str = "<tanda>") -> list[dict[str, Any]]:
    """The ``label`` metadata of a compiled document (reuses the compilation's layout)."""
    # Compiler.query takes no inputs: it queries the document of the last compile().
    out = _compiler(root, template).query(label, field="value")
    return json.loads(out)


def page_count(data: bytes) -> int:
    """Pages of a PDF written by Typst (the page tree comes first) or anyone else."""
    match = re.search(rb"/Type\s*/Pages\s*/Count\s+(\d+)", data[:4096])
    if match:
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
