"""How a pair of countries gets along, period by period.

The relationship index of a period is the Goldstein mean shrunk towards neutral by one neutral
pseudo-event, so that a single event does not swing the series to an extreme:

    index = goldstein_sum / (events + PRIOR_EVENTS),   PRIOR_EVENTS = 1

Goldstein values lie in [-10, 10], so the index does too (strictly inside it), is 0 for no evidence, and
tends to the Goldstein mean as events accumulate.
"""

from __future__ import annotations

from detente.models import DyadPoint
from detente.storage import Store

PRIOR_EVENTS = 1.0
FREQUENCIES = ("day", "week", "month")


def relationship_index(goldstein_sum: float, events: int) -> float:
    return goldstein_sum / (events + PRIOR_EVENTS)


def relations(store: Store, a: str, b: str, freq: str = "day") -> list[DyadPoint]:
    """The time series of the pair a–b (both directions), one point per period that has events."""
    a, b = a.upper(), b.upper()
    return [
        DyadPoint(
            a=a,
            b=b,
            period=row.period,
            events=row.events,
            quad_counts=row.quad_counts,
            goldstein_sum=row.goldstein_sum,
            goldstein_mean=row.goldstein_sum / row.events,
            index=relationship_index(row.goldstein_sum, row.events),
        )
        for row in store.dyad_periods(a, b, freq)
    ]
