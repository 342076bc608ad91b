"""WAV: the label as a RIFF sub-chunk ``AIGC`` (TC260 audio guide), plus XMP (IPTC DigitalSourceType) in ``_PMX`` and a ``LIST/INFO`` comment.

Chunks are appended after the audio, the RIFF size fixed; existing chunks of ours are replaced.
"""

from __future__ import annotations

import struct

from microdrama.compliance.implicit._xmpfields import xmp_fields
from microdrama.compliance.implicit.fields import Field, Payload
from microdrama.compliance.xmp import build_packet


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(id, body) of the top-level chunks of a RIFF/WAVE file.

    Raises:
        ValueError: not a WAV file, or a truncated chunk.
    """
    if not (data.startswith(b"RIFF") and data[8:12] == b"WAVE"):
        raise ValueError("not a RIFF/WAVE file")
    out, pos = [], 12
    while pos + 8 <= len(data):
        kind, size = struct.unpack("<4sI", data[pos : pos + 8])
        if pos + 8 + size > len(data):
            raise ValueError(f"truncated WAV chunk {kind!r} at byte {pos}")
        out.append((kind, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return out


def _chunk(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) & 1 else b"")


def _info_comment(body: bytes) -> str | None:
    if not body.startswith(b"INFO"):
        return None
    pos = 4
    while pos + 8 <= len(body):
        kind, size = struct.unpack("<4sI", body[pos : pos + 8])
        if kind == b"ICMT":
            return body[pos + 8 : pos + 8 + size].rstrip(b"\x00").decode("utf-8", "replace")
        pos += 8 + size + (size & 1)
    return None


def write(data: bytes, payload: Payload) -> bytes:
    """The WAV with one ``AIGC`` chunk, one ``_PMX`` XMP chunk and an INFO comment carrying the notice."""
    kept = [(k, b) for k, b in chunks(data) if k not in (b"AIGC", b"_PMX") and _info_comment(b) is None]
    kept.append((b"AIGC", payload.aigc_json.encode("ascii")))
    kept.append((b"_PMX", build_packet(None, payload.digital_source_type, payload.notice)))
    if payload.notice:
        kept.append((b"LIST", b"INFO" + _chunk(b"ICMT", payload.notice.encode("utf-8") + b"\x00")))
    body = b"WAVE" + b"".join(_chunk(k, b) for k, b in kept)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def read(data: bytes) -> list[Field]:
    """``AIGC`` chunks, XMP and the INFO comment."""
    fields: list[Field] = []
    for kind, body in chunks(data):
        if b"AIGC" in kind.upper():
            fields.append(
                Field("aigc", f"wav chunk {kind.decode('latin-1')}", body.rstrip(b"\x00").decode("utf-8", "replace"))
            )
        elif kind == b"_PMX":
            fields.extend(xmp_fields(body, "wav _PMX XMP"))
        elif kind == b"LIST" and (comment := _info_comment(body)):
            fields.append(Field("notice", "wav LIST/INFO ICMT", comment))
    return fields
