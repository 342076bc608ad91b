"""JPEG: the label in an XMP APP1 segment (TC260:AIGC + IPTC DigitalSourceType), after APP0/Exif.

Segments are spliced by hand so the image data is not re-encoded; C2PA manifests live in APP11 (JUMBF).
"""

from __future__ import annotations

import struct

from microdrama.compliance.implicit._xmpfields import xmp_fields
from microdrama.compliance.implicit.fields import Field, Payload
from microdrama.compliance.xmp import build_packet

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
_SOS = 0xDA


def segments(data: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """(marker, body) of the header segments up to SOS, and the rest of the file from SOS on.

    Raises:
        ValueError: not a JPEG, or a truncated segment.
    """
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG file")
    out: list[tuple[int, bytes]] = []
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError(f"JPEG marker expected at byte {pos}")
        marker = data[pos + 1]
        if marker == _SOS:
            return out, data[pos:]
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if pos + 2 + length > len(data):
            raise ValueError(f"truncated JPEG segment 0x{marker:02X} at byte {pos}")
        out.append((marker, data[pos + 4 : pos + 2 + length]))
        pos += 2 + length
    raise ValueError("JPEG without image data (no SOS marker)")


def _segment(marker: int, body: bytes) -> bytes:
    if len(body) + 2 > 0xFFFF:
        raise ValueError("XMP packet too large for one APP1 segment")
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def write(data: bytes, payload: Payload) -> bytes:
    """The JPEG with exactly one XMP APP1 segment carrying the label (an earlier XMP packet is replaced)."""
    header, rest = segments(data)
    kept = [(m, b) for m, b in header if not (m == 0xE1 and b.startswith(XMP_HEADER))]
    at = 0
    while at < len(kept) and kept[at][0] in (0xE0, 0xE1):
        at += 1
    packet = build_packet(payload.aigc_json, payload.digital_source_type, payload.notice)
    kept.insert(at, (0xE1, XMP_HEADER + packet))
    return b"\xff\xd8" + b"".join(_segment(m, b) for m, b in kept) + rest


def read(data: bytes) -> list[Field]:
    """XMP label fields and C2PA (APP11 JUMBF) found in the JPEG."""
    header, _ = segments(data)
    fields: list[Field] = []
    for marker, body in header:
        if marker == 0xE1 and body.startswith(XMP_HEADER):
            fields.extend(xmp_fields(body[len(XMP_HEADER) :], "jpeg APP1 XMP"))
        elif marker == 0xEB and b"c2pa" in body[:64]:
            fields.append(Field("c2pa", "jpeg APP11 JUMBF", f"{len(body)} bytes"))
    return fields
