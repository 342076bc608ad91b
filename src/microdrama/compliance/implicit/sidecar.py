"""The implicit label of a file with no metadata syntax (SRT): a sidecar ``<file>.aigc.json`` beside it.

The sidecar holds the GB 45438 Annex E object under ``AIGC`` (as the standard's JSON), the IPTC
``DigitalSourceType``, the notice, and the sha256 of the file it labels, so a sidecar left beside
another version of the file is reported instead of vouching for content it never saw.
"""

from __future__ import annotations

import hashlib
import json

from microdrama.compliance.implicit.fields import Field, Payload

SUFFIX = ".aigc.json"


def write(data: bytes, payload: Payload) -> bytes:
    """The sidecar for ``data`` (UTF-8 JSON, keys in a fixed order: the same input gives the same bytes)."""
    body: dict[str, object] = dict(json.loads(payload.aigc_json))
    if payload.digital_source_type:
        body["DigitalSourceType"] = payload.digital_source_type
    if payload.notice:
        body["Notice"] = payload.notice
    body["sha256"] = hashlib.sha256(data).hexdigest()
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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
        fields.append(Field("aigc", f"{where} AIGC", json.dumps({"AIGC": body["AIGC"]}, ensure_ascii=False, separators=(",", ":"))))
    if isinstance(body.get("DigitalSourceType"), str):
        fields.append(Field("iptc", f"{where} DigitalSourceType", body["DigitalSourceType"]))
    digest = body.get("sha256")
    problem = None
    if digest != hashlib.sha256(data).hexdigest():
        problem = "the sidecar's sha256 does not match the file (edited after labelling, or another file's sidecar)"
    return fields, problem
