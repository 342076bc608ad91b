"""The subtitle stage on the demo project: every language's files, QC passing, XLIFF out and back in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from microdrama.cli import main
from microdrama.cli.subtitle import needed_stages
from microdrama.demo import demo_story_path
from microdrama.formats import srt, ttml, vtt, xliff
from microdrama.model import EpisodeLocalization, SubtitleQC, Violation
from microdrama.pipeline import Runner
from microdrama.pipeline.stages import stage_named
from microdrama.settings import Settings

SETTINGS = {"run.executor": "serial", "series.episodes": 2, "series.episode_seconds": 60}
LANGUAGES = "zh-Hant,zh-Hant-HK,en"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chinese demo, two episodes, subtitled in Traditional (TW, HK) and exported for English."""
    folder = tmp_path_factory.mktemp("subs") / "demo"
    settings = Settings().with_values({**SETTINGS, "project.novel": str(demo_story_path("zh"))})
    Runner(folder, settings, stages=needed_stages()).run()
    assert main(["subtitle", str(folder), "--languages", LANGUAGES]) == 0
    return folder


def test_every_language_and_format_is_written(project: Path) -> None:
    subs = project / "subs"
    for episode in ("001", "002"):
        for language in ("zh-Hans", "zh-Hant", "zh-Hant-HK"):
            for ext in ("srt", "vtt", "ass", "ttml"):
                assert (subs / f"ep{episode}.{language}.{ext}").is_file(), (episode, language, ext)
        assert (subs / "xliff" / f"ep{episode}.zh-Hans-en.xlf").is_file()
        assert not (subs / f"ep{episode}.en.srt").exists()  # no translation yet


def test_qc_passes_every_error_rule_after_autofix(project: Path) -> None:
    for path in sorted((project / "subs").glob("ep*.qc.json")):
        report = SubtitleQC.load(path)
        assert report.timing_source == "estimate" and report.pending == ["en"]
        assert [qc.language for qc in report.languages] == ["zh-Hans", "zh-Hant", "zh-Hant-HK"]
        for qc in report.languages:
            assert qc.passing == qc.cues > 0
            assert not [v for v in qc.violations if v.severity == "error"]
            assert all(rule.source for rule in qc.rules)


def test_lines_respect_the_chinese_limits_and_variants_differ(project: Path) -> None:
    hans = srt.read_cues((project / "subs/ep001.zh-Hans.srt").read_text(encoding="utf-8"))
    hant = vtt.read_cues((project / "subs/ep001.zh-Hant.vtt").read_text(encoding="utf-8"))
    hk = ttml.read_cues((project / "subs/ep001.zh-Hant-HK.ttml").read_text(encoding="utf-8"))
    assert len(hans) == len(hant) == len(hk)
    assert all(len(line) <= 16 and len(c.lines) <= 2 for c in hans for line in c.lines)
    assert [c.start_ms for c in hans] == [c.start_ms for c in hant]
    assert "".join(row for c in hans for row in c.lines) != "".join(row for c in hant for row in c.lines)
    meta = EpisodeLocalization.load(project / "subs/ep001.meta.json")
    assert meta.languages["zh-Hant"].title and meta.languages["zh-Hans"].series_title


def test_check_prints_the_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["subtitle", str(project), "--check"]) == 0
    out = capsys.readouterr().out
    assert "zh-Hant-HK" in out and "100.0%" in out and "waiting for a translation" in out


