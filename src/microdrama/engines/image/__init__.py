"""Image engines, chosen by URL scheme (setting ``engines.image``) and imported on first use.

``panel`` draws blocking frames offline; ``openai-images://HOST/v1?model=NAME`` calls an
OpenAI-compatible ``/images/generations`` endpoint; ``comfyui://HOST:8188`` queues a workflow on a
ComfyUI server. Every engine has ``frame(shot, looks, language, size) -> PNG bytes``.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from microdrama.errors import UnknownBackendError
from microdrama.model.media import Look, Shot

#: scheme -> "module:class"
IMAGE_ENGINES: dict[str, str] = {
    "panel": "microdrama.engines.image.panel:PanelEngine",
    "openai-images": "microdrama.engines.image.openai_images:OpenAIImagesEngine",
    "comfyui": "microdrama.engines.image.comfyui:ComfyUIEngine",
}


class ImageEngine(Protocol):
    """Makes the clean frame of a shot."""

    id: str

    def frame(self, shot: Shot, looks: dict[str, Look], language: str, size: tuple[int, int] = (1080, 1920)) -> bytes:
        """PNG bytes, exactly ``size``."""
        ...


def scheme_of(url: str) -> str:
    """``openai-images`` for ``openai-images://host/v1``; the whole id when it has no ``://``."""
    return url.split("://", 1)[0].lower() if "://" in url else url.strip().lower()


def image_engine(url: str) -> ImageEngine:
    """The engine for ``url``.

    Raises:
        UnknownBackendError: no engine is registered for the URL's scheme.
    """
    target = IMAGE_ENGINES.get(scheme_of(url))
    if target is None:
        raise UnknownBackendError(url, list(IMAGE_ENGINES))
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(url)  # type: ignore[no-any-return]


__all__ = ["IMAGE_ENGINES", "ImageEngine", "image_engine", "scheme_of"]
