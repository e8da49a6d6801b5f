"""Did-you-mean's syllable corrector: the most frequent syllable within two edits (Damerau-Levenshtein, the
distance Whoosh's multi-segment corrector uses, ties broken as Whoosh does), found through a deletion
index instead of a walk over the whole term list on every misspelled query."""

from __future__ import annotations

import random
import string

from backend_suite import DOCS, doc
from whoosh.support.levenshtein import damerau_levenshtein

from index.backend import SearchRequest
from index.suggest import SyllableCorrector
from index.whoosh_backend import WhooshBackend


def _typos(words: list[str], rng: random.Random) -> list[str]:
    out = []
    for word in words:
        for _ in range(4):
            w, i = list(word), rng.randrange(len(word))
            edit = rng.choice(("insert", "delete", "replace", "swap"))
            if edit == "insert":
                w.insert(i, rng.choice(string.ascii_lowercase))
            elif edit == "delete" and len(w) > 1:
                del w[i]
            elif edit == "replace":
                w[i] = rng.choice(string.ascii_lowercase)
            elif i + 1 < len(w):
                w[i], w[i + 1] = w[i + 1], w[i]
            out.append("".join(w))
    return out


def _expected(frequencies: dict[str, int], typo: str) -> list[str]:
    """Every syllable checked one by one: within 2 edits, the largest (frequency, word)."""
    near = [(f, w) for w, f in frequencies.items() if damerau_levenshtein(typo, w) <= 2]
    return [max(near)[1]] if near else []


def test_the_syllable_corrector_finds_what_a_full_walk_finds(tmp_path):
    backend = WhooshBackend(tmp_path)
    backend.add(DOCS)
    corrector = SyllableCorrector.of(backend.searcher(), "body_f")
    vocabulary = sorted(corrector.frequencies)
    assert len(vocabulary) > 50
    typos = [t for t in _typos(vocabulary, random.Random(5)) if t and t not in corrector.frequencies]
    assert len(typos) > 200
    for typo in typos:
        assert corrector.suggest(typo, limit=1, maxdist=2) == _expected(corrector.frequencies, typo), typo
    assert corrector.suggest("qqqqqq", limit=1, maxdist=2) == []


def test_the_corrector_is_built_beside_the_searches_and_after_a_commit_the_last_one_answers(tmp_path):
    backend = WhooshBackend(tmp_path)
    backend.add(DOCS)
    assert backend.search(SearchRequest(q="thuee")).suggestion == "thúy"  # Whoosh's corrector meanwhile
    backend._columns.corrector_build.join()
    assert backend.search(SearchRequest(q="thuee", sort="newest")).suggestion == "thúy"  # now from it
    backend.add([doc("new", "Xylophon", "Tiếng xylophon vang lên.")])  # a word the first one lacks
    stale = backend.search(SearchRequest(q="xylophom"))
    assert stale.total == 0 and stale.suggestion != "xylophon"
    backend._columns.corrector_build.join()  # the new generation's, built beside the searches
    assert backend.search(SearchRequest(q="xylophom tieng")).suggestion == "xylophon tiếng"
