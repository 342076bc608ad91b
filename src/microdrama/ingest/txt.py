"""Plain-text novels (``.txt``): decode the bytes, keep the text exactly as decoded."""

from __future__ import annotations

from pathlib import Path

from microdrama.errors import BinaryInputError, EncodingError
from microdrama.ingest.extracted import Extracted
from microdrama.ingest.limits import ZipLimits
from microdrama.text.encodings import DecodeProblem, decode_text


def decode_file(path: Path, raw: bytes) -> Extracted:
    """Decode a text file's bytes, turning a decoding problem into the matching ingest error.

    Raises:
        BinaryInputError: the bytes are not text.
        EncodingError: the bytes decode in no supported encoding (the message gives the byte offset).
    """
    try:
        decoded = decode_text(raw)
    except DecodeProblem as exc:
        error = BinaryInputError if exc.kind == "binary" else EncodingError
        raise error(path, str(exc)) from exc
    return Extracted(text=decoded.text, encoding=decoded.encoding, warnings=list(decoded.warnings))


def read(path: Path, raw: bytes, limits: ZipLimits) -> Extracted:
    """Read a ``.txt`` novel; chapters are found later from the text alone."""
    return decode_file(path, raw)
