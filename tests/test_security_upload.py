"""Uploads: size limit, type by content, file names never used as paths, nothing stored on refusal."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from web_session import add_user, csrf_token, make_app, service_of, sign_in
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from webui.security import UploadRefused, safe_filename, sniff

NOT_A_DOCUMENT = "not a document type the archive reads"


@pytest.fixture
def app(home):
    app = make_app(home, "members", settings={"max_upload_mb": "1"})
    add_user(app, "staff@example.org", "staff")
    return app


def _upload(client, *files: tuple[bytes, str], **fields: str):
    data = {"csrf_token": csrf_token(client), **fields,
            "files": [(io.BytesIO(content), name) for content, name in files]}
    return client.post("/staff/upload", data=data, content_type="multipart/form-data",
                       headers={"Accept": "application/json"})


def _stored(app) -> tuple[int, list[str]]:
    svc = service_of(app)
    blobs = sorted(p.name for p in (svc.settings.home / "blobs").rglob("*") if p.is_file())
    return svc.count(), blobs


def test_upload_larger_than_the_limit_is_refused_and_nothing_is_stored(app):
    client = sign_in(app, "staff@example.org")
    # Encoded in memory: the test client would spool a body this size to a temporary file it never closes.
    boundary, body = encode_multipart({"csrf_token": csrf_token(client),
                                       "files": FileStorage(io.BytesIO(b"a" * (1100 * 1024)), "big.txt")})
    response = client.post("/staff/upload", data=body, headers={"Accept": "application/json"},
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert response.get_json()["error"] == "request_entity_too_large"
    assert _stored(app) == (0, [])


def test_many_files_in_one_upload_become_drafts(app):
    client = sign_in(app, "staff@example.org")
    response = _upload(client, ("Báo cáo năm 1999".encode(), "Báo cáo 1999.txt"),
                       (b"{\\rtf1\\ansi Quyet dinh}", "qd.rtf"))
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [(r["filename"], r["status"]) for r in results] == [
        ("Báo cáo 1999.txt", "added"), ("qd.rtf", "added")]
    docs = [service_of(app).get(r["doc_id"]) for r in results]
    assert [(d.filename, d.status, d.format) for d in docs] == [
        ("Báo cáo 1999.txt", "draft", "txt"), ("qd.rtf", "draft", "rtf")]
    assert service_of(app).original(docs[0].id) == "Báo cáo năm 1999".encode()


@pytest.mark.parametrize(("content", "name", "reason"), [
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(200), "report.doc", NOT_A_DOCUMENT),
    (b"\x7fELF\x02\x01\x01" + bytes(100), "notes.txt", NOT_A_DOCUMENT),
    (b"", "empty.txt", "the file is empty"),
])
def test_type_is_decided_by_content_not_by_name(app, content, name, reason):
    client = sign_in(app, "staff@example.org")
    response = _upload(client, (content, name))
    assert response.status_code == 400
    result = response.get_json()["results"][0]
    assert result["status"] == "refused"
    assert result["reason"].startswith(f"{name}: {reason}")
    assert _stored(app) == (0, [])


def test_a_zip_that_is_not_office_is_refused(app):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("payload.sh", "rm -rf /")
    client = sign_in(app, "staff@example.org")
    result = _upload(client, (buffer.getvalue(), "letter.docx")).get_json()["results"][0]
    assert result["reason"] == "letter.docx: a zip archive that is not a Word, Excel or PowerPoint file"


def test_a_pdf_named_txt_is_stored_as_pdf(app):
    assert sniff(b"%PDF-1.4\n%...", "notes.txt") == "pdf"
    assert safe_filename("notes.txt", "pdf") == "notes.pdf"


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\boot.ini", "/etc/cron.d/job", "a/../../b.txt",
                                  "..", "x\x00.txt"])
def test_path_traversal_names_are_refused(app, tmp_path, name):
    client = sign_in(app, "staff@example.org")
    # Only files named like the payload's last part count: other tests' servers may write beside us.
    target = re.split(r"[/\\]", name)[-1]
    before = {p for p in tmp_path.parent.rglob("*") if p.name == target}
    response = _upload(client, (b"plain text content here", name))
    result = response.get_json()["results"][0]
    assert response.status_code == 400
    assert result["status"] == "refused"
    assert "file names with folders or '..' are not accepted" in result["reason"]
    assert {p for p in tmp_path.parent.rglob("*") if p.name == target} == before
    assert _stored(app) == (0, [])


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("Quyết định số 12.doc", "doc", "Quyết định số 12.doc"),
    ("báo cáo<script>.txt", "txt", "báo cáo_script_.txt"),
    ("trick.txt.exe", "txt", "trick.txt.txt"),
    (".hidden", "txt", "hidden.txt"),
    (". .", "txt", "upload.txt"),
    ("a" * 300 + ".pdf", "pdf", "a" * 120 + ".pdf"),
])
def test_safe_filename(name, kind, expected):
    assert safe_filename(name, kind) == expected


def test_sniff_recognises_office_containers():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert sniff(ole, "bang.xls") == "xls"
    assert sniff(ole, "bang.exe") == "doc"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert sniff(buffer.getvalue(), "x.docx") == "xlsx"
    assert sniff("Báo cáo".encode("utf-16"), "a.txt") == "txt"
    assert sniff("B¸o c¸o".encode("cp1252"), "a.csv") == "csv"
    with pytest.raises(UploadRefused, match="not a document type"):
        sniff(bytes(range(256)) * 4, "random.bin")
