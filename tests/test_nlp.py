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


def test_text_of_is_the_doc_text_and_built_once(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Lavrov spoke to Johnson.\n\n  The call was on Sunday.  "
    doc = nlp(text)
    assert nlp_stage.text_of(doc) == text == doc.text
    first = nlp_stage.text_of(doc)
    assert nlp_stage.text_of(doc) is first  # cached, not rebuilt


def test_text_of_a_span_copied_out_is_its_own_text(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Lavrov spoke to Johnson. The call was on Sunday.")
    nlp_stage.text_of(doc)
    sentence = list(doc.sents)[1].as_doc(copy_user_data=True)
    assert nlp_stage.text_of(sentence) == "The call was on Sunday."
