"""Compile the backend-neutral query tree (`index.query`) into Solr's standard (Lucene) query syntax.

The same rules as `index.whoosh_query`, so both engines find the same documents:

- an accented word matches its exact form (boosted) or its folded form; an unaccented word the folded
  fields only; title fields carry the title weight;
- a code (`115/2003/NĐ-CP`) matches whole in `codes`, or as the phrase of its parts;
- a phrase is the conjunction of its bigrams; from three syllables on, a positional phrase on the folded
  title or body confirms they are contiguous;
- facet filters are exact terms; `year` is an integer range.

>>> compile_query(ast.parse('-hà year:2003..'))
'(-(title:"hà"^6.0 title_f:"hà"^3.0 body:"hà"^2.0 body_f:"hà") +year:[2003 TO *])'
"""

from __future__ import annotations

from index import query as ast
from index.analysis import bigrams, exact_form, folded_form, tokens
from index.schema import DRAFT, TITLE_BOOST, decade_of
from index.whoosh_query import EXACT_BOOST, phrase_parts

TEXT_FIELDS = {None: ("title", "body"), "title": ("title",)}
NOTHING = "(+*:* -*:*)"  # matches no document (a word with no letters, a bad year)
EVERYTHING = "*:*"


def compile_query(node: ast.Node) -> str:
    """The Solr `q` for a parsed tree (drafts are excluded separately, as a filter query)."""
    return _compile(node)


def drafts_filter() -> str:
    return f"-status:{quote(DRAFT)}"


def _compile(node: ast.Node) -> str:
    if isinstance(node, ast.Term):
        return _term(node.text, node.field)
    if isinstance(node, ast.Phrase):
        return _phrase(node.words, node.field)
    if isinstance(node, ast.Filter):
        return _filter(node.field, node.value)
    if isinstance(node, ast.Range):
        low = "*" if node.low is None else str(node.low)
        high = "*" if node.high is None else str(node.high)
        return f"{node.field}:[{low} TO {high}]"
    if isinstance(node, ast.Not):
        return f"(+{EVERYTHING} -{_compile(node.node)})"
    if isinstance(node, ast.And):
        # Negated clauses become prohibited clauses of the conjunction (`+a -b`), as Whoosh's And(Not) does.
        parts = [f"-{_compile(n.node)}" if isinstance(n, ast.Not) else f"+{_compile(n)}" for n in node.nodes]
        if all(p.startswith("-") for p in parts):
            parts.insert(0, f"+{EVERYTHING}")
        return "(" + " ".join(parts) + ")"
    if isinstance(node, ast.Or):
        return "(" + " ".join(_compile(n) for n in node.nodes) + ")"
    return EVERYTHING


def _term(text: str, field: str | None) -> str:
    toks = tokens(text)
    if not toks:
        return NOTHING
    if len(toks) > 1 and not toks[0][3]:
        return _phrase(tuple(t[0] for t in toks), field)
    word = toks[0][0]
    exact, folded = exact_form(word), folded_form(word)
    if toks[0][3]:
        # A code is indexed whole in `codes` and as its parts in the text: `NĐ-CP` alone is found as a phrase.
        clauses = [f"codes:{quote(exact)}^{EXACT_BOOST}", f"codes_f:{quote(exact)}",
                   _phrase(tuple(t[0] for t in toks[1:]), field)]
        return "(" + " ".join(clauses) + ")"
    clauses = []
    for name in TEXT_FIELDS[field]:
        weight = TITLE_BOOST if name == "title" else 1.0
        if exact != folded:
            clauses.append(f"{name}:{quote(exact)}^{weight * EXACT_BOOST}")
        # The folded field folds the query term itself (ICU), so it is sent in exact form too.
        clauses.append(f"{name}_f:{quote(exact)}" + (f"^{weight}" if weight != 1.0 else ""))
    return clauses[0] if len(clauses) == 1 else "(" + " ".join(clauses) + ")"


def _phrase(words: tuple[str, ...], field: str | None) -> str:
    parts = phrase_parts(words)
    if len(parts) < 2:
        return _term(parts[0], field) if parts else NOTHING
    exact = [exact_form(w) for w in parts]
    folded = [folded_form(w) for w in parts]
    accented = exact != folded
    if field == "title":
        # Titles are short: a positional phrase on them is cheap.
        folded_q = f"title_f:{quote(' '.join(exact))}"
        if not accented:
            return folded_q
        return f"(title:{quote(' '.join(exact))}^{EXACT_BOOST} {folded_q})"
    folded_q = "(" + " ".join(f"+bigrams_f:{quote(b)}" for b in bigrams(exact)) + ")"
    if accented:
        exact_q = "(" + " ".join(f"+bigrams:{quote(b)}" for b in bigrams(exact)) + ")"
        core = f"({exact_q}^{EXACT_BOOST} {folded_q})"
    else:
        core = folded_q
    text = quote(" ".join(exact))
    if len(parts) > 2:
        # Bigrams a b + b c do not prove "a b c" is contiguous: check positions as well.
        core = f"(+{core} +(body_f:{text} title_f:{text}))"
    # A phrase that is also in the title ranks higher (Whoosh's AndMaybe).
    return f"(+{core} title_f:{text}^2.0)"


def _filter(field: str, value: str) -> str:
    if field == "year":
        return f"year:{int(value)}" if value.isdigit() else NOTHING
    if field == "decade":
        digits = value.rstrip("sS")
        return f"decade:{quote(decade_of(int(digits)))}" if digits.isdigit() else NOTHING
    if field == "encoding":
        value = value.lower()
    return f"{field}:{quote(value)}"


def quote(value: str | None) -> str:
    """A quoted term: the query parser then hands it, whole, to the field's query analyser."""
    return '"' + (value or "").replace("\\", "\\\\").replace('"', '\\"') + '"'
