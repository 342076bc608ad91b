"""Reading talent-scheduling instances: the dat token stream, MiniZinc dzn, and malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.shoot.talent import TalentInstanceError, parse_dat, parse_dzn, read_instance

DZN_TINY = """numScenes = 4;
numActors = 3;
% a comment
ia = [| 1, 0, 1, 0
      | 1, 1, 0, 1
      | 0, 1, 1, 0 |];
c = [1,2,3];
d = [1,2,3,1];
s = [3,2,1,4];"""

DAT_TINY = "tiny\r\n4 3\r\n\r\n1 0 1 0\t1\r\n1 1 0 1    2\r\n0 1 1 0 3\r\n\r\n1 2 3 1 \r\n"


def test_dat_and_dzn_give_the_same_instance() -> None:
    dat = parse_dat(DAT_TINY)
    dzn = parse_dzn(DZN_TINY, name="tiny")
    assert dat.name == "tiny"
    assert (dat.durations, dat.costs, dat.plays) == (dzn.durations, dzn.costs, dzn.plays)
    assert dat.durations == (1, 2, 3, 1)
    assert dat.costs == (1, 2, 3)
    assert dat.plays[1] == (True, True, False, True)


def test_dzn_schedule_line_is_ignored_and_files_are_sniffed(tmp_path: Path) -> None:
    dzn = tmp_path / "tiny.dzn"
    dzn.write_text(DZN_TINY, encoding="utf-8")
    plain = tmp_path / "tiny"
    plain.write_text(DAT_TINY, encoding="utf-8")
    assert read_instance(dzn).plays == read_instance(plain).plays


def test_dat_without_a_name_line() -> None:
    assert parse_dat("2 1\n1 1 4\n3 5\n", default_name="anon").name == "anon"


@pytest.mark.parametrize(
    ("text", "problem"),
    [("", "empty"), ("x\n3 2\n1 0 1 5\n", "expected"), ("x\n2 1\n1 2 4\n1 1\n", "0 or 1")],
)
def test_bad_dat_files_say_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(TalentInstanceError, match=problem):
        parse_dat(text, default_name="x")


def test_bad_dzn_sizes() -> None:
    with pytest.raises(TalentInstanceError, match="disagree"):
        parse_dzn(DZN_TINY.replace("c = [1,2,3]", "c = [1,2]"))
    with pytest.raises(TalentInstanceError, match="lacks"):
        parse_dzn("numScenes = 1;")


def test_every_shared_file_parses(shared_dir: Path) -> None:
    files = [p for p in (shared_dir / "bench" / "talent").rglob("*") if p.is_file() and p.suffix not in (".md", ".csv")]
    assert len(files) >= 28
    for path in files:
        instance = read_instance(path)
        assert instance.n_scenes >= 4 and instance.n_actors >= 3
