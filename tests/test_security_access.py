"""Authorisation on every route: anonymous visitors in `members` mode, members on staff routes, drafts."""

from __future__ import annotations

import re

import pytest
from web_session import add_user, csrf_token, ingest_texts, make_app, new_client, post, service_of, sign_in

from service import accounts

# Endpoints anyone may reach in members mode (assets, language switch, OpenSearch description, login).
PUBLIC = {"static", "i18n.set_language", "search.opensearch", "auth.login", "auth.logout"}
VALUES = {"fmt": "bibtex", "field": "year", "code": "vi", "filename": "css/archive.css"}


@pytest.fixture
def site(home, tmp_path):
    app = make_app(home, "members")
    ids = ingest_texts(app, tmp_path, {"bao-cao.txt": "Báo cáo tổng kết năm 1998".encode()})
    drafts = ingest_texts(app, tmp_path, {"nhap.txt": "Bản nháp chưa duyệt 2001".encode()}, status="draft")
    add_user(app, "member@example.org", "member")
    add_user(app, "staff@example.org", "staff")
    return app, ids["bao-cao.txt"], drafts["nhap.txt"]


def _build(pattern: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        pattern = re.sub(rf"<(?:\w+:)?{name}>", value, pattern)
    return pattern


def _rules(app, *, methods: set[str]):
    return [r for r in app.url_map.iter_rules() if r.methods & methods]


def test_every_route_is_known_to_this_test(site):
    """A new route must be classified here (public, read, staff), so none escapes the checks below."""
    app, _, _ = site
    for rule in app.url_map.iter_rules():
        assert rule.endpoint in PUBLIC or rule.endpoint.split(".")[0] in (
            "search", "documents", "browse", "api", "staff", "users", "auth"), rule.endpoint


def test_anonymous_cannot_read_anything_in_members_mode(site):
    app, doc_id, _ = site
    client = new_client(app)
    checked = 0
    for rule in _rules(app, methods={"GET"}):
        if rule.endpoint in PUBLIC:
            continue
        url = _build(rule.rule, {a: doc_id if a == "doc_id" else VALUES[a] for a in rule.arguments})
        response = client.get(url)
        response.close()
        if url.startswith("/api/"):
            assert response.status_code == 401, url
            assert response.get_json()["error"] == "unauthorized"
        else:
            assert response.status_code == 302, url
            assert response.location.startswith("/login?next="), url
        assert "Báo cáo" not in response.get_data(as_text=True)
        checked += 1
    assert checked >= 15


def test_anonymous_reaches_only_the_public_pages(site):
    app, _, _ = site
    client = new_client(app)
    assert client.get("/login").status_code == 200
    with client.get("/static/css/archive.css") as response:
        assert response.status_code == 200
    assert client.get("/opensearch.xml").status_code == 200


def test_member_reads_but_reaches_no_staff_route(site):
    app, doc_id, _ = site
    client = sign_in(app, "member@example.org")
    assert client.get(f"/doc/{doc_id}").status_code == 200
    assert client.get(f"/doc/{doc_id}/original").status_code == 200
    assert client.get("/api/search?q=báo").get_json()["total"] == 1
    token = csrf_token(client)
    staff_rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith(("staff.", "users."))]
    assert len(staff_rules) >= 15
    member_id = str(accounts.get(service_of(app), "member@example.org").id)
    for rule in staff_rules:
        url = _build(rule.rule, {"doc_id": doc_id, "user_id": member_id})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, data={"csrf_token": token, "text": "x", "title": "x"})
            assert response.status_code == 403, (method, url)
    doc = service_of(app).get(doc_id)
    assert (doc.title, doc.status, doc.text) == (doc.title, "published", "Báo cáo tổng kết năm 1998")
    assert [e.action for e in service_of(app).catalog.conn.execute(
        "SELECT action FROM audit_log WHERE action NOT IN ('ingest', 'user_add', 'login')")] == []
    assert accounts.get(service_of(app), "member@example.org").role == "member"


def test_staff_reach_no_account_management_route(site):
    app, _, _ = site
    client = sign_in(app, "staff@example.org")
    token = csrf_token(client)
    target = accounts.get(service_of(app), "member@example.org")
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("users.")]
    assert len(rules) >= 6
    for rule in rules:
        url = _build(rule.rule, {"user_id": str(target.id)})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, data={"csrf_token": token, "role": "admin",
                                                             "email": "new@example.org"})
            assert response.status_code == 403, (method, url)
    assert accounts.get(service_of(app), "member@example.org") == target
    emails = [u.email for u in accounts.list_all(service_of(app))]
    assert emails == ["member@example.org", "staff@example.org"]


def test_anonymous_in_public_mode_reads_but_is_sent_to_sign_in_for_staff_routes(home, tmp_path):
    app = make_app(home, "public")
    doc_id = ingest_texts(app, tmp_path, {"a.txt": "Quyết định số 12".encode()})["a.txt"]
    client = new_client(app)
    assert client.get(f"/doc/{doc_id}").status_code == 200
    assert client.get("/staff/").location.startswith("/login?next=/staff/")
    assert client.get("/staff/", headers={"Accept": "application/json"}).status_code == 401
    response = post(client, f"/staff/doc/{doc_id}/unpublish")
    assert response.status_code == 302 and response.location.startswith("/login")
    assert service_of(app).get(doc_id).status == "published"


@pytest.mark.parametrize("path", ["/doc/{id}", "/doc/{id}/original", "/doc/{id}/text.txt", "/api/doc/{id}",
                                  "/doc/{id}/cite/bibtex"])
def test_drafts_do_not_exist_for_members(site, path):
    app, _, draft = site
    member = sign_in(app, "member@example.org")
    assert member.get(path.format(id=draft)).status_code == 404
    assert sign_in(app, "staff@example.org").get(path.format(id=draft)).status_code == 200


def test_drafts_are_not_found_by_member_searches(site):
    app, _, _ = site
    member = sign_in(app, "member@example.org")
    assert member.get("/api/search?q=nháp").get_json()["total"] == 0
    assert "nhap.txt" not in member.get("/search?q=nháp").get_data(as_text=True)


def test_disabled_account_loses_its_session_at_once(site):

    app, doc_id, _ = site
    client = sign_in(app, "member@example.org")
    assert client.get(f"/doc/{doc_id}").status_code == 200
    accounts.disable(service_of(app), "member@example.org")
    assert client.get(f"/doc/{doc_id}").status_code == 302
    assert client.get("/api/stats").status_code == 401
