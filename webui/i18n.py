"""Languages: Vietnamese by default, English on request (`/lang/en`), kept in a cookie.

Messages are English msgids translated in `translations/<lang>/LC_MESSAGES/messages.po`; the `.mo` files
are compiled from them by `python -m webui.translations_build` and shipped. Dates follow the reader's
language: `ngày 5 tháng 3 năm 1998` / `5/3/1998` in Vietnamese, `5 March 1998` in English.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date
from babel.support import NullTranslations
from flask import Blueprint, Flask, g, redirect, request
from flask.typing import ResponseReturnValue
from flask_babel import Babel, get_locale, get_translations

from webui.access import public

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT = "vi"
COOKIE = "lang"
ONE_YEAR = 365 * 24 * 3600

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """`?lang=` for one request, else the cookie, else Vietnamese."""
    for value in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if value in LANGUAGES:
            return value
    return DEFAULT


def language() -> str:
    return str(get_locale() or DEFAULT)


@bp.route("/lang/<code>")
@public
def set_language(code: str) -> ResponseReturnValue:
    """Remember the language and go back to the page the reader was on."""
    target = request.args.get("next") or "/"
    if not target.startswith("/") or target.startswith("//"):
        target = "/"  # only our own pages: never an open redirect
    response = redirect(target)
    if code in LANGUAGES:
        response.set_cookie(COOKIE, code, max_age=ONE_YEAR, samesite="Lax")
    return response


def _as_date(value: str | date | None) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value)).date()
    except ValueError:
        return None


def format_day(value: str | date | None, style: str = "long") -> str:
    """An ISO date for the reader: `ngày 5 tháng 3 năm 1998` (vi, long), `05/03/1998` (vi, short)."""
    day = _as_date(value)
    if day is None:
        return str(value or "")
    if language() == "vi":
        if style == "short":
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        return f"ngày {day.day} tháng {day.month} năm {day.year}"
    return format_date(day, "d MMMM y" if style == "long" else "dd/MM/y", locale="en")


def format_number(value: int | float) -> str:
    """Thousands grouped the reader's way: `12.345` in Vietnamese, `12,345` in English."""
    return group_digits(value, language())


_VIETNAMESE_MARKS = str.maketrans({",": ".", ".": ","})


def group_digits(value: int | float, lang: str) -> str:
    """`format_number` in the language `lang`, for a page that formats many numbers."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return text.translate(_VIETNAMESE_MARKS) if lang == "vi" else text


def translations() -> NullTranslations:
    """The reader's message catalogue, looked up once per request: Flask-Babel's template functions look
    the locale and its catalogue up again for every message (a dozen context lookups each), and a
    results page translates some thirty."""
    found = g.get("catalogue")
    if found is None:
        found = g.catalogue = get_translations()
    return found


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale, default_locale=DEFAULT)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.filters["day"] = format_day
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, language=language)
