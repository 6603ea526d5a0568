"""The committed JSON Schema is generated from the models and agrees with them."""

from __future__ import annotations

import json

import jsonschema

from generator.schemadoc import SCHEMA_PATH, schema_json_text
from generator.stages.load import load_file
from tests.conftest import ROOT


def test_committed_schema_matches_models() -> None:
    committed = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_json_text(), "run `replika schema` and commit the result"


def test_schema_is_draft_2020_12_and_valid() -> None:
    schema = json.loads(schema_json_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_bundled_records_satisfy_the_json_schema_and_carry_the_schema_line() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_json_text()))
    records = sorted((ROOT / "practices").glob("[!_]*.yaml"))
    assert records
    for path in records:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../docs/skema/praktik.schema.json", path
        loaded = load_file(path)
        errors = list(validator.iter_errors(loaded.data))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_json_schema_rejects_what_the_validator_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_json_text()))
    data = load_file(ROOT / "tests/examples/valid/contoh-minimal.yaml").data
    assert validator.is_valid(data)
    for bad in ({"sektor": "sampah"}, {"judull": "x"}, {"jenis": "kelembagaan"}):
        assert not validator.is_valid({**data, **bad}), bad
