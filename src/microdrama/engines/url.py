"""Engine URLs, parsed by one set of rules for every engine (text, speech, image).

An engine is named by a URL such as ``openai://localhost:11434/v1?model=qwen2.5:7b``,
``openai-tts://api.openai.com/v1?model=tts-1`` or ``comfyui://192.168.1.20:8188``. The scheme picks the
engine. The transport is plain HTTP for a server on this machine or the local network (loopback,
private addresses, ``localhost``, ``*.local``) and HTTPS elsewhere; a ``+http`` / ``+https`` suffix on
the scheme or ``?tls=0|1`` forces one. Credentials never go in the URL (it is stored in
``microdrama.toml`` and in provenance): keys come from environment variables.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from microdrama.errors import SettingsError

_FALSE = ("0", "false", "no", "off")


def is_local(host: str) -> bool:
    """Whether ``host`` is this machine or the local network (served over plain HTTP by default).

    >>> is_local("localhost"), is_local("127.0.0.1"), is_local("192.168.1.20"), is_local("[::1]")
    (True, True, True, True)
    >>> is_local("api.openai.com"), is_local("8.8.8.8"), is_local("studio.local")
    (False, False, True)
    """
    host = host.strip("[]").lower()
    if host in ("localhost", ""):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host.endswith(".local")
    return address.is_loopback or address.is_private


@dataclass(frozen=True)
class EngineAddress:
    """Where an engine URL points. ``public`` is safe for keys, provenance and logs."""

    scheme: str
    host: str
    netloc: str
    path: str
    tls: bool
    options: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        """The HTTP(S) base URL, e.g. ``http://localhost:11434/v1``."""
        return f"{'https' if self.tls else 'http'}://{self.netloc}{self.path}"

    @property
    def public(self) -> str:
        """The engine id without query options (``openai-tts://api.openai.com/v1``)."""
        return f"{self.scheme}://{self.netloc}{self.path}"

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` under the base."""
        return self.base.rstrip("/") + "/" + path.lstrip("/")


def parse_engine_url(url: str, *, default_path: str = "", need_host: bool = True) -> EngineAddress:
    """Split an engine URL into scheme, host, path, transport and ``?options``.

    >>> a = parse_engine_url("openai-tts://192.168.1.20:8880/v1?model=kokoro")
    >>> a.scheme, a.base, a.options
    ('openai-tts', 'http://192.168.1.20:8880/v1', {'model': 'kokoro'})
    >>> parse_engine_url("openai://api.deepseek.com/v1").base
    'https://api.deepseek.com/v1'
    >>> parse_engine_url("openai+http://gpu-box:8000/v1").base, parse_engine_url("comfyui://gpu-box:8188?tls=0").base
    ('http://gpu-box:8000/v1', 'http://gpu-box:8188')

    Raises:
        SettingsError: credentials in the URL, or no host where one is needed.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    forced: bool | None = None
    for suffix, tls in (("+https", True), ("+http", False)):
        if scheme.endswith(suffix):
            scheme, forced = scheme.removesuffix(suffix), tls
            break
    if parts.username or parts.password:
        raise SettingsError(
            f"engine {scheme}://…@{parts.hostname}: do not put credentials in the engine URL (it is stored in "
            "microdrama.toml); put the key in an environment variable (named by model.api_key_env for text "
            "engines, ?key_env= for speech and image engines)"
        )
    host = parts.hostname or ""
    if need_host and not host:
        raise SettingsError(f"engine {url!r} names no host; expected e.g. {scheme}://localhost:8000/v1")
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if ":" in host:  # an IPv6 address keeps its brackets
        netloc = f"[{host}]" if parts.port is None else f"[{host}]:{parts.port}"
    options = dict(parse_qsl(parts.query))
    if forced is None:
        forced = options["tls"].lower() not in _FALSE if "tls" in options else not is_local(host)
    return EngineAddress(scheme, host, netloc, parts.path or default_path, forced, options)
