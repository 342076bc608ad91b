"""A demo project whose only model is the writers' room (the fake server refuses the other stages'
requests, so analysis and plan stay the book's own), and scripted twists of the room's replies."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fake_openai import FakeServer, _schema_name, room_episode, room_only_reply

from microdrama.cli import main
from microdrama.demo import demo_story_path

#: the demo episode whose offline draft passes every check (episode 1's planned ending is too late)
GOOD = 2

Reply = dict[str, Any]


def make_project(tmp_path: Path, server: FakeServer, *, novel: Path | None = None, extra: str = "") -> Path:
    """A project folder set up for the room (4 episodes asked, 60 s each, serial)."""
    project = tmp_path / "p"
    project.mkdir()
    (project / "microdrama.toml").write_text(
        f'[project]\nnovel = "{novel or demo_story_path("en")}"\n[series]\nepisodes = 4\nepisode_seconds = 60\n'
        f'[engines]\ntext = "{server.url()}"\n[run]\nexecutor = "serial"\n{extra}',
        encoding="utf-8",
    )
    return project


def write(project: Path) -> int:
    """Run the chain up to ``write``."""
    return main(["write", str(project)])


def twist(episode: int, *replies: Callable[[str], str]) -> Callable[[dict[str, Any]], Reply]:
    """A responder that answers like :func:`room_only_reply`, except that the Fountain replies for
    ``episode`` pass through ``replies`` in turn (the last one repeats)."""
    seen: dict[str, Any] = {"n": 0, "good": ""}

    def respond(body: dict[str, Any]) -> Reply:
        reply = room_only_reply(body)
        if _schema_name(body) != "FountainReply" or room_episode(body) != episode:
            return reply
        if not seen["good"]:  # the first request carries the offline draft; repairs carry the bad text
            seen["good"] = reply["json"]["fountain"]
        change = replies[min(seen["n"], len(replies) - 1)]
        seen["n"] += 1
        return {"json": {"fountain": change(seen["good"])}}

    return respond


def same(text: str) -> str:
    """The good reply, unchanged."""
    return text


def fountain_requests(server: FakeServer, episode: int) -> list[str]:
    """User messages of the Fountain requests (first writes and repairs) of ``episode``."""
    return [
        next(m["content"] for m in body["messages"] if m["role"] == "user")
        for body in server.requests
        if _schema_name(body) == "FountainReply" and room_episode(body) == episode
    ]


def outcome(project: Path, episode: int) -> dict[str, Any]:
    """The room report's entry for ``episode``."""
    report = json.loads((project / "script/room_report.json").read_text(encoding="utf-8"))
    return next(e for e in report["episodes"] if e["episode"] == episode)


def replace_cue(text: str, name: str) -> str:
    """``text`` with its first character cue replaced by ``name``."""
    lines = text.split("\n")
    for i, line in enumerate(lines[1:], 1):
        if re.fullmatch(r"[A-Z][A-Z .'’-]+(?: \(\?\))?", line.strip()) and not line.startswith(("INT", "EXT")):
            lines[i] = name
            break
    return "\n".join(lines)
