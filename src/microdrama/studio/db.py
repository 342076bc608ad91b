"""The studio's own records (users, sessions, project grants, reviews, comments, audit) in SQL.

SQLite by default, PostgreSQL (or anything SQLAlchemy speaks) by URL. Artifacts never go here: the
project folder stays their source of truth.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

ROLES = ("writer", "reviewer", "producer", "admin")


def utcnow() -> dt.datetime:
    """Now, in UTC, to the second (what the pages show)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base of the studio's tables."""


class User(Base):
    """A person who logs in; ``role`` says what they may do in the projects they are granted."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)


class LoginSession(Base):
    """A logged-in browser: the cookie holds the token, the row only its sha256."""

    __tablename__ = "sessions"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Grant(Base):
    """User ``user_id`` may open project ``project`` (admins may open every project)."""

    __tablename__ = "grants"
    __table_args__ = (UniqueConstraint("user_id", "project"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    project: Mapped[str] = mapped_column(String(64))


class Review(Base):
    """An episode approved or returned, with the sha256 of the script as it was reviewed."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    project: Mapped[str] = mapped_column(String(64), index=True)
    episode: Mapped[int]
    decision: Mapped[str] = mapped_column(String(16))  # approved | returned
    comment: Mapped[str] = mapped_column(Text, default="")
    script_sha256: Mapped[str] = mapped_column(String(64))
    user: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Audit(Base):
    """Who did what to which project, when (edits, uploads, runs, approvals)."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    project: Mapped[str] = mapped_column(String(64), index=True)
    user: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def open_database(url: str) -> sessionmaker[Session]:
    """Connect (creating the SQLite file's folder and the tables when missing)."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    Base.metadata.create_all(engine)
    return sessionmaker(engine, expire_on_commit=False)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def record(db: Session, project: str, user: str, action: str, detail: str = "") -> None:
    """Add an audit row (committed with the caller's transaction)."""
    db.add(Audit(project=project, user=user, action=action, detail=detail))


def audit_rows(app: Any, project: str, limit: int = 50) -> list[Audit]:
    """The latest audit rows of a project (``app.state.db`` is the session factory)."""
    with app.state.db() as db:
        return list(db.scalars(select(Audit).where(Audit.project == project).order_by(Audit.id.desc()).limit(limit)))