def test_import_a_translation_makes_english_subtitles(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    exported = work / "subs/xliff/ep001.zh-Hans-en.xlf"
    doc = xliff.read_document(exported.read_bytes())
    filled = doc.model_copy(
        update={"units": [u.model_copy(update={"target": f"Line {i}."}) for i, u in enumerate(doc.units)]}
    )
    done = tmp_path / "ep001.en.xlf"
    done.write_text(xliff.write_document(filled), encoding="utf-8")
    assert main(["subtitle", "import", str(done), "--project", str(work)]) == 0
    assert (work / "subs/translations/ep001.zh-Hans-en.xlf").is_file()
    cues = srt.read_cues((work / "subs/ep001.en.srt").read_text(encoding="utf-8"))
    assert cues and cues[0].lines[0].startswith("Line")
    report = json.loads((work / "subs/ep001.qc.json").read_text(encoding="utf-8"))
    assert "en" in [qc["language"] for qc in report["languages"]] and report["pending"] == []
    meta = EpisodeLocalization.load(work / "subs/ep001.meta.json")
    assert meta.languages["en"].title.startswith("Line")


def test_import_errors_are_listed_and_nothing_is_written(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    exported = work / "subs/xliff/ep002.zh-Hans-en.xlf"
    doc = xliff.read_document(exported.read_bytes())
    units = [
        u.model_copy(update={"target": "x" * 200 if i == 0 else ("" if i == 1 else "Fine.")})
        for i, u in enumerate(doc.units)
    ]
    bad = tmp_path / "ep002.en.xlf"
    bad.write_text(xliff.write_document(doc.model_copy(update={"units": units})), encoding="utf-8")
    assert main(["subtitle", "import", str(bad), "--project", str(work)]) == 2
    err = capsys.readouterr().err
    assert "200 characters" in err and "has no translation" in err and "nothing imported" in err
    assert not (work / "subs/translations").exists()


def test_import_outside_a_project_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stray = tmp_path / "x.xlf"
    stray.write_text("<xliff/>", encoding="utf-8")
    assert main(["subtitle", "import", str(stray)]) == 2
    assert "not inside a microdrama project" in capsys.readouterr().err


def test_rerun_is_byte_identical(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    before = {p.name: p.read_bytes() for p in (work / "subs").glob("ep*.*")}
    settings = Settings().with_values({**SETTINGS, "project.novel": str(demo_story_path("zh"))})
    settings = settings.with_values({"subtitles.languages": LANGUAGES.split(",")})
    Runner(work, settings, stages=(stage_named("subtitle"),)).run("subtitle", force=True)
    after = {p.name: p.read_bytes() for p in (work / "subs").glob("ep*.*")}
    assert before == after


def test_a_model_engine_translates_when_no_translation_was_imported(project: Path, tmp_path: Path) -> None:
    import re

    from microdrama.engines.text import MOCK_RESPONDERS

    def responder(messages, params) -> str:  # type: ignore[no-untyped-def]
        user = messages[-1]["content"]
        count = len(re.findall(r"^\d+: ", user, flags=re.M))
        return json.dumps({"lines": [{"index": i, "text": f"Machine line {i}."} for i in range(count)]})

    MOCK_RESPONDERS["subtitle-test"] = responder
    work = tmp_path / "p"
    shutil.copytree(project, work)
    settings = Settings().with_values({**SETTINGS, "project.novel": str(demo_story_path("zh"))})
    settings = settings.with_values({"subtitles.languages": ["en"], "engines.text": "mock://subtitle-test"})
    Runner(work, settings, stages=(stage_named("subtitle"),)).run("subtitle")
    cues = srt.read_cues((work / "subs/ep001.en.srt").read_text(encoding="utf-8"))
    assert cues and cues[0].lines == ["Machine line 0."]
    report = SubtitleQC.load(work / "subs/ep001.qc.json")
    assert report.pending == [] and [qc.language for qc in report.languages] == ["zh-Hans", "en"]
    prefilled = xliff.read_document((work / "subs/xliff/ep001.zh-Hans-en.xlf").read_bytes())
    assert all(unit.target for unit in prefilled.units)  # ready for post-editing


def test_check_fails_when_errors_remain(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    episode = work / "subs/ep001.qc.json"
    report = SubtitleQC.load(episode)
    qc = report.languages[0]
    broken = qc.model_copy(
        update={
            "violations": [
                *qc.violations,
                Violation(rule="T-CPS", severity="error", cue=3, start_ms=61_500, message="too fast"),
            ]
        }
    )
    episode.write_bytes(report.model_copy(update={"languages": [broken, *report.languages[1:]]}).to_bytes())
    assert main(["subtitle", str(work), "--check"]) == 1
    out = capsys.readouterr().out
    assert "ep001 zh-Hans cue 3 at 01:01.500 T-CPS: too fast" in out


def test_a_translation_that_no_longer_covers_the_script_is_pending(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    doc = xliff.read_document((work / "subs/xliff/ep001.zh-Hans-en.xlf").read_bytes())
    partial = doc.model_copy(update={"units": [u.model_copy(update={"target": "Hi."}) for u in doc.units[1:]]})
    (work / "subs/translations").mkdir()
    (work / "subs/translations/ep001.zh-Hans-en.xlf").write_text(xliff.write_document(partial), encoding="utf-8")
    settings = Settings().with_values({**SETTINGS, "project.novel": str(demo_story_path("zh"))})
    settings = settings.with_values({"subtitles.languages": LANGUAGES.split(",")})
    Runner(work, settings, stages=(stage_named("subtitle"),)).run("subtitle")
    assert SubtitleQC.load(work / "subs/ep001.qc.json").pending == ["en"]
    assert not (work / "subs/ep001.en.srt").exists()  # never a track mixing two languages


def test_user_glossary_overrides_the_pinyin_in_the_export(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    default = (work / "subs/xliff/ep001.zh-Hans-en.xlf").read_text(encoding="utf-8")
    assert ">Fang Shen</gls:translation>" in default  # 方婶, named in episode 1's dialogue
    (work / "subs/glossary.json").write_text(
        json.dumps({"方婶": {"en": "Aunt Fang"}}, ensure_ascii=False), encoding="utf-8"
    )
    settings = Settings().with_values({**SETTINGS, "project.novel": str(demo_story_path("zh"))})
    settings = settings.with_values({"subtitles.languages": LANGUAGES.split(",")})
    summary = Runner(work, settings, stages=(stage_named("subtitle"),)).run("subtitle")
    assert "subtitle/001" in summary.ran()
    exported = (work / "subs/xliff/ep001.zh-Hans-en.xlf").read_text(encoding="utf-8")
    assert '<gls:translation source="user">Aunt Fang</gls:translation>' in exported
