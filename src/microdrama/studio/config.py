"""How a studio is set up: where projects live, who may log in, limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

#: folder under PROJECTS_DIR for the studio's own state (database); never listed as a project
STATE_DIR = ".studio"
DEFAULT_PORT = 8700


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost: the studio then runs for one local user without login."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class StudioConfig:
    """Everything the app needs to know; built by the CLI, or by tests."""

    projects_dir: Path
    #: accounts, logins and per-project permissions; off only for a loopback-bound single user
    auth: bool = False
    #: SQLAlchemy URL; default SQLite in PROJECTS_DIR/.studio/studio.db
    database_url: str | None = None
    #: largest novel accepted by upload (bytes)
    max_novel_bytes: int = 16 * 1024 * 1024
    #: largest storyboard image accepted by upload (bytes)
    max_image_bytes: int = 8 * 1024 * 1024
    #: cookies marked Secure (behind an HTTPS proxy)
    secure_cookies: bool = False
    #: python executable for worker processes (default: this one)
    python: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def db_url(self) -> str:
        """The database URL in effect."""
        return self.database_url or f"sqlite:///{(self.projects_dir / STATE_DIR / 'studio.db').as_posix()}"
