"""The result types every converter step produces and every later layer consumes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, overload

from converters.gc_pause import collector_paused

# Repairs whose confidence is below this are listed for human review (web UI, `convert --report`).
REVIEW_THRESHOLD = 0.8


class Repair(NamedTuple):
    """One change the converter made: `before` became `after` at `start:end` of the output text.

    A named tuple rather than a dataclass: a converted document can carry hundreds of thousands (every
    VIQR word is one), and tuples of plain values are cheap to make and leave the garbage collector's
    view once it has seen them.
    """

    start: int
    end: int
    before: str
    after: str
    reason: str
    confidence: float = 1.0

    @property
    def needs_review(self) -> bool:
        return self.confidence < REVIEW_THRESHOLD

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "confidence": round(self.confidence, 3),
        }


class DeferredRepairs(Sequence[Repair]):
    """A conversion's repairs, worked out on first use: comparing the steps' texts costs about as much
    as the repairs themselves, and a caller that wants only the text never pays for it.

    >>> repairs = DeferredRepairs(lambda: (Repair(0, 1, "a", "b", "why"),))
    >>> len(repairs), repairs[0].after, repairs == (Repair(0, 1, "a", "b", "why"),)
    (1, 'b', True)
    """

    __slots__ = ("_items", "_lock", "_make")

    def __init__(self, make: Callable[[], tuple[Repair, ...]]) -> None:
        self._make: Callable[[], tuple[Repair, ...]] | None = make
        self._items: tuple[Repair, ...] | None = None
        self._lock = threading.Lock()  # two threads reading them at once work them out once

    def _all(self) -> tuple[Repair, ...]:
        if self._items is None:
            with self._lock:
                if self._items is None:
                    assert self._make is not None
                    with collector_paused():  # as in the conversion: many small acyclic objects
                        self._items = self._make()
                    self._make = None  # the steps' texts are no longer needed
        return self._items

    @overload
    def __getitem__(self, i: int) -> Repair: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Repair, ...]: ...
    def __getitem__(self, i: int | slice) -> Repair | tuple[Repair, ...]:
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Repair]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DeferredRepairs):
            other = other._all()
        return self._all() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._all())


@dataclass(frozen=True)
class Conversion:
    """Converted text (NFC) with the charset it came from, how sure we are, and what was changed."""

    text: str
    encoding: str
    confidence: float
    repairs: Sequence[Repair] = ()
    warnings: tuple[str, ...] = ()
    runner_up: str | None = None
    steps: tuple[str, ...] = field(default=())

    @property
    def review(self) -> list[Repair]:
        """Repairs a person should check."""
        return [r for r in self.repairs if r.needs_review]

    def to_dict(self, *, with_text: bool = False) -> dict:
        out = {
            "encoding": self.encoding,
            "confidence": round(self.confidence, 3),
            "runner_up": self.runner_up,
            "steps": list(self.steps),
            "repairs": [r.to_dict() for r in self.repairs],
            "review": len(self.review),
            "warnings": list(self.warnings),
        }
        if with_text:
            out["text"] = self.text
        return out
