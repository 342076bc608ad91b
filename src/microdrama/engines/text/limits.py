"""Politeness towards the server: requests/tokens per minute, bounded concurrency, backoff with jitter.

Clock and sleep are injectable so tests run without real waiting.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

Clock = Callable[[], float]
Sleep = Callable[[float], None]
WINDOW = 60.0


class RateLimiter:
    """Sliding one-minute window over requests and tokens; ``acquire`` blocks until both fit."""

    def __init__(self, rpm: int, tpm: int, *, clock: Clock = time.monotonic, sleep: Sleep = time.sleep) -> None:
        self.rpm = rpm
        self.tpm = tpm
        self.clock = clock
        self.sleep = sleep
        self._events: deque[tuple[float, int]] = deque()
        self._lock = threading.Lock()

    def _wait_needed(self, tokens: int, now: float) -> float:
        while self._events and self._events[0][0] <= now - WINDOW:
            self._events.popleft()
        if self.rpm and len(self._events) >= self.rpm:
            return self._events[0][0] + WINDOW - now
        if self.tpm:
            used = sum(t for _, t in self._events)
            if used + tokens > self.tpm and self._events:
                # wait until enough old events leave the window
                freed = 0
                for stamp, spent in self._events:
                    freed += spent
                    if used - freed + tokens <= self.tpm:
                        return stamp + WINDOW - now
                return self._events[-1][0] + WINDOW - now
        return 0.0

    def acquire(self, tokens: int) -> float:
        """Block until a request of ``tokens`` tokens fits the limits; return the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self.clock()
                delay = self._wait_needed(min(tokens, self.tpm) if self.tpm else tokens, now)
                if delay <= 0:
                    self._events.append((now, tokens))
                    return waited
            self.sleep(delay)
            waited += delay


@dataclass
class Backoff:
    """Exponential backoff with full jitter, capped; ``Retry-After`` wins when the server sends it."""

    base: float = 0.5
    cap: float = 30.0
    max_retry_after: float = 120.0
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (0-based)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        ceiling = min(self.cap, self.base * (2**attempt))
        return ceiling * (0.5 + self.rng.random() / 2)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


def estimate_tokens(text: str) -> int:
    """Rough token count for limits and estimates: ~4 characters per token, CJK ~1 per character."""
    cjk = sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
    return cjk + (len(text) - cjk + 3) // 4
