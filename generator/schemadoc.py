"""Files generated from the schema and committed: the JSON Schema (and docs).

``replika schema`` writes them; ``replika schema --check`` and a test fail
when a committed copy drifts from the models in :mod:`generator.schema`.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.project import Project
from generator.schema import json_schema

SCHEMA_PATH = Path("docs/skema/praktik.schema.json")


def schema_json_text() -> str:
    """The JSON Schema exactly as committed (stable key order, trailing newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def schema_outputs(project: Project) -> dict[Path, str]:
    """Every schema-derived file of the project and its expected content."""
    return {project.root / SCHEMA_PATH: schema_json_text()}
