from __future__ import annotations

from detente import nlp as nlp_stage


def test_paragraph_break_ends_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("10375 views\nRussia condemned the statement on Sunday.\n\nPrint:")
    texts = [sentence.text for sentence in nlp_stage.sentences(doc)]
    assert texts == ["10375 views", "Russia condemned the statement on Sunday.", "Print:"]


def test_sentence_offsets_point_into_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "  Britain spoke to Russia.  Then France met Germany.\n\n  Final line here."
    doc = nlp(text)
    for sentence in nlp_stage.sentences(doc):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_pinned_pipeline_is_used() -> None:
    assert nlp_stage.model_name() in nlp_stage.MODEL_CANDIDATES
    assert nlp_stage.load().meta["version"] == nlp_stage.MODEL_VERSION
