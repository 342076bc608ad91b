"""Character discovery: English alias merging and gender, Chinese names and 阿Q/阿Ｑ, known casts."""

from __future__ import annotations

from collections import Counter

import pytest

from microdrama.analyze.cast import cast_from_known, discover_cast, finalize_cast
from microdrama.analyze.names_zh import nfkc
from microdrama.errors import PipelineError

EN_FAMILY = """Chapter 1

Mr. Oliver Marsh lived with his wife. Mrs. Marsh was a quiet woman, and Oliver loved her.
Oliver Marsh had a daughter. "Come here," said Oliver. Mrs. Marsh smiled at him; she was kind.
Later Mr. Marsh went out, and Marsh walked to the mill where Oliver worked. Mrs. Marsh said nothing.
Then Miss Ruth Gray arrived. Ruth was tired, and Ruth sat down; she said nothing at all to Oliver.
"""


def test_english_aliases_merge_into_one_character(en_story: str) -> None:
    drafts = discover_cast(en_story, [(0, len(en_story))], "en")
    arthur = next(d for d in drafts if "Arthur" in d.all_names())
    assert {"Mr. Arthur Penrose", "Mr. Penrose"} <= set(arthur.all_names())
    clara = next(d for d in drafts if "Clara" in d.all_names())
    assert clara is not arthur
    assert arthur.gender == "male"
    assert clara.gender == "female"


def test_mrs_surname_stays_apart_from_the_husband() -> None:
    drafts = discover_cast(EN_FAMILY, [(0, len(EN_FAMILY))], "en")
    oliver = next(d for d in drafts if "Oliver" in d.all_names())
    wife = next(d for d in drafts if "Mrs. Marsh" in d.all_names())
    assert oliver is not wife
    assert "Mr. Marsh" in oliver.all_names()
    assert "Marsh" in oliver.all_names()  # a bare surname goes to the one "Mr." of that name
    assert wife.gender == "female"
    ruth = next(d for d in drafts if "Ruth" in d.all_names())
    assert "Miss Ruth Gray" in ruth.all_names()


def test_sentence_initial_function_words_are_not_names() -> None:
    drafts = discover_cast(EN_FAMILY, [(0, len(EN_FAMILY))], "en")
    every_name = {n for d in drafts for n in d.all_names()}
    assert not every_name & {"Then", "Later", "Come"}


def test_chinese_full_width_latin_names_merge() -> None:
    text = "阿Ｑ在街上走。阿Q说：“我饿了。”阿Ｑ又走了。阿Q坐下。赵太爷骂道：“滚！”赵太爷走了。赵太爷很生气。\n"
    drafts = discover_cast(text, [(0, len(text))], "zh")
    ah_q = [d for d in drafts if nfkc(d.name) == "阿Q"]
    assert len(ah_q) == 1
    assert {"阿Q", "阿Ｑ"} <= set(ah_q[0].all_names())
    assert any(d.name == "赵太爷" and d.gender == "male" for d in drafts)


def test_known_cast_is_used_and_validated() -> None:
    drafts = cast_from_known([{"id": "c007", "name": "Clara", "aliases": ["Miss Penrose"], "gender": "female"}])
    assert drafts[0].key == "c007" and drafts[0].aliases == ["Miss Penrose"] and drafts[0].fixed_id
    with pytest.raises(PipelineError, match="id"):
        cast_from_known([{"name": "Nobody"}])
    with pytest.raises(PipelineError, match="twice"):
        cast_from_known([{"id": "c1", "name": "A"}, {"id": "c1", "name": "B"}])


def test_finalize_ranks_and_numbers(en_story: str) -> None:
    drafts = discover_cast(en_story, [(0, len(en_story))], "en")
    mapping = finalize_cast(drafts, Counter({d.key: 10 * (i + 1) for i, d in enumerate(drafts)}), Counter())
    assert sorted(mapping.values()) == [f"c{n:03d}" for n in range(1, len(drafts) + 1)]
    assert mapping[drafts[0].key] == "c001"
    assert drafts[0].importance == "major"


# -- rules for English discovery (each passage written for its rule) ------------------------------


def _names(text: str, floor: int = 2) -> list[set[str]]:
    """Each discovered character as the set of its names (``floor`` is the mention threshold)."""
    from microdrama.analyze import names_en

    people = names_en.find_people(text, [(0, len(text))], min_mentions=floor)
    return [{f.surface for f in p.forms} for p in people]


