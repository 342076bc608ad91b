"""The implicit label of a file with no metadata syntax (SRT): a sidecar ``<file>.aigc.json`` beside it.

The sidecar (``AigcSidecar.1``, like every JSON file of a project) holds the GB 45438 Annex E object
under ``AIGC`` (as the standard spells it), the IPTC
``DigitalSourceType``, the notice, and the sha256 of the file it labels, so a sidecar left beside
another version of the file is reported instead of vouching for content it never saw.
"""

from __future__ import annotations

import hashlib
import json

from microdrama.compliance.implicit.fields import Field, Payload
from microdrama.model.compliance import AigcSidecar

SUFFIX = ".aigc.json"


def write(data: bytes, payload: Payload) -> bytes:
    """The sidecar for ``data`` (an ``AigcSidecar.1`` artifact: canonical JSON, the same input gives the same bytes)."""
    aigc = json.loads(payload.aigc_json)
    return AigcSidecar(
        AIGC=aigc.get("AIGC", aigc),
        DigitalSourceType=payload.digital_source_type,
        Notice=payload.notice,
        sha256=hashlib.sha256(data).hexdigest(),
    ).to_bytes()


def read(sidecar: bytes, data: bytes, where: str) -> tuple[list[Field], str | None]:
    """The label fields in ``sidecar`` and, when it does not belong to ``data``, why."""
    try:
        body = json.loads(sidecar.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [Field("aigc", where, f"<not JSON: {exc}>")], None
    if not isinstance(body, dict):
        return [Field("aigc", where, "<not a JSON object>")], None
    fields = []
    if "AIGC" in body:
        fields.append(
            Field(
                "aigc", f"{where} AIGC", json.dumps({"AIGC": body["AIGC"]}, ensure_ascii=False, separators=(",", ":"))
            )
        )
    if isinstance(body.get("DigitalSourceType"), str):
        fields.append(Field("iptc", f"{where} DigitalSourceType", body["DigitalSourceType"]))
    digest = body.get("sha256")
    problem = None
    if digest != hashlib.sha256(data).hexdigest():
        problem = "the sidecar's sha256 does not match the file (edited after labelling, or another file's sidecar)"
    return fields, problem
