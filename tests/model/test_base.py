"""Artifacts: schema tags checked on read, upgrades, readable errors, drift-tested JSON Schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from microdrama.cli.schemas import render_schemas
from microdrama.errors import ArtifactError
from microdrama.model import ARTIFACTS, Provenance, Source
from microdrama.model.base import Artifact, upgrades

REPO = Path(__file__).resolve().parents[2]


def make_source(**extra: Any) -> Source:
    return Source(
        file_name="a.txt",
        file_format="txt",
        sha256="0" * 64,
        size_bytes=2,
        encoding="utf-8",
        language="en",
        text="hi",
        chapters=[],
        provenance=Provenance(stage="ingest"),
        **extra,
    )


def test_round_trip_and_schema_tag() -> None:
    source = make_source()
    data = json.loads(source.to_json())
    assert data["schema"] == "Source.1"
    assert Source.from_json(source.to_json()) == source


def test_wrong_schema_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({**json.loads(make_source().to_json()), "schema": "Cast.1"}))
    with pytest.raises(ArtifactError, match="expected 'Source.1'"):
        Source.load(path)


def test_newer_version_asks_for_an_upgrade() -> None:
    data = {**json.loads(make_source().to_json()), "schema": "Source.9"}
    with pytest.raises(ArtifactError, match="newer than this release"):
        Source.from_json(json.dumps(data))


def test_malformed_json_and_missing_file_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ArtifactError, match="bad.json: not valid JSON"):
        Source.load(bad)
    with pytest.raises(ArtifactError, match="missing"):
        Source.load(tmp_path / "absent.json")


def test_unknown_fields_are_rejected() -> None:
    data = {**json.loads(make_source().to_json()), "typo_field": 1}
    with pytest.raises(ArtifactError, match="typo_field"):
        Source.from_json(json.dumps(data))


def test_registered_upgrade_runs_before_validation() -> None:
    class Thing(Artifact):
        SCHEMA_NAME = "TestThing"
        SCHEMA_VERSION = 2
        name: str

    @upgrades(Thing, to=2)
    def rename(data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        data["name"] = data.pop("label")
        return data

    try:
        thing = Thing.from_json(json.dumps({"schema": "TestThing.1", "label": "old"}))
        assert thing.name == "old" and thing.schema_id == "TestThing.2"
    finally:
        ARTIFACTS.pop("TestThing")


def test_committed_schemas_match_the_models() -> None:
    folder = REPO / "docs" / "schemas"
    wanted = render_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.schema.json")}
    assert committed == wanted, "docs/schemas is out of date: run `microdrama schemas --out docs/schemas`"


def _models(cls: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if cls in seen:
        return
    seen.add(cls)
    for field in cls.model_fields.values():
        stack = [field.annotation]
        while stack:
            ann = stack.pop()
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                _models(ann, seen)
            stack.extend(get_args(ann))


def all_models() -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    for cls in ARTIFACTS.values():
        _models(cls, seen)
    return seen


def test_every_field_has_a_description() -> None:
    missing = [
        f"{cls.__name__}.{name}"
        for cls in all_models()
        for name, field in cls.model_fields.items()
        if not field.description
    ]
    assert missing == []


def test_time_is_integers() -> None:
    """DESIGN: durations and times are int milliseconds, never floats."""
    suspicious = ("time", "start", "end", "duration", "_ms")
    floats = [
        f"{cls.__name__}.{name}"
        for cls in all_models()
        for name, field in cls.model_fields.items()
        if any(s in name for s in suspicious) and float in (field.annotation, *get_args(field.annotation))
    ]
    assert floats == []
