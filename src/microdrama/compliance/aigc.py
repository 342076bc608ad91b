"""The implicit label's payload: GB 45438-2025 Annex E (normative) ``{"AIGC": {...}}`` JSON, and IPTC terms.

Annex E: one metadata field whose name contains ``AIGC``; its value a JSON object of string fields,
characters printable ASCII without space, ``"`` and ``\\`` (GB 18030 0x21, 0x23–0x5B, 0x5D–0x7E).
``Label`` is "1" (AI-generated/synthesised), "2" (possibly) or "3" (suspected); on first write the
propagator fields repeat the producer's (ContentPropagator = ContentProducer, PropagateID = ProduceID).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

#: the Annex E fields, in the standard's order
FIELDS = ("Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID", "ReservedCode2")
REQUIRED = ("Label", "ContentProducer", "ProduceID")
LABELS = {"1": "AI-generated/synthesised", "2": "possibly AI-generated", "3": "suspected AI-generated"}
_ALLOWED = re.compile(r"^[\x21\x23-\x5b\x5d-\x7e]*$")

#: IPTC NewsCodes digital source types (what Meta/YouTube read from XMP and C2PA)
IPTC_GENERATED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
IPTC_ASSISTED = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
IPTC_ALGORITHMIC = "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia"

Origin = Literal["generated", "assisted", "synthesised", "none"]

#: how each provenance origin is declared in IPTC terms
IPTC_FOR: dict[str, str] = {
    "generated": IPTC_GENERATED,
    "assisted": IPTC_ASSISTED,
    "synthesised": IPTC_ALGORITHMIC,
}


class LabelError(ValueError):
    """An implicit label that does not follow GB 45438 Annex E."""


def ascii_code(text: str, *, limit: int = 64) -> str:
    """``text`` reduced to the characters Annex E allows (others become ``-``), e.g. for producer names."""
    cleaned = "".join(c if _ALLOWED.match(c) else "-" for c in text.strip())
    return cleaned[:limit] or "-"


def produce_id(producer: str, path: str, content_sha256: str) -> str:
    """A content id unique per producer, file and content: stable, so re-runs write the same bytes."""
    digest = hashlib.sha256(f"{producer}\n{path}\n{content_sha256}".encode()).hexdigest()
    return digest[:32]


@dataclass(frozen=True)
class AigcLabel:
    """One implicit label (all values strings, per Annex E)."""

    label: str = "1"
    content_producer: str = "microdrama"
    produce_id: str = ""
    reserved_code1: str = ""
    content_propagator: str = ""
    propagate_id: str = ""
    reserved_code2: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def first_write(self) -> AigcLabel:
        """The label as the producer writes it the first time: propagator fields repeat the producer's."""
        return AigcLabel(
            self.label,
            self.content_producer,
            self.produce_id,
            self.reserved_code1,
            self.content_propagator or self.content_producer,
            self.propagate_id or self.produce_id,
            self.reserved_code2,
            dict(self.extra),
        )

    def fields(self) -> dict[str, str]:
        """The Annex E object, in the standard's field order."""
        values = (
            self.label,
            self.content_producer,
            self.produce_id,
            self.reserved_code1,
            self.content_propagator,
            self.propagate_id,
            self.reserved_code2,
        )
        return dict(zip(FIELDS, values, strict=True))

    def to_json(self) -> str:
        """The stored value: ``{"AIGC":{...}}``, compact, never base64."""
        problems = validate_fields(self.fields())
        if problems:
            raise LabelError("; ".join(problems))
        return json.dumps({"AIGC": self.fields()}, separators=(",", ":"), ensure_ascii=True)


def validate_fields(fields: Mapping[str, object]) -> list[str]:
    """What is wrong with an AIGC object (empty list: valid)."""
    problems = []
    for name in REQUIRED:
        if not fields.get(name):
            problems.append(f"{name} is missing or empty")
    for name, value in fields.items():
        if not isinstance(value, str):
            problems.append(f"{name} must be a string, not {type(value).__name__}")
        elif not _ALLOWED.match(value):
            problems.append(f"{name} has characters outside printable ASCII without space, '\"' and '\\\\'")
    label = fields.get("Label")
    if isinstance(label, str) and label and label not in LABELS:
        problems.append(f"Label must be 1, 2 or 3, not {label!r}")
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        problems.append(f"unknown field(s): {', '.join(unknown)}")
    return problems


def parse_label(value: str | bytes) -> AigcLabel:
    """Parse a stored AIGC value (``{"AIGC":{...}}`` or the bare object).

    Raises:
        LabelError: not JSON, not an object, or fields that break Annex E.
    """
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LabelError(f"not UTF-8 text: {exc}") from exc
    value = value.strip().rstrip("\x00")
    try:
        data = json.loads(value)
    except json.JSONDecodeError as exc:
        raise LabelError(f"not JSON ({exc.msg} at character {exc.pos})") from exc
    if isinstance(data, dict) and "AIGC" in data:
        data = data["AIGC"]
    if not isinstance(data, dict):
        raise LabelError("the AIGC value is not a JSON object")
    problems = validate_fields(data)
    if problems:
        raise LabelError("; ".join(problems))
    values = [str(data.get(name, "")) for name in FIELDS]
    return AigcLabel(values[0], values[1], values[2], values[3], values[4], values[5], values[6])
