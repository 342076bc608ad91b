"""Every error microdrama raises on purpose.

The tree::

    MicrodramaError                  root: catch this to catch everything we raise
     ├── IngestError                 the novel file cannot be read (carries ``path``)
     │    ├── EmptyInputError        the file is empty or holds no text
     │    ├── BinaryInputError       the file is not text (or not the format its suffix claims)
     │    ├── EncodingError          the bytes decode in no supported encoding
     │    ├── InputTooLargeError     the file (or an archive member) is over a size limit
     │    ├── CorruptInputError      an epub/docx archive is damaged or unsafe
     │    └── UnsupportedFormatError the suffix names no format we read
     ├── ArtifactError               an artifact file is missing, malformed or of the wrong schema
     ├── SettingsError               microdrama.toml or an option is invalid
     ├── PipelineError               a stage failed or the pipeline is asked something impossible
     ├── FormatError                 a screenplay/subtitle file cannot be parsed or written
     │    └── UnknownFormatError     no format registered under that id
     ├── FontNotFoundError           no CJK-capable font for a PDF (names the package to install)
     └── UnknownBackendError         an engine URL names no known scheme
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _rebuild(cls: type[MicrodramaError], args: tuple[Any, ...], state: dict[str, Any]) -> MicrodramaError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class MicrodramaError(Exception):
    """Root of every error microdrama raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take other constructor arguments than ``args``; rebuild without calling __init__
        # so errors survive pickling across the process pool.
        return (_rebuild, (self.__class__, self.args, dict(self.__dict__)))


class IngestError(MicrodramaError):
    """The novel file cannot be turned into a source text."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class EmptyInputError(IngestError):
    """The file is empty or contains no text."""


class BinaryInputError(IngestError):
    """The file holds binary data, not text."""


class EncodingError(IngestError):
    """The bytes decode in none of the supported encodings."""


class InputTooLargeError(IngestError):
    """The file, or a member of an archive, is over a size limit."""


class CorruptInputError(IngestError):
    """An epub or docx archive is damaged, truncated or unsafe."""


class UnsupportedFormatError(IngestError):
    """The file's suffix names no format microdrama reads."""


class ArtifactError(MicrodramaError):
    """An artifact file is missing, malformed, or carries the wrong schema."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class SettingsError(MicrodramaError):
    """A setting in microdrama.toml or on the command line is invalid."""


class PipelineError(MicrodramaError):
    """A stage failed, or the pipeline was asked for something it cannot do."""


class FormatError(MicrodramaError):
    """A screenplay or subtitle file cannot be parsed or written."""


class UnknownFormatError(FormatError):
    """No format is registered under the requested id."""

    def __init__(self, key: str, available: list[str]) -> None:
        self.key = key
        self.available = list(available)
        super().__init__(f"unknown format {key!r}; known: {', '.join(sorted(self.available))}")


class FontNotFoundError(MicrodramaError):
    """No font that covers the script's characters was found through fontconfig."""


class UnknownBackendError(MicrodramaError):
    """An engine URL names a scheme no backend is registered for."""

    def __init__(self, url: str, known: list[str]) -> None:
        self.url = url
        self.known = list(known)
        super().__init__(f"unknown engine {url!r}; known schemes: {', '.join(sorted(self.known))}")
