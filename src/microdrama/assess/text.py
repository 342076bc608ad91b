"""The series as text for the trope profile and the sameness index: bible, plan, then every script line."""

from __future__ import annotations

import re

from microdrama.check.project import Project

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: shingle sizes: three English words, four Chinese characters (about two words each)
EN_SHINGLE, ZH_SHINGLE = 3, 4


def series_text(project: Project) -> str:
    """Logline, synopsis, genre, episode titles, beats and cliffhangers, and the scripts' lines."""
    bible, plan = project.bible, project.plan
    parts = [bible.title, bible.logline, bible.synopsis, " ".join(bible.genre)]
    for episode in plan.episodes:
        parts += [episode.title, episode.cliffhanger, *(b.text for b in episode.beats)]
    for episode in project.episodes:
        if episode.script is None:
            continue
        for scene in episode.script.scenes:
            parts += [e.text for e in scene.elements if e.kind in ("dialogue", "action")]
    return "\n".join(p for p in parts if p)


def shingles(text: str) -> set[str]:
    """Overlapping word 3-grams (English) or character 4-grams of the Chinese characters (Chinese)."""
    cjk = _CJK.findall(text)
    if len(cjk) > len(text) * 0.2:
        run = "".join(cjk)
        return {run[i : i + ZH_SHINGLE] for i in range(max(len(run) - ZH_SHINGLE + 1, 0))}
    words = [w.lower() for w in _WORD.findall(text)]
    return {" ".join(words[i : i + EN_SHINGLE]) for i in range(max(len(words) - EN_SHINGLE + 1, 0))}
