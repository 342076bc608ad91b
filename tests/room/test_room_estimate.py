"""`produce --estimate` counts the writers' room's requests and the subtitles' translations: within 10 %
of what a real run then sends to the fake server."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai import FakeServer, fake_server, smart_reply  # noqa: F401

from microdrama.cli import main
from microdrama.demo import demo_story_path


def _project(path: Path, url: str) -> Path:
    path.mkdir()
    (path / "microdrama.toml").write_text(
        f'[project]\nnovel = "{demo_story_path("en")}"\n[series]\nepisodes = 4\nepisode_seconds = 60\n'
        f'[engines]\ntext = "{url}"\n[run]\nexecutor = "serial"\n[subtitles]\nlanguages = ["zh-Hans"]\n',
        encoding="utf-8",
    )
    return path


def test_estimate_is_within_ten_percent_of_the_requests_sent(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.responder = smart_reply
    project = _project(tmp_path / "p", fake_server.url())
    assert main(["produce", str(demo_story_path("en")), "-o", str(project), "--estimate"]) == 0
    out = capsys.readouterr().out
    assert fake_server.requests == []
    rows = {line.split()[0]: int(line.split()[1]) for line in out.splitlines() if line.startswith("  ")}
    assert rows["write"] > 0 and rows["subtitle"] > 0, out  # the room's calls and the translations
    estimated = int(out.split("total: ")[1].split()[0])
    assert main(["subtitle", str(project)]) == 0  # the chain through the subtitles, for real
    sent = len(fake_server.requests)
    assert abs(estimated - sent) <= 0.10 * sent, (estimated, sent)
