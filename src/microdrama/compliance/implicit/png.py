"""PNG: the label in an XMP packet (``iTXt`` ``XML:com.adobe.xmp``: TC260:AIGC + IPTC DigitalSourceType), before IDAT.

Chunks are inserted by hand so the pixels are not re-encoded; C2PA manifests live in ``caBX`` chunks.
"""

from __future__ import annotations

import struct
import zlib

from microdrama.compliance.implicit._xmpfields import xmp_fields
from microdrama.compliance.implicit.fields import Field, Payload
from microdrama.compliance.xmp import XMP_KEYWORD, build_packet

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_OURS = {b"AIGC", XMP_KEYWORD.encode()}


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, body) of every chunk.

    Raises:
        ValueError: not a PNG, or a truncated chunk.
    """
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    out, pos = [], len(SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if pos + 12 + length > len(data):
            raise ValueError(f"truncated PNG chunk {kind!r} at byte {pos}")
        out.append((kind, data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
        if kind == b"IEND":
            break
    return out


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _itxt(keyword: str, text: str) -> bytes:
    return keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")


def _text_keyword(kind: bytes, body: bytes) -> tuple[bytes, str] | None:
    """(keyword, text) of a tEXt/iTXt/zTXt chunk."""
    keyword, _, rest = body.partition(b"\x00")
    try:
        if kind == b"tEXt":
            return keyword, rest.decode("latin-1")
        if kind == b"zTXt":
            return keyword, zlib.decompress(rest[1:]).decode("latin-1")
        if kind == b"iTXt":
            compressed, _method = rest[0], rest[1]
            _lang, _, rest = rest[2:].partition(b"\x00")
            _translated, _, text = rest.partition(b"\x00")
            return keyword, (zlib.decompress(text) if compressed else text).decode("utf-8")
    except (zlib.error, UnicodeDecodeError, IndexError):
        return keyword, "<undecodable>"
    return None


def write(data: bytes, payload: Payload) -> bytes:
    """The PNG with one XMP iTXt carrying the label (an earlier XMP or AIGC text chunk is replaced)."""
    parts = [SIGNATURE]
    inserted = False
    for kind, body in chunks(data):
        text = _text_keyword(kind, body)
        if text is not None and text[0] in _OURS:
            continue
        if kind == b"IDAT" and not inserted:
            xmp = build_packet(payload.aigc_json, payload.digital_source_type, payload.notice).decode("utf-8")
            parts.append(_chunk(b"iTXt", _itxt(XMP_KEYWORD, xmp)))
            inserted = True
        parts.append(_chunk(kind, body))
    return b"".join(parts)


def read(data: bytes) -> list[Field]:
    """AIGC text chunks, XMP and C2PA (``caBX``) found in the PNG."""
    fields: list[Field] = []
    for kind, body in chunks(data):
        if kind == b"caBX":
            fields.append(Field("c2pa", "png caBX", f"{len(body)} bytes"))
        text = _text_keyword(kind, body)
        if text is None:
            continue
        keyword, value = text
        if keyword == XMP_KEYWORD.encode():
            fields.extend(xmp_fields(value.encode("utf-8"), f"png {kind.decode()} XMP"))
        elif b"AIGC" in keyword.upper():
            fields.append(Field("aigc", f"png {kind.decode()} {keyword.decode('latin-1')}", value))
    return fields
