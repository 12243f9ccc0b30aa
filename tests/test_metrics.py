from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from detente.metrics import relations, relationship_index
from detente.storage import Store
from tests.factories import GBR, RUS, coded_article, make_event


@given(st.lists(st.floats(min_value=-10, max_value=10), min_size=1, max_size=50))
def test_index_stays_inside_the_scale(values: list[float]) -> None:
    index = relationship_index(sum(values), len(values))
    assert -10 < index < 10
    mean = sum(values) / len(values)
    assert abs(index) <= abs(mean) + 1e-9


def test_relations_series_turns_from_cold_to_warm() -> None:
    store = Store(":memory:")
    events = (
        make_event("d", RUS, GBR, "111", -2.0, 3, date(2016, 10, 1), "month", sentence_index=0),
        make_event("d", RUS, GBR, "112", -2.0, 3, date(2016, 10, 1), "month", sentence_index=1),
        make_event("d", GBR, RUS, "040", 1.0, 1, date(2016, 11, 20), sentence_index=2),
        make_event("d", RUS, GBR, "040", 1.0, 1, date(2016, 11, 20), sentence_index=3),
    )
    store.save(coded_article("d", events=events), ["x.v1"])
    [october, november] = relations(store, "gbr", "rus", "day")
    assert (october.period, october.events, october.goldstein_mean) == ("2016-10-01", 2, -2.0)
    assert october.index == -4.0 / 3
    assert november.index > 0 > october.index
    assert (november.a, november.b) == ("GBR", "RUS")
