"""Errors of the text engines: a unit that cannot be refined, a budget that is spent."""

from __future__ import annotations

from microdrama.errors import MicrodramaError


class TextEngineError(MicrodramaError):
    """A text-engine request failed for good (after retries); the caller keeps its offline result."""


class StructuredOutputError(TextEngineError):
    """The model's reply never matched the requested schema within the repair attempts."""


class EngineUnavailableError(TextEngineError):
    """The engine cannot answer at all (offline engine, estimate mode, missing API key…)."""


class BudgetExceededError(MicrodramaError):
    """``--max-cost`` is reached: the run stops cleanly; finished requests stay cached for the next run."""
