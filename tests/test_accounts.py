"""Accounts and the audit log on a real catalog: hashing, roles, disabling, uniform verification."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive import accounts, audit
from archive.catalog import Catalog


@pytest.fixture
def conn(tmp_path: Path):
    catalog = Catalog(tmp_path / "catalog.sqlite")
    yield catalog.conn
    catalog.close()


def test_add_stores_only_a_scrypt_hash(conn):
    user, password = accounts.add_user(conn, "  Lan.Nguyen@Example.ORG ", "staff", password="mật khẩu dài 1")
    assert (user.email, user.role, user.disabled) == ("lan.nguyen@example.org", "staff", False)
    assert password == "mật khẩu dài 1"
    stored = conn.execute("SELECT password_hash FROM users WHERE id = ?", (user.id,)).fetchone()[0]
    assert stored.startswith("scrypt:")
    assert "mật khẩu" not in stored


def test_generated_password_is_returned_once_and_works(conn):
    user, password = accounts.add_user(conn, "a@example.org", "member")
    assert len(password) >= accounts.MIN_PASSWORD_LENGTH
    assert accounts.verify(conn, "A@example.org", password) == user
    _, other = accounts.add_user(conn, "b@example.org", "member")
    assert other != password


@pytest.mark.parametrize(("email", "role", "password", "error", "message"), [
    ("not-an-email", "member", "long enough pw", accounts.InvalidEmail,
     "'not-an-email' is not an e-mail address"),
    ("a@example.org", "owner", "long enough pw", accounts.InvalidRole,
     "role should be one of member, staff, admin, not 'owner'"),
    ("a@example.org", "member", "short", accounts.WeakPassword,
     "the password should have at least 10 characters"),
])
def test_add_refuses_bad_input_with_a_clear_message(conn, email, role, password, error, message):
    with pytest.raises(error) as info:
        accounts.add_user(conn, email, role, password=password)
    assert str(info.value) == message
    assert conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0


def test_duplicate_email_is_refused(conn):
    accounts.add_user(conn, "a@example.org", "member", password="first password")
    with pytest.raises(accounts.UserExists, match="an account for a@example.org already exists"):
        accounts.add_user(conn, "A@EXAMPLE.org", "staff", password="second password")
    assert accounts.verify(conn, "a@example.org", "first password").role == "member"


def test_verify_is_uniform_for_unknown_wrong_and_disabled(conn):
    accounts.add_user(conn, "a@example.org", "staff", password="right password")
    assert accounts.verify(conn, "nobody@example.org", "right password") is None
    assert accounts.verify(conn, "a@example.org", "wrong password") is None
    assert accounts.verify(conn, "a@example.org", "") is None
    accounts.set_disabled(conn, "a@example.org")
    assert accounts.verify(conn, "a@example.org", "right password") is None
    accounts.set_disabled(conn, "a@example.org", False)
    assert accounts.verify(conn, "a@example.org", "right password").email == "a@example.org"


def test_set_role_reset_password_and_list(conn):
    accounts.add_user(conn, "b@example.org", "member", password="b password 1")
    accounts.add_user(conn, "a@example.org", "member", password="a password 1")
    assert accounts.set_role(conn, "b@example.org", "admin").role == "admin"
    new = accounts.set_password(conn, "a@example.org")
    assert accounts.verify(conn, "a@example.org", "a password 1") is None
    assert accounts.verify(conn, "a@example.org", new) is not None
    assert [(u.email, u.role) for u in accounts.list_users(conn)] == [
        ("a@example.org", "member"), ("b@example.org", "admin")]
    with pytest.raises(accounts.UnknownUser, match="no account for c@example.org"):
        accounts.set_role(conn, "c@example.org", "staff")


@pytest.mark.parametrize(("role", "allowed", "refused"), [
    ("member", {"read", "download"}, {"upload", "publish", "manage_users"}),
    ("staff", {"read", "upload", "edit", "review", "publish"}, {"manage_users"}),
    ("admin", {"read", "publish", "manage_users"}, set()),
])
def test_permissions_by_role(role, allowed, refused):
    user = accounts.User(1, "x@example.org", role, False, "2026-01-01T00:00:00+00:00")
    assert all(user.can(p) for p in allowed)
    assert not any(user.can(p) for p in refused)
    disabled = accounts.User(1, "x@example.org", role, True, "2026-01-01T00:00:00+00:00")
    assert not disabled.can("read")


def test_audit_entries_filter_and_order(conn):
    audit.record(conn, "a@example.org", "edit", "doc1", {"title": ["Cũ", "Mới"]})
    audit.record(conn, "b@example.org", "publish", "doc1", {})
    audit.record(conn, "a@example.org", "publish", "doc2", {})
    assert [e.action for e in audit.entries(conn, doc_id="doc1")] == ["publish", "edit"]
    assert [e.doc_id for e in audit.entries(conn, user="a@example.org")] == ["doc2", "doc1"]
    assert audit.entries(conn, action="edit")[0].detail == {"title": ["Cũ", "Mới"]}
    with pytest.raises(ValueError, match="unknown audit action 'hack'"):
        audit.record(conn, None, "hack")


# --- the `vnarchive user` commands ----------------------------------------------------------------

def _run(*args: str, input: str | None = None):
    from click.testing import CliRunner

    from cli.main import cli

    return CliRunner().invoke(cli, ["user", *args], input=input)


def _db(home: Path):
    catalog = Catalog(home / "catalog.sqlite")
    return catalog.conn


def test_cli_add_generated_password_is_printed_once_and_verifies(home):
    result = _run("add", "Lan@Example.org", "--role", "staff", "--generate")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "created staff account lan@example.org"
    password = lines[1].removeprefix("password (shown once): ")
    assert accounts.verify(_db(home), "lan@example.org", password).role == "staff"
    logged = audit.entries(_db(home), action="user_add")[0]
    assert logged.detail == {"email": "lan@example.org", "role": "staff"}


def test_cli_add_prompts_for_the_password_twice(home):
    result = _run("add", "b@example.org", input="mật khẩu mới 1\nmật khẩu mới 1\n")
    assert result.exit_code == 0, result.output
    assert "shown once" not in result.output
    assert accounts.verify(_db(home), "b@example.org", "mật khẩu mới 1").role == "member"


def test_cli_errors_are_one_line(home):
    _run("add", "b@example.org", "--generate")
    assert _run("add", "b@example.org", "--generate").output == (
        "Error: an account for b@example.org already exists\n")
    assert _run("set-role", "x@example.org", "admin").output == "Error: no account for x@example.org\n"
    assert _run("add", "bad", "--generate").output == "Error: 'bad' is not an e-mail address\n"
    short = _run("add", "c@example.org", input="short\nshort\n")
    assert short.exit_code == 1
    assert short.output.endswith("Error: the password should have at least 10 characters\n")


def test_cli_list_set_role_disable_reset(home):
    _run("add", "b@example.org", "--generate")
    _run("add", "a@example.org", "--role", "staff", "--generate")
    assert _run("set-role", "b@example.org", "admin").output == "b@example.org is now admin\n"
    assert _run("disable", "a@example.org").output == "a@example.org is disabled\n"
    listed = json.loads(_run("list", "--json").output)
    assert [(u["email"], u["role"], u["disabled"]) for u in listed] == [
        ("a@example.org", "staff", True), ("b@example.org", "admin", False)]
    reset = _run("reset-password", "b@example.org", "--generate")
    password = reset.output.splitlines()[1].removeprefix("password (shown once): ")
    assert accounts.verify(_db(home), "b@example.org", password) is not None
    assert _run("disable", "a@example.org", "--enable").output == "a@example.org is enabled\n"
    table = _run("list").output.splitlines()
    assert table[0].split()[:3] == ["a@example.org", "staff", "active"]
    actions = [e.action for e in audit.entries(_db(home))]
    assert actions == ["user_enable", "user_password", "user_disable", "user_role", "user_add", "user_add"]


def test_has_staff_counts_only_enabled_staff_and_admins(home):
    from archive.settings import Settings
    from service import Service
    from service import accounts as account_service

    svc = Service(Settings({"home": str(home)}))
    assert not account_service.has_staff(svc)
    account_service.add(svc, "m@example.org", "member", "member password")
    assert not account_service.has_staff(svc)
    account_service.add(svc, "s@example.org", "staff", "staff password")
    assert account_service.has_staff(svc)
    account_service.disable(svc, "s@example.org")
    assert not account_service.has_staff(svc)


def test_the_last_enabled_admin_cannot_be_demoted_or_disabled(conn):
    accounts.add_user(conn, "root@example.org", "admin", password="root password")
    for change in (lambda: accounts.set_role(conn, "root@example.org", "staff"),
                   lambda: accounts.set_disabled(conn, "root@example.org")):
        with pytest.raises(accounts.LastAdmin, match="root@example.org is the last enabled admin"):
            change()
    assert accounts.get_user(conn, "root@example.org").can("manage_users")
    accounts.add_user(conn, "second@example.org", "admin", password="second password")
    assert accounts.set_role(conn, "root@example.org", "staff").role == "staff"
    with pytest.raises(accounts.LastAdmin):
        accounts.set_disabled(conn, "second@example.org")
