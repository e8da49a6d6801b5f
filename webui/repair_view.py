"""What the document page shows of the converter's repairs: a count per reason, the ones to check first,
and which repairs to mark in the text (a TCVN3 report can carry thousands: one per decoded word).

>>> rs = [{"reason": "decoded tcvn3", "confidence": 0.97}, {"reason": "restored lost ư", "confidence": 0.6},
...       {"reason": "decoded tcvn3", "confidence": 0.9}]
>>> view = repair_overview(rs, listed=2, marked=1)
>>> view.by_reason, view.review, [i for i, _ in view.listed], sorted(view.marked)
([('decoded tcvn3', 2, 0.9), ('restored lost ư', 1, 0.6)], 1, [1, 0], [0, 1])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from converters import REVIEW_THRESHOLD

MAX_LISTED = 300  # rows in the repairs table
MAX_MARKED = 3000  # repairs underlined in the text; beyond this the page grows without helping


@dataclass
class RepairOverview:
    total: int
    by_reason: list[tuple[str, int, float]] = field(default_factory=list)  # reason, count, lowest confidence
    review: int = 0  # how many fall below the review threshold
    listed: list[tuple[int, dict]] = field(default_factory=list)  # (index, repair), to review first
    marked: set[int] = field(default_factory=set)
    threshold: float = REVIEW_THRESHOLD


def repair_overview(repairs: Sequence[dict], *, listed: int = MAX_LISTED,
                    marked: int = MAX_MARKED) -> RepairOverview:
    """Repairs below the review threshold are listed (and marked) first; then the rest, up to the limits."""
    groups: dict[str, list[float]] = defaultdict(list)
    for repair in repairs:
        groups[repair["reason"]].append(repair.get("confidence", 1.0))
    by_reason = sorted(((reason, len(c), min(c)) for reason, c in groups.items()),
                       key=lambda group: (-group[1], group[0]))
    confidence = [r.get("confidence", 1.0) for r in repairs]
    # The ones to review first, then the others, each group in text order.
    chosen = sorted(range(len(repairs)), key=lambda i: (confidence[i] >= REVIEW_THRESHOLD, i))[:listed]
    return RepairOverview(
        total=len(repairs),
        by_reason=by_reason,
        review=sum(c < REVIEW_THRESHOLD for c in confidence),
        listed=[(i, repairs[i]) for i in chosen],
        marked=set(chosen) | set(range(min(marked, len(repairs)))),
    )
