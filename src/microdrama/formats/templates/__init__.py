"""HTML pages from Jinja2 templates (this folder): one environment, HTML escaping everywhere.

Text is escaped as :func:`html.escape` does (quotes too); a value wrapped in
:class:`markupsafe.Markup` (a stylesheet) goes in as it is.
"""

from __future__ import annotations

import functools
import html
from typing import Any

import jinja2
from markupsafe import Markup


def _escaped(value: Any) -> Any:
    """Every string printed by a template, escaped once (``Markup`` is already safe)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value))
    return value


@functools.cache
def environment() -> jinja2.Environment:
    """The templates' environment: blocks leave no blank lines, the file's last newline is kept."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("microdrama.formats", "templates"),
        autoescape=True,
        finalize=_escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(name: str, **values: Any) -> str:
    """The template ``name`` filled with ``values``.

    >>> page = render("series.html.j2", language="en", title="Tom & 'Jerry'", style=Markup("b{}"), title_page=[],
    ...               logline="", contents_label="Episodes", episodes=[])
    >>> "<title>Tom &amp; &#x27;Jerry&#x27;</title>" in page, "<style>b{}</style>" in page
    (True, True)
    """
    return environment().get_template(name).render(**values)
