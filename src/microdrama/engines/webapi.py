"""HTTP client for engines whose servers speak no OpenAI API (ComfyUI): JSON/bytes requests, clear errors.

The engine URL follows the rules of :mod:`microdrama.engines.url` (HTTP on the local network, HTTPS
elsewhere, ``?tls=0|1``). API keys come from the environment (the variable named by ``?key_env=``),
never from the URL, so they never reach artifacts or logs. Requests go through httpx.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

import httpx

from microdrama.engines.url import parse_engine_url as parse_address
from microdrama.errors import EngineRequestError as EngineRequestError


@dataclass(frozen=True)
class Endpoint:
    """Where an engine URL points: base URL, query options, API key (not part of ``repr``)."""

    base: str
    options: dict[str, str]
    key: str = field(default="", repr=False)

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` under the base."""
        return self.base.rstrip("/") + "/" + path.lstrip("/")


def parse_engine_url(url: str, *, default_key_env: str = "") -> Endpoint:
    """The engine URL's HTTP base, its ``?options`` and the API key from the environment.

    >>> parse_engine_url("comfyui://192.168.1.20:8188?checkpoint=sdxl.safetensors").base
    'http://192.168.1.20:8188'
    """
    address = parse_address(url)
    key_env = address.options.get("key_env", default_key_env)
    return Endpoint(base=address.base, options=address.options, key=os.environ.get(key_env, "") if key_env else "")


def request(endpoint: Endpoint, path: str, payload: dict[str, Any] | None = None, *, timeout: float = 120.0) -> bytes:
    """POST ``payload`` as JSON (or GET when None) and return the body.

    Raises:
        EngineRequestError: connection failure or an HTTP error status (the message has the server's words).
    """
    url = endpoint.url(path)
    headers = {"Accept": "*/*"}
    if endpoint.key:
        headers["Authorization"] = f"Bearer {endpoint.key}"
    try:
        if payload is None:
            response = httpx.get(url, headers=headers, timeout=timeout)
        else:
            response = httpx.post(url, json=payload, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        raise EngineRequestError(f"{url}: cannot reach the server ({exc})") from exc
    if response.is_error:
        raise EngineRequestError(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
    return response.content


def request_json(
    endpoint: Endpoint, path: str, payload: dict[str, Any] | None = None, *, timeout: float = 120.0
) -> Any:
    """:func:`request`, decoding a JSON answer."""
    body = request(endpoint, path, payload, timeout=timeout)
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise EngineRequestError(f"{endpoint.url(path)}: answer is not JSON ({exc})") from exc
