"""One real legacy file per format from ../shared/realcorpus, scored against its transcript.

Two floors: the extraction decoded by run font alone ("fonts-only", the bench's diagnostic column) must
be near perfect — that is this package's own work — and the full `convert_file` must stay above a floor
that leaves the converter room for its case and punctuation decisions (see bench/realcorpus.py).
"""

from __future__ import annotations

import importlib.util

import pytest
from repo_paths import REPO, shared_path

from converters import convert_file

pytestmark = pytest.mark.slow

FILES = [
    "tcvn3/2004-NghiDinh114_2003.doc",
    "tcvn3/2003-A16.rtf",
    "tcvn3/2006-19412_QD115.04TTg_BLTch_DNNVV.pdf",
    "tcvn3/2005-82F5B_NK_01-05.xls",
    "vni/2009-20081202.257.xls",
    "vni/2009-Van-ban-phap-quy-2-_10-02-09.ppt",
    "synthetic-vni/synthetic-vni-2003-02144qd.docx",
]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_realcorpus", REPO / "bench" / "realcorpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    shared_path("realcorpus", "files")
    shared_path("eval", "score.py")
    return _bench()


@pytest.mark.parametrize("name", FILES)
def test_extraction_decoded_by_font_matches_the_transcript(bench, name: str) -> None:
    path = shared_path("realcorpus", "files", *name.split("/"))
    truth = shared_path("realcorpus", "ground-truth", f"{path.stem}.txt").read_text(encoding="utf-8")
    figures = bench.load_scorer().score(bench.fonts_only(path), truth)
    assert figures["diacritic"] >= 0.995, figures
    assert figures["syllable"] >= 0.995, figures


@pytest.mark.parametrize("name", FILES)
def test_convert_file_scores_above_the_floor(bench, name: str) -> None:
    path = shared_path("realcorpus", "files", *name.split("/"))
    truth = shared_path("realcorpus", "ground-truth", f"{path.stem}.txt").read_text(encoding="utf-8")
    result = convert_file(path)
    assert result.extraction.format == path.suffix.lstrip(".")
    figures = bench.load_scorer().score(result.conversion.text, truth)
    # These files all score ≥ 0.9997 today; the floor leaves the converter room for case and punctuation
    # decisions (drawing `.VnTimeH` headings in capitals cost up to 12 % on the short decree).
    assert figures["diacritic"] >= 0.97, figures
    assert figures["syllable"] >= 0.97, figures


def test_losses_are_classified_by_kind(bench) -> None:
    truth = "Mở đầu. Phụ lục kèm theo. Chương hai. Báo cáo của Bộ về trường học và bệnh viện."
    pred = "Mở đầu. Chương hai. Báo cáo của BỘ về truờng học và bệnh viên. Phụ lục kèm theo."
    kinds, pairs = bench.losses(bench.load_scorer(), pred, truth)
    assert kinds == {"ordering": 3, "capitals": 1, "lost ư": 1, "wrong letter": 1}
    assert pairs == {("ệ", "ê"): 1}
    assert bench.losses(bench.load_scorer(), truth, truth) == ({}, {})
