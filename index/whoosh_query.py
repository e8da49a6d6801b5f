"""Compile the backend-neutral query tree (`index.query`) into Whoosh queries over our schema.

- An accented word matches its exact form (boosted) or, with a lower weight, its folded form; an
  unaccented word matches the folded fields. Title fields carry the BM25F title weight.
- A phrase is a conjunction of bigram terms (`"báo cáo tổng"` → `báo cáo` AND `cáo tổng`), which is a few
  posting-list lookups and scores as before; from three syllables on it also requires the folded bigrams
  at consecutive positions (`REQUIRE` a `Phrase` on `bigrams_f`, matched on arrays of positions by
  `index.whoosh_docsets`), so it is exact. Whoosh's positional matcher over the syllable fields would
  scan every document containing all the words.
- Facet filters are exact terms on the sortable facet fields; `year` is numeric.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.matching import RequireMatcher

from index import query as ast
from index.analysis import bigrams, exact_form, folded_form, tokens
from index.schema import DRAFT, decade_of

EXACT_BOOST = 2.0  # an accented word found with its accents outranks the same word found folded
TEXT_FIELDS = {None: ("title", "body"), "title": ("title",)}


def compile_query(node: ast.Node, *, include_drafts: bool = False) -> wq.Query:
    """The Whoosh query for a parsed tree; drafts are excluded unless asked for."""
    q = _compile(node)
    if not include_drafts:
        q = wq.And([q, wq.Not(wq.Term("status", DRAFT))])
    return q


def _compile(node: ast.Node) -> wq.Query:
    if isinstance(node, ast.Term):
        return _term(node.text, node.field)
    if isinstance(node, ast.Phrase):
        return _phrase(node.words, node.field)
    if isinstance(node, ast.Filter):
        return _filter(node.field, node.value)
    if isinstance(node, ast.Range):
        return wq.NumericRange(node.field, node.low, node.high)
    if isinstance(node, ast.Not):
        return wq.Not(_compile(node.node))
    if isinstance(node, ast.And):
        return wq.And([_compile(n) for n in node.nodes])
    if isinstance(node, ast.Or):
        return wq.Or([_compile(n) for n in node.nodes])
    return wq.Every()


def _term(text: str, field: str | None) -> wq.Query:
    toks = tokens(text)
    if not toks:
        return wq.NullQuery
    if len(toks) > 1 and not toks[0][3]:
        return _phrase(tuple(t[0] for t in toks), field)
    word = toks[0][0]
    exact, folded = exact_form(word), folded_form(word)
    clauses: list[wq.Query] = []
    for name in TEXT_FIELDS[field]:
        if exact != folded:
            clauses.append(wq.Term(name, exact, boost=EXACT_BOOST))
        clauses.append(wq.Term(name + "_f", folded))
    if toks[0][3]:
        # A code (115/2003/NĐ-CP) is indexed whole and as its parts: `NĐ-CP` alone is found as a phrase.
        clauses.append(_phrase(tuple(t[0] for t in toks[1:]), field))
    return clauses[0] if len(clauses) == 1 else wq.Or(clauses)


def phrase_parts(words: tuple[str, ...]) -> list[str]:
    """The syllables of a phrase as the bigram fields see them (codes split into their parts)."""
    return [w for text in words for w, _s, _e, compound in tokens(text) if not compound]


def _phrase(words: tuple[str, ...], field: str | None) -> wq.Query:
    parts = phrase_parts(words)
    if len(parts) < 2:
        return _term(parts[0], field) if parts else wq.NullQuery
    exact = [exact_form(w) for w in parts]
    folded = [folded_form(w) for w in parts]
    accented = exact != folded
    if field == "title":
        # Titles are short: a positional phrase on them is cheap.
        folded_q = wq.Phrase("title_f", folded)
        if not accented:
            return folded_q
        return wq.Or([wq.Phrase("title", exact, boost=EXACT_BOOST), folded_q])
    folded_q = wq.And([wq.Term("bigrams_f", b) for b in bigrams(folded)])
    if accented:
        exact_q = wq.And([wq.Term("bigrams", b) for b in bigrams(exact)], boost=EXACT_BOOST)
        core: wq.Query = wq.Or([exact_q, folded_q])
    else:
        core = folded_q
    if len(parts) > 2:
        # Bigrams a b + b c do not prove "a b c": they must also start at consecutive positions.
        core = Require(core, wq.Phrase("bigrams_f", bigrams(folded)))
    return wq.AndMaybe(core, wq.Phrase("title_f", folded, boost=2.0))


class Require(wq.Require):
    """Documents of `a` that `b` also matches, scored by `a` alone, as Whoosh documents `Require`: Whoosh
    2.7.4's own matcher is `a AND NOT b` instead (a copy of `AndNot.matcher`)."""

    def matcher(self, searcher, context=None):
        return RequireMatcher(self.a.matcher(searcher, context),
                              self.b.matcher(searcher, searcher.boolean_context()))


def _filter(field: str, value: str) -> wq.Query:
    if field == "year":
        if not value.isdigit():
            return wq.NullQuery
        return wq.NumericRange("year", int(value), int(value))
    if field == "decade":
        digits = value.rstrip("sS")
        return wq.Term("decade", decade_of(int(digits))) if digits.isdigit() else wq.NullQuery
    if field == "encoding":
        value = value.lower()
    return wq.Term(field, value)


def highlight_terms(node: ast.Node) -> set[str]:
    """Folded syllables to mark in snippets: every word of every non-negated word or phrase."""
    out: set[str] = set()
    for words in ast.positive_words(node):
        for text in words:
            out.update(folded_form(w) for w, _s, _e, compound in tokens(text) if not compound)
    return out
