"""Notes, revisions and hand edits: `rewrite` re-writes just the episodes named, with the note; every
model write keeps the previous revision with a diff; a hand-edited script is never overwritten — the
model's version waits for `accept`, and `approve` will not pass while it waits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeServer, _schema_name, _user, fake_server, room_only_reply  # noqa: F401
from room_project import GOOD, fountain_requests, make_project, outcome, write

from microdrama.cli import main
from microdrama.model import RevisionLog, RoomNotes

NOTE = "Make Nell angrier"
ADDED = "Nell clenches her fists."


def noted(body: dict[str, Any]) -> dict[str, Any]:
    """The room; a Fountain request that carries a producer's note gets one more action line."""
    reply = room_only_reply(body)
    if _schema_name(body) == "FountainReply" and "producer's note" in _user(body):
        lines = reply["json"]["fountain"].split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith(("INT.", "EXT.")))
        reply["json"]["fountain"] = "\n".join([*lines[: at + 1], "", ADDED, *lines[at + 1 :]])
    return reply


def log(project: Path, number: int) -> RevisionLog:
    return RevisionLog.load(project / f"script/revisions/ep{number:03d}.json")


def test_rewrite_with_a_note_keeps_the_previous_revision_and_a_diff(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.responder = noted
    project = make_project(tmp_path, fake_server)
    assert write(project) == 0
    before = len(fake_server.requests)
    capsys.readouterr()
    assert main(["rewrite", str(project), "--episodes", "3", "--note", NOTE]) == 0
    out = capsys.readouterr().out
    assert "episode 3: written — script/ep003.fountain (revision 2)" in out
    sent = fake_server.requests[before:]
    assert len(sent) == 1 and NOTE in _user(sent[0]), "only episode 3's Fountain request is sent again"
    assert ADDED in (project / "script/ep003.fountain").read_text(encoding="utf-8")
    revisions = log(project, 3).revisions
    assert [(r.number, r.by, r.state, r.note) for r in revisions] == [
        (1, "model", "superseded", ""),
        (2, "model", "current", NOTE),
    ]
    diff = (project / revisions[1].diff).read_text(encoding="utf-8")
    assert diff.startswith("--- script/revisions/ep003.r001.fountain\n+++ script/revisions/ep003.r002.fountain\n")
    assert f"+{ADDED}\n" in diff
    assert RoomNotes.load(project / "script/notes.json").of(3).note == NOTE  # type: ignore[union-attr]
    # the parsed script follows (rewrite runs through parse)
    assert ADDED in (project / "script/ep003.json").read_text(encoding="utf-8")


def test_hand_edit_survives_rewrite_until_accepted_and_blocks_approval(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.responder = noted
    project = make_project(tmp_path, fake_server)
    assert write(project) == 0
    script = project / f"script/ep{GOOD:03d}.fountain"
    edited = script.read_text(encoding="utf-8").replace("\n\n", "\n\nOwen hesitates at the door.\n\n", 1)
    script.write_text(edited, encoding="utf-8")
    assert write(project) == 0  # nothing upstream changed: nothing is re-written
    assert script.read_text(encoding="utf-8") == edited
    capsys.readouterr()
    assert main(["rewrite", str(project), "--episodes", str(GOOD), "--note", NOTE]) == 0
    captured = capsys.readouterr()
    assert "your hand edit is kept" in captured.out and "microdrama accept" in captured.out
    assert "edited by hand and is being regenerated" not in captured.err
    assert script.read_text(encoding="utf-8") == edited, "a hand edit is never overwritten"
    assert outcome(project, GOOD)["status"] == "kept-edit"
    assert [(r.by, r.state) for r in log(project, GOOD).revisions] == [
        ("model", "superseded"),
        ("hand", "current"),
        ("model", "pending"),
    ]
    assert NOTE in fountain_requests(fake_server, GOOD)[-1]
    # the gate stays shut while a revision waits
    assert main(["approve", str(project)]) == 2
    assert "wait for a decision" in capsys.readouterr().err
    assert main(["accept", str(project), "--episodes", str(GOOD)]) == 0
    assert "revision 3 by the model" in capsys.readouterr().out
    accepted = script.read_text(encoding="utf-8")
    assert ADDED in accepted and "Owen hesitates" not in accepted
    assert [(r.by, r.state) for r in log(project, GOOD).revisions] == [
        ("model", "superseded"),
        ("hand", "superseded"),
        ("model", "current"),
    ]
    assert main(["approve", str(project)]) == 0
    # re-runs leave the accepted script alone
    assert write(project) == 0
    assert script.read_text(encoding="utf-8") == accepted


def test_rewrite_needs_an_engine_and_known_episodes(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.responder = room_only_reply
    project = make_project(tmp_path, fake_server)
    assert write(project) == 0
    capsys.readouterr()
    assert main(["rewrite", str(project), "--episodes", "9"]) == 2
    assert "episode 9 is not in the plan" in capsys.readouterr().err
    assert main(["accept", str(project)]) == 2
    assert "no revision" in capsys.readouterr().err
    settings = project / "microdrama.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(fake_server.url(), "offline"), encoding="utf-8")
    assert main(["rewrite", str(project), "--episodes", "2"]) == 2
    assert "rewrite needs the writers' room" in capsys.readouterr().err


def test_hand_edit_survives_switching_back_to_offline(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.responder = noted
    project = make_project(tmp_path, fake_server)
    assert write(project) == 0
    script = project / "script/ep003.fountain"
    edited = script.read_text(encoding="utf-8").replace("\n\n", "\n\nOwen hesitates at the door.\n\n", 1)
    script.write_text(edited, encoding="utf-8")
    settings = project / "microdrama.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(fake_server.url(), "offline"), encoding="utf-8")
    assert write(project) == 0  # the engine changed: write runs again, offline
    assert script.read_text(encoding="utf-8") == edited
    assert "Turn Two" not in (project / "script/ep002.fountain").read_text(encoding="utf-8")  # offline again
    assert [(r.by, r.state) for r in log(project, 3).revisions] == [("model", "superseded"), ("hand", "current")]


def test_reject_keeps_the_hand_edit(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.responder = noted
    project = make_project(tmp_path, fake_server)
    assert write(project) == 0
    script = project / "script/ep003.fountain"
    edited = script.read_text(encoding="utf-8") + "\nNell smiles.\n"
    script.write_text(edited, encoding="utf-8")
    assert main(["rewrite", str(project), "-e", "3", "-n", NOTE]) == 0
    capsys.readouterr()
    assert main(["accept", str(project), "--reject"]) == 0
    assert "revision 3 rejected" in capsys.readouterr().out
    assert script.read_text(encoding="utf-8") == edited
    assert [r.state for r in log(project, 3).revisions] == ["superseded", "current", "rejected"]
    assert main(["approve", str(project)]) == 0
