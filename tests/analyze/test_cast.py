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
