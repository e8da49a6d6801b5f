"""What the pages call facet fields and values: `type` is "Document type" ("Loại văn bản"), the decade
`1990s` is "the 1990s" ("thập niên 1990").

Functions, not Jinja macros: a results page names about a hundred facet values, and a macro call costs
ten times a function call.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext

FIELD_LABELS = {
    "year": lazy_gettext("Year"),
    "decade": lazy_gettext("Decade"),
    "type": lazy_gettext("Document type"),
    "source": lazy_gettext("Source"),
    "format": lazy_gettext("File format"),
    "encoding": lazy_gettext("Original encoding"),
    "collection": lazy_gettext("Collection"),
}


def field_label(name: str) -> str:
    """The facet field's name in the reader's language (an unknown field as it is)."""
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else name


def facet_value(field: str, value: object) -> str:
    """A facet value as shown: decades as "the 1990s", everything else as it is."""
    if field == "decade":
        return _("the %(decade)ss", decade=str(value).replace("s", ""))
    return str(value)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(field_label=field_label, facet_value=facet_value)
