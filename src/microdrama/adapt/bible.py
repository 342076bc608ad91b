"""The series bible, extracted from the analysis: title, logline, synopsis, genre, characters and ties.

Offline, nothing is invented: descriptions are the book's own sentences, loglines and synopses join
event summaries with plainly factual template words, roles come from counting (who speaks most, who
shares the tense scenes with whom, who shares the romantic ones).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from microdrama.adapt.excerpts import clean, sentence_at, shorten, split_sentences
from microdrama.adapt.genre import genre_tags
from microdrama.adapt.premise import compose_logline, epithet, obstacle, stakes, stated_want, template_want
from microdrama.adapt.screen import screen_direction
from microdrama.adapt.tension import kind_counts
from microdrama.adapt.title import series_title
from microdrama.model import (
    UNKNOWN_SPEAKER,
    Bible,
    Cast,
    Character,
    CharacterProfile,
    Event,
    Events,
    Provenance,
    Quotes,
    Relationship,
    Source,
)
from microdrama.model.series import Role
from microdrama.text.language import Language
from microdrama.text.speech_rate import is_chinese

#: most characters a bible profiles
MAX_PROFILES = 24
#: ties listed per character
MAX_TIES = 5
#: share of the events a character shares with the lead that must be romantic for a love interest
ROMANCE_SHARE = 0.2
#: events a character must share with the lead to be their antagonist (or this share of the lead's)
MIN_SHARED = 3
MIN_SHARED_SHARE = 1 / 20
#: speeches assumed calm before any are counted (smooths the hostility of a character who speaks little)
HOSTILITY_PRIOR = 8
#: how far above the lead's average tension (plus speech hostility) an antagonist's scenes must run
ANTAGONIST_MARGIN = 0.1
#: events in the synopsis
SYNOPSIS_EVENTS = 5

_ROMANCE = {
    "en": re.compile(
        r"\b(?:love[sd]?|lover|loving|marry|married|marriage|kiss(?:ed|es)?|darling|dearest|beloved|"
        r"proposal|propose[sd]?|engaged|wedding|heart)\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"(?<![可热喜心])爱(?![惜护好])|情人|情意|心上人|结婚|婚姻|出嫁|嫁给|娶|相思|恋|亲事|姻缘|定情"),
}
_KIN = {
    "en": re.compile(
        r"\b(?:mother|father|sister|brother|daughter|son|aunt|uncle|cousin|wife|husband|mamma|papa)\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(
        r"^.{1,2}[母父]$|母亲|父亲|姐姐|妹妹|哥哥|弟弟|女儿|儿子|舅|姑妈|婶|叔|伯父|祖母|奶奶|爷爷|娘|爹|太太|老爷"
    ),
}
_QUOTE_MARKS = re.compile(r"[\"“”「」『』]")
#: shortest description worth taking (characters), for English (False) and Chinese (True)
_MIN_DESCRIPTION = {False: 25, True: 8}
#: mentions looked at before settling for the first one
_DESCRIPTION_TRIES = 200
_TITLE_BRACKETS = re.compile(r"《([^》]{1,40})》")
_NOT_A_TITLE = re.compile(r"^(?:produced by|\[|by\b|copyright|transcriber|contents)", re.IGNORECASE)


def bible_language(source: Source) -> str:
    """Script language tag: 'en', 'zh-Hans' or 'zh-Hant'."""
    return Language.of_source(source).tag


@dataclass(frozen=True)
class CastStats:
    """Counts the role heuristics read."""

    speeches: Counter[str]
    events_of: dict[str, list[int]]
    """Character id -> indices of the events they take part in, in story order."""


def cast_stats(quotes: Quotes, events: list[Event]) -> CastStats:
    """How often each character speaks and in which events they appear."""
    speeches = Counter(q.speaker for q in quotes.quotes if q.speaker != UNKNOWN_SPEAKER)
    events_of: dict[str, list[int]] = {}
    for index, event in enumerate(events):
        for who in dict.fromkeys(event.participants):
            events_of.setdefault(who, []).append(index)
    return CastStats(speeches=speeches, events_of=events_of)


def main_characters(cast: Cast, stats: CastStats) -> list[Character]:
    """Major and intermediate characters (else the most present ones), most prominent first."""
    order = {"major": 0, "intermediate": 1, "minor": 2}

    def prominence(c: Character) -> tuple[int, int, str]:
        presence = c.mentions + 3 * stats.speeches[c.id] + 2 * len(stats.events_of.get(c.id, []))
        return (order[c.importance], -presence, c.id)

    chosen = [c for c in cast.characters if c.importance in ("major", "intermediate")]
    if not chosen:
        chosen = [c for c in cast.characters if c.mentions or stats.speeches[c.id] or c.id in stats.events_of]
    chosen.sort(key=prominence)
    return chosen[:MAX_PROFILES]


def assign_roles(
    characters: list[Character], stats: CastStats, events: list[Event], source: Source, quotes: Quotes | None = None
) -> dict[str, Role]:
    """Role of each main character (see the module docstring for the counting rules)."""
    roles: dict[str, Role] = {}
    if not characters:
        return roles
    lang = "zh" if is_chinese(source.language) else "en"
    lead = min(characters, key=lambda c: (-(c.mentions + 3 * stats.speeches[c.id]), c.id))
    roles[lead.id] = "protagonist"
    lead_events = set(stats.events_of.get(lead.id, []))

    romantic = Counter[str]()
    for index in sorted(lead_events):
        event = events[index]
        if _ROMANCE[lang].search(source.text, event.start, event.end) is None:
            continue
        for who in dict.fromkeys(event.participants):
            romantic[who] += 1
    together = Counter[str]()
    for index in lead_events:
        together.update(set(events[index].participants))
    suitors = [
        c
        for c in characters
        if c.id != lead.id
        and romantic[c.id] >= 1
        and not _is_kin(c, lead, lang)
        and romantic[c.id] >= ROMANCE_SHARE * together[c.id]
        and not (c.gender != "unknown" and lead.gender != "unknown" and c.gender == lead.gender)
    ]
    if suitors:
        roles[min(suitors, key=lambda c: (-romantic[c.id], c.id)).id] = "love_interest"

    shared = Counter[str]()
    heat = Counter[str]()
    for index in sorted(lead_events):
        for who in dict.fromkeys(events[index].participants):
            shared[who] += 1
            heat[who] += events[index].tension  # type: ignore[assignment]
    antagonist = _antagonist(characters, roles, lead, shared, heat, lead_events, events, quotes, lang)
    if antagonist is not None:
        roles[antagonist] = "antagonist"

    for c in characters:  # the rest: family, allies, supporting
        if c.id in roles:
            continue
        if _is_kin(c, lead, lang):
            roles[c.id] = "family"
        elif shared[c.id] >= 2:
            roles[c.id] = "ally"
        else:
            roles[c.id] = "supporting"
    return roles


def _is_kin(character: Character, lead: Character, lang: str) -> bool:
    """Named by a kinship word, or sharing the lead's family name."""
    surname = _surname(lead.name, lang)
    kin_word = _KIN[lang].search(character.name) or any(_KIN[lang].search(a) for a in character.aliases)
    return bool(kin_word) or bool(surname and _surname(character.name, lang) == surname)


