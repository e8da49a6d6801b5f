"""Signing in and out, changing one's password, and who is signed in (`g.user`) for every request.

The session is Flask's signed cookie holding the account id and a stamp of its password hash; the account
is read again on every request, so a disabled account or a reset password ends its sessions at once.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from flask import Blueprint, Flask, abort, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from archive import accounts as account_store
from archive.accounts import AccountError, UnknownUser
from service import NotFound, accounts
from webui.access import current_user, members_only, public
from webui.service_access import service

bp = Blueprint("auth", __name__)
LOGIN_ERROR = "Unknown e-mail or wrong password."  # the same words whichever of the two was wrong


def load_user() -> None:
    """`before_request`: put the signed-in, enabled account on `g.user` (or None)."""
    g.user = None
    uid = session.get("uid")
    if not isinstance(uid, int):
        return
    conn = service().connection()
    try:
        user = account_store.get_user(conn, uid)
    except UnknownUser:
        user = None
    if user is None or user.disabled or session.get("stamp") != account_store.credential_stamp(conn, uid):
        session.clear()
        return
    g.user = user


def hide_drafts() -> None:
    """`before_request`: a draft document does not exist for anyone who may not review it."""
    doc_id = (request.view_args or {}).get("doc_id")
    if not doc_id or request.blueprint == "staff":
        return
    user = current_user()
    if user is None and members_only():
        return  # the read-access check sends them to sign in, without saying whether the id exists
    if user is not None and user.can("review"):
        return
    try:
        doc = service().get(doc_id, with_text=False)
    except NotFound:
        return  # the view itself answers 404
    if doc.status == "draft":
        raise NotFound(doc_id)


def require(permission: str):
    """Decorator: the signed-in user must hold `permission` (anonymous → login page, others → 403)."""

    def decorator(view: Any) -> Any:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            denied = check_permission(permission)
            return denied if denied is not None else view(*args, **kwargs)

        return wrapper

    return decorator


def check_permission(permission: str) -> ResponseReturnValue | None:
    user = current_user()
    if user is None:
        if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not user.can(permission):
        abort(403)
    return None


def _safe_next(target: str | None) -> str:
    """Only a path on this site: `//evil.example` or `https://…` would make the login an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("search.home")


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> ResponseReturnValue:
    """The sign-in form; the same error whether the e-mail is unknown or the password wrong."""
    error = None
    if request.method == "POST":
        form = request.form
        user = accounts.authenticate(service(), form.get("email", ""), form.get("password", ""))
        if user is not None:
            session.clear()  # a fresh session: no fixation of a cookie set before signing in
            session["uid"] = user.id
            session["stamp"] = account_store.credential_stamp(service().connection(), user.id)
            return redirect(_safe_next(request.args.get("next")))
        error = _(LOGIN_ERROR)
    status = 401 if error else 200
    return render_template("auth_login.html", error=error, email=request.form.get("email", ""),
                           members_only=members_only()), status


@bp.route("/logout", methods=["POST"])
@public
def logout() -> ResponseReturnValue:
    """Forget the session."""
    session.clear()
    return redirect(url_for("search.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@require("read")
def password() -> ResponseReturnValue:
    """Change one's own password (the current one is asked again)."""
    error = None
    if request.method == "POST":
        new, repeat = request.form.get("new", ""), request.form.get("repeat", "")
        user = current_user()
        try:
            if new != repeat:
                error = _("The two new passwords differ.")
            elif not accounts.change_password(service(), user.email, request.form.get("current", ""), new):
                error = _("The current password is wrong.")
        except AccountError as exc:
            error = str(exc)
        if error is None:
            session["stamp"] = account_store.credential_stamp(service().connection(), user.id)
            flash(_("Your password has been changed."))
            return redirect(url_for("auth.password"))
    return render_template("auth_password.html", error=error), 400 if error else 200


def init_app(app: Flask) -> None:
    """Register the hooks (before the read-access check) and the login rate limit."""
    from webui import security

    app.before_request(load_user)
    app.before_request(hide_drafts)
    app.register_blueprint(bp)
    security.limit_login(app, "auth.login")
    app.context_processor(lambda: {"current_user": current_user()})
