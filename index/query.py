"""The search query language, parsed into a small backend-neutral syntax tree.

Words, `"phrases"`, `-exclude`, `OR`, field filters (`year:2005`, `year:2003..2007`, `type:"quyết định"`,
`source:…`, `encoding:tcvn3`) and `title:` restrictions. Each backend compiles the same tree
(`index.whoosh_query` for Whoosh, `index.solr` for SolrCloud), so the syntax is defined once.

>>> parse('báo "đô thị" -hà year:2003..2007')  # doctest: +NORMALIZE_WHITESPACE
And(nodes=(Term(text='báo', field=None), Phrase(words=('đô', 'thị'), field=None),
           Not(node=Term(text='hà', field=None)), Range(field='year', low=2003, high=2007)))
>>> parse("tcvn3 OR vni")
Or(nodes=(Term(text='tcvn3', field=None), Term(text='vni', field=None)))
>>> to_string(parse('type:"quyết định"  title:"đô thị" -x'))
'type:"quyết định" title:"đô thị" -x'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Fields a user may filter on with `field:value`; `year` and `decade` also take ranges `a..b`.
FILTER_FIELDS = ("year", "decade", "type", "source", "format", "encoding", "collection", "status")
RANGE_FIELDS = ("year",)
TEXT_FIELDS = ("title",)  # `title:word` / `title:"phrase"` restricts a word or phrase to titles


@dataclass(frozen=True)
class Term:
    """One word as the user typed it (NFC); `field` is None (title and body) or `"title"`."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class Phrase:
    """Adjacent words, in order."""

    words: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True)
class Filter:
    """An exact facet value: `type:"quyết định"`, `encoding:tcvn3`, `year:2005`."""

    field: str
    value: str


@dataclass(frozen=True)
class Range:
    """An inclusive numeric range; a missing end is open: `year:2003..2007`, `year:..1999`."""

    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class MatchAll:
    """The empty query: every document (filters and facets still apply)."""


Node = Term | Phrase | Filter | Range | Not | And | Or | MatchAll

# A clause: optional `-`, optional `field:`, then a quoted string (closing quote optional) or a bare word.
_CLAUSE = re.compile(r'(?P<neg>-)?(?:(?P<field>[A-Za-z_]+):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>\S+))')
_WORD = re.compile(r"\w+(?:[./\-]\w+)*")
_RANGE = re.compile(r"^(\d*)\.\.(\d*)$")


def parse(q: str) -> Node:
    """Parse a query string. Never raises: anything unrecognised is searched as words."""
    q = unicodedata.normalize("NFC", q or "")
    groups: list[list[Node]] = [[]]  # clauses joined by OR bind tighter than the implicit AND
    pending_or = False
    pos = 0
    while pos < len(q):
        if q[pos].isspace():
            pos += 1
            continue
        m = _CLAUSE.match(q, pos)
        pos = m.end()
        if m.group("bare") == "OR" and not m.group("neg") and not m.group("field"):
            pending_or = bool(groups[-1])
            continue
        node = _clause(m)
        if node is None:
            continue
        if pending_or:
            groups[-1].append(node)
        else:
            groups.append([node])
        pending_or = False
    clauses = [g[0] if len(g) == 1 else Or(tuple(g)) for g in groups if g]
    if not clauses:
        return MatchAll()
    return clauses[0] if len(clauses) == 1 else And(tuple(clauses))


def _clause(m: re.Match) -> Node | None:
    field = (m.group("field") or "").lower() or None
    quoted = m.group("quoted")
    raw = quoted if quoted is not None else m.group("bare")
    if field and field not in FILTER_FIELDS and field not in TEXT_FIELDS:
        # `http://…`, `15:30`: not a field, so the whole thing is text.
        raw = f"{m.group('field')}:{raw}"
        field = None
    node: Node | None
    if field in FILTER_FIELDS:
        node = _filter(field, raw.strip())
    else:
        node = _text(raw, field, quoted=quoted is not None)
    if node is not None and m.group("neg"):
        node = Not(node)
    return node


def _filter(field: str, value: str) -> Node | None:
    if not value:
        return None
    rng = _RANGE.match(value)
    if field in RANGE_FIELDS and rng and (rng.group(1) or rng.group(2)):
        low, high = (int(g) if g else None for g in rng.groups())
        return Range(field, low, high)
    return Filter(field, value)


def _text(raw: str, field: str | None, *, quoted: bool) -> Node | None:
    """A bare word is a Term; a quoted string (or a bare `đô-thị`-like word that splits) is a Phrase."""
    words = _WORD.findall(raw)
    if not words:
        return None
    if not quoted and len(words) == 1:
        return Term(words[0], field)
    if quoted:
        # Inside quotes codes such as 115/2003/NĐ-CP stay whole: they are one indexed token.
        return Term(words[0], field) if len(words) == 1 else Phrase(tuple(words), field)
    return Phrase(tuple(words), field)


def to_string(node: Node) -> str:
    """Render a tree back into the query language (used for "did you mean" links)."""
    if isinstance(node, Term):
        return f"{node.field}:{node.text}" if node.field else node.text
    if isinstance(node, Phrase):
        text = '"' + " ".join(node.words) + '"'
        return f"{node.field}:{text}" if node.field else text
    if isinstance(node, Filter):
        value = f'"{node.value}"' if any(c.isspace() for c in node.value) else node.value
        return f"{node.field}:{value}"
    if isinstance(node, Range):
        low = "" if node.low is None else str(node.low)
        high = "" if node.high is None else str(node.high)
        return f"{node.field}:{low}..{high}"
    if isinstance(node, Not):
        return "-" + to_string(node.node)
    if isinstance(node, And):
        return " ".join(to_string(n) for n in node.nodes)
    if isinstance(node, Or):
        return " OR ".join(to_string(n) for n in node.nodes)
    return ""


def restrict_to_title(node: Node) -> Node:
    """The same query with every word and phrase limited to titles (the "title only" search option)."""
    if isinstance(node, Term):
        return Term(node.text, "title")
    if isinstance(node, Phrase):
        return Phrase(node.words, "title")
    if isinstance(node, Not):
        return Not(restrict_to_title(node.node))
    if isinstance(node, And):
        return And(tuple(restrict_to_title(n) for n in node.nodes))
    if isinstance(node, Or):
        return Or(tuple(restrict_to_title(n) for n in node.nodes))
    return node


def with_filters(node: Node, filters: dict[str, list[str]]) -> Node:
    """Add the request's facet filters (values of one field OR'ed, fields AND'ed) to a parsed query."""
    extra: list[Node] = []
    for field, values in filters.items():
        nodes = [n for n in (_filter(field, str(v).strip()) for v in values) if n is not None]
        if nodes:
            extra.append(nodes[0] if len(nodes) == 1 else Or(tuple(nodes)))
    if not extra:
        return node
    base = [] if isinstance(node, MatchAll) else list(node.nodes) if isinstance(node, And) else [node]
    return And(tuple(base + extra)) if len(base) + len(extra) > 1 else extra[0]


def positive_words(node: Node) -> list[tuple[str, ...]]:
    """The words and phrases a match must (or may) contain, for highlighting: excludes negated clauses."""
    if isinstance(node, Term):
        return [(node.text,)]
    if isinstance(node, Phrase):
        return [node.words]
    if isinstance(node, And | Or):
        return [w for n in node.nodes for w in positive_words(n)]
    return []
