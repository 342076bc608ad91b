"""The draft rules (issue 14): a well-shaped episode passes each, a script with the defect fails it."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from microdrama.adapt import defects
from microdrama.check import check_project, draft_rules
from microdrama.model import (
    Cast,
    Chapter,
    Character,
    LineSource,
    Provenance,
    ScriptSources,
    Source,
)

DRAFT_RULES = [
    "action-lines",
    "narrator",
    "repeated-cue",
    "dialogue-seams",
    "scene-headings",
    "cliffhanger-line",
    "titles",
]

GOOD = """# EP02: Written in Blood
= The police find a word on the wall.

INT. LAURISTON GARDENS - FRONT ROOM - NIGHT

A dead man lies on his back, fists clenched.

GREGSON
Not a wound on him. And all this blood.

Holmes kneels and sniffs the dead man's lips.

LESTRADE
Look at this!

On the wall, in blood-red letters: RACHE.

HOLMES
Rache is the German for revenge. Who wants revenge?

> SMASH CUT TO BLACK.
"""

BOOK = (
    "Sherlock Holmes seemed delighted at the idea of sharing his rooms with me. "
    "That very evening I moved my things round from the hotel."
)


def _write(project: Path, text: str, number: int = 2, cliffhanger: str = "") -> None:
    (project / f"script/ep{number:03d}.fountain").write_text(text, encoding="utf-8")
    plan_path = project / "series/plan.json"
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    plan["episodes"][number - 1]["cliffhanger"] = cliffhanger
    plan_path.write_text(json.dumps(plan), encoding="utf-8")


def _errors(project: Path, rule: str, number: int = 2) -> list[str]:
    report = check_project(project, only=[rule])
    return [f.message for f in report.findings if f.severity == "error" and f.episode == number]


def _cast(project: Path, narrator: bool) -> None:
    people = [
        Character(
            id="c1",
            name="John Watson",
            aliases=["Watson", "Doctor"],
            gender="male",
            role="narrator" if narrator else "character",
        ),
        Character(id="c2", name="Sherlock Holmes", aliases=["Holmes"], gender="male"),
        Character(id="c3", name="Joseph Stangerson", aliases=["Stangerson"], gender="male"),
    ]
    cast = Cast(characters=people, provenance=Provenance(stage="analyze"))
    (project / "story/cast.json").write_bytes(cast.to_bytes())


def _source(project: Path, text: str = BOOK) -> None:
    (project / "source").mkdir(exist_ok=True)
    source = Source(
        file_name="book.txt",
        file_format="txt",
        sha256="0" * 64,
        size_bytes=len(text),
        encoding="utf-8",
        language="en",
        text=text,
        chapters=[],
        provenance=Provenance(stage="ingest"),
    )
    (project / "source/source.json").write_bytes(source.to_bytes())


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(defects).failed == 0
    assert doctest.testmod(draft_rules).failed == 0


@pytest.mark.parametrize("rule", DRAFT_RULES)
def test_a_well_shaped_episode_passes(project: Path, rule: str) -> None:
    _write(project, GOOD, cliffhanger="Who wants revenge?")
    assert _errors(project, rule) == []


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Sherlock Holmes seemed delighted at the idea of sharing his rooms.", "past tense (seemed)"),
        ("His chin, too, had the prominence and squareness which mark the man of determination.", "past tense (had)"),
        ("Holmes sings a song③ at the inn.", "footnote marker"),
        ("[Illustration: Holmes at the window]", "footnote marker"),
        ("Perhaps Holmes is the most singular man in London.", "commentary (Perhaps)"),
        ("I follow Holmes into the room.", "first person (I/me/my)"),
        ("As we make our way to the hospital, Stamford talks.", "first person (we/us/our)"),
        ("(_Being a reprint from the reminiscences of_ JOHN H. WATSON, M.D.)", "editorial text"),
        (" ".join(["Holmes walks"] * 20) + ".", "40 words"),
    ],
)
def test_action_lines_that_are_prose_fail(project: Path, line: str, why: str) -> None:
    _write(project, GOOD.replace("A dead man lies on his back, fists clenched.", line))
    errors = _errors(project, "action-lines")
    assert len(errors) == 1 and why in errors[0]


def test_same_speaker_twice_in_a_row_fails(project: Path) -> None:
    bad = GOOD.replace("HOLMES\nRache", "HOLMES\nOne more thing.\n\nHOLMES\nRache")
    _write(project, bad)
    assert "HOLMES is cued twice in a row" in _errors(project, "repeated-cue")[0]
    # an action line between two speeches of one speaker is a continued speech, not a repeat
    _write(project, GOOD.replace("HOLMES\nRache", "HOLMES\nOne more thing.\n\nLestrade's smile dies.\n\nHOLMES\nRache"))
    assert _errors(project, "repeated-cue") == []


@pytest.mark.parametrize(
    ("speech", "why"),
    [
        ("I have my eye on a suite in Baker Street,", "stops mid-sentence"),
        ("I always smoke ship's myself", "stops mid-sentence"),
        ("You seem to be a walking calendar of crime, You might start a paper.", "seam ', You'"),
        ("I will come, But, tell me, who sent you?", "seam ', But'"),
    ],
)
def test_cut_and_seamed_speeches_fail(project: Path, speech: str, why: str) -> None:
    _write(project, GOOD.replace("Not a wound on him. And all this blood.", speech))
    errors = _errors(project, "dialogue-seams")
    assert len(errors) == 1 and why in errors[0]


def test_a_person_as_location_and_too_many_headings_fail(project: Path) -> None:
    _cast(project, narrator=False)
    _write(project, GOOD.replace("INT. LAURISTON GARDENS - FRONT ROOM - NIGHT", "EXT. STANGERSON - DAY"))
    assert "a person (STANGERSON)" in _errors(project, "scene-headings")[0]
    _write(project, GOOD.replace("INT. LAURISTON GARDENS - FRONT ROOM - NIGHT", "EXT. AFGHANISTAN - DAY"))
    assert "a region, not a place (AFGHANISTAN)" in _errors(project, "scene-headings")[0]
    many = (
        GOOD.replace("\nHolmes kneels", "\nINT. HALL - NIGHT\n\nHolmes kneels")
        .replace("\nOn the wall", "\nINT. STAIRS - NIGHT\n\nOn the wall")
        .replace("\nHOLMES\nRache", "\nEXT. STREET - NIGHT\n\nHOLMES\nRache")
    )
    _write(project, many, cliffhanger="Who wants revenge?")
    assert "scene headings in" in _errors(project, "scene-headings")[0]


@pytest.mark.parametrize(
    "ending",
    [
        "HOLMES\nThat is all for tonight.",  # resolved talk
        "The grey morning is quiet over the road.",  # calm action
        "JOHN WATSON (V.O.)\nUnder these circumstances, I eagerly hailed the little mystery?",  # narration
    ],
)
def test_endings_that_are_no_peak_fail(project: Path, ending: str) -> None:
    _write(project, GOOD.replace("> SMASH CUT TO BLACK.", ending + "\n\n> SMASH CUT TO BLACK."))
    assert _errors(project, "cliffhanger-line")


def test_the_planned_cliffhanger_must_be_among_the_last_lines(project: Path) -> None:
    _write(project, GOOD, cliffhanger="A dead man lies on his back, fists clenched.")
    assert "is not among the last 3 lines" in _errors(project, "cliffhanger-line")[0]


def test_the_planned_cliffhanger_is_found_by_its_book_offset(project: Path) -> None:
    """The writer may shorten the planned words; the line whose book span holds the plan's offset is it."""
    _source(project)
    ending = "Rache is the German for revenge. Who wants revenge?"
    _write(project, GOOD, cliffhanger="Different words entirely, said otherwise.")
    plan_path = project / "series/plan.json"
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    plan["episodes"][1]["cliffhanger_at"] = 80
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    assert _errors(project, "cliffhanger-line")  # no line of the script comes from offset 80
    lines = [LineSource(text=ending, start=78, end=120)]
    sources = ScriptSources(episode=2, lines=lines, provenance=Provenance(stage="write"))
    (project / "script/ep002.sources.json").write_bytes(sources.to_bytes())
    assert _errors(project, "cliffhanger-line") == []


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("I asked involuntarily", "a sentence (I)"),
        ("With which inconsequent remark he strode", "a sentence"),
        ("The Man Who Came to the", "ends on"),
        ("A Very Long Title of Many Many Words", "8 words"),
    ],
)
def test_titles_that_are_sentence_prefixes_fail(project: Path, title: str, why: str) -> None:
    _write(project, GOOD.replace("Written in Blood", title))
    assert why in _errors(project, "titles")[0]


