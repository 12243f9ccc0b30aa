"""The bundled sample corpus: 30 short, original, news-style articles written for detente.

They are invented (plausible situations, mostly invented officials), so they can ship with the package
and serve as the default input of the main job and as the text of the quality gate (``tests/gold``).
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

ARTICLES = "articles.jsonl"


def articles_path() -> Path:
    """The path of the sample corpus (JSONL: id, title, published, source, url, text), for ``read_inputs``."""
    with as_file(files(__name__).joinpath(ARTICLES)) as path:
        return Path(path)
