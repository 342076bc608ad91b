"""What the container modules share: a label-bearing field found in a file, and the payload to write.

In its own module so that the container modules and the package that dispatches to them import it
without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["aigc", "iptc", "c2pa", "notice"]


@dataclass(frozen=True)
class Field:
    """One label-bearing field found in a file."""

    kind: FieldKind
    where: str
    value: str


@dataclass(frozen=True)
class Payload:
    """What an implicit label writes: the Annex E JSON, the IPTC source type, a human-readable notice."""

    aigc_json: str
    digital_source_type: str | None = None
    notice: str = ""
