"""Shared fixtures: where ../shared lives, corpus files, temporary projects."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; skips the test when it is absent (a user's machine)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout (CI always has it)")
    return SHARED


@pytest.fixture
def corpus_dir(shared_dir: Path) -> Path:
    """../shared/corpus: public-domain novels."""
    return shared_dir / "corpus"
