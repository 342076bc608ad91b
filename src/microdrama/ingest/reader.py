"""``read_novel``: one file in, one :class:`~microdrama.model.Source` out, whatever the format.

How to add a new input format:

1. write ``microdrama/ingest/<format>.py`` with ``read(path, raw, limits) -> Extracted``;
2. add its suffixes to :data:`READERS` (module imported only when such a file is read);
3. add the format id to ``Source.file_format`` and a test under ``tests/ingest/``.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from microdrama.errors import EmptyInputError, IngestError, InputTooLargeError, UnsupportedFormatError
from microdrama.ingest.extracted import Extracted
from microdrama.ingest.limits import ZipLimits
from microdrama.model.base import Provenance
from microdrama.model.source import Source
from microdrama.text.chapters import detect_sections
from microdrama.text.language import detect_language

FileFormat = Literal["txt", "md", "epub", "docx"]
Reader = Callable[[Path, bytes, ZipLimits], Extracted]

#: default largest file accepted (``ingest.max_megabytes`` in microdrama.toml)
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ReaderSpec:
    """A format id and the module (dotted path) whose ``read`` function decodes it."""

    format: FileFormat
    module: str

    def reader(self) -> Reader:
        """The module's ``read`` function, imported now."""
        return cast(Reader, importlib.import_module(self.module).read)


#: suffix (lower case) → reader
READERS: dict[str, ReaderSpec] = {
    ".txt": ReaderSpec("txt", "microdrama.ingest.txt"),
    ".text": ReaderSpec("txt", "microdrama.ingest.txt"),
    ".md": ReaderSpec("md", "microdrama.ingest.markdown"),
    ".markdown": ReaderSpec("md", "microdrama.ingest.markdown"),
    ".epub": ReaderSpec("epub", "microdrama.ingest.epub"),
    ".docx": ReaderSpec("docx", "microdrama.ingest.docx"),
}


def read_novel(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read a novel file into a :class:`Source`: decoded text, encoding, language, chapters.

    Args:
        path: a ``.txt``, ``.md``, ``.epub`` or ``.docx`` file.
        max_bytes: largest file accepted; archives may inflate to 8× this in all.

    Returns:
        The source with ``provenance.stage == "ingest"``; its chapters tile the text.

    Raises:
        UnsupportedFormatError: the suffix names no format we read.
        IngestError: the file is missing or not a regular file.
        InputTooLargeError: the file (or an archive member) is over a limit.
        EmptyInputError: the file is empty or holds only whitespace.
        BinaryInputError, EncodingError, CorruptInputError: see the format readers.

    Every error's message starts with the path and says what is wrong.
    """
    path = Path(path)
    spec = READERS.get(path.suffix.lower())
    if spec is None:
        known = ", ".join(sorted(READERS))
        raise UnsupportedFormatError(
            path, f"unsupported format {path.suffix or '(no suffix)'!r}; microdrama reads {known}"
        )
    raw = _read_bytes(path, max_bytes)
    extracted = spec.reader()(path, raw, ZipLimits.for_file_limit(max_bytes))
    text = extracted.text
    if not text.strip():
        raise EmptyInputError(path, f"no text in the file ({len(raw)} bytes, only whitespace or markup)")
    guess = detect_language(text)
    sections = detect_sections(text, hints=extracted.hints, boundaries=extracted.boundaries)
    return Source(
        file_name=path.name,
        file_format=spec.format,
        sha256=hashlib.sha256(raw).hexdigest(),
        size_bytes=len(raw),
        encoding=extracted.encoding,
        language=guess.language,
        script=guess.script,
        title=extracted.title,
        author=extracted.author,
        text=text,
        chapters=sections.chapters,
        warnings=[*extracted.warnings, *sections.warnings],
        provenance=Provenance(stage="ingest"),
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing a missing, special, empty or too large file before reading it all."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IngestError(path, "not a regular file")
        if size > max_bytes:
            raise InputTooLargeError(path, f"file is {size} bytes, over the limit of {max_bytes} bytes")
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise IngestError(path, "file not found") from exc
    except PermissionError as exc:
        raise IngestError(path, "permission denied") from exc
    except IsADirectoryError as exc:
        raise IngestError(path, "is a directory, not a file") from exc
    if len(raw) > max_bytes:
        raise InputTooLargeError(path, f"file grew past the limit of {max_bytes} bytes while being read")
    if not raw:
        raise EmptyInputError(path, "file is empty (0 bytes)")
    return raw