def _owner(drafts: list, name: str) -> object:
    found = [d for d in drafts if name in d.all_names()]
    assert len(found) == 1, f"{name!r} belongs to {[d.name for d in found]}"
    return found[0]


def test_a_name_after_said_the_counts_as_a_speaker() -> None:
    text = '"Come," said the Puffin. The Puffin sat. "No," said the Puffin, and the Puffin flew.\n'
    assert {"Puffin"} in _names(text)


def test_a_surname_ending_in_s_is_not_a_family_when_the_singular_is_rarer() -> None:
    text = (
        'Mrs. Braddocks came in. "Hello," said Mrs. Braddocks. "Ha," said Braddocks, and Mrs. Braddocks sat.\n'
        "Once the paper printed Mrs. Braddock. The Gales came too; Mr. Gale and Mrs. Gale and Tom Gale.\n"
    )
    names = {n for group in _names(text) for n in group}
    assert "Mrs. Braddocks" in names and "Braddocks" in names
    assert "Gales" not in names


def test_a_titled_plural_keeps_mister_surname_apart_from_the_brother() -> None:
    text = (
        "Mr. Vane rode out. Mr. John Vane stayed home. Mr. Vane came back, and Mr. John Vane smiled.\n"
        "John Vane wrote a letter. The two Mr. Vanes dined together, and Mr. Vane talked of crops.\n"
    )
    groups = _names(text)
    assert not any({"Mr. Vane", "Mr. John Vane"} <= group for group in groups)


def test_a_place_word_after_a_personal_title_is_a_surname() -> None:
    text = (
        '"Good day," said Mr. Hall. Mrs. Hall nodded. "Rain," said Hall. "Again," said Hall. Mrs. Hall sighed.\n'
        "They walked to Ridley Hall, and Mr. Hall went in.\n"
    )
    names = {n for group in _names(text) for n in group}
    assert {"Mr. Hall", "Mrs. Hall", "Hall"} <= names
    assert "Ridley Hall" not in names


def test_particles_after_a_title_belong_to_the_surname() -> None:
    text = "Mr. van der Berg bowed. Mrs. van der Berg smiled, and Mr. van der Berg spoke to Mrs. van der Berg.\n"
    names = {n for group in _names(text) for n in group}
    assert {"Mr. van der Berg", "Mrs. van der Berg"} <= names
    assert "Berg" not in names


def test_lady_and_a_surname_is_not_the_daughter_of_that_name() -> None:
    filler = "The rain went on all day over the fields and the river. " * 6
    text = (
        f'"Yes," said Cassia Orme. Cassia sat.\n{filler}\n"Tea?" asked Lady Orme.\n{filler}\n'
        f'"No," said Cassia Orme. Cassia read.\n{filler}\nLater Lady Orme went out.\n'
    )
    groups = _names(text)
    lady = next(g for g in groups if "Lady Orme" in g)
    assert "Cassia Orme" not in lady


def test_the_canonical_name_prefers_the_full_name_to_title_and_surname() -> None:
    text = "John Thorpe drove. Mr. Thorpe shouted. John Thorpe sang. Mr. Thorpe swore. Mr. Thorpe ran.\n"
    drafts = discover_cast(text, [(0, len(text))], "en")
    assert _owner(drafts, "Mr. Thorpe").name == "John Thorpe"


def test_a_rarely_named_speaker_is_kept_below_the_mention_floor() -> None:
    text = '"Sit," said Mr. Quill. "Now," said Mr. Quill.\n'
    assert {"Mr. Quill"} in _names(text, floor=5)
    assert _names("Mr. Quill came. Mr. Quill went.\n", floor=5) == []


def test_the_doctor_is_the_one_character_titled_doctor() -> None:
    text = (
        'Doctor Mandel came in. Doctor Mandel sat by the bed. "Well," said the Doctor. '
        '"Thank you," said Edna. Edna smiled. The Doctor left.\n'
    )
    drafts = discover_cast(text, [(0, len(text))], "en")
    doctor = _owner(drafts, "Doctor Mandel")
    assert {"the Doctor", "The Doctor"} <= set(doctor.aliases)


def test_an_untitled_speaking_colonel_becomes_a_character() -> None:
    text = '"March," said the Colonel. "Halt," said the Colonel. Ann Lee watched. Ann Lee smiled.\n'
    drafts = discover_cast(text, [(0, len(text))], "en")
    colonel = _owner(drafts, "the Colonel")
    assert colonel.gender == "male"


