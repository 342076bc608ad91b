"""Stages time lines as the project's speech engine says them, in this process and in workers."""

from __future__ import annotations

from pathlib import Path

from microdrama.pipeline.executors import carry_context
from microdrama.pipeline.runner import call_stage
from microdrama.project import StageContext
from microdrama.settings import Settings
from microdrama.text import speech_rate


def engine_in_use(_: object) -> str:
    return speech_rate.current_engine()


def test_a_stage_runs_under_the_projects_speech_engine(tmp_path: Path) -> None:
    settings = Settings.model_validate({"engines": {"speech": "openai-tts://box:8000/v1?model=tts-1"}})
    ctx = StageContext(project=tmp_path, settings=settings, inputs={})
    assert call_stage(engine_in_use, ctx) == "openai-tts"
    assert speech_rate.current_engine() == "espeak"  # and only while it runs


def test_work_sent_to_a_worker_carries_the_engine() -> None:
    with speech_rate.using("openai-tts://box/v1"):
        work = carry_context(engine_in_use)
    assert work(None) == "openai-tts"  # called later, elsewhere: still the caller's engine
