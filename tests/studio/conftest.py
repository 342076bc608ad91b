"""Fixtures of the studio tests: a small produced project, apps with and without accounts, logins."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from microdrama.demo import demo_story_path
from microdrama.pipeline import Runner
from microdrama.settings import Settings
from microdrama.studio.app import create_app
from microdrama.studio.auth import create_user, grant
from microdrama.studio.config import StudioConfig

PASSWORD = "correct horse battery"
#: a short series without animatics: every stage up to subtitles runs in a few seconds
SMALL = {"series.episodes": 3, "series.episode_seconds": 60, "media.episodes": ""}


@pytest.fixture(scope="session")
def produced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English demo story produced once (3 episodes, no media) — copied by the tests that change it."""
    root = tmp_path_factory.mktemp("produced") / "tide"
    root.mkdir()
    (root / "novel").mkdir()
    shutil.copyfile(demo_story_path("en"), root / "novel/story.txt")
    settings = Settings().with_values({"project.novel": "novel/story.txt", **SMALL})
    Runner(root, settings).run()
    # the voices a casting run would choose, without storyboarding anything (the cast page reads them)
    from microdrama.casting.voices import cast_voices
    from microdrama.model import Bible, Cast

    voices = cast_voices(Bible.load(root / "series/bible.json"), Cast.load(root / "story/cast.json"), engine="espeak")
    (root / "voice").mkdir()
    (root / "voice/bible.json").write_bytes(voices.to_bytes())
    return root


@pytest.fixture
def projects(tmp_path: Path, produced: Path) -> Path:
    """A projects folder holding a copy of the produced project as ``tide``."""
    folder = tmp_path / "projects"
    folder.mkdir()
    shutil.copytree(produced, folder / "tide", symlinks=True)
    return folder


def csrf_of(html: str) -> str:
    """The CSRF token a page carries."""
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "page has no CSRF token"
    return found.group(1)


@pytest.fixture
def local(projects: Path) -> Iterator[TestClient]:
    """A loopback studio (one local user, no login), with its CSRF token in ``client.csrf``."""
    app = create_app(
        StudioConfig(projects_dir=projects, auth=False, max_novel_bytes=256 * 1024, max_image_bytes=256 * 1024)
    )
    with TestClient(app) as client:
        client.csrf = csrf_of(client.get("/").text)  # type: ignore[attr-defined]
        yield client


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with test-sized cost: the tests log in many times on a shared 2-core machine."""
    from argon2 import PasswordHasher

    from microdrama.studio import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def team(projects: Path) -> Iterator[Callable[[str], TestClient]]:
    """A studio with accounts; ``team(role)`` is a logged-in client of a user of that role granted ``tide``
    (``team('stranger')``: a writer granted nothing; ``team('anonymous')``: nobody logged in)."""
    app = create_app(
        StudioConfig(projects_dir=projects, auth=True, max_novel_bytes=256 * 1024, max_image_bytes=256 * 1024)
    )
    with app.state.db() as db:
        for role in ("writer", "reviewer", "producer", "admin"):
            grant(db, create_user(db, role, role, PASSWORD), "tide")
        create_user(db, "stranger", "writer", PASSWORD)
        db.commit()
    clients: list[TestClient] = []

    def login(name: str) -> TestClient:
        client = TestClient(app, follow_redirects=False)
        client.__enter__()
        clients.append(client)
        if name != "anonymous":
            response = client.post("/login", data={"name": name, "password": PASSWORD})
            assert response.status_code == 303, response.text
            client.csrf = csrf_of(client.get("/").text)  # type: ignore[attr-defined]
        return client

    yield login
    for client in clients:
        client.__exit__(None, None, None)