def test_a_repeated_title_fails(project: Path) -> None:
    _write(project, GOOD, number=2)
    _write(project, GOOD.replace("# EP02", "# EP03"), number=3)
    assert "same as episode 2" in _errors(project, "titles", 3)[0]


def _narrated(project: Path, action: str, cue: str = "") -> None:
    _source(project)
    start = BOOK.index("That very evening")
    sources = ScriptSources(
        episode=2, lines=[LineSource(text=action, start=start, end=len(BOOK))], provenance=Provenance(stage="write")
    )
    (project / "script/ep002.sources.json").write_bytes(sources.to_bytes())
    text = GOOD.replace("A dead man lies on his back, fists clenched.", action)
    if cue:
        text = text.replace("GREGSON\n", f"{cue} (V.O.)\n")
    _write(project, text, cliffhanger="Who wants revenge?")


def test_the_narrator_renamed_as_another_character_fails(project: Path) -> None:
    _cast(project, narrator=True)
    _narrated(project, "That very evening Joseph Stangerson moves his things round from the hotel.")
    assert "became Joseph Stangerson" in _errors(project, "narrator")[0]
    _narrated(project, "That very evening John Watson moves his things round from the hotel.")
    assert _errors(project, "narrator") == []


def test_without_a_known_narrator_any_name_for_i_is_a_guess(project: Path) -> None:
    _cast(project, narrator=False)
    _narrated(project, "That very evening John Watson moves his things round from the hotel.")
    assert "the narrator is not known" in _errors(project, "narrator")[0]


