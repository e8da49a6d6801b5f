"""Accounts: members read, staff also feed the archive, admins also manage accounts.

Works on the catalog's `users` table (id, email, password_hash, role, disabled, created_at) through a plain
`sqlite3.Connection`; passwords are stored only as werkzeug scrypt hashes.

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:")
>>> _ = conn.execute(
...     "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,"
...     " role TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)")
>>> user, password = add_user(conn, "Lan@Example.org", "staff", password="correct horse 1")
>>> user.email, user.role, password
('lan@example.org', 'staff', 'correct horse 1')
>>> verify(conn, "lan@example.org", "correct horse 1").can("publish")
True
>>> verify(conn, "lan@example.org", "wrong") is None
True
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from werkzeug.security import check_password_hash, generate_password_hash

ROLES = ("member", "staff", "admin")
# What each role may do; a higher role has everything of the lower ones.
PERMISSIONS: dict[str, frozenset[str]] = {
    "member": frozenset({"read", "download"}),
    "staff": frozenset({"read", "download", "upload", "edit", "review", "publish"}),
    "admin": frozenset({"read", "download", "upload", "edit", "review", "publish", "manage_users"}),
}
MIN_PASSWORD_LENGTH = 10
HASH_METHOD = "scrypt"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked when the e-mail is unknown so that a login takes as long as a wrong password does.
_DUMMY_HASH = generate_password_hash("not a real password", method=HASH_METHOD)


class AccountError(ValueError):
    """An account operation cannot be done; the message says why."""


class InvalidEmail(AccountError):
    """The address is not an e-mail address."""


class InvalidRole(AccountError):
    """The role is not member, staff or admin."""


class WeakPassword(AccountError):
    """The password is too short."""


class UserExists(AccountError):
    """An account with this e-mail already exists."""


class UnknownUser(AccountError):
    """No account has this e-mail or id."""


class LastAdmin(AccountError):
    """The change would leave no enabled admin, so nobody could manage accounts from the web any more."""


@dataclass(frozen=True)
class User:
    """An account as the rest of the code sees it (never with its hash)."""

    id: int
    email: str
    role: str
    disabled: bool
    created_at: str

    def can(self, permission: str) -> bool:
        """Whether this (enabled) account holds `permission` ("read", "upload", "manage_users" …)."""
        return not self.disabled and permission in PERMISSIONS.get(self.role, frozenset())

    def to_dict(self) -> dict:
        return {"id": self.id, "email": self.email, "role": self.role, "disabled": self.disabled,
                "created_at": self.created_at}


def normalize_email(email: str) -> str:
    """Trimmed, lower-case e-mail; raises `InvalidEmail` when it does not look like one."""
    cleaned = (email or "").strip().lower()
    if not _EMAIL.match(cleaned) or len(cleaned) > 254:
        raise InvalidEmail(f"{email!r} is not an e-mail address")
    return cleaned


def generate_password() -> str:
    """A random password to print once: 16 URL-safe characters (about 96 bits)."""
    return secrets.token_urlsafe(12)


def add_user(conn: sqlite3.Connection, email: str, role: str = "member",
             password: str | None = None) -> tuple[User, str]:
    """Create an account; returns it with the password (generated when none is given)."""
    email = normalize_email(email)
    _check_role(role)
    password = generate_password() if password is None else password
    _check_password(password)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        with conn:
            cur = conn.execute(
                "INSERT INTO users (email, password_hash, role, disabled, created_at) VALUES (?, ?, ?, 0, ?)",
                (email, generate_password_hash(password, method=HASH_METHOD), role, now))
    except sqlite3.IntegrityError:
        raise UserExists(f"an account for {email} already exists") from None
    return User(cur.lastrowid, email, role, False, now), password


def list_users(conn: sqlite3.Connection) -> list[User]:
    """Every account, ordered by e-mail."""
    rows = conn.execute("SELECT id, email, role, disabled, created_at FROM users ORDER BY email").fetchall()
    return [_user(row) for row in rows]


def get_user(conn: sqlite3.Connection, key: int | str) -> User:
    """The account with this id (int) or e-mail (str); raises `UnknownUser`."""
    if isinstance(key, int):
        row = conn.execute("SELECT id, email, role, disabled, created_at FROM users WHERE id = ?",
                           (key,)).fetchone()
    else:
        row = conn.execute("SELECT id, email, role, disabled, created_at FROM users WHERE email = ?",
                           (key.strip().lower(),)).fetchone()
    if row is None:
        raise UnknownUser(f"no account for {key}")
    return _user(row)


def set_role(conn: sqlite3.Connection, email: str, role: str) -> User:
    """Give the account another role."""
    _check_role(role)
    user = get_user(conn, email)
    if role != "admin":
        _keep_an_admin(conn, user)
    with conn:
        conn.execute("UPDATE users SET role = ? WHERE id = ?", (role, user.id))
    return get_user(conn, user.id)


def set_disabled(conn: sqlite3.Connection, email: str, disabled: bool = True) -> User:
    """Disable (or re-enable) an account: a disabled account cannot sign in and its sessions stop working."""
    user = get_user(conn, email)
    if disabled:
        _keep_an_admin(conn, user)
    with conn:
        conn.execute("UPDATE users SET disabled = ? WHERE id = ?", (int(disabled), user.id))
    return get_user(conn, user.id)


def set_password(conn: sqlite3.Connection, email: str, password: str | None = None) -> str:
    """Replace the password (generated when none is given) and return it."""
    password = generate_password() if password is None else password
    _check_password(password)
    user = get_user(conn, email)
    with conn:
        conn.execute("UPDATE users SET password_hash = ? WHERE id = ?",
                     (generate_password_hash(password, method=HASH_METHOD), user.id))
    return password


def credential_stamp(conn: sqlite3.Connection, user_id: int) -> str | None:
    """A short fingerprint of the account's password hash, kept in the session cookie: a new password
    changes it, which ends every session opened before (a stolen cookie stops working)."""
    row = conn.execute("SELECT password_hash FROM users WHERE id = ?", (user_id,)).fetchone()
    if row is None:
        return None
    return hashlib.sha256(row[0].encode()).hexdigest()[:24]


def verify(conn: sqlite3.Connection, email: str, password: str) -> User | None:
    """The enabled account whose password this is, else None — the same answer (and about the same time)
    for an unknown e-mail, a wrong password and a disabled account."""
    row = conn.execute(
        "SELECT id, email, role, disabled, created_at, password_hash FROM users WHERE email = ?",
        ((email or "").strip().lower(),)).fetchone()
    stored = row[5] if row else _DUMMY_HASH
    matches = check_password_hash(stored, password or "")
    if row is None or not matches or row[3]:
        return None
    return _user(row[:5])


def _user(row: tuple) -> User:
    return User(int(row[0]), row[1], row[2], bool(row[3]), row[4])


def _keep_an_admin(conn: sqlite3.Connection, user: User) -> None:
    """Refuse to demote or disable the last enabled admin (another admin can be made first)."""
    if user.role != "admin" or user.disabled:
        return
    others = conn.execute("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?",
                          (user.id,)).fetchone()[0]
    if not others:
        raise LastAdmin(f"{user.email} is the last enabled admin: make another admin first")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidRole(f"role should be one of {', '.join(ROLES)}, not {role!r}")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"the password should have at least {MIN_PASSWORD_LENGTH} characters")
