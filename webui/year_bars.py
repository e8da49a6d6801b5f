"""Year histograms as drawn: known years only, with the empty years between them when the span is short.

The bars are made here rather than in a Jinja macro: a results page draws up to 200 of them, each a link
with a translated label, and a macro spends ten times as long per bar.

>>> year_slots([(1995, 2), (1998, 1)])
[(1995, 2), (1996, 0), (1997, 0), (1998, 1)]
>>> year_slots([(1500, 1), (2001, 3)])  # too wide to draw every year: only the years with documents
[(1500, 1), (2001, 3)]
>>> year_slots([(2001, 3), (2147483647, 1)])  # an index's "no year" placeholder is not a year
[(2001, 3)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from flask import Flask, url_for
from flask_babel import gettext as _

from webui.i18n import group_digits, language
from webui.query_args import narrowing_links

MAX_SPAN = 200  # beyond this a slot per year is too thin to see or click
HEIGHTS = 20  # bar heights are the CSS classes h0..h20, not inline styles, so a strict CSP keeps them


@dataclass(frozen=True)
class Bar:
    """One year's slot: `height` 0 (no documents, no link) to `HEIGHTS`."""

    year: int
    count: int
    height: int
    href: str = ""
    label: str = ""  # "1998: 12 documents" in the reader's language
    title: str = ""  # "1998: 12"


def known_years(histogram: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(year, count) pairs whose year could be a document's (four digits at most), ascending."""
    return sorted((year, count) for year, count in histogram if 0 < year < 10_000)


def year_slots(histogram: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every year from the first to the last (count 0 where none), or only the known years if too wide."""
    years = known_years(histogram)
    if not years or years[-1][0] - years[0][0] > MAX_SPAN:
        return years
    counts = dict(years)
    return [(year, counts.get(year, 0)) for year in range(years[0][0], years[-1][0] + 1)]


def histogram_bars(histogram: Iterable[tuple[int, int]]) -> list[Bar]:
    """The bars of a histogram, each year with documents a link narrowing the current search to it."""
    slots = year_slots(histogram)
    if not slots:
        return []
    peak = max(count for _year, count in slots)
    label = _("%(year)s: %(count)s documents")  # translated once; formatted per bar
    lang = language()
    hrefs = iter(narrowing_links(url_for("search.results"), "year", [str(y) for y, count in slots if count]))
    bars = []
    for year, count in slots:
        if not count:
            bars.append(Bar(year, 0, 0))
            continue
        number = group_digits(count, lang)
        bars.append(Bar(year, count, math.ceil(count * HEIGHTS / peak), next(hrefs),
                        label % {"year": year, "count": number}, f"{year}: {number}"))
    return bars


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(known_years=known_years)
    app.jinja_env.globals.update(histogram_bars=histogram_bars)
