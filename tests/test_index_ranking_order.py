"""A search orders only the matches it keeps: the same first matches as sorting them all."""

from __future__ import annotations

import numpy as np
import pytest

from index.searching import best_first, first_by


@pytest.mark.parametrize("k", [1, 7, 50, 400, 1000])
def test_the_best_matches_are_those_of_a_full_sort_ties_by_document_number(k):
    rng = np.random.default_rng(k)
    docs = np.sort(rng.choice(5000, 600, replace=False)).astype(np.int64)
    scores = rng.integers(0, 40, len(docs)) / 4.0  # many equal scores, also at the cut
    assert best_first(docs, scores, k).tolist() == np.lexsort((docs, -scores))[:k].tolist()


@pytest.mark.parametrize("k", [1, 7, 50, 400, 1000])
def test_the_first_by_date_are_those_of_a_full_sort(k):
    positions = np.random.default_rng(k).permutation(5000)[:600]
    assert first_by(positions, k).tolist() == np.argsort(positions)[:k].tolist()


def test_no_matches():
    assert best_first(np.array([], dtype=np.int64), np.array([]), 5).tolist() == []
    assert first_by(np.array([], dtype=np.int64), 5).tolist() == []
