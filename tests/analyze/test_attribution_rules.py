"""One test per attribution rule, against a given cast so that only the rule under test decides."""

from __future__ import annotations

from collections.abc import Callable

from microdrama.analyze import analyze
from microdrama.analyze.aliases import derived_names, index_pairs
from microdrama.analyze.cast import discover_cast
from microdrama.model import Quote, Source

Maker = Callable[..., Source]

CAST = [
    {"id": "anna", "name": "Anna Grey", "aliases": ["Miss Grey"], "gender": "female"},
    {"id": "tom", "name": "Tom Hale", "aliases": ["Mr. Hale"], "gender": "male"},
    {"id": "kate", "name": "Kate Grey", "aliases": [], "gender": "female"},
]


def _speakers(source_of: Maker, body: str, cast: list[dict[str, object]] | None = None) -> list[Quote]:
    _, quotes, _, _ = analyze(source_of("Chapter 1\n\n" + body), known_cast=CAST if cast is None else cast)
    return quotes.quotes


def test_speech_verb_with_a_name_in_either_order(source_of: Maker) -> None:
    quotes = _speakers(
        source_of, '"Come in," said Anna.\n\n"Thank you," Tom replied.\n\n"Sit," said the old Mr. Hale.\n'
    )
    assert [(q.speaker, q.attribution) for q in quotes] == [
        ("anna", "explicit"),
        ("tom", "explicit"),
        ("tom", "explicit"),
    ]


def test_said_to_someone_is_not_their_speech(source_of: Maker) -> None:
    quotes = _speakers(source_of, 'Tom came in.\n\n"Hello," said to Anna the stranger at the door.\n')
    assert quotes[0].speaker != "anna"


def test_pronoun_goes_to_the_recent_person_of_that_gender(source_of: Maker) -> None:
    quotes = _speakers(
        source_of, 'Anna looked at Tom for a while.\n\n"You are late," said she.\n\n"I know," he said.\n'
    )
    assert [(q.speaker, q.attribution) for q in quotes] == [("anna", "anaphoric"), ("tom", "anaphoric")]


def test_pronoun_prefers_the_subject_of_the_paragraph(source_of: Maker) -> None:
    body = 'Kate stood by the window, as tired as Anna\'s mother. "I am going," she said.\n'
    assert _speakers(source_of, body)[0].speaker == "kate"


def test_a_second_quotation_in_a_paragraph_keeps_the_speaker(source_of: Maker) -> None:
    quotes = _speakers(source_of, '"It is late!" said Tom, and he took his hat. "Good night."\n')
    assert [q.speaker for q in quotes] == ["tom", "tom"]
    assert quotes[1].attribution == "implicit"


def test_narration_subject_gives_the_speaker(source_of: Maker) -> None:
    quotes = _speakers(source_of, 'Tom said nothing.\n\nAnna looked at him doubtingly. "Oh, it cannot be."\n')
    assert quotes[0].speaker == "anna"


def test_a_narration_paragraph_ending_in_a_colon_introduces_the_quote(source_of: Maker) -> None:
    quotes = _speakers(source_of, 'Then Kate, after a pause, thus began:\n\n"I have something to confess."\n')
    assert quotes[0].speaker == "kate"


def test_a_cue_before_the_next_quote_belongs_to_it(source_of: Maker) -> None:
    body = 'Anna saw a man riding up. "It is he!" and she ran to him, when Kate cried out, "No, it is not."\n'
    quotes = _speakers(source_of, body)
    assert [q.speaker for q in quotes][1] == "kate"
    assert quotes[0].speaker != "kate"


def test_turn_taking_alternates_and_respects_vocatives(source_of: Maker) -> None:
    body = '"Where were you?" asked Anna.\n\n"Out," said Tom.\n\n"Out where?"\n\n"Walking."\n\n"Tom, you are lying."\n'
    quotes = _speakers(source_of, body)
    assert [q.speaker for q in quotes] == ["anna", "tom", "anna", "tom", "anna"]
    assert quotes[4].addressees == ["tom"]


