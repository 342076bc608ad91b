"""Text engines: the offline default, and any OpenAI-compatible server behind one small Protocol.

Import this package without importing the ``openai`` SDK; it is loaded only when an
``openai://`` engine is opened.
"""

from microdrama.engines.text.errors import (
    BudgetExceededError,
    EngineUnavailableError,
    StructuredOutputError,
    TextEngineError,
)
from microdrama.engines.text.ledger import Ledger, begin_session, session
from microdrama.engines.text.protocol import TextModel, TextRequest, TextResult, Usage
from microdrama.engines.text.registry import MOCK_RESPONDERS, SCHEMES, open_text_engine, parse_url, public_id

__all__ = [
    "MOCK_RESPONDERS",
    "SCHEMES",
    "BudgetExceededError",
    "EngineUnavailableError",
    "Ledger",
    "StructuredOutputError",
    "TextEngineError",
    "TextModel",
    "TextRequest",
    "TextResult",
    "Usage",
    "begin_session",
    "open_text_engine",
    "parse_url",
    "public_id",
    "session",
]
