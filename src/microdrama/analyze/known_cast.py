"""``--cast FILE``: check a user's cast list and place it where the analyze stage reads it.

The file is a JSON list of ``{"id", "name", "aliases", "gender"}``. It is checked before any work
starts, so a typo fails fast with the entry it concerns, and stored as ``story/known_cast.json`` in
the project (an input of the analyze stage, so changing it re-runs analysis).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from microdrama.errors import SettingsError
from microdrama.project import atomic_write

#: where the analyze stage looks for a given cast, relative to the project
KNOWN_CAST = "story/known_cast.json"
_GENDERS = ("male", "female", "unknown")


def read_cast_file(path: Path) -> list[dict[str, Any]]:
    """The checked entries of a cast file, normalised (aliases a list, gender spelled out).

    Raises:
        SettingsError: the file is missing, not JSON, or an entry is malformed; the message names
            the file and the entry.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"--cast {path}: cannot read the file ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SettingsError(f"--cast {path}: not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(data, list) or not data:
        raise SettingsError(f'--cast {path}: expected a non-empty JSON list of {{"id", "name", "aliases", "gender"}}')
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, entry in enumerate(data):
        where = f"--cast {path}: entry {position + 1}"
        if not isinstance(entry, dict):
            raise SettingsError(f"{where} is not an object: {entry!r}")
        ident, name = entry.get("id"), entry.get("name")
        if not isinstance(ident, str) or not ident.strip():
            raise SettingsError(f"{where} needs a non-empty string 'id'")
        if ident in seen:
            raise SettingsError(f"{where}: id {ident!r} is used twice")
        seen.add(ident)
        if not isinstance(name, str) or not name.strip():
            raise SettingsError(f"{where} ({ident}) needs a non-empty string 'name'")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise SettingsError(f"{where} ({ident}): 'aliases' must be a list of strings")
        gender = entry.get("gender", "unknown")
        if gender not in _GENDERS:
            raise SettingsError(f"{where} ({ident}): 'gender' must be one of {', '.join(_GENDERS)}, got {gender!r}")
        unknown = sorted(set(entry) - {"id", "name", "aliases", "gender"})
        if unknown:
            raise SettingsError(f"{where} ({ident}): unknown field(s) {', '.join(unknown)}")
        entries.append(
            {
                "id": ident.strip(),
                "name": name.strip(),
                "aliases": [a.strip() for a in aliases if a.strip()],
                "gender": gender,
            }
        )
    return entries


def install_cast(project: Path, entries: list[dict[str, Any]]) -> None:
    """Write the entries to ``PROJECT/story/known_cast.json`` (atomically, byte-stable)."""
    data = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    atomic_write(Path(project) / KNOWN_CAST, data.encode("utf-8"))