def test_the_previous_vocative_names_the_next_speaker(source_of: Maker) -> None:
    body = 'Anna and Kate and Tom sat down.\n\n"Kate, what do you think?" said Anna.\n\n"I think not."\n'
    assert [q.speaker for q in _speakers(source_of, body)] == ["anna", "kate"]


def test_a_scene_break_ends_the_conversation(source_of: Maker) -> None:
    body = '"Where were you?" asked Anna.\n\n"Out," said Tom.\n\n* * *\n\n"Who is there?"\n'
    assert _speakers(source_of, body)[2].speaker == "unknown"


def test_chapters_reset_turn_taking(source_of: Maker) -> None:
    text = 'Chapter 1\n\n"Where?" asked Anna.\n\n"Here," said Tom.\n\nChapter 2\n\n"Who is there?"\n'
    _, quotes, _, _ = analyze(source_of(text), known_cast=CAST)
    assert quotes.quotes[2].speaker == "unknown"


def test_a_quote_spanning_chapters_is_cut_at_the_chapter(source_of: Maker) -> None:
    text = 'Chapter 1\n\n"This never closes, said Anna.\n\nChapter 2\n\n"Here," said Tom.\n'
    _, quotes, _, _ = analyze(source_of(text), known_cast=CAST)
    assert [q.chapter for q in quotes.quotes] == [1, 2]
    assert quotes.quotes[1].speaker == "tom"


def test_no_quotations_and_unbalanced_marks(source_of: Maker) -> None:
    assert _speakers(source_of, "Anna walked home. Tom stayed.\n") == []
    quotes = _speakers(source_of, 'Anna said "yes and then nothing closed.\n\n"Fine," said Tom.\n')
    assert quotes[-1].speaker == "tom"


def test_chinese_pronoun_and_alternation(source_of: Maker) -> None:
    cast = [
        {"id": "a", "name": "孙少平", "aliases": [], "gender": "male"},
        {"id": "b", "name": "田晓霞", "aliases": ["晓霞"], "gender": "female"},
    ]
    text = "第一章\n\n少平看着晓霞，问：\n\n“你冷吗？”\n\n“不冷。”\n\n“真的？”\n\n她笑道：“真的。”\n"
    _, quotes, _, _ = analyze(source_of(text, "zh"), known_cast=cast)
    assert [q.speaker for q in quotes.quotes] == ["a", "b", "a", "b"]


def test_derived_names_of_a_given_cast() -> None:
    assert {"Poirot", "Hercule"} <= derived_names("Hercule Poirot", "en")
    assert {"Lizzy", "Eliza"} <= derived_names("Elizabeth Bennet", "en")
    assert "Denham" not in derived_names("Mrs. Denham", "en")  # the bare surname is the man's
    assert {"the Hatter", "Hatter"} == derived_names("The Hatter", "en")
    assert "van der Luyden" in derived_names("Mr. Van Der Luyden", "en")
    assert derived_names("孙少平", "zh") == {"少平"}
    # a form two people would yield is given to neither; a listed alias is never taken away
    pairs = dict(index_pairs([("a", ["John Dashwood"]), ("b", ["Mary Dashwood", "John"])], "en"))
    assert pairs["John"] == "b" and "Dashwood" not in pairs


def test_role_speakers_and_shared_surnames_in_discovery() -> None:
    text = (
        "Chapter 1\n\nElizabeth Bennet and Jane Bennet came in. Elizabeth laughed; Jane smiled. "
        '"Tea?" said the mariner. "Yes," said Miss Bennet. "More," the mariner said. Elizabeth sat. Jane sat.\n'
    )
    drafts = discover_cast(text, [(0, len(text))], "en")
    names = {d.name: d for d in drafts}
    assert "the mariner" in names and names["the mariner"].gender == "male"
    # "Miss Bennet" could be either sister: it is not merged into Elizabeth or Jane
    for draft in drafts:
        if "Miss Bennet" in draft.all_names():
            assert not {"Elizabeth", "Jane"} & set(draft.all_names())


