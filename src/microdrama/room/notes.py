"""Producers' notes (``script/notes.json``): ``microdrama rewrite --note`` records one per episode; the
write stage reads the file as an input, so a note re-writes just its episode (the others answer from
the reply cache)."""

from __future__ import annotations

from pathlib import Path

from microdrama.model import EpisodeNote, RoomNotes
from microdrama.project import atomic_write

NOTES_FILE = "script/notes.json"


def load_notes(project: Path) -> RoomNotes:
    """The project's notes (none when the file does not exist)."""
    path = project / NOTES_FILE
    return RoomNotes.load(path) if path.is_file() else RoomNotes()


def note_text(note: EpisodeNote | None) -> str:
    """What the request says for ``note`` ('' when there is none; a fresh take names its number)."""
    if note is None:
        return ""
    if note.note.strip():
        return note.note.strip() if note.take <= 1 else f"{note.note.strip()} (take {note.take})"
    return f"Write a fresh take of this episode (take {note.take})."


def add_notes(project: Path, episodes: list[int], note: str) -> RoomNotes:
    """Record ``note`` for ``episodes`` (each one's take goes up, so the model writes it anew)."""
    notes = load_notes(project)
    by_number = {n.episode: n for n in notes.notes}
    for number in episodes:
        old = by_number.get(number)
        by_number[number] = EpisodeNote(episode=number, note=note, take=(old.take + 1) if old else 1)
    updated = RoomNotes(notes=[by_number[n] for n in sorted(by_number)])
    atomic_write(project / NOTES_FILE, updated.to_bytes(), tmp_dir=project / ".microdrama" / "tmp")
    return updated
