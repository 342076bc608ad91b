"""Fixtures for the format tests: an English and a Chinese episode."""

from __future__ import annotations

import pytest
from formats.sample_scripts import make_en_script, make_zh_script

from microdrama.model import EpisodeScript


@pytest.fixture
def en_script() -> EpisodeScript:
    """English episode 1."""
    return make_en_script()


@pytest.fixture
def zh_script() -> EpisodeScript:
    """Chinese episode 2."""
    return make_zh_script()
