"""``microdrama studio``: accounts from the command line; a network-bound studio needs one."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.cli import main


def test_add_user_then_refuse_a_network_studio_without_accounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["studio", str(tmp_path / "empty"), "--host", "0.0.0.0"]) == 2
    assert "--add-user NAME --role admin" in capsys.readouterr().err
    monkeypatch.setenv("MICRODRAMA_STUDIO_PASSWORD", "a long password")
    assert main(["studio", str(tmp_path), "--add-user", "ana", "--role", "admin", "--grant", "tide"]) == 0
    assert "user ana (admin) created, may open tide" in capsys.readouterr().out
    assert (tmp_path / ".studio/studio.db").is_file()
    assert main(["studio", str(tmp_path), "--add-user", "ana"]) == 2
    assert "already exists" in capsys.readouterr().err
    monkeypatch.setenv("MICRODRAMA_STUDIO_PASSWORD", "short")
    assert main(["studio", str(tmp_path), "--add-user", "bo"]) == 2
