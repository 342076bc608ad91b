"""Fixtures of the write tests: the hand-made English and Chinese stories (see tests/story_fixtures.py)."""

from __future__ import annotations

import pytest
from story_fixtures import Story, chinese_story, english_story


@pytest.fixture(scope="session")
def english() -> Story:
    """'The Keeper's Light', analysed by hand."""
    return english_story()


@pytest.fixture(scope="session")
def chinese() -> Story:
    """《茶馆风雨》, analysed by hand."""
    return chinese_story()
