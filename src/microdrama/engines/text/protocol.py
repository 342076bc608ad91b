"""The text-engine Protocol (DESIGN §5): one request in, one validated pydantic value out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class TextRequest(Generic[T]):
    """One structured request: rendered messages, the pydantic model the reply must match, bookkeeping."""

    stage: str
    unit: str
    system: str
    user: str
    schema: type[T]
    prompt_sha256: str = ""
    max_tokens: int = 1024


@dataclass
class Usage:
    """Tokens and requests spent on one request (cached replies count as cached, cost nothing)."""

    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    repairs: int = 0
    retries: int = 0

    def add(self, other: Usage) -> None:
        """Accumulate ``other`` into this one."""
        self.requests += other.requests
        self.cached += other.cached
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.cost += other.cost
        self.repairs += other.repairs
        self.retries += other.retries


@dataclass
class TextResult(Generic[T]):
    """A validated reply."""

    value: T
    usage: Usage = field(default_factory=Usage)


class TextModel(Protocol):
    """A text engine: ``complete`` returns a value of ``request.schema`` or raises ``TextEngineError``."""

    #: engine id without credentials (goes into provenance)
    id: str
    #: model name, or None for engines without one
    model: str | None

    def complete(self, request: TextRequest[T]) -> TextResult[T]:
        """Answer ``request`` with a validated value; raise ``TextEngineError`` when it cannot."""
        ...
