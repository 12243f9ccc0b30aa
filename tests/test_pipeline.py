from __future__ import annotations

from dataclasses import dataclass

import pytest

from detente import registry
from detente.config import Config
from detente.errors import PipelineError
from detente.pipeline import DocState, check_order


@dataclass
class FakeStage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, state: DocState) -> None:
        return None


def test_order_is_checked_before_any_document_runs() -> None:
    events = FakeStage("cameo.test.v1", ("doc", "mentions"), ("events",))
    actors = FakeStage("actors.test.v1", ("doc",), ("mentions",))
    check_order([actors, events])
    with pytest.raises(PipelineError, match=r"requires mentions"):
        check_order([events, actors])


def test_builtin_stages_are_registered_with_versions_and_in_valid_order() -> None:
    names = registry.names()
    config = Config()
    for name in (config.actors_stage, config.events_stage, config.quotes_stage, config.dates_stage):
        assert name in names
    stages = (config.actors_stage, config.events_stage, config.quotes_stage, config.dates_stage)
    check_order([registry.make(name, config) for name in stages])


def test_unknown_stage_and_bad_names_are_refused() -> None:
    with pytest.raises(PipelineError, match="registered"):
        registry.make("cameo.nothing.v9", Config())
    with pytest.raises(PipelineError, match=r"family\.method\.v1"):
        registry.register("NoVersion")


def test_a_failing_document_does_not_stop_the_batch(pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from detente.ingest import article_from_text
    from detente.models import Rejected

    good = article_from_text("Russia condemned Britain.", doc_id="good")
    bad = article_from_text("France praised Germany.", doc_id="bad")
    original = pipeline._apply

    def explode(article, doc):  # type: ignore[no-untyped-def]
        if article.doc_id == "bad":
            raise RuntimeError("boom")
        return original(article, doc)

    monkeypatch.setattr(pipeline, "_apply", explode)
    results = list(pipeline.run([bad, good]))
    assert isinstance(results[0], Rejected) and "boom" in results[0].reason
    assert results[1].article.doc_id == "good"


def test_worker_processes_give_the_same_results_in_order(pipeline) -> None:  # type: ignore[no-untyped-def]
    from detente.ingest import article_from_text

    articles = [
        article_from_text(text, doc_id=str(i))
        for i, text in enumerate(
            ["Russia condemned Britain on Sunday.", "France met Germany in Paris.", "India accused Pakistan."]
            * 2
        )
    ]
    sequential = list(pipeline.run(articles, jobs=1))
    parallel = list(pipeline.run(articles, jobs=2))
    assert [c.article.doc_id for c in parallel] == [str(i) for i in range(6)]
    assert parallel == sequential
