""""Did you mean" on SolrCloud: the shared accent-restoring `Suggester`, fed by Solr's term statistics.

`index.suggest.Suggester` asks a Whoosh reader for document frequencies one term at a time and a Whoosh
corrector for spelling; over HTTP that would be hundreds of round trips. Here the candidates of a query
are gathered first and their frequencies fetched in one request (one `facet.query` per term, which
Solr counts across all shards); spelling goes to the spellchecker configured on `body_f`.
"""

from __future__ import annotations

from itertools import pairwise

from index.analysis import BIGRAM_JOINER, exact_form, folded_form
from index.solr.client import SolrClient
from index.solr.query import quote
from index.suggest import Suggester, accent_candidates

_BATCH = 400  # facet queries per request: keeps the form body small


class SolrTermStats:
    """Document frequencies from Solr, memoised for one suggestion."""

    def __init__(self, client: SolrClient, collection: str):
        self.client = client
        self.collection = collection
        self._df: dict[tuple[str, str], int] = {}

    def prefetch(self, pairs: list[tuple[str, str]]) -> None:
        """Fetch the frequencies of (field, term) pairs not yet known, in as few requests as possible."""
        todo = list(dict.fromkeys(p for p in pairs if p not in self._df))
        for i in range(0, len(todo), _BATCH):
            chunk = todo[i:i + _BATCH]
            queries = {f"{field}:{quote(term)}": (field, term) for field, term in chunk}
            data = self.client.post_form(f"{self.collection}/select", {
                "q": "*:*", "rows": 0, "facet": "true", "facet.query": list(queries)})
            counts = data.get("facet_counts", {}).get("facet_queries", {})
            for q, key in queries.items():
                self._df[key] = int(counts.get(q, 0))

    def doc_frequency(self, field: str, term: str) -> int:
        if (field, term) not in self._df:
            self.prefetch([(field, term)])
        return self._df[(field, term)]


class SolrCorrector:
    """The nearest indexed folded word by edit distance (Solr's DirectSolrSpellChecker on `body_f`)."""

    def __init__(self, client: SolrClient, collection: str):
        self.client = client
        self.collection = collection

    def suggest(self, word: str, limit: int = 1, maxdist: int = 2) -> list[str]:
        data = self.client.get(f"{self.collection}/select", {
            "q": "*:*", "rows": 0, "spellcheck": "true", "spellcheck.q": word,
            # Each shard proposes only `count` words before the merge: ask for a few, keep the best.
            "spellcheck.count": max(limit, 5), "spellcheck.maxEdits": maxdist})
        raw = data.get("spellcheck", {}).get("suggestions", [])
        # [word, {"suggestion": [...]}, ...] in Solr's flat list form
        for entry in raw[1::2]:
            return [s["word"] if isinstance(s, dict) else s for s in entry.get("suggestion", [])][:limit]
        return []


class _SolrSearcherView:
    """The two things `Suggester` uses from a Whoosh searcher: `reader()` and `corrector(field)`."""

    def __init__(self, stats: SolrTermStats, corrector: SolrCorrector):
        self._stats, self._corrector = stats, corrector

    def reader(self) -> SolrTermStats:
        return self._stats

    def corrector(self, field: str) -> SolrCorrector:
        return self._corrector


class SolrSuggester(Suggester):
    """`Suggester` with its term lookups batched: each word's candidates, then each adjacent pair."""

    def __init__(self, client: SolrClient, collection: str):
        self.stats = SolrTermStats(client, collection)
        super().__init__(_SolrSearcherView(self.stats, SolrCorrector(client, collection)))
        self._memo: dict[str, list[tuple[str, int]]] = {}

    def _candidates(self, word: str) -> list[tuple[str, int]]:
        if word not in self._memo:
            folded = folded_form(word)
            self.stats.prefetch([("body_f", folded), ("title_f", folded), ("body", exact_form(word))])
            df = self.stats.doc_frequency
            if not df("body_f", folded) and not df("title_f", folded):
                corrected = self.corrector.suggest(folded, limit=1, maxdist=2)
                folded = corrected[0] if corrected else ""
            if folded:
                self.stats.prefetch([(f, c) for c in accent_candidates(folded) for f in ("body", "title")])
            self._memo[word] = super()._candidates(word)
        return self._memo[word]

    def restore(self, words: list[str]) -> list[str]:
        options = [[c for c, _n in self._candidates(w)] or [exact_form(w)] for w in words]
        self.stats.prefetch([("bigrams", p + BIGRAM_JOINER + c)
                             for left, right in pairwise(options)
                             for p in left for c in right])
        return super().restore(words)
