"""Shared fixtures. The spaCy model loads once per test session; ../shared is optional."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.config import Config
from detente.ingest import article_from_text
from detente.models import CodedArticle

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"needs ../shared/{'/'.join(parts)} (development data beside the repository); absent here"
        )
    return path


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from detente import nlp as nlp_stage

    return nlp_stage.load()


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from detente.pipeline import Pipeline

    return Pipeline(Config())


@pytest.fixture(scope="session")
def code_text(pipeline):  # type: ignore[no-untyped-def]
    """Code a text as an article published on the given day: ``code_text("...", "2016-11-21")``."""

    def run(text: str, published: str | None = "2016-11-21", title: str | None = None) -> CodedArticle:
        article = article_from_text(
            text, title=title, published=date.fromisoformat(published) if published else None
        )
        return pipeline.code(article)

    return run