def _antagonist(
    characters: list[Character],
    roles: dict[str, Role],
    lead: Character,
    shared: Counter[str],
    heat: Counter[str],
    lead_events: set[int],
    events: list[Event],
    quotes: Quotes | None,
    lang: str,
) -> str | None:
    """The character who brings the lead's tense scenes: among main characters outside the lead's
    family who share at least :data:`MIN_SHARED` events with the lead, the one whose shared events are
    most tense above the lead's average, plus half the share of their speeches that carry conflict or
    threat words or an exclamation; none when nobody rises :data:`ANTAGONIST_MARGIN` above it."""
    if not lead_events:
        return None
    baseline = sum(events[i].tension for i in lead_events) / len(lead_events)
    needed = max(MIN_SHARED, round(MIN_SHARED_SHARE * len(lead_events)))
    hostile = Counter[str]()
    spoken = Counter[str]()
    for quote in quotes.quotes if quotes else []:
        spoken[quote.speaker] += 1
        kinds = kind_counts(quote.text, lang)
        if kinds["conflict"] or kinds["threat"] or "!" in quote.text or "！" in quote.text:
            hostile[quote.speaker] += 1
    best: tuple[float, str] | None = None
    for c in characters:
        if c.id in roles or shared[c.id] < needed or _is_kin(c, lead, lang):
            continue
        score = heat[c.id] / shared[c.id] - baseline
        score += 0.5 * hostile[c.id] / (spoken[c.id] + HOSTILITY_PRIOR)  # few speeches say little
        if best is None or score > best[0] or (score == best[0] and c.id < best[1]):
            best = (score, c.id)
    if best is None or best[0] < ANTAGONIST_MARGIN:
        return None
    return best[1]


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index][1]


