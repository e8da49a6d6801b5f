"""The `>>>` examples of the index modules run here (pytest collects doctests in `converters/` only)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["index.analysis", "index.query", "index.highlight", "index.suggest", "index.plan",
           "index.result_cache", "index.whoosh_positions", "index.posting_cache",
           "index.lru"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
