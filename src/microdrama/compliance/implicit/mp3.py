"""MP3: the label as an ID3v2 ``TXXX`` frame with description ``AIGC`` (mutagen), plus XMP (IPTC DigitalSourceType) in ``PRIV:XMP``."""

from __future__ import annotations

import io

from microdrama.compliance.implicit._xmpfields import xmp_fields
from microdrama.compliance.implicit.fields import Field, Payload
from microdrama.compliance.xmp import build_packet


def _tags(data: bytes):
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        return ID3(io.BytesIO(data))
    except ID3NoHeaderError:
        return ID3()


def write(data: bytes, payload: Payload) -> bytes:
    """The MP3 with one ``TXXX:AIGC``, one ``PRIV:XMP`` and a comment (ID3v2.4)."""
    from mutagen.id3 import COMM, PRIV, TXXX

    buffer = io.BytesIO(data)
    tags = _tags(data)
    for key in ("TXXX:AIGC", "PRIV:XMP", "COMM:AIGC:und"):
        tags.delall(key)
    tags.add(TXXX(encoding=3, desc="AIGC", text=[payload.aigc_json]))
    tags.add(PRIV(owner="XMP", data=build_packet(None, payload.digital_source_type, payload.notice)))
    if payload.notice:
        tags.add(COMM(encoding=3, lang="und", desc="AIGC", text=[payload.notice]))
    tags.save(buffer, v2_version=4)
    return buffer.getvalue()


def read(data: bytes) -> list[Field]:
    """``TXXX`` frames whose description contains AIGC, the XMP, and our comment."""
    fields: list[Field] = []
    for frame in _tags(data).values():
        name = frame.FrameID
        if name == "TXXX" and "AIGC" in frame.desc.upper():
            fields.append(Field("aigc", f"mp3 ID3 TXXX:{frame.desc}", str(frame.text[0]) if frame.text else ""))
        elif name == "PRIV" and frame.owner == "XMP":
            fields.extend(xmp_fields(frame.data, "mp3 ID3 PRIV:XMP"))
        elif name == "COMM" and frame.desc == "AIGC":
            fields.append(Field("notice", "mp3 ID3 COMM:AIGC", str(frame.text[0]) if frame.text else ""))
    return fields