def test_the_narrators_voice_over_carries_their_name(project: Path) -> None:
    _cast(project, narrator=True)
    _narrated(project, "That very evening Watson moves his things round from the hotel.", cue="JOSEPH STANGERSON")
    assert "voice-over cued JOSEPH STANGERSON" in _errors(project, "narrator")[0]
    _narrated(project, "That very evening Watson moves his things round from the hotel.", cue="JOHN WATSON")
    assert _errors(project, "narrator") == []


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("阿Q唱着《小孤孀上坟》③到酒店去。", "footnote marker"),
        ("未庄通例，倘如阿七打阿八，或者李四打张三，向来本不算口碑。", "commentary"),
        ("但他既然错，为什么大家又仿佛格外尊敬他呢？", "a question"),
        ("我到了酒店。", "first person"),
        ("阿Q" + "走" * 60 + "。", "字"),
    ],
)
def test_chinese_action_lines(line: str, why: str) -> None:
    assert any(why in d for d in defects.action_defects(line, "zh-Hans"))
    assert defects.action_defects("阿Q伏下去，使尽平生的力气。", "zh-Hans") == []


def test_chinese_titles_headings_and_seams() -> None:
    assert defects.title_defects("画圈", "zh-Hans") == []
    assert defects.title_defects("他很想寻一两个大的，然而", "zh-Hans")
    assert defects.location_defects("开了门", "zh-Hans", set()) and defects.location_defects("赵", "zh-Hans", {"赵"})
    assert defects.location_defects("县衙大堂", "zh-Hans", {"阿Q", "赵"}) == []
    assert defects.bad_joins("我本来要，，来投", "zh-Hans") and not defects.bad_joins("我本来要……来投……", "zh-Hans")


# -- defects a reader finds in drafts of unseen novels (issue 14 follow-up): each must fail its rule --------


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (
            "(when she thinks it over afterwards, it occurs to her that she ought to have wondered at this, "
            "but at the time it all seemed quite natural).",
            "parenthetical aside",
        ),
        ("Do you think you can manage it?)", "parenthetical aside"),
        ("and found her lying on her bed as lovely as the June night in her flowered dress.", "opens mid-sentence"),
        (
            "There is nothing so VERY remarkable in that; nor does Alice think it so VERY much out of the way "
            "to hear the Rabbit say to itself,",
            "stops on a comma",
        ),
        ("Alice thinks the whole thing very absurd, but they all looked so grave.", "past tense (looked)"),
        ("In despair she put her hand in her pocket, and pulls out a box of comfits.", "past tense (put)"),
        ("Still she goes on growing, and says to herself", "no full stop"),
    ],
)
def test_asides_fragments_and_mixed_tense_fail(project: Path, line: str, why: str) -> None:
    _write(project, GOOD.replace("A dead man lies on his back, fists clenched.", line))
    errors = _errors(project, "action-lines")
    assert errors and why in " ".join(errors)


def test_an_action_line_that_stops_where_the_books_sentence_goes_on_fails(project: Path) -> None:
    book = (
        "So she was considering in her own mind, whether the pleasure of making a daisy-chain would be "
        "worth the trouble of getting up."
    )
    _source(project, book)
    cut = "So she is considering in her own mind."
    _write(project, GOOD.replace("A dead man lies on his back, fists clenched.", cut))
    lines = [LineSource(text=cut, start=0, end=len(book))]
    sources = ScriptSources(episode=2, lines=lines, provenance=Provenance(stage="write"))
    (project / "script/ep002.sources.json").write_bytes(sources.to_bytes())
    assert "stops mid-sentence (the book goes on: whether)" in _errors(project, "action-lines")[0]
    whole = "So she is considering in her own mind, whether the pleasure of making a daisy-chain is worth it."
    _write(project, GOOD.replace("A dead man lies on his back, fists clenched.", whole))
    lines = [LineSource(text=whole, start=0, end=len(book))]
    sources = ScriptSources(episode=2, lines=lines, provenance=Provenance(stage="write"))
    (project / "script/ep002.sources.json").write_bytes(sources.to_bytes())
    assert _errors(project, "action-lines") == []


