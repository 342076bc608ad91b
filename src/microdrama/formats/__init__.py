"""File formats, one module each, registered in :data:`FORMATS` (id → module, suffixes, read/write).

How to add a new format:

1. Write ``microdrama/formats/<id>.py`` with a one-line docstring and module-level functions: readers
   are named ``read*`` (``read_episode``), writers ``write*`` (``write_series``). Readers return a
   model; writers return ``str`` (text formats) or ``bytes`` (binary formats).
2. Add one :class:`FormatSpec` line to :data:`FORMATS` below, with the file suffixes it owns (a
   suffix belongs to one format only).
3. Add ``tests/formats/test_<id>.py``; ``tests/formats/test_registry.py`` already checks the table.

Modules are imported on first use (``FORMATS["pdf"].module``), so importing this package stays cheap.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from microdrama.errors import UnknownFormatError


@dataclass(frozen=True)
class FormatSpec:
    """One registered format: where its code lives and which file suffixes it owns."""

    id: str
    module_name: str
    suffixes: tuple[str, ...]
    description: str

    @property
    def module(self) -> ModuleType:
        """The format's module (imported now if it was not yet)."""
        return importlib.import_module(self.module_name)

    @property
    def readers(self) -> tuple[str, ...]:
        """Names of the module's ``read*`` functions, sorted."""
        return self._functions("read")

    @property
    def writers(self) -> tuple[str, ...]:
        """Names of the module's ``write*`` functions, sorted."""
        return self._functions("write")

    @property
    def can_read(self) -> bool:
        """True when the module has a reader."""
        return bool(self.readers)

    @property
    def can_write(self) -> bool:
        """True when the module has a writer."""
        return bool(self.writers)

    def _functions(self, prefix: str) -> tuple[str, ...]:
        module = self.module
        return tuple(
            sorted(
                name
                for name, value in vars(module).items()
                if name.startswith(prefix) and callable(value) and getattr(value, "__module__", None) == module.__name__
            )
        )


def _spec(format_id: str, suffixes: tuple[str, ...], description: str) -> FormatSpec:
    return FormatSpec(format_id, f"{__name__}.{format_id}", suffixes, description)


#: every file format microdrama reads or writes, by id (the CLI's ``--format`` choices)
FORMATS: dict[str, FormatSpec] = {
    spec.id: spec
    for spec in (
        _spec("fountain", (".fountain", ".spmd"), "Fountain screenplay text (editable episode scripts)"),
        _spec("fdx", (".fdx",), "Final Draft XML"),
        _spec("html", (".html", ".htm"), "standalone HTML reading copy"),
        _spec("pdf", (".pdf",), "screenplay-formatted PDF"),
        _spec("otio", (".otio", ".edl"), "OpenTimelineIO animatic timeline, with FCP XML and EDL exports"),
        _spec("srt", (".srt",), "SubRip subtitles"),
        _spec("vtt", (".vtt",), "WebVTT subtitles"),
        _spec("ass", (".ass", ".ssa"), "ASS subtitles styled for 9:16 burn-in"),
        _spec("ttml", (".ttml", ".dfxp"), "TTML1 timed text"),
        _spec("xliff", (".xlf", ".xliff"), "XLIFF 2.0 translation exchange (subtitle lines with context)"),
    )
}


def get_format(key: str) -> FormatSpec:
    """The format registered under ``key`` (an id such as ``"pdf"``, or a suffix such as ``".pdf"``).

    Raises:
        UnknownFormatError: nothing is registered under that id or suffix.
    """
    spec = FORMATS.get(key.lower())
    if spec is not None:
        return spec
    suffix = key.lower() if key.startswith(".") else f".{key.lower()}"
    for candidate in FORMATS.values():
        if suffix in candidate.suffixes:
            return candidate
    raise UnknownFormatError(key, list(FORMATS))


__all__ = ["FORMATS", "FormatSpec", "get_format"]
