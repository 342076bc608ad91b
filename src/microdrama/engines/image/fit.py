"""Fitting a generated picture to the exact frame size (cover, centred crop), as deterministic PNG."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from microdrama.engines.image.panel import png_bytes
from microdrama.errors import EngineRequestError


def fit_png(data: bytes, size: tuple[int, int], where: str) -> bytes:
    """``data`` (any image) scaled to cover ``size`` and centre-cropped, as PNG."""
    try:
        image = Image.open(io.BytesIO(data)).convert("RGB")
    except (UnidentifiedImageError, OSError) as exc:
        raise EngineRequestError(f"{where}: the answer is not an image ({exc})") from exc
    scale = max(size[0] / image.width, size[1] / image.height)
    resized = image.resize(
        (max(size[0], round(image.width * scale)), max(size[1], round(image.height * scale))), Image.Resampling.LANCZOS
    )
    left, top = (resized.width - size[0]) // 2, (resized.height - size[1]) // 2
    return png_bytes(resized.crop((left, top, left + size[0], top + size[1])))
