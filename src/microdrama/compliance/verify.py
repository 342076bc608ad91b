"""``labels verify``: read every AI label back from any file, ours or not, and say what is present,
missing or malformed.

Checks per file: the GB 45438 implicit label (exactly one, valid Annex E JSON), the IPTC
DigitalSourceType (what Meta/YouTube read), a C2PA manifest (optional: only when one was signed), and
for text files a visible notice (PDF: on the first page; SRT: cue 1 from 0 s for ≥ 2 s, with the implicit
label in the sidecar ``<file>.aigc.json``, bound to the file by its sha256). The verdict is ``ok`` when the implicit label is present and valid.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from microdrama.compliance.aigc import IPTC_FOR, LabelError, parse_label
from microdrama.compliance.c2pa_sign import read_manifest
from microdrama.compliance.documents import srt_notice
from microdrama.compliance.explicit import MIN_VIDEO_MS, has_required_elements
from microdrama.compliance.implicit import Field, container_of, read_fields
from microdrama.compliance.implicit.sidecar import SUFFIX as SIDECAR
from microdrama.compliance.implicit.sidecar import read as read_sidecar

Status = Literal["present", "missing", "malformed"]


@dataclass
class Check:
    """One label, as found."""

    label: str
    status: Status
    where: str = ""
    detail: str = ""


@dataclass
class FileReport:
    """Everything found in one file."""

    path: str
    container: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The implicit label is present and valid."""
        return any(c.label == "aigc" and c.status == "present" for c in self.checks) and not any(
            c.status == "malformed" for c in self.checks
        )

    def check(self, label: str) -> Check | None:
        """The check of one label, if made."""
        return next((c for c in self.checks if c.label == label), None)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {**asdict(self), "ok": self.ok}


def _aigc_check(fields: list[Field]) -> Check:
    found = [f for f in fields if f.kind == "aigc"]
    if not found:
        return Check("aigc", "missing", detail="no GB 45438 AIGC field")
    distinct = {f.value for f in found}
    if len(distinct) > 1:
        return Check(
            "aigc",
            "malformed",
            "; ".join(f.where for f in found),
            "more than one different implicit label (GB 45438 §6.1 c: one per file)",
        )
    try:
        label = parse_label(found[0].value)
    except LabelError as exc:
        return Check("aigc", "malformed", found[0].where, str(exc))
    return Check(
        "aigc",
        "present",
        "; ".join(f.where for f in found),
        f"Label={label.label} ContentProducer={label.content_producer} ProduceID={label.produce_id}",
    )


def _iptc_check(fields: list[Field]) -> Check:
    found = [f for f in fields if f.kind == "iptc"]
    if not found:
        return Check("iptc", "missing", detail="no IPTC DigitalSourceType in XMP")
    value = found[0].value
    if value not in IPTC_FOR.values() and not value.startswith("http://cv.iptc.org/newscodes/digitalsourcetype/"):
        return Check("iptc", "malformed", found[0].where, f"not an IPTC digital source type: {value!r}")
    return Check("iptc", "present", found[0].where, value.rsplit("/", 1)[-1])


def _c2pa_check(fields: list[Field], data: bytes, container: str) -> Check:
    found = [f for f in fields if f.kind == "c2pa"]
    if not found:
        return Check("c2pa", "missing", detail="no C2PA manifest (optional: needs a signing certificate)")
    detail = read_manifest(data, container)
    status: Status = "malformed" if detail.startswith("invalid") else "present"
    return Check("c2pa", status, found[0].where, detail)


def _notice_check(fields: list[Field], data: bytes) -> Check:
    notices = [f for f in fields if f.kind == "notice"]
    for notice in notices:
        if has_required_elements(notice.value):
            return Check("notice", "present", notice.where, notice.value)
    head = data[:20000].decode("utf-8", "replace")
    for line in head.splitlines():
        if has_required_elements(line):
            return Check("notice", "present", "text", line.strip()[:200])
    return Check("notice", "missing", detail="no visible notice with 'AI'/'人工智能' and 生成/合成/generated")


def _pdf_notice_check(fields: list[Field]) -> Check:
    for notice in (f for f in fields if f.kind == "notice"):
        if has_required_elements(notice.value):
            return Check("notice", "present", notice.where, notice.value)
    return Check("notice", "missing", detail="no visible notice with 'AI'/'人工智能' and 生成/合成/generated on page 1")


def _srt_notice_check(data: bytes) -> Check:
    found = srt_notice(data)
    if found is None:
        return Check("notice", "missing", detail="no first cue naming 'AI'/'人工智能' and 生成/合成/generated")
    start, end, text = found
    if start > 0 or end - start < MIN_VIDEO_MS:
        return Check(
            "notice", "malformed", "srt cue 1", f"shown {start}–{end} ms; must start at 0 and last ≥ {MIN_VIDEO_MS} ms"
        )
    return Check("notice", "present", "srt cue 1", f"{text} ({start}–{end} ms)")


def _verify_srt(data: bytes, name: str, sidecar: bytes | None) -> FileReport:
    report = FileReport(name, "srt")
    where = (Path(name).name if name else "srt") + SIDECAR
    if sidecar is None:
        report.checks.append(
            Check("aigc", "missing", detail=f"SRT has no metadata syntax; no sidecar {where} beside it")
        )
        report.checks.append(Check("iptc", "missing", detail=f"no sidecar {where}"))
    else:
        fields, problem = read_sidecar(sidecar, data, where)
        check = _aigc_check(fields)
        if problem and check.status == "present":
            check = Check("aigc", "malformed", check.where, problem)
        report.checks += [check, _iptc_check(fields)]
    report.checks.append(_srt_notice_check(data))
    return report


def verify_bytes(data: bytes, name: str = "", sidecar: bytes | None = None) -> FileReport:
    """Every label check of one file's bytes (``sidecar``: the ``.aigc.json`` beside an SRT file)."""
    container = container_of(data) or "unknown"
    if container == "text" and name.lower().endswith(".srt"):
        return _verify_srt(data, name, sidecar)
    report = FileReport(name, container)
    try:
        fields = read_fields(data, name=name)
    except (ValueError, KeyError, IndexError) as exc:
        report.checks.append(Check("aigc", "malformed", detail=f"cannot read the {container} structure: {exc}"))
        return report
    report.checks.append(_aigc_check(fields))
    if container in ("png", "jpeg", "wav", "mp3", "pdf"):
        report.checks.append(_iptc_check(fields))
    if container in ("png", "jpeg", "mp4"):
        report.checks.append(_c2pa_check(fields, data, container))
    if container == "text":
        report.checks.append(_notice_check(fields, data))
    if container == "pdf":
        report.checks.append(_pdf_notice_check(fields))
    return report


def verify_file(path: Path) -> FileReport:
    """Every label check of one file on disk; an SRT file's sidecar ``<file>.aigc.json`` is read when present."""
    sidecar = path.with_name(path.name + SIDECAR)
    extra = sidecar.read_bytes() if path.suffix.lower() == ".srt" and sidecar.is_file() else None
    return verify_bytes(path.read_bytes(), str(path), extra)