def test_a_lower_case_role_joins_the_one_holder_of_that_title() -> None:
    text = (
        '"Yes," said the general. "No," said the general. "So," said the general. '
        "General Tilden bowed. General Tilden left. Kate Lowe smiled, and Kate Lowe left.\n"
    )
    drafts = discover_cast(text, [(0, len(text))], "en")
    assert _owner(drafts, "the general") is _owner(drafts, "General Tilden")


def test_a_lower_case_role_with_two_holders_stays_a_character() -> None:
    text = (
        '"Yes," said the count. "No," said the count. "So," said the Count. '
        "Count Pietro Valli bowed. Count Pietro Valli left. The Count of Arlen wept; the Count of Arlen sang.\n"
    )
    drafts = discover_cast(text, [(0, len(text))], "en")
    assert _owner(drafts, "the Count").name == "the count"


def test_mentions_match_across_a_line_break() -> None:
    from microdrama.analyze.mentions import NameIndex

    index = NameIndex.build([("Mrs. Bennet", "wife"), ("Bennet", "husband")], "en")
    text = "said Mrs.\nBennet, and Bennet"
    assert index.find(text, 0, len(text)) == [(5, 16, "wife"), (22, 28, "husband")]


def test_gender_falls_back_to_reflexives_and_sentence_subjects() -> None:
    text = (
        "Tony smiled at Brenda, and he left. Brenda dressed herself slowly. Tony met Brenda and he sang.\n"
        "Brenda sat up; she was tired. Tony kissed Brenda, so he was late. Brenda laughed, and she went out.\n"
    )
    drafts = discover_cast(text, [(0, len(text))], "en")
    assert _owner(drafts, "Brenda").gender == "female"


def test_a_nickname_used_near_the_person_joins_them() -> None:
    filler = "The rain went on all day over the fields and the wide grey river. " * 6
    text = (
        f'Lord Henry Wotton smiled. "Harry, you are wicked," said Basil. Lord Henry laughed.\n{filler}\n'
        f'"Come, Harry," said Basil. Lord Henry rose.\n{filler}\n"Sing," said Kitty Lane, and Kitty played, and Kitty ran.\n'
        f"{filler}\nLady Catherine Holt frowned. Lady Catherine left.\n"
    )
    drafts = discover_cast(text, [(0, len(text))], "en")
    assert _owner(drafts, "Harry") is _owner(drafts, "Lord Henry")
    assert _owner(drafts, "Kitty") is not _owner(drafts, "Lady Catherine")


def test_a_feminine_ending_is_the_last_resort_for_gender() -> None:
    text = '"Yes," said Brenda Marsh. Brenda Marsh went out. "No," said Brenda Marsh.\n'
    drafts = discover_cast(text, [(0, len(text))], "en")
    assert _owner(drafts, "Brenda Marsh").gender == "female"


def test_a_name_always_after_the_that_never_speaks_is_a_thing() -> None:
    text = (
        "They walked along the Embankment. Later the Embankment was dark, and the Embankment was cold.\n"
        '"Off," said the Hatter, and the Hatter ran. Ann Vale laughed; Ann Vale left.\n'
    )
    names = {n for group in _names(text) for n in group}
    assert "Embankment" not in names
    assert "Hatter" in names


def test_the_canonical_name_is_the_most_used_of_the_fullest_forms() -> None:
    text = "Archer sat. " * 3 + "Then Archer left, and Archer came back. Mr. Archer smiled.\n"
    drafts = discover_cast(text, [(0, len(text))], "en")
    assert _owner(drafts, "Mr. Archer").name == "Archer"


def test_a_full_stop_ends_a_spelled_out_title() -> None:
    text = '"Go," said the Count. Count Pietro Valli bowed. Then Count Pietro Valli left.\n'
    names = {n for group in _names(text) for n in group}
    assert "Count Pietro Valli" in names
    assert not any(n.startswith("Count Count") for n in names)


def _cast(text: str, language: str = "en") -> list:
    return discover_cast(text, [(0, len(text))], language)


def _named(drafts: list, name: str):
    return next(d for d in drafts if name in d.all_names())


