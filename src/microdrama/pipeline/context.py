"""Kept for code written before the house was cleaned: the stage context now lives in :mod:`microdrama.project`.

Stage packages must import :mod:`microdrama.project` (the import-linter contracts forbid a stage to
import ``microdrama.pipeline``).
"""

from microdrama.project import Outputs, StageContext

__all__ = ["Outputs", "StageContext"]
