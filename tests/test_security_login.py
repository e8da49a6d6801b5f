"""Signing in: CSRF, uniform error, rate limits, cookie flags, secret key, sessions ending, open redirects."""

from __future__ import annotations

import re
import stat

import pytest
from web_session import PASSWORD, csrf_token, make_app, members_app, new_client, post, service_of, sign_in

from archive import audit
from service import accounts


@pytest.fixture
def app(home):
    return members_app(home, ("member@example.org", "member"), ("staff@example.org", "staff"))


def _login(client, email: str, password: str, token: str | None = None):
    data = {"email": email, "password": password}
    if token is not None:
        data["csrf_token"] = token
    return client.post("/login", data=data)


def test_login_without_csrf_token_is_rejected(app):
    client = new_client(app)
    response = _login(client, "member@example.org", PASSWORD)
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.get_data(as_text=True)
    assert client.get("/api/stats").status_code == 401  # not signed in
    csrf_token(client)  # the session now holds a token, but not the one sent
    wrong = _login(client, "member@example.org", PASSWORD, token="forged-token")
    assert wrong.status_code == 400
    assert "The CSRF token is invalid." in wrong.get_data(as_text=True)


def test_unknown_user_and_wrong_password_get_the_same_answer(app):
    client = new_client(app)
    token = csrf_token(client)
    unknown = _login(client, "nobody@example.org", PASSWORD, token)
    wrong = _login(client, "member@example.org", "not the password", token)
    accounts.disable(service_of(app), "staff@example.org")
    disabled = _login(client, "staff@example.org", PASSWORD, token)
    # Identical but for the e-mail typed and the CSRF token (timestamped: it changes every second).
    responses = (unknown, wrong, disabled)
    bodies = {re.sub(r'value="[^"]*"', 'value=""', r.get_data(as_text=True)) for r in responses}
    assert {r.status_code for r in responses} == {401}
    assert len(bodies) == 1
    assert "Unknown e-mail or wrong password." in bodies.pop()
    failed = audit.entries(service_of(app).connection(), action="login_failed")
    assert [e.detail["email"] for e in failed] == [
        "staff@example.org", "member@example.org", "nobody@example.org"]


def test_login_rate_limit_per_address(app):
    client = new_client(app)
    token = csrf_token(client)
    codes = [_login(client, f"guess{i}@example.org", "wrong password", token).status_code for i in range(12)]
    assert codes[:10] == [401] * 10
    assert codes[10:] == [429, 429]
    # Even the right password is refused while the limit holds: guessing cannot continue.
    assert _login(client, "member@example.org", PASSWORD, token).status_code == 429


def test_login_rate_limit_per_account_across_addresses(app):
    codes = []
    for i in range(22):
        client = new_client(app)
        addr = {"REMOTE_ADDR": f"10.0.{i // 250}.{i % 250 + 1}"}
        token = csrf_token(client)
        codes.append(client.post("/login", data={"email": "member@example.org", "password": "guess",
                                                 "csrf_token": token}, environ_base=addr).status_code)
    assert codes[:20] == [401] * 20
    assert codes[20:] == [429, 429]


def test_session_cookie_flags_and_secure_over_https(app):
    client = new_client(app)
    token = csrf_token(client)
    response = _login(client, "member@example.org", PASSWORD, token)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("vnarchive=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback: a Secure cookie would never come back
    secure_client = new_client(app)
    page = secure_client.get("/login", base_url="https://archive.example.org")
    assert "Secure" in page.headers["Set-Cookie"]
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_secret_key_is_generated_once_into_the_home(home):
    first = make_app(home)
    key_file = home / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) == 64
    assert make_app(home).config["SECRET_KEY"] == first.config["SECRET_KEY"] == key_file.read_text().strip()


def test_signed_cookie_cannot_be_forged(app):
    client = new_client(app)
    client.set_cookie("vnarchive", '{"uid": 2}', domain="localhost")
    assert client.get("/api/stats").status_code == 401


def test_password_reset_ends_existing_sessions(app):
    client = sign_in(app, "member@example.org")
    assert client.get("/api/stats").status_code == 200
    accounts.reset_password(service_of(app), "member@example.org", "a brand new password")
    assert client.get("/api/stats").status_code == 401
    sign_in(app, "member@example.org", "a brand new password")


def test_change_own_password(app):
    client = sign_in(app, "member@example.org")
    wrong = post(client, "/account/password", {"current": "nope", "new": "another password", "repeat":
                                               "another password"})
    assert wrong.status_code == 400
    assert "The current password is wrong." in wrong.get_data(as_text=True)
    short = post(client, "/account/password", {"current": PASSWORD, "new": "short", "repeat": "short"})
    assert "the password should have at least 10 characters" in short.get_data(as_text=True)
    ok = post(client, "/account/password", {"current": PASSWORD, "new": "another password",
                                            "repeat": "another password"})
    assert ok.status_code == 302
    assert client.get("/api/stats").status_code == 200  # this session goes on with the new stamp
    sign_in(app, "member@example.org", "another password")
    entry = audit.entries(service_of(app).connection(), action="user_password")[0]
    assert (entry.user, entry.detail) == ("member@example.org", {"email": "member@example.org"})


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
def test_login_never_redirects_off_site(app, target):
    client = new_client(app)
    token = csrf_token(client)
    response = client.post("/login", query_string={"next": target},
                           data={"email": "member@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert response.location == "/"


def test_login_follows_a_local_next(app):
    client = new_client(app)
    token = csrf_token(client)
    response = client.post("/login?next=/browse/", data={"email": "member@example.org", "password": PASSWORD,
                                                         "csrf_token": token})
    assert response.location == "/browse/"


def test_logout_needs_post_with_token_and_ends_the_session(app):
    client = sign_in(app, "member@example.org")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400  # no token: a cross-site form cannot sign us out
    assert client.get("/api/stats").status_code == 200
    assert post(client, "/logout").status_code == 302
    assert client.get("/api/stats").status_code == 401


@pytest.mark.parametrize(("hops", "secure"), [("0", False), ("1", True)])
def test_forwarded_https_counts_only_behind_a_trusted_proxy(home, hops, secure):
    app = make_app(home, settings={"proxy_hops": hops})
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    page = new_client(app).get("/login", headers=forwarded)
    assert ("Secure" in page.headers["Set-Cookie"]) is secure
    assert ("Strict-Transport-Security" in page.headers) is secure