FAMILY = [
    {"id": "jane", "name": "Jane Hale", "aliases": [], "gender": "female"},
    {"id": "mrs", "name": "Mrs. Hale", "aliases": [], "gender": "female"},
    {"id": "lucy", "name": "Lucy Grey", "aliases": [], "gender": "female"},
    {"id": "tilney", "name": "General Tilney", "aliases": [], "gender": "male"},
    {"id": "tom", "name": "Tom Hale", "aliases": [], "gender": "male"},
]


def test_said_her_mother_is_a_woman_of_the_family_not_the_daughter(source_of: Maker) -> None:
    body = (
        'Lucy Grey and Mrs. Hale sat with Jane Hale.\n\n"I will go," said Jane.\n\n"You will not," said her mother.\n'
    )
    quotes = _speakers(source_of, body, FAMILY)
    assert [(q.speaker, q.attribution) for q in quotes] == [("jane", "explicit"), ("mrs", "anaphoric")]


def test_a_noun_that_is_part_of_an_alias_names_that_character(source_of: Maker) -> None:
    body = 'Tom Hale waited in the hall.\n\n"Come in!" cried the general.\n'
    assert _speakers(source_of, body, FAMILY)[0].speaker == "tilney"


def test_a_voice_is_nobody_named_before(source_of: Maker) -> None:
    body = 'Tom Hale waited in the hall.\n\n"Who is there?" said a voice.\n'
    quote = _speakers(source_of, body, FAMILY)[0]
    assert quote.attribution == "implicit" and quote.confidence < 0.5  # at most turn-taking's guess


def test_a_name_set_off_by_commas_inside_the_speech_is_spoken_to(source_of: Maker) -> None:
    quotes = _speakers(source_of, '"I am, Tom, quite sure of it," said Anna.\n')
    assert quotes[0].addressees == ["tom"]


def test_a_stretch_of_open_turns_alternates_with_the_partner_the_vocatives_show(source_of: Maker) -> None:
    body = (
        'Tom stood by the door.\n\n"Where were you?" asked Anna, looking at Kate.\n\n"Out."\n\n'
        '"Out where, Tom?"\n\n"Walking."\n'
    )
    assert [q.speaker for q in _speakers(source_of, body)] == ["anna", "tom", "anna", "tom"]


def test_a_conversation_nobody_is_named_in_starts_with_the_last_person_named(source_of: Maker) -> None:
    body = 'Kate came into the empty room and looked about.\n\n"Is anyone here?"\n'
    assert _speakers(source_of, body)[0].speaker == "kate"


def test_a_pronoun_after_a_vocative_is_the_one_spoken_to(source_of: Maker) -> None:
    cast = [*CAST, {"id": "lucy", "name": "Lucy", "aliases": [], "gender": "female"}]
    body = 'Kate, Lucy and Anna sat together.\n\n"Kate, will you sing?" said Anna.\n\n"Not tonight," she said.\n'
    assert [q.speaker for q in _speakers(source_of, body, cast)] == ["anna", "kate"]


def test_said_to_someone_before_the_quote_is_not_their_speech(source_of: Maker) -> None:
    body = 'Kate looked up from her book.\n\nThen she said to Anna, "We must go."\n'
    assert _speakers(source_of, body)[0].speaker == "kate"


def test_a_cue_may_run_on_before_the_colon_that_opens_the_quote(source_of: Maker) -> None:
    body = 'Tom said nothing. Anna was silent, and Kate added, with a tinge of hardness in her voice: "It will rain."\n'
    assert _speakers(source_of, body)[0].speaker == "kate"


def test_a_name_after_to_before_the_verb_leaves_the_pronoun_as_subject(source_of: Maker) -> None:
    body = 'Anna read the letter twice. Later that day she showed it to Kate, saying, "I cannot complain."\n'
    assert _speakers(source_of, body)[0].speaker == "anna"


def test_was_someones_question_names_the_speaker(source_of: Maker) -> None:
    body = 'Tom came home late.\n\n"Did you get the job?" was Kate\'s first question.\n'
    assert [(q.speaker, q.attribution) for q in _speakers(source_of, body)] == [("kate", "explicit")]


