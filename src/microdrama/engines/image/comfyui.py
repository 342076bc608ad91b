"""``comfyui://HOST:8188?checkpoint=NAME``: queue a text-to-image workflow on a ComfyUI server's HTTP API.

``POST /prompt`` queues the graph, ``GET /history/{id}`` tells when it is done and which files it
saved, ``GET /view`` returns a file. The seed comes from the prompt, so a shot always asks for the
same picture. ``?workflow=PATH`` replaces the built-in graph (API format JSON; the strings
``$PROMPT``, ``$NEGATIVE``, ``$SEED``, ``$WIDTH``, ``$HEIGHT`` are filled in).
"""

from __future__ import annotations

import json
import time
import urllib.parse
from pathlib import Path
from typing import Any

from microdrama.engines.image.fit import fit_png
from microdrama.engines.image.prompt import prompt_seed, shot_prompt
from microdrama.engines.webapi import parse_engine_url, request, request_json
from microdrama.errors import EngineRequestError
from microdrama.model.media import Look, Shot

NEGATIVE = "text, watermark, caption, letters, extra limbs, blurry"


def default_workflow(checkpoint: str) -> dict[str, Any]:
    """A minimal SD text-to-image graph in ComfyUI's API format."""
    return {
        "1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": checkpoint}},
        "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "$PROMPT", "clip": ["1", 1]}},
        "3": {"class_type": "CLIPTextEncode", "inputs": {"text": "$NEGATIVE", "clip": ["1", 1]}},
        "4": {"class_type": "EmptyLatentImage", "inputs": {"width": "$WIDTH", "height": "$HEIGHT", "batch_size": 1}},
        "5": {
            "class_type": "KSampler",
            "inputs": {
                "model": ["1", 0],
                "positive": ["2", 0],
                "negative": ["3", 0],
                "latent_image": ["4", 0],
                "seed": "$SEED",
                "steps": 20,
                "cfg": 7.0,
                "sampler_name": "euler",
                "scheduler": "normal",
                "denoise": 1.0,
            },
        },
        "6": {"class_type": "VAEDecode", "inputs": {"samples": ["5", 0], "vae": ["1", 2]}},
        "7": {"class_type": "SaveImage", "inputs": {"images": ["6", 0], "filename_prefix": "microdrama"}},
    }


def _fill(node: Any, values: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        return {k: _fill(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, values) for v in node]
    if isinstance(node, str) and node in values:
        return values[node]
    return node


class ComfyUIEngine:
    """Frames from a ComfyUI server."""

    id = "comfyui"

    def __init__(self, url: str, *, poll_seconds: float = 0.5, timeout_seconds: float = 600.0) -> None:
        self.url = url
        self.endpoint = parse_engine_url(url)
        self.poll_seconds = poll_seconds
        self.timeout_seconds = timeout_seconds
        workflow = self.endpoint.options.get("workflow")
        if workflow:
            try:
                self.workflow = json.loads(Path(workflow).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise EngineRequestError(f"comfyui workflow {workflow}: cannot read it as JSON ({exc})") from exc
        else:
            self.workflow = default_workflow(self.endpoint.options.get("checkpoint", "sd_xl_base_1.0.safetensors"))

    def frame(self, shot: Shot, looks: dict[str, Look], language: str, size: tuple[int, int] = (1080, 1920)) -> bytes:
        """PNG of the first image the workflow saves, fitted to ``size``."""
        prompt = shot_prompt(shot, looks)
        graph = _fill(
            self.workflow,
            {"$PROMPT": prompt, "$NEGATIVE": NEGATIVE, "$SEED": prompt_seed(prompt), "$WIDTH": 576, "$HEIGHT": 1024},
        )
        queued = request_json(self.endpoint, "prompt", {"prompt": graph, "client_id": "microdrama"})
        prompt_id = queued.get("prompt_id") if isinstance(queued, dict) else None
        if not prompt_id:
            raise EngineRequestError(f"{self.endpoint.url('prompt')}: no prompt_id in the answer ({str(queued)[:200]})")
        deadline = time.monotonic() + self.timeout_seconds
        while True:
            history = request_json(self.endpoint, f"history/{prompt_id}")
            entry = history.get(prompt_id) if isinstance(history, dict) else None
            if entry and entry.get("outputs"):
                break
            if time.monotonic() > deadline:
                raise EngineRequestError(
                    f"{self.endpoint.url('history')}: prompt {prompt_id} not done after {self.timeout_seconds:.0f} s"
                )
            time.sleep(self.poll_seconds)
        for output in entry["outputs"].values():
            for image in output.get("images", []):
                query = urllib.parse.urlencode(
                    {
                        "filename": image["filename"],
                        "subfolder": image.get("subfolder", ""),
                        "type": image.get("type", "output"),
                    }
                )
                return fit_png(request(self.endpoint, f"view?{query}"), size, self.endpoint.url("view"))
        raise EngineRequestError(f"{self.endpoint.url('history')}: prompt {prompt_id} saved no image")