def _surname(name: str, lang: str) -> str:
    """Family name: the last word of a multi-word English name, the first character of a 3-character
    Chinese name (shorter Chinese names are often given names or titles).

    >>> _surname("Elizabeth Bennet", "en"), _surname("Mrs. Bennet", "en"), _surname("贾宝玉", "zh")
    ('bennet', 'bennet', '贾')
    """
    if lang == "zh":
        return name[0] if len(name) == 3 else ""
    words = name.split()
    return words[-1].lower() if len(words) >= 2 else ""


def first_sentence(source: Source, character: Character, quotes: Quotes | None = None) -> str:
    """The first narration sentence of the story that names the character (cleaned, at most 300
    characters); a sentence inside a quotation or a bare speech tag only when there is nothing else."""
    spans = sorted((q.start, q.end) for q in quotes.quotes) if quotes else []
    starts = [a for a, _ in spans]
    names = sorted({n for n in [character.name, *character.aliases] if len(n.strip()) >= 2}, key=lambda n: (-len(n), n))
    if not names:
        return ""
    alternation = "|".join(re.escape(n) for n in names)
    pattern = re.compile(alternation if is_chinese(source.language) else rf"\b(?:{alternation})\b")
    body = source.body_chapters()
    fallback = ""
    for count, match in enumerate(pattern.finditer(source.text, body[0].body_start if body else 0)):
        start, end = sentence_at(source.text, match.start(), source.language)
        sentence = shorten(clean(source.text[start:end], source.language), 300, source.language)
        fallback = fallback or sentence
        # prefer narration that says something: no quotation inside, more than a speech tag
        zh = is_chinese(source.language)
        if (
            not _inside(spans, starts, match.start())
            and not _QUOTE_MARKS.search(sentence)
            and len(sentence) >= _MIN_DESCRIPTION[zh]
            and (zh or sentence[:1].isupper())
        ):
            return sentence
        if count >= _DESCRIPTION_TRIES:
            break
    return fallback


def relationships(
    character: Character, profiles: list[Character], stats: CastStats, roles: dict[str, Role]
) -> list[Relationship]:
    """Ties to the other main characters by shared events, strongest first."""
    mine = set(stats.events_of.get(character.id, []))
    ties: list[Relationship] = []
    for other in profiles:
        if other.id == character.id:
            continue
        weight = len(mine & set(stats.events_of.get(other.id, [])))
        if weight == 0:
            continue
        pair = {roles.get(character.id), roles.get(other.id)}
        if pair == {"protagonist", "love_interest"}:
            kind = "romance"
        elif pair == {"protagonist", "antagonist"}:
            kind = "conflict"
        elif "family" in pair and "protagonist" in pair:
            kind = "family"
        else:
            kind = "shares scenes"
        ties.append(Relationship(other=other.id, kind=kind, weight=weight))
    ties.sort(key=lambda t: (-t.weight, t.other))
    return ties[:MAX_TIES]


def arc(character: Character, stats: CastStats, events: list[Event], language: str) -> str:
    """First and last event summaries the character appears in ('first → last')."""
    indices = stats.events_of.get(character.id, [])
    if not indices:
        return ""
    first = shorten(clean(events[indices[0]].summary, language), 150, language)
    if len(indices) == 1:
        return first
    last = shorten(clean(events[indices[-1]].summary, language), 150, language)
    return f"{first} → {last}"


def top_events(events: list[Event], count: int) -> list[Event]:
    """The ``count`` most important events (tension breaks ties), in story order."""
    ranked = sorted(range(len(events)), key=lambda i: (-events[i].importance, -events[i].tension, i))
    return [events[i] for i in sorted(ranked[:count])]


def _direction(event: Event, language: str) -> str:
    """An event's summary as a present-tense, third-person sentence ('' when it is commentary or "I")."""

    text = clean(event.summary, language)
    first = (split_sentences(text, language) or [text])[0]
    return screen_direction(first, language) or ""


def logline(names: list[str], events: list[Event], language: str) -> str:
    """The leads and the story's tensest important moment, as a present-tense sentence:
    'Sherlock Holmes and Jefferson Hope: Holmes snaps the handcuffs on the cabman.'"""
    summary = ""
    ranked = sorted(range(len(events)), key=lambda i: (-events[i].importance * events[i].tension, i))
    for index in ranked[:12]:
        summary = _direction(events[index], language)
        if summary:
            break
    if is_chinese(language):
        lead = "与".join(names[:2])
        return f"{lead}：{summary}" if lead and summary else (f"{lead}的故事。" if lead else summary)
    lead = " and ".join(names[:2])
    return f"{lead}: {summary}" if lead and summary else (f"A story of {lead}." if lead else summary)


