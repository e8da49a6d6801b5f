"""The staff workflow in the browser: upload → review queue → original vs converted → accept / correct /
publish, each step checked in the catalog and the audit log, the original byte-identical throughout."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from repo_paths import CORPUS
from web_session import csrf_token, members_app, new_client, post, service_of, sign_in

from archive import audit
from archive.blobs import sha256_bytes

DAMAGED = CORPUS / "000_cf02e17cb00853f7.txt"  # TCVN3 read as cp1252, letters stripped: spans to check
CLEAN = "Kế hoạch công tác năm 2003 của Phòng Giáo dục huyện.\n".encode()
STAFF = "staff@example.org"


@pytest.fixture
def site(home):
    app = members_app(home, (STAFF, "staff"), ("member@example.org", "member"))
    client = sign_in(app, STAFF)
    data = {"csrf_token": csrf_token(client), "collection": "Hội khuyến học",
            "files": [(io.BytesIO(DAMAGED.read_bytes()), "bao-cao-1998.txt"),
                      (io.BytesIO(CLEAN), "ke-hoach.txt")]}
    response = client.post("/staff/upload", data=data, content_type="multipart/form-data",
                           headers={"Accept": "application/json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    ids = {r["filename"]: r["doc_id"] for r in response.get_json()["results"]}
    return app, client, ids["bao-cao-1998.txt"], ids["ke-hoach.txt"]


def _original_intact(app, doc_id: str, expected: bytes) -> None:
    svc = service_of(app)
    doc = svc.get(doc_id, with_text=False)
    assert svc.original(doc_id) == expected
    assert doc.sha256 == sha256_bytes(expected) == hashlib.sha256(svc.blobs.read(doc.sha256)).hexdigest()


def _last(app, doc_id: str):
    return audit.entries(service_of(app).connection(), doc_id=doc_id, limit=1)[0]


def _recent(at: str) -> bool:
    return datetime.now(UTC) - datetime.fromisoformat(at) < timedelta(minutes=2)


def test_upload_makes_drafts_recorded_in_the_audit_log(site):
    app, _, damaged, clean = site
    svc = service_of(app)
    for doc_id, data in ((damaged, DAMAGED.read_bytes()), (clean, CLEAN)):
        doc = svc.get(doc_id)
        assert (doc.status, doc.collection) == ("draft", "Hội khuyến học")
        _original_intact(app, doc_id, data)
        actions = [(e.user, e.action) for e in audit.entries(svc.connection(), doc_id=doc_id)]
        assert actions == [(STAFF, "upload"), (STAFF, "ingest")]
    assert svc.get(damaged).review_count > 10


def test_queue_lists_uncertain_documents_first(site):
    app, client, damaged, clean = site
    queue = client.get("/staff/", headers={"Accept": "application/json"}).get_json()
    assert [item["id"] for item in queue["results"]] == [damaged, clean]  # the clean one is only a draft
    assert queue["results"][0]["review_count"] == service_of(app).get(damaged).review_count
    page = client.get("/staff/").get_data(as_text=True)
    assert f'href="/staff/doc/{damaged}"' in page and f'href="/staff/doc/{clean}"' in page


def test_review_page_marks_every_uncertain_span_beside_the_original(site):
    app, client, damaged, _ = site
    doc = service_of(app).get(damaged)
    html = client.get(f"/staff/doc/{damaged}").get_data(as_text=True)
    uncertain = [r for r in doc.repairs if r["confidence"] < 0.8]
    assert len(uncertain) == doc.review_count
    marked = set(re.findall(r'<span class="repair" id="repair-(\d+)"', html))
    assert marked == {str(i) for i in range(len(uncertain))}
    assert "Original" in html and 'class="doc-text legacy"' in html
    # The original column shows the damaged text as it was stored (this file holds mojibake saved as UTF-8).
    assert DAMAGED.read_text(encoding="utf-8")[:30] in html.replace("&#39;", "'").replace("&amp;", "&")


def test_accept_clears_the_document_from_review(site):
    app, client, damaged, _ = site
    before = service_of(app).get(damaged).review_count
    response = post(client, f"/staff/doc/{damaged}/accept")
    assert response.status_code == 302
    doc = service_of(app).get(damaged)
    assert (doc.review_count, doc.confidence) == (0, 1.0)
    entry = _last(app, damaged)
    assert (entry.user, entry.action, entry.detail["review_count"]) == (STAFF, "accept", [before, 0])
    assert _recent(entry.at)
    _original_intact(app, damaged, DAMAGED.read_bytes())


def test_correct_text_replaces_the_text_and_keeps_the_old_one_in_the_log(site):
    app, client, damaged, _ = site
    old = service_of(app).get(damaged).text
    corrected = "BÁO CÁO\r\nTổng kết năm học 1997–1998 của Hội khuyến học.\r\n"
    response = post(client, f"/staff/doc/{damaged}/text", {"text": corrected})
    assert response.status_code == 302
    doc = service_of(app).get(damaged)
    assert doc.text == "BÁO CÁO\nTổng kết năm học 1997–1998 của Hội khuyến học.\n"
    assert (doc.repairs, doc.review_count) == ([], 0)
    entry = _last(app, damaged)
    assert (entry.user, entry.action) == (STAFF, "correct_text")
    assert entry.detail["text"] == [old, doc.text]
    assert service_of(app).catalog.overrides(damaged)["text"] == doc.text
    service_of(app).reconvert([damaged])  # a better converter later must not undo a person's correction
    assert service_of(app).get(damaged).text == doc.text
    _original_intact(app, damaged, DAMAGED.read_bytes())
    # The corrected text is what search finds.
    assert client.get("/api/search?q=khuyến+học").get_json()["total"] == 0  # still a draft: hidden
    post(client, f"/staff/doc/{damaged}/publish")
    assert [h["id"] for h in client.get("/api/search?q=khuyến+học").get_json()["results"]] == [damaged]


def test_empty_correction_is_refused_and_changes_nothing(site):
    app, client, damaged, _ = site
    before = service_of(app).get(damaged)
    response = post(client, f"/staff/doc/{damaged}/text", {"text": "  \n "},
                    headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["message"] == "the corrected text cannot be empty"
    after = service_of(app).get(damaged)
    assert (after.text, after.review_count) == (before.text, before.review_count)


def test_metadata_correction_records_old_and_new(site):
    app, client, _, clean = site
    response = post(client, f"/staff/doc/{clean}/metadata",
                    {"title": "Kế hoạch công tác 2003", "year": "2003", "source": "Phòng Giáo dục",
                     "tags": "kế hoạch, giáo dục"})
    assert response.status_code == 302
    doc = service_of(app).get(clean)
    assert (doc.title, doc.year, doc.source, doc.tags) == (
        "Kế hoạch công tác 2003", 2003, "Phòng Giáo dục", ["giáo dục", "kế hoạch"])
    entry = _last(app, clean)
    assert (entry.user, entry.action) == (STAFF, "edit")
    assert entry.detail["title"][1] == "Kế hoạch công tác 2003"
    bad = post(client, f"/staff/doc/{clean}/metadata", {"year": "năm ngoái"},
               headers={"Accept": "application/json"})
    assert bad.get_json()["message"] == "year should be a number like 2005, not 'năm ngoái'"
    assert service_of(app).get(clean).year == 2003
    _original_intact(app, clean, CLEAN)


def test_publish_makes_it_visible_to_members_and_unpublish_hides_it(site):
    app, client, _, clean = site
    member = sign_in(app, "member@example.org")
    assert member.get(f"/doc/{clean}").status_code == 404
    post(client, f"/staff/doc/{clean}/publish")
    assert service_of(app).get(clean).status == "published"
    assert member.get(f"/doc/{clean}").status_code == 200
    assert [h["id"] for h in member.get("/api/search?q=kế+hoạch").get_json()["results"]] == [clean]
    post(client, f"/staff/doc/{clean}/unpublish")
    assert member.get(f"/doc/{clean}").status_code == 404
    assert member.get("/api/search?q=kế+hoạch").get_json()["total"] == 0
    log = audit.entries(service_of(app).connection(), doc_id=clean)
    actions = [(e.user, e.action, e.detail) for e in log]
    assert actions[:2] == [(STAFF, "unpublish", {"status": ["published", "draft"]}),
                           (STAFF, "publish", {"status": ["draft", "published"]})]
    _original_intact(app, clean, CLEAN)


def test_staff_action_without_csrf_token_changes_nothing(site):
    app, client, _, clean = site
    response = client.post(f"/staff/doc/{clean}/publish")
    assert response.status_code == 400
    assert service_of(app).get(clean).status == "draft"
    assert _last(app, clean).action == "upload"


def test_audit_page_shows_who_did_what(site):
    app, client, damaged, _ = site
    post(client, f"/staff/doc/{damaged}/accept")
    entries = client.get("/staff/audit", headers={"Accept": "application/json"}).get_json()["results"]
    assert (entries[0]["user"], entries[0]["action"], entries[0]["doc_id"]) == (STAFF, "accept", damaged)
    html = client.get("/staff/audit").get_data(as_text=True)
    assert STAFF in html and "accept" in html


def test_upload_page_has_the_drop_zone_and_its_script(site):
    app, _, _, _ = site
    html = sign_in(app, STAFF).get("/staff/upload").get_data(as_text=True)
    assert 'id="drop-zone"' in html and 'type="file" multiple' in html
    assert '<script src="/static/js/staff.js" defer></script>' in html
    assert new_client(app).get("/staff/upload").status_code == 302
