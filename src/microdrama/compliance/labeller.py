"""Label one file both ways: the explicit label (drawn, spoken or written), then the implicit one, then
(with a certificate) C2PA; and read the result back. What a stage or the release packager calls.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from microdrama.compliance import explicit
from microdrama.compliance.aigc import IPTC_FOR, AigcLabel, ascii_code, produce_id
from microdrama.compliance.c2pa_sign import Credentials, sign
from microdrama.compliance.documents import label_pdf, label_srt
from microdrama.compliance.errors import ComplianceError
from microdrama.compliance.implicit import Payload, container_of, sidecar, write_label
from microdrama.compliance.implicit.text import DIALECTS
from microdrama.compliance.provenance import Made
from microdrama.compliance.verify import FileReport, verify_bytes


@dataclass(frozen=True)
class LabelPlan:
    """How to label: language, visible text, style, producer, C2PA credentials, the voice for spoken
    notices, and the filing number drawn on opening frames."""

    language: str
    producer: str = "microdrama"
    text_override: str = ""
    style: explicit.LabelStyle = field(default_factory=explicit.LabelStyle)
    credentials: Credentials | None = None
    speak: Callable[[str], bytes] | None = None
    filing: str = ""


@dataclass
class Labelled:
    """A labelled copy and what was done to it."""

    path: str
    data: bytes
    origin: str
    stage: str
    reason: str
    explicit: str
    implicit: list[str]
    placement: dict[str, object] | None = None
    #: the implicit label of a format with no metadata syntax (SRT): ``<path>.aigc.json`` beside the copy
    sidecar: bytes | None = None

    def record(self) -> dict[str, Any]:
        """The ledger entry (JSON-ready)."""
        return {
            "path": self.path,
            "stage": self.stage,
            "origin": self.origin,
            "reason": self.reason,
            "explicit": self.explicit,
            "implicit": self.implicit,
            "placement": self.placement,
            "sha256": hashlib.sha256(self.data).hexdigest(),
        }


def _payload(made: Made, data: bytes, plan: LabelPlan) -> Payload:
    producer = ascii_code(plan.producer)
    label = AigcLabel(
        content_producer=producer, produce_id=produce_id(producer, made.path, hashlib.sha256(data).hexdigest())
    )
    notice = explicit.text_notice(plan.language)
    return Payload(label.first_write().to_json(), IPTC_FOR.get(made.origin), notice)


def label_file(made: Made, data: bytes, plan: LabelPlan) -> Labelled:
    """``data`` (the file at ``made.path``) with both labels, checked by reading them back.

    Raises:
        ComplianceError: the format cannot be labelled, or a label did not survive.
    """
    if made.origin == "none":
        return Labelled(made.path, data, made.origin, made.stage, made.reason, "none", [])
    container = container_of(data)
    name = made.path
    text = explicit.label_text(plan.language, made.origin, plan.text_override)
    placement = None
    if container in ("png", "jpeg"):
        data, where = explicit.label_image(data, text, plan.style)
        placement, shown = where.to_dict(), f"image corner '{text}'"
    elif container == "mp4":
        data, where = explicit.label_video(data, text, plan.style, plan.filing)
        placement, shown = where.to_dict(), f"opening frames '{text}' for {plan.style.duration_ms} ms"
    elif container == "wav":
        if plan.speak is None:
            raise ComplianceError(f"{name}: no speech engine to speak the audio notice")
        spoken = explicit.SPOKEN[explicit.lang_key(plan.language)]
        data = explicit.prepend_notice(data, plan.speak(spoken))
        shown = f"spoken notice '{spoken}'"
    elif container == "pdf":
        notice = explicit.text_notice(plan.language)
        data = label_pdf(data, notice, plan.language)
        shown = f"first-page footer '{notice}'"
    elif container == "text" and name.lower().endswith(".srt"):
        notice = explicit.text_notice(plan.language)
        data = label_srt(data, notice, plan.style.duration_ms)
        shown = f"cue 1 '{notice}' for {plan.style.duration_ms} ms"
    elif container == "text" and name.lower().endswith(DIALECTS):
        shown = "written notice"
    else:
        raise ComplianceError(f"{name}: cannot label a {container or 'unknown'} file")
    payload = _payload(made, data, plan)
    if container == "text" and name.lower().endswith(".srt"):
        side = sidecar.write(data, payload)
        _read_back(verify_bytes(data, name, side), name)
        marks = [f"GB 45438 AIGC in {sidecar.SUFFIX} sidecar", "IPTC DigitalSourceType"]
        return Labelled(made.path, data, made.origin, made.stage, made.reason, shown, marks, placement, side)
    if container == "text" and not name.lower().endswith((".fountain", ".md")):
        data = _prepend_text_notice(data, name, payload.notice)
    data = write_label(data, payload, name=name)
    marks = ["GB 45438 AIGC"] + (["IPTC DigitalSourceType"] if container in ("png", "jpeg", "wav", "pdf") else [])
    if plan.credentials is not None and container in ("png", "jpeg", "mp4", "wav"):
        aigc = json.loads(payload.aigc_json)["AIGC"]
        data = sign(
            data,
            container,
            plan.credentials,
            title=name.rsplit("/", 1)[-1],
            digital_source_type=payload.digital_source_type or IPTC_FOR["generated"],
            aigc=aigc,
        )
        marks.append("C2PA")
    _read_back(verify_bytes(data, name), name)
    return Labelled(made.path, data, made.origin, made.stage, made.reason, shown, marks, placement)


def _read_back(report: FileReport, name: str) -> None:
    """Raise unless the implicit label and, where one was written, the visible notice read back."""
    notice = report.check("notice")
    if not report.ok or (notice is not None and notice.status != "present"):
        problems = "; ".join(
            f"{c.label} {c.status} {c.detail}" for c in report.checks if c.status != "present" and c.label != "c2pa"
        )
        raise ComplianceError(f"{name}: labels did not survive writing: {problems}")


def _prepend_text_notice(data: bytes, name: str, notice: str) -> bytes:
    """A visible notice in formats whose metadata readers do not show: HTML body, WebVTT, ASS, TTML."""
    text = data.decode("utf-8")
    lower = name.lower()
    if lower.endswith((".html", ".htm")):
        banner = f'<p class="aigc-notice" style="font:bold 14px sans-serif;margin:8px 0">{html.escape(notice)}</p>'
        text, count = re.subn(r"(<body[^>]*>)", lambda m: m.group(1) + banner, text, count=1, flags=re.IGNORECASE)
        return (text if count else banner + text).encode("utf-8")
    if lower.endswith(".vtt"):
        head, _, rest = text.partition("\n\n")
        return f"{head}\n\nNOTE {notice}\n\n{rest}".encode()
    if lower.endswith(".ass"):
        return text.replace("[Script Info]\n", f"[Script Info]\n; {notice}\n", 1).encode("utf-8")
    if lower.endswith(".ttml"):
        return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + f"<!-- {notice} -->", text, count=1).encode("utf-8")
    return data
