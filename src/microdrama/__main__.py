"""``python -m microdrama``."""

from microdrama.cli import run

run()
