from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from detente import jobs
from detente.errors import InputError
from detente.ingest import article_from_text
from detente.storage import Store

STORY = (
    "Russia's foreign minister met his Turkish counterpart in Ankara on Tuesday to discuss the war in Syria, "
    "and both sides agreed to keep talking about a ceasefire in Idlib province. The two ministers also "
    "signed a memorandum on trade and energy cooperation, officials said after the meeting, which lasted "
    "three hours."
)


def write_jsonl(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return str(path)


def test_syndicated_copies_are_linked_not_coded_again(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    first = write_jsonl(tmp_path / "wire.jsonl", [{"id": "wire-1", "text": STORY, "published": "2016-11-22"}])
    copy = STORY + " (Reporting by a partner agency.)"
    second = write_jsonl(
        tmp_path / "copies.jsonl",
        [{"id": "site-7", "text": STORY, "published": "2016-11-22"},
         {"id": "site-8", "text": copy, "published": "2016-11-22"}],
    )  # fmt: skip
    with Store(tmp_path / "t.duckdb") as store:
        report = jobs.ingest_into(store, [first], pipeline=pipeline)
        assert report.counts["ok"] == 1
        report = jobs.ingest_into(store, [second], pipeline=pipeline)
        assert report.counts["duplicate"] == 2 and report.events == 0
        counts = store.counts()
        assert (counts.articles, counts.duplicates) == (1, 2)
        again = jobs.ingest_into(store, [first, second], pipeline=pipeline)
        assert again.counts["ok"] == 0
        assert store.counts() == counts


def test_one_bad_line_does_not_lose_the_batch(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": STORY}) + "\n{not json\n" + json.dumps({"id": "b", "text": 5}) + "\n",
        encoding="utf-8",
    )
    with Store(":memory:") as store:
        report = jobs.ingest_into(store, [str(path)], pipeline=pipeline)
        assert report.counts["ok"] == 1 and report.counts["failed"] == 2
        assert all(str(path) in rejected.input for rejected in report.errors)
        assert store.counts().rejected == 2


FIRST = (
    "Kenyan Foreign Minister Zorbu Makalani met Ugandan officials in Kampala on Monday to discuss "
    "the border dispute, the ministry said."
)
LATER = "Makalani accused Uganda of violating the border agreement on Tuesday."


def test_roles_learnt_from_news_resolve_later_untitled_mentions(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    from detente.pipeline import Pipeline

    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "n1", "text": FIRST, "published": "2024-03-05"},
            {"id": "n2", "text": LATER, "published": "2024-03-08"},
        ],
    )
    alone = pipeline.code(article_from_text(LATER, doc_id="alone"))
    assert all(m.actor.code != "KENGOV" for m in alone.mentions)  # unknown without learning
    with Store(tmp_path / "kb.duckdb") as store:
        fresh = Pipeline(pipeline.config)
        report = jobs.ingest_into(store, [path], pipeline=fresh)
        assert report.learned >= 1
        [role] = store.actor_roles("makalani")
        assert (role.code, role.source, role.doc_id) == ("KENGOV", "news", "n1")
        accusations = [e for e in store.events(doc_id="n2") if e.root == "11"]
        assert accusations and accusations[0].source is not None
        assert accusations[0].source.code == "KENGOV"
    # the shared pipeline's knowledge base did not change
    again = pipeline.code(article_from_text(LATER, doc_id="again"))
    assert all(m.actor.code != "KENGOV" for m in again.mentions)


def test_user_actor_files_add_and_override(tmp_path: Path) -> None:
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "name,code,start,end,aliases\nAmina Test,NGAGOV,2020-01-01,,A. Test\n", encoding="utf-8"
    )
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text("- name: Boris Johnson\n  code: GBRGOV\n  start: 2019-07-24\n", encoding="utf-8")
    actors_file = tmp_path / "old.actors"
    actors_file.write_text(
        "JOHN_EXAMPLE_DOE_  # comment\n+JOHN_DOE_\n\t[FRAGOV 150101-171231]\n", encoding="utf-8"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("name,code\nNobody,government\n", encoding="utf-8")
    with Store(":memory:") as store:
        assert jobs.import_actors(store, csv_file) == 1
        assert jobs.import_actors(store, csv_file) == 0  # idempotent
        assert jobs.import_actors(store, yaml_file) == 1
        assert jobs.import_actors(store, actors_file) == 1
        found = jobs.find_actors(store, "test")
        assert found[0].code == "NGAGOV" and found[0].aliases == ("A. Test",)
        [doe] = jobs.find_actors(store, "john doe")
        assert (doe.code, doe.source, str(doe.end)) == ("FRAGOV", "import", "2017-12-31")
        on_day = jobs.find_actors(store, "boris johnson", date(2019, 8, 1))
        assert on_day[0].source == "user" and on_day[0].code == "GBRGOV"
        with pytest.raises(InputError, match="CAMEO code"):
            jobs.import_actors(store, bad)
