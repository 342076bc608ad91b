"""The scene breakdown: each scene's place, time, length, cast and elements, from the parsed episode scripts.

Estimates (documented constants, the same for every project):

* length in eighths of a page — one page per minute of screen time, at least 1/8;
* shots — one camera setup per printed action paragraph or speech;
* shooting time — ``SCENE_SETUP_MIN`` + ``MIN_PER_SHOT`` per shot + ``MIN_PER_SCREEN_MINUTE`` per
  minute of screen time, rounded up to 5 minutes (micro-drama crews shoot 10-15 episodes a day);
* location setup — ``LOCATION_SETUP_MIN`` every time the company moves in (charged on the call sheet).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from microdrama.formats._common import in_episode_order, is_chinese, is_printed, one_line
from microdrama.model.base import Provenance
from microdrama.model.script import EpisodeScript, Scene
from microdrama.model.series import Bible
from microdrama.model.shoot import Breakdown, BreakdownScene, CastMember, LocationInfo
from microdrama.shoot.lexicon import Lexicon

SCENE_SETUP_MIN = 5
MIN_PER_SHOT = 2
MIN_PER_SCREEN_MINUTE = 20
LOCATION_SETUP_MIN = 30
#: daily cost by bible role; characters not in the bible cost 1
ROLE_COST = {"protagonist": 3, "antagonist": 3, "love_interest": 3}
BIBLE_COST = 2

_NIGHT_WORDS = ("NIGHT", "EVENING", "DUSK", "夜", "晚", "黄昏", "傍晚")
_MINUTE_MS = 60_000


def is_night(time_of_day: str) -> bool:
    """Whether a heading's time of day is shot in the night block.

    >>> is_night("NIGHT"), is_night("日"), is_night("深夜")
    (True, False, True)
    """
    upper = time_of_day.upper()
    return any(word in upper for word in _NIGHT_WORDS)


def shoot_minutes(shots: int, screen_ms: int) -> int:
    """Estimated shooting minutes of a scene, a multiple of 5.

    >>> shoot_minutes(10, 60_000)
    45
    """
    raw = SCENE_SETUP_MIN + MIN_PER_SHOT * shots + MIN_PER_SCREEN_MINUTE * screen_ms / _MINUTE_MS
    return max(5, 5 * math.ceil(raw / 5 - 1e-9))


class _Names:
    """Bible characters by the forms they are written in, for cues and action lines."""

    def __init__(self, bible: Bible) -> None:
        self.chinese = is_chinese(bible.language)
        self.by_key: dict[str, tuple[str, str, str]] = {}  # casefolded name -> (name, id, role)
        forms: dict[str, list[tuple[str, str]]] = {}
        for character in bible.characters:
            name = one_line(character.name)
            if not name:
                continue
            self.by_key.setdefault(name.casefold(), (name, character.id, character.role))
            forms.setdefault(name, []).append((name, character.id))
            short = self._short_form(name)
            if short:
                forms.setdefault(short, []).append((name, character.id))
        # a short form shared by two characters names neither
        self.forms = sorted(
            ((form, owners[0][0]) for form, owners in forms.items() if len({o[1] for o in owners}) == 1),
            key=lambda item: (-len(item[0]), item[0]),
        )

    def _short_form(self, name: str) -> str | None:
        if self.chinese:
            return name[1:] if len(name) == 3 else None
        first = name.split()[0]
        return first if first != name and len(first) >= 3 else None

    def resolve(self, cue: str) -> tuple[str, str | None, str]:
        """(display name, bible id, role) of a character cue."""
        found = self.by_key.get(cue.casefold())
        if found:
            return found
        return (cue.title() if not self.chinese and cue.isupper() else cue, None, "")

    def in_text(self, text: str) -> list[str]:
        """Bible characters named in ``text``."""
        out: list[str] = []
        taken = [False] * len(text)
        for form, name in self.forms:
            pattern = re.escape(form) if self.chinese else rf"(?<!\w){re.escape(form)}(?!\w)"
            for match in re.finditer(pattern, text):
                if any(taken[match.start() : match.end()]):
                    continue
                taken[match.start() : match.end()] = [True] * (match.end() - match.start())
                if name not in out:
                    out.append(name)
        return out


def scene_id(episode: int, number: int) -> str:
    """Series-wide scene id, e.g. ``003-02``."""
    return f"{episode:03d}-{number:02d}"


def break_down(
    scripts: Iterable[EpisodeScript], bible: Bible, lexicon: Lexicon, *, lexicons: list[str], parents: dict[str, str]
) -> Breakdown:
    """Break every scene of the series down for scheduling."""
    names = _Names(bible)
    roles: dict[str, tuple[str | None, str]] = {}
    scenes: list[BreakdownScene] = []
    for script in in_episode_order(scripts):
        for scene in script.scenes:
            scenes.append(_scene(script.episode, scene, names, lexicon, roles))
    counts: dict[str, int] = {}
    for item in scenes:
        for name in item.speaking + item.silent:
            counts[name] = counts.get(name, 0) + 1
    rank = {"protagonist": 0, "antagonist": 1, "love_interest": 2}
    ordered = sorted(counts, key=lambda n: (-counts[n], rank.get(roles[n][1], 3), n))
    cast = [
        CastMember(
            name=name,
            id=roles[name][0],
            role=roles[name][1],
            number=index + 1,
            scenes=counts[name],
            daily_cost=ROLE_COST.get(roles[name][1], BIBLE_COST if roles[name][0] else 1),
        )
        for index, name in enumerate(ordered)
    ]
    places: dict[str, list[BreakdownScene]] = {}
    for item in scenes:
        places.setdefault(item.location, []).append(item)
    locations = [
        LocationInfo(
            name=place,
            setting="/".join(sorted({s.setting for s in members}))
            if len({s.setting for s in members}) > 1
            else members[0].setting,
            scenes=len(members),
            setup_ms=LOCATION_SETUP_MIN * _MINUTE_MS,
        )
        for place, members in sorted(places.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    return Breakdown(
        title=bible.title,
        language=bible.language,
        scenes=scenes,
        cast=cast,
        locations=locations,
        lexicons=lexicons,
        provenance=Provenance(stage="shoot", parents=parents),
    )


def _scene(
    episode: int, scene: Scene, names: _Names, lexicon: Lexicon, roles: dict[str, tuple[str | None, str]]
) -> BreakdownScene:
    speaking: list[str] = []
    actions: list[str] = []
    shots = 0
    for element in scene.elements:
        if not is_printed(element):
            continue
        shots += 1
        if element.kind == "dialogue":
            name, cast_id, role = names.resolve(one_line(element.character))
            roles.setdefault(name, (cast_id, role))
            if name not in speaking:
                speaking.append(name)
        elif element.kind == "action":
            actions.append(element.text)
    action_text = "\n".join(actions)
    silent = []
    for name in names.in_text(action_text):
        if name not in speaking:
            silent.append(name)
            roles.setdefault(name, names.resolve(name)[1:])
    found = lexicon.find(action_text)
    screen_ms = scene.duration_ms or sum(e.duration_ms for e in scene.elements)
    location = one_line(scene.location) or one_line(scene.heading) or "UNKNOWN"
    if not names.chinese:
        location = location.upper()
    synopsis = one_line(actions[0]) if actions else one_line(scene.synopsis)
    return BreakdownScene(
        id=scene_id(episode, scene.number),
        episode=episode,
        number=scene.number,
        heading=one_line(scene.heading),
        setting=scene.setting,
        location=location,
        time_of_day=one_line(scene.time_of_day) or "DAY",
        night=is_night(scene.time_of_day),
        eighths=max(1, round(screen_ms / _MINUTE_MS * 8)),
        screen_ms=screen_ms,
        shots=shots,
        shoot_ms=shoot_minutes(shots, screen_ms) * _MINUTE_MS,
        speaking=speaking,
        silent=silent,
        extras=found["extras"],
        props=found["props"],
        wardrobe=found["wardrobe"],
        vehicles=found["vehicles"],
        sfx=found["sfx"],
        synopsis=synopsis[:80] + ("…" if len(synopsis) > 80 else ""),
    )