def test_common_given_names_tell_the_gender_when_pronouns_do_not() -> None:
    text = "\n".join(
        f"Brenda Last met Jake Barnes at noon. Brenda waved to Jake and they all ate. Jake saw Brenda {i} times."
        for i in range(3)
    )
    drafts = _cast(text)
    assert _named(drafts, "Brenda").gender == "female"
    assert _named(drafts, "Jake").gender == "male"


def test_a_doctor_no_pronoun_settles_is_taken_for_a_man() -> None:
    text = (
        "I called on Dr. Watson at noon. “Well, Dr. Watson,” said Holmes, “Watson, you are late.” Then Watson laughed."
    )
    assert _named(_cast(text), "Watson").gender == "male"


def test_the_tail_of_a_place_name_is_not_a_character() -> None:
    text = " ".join(
        "Tom liked West Egg; he lived there. At New York he met Nick. Nick left New York, he said, for West Egg; he slept."
        for _ in range(4)
    )
    names = {n for d in _cast(text) for n in d.all_names()}
    assert "Nick" in names
    assert not names & {"Egg", "York"}


def test_howards_end_is_a_house() -> None:
    text = " ".join(
        "Margaret loved Howards End; she lived there. Helen saw Howards End, and she smiled." for _ in range(4)
    )
    names = {n for d in _cast(text) for n in d.all_names()}
    assert "Howards" not in names


def test_a_noun_used_as_a_name_joins_the_longer_name_despite_mixed_pronouns() -> None:
    text = (
        "The White Rabbit ran by; he was late, and he ran. Alice followed; the White Rabbit said he was late.\n"
        "“Oh dear,” said the Rabbit. The Rabbit ran; she had a watch. The Rabbit hid, she said. Alice sat.\n"
        "Alice looked for a rabbit-hole. “Here,” said the Rabbit, and she smiled. The Rabbit ran; she hid.\n"
    )
    drafts = _cast(text)
    assert _named(drafts, "Rabbit") is _named(drafts, "White Rabbit")


def test_count_of_monte_cristo_is_monte_cristo_and_the_count() -> None:
    text = (
        " ".join(
            "Edmond, Count of Monte Cristo, bowed. “Sir,” said Monte Cristo. “Go,” said the count; Monte Cristo left."
            for _ in range(4)
        )
        + " Count Cavalcanti came in once."
    )
    drafts = _cast(text)
    count = _named(drafts, "Monte Cristo")
    assert "Count of Monte Cristo" in count.all_names()
    assert "the count" in count.all_names()


def test_chinese_kin_words_next_to_a_name_tell_the_gender() -> None:
    text = (
        "紫鹃道：“你去罢。”紫鹃走了。紫鹃姐姐笑了。宝玉道：“好。”宝玉来了。宝玉哥哥来了。紫鹃坐下，宝玉笑道：“去。”" * 3
    )
    drafts = _cast(text, "zh")
    assert _named(drafts, "紫鹃").gender == "female"
    assert _named(drafts, "宝玉").gender == "male"


def test_chinese_yi_is_she_in_early_vernacular() -> None:
    text = "吴妈走来，伊说话。阿Q说，他去了。阿Q道：“好。”他笑了。王胡道：“嗯。”伊笑了。" * 3
    drafts = _cast(text, "zh")
    assert _named(drafts, "阿Q").gender == "male"


def test_chinese_manner_words_before_speech_are_not_names() -> None:
    text = "子君悄悄道：“走罢。”涓生悄悄说：“好。”子君叹气道：“唉。”涓生叹气道：“嗯。”" * 3
    names = {n for d in _cast(text, "zh") for n in d.all_names()}
    assert not names & {"悄悄", "叹气"}


def test_chinese_place_stems_with_two_character_suffixes_are_not_names() -> None:
    text = "我们住在吉兆胡同。子君道：“吉兆胡同很好。”吉兆胡同里很静。子君说：“是。”" * 3
    names = {n for d in _cast(text, "zh") for n in d.all_names()}
    assert "吉兆" not in names


def test_a_chinese_word_ending_like_a_place_that_speaks_is_a_person() -> None:
    text = "雨村道：“不敢。”雨村笑道：“好。”士隐道：“请。”雨村道：“是。”士隐说：“坐。”" * 3
    names = {n for d in _cast(text, "zh") for n in d.all_names()}
    assert "雨村" in names


