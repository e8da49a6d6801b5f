"""The query language parses into the backend-neutral tree, and renders back."""

from __future__ import annotations

import pytest

from index.query import (
    And,
    Filter,
    MatchAll,
    Not,
    Or,
    Phrase,
    Range,
    Term,
    parse,
    positive_words,
    restrict_to_title,
    to_string,
    with_filters,
)

CASES = [
    ("", MatchAll()),
    ("   ", MatchAll()),
    ("đô", Term("đô")),
    ("do thi", And((Term("do"), Term("thi")))),
    ('"báo cáo"', Phrase(("báo", "cáo"))),
    ('"báo cáo', Phrase(("báo", "cáo"))),  # an unclosed quote runs to the end
    ("-nháp", Not(Term("nháp"))),
    ('-"dự thảo"', Not(Phrase(("dự", "thảo")))),
    ("tcvn3 OR vni", Or((Term("tcvn3"), Term("vni")))),
    ("a OR b c", And((Or((Term("a"), Term("b"))), Term("c")))),
    ("OR a", Term("a")),
    ("year:2005", Filter("year", "2005")),
    ("year:2003..2007", Range("year", 2003, 2007)),
    ("year:2003..", Range("year", 2003, None)),
    ("year:..1999", Range("year", None, 1999)),
    ('type:"quyết định"', Filter("type", "quyết định")),
    ("encoding:tcvn3", Filter("encoding", "tcvn3")),
    ("Source:Bộ", Filter("source", "Bộ")),
    ("title:thuế", Term("thuế", "title")),
    ('title:"đô thị"', Phrase(("đô", "thị"), "title")),
    ("115/2003/NĐ-CP", Term("115/2003/NĐ-CP")),
    ("http://a.vn", Phrase(("http", "a.vn"))),  # not a field: searched as text
    ("-", MatchAll()),
]


@pytest.mark.parametrize(("q", "tree"), CASES)
def test_parse(q, tree):
    assert parse(q) == tree


def test_input_is_composed_to_nfc():
    assert parse("\u0111\u00f4\u0323") == Term("độ")


@pytest.mark.parametrize("q", ['đô thị "báo cáo" -nháp year:2003..2007 type:"quyết định" title:x a OR b',
                               "year:..1999 encoding:vni"])
def test_to_string_round_trips(q):
    assert parse(to_string(parse(q))) == parse(q)


def test_title_restriction_and_request_filters():
    tree = restrict_to_title(parse('đô "báo cáo" -x year:2005'))
    assert tree == And((Term("đô", "title"), Phrase(("báo", "cáo"), "title"), Not(Term("x", "title")),
                        Filter("year", "2005")))
    assert with_filters(MatchAll(), {"year": ["2003..2005"]}) == Range("year", 2003, 2005)
    assert with_filters(Term("a"), {"type": ["báo cáo", "công văn"], "year": []}) == \
        And((Term("a"), Or((Filter("type", "báo cáo"), Filter("type", "công văn")))))


def test_positive_words_skip_negations_and_filters():
    assert positive_words(parse('đô "báo cáo" -thuế year:2005')) == [("đô",), ("báo", "cáo")]
