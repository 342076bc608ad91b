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
     │    ├── UnknownFormatError     no format registered under that id
     │    └── TranslationImportError a translated XLIFF cannot be imported (lists every problem)
     ├── FontNotFoundError           no CJK-capable font for a PDF (names the package to install)
     ├── UnknownBackendError         an engine URL names no known scheme
     ├── EngineRequestError          a speech/image engine's server refused, failed or answered nonsense
     ├── TextEngineError             a text-model request failed for good (the offline result is kept)
     │    ├── StructuredOutputError  the reply never matched the schema within the repair attempts
     │    └── EngineUnavailableError the engine cannot answer at all (offline, estimate mode, no key)
     ├── BudgetExceededError         ``--max-cost`` is reached: the run stops cleanly
     ├── SpeechToolMissingError      espeak-ng is not installed (names the package)
     ├── AudioFormatError            a clip is not 16-bit PCM WAV
     ├── RenderError                 ffmpeg is missing or failed to render
     ├── BitstreamError              an H.264 stream is not of the kind the cut can extend
     ├── ShootPlanningError          the shoot cannot be planned as asked
     └── TalentInstanceError         a talent-scheduling instance file or matrix is malformed

Control-flow signals that never leave their module (a retryable HTTP failure inside the text
engine, a reply to repair) are plain exceptions defined where they are raised and caught.
"""

from __future__ import annotations

from collections.abc import Sequence
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


class TranslationImportError(FormatError):
    """A translated XLIFF file cannot be imported; ``problems`` lists every reason."""

    def __init__(self, where: str, problems: Sequence[str]) -> None:
        self.where = where
        self.problems = list(problems)
        listed = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{where}: {len(self.problems)} problem(s), nothing imported:\n{listed}")


class EngineRequestError(MicrodramaError):
    """A media engine's server refused, failed or answered something unusable."""


class TextEngineError(MicrodramaError):
    """A text-engine request failed for good (after retries); the caller keeps its offline result."""


class StructuredOutputError(TextEngineError):
    """The model's reply never matched the requested schema within the repair attempts."""


class EngineUnavailableError(TextEngineError):
    """The engine cannot answer at all (offline engine, estimate mode, missing API key…)."""


class BudgetExceededError(MicrodramaError):
    """``--max-cost`` is reached: the run stops cleanly; finished requests stay cached for the next run."""


class SpeechToolMissingError(MicrodramaError):
    """espeak-ng is not installed."""


class AudioFormatError(MicrodramaError):
    """A clip is not 16-bit PCM WAV."""


class RenderError(MicrodramaError):
    """ffmpeg is missing or failed to render."""


class BitstreamError(MicrodramaError):
    """The H.264 stream is not of the kind this module can extend."""


class ShootPlanningError(MicrodramaError):
    """The shoot cannot be planned as asked (a scene longer than a day, no day an actor is free, ...)."""


class TalentInstanceError(MicrodramaError):
    """A talent-scheduling instance file or matrix is malformed."""
