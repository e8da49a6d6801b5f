"""The document page and its downloads: metadata, marked text, search inside, side by side, citations."""

from __future__ import annotations

import hashlib
import re
from html import escape

import docx
import pytest
from web_archive import LEGACY_TEXT, REPORT_1998, build_archive, web_client

from archive.settings import Settings
from converters.charsets import encode
from converters.repairs import REPAIRS
from service import Service
from webui.legacy_view import as_shown
from webui.repair_reasons import MESSAGES
from webui.repair_view import repair_overview

VI_REASONS = {"decoded tcvn3": "giải mã từ TCVN3", "restored ư from context": "khôi phục chữ ư theo ngữ cảnh"}


def translate_reason_vi(reason: str) -> str:
    return "; ".join(VI_REASONS[part] for part in reason.split("; "))


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    svc, ids = build_archive(tmp_path_factory.mktemp("web"))
    yield svc, ids, web_client(svc)
    svc.close()


def test_document_page_shows_metadata_in_vietnamese(web):
    _, ids, client = web
    html = client.get(f"/doc/{ids['report']}").get_data(as_text=True)
    assert "<h1>BÁO CÁO Tổng kết công tác quản lý đô thị năm 1997</h1>" in html
    assert '<time datetime="1998-03-05">ngày 5 tháng 3 năm 1998</time>' in html
    assert '<a href="/search?type=b%C3%A1o+c%C3%A1o">báo cáo</a>' in html
    assert "ỦY BAN NHÂN DÂN TỈNH HÀ TÂY</a>" in html
    sha = hashlib.sha256(REPORT_1998.encode("utf-8")).hexdigest()
    assert f'<code class="sha">{sha}</code>' in html


def test_query_words_are_highlighted_in_the_text(web):
    _, ids, client = web
    html = client.get(f"/doc/{ids['report']}?q=do+thi").get_data(as_text=True)
    text = re.search(r'<pre class="doc-text" lang="vi"[^>]*>(.*?)</pre>', html, re.S).group(1)
    assert text.count('<mark class="hit">đô</mark> <mark class="hit">thị</mark>') == 2
    assert "quản lý" in text and '<mark class="hit">quản' not in text


def test_search_inside_lists_matching_passages(web):
    _, ids, client = web
    html = client.get(f"/doc/{ids['decision']}?inside=kiến+trúc").get_data(as_text=True)
    passages = re.search(r'<ol class="passages">(.*?)</ol>', html, re.S).group(1)
    assert "<mark>kiến</mark> <mark>trúc</mark>" in passages
    html = client.get(f"/doc/{ids['decision']}?inside=zzxqj").get_data(as_text=True)
    assert "“zzxqj” không có trong văn bản này." in html


def test_side_by_side_shows_the_legacy_bytes_as_they_appeared(web):
    svc, ids, client = web
    html = client.get(f"/doc/{ids['legacy']}").get_data(as_text=True)
    shown = as_shown(encode(LEGACY_TEXT, "tcvn3"))
    assert shown.startswith("KÕ ho¹ch ph¸t triÓn")
    assert f'aria-labelledby="original-h">{escape(shown, quote=False)}</pre>' in html
    assert escape(svc.get(ids["legacy"]).text, quote=False) in html
    assert "Bản gốc như từng hiện trên màn hình" in html
    # a document that was Unicode already has no misleading legacy view
    html = client.get(f"/doc/{ids['report']}").get_data(as_text=True)
    assert 'class="doc-text legacy"' not in html
    assert "Bản gốc vốn đã là Unicode" in html


def test_download_original_is_byte_exact_with_its_sha256(web):
    svc, ids, client = web
    response = client.get(f"/doc/{ids['legacy']}/original")
    assert response.status_code == 200
    assert response.data == encode(LEGACY_TEXT, "tcvn3")
    assert response.headers["X-Content-SHA256"] == hashlib.sha256(response.data).hexdigest()
    assert response.headers["Content-Disposition"] == "attachment; filename=ke_hoach_tcvn3.txt"
    assert response.content_type == "application/octet-stream"


def test_download_text_is_utf8(web):
    svc, ids, client = web
    response = client.get(f"/doc/{ids['report']}/text.txt")
    assert response.content_type == "text/plain; charset=utf-8"
    assert response.data.decode("utf-8") == svc.get(ids["report"]).text
    assert response.headers["Content-Disposition"] == "attachment; filename=bao_cao_1998.txt"


