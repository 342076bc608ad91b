"""Runtime of an event: the shortest (summary) and the fullest (speech and narration)."""

from __future__ import annotations

from story_fixtures import Story

from microdrama.adapt.estimate import NARRATION_USE, event_runtime, event_runtimes
from microdrama.model import UNKNOWN_SPEAKER, Event
from microdrama.text.speech_rate import ACTION_PAUSE_MS, speech_ms, using


def test_fullest_counts_speech_and_narration(english: Story) -> None:
    quotes = {q.id: q for q in english.quotes.quotes}
    runtimes = event_runtimes(english.events.events, english.source.text, quotes, "en")
    assert all(r.shortest >= 2_000 for r in runtimes)  # a cut and a summary block
    assert all(r.fullest >= r.shortest for r in runtimes)
    assert sum(r.fullest for r in runtimes) > 2 * sum(r.shortest for r in runtimes)


def test_narration_alone_fills_time() -> None:
    narration = "He walked slowly to the window and looked out at the dark and silent sea for a while. " * 20
    event = Event(id="e1", start=0, end=len(narration), summary="He walked to the window.")
    runtime = event_runtime(event, narration, {}, "en")
    assert runtime.fullest > runtime.shortest + 20_000  # 340 words of narration: about 30 s counted


def test_unattributed_speech_is_not_counted(english: Story) -> None:
    quotes = {q.id: q for q in english.quotes.quotes}
    event = next(e for e in english.events.events if any(quotes[q].speaker == UNKNOWN_SPEAKER for q in e.quotes))
    silenced = {q: quotes[q].model_copy(update={"speaker": UNKNOWN_SPEAKER}) for q in quotes}
    full = event_runtime(event, english.source.text, quotes, "en")
    none = event_runtime(event, english.source.text, silenced, "en")
    assert none.fullest < full.fullest


def test_narration_is_timed_as_the_narrator_reads_it_aloud() -> None:
    narration = "他慢慢走到窗前，望着外面黑沉沉的海，半日不语。" * 10
    event = Event(id="e1", start=0, end=len(narration), summary="他走到窗前。")
    runtime = event_runtime(event, narration, {}, "zh-Hans")
    read = (speech_ms(narration, "zh-Hans") + ACTION_PAUSE_MS) * NARRATION_USE["zh"]
    assert runtime.fullest == runtime.shortest + round(read)
    assert runtime.fullest > runtime.shortest + 40_000  # 200 字 at espeak-ng's ~4 字/s, not read at 15 字/s
    with using("openai-tts://box/v1"):  # an engine without a measured rate: the 4.5 字/s rule of thumb
        faster = event_runtime(event, narration, {}, "zh-Hans")
    assert faster.fullest - faster.shortest < runtime.fullest - runtime.shortest