def test_a_name_followed_by_a_relative_clause_is_not_spoken_to(source_of: Maker) -> None:
    quotes = _speakers(source_of, '"There is this maid, Kate Grey, whom we have not seen," said Tom.\n')
    assert quotes[0].addressees == []


def test_someone_talked_about_in_a_stretch_of_turns_is_not_its_speaker(source_of: Maker) -> None:
    body = (
        "Anna sat by the fire. Tom looked out of the window at Kate.\n\n"
        '"Cold tonight," said Anna.\n\n"Very."\n\n"Will Kate stay out there?"\n\n"She will."\n\n'
        '"Then I will go," said Anna.\n'
    )
    assert [q.speaker for q in _speakers(source_of, body)] == ["anna", "tom", "anna", "tom", "anna"]


def test_his_wife_is_the_mrs_of_his_surname_named_before_or_not(source_of: Maker) -> None:
    cast = [*CAST, {"id": "mrs-hale", "name": "Mrs. Hale", "aliases": [], "gender": "female"}]
    body = 'Anna was out. Mr. Hale sat down by the fire.\n\n"Is the tea ready?" cried his wife.\n'
    assert _speakers(source_of, body, cast)[0].speaker == "mrs-hale"


def test_she_is_a_woman_before_a_name_of_unknown_sex(source_of: Maker) -> None:
    cast = [*CAST, {"id": "greys", "name": "Greys", "aliases": [], "gender": "unknown"}]
    body = 'Kate sat by the fire. The Greys had gone out.\n\n"How quiet," she said.\n'
    assert _speakers(source_of, body, cast)[0].speaker == "kate"


def test_the_name_after_she_told_is_the_listener(source_of: Maker) -> None:
    quotes = _speakers(source_of, 'Anna came in.\n\n"It is late," she told Tom.\n')
    assert (quotes[0].speaker, quotes[0].addressees) == ("anna", ["tom"])


def test_a_named_lead_in_beats_a_pronoun_in_the_narration_after(source_of: Maker) -> None:
    body = (
        "Nor did Anna think it very strange to hear Tom say to himself,\n"
        '"Oh dear! I shall be late!" (when she thought it over afterwards, it seemed odd).\n'
    )
    assert _speakers(source_of, body)[0].speaker == "tom"


def test_a_lead_in_with_a_colon_names_the_speaker(source_of: Maker) -> None:
    body = 'Kate came in, and after a while Tom began: "We must leave," she heard him say.\n'
    assert _speakers(source_of, body)[0].speaker == "tom"


def test_a_hard_wrapped_paragraph_keeps_its_subject(source_of: Maker) -> None:
    # the line end before "quarrel with Kate" must not make Kate the subject of a sentence
    body = (
        "Kate was shouting in the garden.\n\n"
        "Anna began to feel very uneasy: to be sure, she had not yet had any\n"
        "quarrel with Kate, but she knew it might happen any minute,\n"
        '"and then," thought she, "what would become of me?"\n'
    )
    assert _speakers(source_of, body)[0].speaker == "anna"


def test_thought_between_two_halves_of_a_quotation(source_of: Maker) -> None:
    body = 'Kate was reading.\n\n"And what is the use of a book," thought Anna, "without pictures?"\n'
    quote = _speakers(source_of, body)[0]
    assert (quote.speaker, quote.attribution, quote.cue) == ("anna", "explicit", "thought Anna")
    assert quote.text.startswith("And what") and quote.text.endswith("pictures?")


def test_a_hard_wrapped_qualifier_still_opens_the_speech(source_of: Maker) -> None:
    body = 'Anna was silent, and Kate added, with a tinge of\nhardness in her voice:\n"You will regret it."\n'
    assert _speakers(source_of, body)[0].speaker == "kate"


