"""HTML pages from Jinja2 templates: one way to set up the environment, HTML escaping everywhere.

A package keeps its page templates in its ``templates/`` folder (``formats/templates/series.html.j2``,
``shoot/templates/callsheet.html.j2``…). Text is escaped as :func:`html.escape` does (quotes too);
a value wrapped in :class:`markupsafe.Markup` (a stylesheet) goes in as it is.
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
def environment(package: str) -> jinja2.Environment:
    """The environment of ``package``'s templates: blocks leave no blank lines, the file's last newline is kept."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        finalize=_escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(package: str, name: str, **values: Any) -> str:
    """The template ``name`` of ``package`` filled with ``values``.

    >>> page = render("microdrama.formats", "series.html.j2", language="en", title="Tom & 'Jerry'",
    ...               style=Markup("b{}"), title_page=[], logline="", contents_label="Episodes", episodes=[])
    >>> "<title>Tom &amp; &#x27;Jerry&#x27;</title>" in page, "<style>b{}</style>" in page
    (True, True)
    """
    return environment(package).get_template(name).render(**values)
