"""The artifact base: schema name + version, provenance, canonical JSON, registry.

Every JSON file microdrama writes is an :class:`Artifact`. It carries ``"schema": "Name.N"``; readers
refuse another name and upgrade older versions through functions registered with :func:`upgrades`
before validation, so a project written by an older release still opens.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from microdrama.errors import ArtifactError

A = TypeVar("A", bound="Artifact")
Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

#: every concrete artifact class, by schema name (filled by ``Artifact.__init_subclass__``)
ARTIFACTS: dict[str, type[Artifact]] = {}
_UPGRADES: dict[tuple[str, int], Upgrade] = {}


class Record(BaseModel):
    """Base of every nested record: strict about unknown fields, so typos in hand edits surface."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Provenance(Record):
    """Where a generated artifact came from; never holds secrets or timestamps (outputs stay reproducible)."""

    stage: str = Field(description="Pipeline stage that wrote the artifact.")
    engine: str = Field(default="offline", description="Engine id (URL without credentials) that produced it.")
    model: str | None = Field(default=None, description="Model name when a model engine was used.")
    prompt_sha256: str | None = Field(default=None, description="Hash of the prompt template, for model engines.")
    seed: int | None = Field(default=None, description="Random seed, when the step is seeded.")
    parents: dict[str, str] = Field(
        default_factory=dict, description="Input artifacts (project-relative path -> sha256) this was made from."
    )


class Artifact(Record):
    """A versioned, validated JSON artifact of the project directory."""

    SCHEMA_NAME: ClassVar[str] = ""
    SCHEMA_VERSION: ClassVar[int] = 1

    schema_id: str = Field(
        default="", alias="schema", description="Schema name and version, e.g. 'Source.1'; checked on read."
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("SCHEMA_NAME")
        if name:
            ARTIFACTS[name] = cls

    @classmethod
    def schema_tag(cls) -> str:
        """The ``schema`` value files of this class carry, e.g. ``Source.1``."""
        return f"{cls.SCHEMA_NAME}.{cls.SCHEMA_VERSION}"

    @model_validator(mode="before")
    @classmethod
    def _check_schema(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        tag = data.get("schema") or data.get("schema_id")
        if not tag:
            return {**data, "schema": cls.schema_tag()}
        name, _, version = str(tag).rpartition(".")
        if name != cls.SCHEMA_NAME or not version.isdigit():
            raise ValueError(f"schema is {tag!r}, expected {cls.schema_tag()!r}")
        data = dict(data)
        found = int(version)
        if found > cls.SCHEMA_VERSION:
            raise ValueError(
                f"schema {tag!r} is newer than this release reads ({cls.schema_tag()}); upgrade microdrama"
            )
        while found < cls.SCHEMA_VERSION:
            upgrade = _UPGRADES.get((cls.SCHEMA_NAME, found + 1))
            if upgrade is None:
                raise ValueError(f"no upgrade registered from {name}.{found} to {name}.{found + 1}")
            data = upgrade(data)
            found += 1
        data["schema"] = cls.schema_tag()
        data.pop("schema_id", None)
        return data

    # -- serialisation -------------------------------------------------------------------------

    #: optional fields left out of the file while they are None (added to a schema without changing old files)
    OMIT_IF_NONE: ClassVar[frozenset[str]] = frozenset()

    def to_json(self) -> str:
        """Canonical JSON text: stable field order, UTF-8 kept readable, trailing newline."""
        omit = {name for name in self.OMIT_IF_NONE if getattr(self, name) is None}
        data = self.model_dump(mode="json", by_alias=True, exclude=omit or None)
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def to_bytes(self) -> bytes:
        """:meth:`to_json` as UTF-8 bytes (what the runner writes)."""
        return self.to_json().encode("utf-8")

    @classmethod
    def from_json(cls: type[A], text: str | bytes, *, where: str | Path = "<memory>") -> A:
        """Parse and validate; any problem becomes an :class:`ArtifactError` naming the file."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ArtifactError(where, f"not valid JSON ({exc})") from exc
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise ArtifactError(where, f"does not match {cls.schema_tag()}: {exc}") from exc

    @classmethod
    def load(cls: type[A], path: str | Path) -> A:
        """Read an artifact file."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise ArtifactError(path, "missing (run the stage that makes it first)") from exc
        return cls.from_json(raw, where=path)

    def digest(self) -> str:
        """Hash of the canonical bytes."""
        return hashlib.sha256(self.to_bytes()).hexdigest()


def upgrades(cls: type[Artifact], to: int) -> Callable[[Upgrade], Upgrade]:
    """Register ``fn(dict) -> dict`` turning a ``cls`` file of version ``to - 1`` into version ``to``."""

    def register(fn: Upgrade) -> Upgrade:
        _UPGRADES[(cls.SCHEMA_NAME, to)] = fn
        return fn

    return register


def schema_documents() -> dict[str, dict[str, Any]]:
    """JSON Schema of every registered artifact, by file name under ``docs/schemas``."""
    docs: dict[str, dict[str, Any]] = {}
    for name in sorted(ARTIFACTS):
        cls = ARTIFACTS[name]
        doc = cls.model_json_schema(by_alias=True, mode="serialization")
        doc["title"] = name
        docs[f"{name}.schema.json"] = doc
    return docs
