"""The shared backend behaviour (`tests/backend_suite.py`) against a real 2-shard x 2-replica SolrCloud."""

from __future__ import annotations

import pytest
from backend_suite import BackendSuite

pytestmark = pytest.mark.slow


class TestSolrBackend(BackendSuite):
    @pytest.fixture
    def backend(self, solr_backend):
        return solr_backend
