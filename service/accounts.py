"""Account management as the CLI and the web UI call it: every change is written to the audit log.

`by` is the e-mail of whoever makes the change (None for the command line run by the operator).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive import accounts, audit
from archive.accounts import AccountError, User

if TYPE_CHECKING:
    from service import Service

__all__ = ["AccountError", "User", "add", "authenticate", "change_password", "disable", "get", "list_all",
           "reset_password", "set_role"]


def add(svc: Service, email: str, role: str = "member", password: str | None = None,
        by: str | None = None) -> tuple[User, str]:
    """Create an account; returns it with its password (generated when none is given)."""
    conn = svc.connection()
    user, password = accounts.add_user(conn, email, role, password)
    audit.record(conn, by, "user_add", None, {"email": user.email, "role": role})
    return user, password


def list_all(svc: Service) -> list[User]:
    return accounts.list_users(svc.connection())


def has_staff(svc: Service) -> bool:
    """Whether any enabled account may review and publish (`serve` says how to make one when not)."""
    return any(u.can("review") for u in accounts.list_users(svc.connection()))


def get(svc: Service, key: int | str) -> User:
    return accounts.get_user(svc.connection(), key)


def set_role(svc: Service, email: str, role: str, by: str | None = None) -> User:
    conn = svc.connection()
    before = accounts.get_user(conn, email)
    user = accounts.set_role(conn, email, role)
    audit.record(conn, by, "user_role", None, {"email": user.email, "role": [before.role, role]})
    return user


def disable(svc: Service, email: str, disabled: bool = True, by: str | None = None) -> User:
    conn = svc.connection()
    user = accounts.set_disabled(conn, email, disabled)
    audit.record(conn, by, "user_disable" if disabled else "user_enable", None, {"email": user.email})
    return user


def reset_password(svc: Service, email: str, password: str | None = None, by: str | None = None) -> str:
    """Give the account a new password (generated when none is given) and return it."""
    conn = svc.connection()
    password = accounts.set_password(conn, email, password)
    audit.record(conn, by, "user_password", None, {"email": email.strip().lower()})
    return password


def change_password(svc: Service, email: str, current: str, new: str) -> bool:
    """A signed-in user's own change: False (nothing changed) when `current` is not their password."""
    conn = svc.connection()
    if accounts.verify(conn, email, current) is None:
        return False
    accounts.set_password(conn, email, new)
    audit.record(conn, email, "user_password", None, {"email": email})
    return True


def authenticate(svc: Service, email: str, password: str) -> User | None:
    """The account for a login form, or None; failures are logged without saying which part was wrong."""
    conn = svc.connection()
    user = accounts.verify(conn, email, password)
    if user is None:
        audit.record(conn, None, "login_failed", None, {"email": (email or "")[:254]})
    else:
        audit.record(conn, user.email, "login", None, {})
    return user
