"""How the written scripts treat narration: what the camera can show, and how long it runs when voiced.

Run from the repository root on projects already produced up to ``parse``::

    .venv/bin/python benchmarks/narration.py /tmp/wr/after/en_the_great_gatsby /tmp/wr/after/zh_luxun_shangshi

Per project (all episodes): action lines, the share that say I/我 (a narrator's reflection the camera
cannot film), the share that name nobody of the cast (an empty frame in the animatic), their mean
length, voice-over lines, and the *voiced / planned* runtime ratio — the episode as the animatic says it
(dialogue at speech rate; action condensed by ``voice.stage.narration`` like the voice stage) over the
script's planned runtime. No speech engine is run, so the ratio is an estimate.
"""

from __future__ import annotations

import sys
from pathlib import Path

from microdrama.model import Bible, EpisodeScript
from microdrama.screenplay.speakers import CastIndex
from microdrama.text.speech_rate import DIALOGUE_PAUSE_MS, TRANSITION_MS, speech_ms
from microdrama.voice.stage import PAUSE_MS, narration
from microdrama.write.narrator import says_i


def measure(project: Path) -> dict[str, object]:
    """The figures of one project."""
    bible = Bible.load(project / "series/bible.json")
    index = CastIndex(bible)
    actions: list[str] = []
    voice_over = 0
    planned = voiced = 0
    for path in sorted((project / "script").glob("ep[0-9][0-9][0-9].json")):
        script = EpisodeScript.load(path)
        planned += script.duration_ms
        for scene in script.scenes:
            voiced += TRANSITION_MS
            for element in scene.elements:
                language = script.language
                if element.kind == "action":
                    actions.append(element.text)
                    voiced += speech_ms(narration(element.text, element.duration_ms, language), language)
                    voiced += PAUSE_MS["action"]
                elif element.kind == "dialogue":
                    voice_over += element.extension == "V.O."
                    voiced += speech_ms(element.text, language) + DIALOGUE_PAUSE_MS
                else:
                    voiced += element.duration_ms
    language = bible.language
    count = max(len(actions), 1)
    return {
        "project": project.name,
        "action lines": len(actions),
        "say I %": round(100 * sum(says_i(a, language) for a in actions) / count, 1),
        "name nobody %": round(100 * sum(not index.mentioned(a) for a in actions) / count, 1),
        "mean chars": round(sum(len(a) for a in actions) / count),
        "V.O. lines": voice_over,
        "voiced/planned": round(voiced / max(planned, 1), 2),
    }


def main() -> int:
    rows = [measure(Path(arg)) for arg in sys.argv[1:]]
    if not rows:
        print(__doc__)
        return 2
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "|".join("---" for _ in keys) + "|")
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
