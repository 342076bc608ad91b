"""Accounts, sessions, CSRF and who may do what.

Passwords are hashed with argon2 (argon2-cffi's defaults). A session cookie holds a random token
(HttpOnly, SameSite=Strict); the database keeps only its sha256 and the session's CSRF token, which
every form and every script request must send back. A studio bound to the loopback address runs for
one local user without login, but still with a session and CSRF tokens, so another web page cannot
drive it from the user's browser.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from microdrama.errors import MicrodramaError
from microdrama.studio.db import ROLES, Grant, LoginSession, User, utcnow

COOKIE = "md_session"
#: a login lasts this long; then the user logs in again
SESSION_DAYS = 14
LOCAL_USER = "local"

#: action -> roles allowed to do it (inside a project the user is granted)
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(ROLES),
    "edit": frozenset({"writer", "admin"}),
    "run": frozenset({"writer", "producer", "admin"}),
    "review": frozenset({"reviewer", "producer", "admin"}),
    "create": frozenset({"writer", "producer", "admin"}),
    "admin": frozenset({"admin"}),
}

_hasher = PasswordHasher()


class AccountError(MicrodramaError):
    """A user cannot be created or changed as asked."""


@dataclass(frozen=True)
class Viewer:
    """The person behind a request."""

    name: str
    role: str
    user_id: int
    csrf: str
    projects: frozenset[str]
    """Projects granted (admins see every project whatever this holds)."""

    def may(self, action: str, project: str | None = None) -> bool:
        """Whether this person may do ``action`` (in ``project``, when given)."""
        if self.role not in PERMISSIONS[action]:
            return False
        return project is None or self.role == "admin" or project in self.projects


def hash_password(password: str) -> str:
    """argon2id hash of ``password``."""
    return _hasher.hash(password)


def check_password(stored: str, password: str) -> bool:
    """Whether ``password`` matches the stored argon2 hash."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(db: Session, name: str, role: str, password: str) -> User:
    """Add a user; refuses unknown roles, short passwords and taken names."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    if not name or len(name) > 64 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise AccountError("a user name is 1-64 letters, digits, '.', '_' or '-'")
    if len(password) < 8:
        raise AccountError("a password has at least 8 characters")
    if db.scalar(select(User).where(User.name == name)) is not None:
        raise AccountError(f"user {name!r} already exists")
    user = User(name=name, role=role, password_hash=hash_password(password))
    db.add(user)
    db.flush()
    return user


def grant(db: Session, user: User, project: str) -> None:
    """Let ``user`` open ``project`` (idempotent)."""
    if db.scalar(select(Grant).where(Grant.user_id == user.id, Grant.project == project)) is None:
        db.add(Grant(user_id=user.id, project=project))


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(db: Session, name: str, password: str) -> User | None:
    """The user when name and password match, else None (same work either way)."""
    user = db.scalar(select(User).where(User.name == name))
    if user is None:
        check_password(_DUMMY_HASH, password)
        return None
    return user if check_password(user.password_hash, password) else None


def open_session(db: Session, user: User) -> str:
    """A new session for ``user``; returns the cookie token."""
    token = secrets.token_urlsafe(32)
    db.add(LoginSession(token_sha256=_sha(token), user_id=user.id, csrf=secrets.token_urlsafe(32)))
    return token


def close_session(db: Session, token: str) -> None:
    """Forget the session (logout)."""
    row = db.get(LoginSession, _sha(token))
    if row is not None:
        db.delete(row)


def viewer_for(db: Session, token: str | None) -> Viewer | None:
    """The viewer whose session cookie is ``token``, or None."""
    if not token:
        return None
    row = db.get(LoginSession, _sha(token))
    if row is None:
        return None
    if row.created < utcnow() - dt.timedelta(days=SESSION_DAYS):
        db.delete(row)
        db.commit()
        return None
    user = db.get(User, row.user_id)
    if user is None:
        return None
    projects = frozenset(db.scalars(select(Grant.project).where(Grant.user_id == user.id)))
    return Viewer(name=user.name, role=user.role, user_id=user.id, csrf=row.csrf, projects=projects)


def local_user(db: Session) -> User:
    """The single user of a loopback studio (an admin, no usable password)."""
    user = db.scalar(select(User).where(User.name == LOCAL_USER))
    if user is None:
        user = User(name=LOCAL_USER, role="admin", password_hash="!")
        db.add(user)
        db.flush()
    return user


def csrf_ok(viewer: Viewer | None, sent: str | None) -> bool:
    """Whether the token sent with a form or request is this session's."""
    return viewer is not None and bool(sent) and hmac.compare_digest(viewer.csrf, sent or "")


_DUMMY_HASH = _hasher.hash("not a password of anyone")
