from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.config import Config
from detente.storage import Store
from tests.factories import GBR, RUS, RUSMIL, coded_article, make_event
from tests.test_cli import validator


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    db = tmp_path / "api.duckdb"
    events = (
        make_event("d", RUSMIL, GBR, "111", -2.0, 3, date(2016, 10, 1), "month", sentence_index=0),
        make_event("d", GBR, RUS, "040", 1.0, 1, date(2016, 11, 20), sentence_index=1),
    )
    with Store(db) as store:
        store.save(coded_article("d", events=events), ["x.v1"])
    return TestClient(create_app(Config(db=str(db))))


def test_summary_events_relations_are_contract_lines(client: TestClient) -> None:
    summary = client.get("/api/summary").json()
    assert summary["events"] == 2 and summary["pairs"] == [{"a": "GBR", "b": "RUS", "events": 2}]
    events = client.get("/api/events", params={"dyad": "GBR-RUS", "since": "2016-11-01"}).json()
    assert [e["cameo"] for e in events] == ["040"]
    relations = client.get("/api/relations/GBR/RUS", params={"freq": "month"}).json()
    assert [r["period"] for r in relations] == ["2016-10", "2016-11"]
    for line in events + relations:
        validator().validate(line)


def test_bad_requests_are_422(client: TestClient) -> None:
    assert client.get("/api/events", params={"dyad": "GBRRUS"}).status_code == 422
    assert client.get("/api/relations/GBR/RUS", params={"freq": "year"}).status_code == 422


def test_dashboard_shows_the_pair_and_latest_events(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "GBR–RUS" in page.text and "<svg" in page.text and "040" in page.text


def test_code_endpoint_codes_text(client: TestClient) -> None:
    lines = client.post(
        "/api/code", json={"text": "Russia condemned Britain on Sunday.", "published": "2016-11-21"}
    ).json()
    assert lines[0]["kind"] == "article"
    for line in lines:
        validator().validate(line)
    assert any(line["kind"] == "event" for line in lines)
