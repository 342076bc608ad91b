"""Response cache in the project store: a reply is kept under the hash of everything that shaped it.

Key = sha256 of (model, messages, parameters, seed). Each reply is written atomically as soon as it
arrives, so a run killed anywhere resumes without repeating a finished request, and a re-run costs
nothing. Entries hold the reply and its token counts, never the API key or headers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from microdrama.project import atomic_write

CACHE_DIR = ".microdrama/llm"


@dataclass(frozen=True)
class RawReply:
    """One HTTP reply of a chat-completions server, reduced to what we use."""

    content: str
    finish_reason: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0


def request_key(model: str, messages: list[dict[str, str]], params: dict[str, Any], seed: int | None) -> str:
    """sha256 over the canonical JSON of model, messages, parameters and seed."""
    doc = {"model": model, "messages": messages, "params": params, "seed": seed}
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class ResponseCache:
    """Replies by request key under ``PROJECT/.microdrama/llm/ab/abcdef….json``; ``read_only`` for estimates."""

    def __init__(self, project: Path, *, read_only: bool = False) -> None:
        self.root = project / CACHE_DIR
        self.tmp = project / ".microdrama" / "tmp"
        self.read_only = read_only

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> RawReply | None:
        """The cached reply, or None (a damaged entry counts as absent)."""
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return RawReply(**data)
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, reply: RawReply) -> None:
        """Store a reply atomically."""
        if self.read_only:
            return
        data = json.dumps(asdict(reply), sort_keys=True, ensure_ascii=False).encode("utf-8")
        atomic_write(self._path(key), data, tmp_dir=self.tmp)
