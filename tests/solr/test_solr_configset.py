"""The configset's analysis, asked of the running cluster: ICU folding and syllable shingles."""

from __future__ import annotations

import pytest

from index.solr.client import SolrClient

pytestmark = pytest.mark.slow


def analyse(cluster, collection: str, field_type: str, value: str) -> list[str]:
    data = SolrClient(cluster.url).get(f"{collection}/analysis/field", {
        "analysis.fieldtype": field_type, "analysis.fieldvalue": value})
    stages = data["analysis"]["field_types"][field_type]["index"]
    return [t["text"] for t in stages[-1]]


@pytest.mark.parametrize(("value", "expected"), [
    ("đường thị xã", ["duong", "thi", "xa"]),
    ("ĐỒNG Nai", ["dong", "nai"]),
    ("ưu tiên ơn", ["uu", "tien", "on"]),
    ("115/2003/nđ-cp", ["115/2003/nd-cp"]),
])
def test_folded_fields_use_icu_folding(solr_cluster, solr_collection, value, expected):
    assert analyse(solr_cluster, solr_collection, "vn_folded", value) == expected


def test_bigram_fields_are_syllable_shingles(solr_cluster, solr_collection):
    assert analyse(solr_cluster, solr_collection, "vn_bigrams", "báo cáo tổng kết") == [
        "báo cáo", "cáo tổng", "tổng kết"]
    assert analyse(solr_cluster, solr_collection, "vn_bigrams_folded", "báo cáo tổng") == [
        "bao cao", "cao tong"]


def test_exact_fields_keep_the_diacritics(solr_cluster, solr_collection):
    assert analyse(solr_cluster, solr_collection, "vn_exact", "hòa bình") == ["hòa", "bình"]