def test_a_synopsis_that_is_an_aside_fails(project: Path) -> None:
    aside = "= (when she thinks it over afterwards, it occurs to her that she ought to have wondered at this)."
    _write(project, GOOD.replace("= The police find a word on the wall.", aside))
    assert "synopsis" in _errors(project, "action-lines")[0]


def test_a_speech_that_opens_mid_sentence_fails(project: Path) -> None:
    speech = "and what is the use of a book, without pictures or conversations?"
    _write(project, GOOD.replace("Not a wound on him. And all this blood.", speech))
    assert "opens mid-sentence" in _errors(project, "dialogue-seams")[0]
    _write(project, GOOD.replace("Not a wound on him. And all this blood.", "…oh, it is you."))
    assert "opens mid-sentence" in _errors(project, "dialogue-seams")[0]


def test_unknown_places_and_a_heading_that_changes_nothing_fail(project: Path) -> None:
    _write(project, GOOD.replace("INT. LAURISTON GARDENS - FRONT ROOM - NIGHT", "INT. UNKNOWN - DAY"))
    assert "no place" in _errors(project, "scene-headings")[0]
    again = GOOD.replace("\nHolmes kneels", "\nINT. LAURISTON GARDENS - FRONT ROOM - NIGHT\n\nHolmes kneels")
    _write(project, again, cliffhanger="Who wants revenge?")
    assert "same place and time as the scene before" in _errors(project, "scene-headings")[0]
    later = GOOD.replace("\nHolmes kneels", "\nINT. LAURISTON GARDENS - FRONT ROOM - DAY\n\nHolmes kneels")
    _write(project, later, cliffhanger="Who wants revenge?")
    assert _errors(project, "scene-headings") == []  # the time changed: a new scene


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("The Next April Daisy", "a sentence prefix"),
        ("Some Time Toward Midnight Tom Buchanan", "a sentence prefix"),
        ("And Sure Enough", "a clause (And)"),
    ],
)
def test_titles_cut_from_a_sentence_fail(project: Path, title: str, why: str) -> None:
    _write(project, GOOD.replace("Written in Blood", title))
    assert why in _errors(project, "titles")[0]


def test_a_title_the_books_sentence_goes_on_from_fails(project: Path) -> None:
    _source(project)  # "Sherlock Holmes seemed delighted at the idea of sharing his rooms with me."
    _write(project, GOOD.replace("Written in Blood", "Sherlock Holmes Seems Delighted"))
    assert _errors(project, "titles") == []  # the phrase ends where the book's goes on with "at"
    _write(project, GOOD.replace("Written in Blood", "Holmes Seems Delighted at the Idea"))
    assert _errors(project, "titles") == []  # …and with "of"
    book = "Jordan Baker instinctively avoided clever, shrewd men. Then she smiled."
    source = Source.model_validate_json((project / "source/source.json").read_text(encoding="utf-8"))
    source = source.model_copy(update={"text": book, "size_bytes": len(book)})
    (project / "source/source.json").write_bytes(source.to_bytes())
    _write(project, GOOD.replace("Written in Blood", "Jordan Baker Instinctively Avoids Clever"))
    assert "a sentence prefix (the book goes on: shrewd)" in _errors(project, "titles")[0]


def test_chinese_fragments_and_titles() -> None:
    assert "opens mid-sentence (，)" in defects.fragment_defects("，就走了。", "zh")
    assert "stops on a comma" in defects.fragment_defects("他回头说，", "zh")
    assert defects.fragment_defects("他（阿Q）走了。", "zh") == ["the narrator's parenthetical aside"]
    assert defects.fragment_defects("猴王跳进水帘洞。", "zh") == []
    assert "a clause, not a title (都)" in defects.title_defects("都在那里把门", "zh")
    assert defects.title_defects("灵根育孕源流出", "zh") == []


def test_a_chapter_heading_as_an_action_line_fails(project: Path) -> None:
    (project / "source").mkdir(exist_ok=True)
    book = "CHAPTER VI. The Tragedy of Pondicherry Lodge\n\nHolmes ran up the stairs."
    chapter = Chapter(
        index=1,
        kind="chapter",
        label="chapter",
        title="CHAPTER VI. The Tragedy of Pondicherry Lodge",
        start=0,
        body_start=46,
        end=len(book),
    )
    source = Source(
        file_name="book.txt",
        file_format="txt",
        sha256="0" * 64,
        size_bytes=len(book),
        encoding="utf-8",
        language="en",
        text=book,
        chapters=[chapter],
        provenance=Provenance(stage="ingest"),
    )
    (project / "source/source.json").write_bytes(source.to_bytes())
    _write(project, GOOD.replace("A dead man lies on his back, fists clenched.", "The Tragedy of Pondicherry Lodge."))
    assert "a chapter heading" in _errors(project, "action-lines")[0]
