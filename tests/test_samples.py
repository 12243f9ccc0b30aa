"""The bundled sample corpus and its gold are well formed and agree with each other."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from detente.ingest import read_inputs
from detente.models import FLAGS, Article
from detente.samples import articles_path
from detente.samples.scoring import load_gold

GOLD_DIR = Path(__file__).parent / "gold"
CAMEO_ROOTS = {f"{number:02d}" for number in range(1, 21)}


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return _rows(articles_path())


@pytest.fixture(scope="module")
def texts(records: list[dict[str, Any]]) -> dict[str, str]:
    return {record["id"]: record["text"] for record in records}


def test_corpus_size_and_fields(records: list[dict[str, Any]]) -> None:
    assert 20 <= len(records) <= 40
    for record in records:
        assert set(record) == {"id", "title", "published", "source", "url", "text"}, record["id"]
        assert record["url"] is None
        assert record["source"] and record["title"]


def test_ids_unique(records: list[dict[str, Any]]) -> None:
    counts = Counter(record["id"] for record in records)
    assert [doc_id for doc_id, count in counts.items() if count > 1] == []


def test_dates_parse(records: list[dict[str, Any]]) -> None:
    for record in records:
        published = date.fromisoformat(record["published"])
        assert date(2000, 1, 1) < published < date(2030, 1, 1), record["id"]


def test_article_lengths(records: list[dict[str, Any]]) -> None:
    for record in records:
        words = len(record["text"].split())
        assert 120 <= words <= 350, (record["id"], words)


def test_one_pair_spans_months(records: list[dict[str, Any]]) -> None:
    """The India–Pakistan arc: 6–8 articles over roughly three months."""
    days = sorted(date.fromisoformat(r["published"]) for r in records if r["id"].startswith("ind-pak-"))
    assert 6 <= len(days) <= 8
    assert 60 <= (days[-1] - days[0]).days <= 120


def test_ingest_reads_every_article(records: list[dict[str, Any]]) -> None:
    articles = list(read_inputs([str(articles_path())]))
    assert all(isinstance(article, Article) for article in articles)
    assert [article.doc_id for article in articles if isinstance(article, Article)] == [
        r["id"] for r in records
    ]
    assert all(isinstance(article, Article) and article.published for article in articles)


def test_gold_doc_ids_exist(texts: dict[str, str]) -> None:
    gold = load_gold(GOLD_DIR)
    assert gold.doc_ids <= set(texts)
    assert {event.doc_id for event in gold.events} | {"sport-01"} == set(texts)


def test_gold_event_sentences_occur(texts: dict[str, str]) -> None:
    for event in load_gold(GOLD_DIR).events:
        assert event.sentence in texts[event.doc_id], (event.doc_id, event.sentence)


def test_gold_event_fields() -> None:
    for row in _rows(GOLD_DIR / "sample_events.jsonl"):
        assert row["root"] in CAMEO_ROOTS and row["cameo"].startswith(row["root"]), row
        assert set(row["flags"]) <= set(FLAGS), row
        assert row["source"] is None or len(row["source"]) == 3, row
        assert row["target"] is None or len(row["target"]) == 3, row
        assert row["source"] or row["target"], row
        assert row["date"] and row["date"][:4].isdigit(), row


def test_gold_quotes_occur(texts: dict[str, str]) -> None:
    for quote in load_gold(GOLD_DIR).quotes:
        assert quote.text_start in texts[quote.doc_id], (quote.doc_id, quote.text_start)
        assert quote.speaker_code and len(quote.speaker_code) in (3, 6), quote


def test_gold_timexes_occur(texts: dict[str, str]) -> None:
    gold = load_gold(GOLD_DIR)
    for timex in gold.timexes:
        assert timex.text in texts[timex.doc_id], (timex.doc_id, timex.text)
    for (doc_id, text), count in Counter((t.doc_id, t.text) for t in gold.timexes).items():
        assert texts[doc_id].count(text) >= count, (doc_id, text)