def test_chinese_given_names_are_not_places() -> None:
    from microdrama.analyze.names_zh import segment
    from microdrama.analyze.places import find_places

    text = "林如海病了。如海道：“去罢。”贾雨村来了。如海说话。贾雨村坐在大观园。如海出门，贾雨村回到大观园。" * 2
    regions = [(0, len(text))]
    places = find_places(
        text, regions, "zh", character_names={"林如海", "雨村"}, min_mentions=2, tokens=segment(text, regions)
    )
    names = {p.name for p in places}
    assert not names & {"如海", "贾雨村"}


def test_he_means_men_where_the_titled_women_never_get_it() -> None:
    scene = (
        "悟空道：“好。”他去了。悟空笑道：“来。”他笑了。赵太爷道：“去。”他坐了。赵太爷说：“走。”他走了。"
        "王母道：“请。”众仙女来了。王母道：“坐。”众仙都笑了。"
    )
    drafts = _cast(scene * 12, "zh")
    assert _named(drafts, "悟空").gender == "male"


def test_he_tells_nothing_where_the_titled_women_get_it_too() -> None:
    scene = "宝玉道：“好。”他去了。黛玉道：“来。”他笑了。林姑娘道：“去。”他坐了。王夫人道：“请。”他来了。"
    drafts = _cast(scene * 6, "zh")
    assert _named(drafts, "黛玉").gender == "unknown"


def test_mc_and_mac_names_are_one_word() -> None:
    text = "Mr. McKee nodded. Then Mrs. McKee smiled at Mr. McKee. Then Mrs. McKee sat, and Mr. McKee left.\n"
    names = {n for group in _names(text) for n in group}
    assert {"Mr. McKee", "Mrs. McKee"} <= names
    assert not any(n.endswith(" Mc") or n == "Mc" for n in names)


_FILLER = "The rain went on all day over the fields and the river. " * 6


def test_miss_surname_joins_the_one_unmarried_woman_despite_an_aunt_printed_once() -> None:
    passages = [
        "Jordan Vale played golf. Tom saw Jordan.",
        "Then Miss Vale was tired.",
        "Tom saw Miss Vale laugh, and Jordan Vale left.",
        'The child said "Aunt Jordan" once.',
        "Tom waved at Miss Vale.",
        "Then Jordan came back. Tom kissed Jordan.",
    ]
    groups = _names(f"\n{_FILLER}\n".join(passages) + "\n")
    assert any({"Jordan Vale", "Miss Vale"} <= group for group in groups)


def _stone_family(miss: bool) -> str:
    passages = [
        "George Stone ran the garage. Then Myra Stone came.",
        "Mrs. Stone called down, and George Stone looked up.",
        "Then Miss Stone came down." if miss else "Then Mrs. Stone came down.",
        "Tom saw Myra laugh. George Stone shrugged.",
        "Then Mrs. Stone went out. Tom saw Myra Stone.",
    ]
    return f"\n{_FILLER}\n".join(passages) + "\n"


def test_mrs_surname_is_the_one_woman_of_a_family_with_a_named_man() -> None:
    assert any({"Myra Stone", "Mrs. Stone"} <= group for group in _names(_stone_family(miss=False)))


def test_mrs_surname_stays_apart_when_a_miss_of_the_family_is_printed() -> None:
    assert not any({"Myra Stone", "Mrs. Stone"} <= group for group in _names(_stone_family(miss=True)))


def test_a_bare_surname_is_the_full_name_printed_far_more_than_an_ambiguous_mister() -> None:
    text = (
        "Then Edmond Varon sailed. Louis Varon waited, and Edmond Varon landed. Then Varon ran. Then Varon "
        'laughed. Then Edmond Varon sang.\n"Welcome, M. Varon," said the mayor. Then Edmond Varon bowed. Then '
        "Varon left. Edmond Varon slept. Then Varon woke. Then M. Varon died. Then Edmond Varon wept.\n"
    )
    groups = _names(text)
    assert any({"Edmond Varon", "Varon"} <= group for group in groups)
    assert not any({"Edmond Varon", "M. Varon"} <= group for group in groups)  # M. Varon may be Louis


def test_a_street_of_another_language_is_no_one() -> None:
    text = "He drove to the Rue Coq-Héron. The Rue Coq-Héron was dark. Albert waited in the Rue Coq-Héron.\n"
    names = {n for group in _names(text) for n in group}
    assert not any(n.startswith("Rue") for n in names)
