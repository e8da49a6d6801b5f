"""Account management in the web UI: only admins reach it, every change lands in the catalog and the audit
log, generated passwords work and are shown once, the last admin stays an admin."""

from __future__ import annotations

import re

import pytest
from web_session import PASSWORD, members_app, new_client, post, service_of, sign_in

from archive import audit
from service import accounts

ADMIN = "admin@example.org"


@pytest.fixture
def site(home):
    accounts_ = ((ADMIN, "admin"), ("staff@example.org", "staff"), ("member@example.org", "member"))
    app = members_app(home, *accounts_)
    return app, sign_in(app, ADMIN)


def _user(app, email):
    return accounts.get(service_of(app), email)


def _last(app, action):
    return audit.entries(service_of(app).connection(), action=action, limit=1)[0]


def test_only_admins_reach_the_accounts_pages(site):
    app, admin = site
    assert new_client(app).get("/staff/users/").status_code == 302  # anonymous: to the login page
    for email in ("staff@example.org", "member@example.org"):
        client = sign_in(app, email)
        assert client.get("/staff/users/").status_code == 403
        assert post(client, f"/staff/users/{_user(app, email).id}/role", {"role": "admin"}).status_code == 403
        assert _user(app, email).role != "admin"
    page = admin.get("/staff/users/").get_data(as_text=True)
    assert all(e in page for e in (ADMIN, "staff@example.org", "member@example.org"))
    assert 'href="/staff/users/"' in page  # the staff navigation links to it for admins


def test_add_with_a_generated_password_shown_once_that_signs_in(site):
    app, admin = site
    response = post(admin, "/staff/users/", {"email": "Lan@Example.org", "role": "staff", "password": ""})
    assert response.status_code == 201
    shown = re.search(r'id="shown-password">([^<]+)<', response.get_data(as_text=True)).group(1)
    assert _user(app, "lan@example.org").role == "staff"
    sign_in(app, "lan@example.org", shown)
    assert shown not in admin.get("/staff/users/").get_data(as_text=True)
    entry = _last(app, "user_add")
    assert (entry.user, entry.detail) == (ADMIN, {"email": "lan@example.org", "role": "staff"})


def test_role_disable_enable_and_password_reset(site):
    app, admin = site
    member = _user(app, "member@example.org")
    assert post(admin, f"/staff/users/{member.id}/role", {"role": "staff"}).status_code == 302
    assert _user(app, member.email).role == "staff"
    assert _last(app, "user_role").detail == {"email": member.email, "role": ["member", "staff"]}

    session = sign_in(app, member.email)
    assert post(admin, f"/staff/users/{member.id}/disable").status_code == 302
    assert _user(app, member.email).disabled
    assert session.get("/staff/").status_code in (302, 403)  # its open session stopped working
    post(admin, f"/staff/users/{member.id}/enable")
    assert not _user(app, member.email).disabled

    response = post(admin, f"/staff/users/{member.id}/password")
    new = re.search(r'id="shown-password">([^<]+)<', response.get_data(as_text=True)).group(1)
    sign_in(app, member.email, new)
    login = new_client(app)
    assert post(login, "/login", {"email": member.email, "password": PASSWORD}).status_code != 302


def test_refusals_change_nothing_and_say_why(site):
    app, admin = site
    me = _user(app, ADMIN)
    response = post(admin, f"/staff/users/{me.id}/role", {"role": "member"})
    assert response.status_code == 400
    assert "last enabled admin" in response.get_data(as_text=True)
    assert post(admin, f"/staff/users/{me.id}/disable").status_code == 400
    assert _user(app, ADMIN).can("manage_users")
    assert post(admin, "/staff/users/", {"email": "x@example.org", "role": "staff",
                                         "password": "short"}).status_code == 400
    assert post(admin, "/staff/users/", {"email": "staff@example.org", "role": "member"}).status_code == 400
    assert _user(app, "staff@example.org").role == "staff"
    assert post(admin, "/staff/users/9999/disable").status_code == 404
    assert [u.email for u in accounts.list_all(service_of(app))] == [
        ADMIN, "member@example.org", "staff@example.org"]


def test_json_twin(site):
    app, admin = site
    headers = {"Accept": "application/json"}
    listing = admin.get("/staff/users/", headers=headers).get_json()
    assert {u["email"]: u["role"] for u in listing["users"]}[ADMIN] == "admin"
    assert all("password" not in u and "password_hash" not in u for u in listing["users"])
    made = post(admin, "/staff/users/", {"email": "api@example.org", "role": "member"}, headers=headers)
    assert made.status_code == 201
    assert made.get_json()["password"]["email"] == "api@example.org"
    sign_in(app, "api@example.org", made.get_json()["password"]["password"])
