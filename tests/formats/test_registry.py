"""The FORMATS table: every format module registered once, suffixes unique, unknown ids refused."""

from __future__ import annotations

from pathlib import Path

import pytest

import microdrama.formats
from microdrama.errors import UnknownFormatError
from microdrama.formats import FORMATS, get_format

#: modules of the package that are helpers, not formats (fonts; pages renders the Jinja2 HTML pages)
HELPERS = {"fonts", "pages"}


def test_every_format_module_is_registered() -> None:
    folder = Path(microdrama.formats.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")} - HELPERS
    assert modules == set(FORMATS)
    for key, spec in FORMATS.items():
        assert spec.id == key and spec.module.__name__ == f"microdrama.formats.{key}"
        assert spec.can_read or spec.can_write, key


def test_no_suffix_belongs_to_two_formats() -> None:
    suffixes = [suffix for spec in FORMATS.values() for suffix in spec.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert all(suffix.startswith(".") and suffix == suffix.lower() for suffix in suffixes)


def test_capabilities_follow_the_functions_a_module_has() -> None:
    assert FORMATS["fountain"].readers == ("read_episode", "read_series")
    assert FORMATS["fountain"].writers == ("write_episode", "write_series")
    assert (FORMATS["pdf"].can_read, FORMATS["pdf"].can_write) == (False, True)


def test_lookup_by_id_or_suffix() -> None:
    assert get_format("pdf") is FORMATS["pdf"]
    assert get_format(".FDX") is FORMATS["fdx"]
    assert get_format("htm") is FORMATS["html"]


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError) as raised:
        get_format("docx")
    assert raised.value.key == "docx" and sorted(raised.value.available) == sorted(FORMATS)
    assert "fountain" in str(raised.value)
