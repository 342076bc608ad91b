"""Small HTTP client for the media engines' web APIs: URL parsing, JSON/bytes requests, clear errors.

Engine ids look like ``openai-tts://host:port/v1?model=tts-1``. The scheme picks the engine; the
request goes over ``http`` for localhost and ``https`` elsewhere (``?tls=0|1`` overrides). API keys
come from the environment (``OPENAI_API_KEY``, or the variable named by ``?key_env=``), never from
the id, so they never reach artifacts or logs.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from microdrama.errors import MicrodramaError

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")


class EngineRequestError(MicrodramaError):
    """A media engine's server refused, failed or answered something unusable."""


@dataclass(frozen=True)
class Endpoint:
    """Where an engine id points: base URL, query options, API key (not part of ``repr``)."""

    base: str
    options: dict[str, str]
    key: str = field(default="", repr=False)

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` under the base."""
        return self.base.rstrip("/") + "/" + path.lstrip("/")


def parse_engine_url(url: str, *, default_key_env: str = "") -> Endpoint:
    """Split an engine id into the HTTP base URL, its ``?options`` and the API key from the environment."""
    parts = urllib.parse.urlsplit(url)
    if not parts.netloc:
        raise EngineRequestError(f"engine {url!r} names no host; expected e.g. {parts.scheme}://localhost:8000/v1")
    options = dict(urllib.parse.parse_qsl(parts.query))
    host = parts.hostname or ""
    tls = options.get("tls", "0" if host in LOCAL_HOSTS else "1") not in ("0", "false", "no")
    base = f"{'https' if tls else 'http'}://{parts.netloc}{parts.path}"
    key_env = options.get("key_env", default_key_env)
    return Endpoint(base=base, options=options, key=os.environ.get(key_env, "") if key_env else "")


def request(endpoint: Endpoint, path: str, payload: dict[str, Any] | None = None, *, timeout: float = 120.0) -> bytes:
    """POST ``payload`` as JSON (or GET when None) and return the body.

    Raises:
        EngineRequestError: connection failure or an HTTP error status (the message has the server's words).
    """
    url = endpoint.url(path)
    headers = {"Accept": "*/*"}
    data = None
    if payload is not None:
        data = json.dumps(payload).encode("utf-8")
        headers["Content-Type"] = "application/json"
    if endpoint.key:
        headers["Authorization"] = f"Bearer {endpoint.key}"
    req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 - scheme is http(s) by construction
            return response.read()  # type: ignore[no-any-return]
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", "replace")
        raise EngineRequestError(f"{url}: HTTP {exc.code}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise EngineRequestError(f"{url}: cannot reach the server ({exc})") from exc


def request_json(endpoint: Endpoint, path: str, payload: dict[str, Any] | None = None, *, timeout: float = 120.0) -> Any:
    """:func:`request`, decoding a JSON answer."""
    body = request(endpoint, path, payload, timeout=timeout)
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise EngineRequestError(f"{endpoint.url(path)}: answer is not JSON ({exc})") from exc
