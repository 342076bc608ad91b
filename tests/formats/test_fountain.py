"""Fountain: exact layout, round trips, what screenplain makes of our files, escaping, hand edits, errors."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path
from textwrap import dedent

import pytest
from formats.sample_scripts import make_bible, make_en_script, make_zh_script
from screenplain.parsers import fountain as screenplain  # type: ignore[import-untyped]
from screenplain.types import Action, Dialog, Section, Slug, Transition  # type: ignore[import-untyped]

from microdrama.errors import FormatError
from microdrama.formats import fountain
from microdrama.model import Element, EpisodeScript, Provenance, Scene
from microdrama.model.script import ElementKind

SCRIPTS = {"en": make_en_script, "zh": make_zh_script}


def parsed(text: str) -> list[object]:
    """Paragraph objects screenplain reads from the text."""
    return list(screenplain.parse(io.StringIO(text)).paragraphs)


def plain(rich: object) -> str:
    """A screenplain RichString as plain text."""
    return str(rich)


def without_unstored_fields(script: EpisodeScript) -> EpisodeScript:
    """What survives a trip through Fountain: no sources, ids, 'new' flags or durations."""
    scenes = [
        scene.model_copy(
            update={
                "duration_ms": 0,
                "elements": [
                    element.model_copy(update={"source": None, "character_id": None, "new": False, "duration_ms": 0})
                    for element in scene.elements
                ],
            }
        )
        for scene in script.scenes
    ]
    return script.model_copy(update={"scenes": scenes, "duration_ms": 0, "provenance": Provenance(stage="parse")})


def one_scene(*elements: Element, heading: str = "INT. ROOM - DAY", language: str = "en") -> EpisodeScript:
    scene = Scene(number=1, heading=heading, location="ROOM", elements=list(elements))
    return EpisodeScript(episode=1, language=language, scenes=[scene], provenance=Provenance(stage="write"))


def test_english_episode_is_laid_out_exactly(en_script: EpisodeScript) -> None:
    expected = dedent(
        """
        # EP01: The Letter
        = Mrs. Bennet hears that Netherfield is let at last.

        INT. LONGBOURN - DRAWING ROOM - DAY

        = The news arrives.

        Mrs. Bennet bursts in, waving a letter.
        Mr. Bennet does not look up.

        MRS. BENNET
        (breathless)
        My dear Mr. Bennet, have you heard that Netherfield Park is let at last?

        MR. BENNET
        I have not.

        [[Keep the pause long.]]

        LYDIA (O.S.)
        Mama! Mama!

        > CUT TO:

        EXT. MERYTON HIGH STREET - NIGHT

        Rain. Officers in red coats hurry past.

        ELIZABETH (V.O.)
        We were all in love.

        > FADE OUT.
        """
    )
    assert fountain.write_episode(en_script) == expected


def test_chinese_episode_uses_at_cues_ascii_parentheses_and_forced_headings(zh_script: EpisodeScript) -> None:
    text = fountain.write_episode(zh_script)
    assert text.startswith("\n# EP02: 黛玉进府\n= 黛玉初到荣国府。\n")
    assert "\nINT. 荣国府正厅 - 日\n" in text
    assert "\n.内景 潇湘馆 - 夜\n" in text
    assert "\n@贾母\n(搂住黛玉)\n我这些儿女，所疼者独有你母。\n" in text
    assert "\n@王熙凤 (O.S.)\n" in text
    assert "（" not in text and "）" not in text


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_write_read_write_gives_identical_text(language: str) -> None:
    text = fountain.write_episode(SCRIPTS[language]())
    again = fountain.write_episode(fountain.read_episode(text, language="x", where="ep.fountain"))
    assert again == text


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_read_gives_back_the_scenes_and_elements(language: str) -> None:
    script = SCRIPTS[language]()
    back = fountain.read_episode(fountain.write_episode(script), language=script.language)
    assert back == without_unstored_fields(script)
    assert back.provenance.stage == "parse"


def test_screenplain_reads_english_cues_headings_and_transitions(en_script: EpisodeScript) -> None:
    paragraphs = parsed(fountain.write_episode(en_script))
    sections = [p for p in paragraphs if isinstance(p, Section)]
    assert [plain(s.text) for s in sections] == ["EP01: The Letter"]
    assert sections[0].synopsis == "Mrs. Bennet hears that Netherfield is let at last."
    slugs = [p for p in paragraphs if isinstance(p, Slug)]
    assert [plain(s.line) for s in slugs] == ["INT. LONGBOURN - DRAWING ROOM - DAY", "EXT. MERYTON HIGH STREET - NIGHT"]
    assert slugs[0].synopsis == "The news arrives."
    dialogs = [p for p in paragraphs if isinstance(p, Dialog)]
    assert [plain(d.character) for d in dialogs] == [
        "MRS. BENNET",
        "MR. BENNET",
        "LYDIA (O.S.)",
        "ELIZABETH (V.O.)",
    ]
    assert dialogs[0].blocks[0] == (True, dialogs[0].blocks[0][1])
    assert plain(dialogs[0].blocks[0][1]) == "(breathless)"
    assert [plain(p.line) for p in paragraphs if isinstance(p, Transition)] == ["CUT TO:", "FADE OUT."]


def test_screenplain_reads_chinese_cues_and_headings(zh_script: EpisodeScript) -> None:
    paragraphs = parsed(fountain.write_episode(zh_script))
    assert [plain(p.line) for p in paragraphs if isinstance(p, Slug)] == ["INT. 荣国府正厅 - 日", "内景 潇湘馆 - 夜"]
    dialogs = [p for p in paragraphs if isinstance(p, Dialog)]
    assert [plain(d.character) for d in dialogs] == ["贾母", "王熙凤 (O.S.)", "林黛玉"]
    assert [plain(text) for _, text in dialogs[2].blocks] == ["(冷笑)", "我就知道，", "别人不挑剩下的也不给我。"]
    actions = [p for p in paragraphs if isinstance(p, Action)]
    assert [plain(a.lines[0]) for a in actions] == ["众丫鬟簇拥着黛玉进门。", "烛影摇红。黛玉独坐窗下。"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("BANG! THE DOOR SLAMS.", "!BANG! THE DOOR SLAMS."),
        ("> not a transition", "!> not a transition"),
        ("INT. is what she whispers", "!INT. is what she whispers"),
        (".45 caliber", "!.45 caliber"),
        ("# not a section", "!# not a section"),
        ("= not a synopsis", "!= not a synopsis"),
        ("@ not a cue", "!@ not a cue"),
        ("!Wow", "!!Wow"),
        ("BOB (grinning) waves.\nHe leaves.", "!BOB (grinning) waves.\nHe leaves."),
        ("> centred? <", "!> centred? <"),
        ("阿Ｑ走了。\n他回头。", "!阿Ｑ走了。\n他回头。"),
    ],
)
def test_action_that_would_read_as_another_element_is_forced(text: str, written: str) -> None:
    script = one_scene(Element(kind="action", text=text))
    out = fountain.write_episode(script)
    assert f"\n\n{written}\n\n" in out
    actions = [p for p in parsed(out) if isinstance(p, Action)]
    assert [[plain(line) for line in a.lines] for a in actions] == [text.split("\n")]
    assert fountain.read_episode(out, language="en").scenes[0].elements[0].text == text


@pytest.mark.parametrize("text", ["阿Ｑ走了。", "阿Q走进酒店。", "赵太爷!"])
def test_a_chinese_action_line_is_not_forced_for_its_full_width_capitals(text: str) -> None:
    """Python calls "阿Ｑ" upper case; a line on its own with CJK letters is no cue to any parser."""
    out = fountain.write_episode(one_scene(Element(kind="action", text=text)))
    assert f"\n\n{text}\n\n" in out
    actions = [p for p in parsed(out) if isinstance(p, Action)]
    assert [[plain(line) for line in a.lines] for a in actions] == [[text]]
    assert fountain.read_episode(out, language="zh").scenes[0].elements[0].kind == "action"


@pytest.mark.parametrize(
    "text",
    [
        "He *really* means it, **twice**.",
        "a*b*c and x_y_z and \\ backslash",
        "see [[not a note]] here",
        "code /* not boneyard */ here",
    ],
)
def test_markup_characters_in_text_stay_literal(text: str) -> None:
    script = one_scene(
        Element(kind="action", text=text),
        Element(kind="dialogue", character="BOB", text=text),
    )
    out = fountain.write_episode(script)
    back = fountain.read_episode(out, language="en").scenes[0].elements
    assert [e.text for e in back] == [text, text]
    action = next(p for p in parsed(out) if isinstance(p, Action))
    if "_" in text or "\\" in text or "[[" in text:
        # screenplain knows only the \* escape (it underlines "\_y\_" and shows "[\[" as typed) but loses no words
        assert re.sub(r"[\\_]", "", plain(action.lines[0])) == re.sub(r"[\\_]", "", text)
    else:
        assert plain(action.lines[0]) == text


def test_empty_dialogue_is_not_written_and_parentheticals_use_ascii() -> None:
    script = one_scene(
        Element(kind="dialogue", character="林黛玉", parenthetical="（冷笑）", text="你来了。"),
        Element(kind="dialogue", character="贾宝玉", parenthetical="笑", text="  \n "),
        language="zh-Hans",
    )
    out = fountain.write_episode(script)
    assert "贾宝玉" not in out
    assert "\n@林黛玉\n(冷笑)\n你来了。\n" in out


def test_names_that_are_not_upper_case_ascii_get_the_at_prefix() -> None:
    script = one_scene(
        Element(kind="dialogue", character="Elizabeth", text="Hello."),
        Element(kind="dialogue", character="JOSÉ", text="Hola."),
    )
    out = fountain.write_episode(script)
    assert "\n@Elizabeth\nHello.\n" in out and "\n@JOSÉ\nHola.\n" in out
    assert [plain(d.character) for d in parsed(out) if isinstance(d, Dialog)] == ["Elizabeth", "JOSÉ"]


def test_dialogue_without_character_is_an_error() -> None:
    with pytest.raises(FormatError, match="no character"):
        fountain.write_episode(one_scene(Element(kind="dialogue", text="Who said that?")))


def test_heading_is_composed_from_its_parts_when_empty() -> None:
    scene = Scene(number=1, heading="", setting="EXT", location="书房外", time_of_day="夜")
    script = EpisodeScript(episode=1, language="zh-Hans", scenes=[scene], provenance=Provenance(stage="write"))
    assert "\nEXT. 书房外 - 夜\n" in fountain.write_episode(script)


def test_hand_edited_fountain_is_read() -> None:
    text = dedent(
        """\
        # EP03: Edited
        = A user's synopsis.

        int. kitchen -- night #12#

        Tom cooks. [[inline note]] He burns it.
        /* cut this line
        entirely */
        BOB (V.O.)
        (whispering)
        Too much salt.
        (beat)
        Far too much.

        ALICE ^
        I like it.

        > THE END <

        SMASH CUT TO:

        .MONTAGE

        A new scene the user added.

        @Ana Lucía
        Hi.
        """
    )
    script = fountain.read_episode(text, language="en", where="script/ep003.fountain")
    assert (script.episode, script.title, script.synopsis) == (3, "Edited", "A user's synopsis.")
    kitchen, montage = script.scenes
    assert (kitchen.number, kitchen.heading, kitchen.setting, kitchen.location, kitchen.time_of_day) == (
        1,
        "int. kitchen -- night",
        "INT",
        "kitchen",
        "night",
    )
    kinds = [(e.kind, e.character, e.text) for e in kitchen.elements]
    assert kinds == [
        ("action", None, "Tom cooks.  He burns it."),
        ("dialogue", "BOB", "Too much salt.\n(beat)\nFar too much."),
        ("dialogue", "ALICE", "I like it."),
        ("action", None, "THE END"),
        ("transition", None, "SMASH CUT TO:"),
    ]
    assert (kitchen.elements[1].extension, kitchen.elements[1].parenthetical) == ("V.O.", "whispering")
    assert (montage.heading, montage.location, montage.time_of_day) == ("MONTAGE", "MONTAGE", "")
    assert [(e.character, e.text) for e in montage.elements] == [
        (None, "A new scene the user added."),
        ("Ana Lucía", "Hi."),
    ]


def test_sample_without_episode_section_is_read(shared_dir: Path) -> None:
    path = shared_dir / "samples" / "fountain" / "Cyber_Bob_ep00001.fountain"
    script = fountain.read_episode(path.read_text(encoding="utf-8"), language="en", where=str(path))
    assert script.episode == 1
    assert script.title.startswith("BOB THE CYBER PAWN")
    opening = script.scenes[0]
    assert opening.heading == "" and opening.elements[0].kind == "transition"
    assert opening.elements[0].text == "FADE IN:"
    headings = [scene.heading for scene in script.scenes[1:]]
    assert headings == [
        "EXT. PARK--DAY",
        "EXT. SUBURBAN TRAFFIC INTERSECTION--DAY",
        "INT. TRAFFIC LIGHT HORIZONTAL BEAM--NIGHT",
    ]
    assert [s.location for s in script.scenes[1:]] == [
        "PARK",
        "SUBURBAN TRAFFIC INTERSECTION",
        "TRAFFIC LIGHT HORIZONTAL BEAM",
    ]
    speakers = {e.character for s in script.scenes for e in s.elements if e.kind == "dialogue"}
    assert {"BOB", "MARGARET", "DOG", "CYBER BOSS"} <= speakers
    asides = [e for s in script.scenes for e in s.elements if e.parenthetical]
    assert [(e.character, e.parenthetical, e.text) for e in asides] == [
        ("BOB", "to dog", "Is that a rhetorical question?!")
    ]
    assert fountain.write_episode(fountain.read_episode(fountain.write_episode(script), language="en")) == (
        fountain.write_episode(script)
    )


def test_episode_number_comes_from_the_file_name_without_a_section() -> None:
    text = "\nINT. ROOM - DAY\n\nSomething happens.\n"
    assert fountain.read_episode(text, language="en", where="/p/script/ep007.fountain").episode == 7
    assert fountain.read_episode(text, language="en").episode == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\n# EP01: A\n\nINT. ROOM - DAY\n\nShe opens [[a note\n\nthat never closes.\n", r"x\.fountain:6: note"),
        ("\n# EP01: A\n\n/* open\n\nboneyard\n", r"x\.fountain:4: boneyard"),
        ("\n# EP01: A\n\nINT. ROOM - DAY\n\n# EP02: B\n", r"x\.fountain:6: a second episode"),
    ],
)
def test_parse_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        fountain.read_episode(text, language="en", where="x.fountain")


def test_series_has_a_title_page_then_every_episode_in_order() -> None:
    scripts = [make_zh_script(2), make_en_script(1)]
    text = fountain.write_series(scripts, make_bible("en"), author="Jane Austen", source="Based on the novel")
    assert text.startswith(
        "Title: Pride & Prejudice\nCredit: Written by\nAuthor: Jane Austen\nSource: Based on the novel\n\n# EP01: "
    )
    assert "Draft date" not in text
    assert text.index("# EP01") < text.index("\n===\n") < text.index("# EP02")
    screenplay = screenplain.parse(io.StringIO(text))
    assert screenplay.title_page["Title"] == ["Pride & Prejudice"]
    episodes = fountain.read_series(text, language="en")
    assert [e.episode for e in episodes] == [1, 2]
    assert episodes[1].scenes == without_unstored_fields(make_zh_script(2)).scenes
    assert (
        fountain.write_series(
            list(reversed(scripts)), make_bible("en"), author="Jane Austen", source="Based on the novel"
        )
        == text
    )


def random_text(rng: random.Random, longest: int) -> str:
    pieces = list("aB中!@#=.>~[]*_/\\()（^:") + ["\n", " ", "INT. ", "TO:", "[[", "]]", "/*", "*/", "#1#"]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, longest)))


def test_any_text_survives_write_read_write() -> None:
    rng = random.Random(20240601)
    for _ in range(400):
        elements = []
        kinds: list[ElementKind] = ["action", "dialogue", "transition", "note"]
        for kind in rng.choices(kinds, k=rng.randint(0, 4)):
            if kind == "dialogue":
                name = random_text(rng, 6).replace("\n", "").strip("^ ") or "X"
                paren = rng.choice([None, random_text(rng, 5)])
                elements.append(Element(kind=kind, text=random_text(rng, 20), character=name, parenthetical=paren))
            else:
                elements.append(Element(kind=kind, text=random_text(rng, 20)))
        heading = "INT. " + random_text(rng, 6).replace("\n", " ")
        script = one_scene(*elements, heading=heading)
        script.title = random_text(rng, 6)
        text = fountain.write_episode(script)
        assert fountain.write_episode(fountain.read_episode(text, language="en")) == text, text
