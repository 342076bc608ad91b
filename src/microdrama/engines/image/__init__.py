"""Image engines, chosen by URL scheme (setting ``engines.image``) and imported on first use.

``panel`` draws blocking frames offline; ``openai-images://HOST/v1?model=NAME`` calls an
OpenAI-compatible ``/images/generations`` endpoint; ``comfyui://HOST:8188`` queues a workflow on a
ComfyUI server. Every engine has ``frame(shot, looks, language, size) -> PNG bytes``.
"""

from __future__ import annotations

from typing import Protocol

from microdrama.engines.lazy import open_engine, scheme_of
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


def image_engine(url: str) -> ImageEngine:
    """The engine for ``url``.

    Raises:
        UnknownBackendError: no engine is registered for the URL's scheme.
    """
    return open_engine(url, IMAGE_ENGINES)  # type: ignore[no-any-return]


__all__ = ["IMAGE_ENGINES", "ImageEngine", "image_engine", "scheme_of"]
