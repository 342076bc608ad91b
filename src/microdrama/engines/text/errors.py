"""Errors of the text engines (defined in :mod:`microdrama.errors`, named here for the engine's callers)."""

from microdrama.errors import BudgetExceededError as BudgetExceededError
from microdrama.errors import EngineUnavailableError as EngineUnavailableError
from microdrama.errors import StructuredOutputError as StructuredOutputError
from microdrama.errors import TextEngineError as TextEngineError
