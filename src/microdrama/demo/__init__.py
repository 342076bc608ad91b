"""The short original story shipped with microdrama, so `microdrama demo` runs the whole chain out of the box."""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib import resources
from pathlib import Path

from microdrama.errors import SettingsError

__all__ = ["DEMO_LANGUAGES", "demo_story_path"]

DEMO_LANGUAGES: tuple[str, ...] = ("en", "zh")
"""Languages the demo story is written in; ``story_<lang>.txt`` exists for each."""

# Holds files extracted from a zipped install until the interpreter exits (importlib.resources recipe).
_extracted_files = ExitStack()
atexit.register(_extracted_files.close)


def demo_story_path(lang: str) -> Path:
    """Path of the bundled demo story in ``lang`` (one of ``DEMO_LANGUAGES``); a plain UTF-8 .txt file."""
    if lang not in DEMO_LANGUAGES:
        raise SettingsError(f"no demo story in language {lang!r}; known languages: {', '.join(DEMO_LANGUAGES)}")
    resource = resources.files(__name__).joinpath(f"story_{lang}.txt")
    if isinstance(resource, Path):
        return resource
    return _extracted_files.enter_context(resources.as_file(resource))
