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
