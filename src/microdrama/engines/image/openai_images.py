"""``openai-images://HOST/v1?model=NAME``: an OpenAI-compatible ``/images/generations`` endpoint, through the openai SDK."""

from __future__ import annotations

import base64
import binascii

from microdrama.engines.image.fit import fit_png
from microdrama.engines.image.prompt import shot_prompt
from microdrama.engines.openai_media import OpenAIMediaClient
from microdrama.errors import EngineRequestError
from microdrama.model.media import Look, Shot

PATH = "images/generations"


class OpenAIImagesEngine:
    """Frames from an image model; the API key comes from ``OPENAI_API_KEY`` (or ``?key_env=``)."""

    id = "openai-images"

    def __init__(self, url: str) -> None:
        self.url = url
        self.client = OpenAIMediaClient(url)
        self.model = self.client.option("model", "gpt-image-1")
        self.size = self.client.option("size", "1024x1536")

    def frame(self, shot: Shot, looks: dict[str, Look], language: str, size: tuple[int, int] = (1080, 1920)) -> bytes:
        """PNG of the generated picture, fitted to ``size``."""
        where = self.client.address.url(PATH)
        answer = self.client.call(
            PATH,
            lambda: self.client.sdk.images.generate(
                model=self.model,
                prompt=shot_prompt(shot, looks),
                size=self.size,
                n=1,  # type: ignore[arg-type]
                response_format="b64_json",
            ),
        )
        encoded = answer.data[0].b64_json if answer.data else None
        if not encoded:
            raise EngineRequestError(f"{where}: no base64 image in the answer")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise EngineRequestError(f"{where}: no base64 image in the answer") from exc
        return fit_png(data, size, where)
