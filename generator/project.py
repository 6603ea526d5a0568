"""Where things live in a Replika project (like ``mkdocs``, the current directory)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ProjectNotFound


@dataclass(frozen=True)
class Project:
    """Paths of one project; every command works on one of these."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def practices_dir(self) -> Path:
        return self.root / "practices"

    @property
    def regions_file(self) -> Path:
        """The registry of cities and regencies (kota/kabupaten)."""
        return self.practices_dir / "_wilayah.yaml"

    @property
    def template_file(self) -> Path:
        return self.practices_dir / "_templat.yaml"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the project root if inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_project(directory: Path | None = None) -> Project:
    """The project in ``directory`` (default: the current directory)."""
    root = (directory or Path.cwd()).resolve()
    if not (root / "mkdocs.yml").is_file() or not (root / "practices").is_dir():
        raise ProjectNotFound(
            f"{root} bukan proyek Replika: tidak ada `mkdocs.yml` dan folder `practices/`. "
            "Jalankan perintah dari folder proyek, atau pakai `--proyek FOLDER`."
        )
    return Project(root)


SITE_URL_ENV = "REPLIKA_SITE_URL"
"""Environment variable mkdocs.yml reads ``site_url`` from (``!ENV``); the deploy sets it."""


def configured_site_url(project: Project) -> str:
    """The published address from mkdocs.yml's ``site_url`` (trailing ``/``), or ``""``.

    mkdocs.yml is read with MkDocs' own reader, so ``site_url: !ENV
    [REPLIKA_SITE_URL, ""]`` (and ``INHERIT``) resolve exactly as in ``mkdocs
    build``. The whole configuration is not validated here (a project being
    set up may lack ``docs/``). Nothing is made up: without a configured
    http(s) address the answer is empty, and callers print no address at all.
    """
    # Imported here: most commands never need it, and it costs every start-up ~35 ms.
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with project.config_file.open("rb") as handle:
            config = yaml_load(handle)
    except (OSError, ConfigurationError):
        return ""
    url = config.get("site_url") if isinstance(config, dict) else None
    if not isinstance(url, str) or not re.match(r"https?://[^/\s]+", url.strip()):
        return ""
    return url.strip().rstrip("/") + "/"
