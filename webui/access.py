"""The one read-access check point for every route.

In `access = public` anyone reads. In `access = members` an anonymous visitor is sent to `/login` (HTML)
or gets a 401 JSON error (`/api/*`). Who is signed in is not decided here: the accounts layer sets
`g.user` in a `before_request` hook registered before this one (`init_app` runs after the blueprints),
and marks its own login views `@public`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import Flask, current_app, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from webui.errors import render_error

F = TypeVar("F", bound=Callable[..., Any])
LOGIN_ENDPOINT = "auth.login"
# Endpoints anyone may reach in members mode: assets, the language switch, the OpenSearch description.
ALWAYS_PUBLIC = {"static", "i18n.set_language", "search.opensearch"}


def public(view: F) -> F:
    """Mark a view readable without signing in, whatever the access setting."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def current_user() -> Any | None:
    """The signed-in user set by the accounts layer, or None."""
    return g.get("user")


def members_only() -> bool:
    return current_app.config["SETTINGS"].access == "members"


def check_read_access() -> ResponseReturnValue | None:
    """`before_request`: let the request through, or answer 401 JSON / redirect to the login page."""
    if not members_only() or current_user() is not None:
        return None
    endpoint = request.endpoint or ""
    view = current_app.view_functions.get(endpoint)
    if endpoint in ALWAYS_PUBLIC or getattr(view, "is_public", False):
        return None
    if request.path.startswith("/api/"):
        return render_error(401, "unauthorized", _("Sign in to read this archive."))
    target = request.full_path.rstrip("?")
    if LOGIN_ENDPOINT in current_app.view_functions:
        return redirect(url_for(LOGIN_ENDPOINT, next=target))
    return redirect("/login?" + urlencode({"next": target}))


def init_app(app: Flask) -> None:
    app.before_request(check_read_access)
