"""The motivating page, end to end (needs ../shared/seed; skipped with a reason when absent)."""

from __future__ import annotations

from datetime import date

import pytest

from detente import jobs
from detente.metrics import relations
from detente.models import CodedArticle
from detente.storage import Store
from tests.conftest import shared_path

PUBLISHED = date(2016, 11, 21)


@pytest.fixture(scope="module")
def seed(pipeline) -> CodedArticle:  # type: ignore[no-untyped-def]
    path = shared_path("seed", "russia-uk-breakthrough.txt")
    [coded] = list(jobs.code([str(path)], published=PUBLISHED, pipeline=pipeline))
    assert isinstance(coded, CodedArticle)
    return coded


def dyad(event) -> frozenset[str | None]:  # type: ignore[no-untyped-def]
    return frozenset({event.source and event.source.country, event.target and event.target.country})


def test_page_furniture_is_removed(seed: CodedArticle) -> None:
    for junk in ("10375 views", "Поделиться:", "Print:"):
        assert junk in seed.article.removed
        assert junk not in seed.article.text


def test_phone_call_on_sunday_between_gbr_and_rus(seed: CodedArticle) -> None:
    calls = [e for e in seed.events if e.root == "04" and dyad(e) == {"GBR", "RUS"}]
    assert calls, [(e.cameo, e.trigger, e.source, e.target) for e in seed.events]
    assert date(2016, 11, 20) in {e.when.date for e in calls}


def test_october_denunciations_are_dated_october(seed: CodedArticle) -> None:
    conflict = [e for e in seed.events if e.quad_class in (3, 4) and dyad(e) == {"GBR", "RUS"}]
    assert conflict, [(e.cameo, e.trigger, e.source, e.target) for e in seed.events]
    # The spat of October: the slamming, Konashenkov's denunciation, the accusation he quotes.
    assert len(conflict) >= 2
    assert all(e.when.date and (e.when.date.year, e.when.date.month) == (2016, 10) for e in conflict)


def test_quotes_have_their_speakers(seed: CodedArticle) -> None:
    speakers = {q.text[:25]: q.speaker for q in seed.quotes if q.direct}
    expect = {
        "The Foreign Secretary spo": "GBRGOV",
        "[The Russian side] is rea": "RUSGOV",
        "There is no commensurate": "GBRGOV",
        "The Russophobic hysteria": "RUSMIL",
    }
    for start, code in expect.items():
        match = [s for text, s in speakers.items() if text.startswith(start[:20])]
        assert match, f"no direct quote starting {start!r}; got {list(speakers)}"
        assert match[0] is not None and match[0].code == code


def test_no_event_comes_from_page_junk(seed: CodedArticle) -> None:
    for event in seed.events:
        assert "views" not in event.sentence and "Print:" not in event.sentence


def test_relations_cold_in_october_warm_on_20_november(pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = shared_path("seed", "russia-uk-breakthrough.txt")
    with Store(tmp_path / "seed.duckdb") as store:
        jobs.ingest_into(store, [str(path)], published=PUBLISHED, pipeline=pipeline)
        points = {p.period: p for p in relations(store, "GBR", "RUS", "day")}
    october = [p for period, p in points.items() if period.startswith("2016-10")]
    assert october and sum(p.goldstein_sum for p in october) < 0
    assert points["2016-11-20"].index > 0


def _found(seed: CodedArticle) -> set[tuple[str | None, str | None, str]]:
    return {(e.source and e.source.country, e.target and e.target.country, e.root) for e in seed.events}


def test_concern_reaches_both_things_it_is_about(seed: CodedArticle) -> None:
    """'concern about the situation in Ukraine, and continued Russian support for the separatists'."""
    assert {("GBR", "UKR", "01"), ("GBR", "RUS", "01")} <= _found(seed)


def test_russian_support_goes_to_ukrainian_separatists(seed: CodedArticle) -> None:
    support = [e for e in seed.events if e.trigger.startswith("support")]
    assert [(e.source and e.source.country, e.target and e.target.code, e.root) for e in support] == [
        ("RUS", "UKRREB", "07")
    ]


def test_call_to_protest_is_rallying_opposition_dated_before_the_spat(seed: CodedArticle) -> None:
    [call] = [e for e in seed.events if e.trigger.startswith("calling on")]
    assert (call.source and call.source.country, call.target and call.target.country) == ("GBR", "RUS")
    assert call.cameo == "113"
    assert (call.when.date, call.when.precision) == (date(2016, 10, 1), "month")
    assert call.when.text and call.when.text.startswith("before the spat")


def test_no_event_from_not_wanting_to_remove_assad(seed: CodedArticle) -> None:
    assert not [e for e in seed.events if e.root == "17"]
    assert not [e for e in seed.events if "remove" in e.trigger]


def test_every_expected_seed_event(seed: CodedArticle) -> None:
    """Source and target country, root and month of each event the page reports (the table of README)."""
    found = {
        (
            e.source and e.source.country,
            e.target and e.target.country,
            e.root,
            e.when.date and e.when.date.month,
        )
        for e in seed.events
    }
    expected = {
        ("RUS", "GBR", "11", 10),  # Johnson was slammed (last month)
        ("GBR", "RUS", "04", 11),  # the phone call on Sunday
        ("GBR", "RUS", "02", 11),  # urged Russia to use its influence
        ("GBR", "RUS", "03", 11),  # both ministers agreed on the need for dialogue
        ("RUS", "GBR", "03", 11),
        ("GBR", "RUS", "11", 10),  # the call to protest; 'accuses Russia of committing every deadly sin'
        ("SYR", "USA", "05", 11),  # Assad described Trump as a natural ally (last week)
    }
    assert expected <= found, sorted(expected - found)
    offers = [e for e in seed.events if e.root == "03" and "conditional" in e.flags]
    assert offers and all((e.source and e.source.country) == "RUS" for e in offers)


def test_both_ministries_insist_on_dialogue(seed: CodedArticle) -> None:
    [joint] = [q for q in seed.quotes if q.text.startswith("they will continue to have dialogue")]
    assert [s.code for s in joint.speakers] == ["GBRGOV", "RUSGOV"]


def test_the_offer_restated_in_a_quote_keeps_its_day(seed: CodedArticle) -> None:
    """Lavrov was "ready to bury the hatchet if …"; he said: "… is ready to reciprocate if …"."""
    offers = [e for e in seed.events if e.trigger.startswith(("ready to bury", "ready to reciprocate"))]
    assert len(offers) == 2
    assert {(e.when.date, e.when.precision) for e in offers} == {(date(2016, 11, 20), "day")}
