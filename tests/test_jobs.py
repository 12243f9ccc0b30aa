from __future__ import annotations

import json
from pathlib import Path

from detente import jobs
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
