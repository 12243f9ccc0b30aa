"""The CLI of CONTRACT.md: every command answers with valid lines, and everything is documented."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from detente.cli import app
from tests.test_ingest_feeds import site  # noqa: F401  (the local feed server fixture)

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "src/detente/schema/output.schema.json").read_text())
runner = CliRunner()

TEXT = """Talks resume

LONDON, Nov 21 - British Foreign Secretary Boris Johnson spoke by phone to Russian Foreign Minister Sergey \
Lavrov on Sunday, the Foreign Office said.

Last month Russia's defence ministry accused Britain of "Russophobic hysteria" after Johnson urged protests \
outside the Russian embassy.

"We are ready to reciprocate," Lavrov said.
"""


@lru_cache(maxsize=1)
def validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA)  # type: ignore[no-any-return]


def lines_of(output: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    for line in lines:
        validator().validate(line)
    return lines


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_schema_rejects_a_malformed_event() -> None:
    bad = {"kind": "event", "doc_id": "x", "cameo": "040"}
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(bad)


def test_code_writes_valid_article_event_and_quote_lines(article: Path) -> None:
    result = runner.invoke(app, ["code", str(article), "--published", "2016-11-21", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = lines_of(result.stdout)
    kinds = [line["kind"] for line in lines]
    assert kinds[0] == "article" and lines[0]["title"] == "Talks resume"
    assert "event" in kinds and "quote" in kinds
    for line in lines:
        if line["kind"] in ("event", "quote"):
            start, end = line["span"]
            assert 0 <= start < end <= lines[0]["chars"]


def test_code_no_quotes_and_bad_input_error_line(article: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(
        app, ["code", str(article), str(missing), "--no-quotes", "--published", "2016-11-21"]
    )
    assert result.exit_code == 0, result.output
    lines = lines_of(result.stdout)
    assert "quote" not in {line["kind"] for line in lines}
    [error] = [line for line in lines if line["kind"] == "error"]
    assert error["input"] == str(missing) and "path" in error["error"]


def test_code_exits_nonzero_when_every_input_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["code", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert lines_of(result.stdout)[0]["kind"] == "error"


def test_bad_published_date_is_a_usage_error(article: Path) -> None:
    result = runner.invoke(app, ["code", str(article), "--published", "21/11/2016"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_extract_gives_text_that_offsets_refer_to(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    [line] = lines_of(result.stdout)
    assert line["text"].startswith("LONDON") and line["chars"] == len(line["text"])


def test_times_offsets_are_in_the_raw_file(article: Path) -> None:
    result = runner.invoke(app, ["times", str(article), "--published", "2016-11-21"])
    assert result.exit_code == 0, result.output
    lines = lines_of(result.stdout)
    raw = article.read_text(encoding="utf-8")
    assert lines, "expected time expressions"
    for line in lines:
        start, end = line["span"]
        assert raw[start:end] == line["text"]
    values = {line["text"].lower(): line["value"] for line in lines}
    assert values.get("sunday", values.get("on sunday")) == "2016-11-20"


def test_ingest_is_idempotent_then_events_and_relations(article: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    first = runner.invoke(app, ["ingest", str(article), "--published", "2016-11-21", "--db", db])
    assert first.exit_code == 0, first.output
    assert "ok 1" in first.output
    second = runner.invoke(app, ["ingest", str(article), "--published", "2016-11-21", "--db", db])
    assert "unchanged 1" in second.output and "new events 0" in second.output

    events = runner.invoke(app, ["events", "--db", db, "--dyad", "GBR-RUS", "--format", "jsonl"])
    assert events.exit_code == 0, events.output
    event_lines = lines_of(events.stdout)
    assert event_lines and all(line["kind"] == "event" for line in event_lines)
    assert all(
        {line["source"]["country"], line["target"]["country"]} == {"GBR", "RUS"} for line in event_lines
    )

    csv_out = runner.invoke(app, ["events", "--db", db, "--format", "csv"])
    assert csv_out.stdout.splitlines()[0].startswith("date,source,target,cameo")

    rel = runner.invoke(app, ["relations", "GBR", "RUS", "--db", db, "--freq", "month", "--format", "jsonl"])
    assert rel.exit_code == 0, rel.output
    points = lines_of(rel.stdout)
    assert points and sum(point["events"] for point in points) == len(event_lines)


def test_read_commands_refuse_a_missing_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["relations", "GBR", "RUS", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "detente ingest" in result.output


def test_bad_dyad_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--dyad", "GBRRUS", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2


def test_every_command_and_option_is_documented_in_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = get_command(app)
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        assert re.search(rf"detente {name}\b", readme), f"README does not show `detente {name}`"
        for param in sub.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"README does not document {opt} of `detente {name}`"


def test_watch_ingests_new_feed_entries_once(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from detente.storage import Store

    _, base = site
    db = str(tmp_path / "watch.duckdb")
    args = ["watch", f"{base}/feed.rss", "--every", "1s", "--rounds", "1", "--db", db]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert re.search(r"documents: ok [1-9]", first.output), first.output
    with Store(db) as store:
        stored = store.counts().articles
    assert stored >= 1
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "documents: ok 0" in second.output
    with Store(db) as store:
        assert store.counts().articles == stored


def test_watch_refuses_a_bad_interval(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["watch", "http://127.0.0.1:9/feed", "--every", "soon", "--db", str(tmp_path / "w")]
    )
    assert result.exit_code == 2 and "15m" in result.output


def test_actors_search_import_and_dated_roles(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.duckdb")
    found = lines_of(runner.invoke(app, ["actors", "lavrov", "--db", db, "--format", "jsonl"]).stdout)
    assert found and all(line["kind"] == "actor" for line in found)
    assert {line["code"] for line in found} == {"RUSGOV"}
    mine = tmp_path / "mine.csv"
    mine.write_text("name,code,start,end,aliases\nZorbula Testperson,NGAMIL,2021-02-01,,\n", encoding="utf-8")
    imported = runner.invoke(app, ["actors", "--import", str(mine), "--db", db])
    assert imported.exit_code == 0 and "1 roles added" in imported.output
    [line] = lines_of(runner.invoke(app, ["actors", "zorbula", "--on", "2022-01-01", "--db", db]).stdout)
    assert (line["code"], line["sector"], line["source"]) == ("NGAMIL", "MIL", "user")
    assert lines_of(runner.invoke(app, ["actors", "zorbula", "--on", "2020-01-01", "--db", db]).stdout) == []


def test_coordinated_speakers_are_all_listed(tmp_path: Path) -> None:
    path = tmp_path / "joint.txt"
    path.write_text(
        "The French foreign ministry and the German foreign ministry said: "
        "\u201cWe will continue to work for a ceasefire in Ukraine.\u201d\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", str(path), "--published", "2022-03-01", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [quote] = [line for line in lines_of(result.stdout) if line["kind"] == "quote"]
    assert quote["speaker"]["country"] in {"FRA", "DEU"}
    assert {s["country"] for s in quote["speakers"]} == {"FRA", "DEU"}
    assert quote["speakers"][0] == quote["speaker"]
