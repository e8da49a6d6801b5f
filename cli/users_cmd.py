"""`vnarchive user …`: member, staff and admin accounts (add, list, set-role, disable, reset-password)."""

from __future__ import annotations

import json

import click

from archive.accounts import ROLES, AccountError
from archive.settings import SettingError, Settings
from cli.errors import one_line_errors
from service import Service
from service import accounts as account_service


def _service() -> Service:
    return Service(Settings())


_errors = one_line_errors(AccountError, SettingError)


def _new_password(generate: bool) -> str | None:
    """None (generate one) or the password typed twice at the prompt."""
    if generate:
        return None
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.group("user")
def user() -> None:
    """Manage accounts: members read, staff also upload and publish, admins also manage accounts.

    \b
    Example:
        vnarchive user add lan@example.org --role staff --generate
        vnarchive user list --json
    """


@user.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
@click.option("--generate", is_flag=True, help="Generate a password and print it once instead of prompting.")
@_errors
def add(email: str, role: str, generate: bool) -> None:
    """Create an account.

    \b
    Example:
        vnarchive user add lan@example.org --role staff
    """
    created, password = account_service.add(_service(), email, role, _new_password(generate))
    click.echo(f"created {created.role} account {created.email}")
    if generate:
        click.echo(f"password (shown once): {password}")


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_errors
def list_(as_json: bool) -> None:
    """List accounts with their role and state.

    \b
    Example:
        vnarchive user list --json
    """
    users = account_service.list_all(_service())
    if as_json:
        click.echo(json.dumps([u.to_dict() for u in users], ensure_ascii=False, indent=2))
        return
    for u in users:
        click.echo(f"{u.email:40} {u.role:7} {'disabled' if u.disabled else 'active':8} {u.created_at}")


@user.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
@_errors
def set_role(email: str, role: str) -> None:
    """Give an account another role.

    \b
    Example:
        vnarchive user set-role lan@example.org admin
    """
    changed = account_service.set_role(_service(), email, role)
    click.echo(f"{changed.email} is now {changed.role}")


@user.command("disable")
@click.argument("email")
@click.option("--enable", is_flag=True, help="Re-enable a disabled account instead.")
@_errors
def disable(email: str, enable: bool) -> None:
    """Disable an account: it can no longer sign in, and its open sessions stop working.

    \b
    Example:
        vnarchive user disable lan@example.org
    """
    changed = account_service.disable(_service(), email, not enable)
    click.echo(f"{changed.email} is {'disabled' if changed.disabled else 'enabled'}")


@user.command("reset-password")
@click.argument("email")
@click.option("--generate", is_flag=True, help="Generate a password and print it once instead of prompting.")
@_errors
def reset_password(email: str, generate: bool) -> None:
    """Set a new password for an account.

    \b
    Example:
        vnarchive user reset-password lan@example.org --generate
    """
    svc = _service()
    account_service.get(svc, email)  # fail before prompting when the account does not exist
    password = account_service.reset_password(svc, email, _new_password(generate))
    click.echo(f"password of {email.strip().lower()} changed")
    if generate:
        click.echo(f"password (shown once): {password}")


COMMANDS: list = [user]
