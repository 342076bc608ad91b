"""Implicit labels per container: write the Annex E JSON (and XMP with IPTC terms) in, read them back out.

Every module has ``write(data, label) -> bytes`` (one label per file: an existing one is replaced, never
appended, GB 45438 §6.1 c) and ``read(data) -> list[Field]`` which reports what it finds, valid or not.
:func:`container_of` tells the format from the bytes, not the file name.
"""

from __future__ import annotations

import codecs
from types import ModuleType

from microdrama.compliance.implicit import jpeg, mp3, mp4, pdf, png, text, wav
from microdrama.compliance.implicit.fields import Field, FieldKind, Payload


def container_of(data: bytes) -> str | None:
    """``png``, ``jpeg``, ``mp4``, ``wav``, ``mp3``, ``pdf`` or ``text`` from the first bytes; None when unknown."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(data) >= 12 and data[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide"):
        return "mp4"
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return "wav"
    if data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:4096], final=len(data) <= 4096)
    except UnicodeDecodeError:
        return None
    return "text" if b"\x00" not in data[:4096] else None


def module_for(container: str) -> ModuleType:
    """The reader/writer module of a container."""
    return {"png": png, "jpeg": jpeg, "mp4": mp4, "wav": wav, "mp3": mp3, "pdf": pdf, "text": text}[container]


def write_label(data: bytes, payload: Payload, *, name: str = "") -> bytes:
    """``data`` with its implicit label (format sniffed; ``name`` picks the text dialect).

    Raises:
        ValueError: a format this module cannot label.
    """
    container = container_of(data)
    if container is None:
        raise ValueError(f"{name or 'file'}: unknown format, cannot write an implicit label")
    module = module_for(container)
    if container == "text":
        return module.write(data, payload, name=name)  # type: ignore[no-any-return]
    return module.write(data, payload)  # type: ignore[no-any-return]


def read_fields(data: bytes, *, name: str = "") -> list[Field]:
    """Every label-bearing field in ``data`` (empty when none or the format is unknown)."""
    container = container_of(data)
    if container is None:
        return []
    module = module_for(container)
    if container == "text":
        return module.read(data, name=name)  # type: ignore[no-any-return]
    return module.read(data)  # type: ignore[no-any-return]


__all__ = ["Field", "FieldKind", "Payload", "container_of", "module_for", "read_fields", "write_label"]
