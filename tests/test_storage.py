from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from detente import storage
from detente.errors import StorageError
from detente.storage import Store
from tests.factories import GBR, RUS, RUSMIL, coded_article, make_event

STAGES = ["actors.rules.v1", "cameo.rules.v1"]


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


def test_round_trip_events_and_quotes(store: Store) -> None:
    event = make_event("doc1", GBR, RUS, "040", 1.0, 1, date(2016, 11, 20), flags=("reported",))
    store.save(coded_article(events=(event,)), STAGES)
    assert list(store.events()) == [event]
    [quote] = list(store.quotes())
    assert quote == coded_article(events=(event,)).quotes[0]


def test_same_article_twice_is_current_and_changes_nothing(store: Store) -> None:
    coded = coded_article(events=(make_event("doc1", GBR, RUS, "040", 1.0, 1, date(2016, 11, 20)),))
    store.save(coded, STAGES)
    assert store.is_current("doc1", coded.article.text, STAGES)
    assert not store.is_current("doc1", coded.article.text + " More.", STAGES)
    assert not store.is_current("doc1", coded.article.text, ["cameo.rules.v2"])
    store.save(coded, STAGES)
    counts = store.counts()
    assert (counts.articles, counts.events, counts.quotes) == (1, 1, 1)


def test_resave_replaces_old_rows(store: Store) -> None:
    store.save(
        coded_article(events=(make_event("doc1", GBR, RUS, "040", 1.0, 1, date(2016, 11, 20)),)), STAGES
    )
    store.save(coded_article(events=()), STAGES)
    assert store.counts().events == 0


def test_dyad_filter_matches_both_directions_and_sector_codes(store: Store) -> None:
    events = (
        make_event("doc1", GBR, RUS, "040", 1.0, 1, date(2016, 11, 20), sentence_index=0),
        make_event("doc1", RUSMIL, GBR, "111", -2.0, 3, date(2016, 10, 1), "month", sentence_index=1),
        make_event("doc1", RUS, None, "010", 0.0, 1, date(2016, 11, 20), sentence_index=2),
    )
    store.save(coded_article(events=events), STAGES)
    assert len(list(store.events(("GBR", "RUS")))) == 2
    assert len(list(store.events(("RUS", "GBR")))) == 2
    assert [e.cameo for e in store.events(("RUSMIL", "GBR"))] == ["111"]
    assert [e.cameo for e in store.events(("GBR", "RUS"), since=date(2016, 11, 1))] == ["040"]
    assert [e.cameo for e in store.events(until=date(2016, 10, 31))] == ["111"]


def test_dyad_periods_aggregate_by_month(store: Store) -> None:
    events = (
        make_event("doc1", GBR, RUS, "040", 1.0, 1, date(2016, 11, 20), sentence_index=0),
        make_event("doc1", RUS, GBR, "036", 4.0, 1, date(2016, 11, 21), sentence_index=1),
        make_event("doc1", RUSMIL, GBR, "111", -2.0, 3, date(2016, 10, 1), "month", sentence_index=2),
    )
    store.save(coded_article(events=events), STAGES)
    rows = store.dyad_periods("GBR", "RUS", "month")
    assert [(r.period, r.events, r.goldstein_sum) for r in rows] == [
        ("2016-10", 1, -2.0),
        ("2016-11", 2, 5.0),
    ]
    assert rows[1].quad_counts == {"1": 2, "2": 0, "3": 0, "4": 0}
    assert [r.period for r in store.dyad_periods("GBR", "RUS", "week")] == [
        "2016-W39",
        "2016-W46",
        "2016-W47",
    ]
    with pytest.raises(StorageError, match="unknown frequency"):
        store.dyad_periods("GBR", "RUS", "year")


def test_component_state_round_trips(store: Store) -> None:
    assert store.load_state("dedup") is None
    store.save_state("dedup", {"version": 2, "exact": {"abc": "doc1"}})
    store.save_state("dedup", {"version": 2, "exact": {"abc": "doc2"}})
    assert store.load_state("dedup") == {"version": 2, "exact": {"abc": "doc2"}}


def test_reopening_a_file_keeps_data_and_migrations(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.duckdb"
    with Store(path) as store:
        store.save(coded_article(), STAGES)
    with Store(path) as store:
        assert store.counts().articles == 1


def test_busiest_dyads_ignore_domestic_and_one_sided(store: Store) -> None:
    events = (
        make_event("doc1", GBR, RUS, "040", 1.0, 1, date(2016, 11, 20), sentence_index=0),
        make_event("doc1", RUS, RUSMIL, "040", 1.0, 1, date(2016, 11, 20), sentence_index=1),
        make_event("doc1", RUS, None, "010", 0.0, 1, date(2016, 11, 20), sentence_index=2),
    )
    store.save(coded_article(events=events), STAGES)
    assert store.busiest_dyads() == [("GBR", "RUS", 1)]


def test_every_speaker_of_a_joint_quote_round_trips(store: Store) -> None:
    coded = coded_article()
    joint = dataclasses.replace(coded.quotes[0], speaker=GBR, speakers=(GBR, RUS))
    store.save(dataclasses.replace(coded, quotes=(joint,)), STAGES)
    assert [q.speakers for q in store.quotes()] == [(GBR, RUS)]


def test_a_store_from_before_quote_speakers_is_migrated(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.duckdb"
    monkeypatch.setattr(storage, "MIGRATIONS", storage.MIGRATIONS[:4])
    row_of = storage._quote_row
    monkeypatch.setattr(storage, "_quote_row", lambda quote: row_of(quote)[:-1])  # rows as 0004 wrote them
    with Store(path) as store:
        store.save(coded_article(), STAGES)
    monkeypatch.undo()
    with Store(path) as store:
        [quote] = list(store.quotes())
        assert quote.speakers == () and quote.speaker == RUS
        store.save(coded_article(doc_id="doc2"), STAGES)
        assert store.counts().quotes == 2
