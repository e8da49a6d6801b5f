"""Admin pages under `/staff/users`: list accounts, add one, change its role, disable or re-enable it,
reset its password.

Every route needs the `manage_users` permission (admins); every change goes through `service.accounts`,
which records it in the audit log under the admin's e-mail. A generated password is shown once, in the
response to the form that made it, never in a flash message (those travel in the session cookie). The
last enabled admin cannot be demoted or disabled. `Accept: application/json` gives the JSON twin.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from archive import accounts as store
from service import accounts
from webui.access import current_user
from webui.auth import check_permission
from webui.errors import wants_json
from webui.service_access import service

bp = Blueprint("users", __name__, url_prefix="/staff/users")


@bp.before_request
def admins_only() -> ResponseReturnValue | None:
    return check_permission("manage_users")


@bp.route("/")
def index() -> ResponseReturnValue:
    """Every account with its role and state, and the form to add one."""
    return _page()


@bp.route("/", methods=["POST"])
def add() -> ResponseReturnValue:
    """Create an account; an empty password field means "generate one and show it once"."""
    password = request.form.get("password") or None
    user, password = accounts.add(service(), request.form.get("email", ""), request.form.get("role", ""),
                                  password, by=current_user().email)
    generated = password if not request.form.get("password") else None
    return _page(_("Account %(email)s created.", email=user.email), user.email, generated, status=201)


@bp.route("/<int:user_id>/role", methods=["POST"])
def set_role(user_id: int) -> ResponseReturnValue:
    role = request.form.get("role", "")
    user = accounts.set_role(service(), _email(user_id), role, by=current_user().email)
    return _done(_("%(email)s is now %(role)s.", email=user.email, role=_role_names()[user.role]))


@bp.route("/<int:user_id>/disable", methods=["POST"])
def disable(user_id: int) -> ResponseReturnValue:
    """Disable an account: it cannot sign in and its open sessions stop working."""
    user = accounts.disable(service(), _email(user_id), True, by=current_user().email)
    return _done(_("%(email)s is disabled.", email=user.email))


@bp.route("/<int:user_id>/enable", methods=["POST"])
def enable(user_id: int) -> ResponseReturnValue:
    user = accounts.disable(service(), _email(user_id), False, by=current_user().email)
    return _done(_("%(email)s is enabled again.", email=user.email))


@bp.route("/<int:user_id>/password", methods=["POST"])
def reset_password(user_id: int) -> ResponseReturnValue:
    """Generate a new password (ending the account's sessions) and show it once."""
    email = _email(user_id)
    password = accounts.reset_password(service(), email, by=current_user().email)
    return _page(_("New password for %(email)s.", email=email), email, password)


@bp.errorhandler(store.AccountError)
def refused(exc: store.AccountError) -> ResponseReturnValue:
    """A change that cannot be made: say why in the reader's language, change nothing."""
    status = 404 if isinstance(exc, store.UnknownUser) else 400
    if wants_json():
        return {"error": "invalid", "message": str(exc), "status": status}, status
    return _page(error=_reason(exc), status=status)


def _page(message: str | None = None, email: str | None = None, password: str | None = None,
          error: str | None = None, status: int = 200) -> ResponseReturnValue:
    users = accounts.list_all(service())
    if wants_json():
        body: dict = {"users": [u.to_dict() for u in users]}
        if password:
            body["password"] = {"email": email, "password": password}
        return body, status
    return render_template("staff_users.html", users=users, roles=_role_names(), message=message,
                           shown_email=email, shown_password=password, error=error,
                           me=current_user().email), status


def _done(message: str) -> ResponseReturnValue:
    if wants_json():
        return _page()
    flash(message)
    return redirect(url_for("users.index"))


def _email(user_id: int) -> str:
    return accounts.get(service(), user_id).email


def _role_names() -> dict[str, str]:
    """Each role, in the order of `ROLES`, with its name in the reader's language."""
    names = {"member": _("member"), "staff": _("staff"), "admin": _("admin")}
    return {role: names[role] for role in store.ROLES}


def _reason(exc: store.AccountError) -> str:
    """The refusal in the reader's language (the exception's text is the English one for the CLI)."""
    reasons = {
        store.LastAdmin: _("This is the last enabled admin: make another admin first."),
        store.WeakPassword: _("The password should have at least %(n)d characters.",
                              n=store.MIN_PASSWORD_LENGTH),
        store.UserExists: _("An account with this e-mail already exists."),
        store.InvalidEmail: _("That is not an e-mail address."),
        store.InvalidRole: _("Choose a role: member, staff or admin."),
        store.UnknownUser: _("There is no such account."),
    }
    return reasons.get(type(exc), str(exc))
