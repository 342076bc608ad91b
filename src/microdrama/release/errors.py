"""Release errors: a profile that cannot be read, a package that cannot be built, a file that fails its platform."""

from __future__ import annotations

from microdrama.errors import MicrodramaError


class ReleaseError(MicrodramaError):
    """A release package could not be built (missing masters, encoder failure, full disk…); nothing was replaced."""


class ProfileError(ReleaseError):
    """A platform profile is unknown, unreadable, or has a value without a source."""
