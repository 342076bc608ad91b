"""Model-based refinements of the offline results: attribution, series plan, dialogue, translation.

Each refiner takes an offline artifact and returns an improved copy; a unit the model cannot do
(invalid replies, server failures) keeps its offline result and is reported, never silently.
"""

from microdrama.refine.adapt import refine_adapt
from microdrama.refine.attribution import ModelAttributor
from microdrama.refine.translate import translate
from microdrama.refine.write import refine_episode

__all__ = ["ModelAttributor", "refine_adapt", "refine_episode", "translate"]