def test_a_signature_phrase_decides_an_open_turn(source_of: Maker) -> None:
    cast = [*CAST, {"id": "jay", "name": "Jay Gold", "aliases": [], "gender": "male"}]
    sure = "".join(f'"Fine day {n}, old sport," said Jay.\n\n"Yes {n}," said Tom.\n\n' for n in range(4))
    sure += "".join(f'"Maybe {n}," said Tom.\n\n' for n in range(6))
    # Tom, Jay and Anna are all in the scene; the open turn with "old sport" is Jay's
    scene = (
        "Tom, Jay and Anna sat at lunch.\n\n"
        '"Who is he?" asked Anna.\n\n"A gambler," Tom answered.\n\n'
        '"Why isn\'t he in jail?"\n\n"They can\'t get him, old sport."\n'
    )
    quotes = _speakers(source_of, sure + scene, cast)
    assert quotes[-1].speaker == "jay"


def test_an_unresolved_she_rules_out_a_male_narration_subject(source_of: Maker) -> None:
    body = (
        'Tom replied that he had not.\n\n"But it is," returned she; "for Kate has just told me."\n\n'
        '"Kate is no judge," said Anna.\n'
    )
    assert _speakers(source_of, body)[0].speaker != "tom"


def test_a_woman_named_only_as_an_object_is_not_the_she_who_speaks(source_of: Maker) -> None:
    body = (
        '"How could I love him?" Anna asked.\n\n"You never loved him," said Tom.\n\n'
        "She hesitated. Her eyes fell on Kate with a sort of appeal.\n\n"
        '"I never loved him," she said, with reluctance.\n'
    )
    assert _speakers(source_of, body)[-1].speaker == "anna"


def test_the_possessor_of_the_words_after_a_quote_speaks_it(source_of: Maker) -> None:
    body = 'Anna looked at Tom.\n\n"She is not leaving me!" Tom\'s words leaned down over Anna.\n'
    quote = _speakers(source_of, body)[0]
    assert (quote.speaker, quote.attribution) == ("tom", "explicit")


def test_a_possessive_noun_phrase_opening_a_sentence_is_a_cue(source_of: Maker) -> None:
    cast = [*CAST, {"id": "mrs", "name": "Mrs. Hale", "aliases": [], "gender": "female"}]
    body = '"I think it is lovely," cried Mrs. Hale.\n\nHer husband said "Hush!" and we all looked at Anna.\n'
    quote = _speakers(source_of, body, cast)[-1]
    assert (quote.speaker, quote.cue) == ("tom", "Her husband said")


def test_narration_between_the_parts_of_a_quotation_names_people(source_of: Maker) -> None:
    # Kate comes in between the two parts of Tom's speech: "she" who answers is Kate, not Anna
    body = (
        "Anna sat by the fire.\n\n"
        '"Ask her," said Tom, laughing as Kate came in with a tray. "She will tell you, won\'t she?"\n\n'
        '"Tell what?" she asked, startled.\n'
    )
    assert _speakers(source_of, body)[-1].speaker == "kate"


def test_a_long_exchange_keeps_the_party_named_pages_before(source_of: Maker) -> None:
    # Tom is named once, long before the exchange; his long story names nobody
    weather = " ".join(f"The rain fell on the {n}th roof of the old town, and the wind rose." for n in range(30))
    story = " ".join(f"Then I walked on to the {n}th corner of the town, and waited there a while." for n in range(30))
    body = (
        f"Tom came to see Anna in the morning.\n\n{weather}\n\n"
        '"Where were you all night?" asked Anna.\n\n'
        f'"{story}"\n\n'
        '"And then?" asked Anna.\n\n'
        '"Then I came home."\n'
    )
    quotes = _speakers(source_of, body)
    assert [q.speaker for q in quotes] == ["anna", "tom", "anna", "tom"]


def test_a_name_spoken_to_inside_a_nested_quotation_is_not_the_addressee(source_of: Maker) -> None:
    body = "\"Then she came out. 'To the church, Kate,' she cried, and off they went. I followed, Anna.\"\n"
    quote = _speakers(source_of, "Tom was telling the story.\n\n" + body)[0]
    assert quote.addressees == ["anna"]
