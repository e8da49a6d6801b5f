"""Year histograms as drawn: known years only, with the empty years between them when the span is short.

>>> year_slots([(1995, 2), (1998, 1)])
[(1995, 2), (1996, 0), (1997, 0), (1998, 1)]
>>> year_slots([(1500, 1), (2001, 3)])  # too wide to draw every year: only the years with documents
[(1500, 1), (2001, 3)]
>>> year_slots([(2001, 3), (2147483647, 1)])  # an index's "no year" placeholder is not a year
[(2001, 3)]
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask

MAX_SPAN = 200  # beyond this a slot per year is too thin to see or click


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


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(year_slots=year_slots, known_years=known_years)
