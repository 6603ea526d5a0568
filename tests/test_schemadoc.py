"""Files generated from the schema: the field reference and the issue form stay in sync."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest
import yaml

from generator import vocab
from generator.schema import Practice
from generator.schemadoc import REFERENCE_PATH, field_reference
from generator.stages.validate.schema_errors import nested_model

ROOT = Path(__file__).resolve().parents[1]
FORM_PATH = Path(".github/ISSUE_TEMPLATE/usulan-praktik.yml")


def replika(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``replika ARGS`` in ``project``, through ``generator.cli.main`` in this process."""
    from site_support import run_main

    return run_main(project, *args)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "practices", root / "practices")
    shutil.copytree(ROOT / "docs" / "skema", root / "docs" / "skema")
    shutil.copytree(ROOT / "docs" / "kontribusi", root / "docs" / "kontribusi")
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", root / FORM_PATH.parent)
    return root


def test_committed_generated_files_are_current() -> None:
    result = replika(ROOT, "schema", "--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("relative", [REFERENCE_PATH, FORM_PATH])
def test_schema_check_fails_on_drift_and_schema_repairs_it(project: Path, relative: Path) -> None:
    path = project / relative
    path.write_text(path.read_text(encoding="utf-8") + "\nsuntingan tangan\n", encoding="utf-8")
    check = replika(project, "schema", "--check")
    assert check.returncode == 1
    assert relative.as_posix() in check.stderr
    assert "suntingan tangan" in path.read_text(encoding="utf-8")  # --check writes nothing
    write = replika(project, "schema")
    assert write.returncode == 0 and relative.as_posix() in write.stdout
    assert replika(project, "schema", "--check").returncode == 0
    assert path.read_text(encoding="utf-8") == (ROOT / relative).read_text(encoding="utf-8")


def _paths(model: type, prefix: str = "") -> list[tuple[str, object]]:
    """Every field of the record as the reference names it (``linimasa[].tanggal``)."""
    out = []
    for info in model.model_fields.values():
        path = prefix + info.alias
        out.append((path, info))
        nested = nested_model(info.annotation)
        if nested is not None:
            is_list = "list" in str(info.annotation)
            out.extend(_paths(nested, path + ("[]." if is_list else ".")))
    return out


def test_reference_describes_every_field_and_every_choice() -> None:
    text = field_reference()
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([^`]+)` \|.*$", text, re.M)}
    for path, info in _paths(Practice):
        assert path in rows, f"field `{path}` missing from the reference"
        row = rows[path]
        assert ("**wajib**" in row) == info.is_required(), path
        description = " ".join(str(info.description).split()).replace("|", "\\|")
        assert description in row, path
    for options in (
        vocab.SECTORS,
        vocab.PRACTICE_TYPES,
        vocab.INSTRUMENT_KINDS,
        vocab.LEARNING_FORMS,
        vocab.REPLICATION_PHASES,
        vocab.REPLICATION_STATUSES,
        vocab.EVIDENCE_LEVELS,
        vocab.PRACTICE_STATUSES,
    ):
        for slug, label in options.items():
            assert f"| `{slug}` | {label} |" in text, slug
    for province in vocab.PROVINCES:
        assert f"| `{province}` |" in text
    for slug, meaning in vocab.EVIDENCE_DESCRIPTIONS.items():
        assert meaning in rows[slug]


def test_reference_links_point_at_its_own_headings() -> None:
    """Every `(#anchor)` link exists once rendered (MkDocs strict fails otherwise)."""
    html = markdown.markdown(field_reference(), extensions=["toc", "tables"])
    ids = set(re.findall(r'id="([^"]+)"', html))
    anchors = set(re.findall(r'href="#([^"]+)"', html))
    assert anchors, "the reference links fields to their sections and choice lists"
    assert anchors <= ids, f"broken anchors: {sorted(anchors - ids)}"


def test_issue_form_offers_the_closed_lists() -> None:
    form = yaml.safe_load((ROOT / FORM_PATH).read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in form["body"] if "id" in e}
    assert len(by_id) == len([e for e in form["body"] if "id" in e]), "ids must be unique"
    labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
    assert len(labels) == len(set(labels)), "labels must be unique (from-issue reads them)"
    assert by_id["sektor"]["attributes"]["options"] == list(vocab.SECTORS.values())
    assert by_id["jenis"]["attributes"]["options"] == list(vocab.PRACTICE_TYPES.values())
    assert by_id["jenis"]["attributes"]["multiple"] is True
    assert by_id["provinsi"]["attributes"]["options"] == list(vocab.PROVINCES)
    assert by_id["tingkat_bukti"]["attributes"]["options"] == list(vocab.EVIDENCE_LEVELS.values())
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] == "dropdown":
            options = element["attributes"]["options"]
            assert options and len(options) == len(set(options))
            # from-issue splits multiple answers on commas
            assert all("," not in o for o in options)


def test_reference_names_exactly_the_fields_rendered_as_markdown() -> None:
    """The guide and the field reference promise Markdown only where the site renders it."""
    from generator.limits import MARKDOWN_FIELDS
    from generator.schema import MARKDOWN_NOTE

    noted = {
        name
        for name, prop in Practice.model_json_schema(by_alias=True)["properties"].items()
        if MARKDOWN_NOTE.strip() in prop.get("description", "")
    }
    assert noted == set(MARKDOWN_FIELDS)
    guide = (ROOT / "docs" / "kontribusi" / "index.md").read_text(encoding="utf-8")
    for name in MARKDOWN_FIELDS:
        assert f"`{name}`" in guide.split("### Huruf tebal, miring dan tautan")[1].split("###")[0]
