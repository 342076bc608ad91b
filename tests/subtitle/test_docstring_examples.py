"""The examples in the subtitle modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["cues", "glossary", "linebreak", "rules", "timeline", "variants"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"microdrama.subtitle.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("name", ["vtt", "ttml"])
def test_format_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(f"microdrama.formats.{name}"))
    assert result.attempted > 0 and result.failed == 0
