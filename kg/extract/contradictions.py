"""What the casualty claims say together: which contradict each other (different figures for the
same event, side and category, from different claimants), and the low/high range they span.

Two figures contradict only when no single number satisfies both: ``5`` and ``35`` do, ``~30``
and ``at least 25`` do not, and vague amounts (``several dozen``) contradict nothing. Figures the
article gives in its own voice, or that one claimant gives twice (a total and the bodies found),
are parts of one account, not a dispute.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import math

from kg.model import CasualtyClaim, Estimate, Quantity

__all__ = ["bounds", "contradictions", "estimates"]

_APPROXIMATE = 0.1  # "~30" is read as 27–33


def bounds(q: Quantity) -> tuple[float, float] | None:
    """The range of numbers a quantity allows, or None when it gives none (vague words).

    >>> bounds(Quantity(count=30, approximate=True)), bounds(Quantity(min=7))
    ((27.0, 33.0), (7, inf))
    """
    if q.count is not None:
        if q.approximate:
            return q.count * (1 - _APPROXIMATE), q.count * (1 + _APPROXIMATE)
        return q.count, q.count
    if q.min is None and q.max is None:
        return None
    return (q.min if q.min is not None else 0), (q.max if q.max is not None else float("inf"))


def contradictions(claims: list[CasualtyClaim],
                   same_source: Callable[[list[str], list[str]], bool] | None = None,
                   ) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of claims that contradict each other.

    ``same_source`` tells whether two claimant lists speak for the same party (the Malian army
    for Mali); by default, when they share a claimant.
    """
    same = same_source or (lambda a, b: bool(set(a) & set(b)))
    pairs = []
    for (i, a), (j, b) in combinations(enumerate(claims), 2):
        if a.event != b.event or a.category != b.category:
            continue
        if a.side is None or (a.side, a.affects) != (b.side, b.affects):
            continue
        if not a.claimants or not b.claimants or same(a.claimants, b.claimants):
            continue
        range_a, range_b = bounds(a.quantity), bounds(b.quantity)
        if range_a is None or range_b is None:
            continue
        if range_a[1] < range_b[0] or range_b[1] < range_a[0]:
            pairs.append((i, j))
    return pairs


def estimates(claims: list[CasualtyClaim], categories: tuple[str, ...] = ("Killed",)
              ) -> list[Estimate]:
    """Per event, side and category, the lowest and highest figure the claims allow.

    >>> from kg.model import CasualtyClaim as C
    >>> [(e.low, e.high) for e in estimates([C("e", "Killed", Quantity(count=5), side=1),
    ...                                      C("e", "Killed", Quantity(min=7), side=1),
    ...                                      C("e", "Killed", Quantity(count=35), side=1)])]
    [(5, 35)]
    """
    groups: dict[tuple[str, int, str], list[int]] = {}
    for i, claim in enumerate(claims):
        if claim.side is not None and claim.category in categories and bounds(claim.quantity):
            groups.setdefault((claim.event, claim.side, claim.category), []).append(i)
    out = []
    for (event, side, category), members in sorted(groups.items()):
        ranges = [bounds(claims[i].quantity) for i in members]
        low = math.floor(min(lo for lo, _ in ranges))
        finite = [hi for _, hi in ranges if hi != float("inf")]
        high = math.ceil(max(finite)) if finite else None
        if high is not None and high < max(lo for lo, _ in ranges):
            high = None  # an open-ended claim goes beyond every bounded one
        out.append(Estimate(event, side, category, low, high, members))
    return out
