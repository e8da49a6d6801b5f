"""The Solr query compiler and document mapping, checked without a cluster (fast)."""

from __future__ import annotations

import doctest

import pytest

from archive.document import Document
from index import query as ast
from index.solr import client, documents, query
from index.solr.client import node_urls
from index.solr.documents import solr_document
from index.solr.query import compile_query


@pytest.mark.parametrize("module", [client, documents, query])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(("q", "expected"), [
    ("do", '(title_f:"do"^3.0 body_f:"do")'),
    ("Hoà", '(title:"hòa"^6.0 title_f:"hòa"^3.0 body:"hòa"^2.0 body_f:"hòa")'),
    ('"do thi"', '(+(+bigrams_f:"do thi") title_f:"do thi"^2.0)'),
    ('"đô thị mới"', '(+(+((+bigrams:"đô thị" +bigrams:"thị mới")^2.0 (+bigrams_f:"đô thị" '
                     '+bigrams_f:"thị mới")) +(body_f:"đô thị mới" title_f:"đô thị mới")) '
                     'title_f:"đô thị mới"^2.0)'),
    ("title:thuế", '(title:"thuế"^6.0 title_f:"thuế"^3.0)'),
    ("year:..1999", "year:[* TO 1999]"),
    ("year:abc", query.NOTHING),
    ("decade:1990", 'decade:"1990s"'),
    ("encoding:TCVN3", 'encoding:"tcvn3"'),
    ("-x -y", '(+*:* -(title_f:"x"^3.0 body_f:"x") -(title_f:"y"^3.0 body_f:"y"))'),
    ("", "*:*"),
])
def test_compiled_queries(q, expected):
    assert compile_query(ast.parse(q)) == expected


def test_quotes_and_backslashes_cannot_break_out_of_a_term():
    assert query.quote('a"b\\c') == '"a\\"b\\\\c"'
    assert compile_query(ast.Filter("source", 'x" OR id:*')) == 'source:"x\\" OR id:*"'


def test_document_fields_are_pre_analysed():
    doc = Document(id="q1", sha256="", filename="q1.doc", title="Quyết định THUÝ", year=1997,
                   text="Căn cứ Nghị định 115/2003/NĐ-CP.", doc_type="quyết định", encoding="VNI",
                   status="draft")
    out = solr_document(doc)
    assert out == {
        "id": "q1", "year": 1997, "decade": "1990s", "sortkey": "1997", "type": "quyết định",
        "format": "txt", "encoding": "vni", "status": "draft", "filename": "q1.doc",
        "title": "quyết định thúy", "body": "căn cứ nghị định 115 2003 nđ cp", "codes": ["115/2003/nđ-cp"],
        "title_text": "Quyết định THUÝ", "text": "Căn cứ Nghị định 115/2003/NĐ-CP.",
    }


def test_node_urls_need_at_least_one():
    with pytest.raises(client.SolrError, match="no Solr URL configured"):
        node_urls(" , ")
