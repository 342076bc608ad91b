"""The one lookup every engine kind shares: URL scheme -> "module:Class", imported on first use."""

from __future__ import annotations

import importlib
from typing import Any

from microdrama.errors import UnknownBackendError


def scheme_of(url: str) -> str:
    """``openai-tts`` for ``openai-tts://host/v1``; the whole id when it has no ``://``.

    >>> scheme_of("openai-images://127.0.0.1:8000/v1?model=x"), scheme_of(" Panel ")
    ('openai-images', 'panel')
    """
    return url.split("://", 1)[0].lower() if "://" in url else url.strip().lower()


def open_engine(url: str, table: dict[str, str]) -> Any:
    """Instantiate the class ``table`` names for ``url``'s scheme, with ``url`` as its argument.

    Raises:
        UnknownBackendError: no engine is registered for the URL's scheme.
    """
    target = table.get(scheme_of(url))
    if target is None:
        raise UnknownBackendError(url, list(table))
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(url)