def synopsis(events: list[Event], language: str, names: list[str] | None = None) -> str:
    """Three to five sentences: the most important event of each part of the story (beginning, middle,
    end), each as a present-tense sentence without the narrator's "I" or commentary, in story order.
    With ``names`` (the main characters), a sentence that names one of them is preferred, and one that
    opens on a pronoun or a clause ("With which…", "Then, again…") is taken only when a part has no other."""
    if not events:
        return ""
    parts = min(SYNOPSIS_EVENTS, max(3, len(events) // 20)) if len(events) >= 3 else len(events)
    size = len(events) / parts
    sentences = []
    for part in range(parts):
        chunk = events[round(part * size) : round((part + 1) * size)]
        fallback = ""
        for event in sorted(chunk, key=lambda e: (-e.importance, -e.tension, e.start)):
            direction = _direction(event, language)
            if not direction or direction[-1] not in ".!?。！？":  # cut short: not a sentence of the synopsis
                continue
            fallback = fallback or direction
            if names is None or _names_someone(direction, names, language):
                sentences.append(direction)
                break
        else:
            if fallback:
                sentences.append(fallback)
    return ("" if is_chinese(language) else " ").join(dict.fromkeys(sentences))


_EN_WEAK_OPENING = re.compile(
    r"^(?:he|she|it|they|we|you|i|this|that|these|those|there|then|with|which|who|what|but|and|so|all|"
    r"if|when|as|since|though|although|for)\b",
    re.IGNORECASE,
)


def _names_someone(sentence: str, names: list[str], language: str) -> bool:
    """Whether a synopsis sentence stands on its own: it names a main character and (English) does not
    open on a pronoun, a conjunction or a relative."""
    if is_chinese(language):
        return any(n in sentence for n in names) and not sentence.startswith(
            ("他", "她", "这", "那", "于是", "但", "然而")
        )
    if _EN_WEAK_OPENING.match(sentence):
        return False
    return any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names)


def _describe(sentence: str, language: str) -> str:
    """A character's line of description in the present tense; the book's sentence when it is not a
    screen direction (the narrator's "I", a comment)."""

    return screen_direction(sentence, language) or sentence


def make_bible(source: Source, cast: Cast, quotes: Quotes, events: Events, *, title: str = "") -> Bible:
    """Build the series bible from the analysis."""
    story = events.events
    language = bible_language(source)
    stats = cast_stats(quotes, story)
    mains = main_characters(cast, stats)
    roles = assign_roles(mains, stats, story, source, quotes)
    rank = {"protagonist": 0, "love_interest": 1, "antagonist": 2}
    ordered = sorted(mains, key=lambda c: (rank.get(roles[c.id], 3), mains.index(c)))
    profiles = [
        CharacterProfile(
            id=c.id,
            name=c.name,
            role=roles[c.id],
            description=_describe(first_sentence(source, c, quotes), language),
            relationships=relationships(c, mains, stats, roles),
            arc=arc(c, stats, story, language),
        )
        for c in ordered
    ]
    genre = genre_tags(source.text, source.language)
    lead = next((p for p in profiles if p.role == "protagonist"), None)
    lead_name = lead.name if lead else ""
    for index, (profile, character) in enumerate(zip(profiles, ordered, strict=True)):
        want = stated_want(character, source.text, quotes.quotes, language)
        want = want or template_want(profile.role, genre, lead_name, language)
        profiles[index] = profile.model_copy(update={"want": want})
    lead = next((p for p in profiles if p.role == "protagonist"), None)
    leads = [p.name for p in profiles if p.role in ("protagonist", "antagonist", "love_interest")]
    if len(leads) < 2:
        leads += [p.name for p in profiles if p.name not in leads][: 2 - len(leads)]
    names = [n for c in ordered for n in [c.name, *c.aliases] if len(n) >= 2]
    if lead is None:
        line = logline(leads, story, language)
        want = blocker = stake = ""
    else:
        villain = next((p.name for p in profiles if p.role == "antagonist"), "")
        blocker = obstacle(villain, lead.id, story, language)
        stake = stakes(genre, lead_name, language)
        want = lead.want
        line = compose_logline(
            lead_name, epithet(lead.description, lead_name, language), want, blocker, stake, language
        )
    return Bible(
        title=series_title(source, title),
        language=language,
        logline=line,
        synopsis=synopsis(story, language, names),
        protagonist=lead.id if lead else "",
        want=want,
        obstacle=blocker,
        stakes=stake,
        genre=genre,
        characters=profiles,
        provenance=Provenance(stage="adapt"),
    )
