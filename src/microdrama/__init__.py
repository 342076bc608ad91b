"""microdrama: from a novel to a vertical micro-drama series, offline by default."""

from microdrama.errors import MicrodramaError

__version__ = "0.1.0"

__all__ = ["MicrodramaError", "__version__"]
