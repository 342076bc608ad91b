"""microdrama.toml: defaults, dotted keys, clear errors for bad values or files."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.errors import SettingsError
from microdrama.settings import SETTINGS_FILE, Settings, load_settings


def test_defaults_and_dotted_keys() -> None:
    settings = Settings()
    assert settings.get("series.episodes") == 60 and settings.get("series.episode_seconds") == 90
    changed = settings.with_values({"series.episodes": 12, "project.title": None})
    assert changed.series.episodes == 12 and changed.project.title == ""
    with pytest.raises(SettingsError, match="no setting named 'series.nope'"):
        settings.get("series.nope")


def test_round_trip_through_toml(tmp_path: Path) -> None:
    settings = Settings().with_values({"series.episodes": 7, "project.title": "潮汐钟"})
    (tmp_path / SETTINGS_FILE).write_bytes(settings.to_toml())
    assert load_settings(tmp_path) == settings


def test_bad_values_and_bad_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="series.episodes"):
        Settings().with_values({"series.episodes": 0})
    (tmp_path / SETTINGS_FILE).write_text("[series]\nepisodes = 'many'\n")
    with pytest.raises(SettingsError, match="microdrama.toml: series.episodes"):
        load_settings(tmp_path)
    (tmp_path / SETTINGS_FILE).write_text("[series\n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(tmp_path)
