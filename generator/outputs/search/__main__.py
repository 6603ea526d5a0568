"""``python -m generator.outputs.search [--waktu] [--keluaran FOLDER]`` in a project folder.

Validates the project, builds its catalogue and writes the search index alone
(no MkDocs): the benchmark's baseline (``bench/run.py``,
``bench/search_forgiving.py``). With ``--waktu`` it prints one JSON line of
timings and sizes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from generator.outputs.search.files import index_files, write_index
from generator.project import find_project
from generator.stages.model import build_catalogue
from generator.stages.validate import check_project


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m generator.outputs.search", description="Tulis indeks pencarian situs."
    )
    parser.add_argument("--keluaran", help="folder situs (bawaan: site/ proyek)")
    parser.add_argument(
        "--waktu", action="store_true", help="cetak lama pengindeksan saja (tanpa MkDocs)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Index the project in the current folder; 1 when its records have problems."""
    args = parse(argv)
    project = find_project(Path.cwd())
    started = time.monotonic()
    checked = check_project(project)
    if checked.problems:
        print(f"{len(checked.problems)} masalah; jalankan `replika validate`", file=sys.stderr)
        return 1
    catalogue = build_catalogue(checked, project)
    loaded = time.monotonic()
    files = index_files(catalogue)
    indexed = time.monotonic()
    folder = write_index(files, Path(args.keluaran) if args.keluaran else project.site_dir)
    done = time.monotonic()
    if args.waktu:
        timings = {
            "dokumen": len(catalogue.practices),
            "halaman": json.loads(files["manifest.json"])["dokumen"],
            "berkas": len(files),
            "bita": sum(len(b) for b in files.values()),
            "muat_dtk": round(loaded - started, 3),
            "indeks_dtk": round(indexed - loaded, 3),
            "tulis_dtk": round(done - indexed, 3),
            "folder": str(folder),
        }
        print(json.dumps(timings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
