"""The GB 45438 Annex E payload: field order, first-write rule, validation of foreign values."""

from __future__ import annotations

import json

import pytest

from microdrama.compliance.aigc import (
    FIELDS,
    AigcLabel,
    LabelError,
    ascii_code,
    parse_label,
    produce_id,
)


def test_first_write_repeats_the_producer_as_propagator() -> None:
    label = AigcLabel(content_producer="acme", produce_id="abc").first_write()
    data = json.loads(label.to_json())["AIGC"]
    assert list(data) == list(FIELDS)
    assert data["Label"] == "1" and data["ContentPropagator"] == "acme" and data["PropagateID"] == "abc"


def test_values_outside_the_allowed_characters_are_refused() -> None:
    with pytest.raises(LabelError, match="ContentProducer"):
        AigcLabel(content_producer="my studio", produce_id="x").to_json()  # a space is not allowed
    assert ascii_code("我的 Studio") == "---Studio"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("not json", "not JSON"),
        ('{"AIGC": []}', "not a JSON object"),
        ('{"AIGC": {"Label": "1", "ContentProducer": "x"}}', "ProduceID is missing"),
        ('{"AIGC": {"Label": "7", "ContentProducer": "x", "ProduceID": "y"}}', "Label must be 1, 2 or 3"),
        ('{"AIGC": {"Label": 1, "ContentProducer": "x", "ProduceID": "y"}}', "must be a string"),
        ('{"AIGC": {"Label": "1", "ContentProducer": "x", "ProduceID": "y", "Extra": "z"}}', "unknown field"),
    ],
)
def test_malformed_labels_say_what_is_wrong(value: str, problem: str) -> None:
    with pytest.raises(LabelError, match=problem):
        parse_label(value)


def test_bare_object_and_round_trip() -> None:
    label = AigcLabel(produce_id="p1").first_write()
    assert parse_label(label.to_json()) == label
    assert parse_label(json.dumps(label.fields())).produce_id == "p1"


def test_produce_id_is_stable_and_content_specific() -> None:
    assert produce_id("a", "x.png", "00") == produce_id("a", "x.png", "00")
    assert produce_id("a", "x.png", "00") != produce_id("a", "x.png", "01")
