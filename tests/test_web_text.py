"""Pure helpers of the web layer: marking query hits and repairs, the cp1252 view, citations."""

from __future__ import annotations

import doctest

import pytest

from webui import citations, legacy_view, repair_view, server_timing, text_marks, year_bars
from webui.text_marks import mark_text, query_spans


@pytest.mark.parametrize("module", [text_marks, legacy_view, citations, repair_view, year_bars,
                                    server_timing])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_repairs_are_marked_with_their_reason_and_an_anchor():
    text = "Báo cáo tổng kết"
    repairs = [
        {"start": 0, "end": 3, "before": "B¸o", "after": "Báo", "reason": "tcvn3 decoded", "confidence": 1.0},
        {
            "start": 8,
            "end": 16,
            "before": "tæng kÕt",
            "after": "tổng kết",
            "reason": "a <b> reason",
            "confidence": 0.5,
        },
    ]
    html = str(mark_text(text, repairs, query_spans(text, [("tong",)])))
    assert html == (
        '<span class="repair" id="repair-0" title="B¸o → Báo: tcvn3 decoded">Báo</span> cáo '
        '<span class="repair" id="repair-1" title="tæng kÕt → tổng kết: a &lt;b&gt; reason">'
        '<mark class="hit">tổng</mark></span>'
        '<span class="repair" title="tæng kÕt → tổng kết: a &lt;b&gt; reason"> kết</span>'
    )


def test_repair_spans_outside_the_text_are_clamped():
    html = str(mark_text("abc", [{"start": 2, "end": 99, "before": "x", "after": "c", "reason": "r"}], []))
    assert html == 'ab<span class="repair" id="repair-0" title="x → c: r">c</span>'


@pytest.mark.parametrize(
    ("text", "words", "spans"),
    [
        ("Đô thị, đồ thị và do thi", [("do", "thi")], [(0, 6), (8, 14), (18, 24)]),
        ("Đô thị, đồ thị và do thi", [("đô", "thị")], [(0, 6)]),
        ("thịt thị", [("thị",)], [(5, 8)]),
        ("a<b>", [("b",)], [(2, 3)]),
        ("nothing", [()], []),
    ],
)
def test_query_spans(text, words, spans):
    assert query_spans(text, words) == spans
