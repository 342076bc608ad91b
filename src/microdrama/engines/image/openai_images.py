"""``openai-images://HOST/v1?model=NAME``: an OpenAI-compatible ``/images/generations`` endpoint."""

from __future__ import annotations

import base64
import binascii

from microdrama.engines.image.fit import fit_png
from microdrama.engines.image.prompt import shot_prompt
from microdrama.engines.webapi import EngineRequestError, parse_engine_url, request_json
from microdrama.model.media import Look, Shot


class OpenAIImagesEngine:
    """Frames from an image model; the API key comes from ``OPENAI_API_KEY``."""

    id = "openai-images"

    def __init__(self, url: str) -> None:
        self.url = url
        self.endpoint = parse_engine_url(url, default_key_env="OPENAI_API_KEY")
        self.model = self.endpoint.options.get("model", "gpt-image-1")
        self.size = self.endpoint.options.get("size", "1024x1536")

    def frame(self, shot: Shot, looks: dict[str, Look], language: str, size: tuple[int, int] = (1080, 1920)) -> bytes:
        """PNG of the generated picture, fitted to ``size``."""
        answer = request_json(self.endpoint, "images/generations", {
            "model": self.model, "prompt": shot_prompt(shot, looks), "size": self.size, "n": 1, "response_format": "b64_json",
        })
        try:
            data = base64.b64decode(answer["data"][0]["b64_json"], validate=True)
        except (KeyError, IndexError, TypeError, binascii.Error) as exc:
            raise EngineRequestError(f"{self.endpoint.url('images/generations')}: no base64 image in the answer") from exc
        return fit_png(data, size, self.endpoint.url("images/generations"))
