"""The sandbox that renders template bodies written by administrators.

A body is Django template language, but it runs in its own ``Engine``: no loaders (no
``{% include %}``/``{% extends %}``: nothing can be read from disk), no libraries to ``{% load %}``,
autoescaping always on (no ``{% autoescape off %}``, no ``|safe``), and only the tags and filters
listed below. The context is frozen plain data (``freeze``): read-only mappings, tuples,
strings, numbers and dates — never model instances — so a placeholder cannot call a method
with side effects (``{{ case.delete }}`` finds nothing to call).
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping
from types import MappingProxyType

from django.template import (
    Context,
    Engine,
    Library,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.utils import formats, translation

register = Library()

ALLOWED_TAGS = (
    "comment",
    "cycle",
    "firstof",
    "for",
    "if",
    "ifchanged",
    "now",
    "regroup",
    "spaceless",
    "with",
)
ALLOWED_FILTERS = (
    "add",
    "capfirst",
    "cut",
    "date",
    "default",
    "default_if_none",
    "divisibleby",
    "escape",
    "first",
    "floatformat",
    "force_escape",
    "join",
    "last",
    "length",
    "linebreaks",
    "linebreaksbr",
    "lower",
    "pluralize",
    "slice",
    "stringformat",
    "time",
    "title",
    "truncatechars",
    "truncatewords",
    "upper",
    "wordcount",
    "yesno",
)

for _name in ALLOWED_TAGS:
    register.tag(_name, defaulttags.register.tags[_name])
for _name in ALLOWED_FILTERS:
    register.filter(_name, defaultfilters.register.filters[_name])

LONG_DATE = {
    "es": "j \\d\\e F \\d\\e Y",
    "en": "F j, Y",
    "fr": "j F Y",
}


@register.filter(name="long_date", is_safe=False)
def long_date(value) -> str:
    """A date written out in the document's language: "3 de diciembre de 2026"."""
    if not isinstance(value, datetime.date):
        return value
    language = (translation.get_language() or "es")[:2]
    return formats.date_format(value, LONG_DATE.get(language, LONG_DATE["es"]))


class SandboxEngine(Engine):
    # Django adds its default builtins (every default tag and filter, include, extends) to
    # any Engine; this one has only ours.
    default_builtins: list[str] = []


ENGINE = SandboxEngine(
    dirs=[],
    app_dirs=False,
    loaders=[("django.template.loaders.locmem.Loader", {})],
    libraries={},
    builtins=["cases.documents.sandbox"],
    autoescape=True,
    string_if_invalid="",
    debug=False,
)

PLAIN = (str, int, float, bool, decimal.Decimal, datetime.date, datetime.time, type(None))


def freeze(value):
    """Plain, read-only data for a template: mappings become read-only views, sequences
    tuples; anything else that is not a plain value becomes its text."""
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, Mapping):
        return MappingProxyType({str(key): freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(freeze(item) for item in value)
    return str(value)


def compile_body(body: str):
    """Compile a body, raising ``TemplateSyntaxError`` for anything outside the sandbox."""
    return ENGINE.from_string(body)


def render_body(body: str, context: dict, *, language: str) -> str:
    """Render a body with frozen ``context`` in ``language`` (dates, number formats)."""
    template = compile_body(body)
    with translation.override(language):
        return template.render(Context(freeze(context), autoescape=True))


def body_errors(body: str) -> list[str]:
    """The syntax errors of a body, for the form (empty when it compiles)."""
    try:
        compile_body(body)
    except TemplateSyntaxError as error:
        return [str(error)]
    return []
