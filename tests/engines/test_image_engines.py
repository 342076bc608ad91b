"""Image engines by URL scheme: the offline panel, openai-images and ComfyUI against fake local servers."""

from __future__ import annotations

import base64
import io
import json

import pytest
from fake_media_server import fake_server
from media_fixtures import bible, cast, script
from PIL import Image

from microdrama.board.shots import plan_shots
from microdrama.casting.looks import cast_looks
from microdrama.engines.image import IMAGE_ENGINES, image_engine
from microdrama.engines.image.panel import png_bytes
from microdrama.errors import EngineRequestError, UnknownBackendError

LOOKS = {look.id: look for look in cast_looks(bible(), cast()).looks}
SHOT = next(s for s in plan_shots(script(), bible()).shots if s.framing == "OTS")
PICTURE = png_bytes(Image.new("RGB", (1024, 1536), (200, 30, 30)))


def test_unknown_scheme_lists_the_known_ones() -> None:
    with pytest.raises(UnknownBackendError) as raised:
        image_engine("midjourney://x")
    assert sorted(raised.value.known) == sorted(IMAGE_ENGINES)
    assert image_engine("panel").id == "panel"


def test_openai_images_prompt_carries_every_character_and_the_frame_is_fitted() -> None:
    answer = json.dumps({"data": [{"b64_json": base64.b64encode(PICTURE).decode()}]}).encode()
    with fake_server({"/v1/images/generations": lambda path, body: (200, "application/json", answer)}) as (host, seen):
        png = image_engine(f"openai-images://{host}/v1?model=img-test").frame(SHOT, LOOKS, "en")
    image = Image.open(io.BytesIO(png))
    assert image.size == (1080, 1920) and image.getpixel((540, 960)) == (200, 30, 30)
    body = seen.requests[0]["json"]
    assert body["model"] == "img-test" and body["response_format"] == "b64_json"
    for cast_id in SHOT.subject + [SHOT.over]:
        assert LOOKS[cast_id].description in body["prompt"]
    assert "medium close-up" in body["prompt"] or "close-up" in body["prompt"]


def test_openai_images_without_an_image_is_a_clear_error() -> None:
    with fake_server({"/v1/images": lambda path, body: (200, "application/json", b'{"data": []}')}) as (host, _):
        with pytest.raises(EngineRequestError, match="no base64 image"):
            image_engine(f"openai-images://{host}/v1").frame(SHOT, LOOKS, "en")


def test_comfyui_queues_polls_and_downloads() -> None:
    polls = {"n": 0}

    def history(path: str, body: object) -> tuple[int, str, bytes]:
        polls["n"] += 1
        if polls["n"] < 2:
            return 200, "application/json", b"{}"
        done = {"abc": {"outputs": {"7": {"images": [{"filename": "m_0001.png", "subfolder": "", "type": "output"}]}}}}
        return 200, "application/json", json.dumps(done).encode()

    routes = {
        "/prompt": lambda path, body: (200, "application/json", b'{"prompt_id": "abc", "number": 1}'),
        "/history/abc": history,
        "/view?": lambda path, body: (200, "image/png", PICTURE),
    }
    with fake_server(routes) as (host, seen):
        engine = image_engine(f"comfyui://{host}?checkpoint=test.safetensors")
        engine.poll_seconds = 0.01  # type: ignore[attr-defined]
        png = engine.frame(SHOT, LOOKS, "en")
        again = engine.frame(SHOT, LOOKS, "en")
    assert Image.open(io.BytesIO(png)).size == (1080, 1920) and png == again
    graph = seen.requests[0]["json"]["prompt"]
    assert graph["1"]["inputs"]["ckpt_name"] == "test.safetensors"
    assert LOOKS[SHOT.subject[0]].description in graph["2"]["inputs"]["text"]
    seeds = [r["json"]["prompt"]["5"]["inputs"]["seed"] for r in seen.requests if r["path"] == "/prompt"]
    assert len(seeds) == 2 and seeds[0] == seeds[1]
    assert any(r["path"].startswith("/view?filename=m_0001.png") for r in seen.requests)