def test_citations(web):
    _, ids, client = web
    doc_id = ids["decision"]
    bib = client.get(f"/doc/{doc_id}/cite/bibtex?download=1")
    assert bib.headers["Content-Disposition"] == f"attachment; filename={doc_id}.bib"
    assert bib.get_data(as_text=True).startswith(
        f"@misc{{vnarchive_{doc_id},\n"
        "  title = {QUYẾT ĐỊNH Về việc ban hành quy chế quản lý kiến trúc đô thị},\n"
        "  author = {{BỘ XÂY DỰNG}},\n  year = {2001},\n"
    )
    ris = client.get(f"/doc/{doc_id}/cite/ris").get_data(as_text=True)
    assert ris.startswith("TY  - GEN\r\nTI  - QUYẾT ĐỊNH Về việc")
    assert "DA  - 2001/06/20\r\n" in ris and ris.endswith("ER  - \r\n")
    plain = client.get(f"/doc/{doc_id}/cite/plain").get_data(as_text=True)
    assert plain.startswith(
        "BỘ XÂY DỰNG (2001). QUYẾT ĐỊNH Về việc ban hành quy chế quản lý kiến trúc đô thị "
        f"[quyết định]. vnarchive, {doc_id}. http://localhost/doc/{doc_id} (accessed "
    )
    assert client.get(f"/doc/{doc_id}/cite/endnote").status_code == 404


def test_previous_and_next_within_the_results(web):
    _, ids, client = web
    results = client.get("/search?sort=oldest").get_data(as_text=True)
    order = re.findall(r'<h3><a href="/doc/(\w+)\?', results)
    html = client.get(f"/doc/{order[1]}?sort=oldest&pos=2").get_data(as_text=True)
    assert f'rel="prev" href="/doc/{order[0]}?sort=oldest&amp;pos=1"' in html
    assert f'rel="next" href="/doc/{order[2]}?sort=oldest&amp;pos=3"' in html
    assert 'href="/search?sort=oldest&amp;page=1">← Quay lại kết quả' in html
    first = client.get(f"/doc/{order[0]}?sort=oldest&pos=1").get_data(as_text=True)
    assert 'rel="prev"' not in first


def test_missing_document_downloads_are_404(web):
    _, _, client = web
    for url in ("/doc/nope/original", "/doc/nope/text.txt", "/doc/nope/cite/ris"):
        assert client.get(url).status_code == 404, url


def test_repairs_are_summarised_by_reason_and_marked_in_the_text(web):
    svc, ids, client = web
    doc = svc.get(ids["corpus0"])  # the damaged TCVN3 report of the demo corpus
    assert doc.repairs
    html = client.get(f"/doc/{doc.id}").get_data(as_text=True)
    reasons = {}
    for repair in doc.repairs:
        reasons[repair["reason"]] = reasons.get(repair["reason"], 0) + 1
    for reason, count in reasons.items():  # shown in Vietnamese: "decoded tcvn3" is "giải mã từ TCVN3"
        shown = escape(translate_reason_vi(reason))
        assert f"<tr><td>{shown}</td><td>{count:,}</td>".replace(",", ".") in html
        assert f"<td>{escape(reason)}</td>" not in html
    first = doc.repairs[0]
    assert (
        f'<span class="repair" id="repair-0" title="{escape(first["before"])} → {escape(first["after"])}: '
        in html
    )
    listed = repair_overview(doc.repairs).listed
    assert len(re.findall(r'<a href="#repair-\d+"><code>', html)) == len(listed)
    assert f'<a href="#repair-{listed[0][0]}"><code>{escape(listed[0][1]["before"])}</code></a>' in html


def test_overlong_search_inside_is_refused(web):
    _, ids, client = web
    response = client.get(f"/doc/{ids['report']}", query_string={"inside": " ".join(["đô"] * 40)})
    assert response.status_code == 400
    assert "Câu tìm kiếm quá dài: tối đa 32 từ và 500 ký tự." in response.get_data(as_text=True)


def test_every_repair_reason_of_the_converters_has_a_translation():
    assert {reason for _repair, reason in REPAIRS.values()} <= set(MESSAGES)


def test_an_office_original_shows_its_text_before_conversion_from_the_record(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Tiêu đề Unicode: ").font.name = "Times New Roman"
    legacy = "Báo cáo tổng kết công tác quản lý đô thị năm 1997"
    paragraph.add_run(encode(legacy, "tcvn3").decode("cp1252")).font.name = ".VnTime"
    path = tmp_path / "bao_cao.docx"
    document.save(path)
    svc = Service(Settings({"home": str(tmp_path / "home"), "access": "public"}))
    doc_id = svc.ingest([path]).outcomes[0].doc_id
    client = web_client(svc)

    html = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    before = re.search(r'<pre class="doc-text legacy"[^>]*>(.*?)</pre>', html, re.S).group(1)
    assert before.startswith("Tiêu đề Unicode: B¸o c¸o tæng kÕt c«ng t¸c qu¶n lý ®« thÞ")  # the runs as shown
    assert "dựng lại từ bản ghi chuyển mã" in html
    assert "<td>giải mã từ TCVN3</td>" in html
    html = client.get(f"/doc/{doc_id}?lang=en").get_data(as_text=True)
    assert "<td>decoded from TCVN3</td>" in html and "rebuilt from the conversion record" in html

    # A record that no longer fits the text (an older converter's) is said so, not shown wrong.
    with svc.catalog.transaction() as conn:
        conn.execute("UPDATE repairs SET after = 'x' WHERE doc_id = ?", (doc_id,))
    html = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    assert 'class="doc-text legacy"' not in html
    assert "không khớp với văn bản" in html
    svc.close()
