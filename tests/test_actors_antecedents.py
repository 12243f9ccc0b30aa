"""The mention-level antecedent search other stages call for pronouns the actors stage left open."""

from __future__ import annotations

from detente.actors.antecedents import party_antecedent, person_subject, personal
from detente.events import hand_mentions

PEOPLE = {"Merkel": "DEUGOV", "Johnson": "GBRGOV", "Moscow": "RUS", "Ukraine": "UKR"}


def _him(nlp, text: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    mentions = sorted(hand_mentions(doc, PEOPLE), key=lambda mention: mention.span)
    return doc, mentions, next(token for token in doc if token.lower_ == "him")


def test_him_is_the_nearest_person_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    _doc, mentions, him = _him(nlp, "Johnson flew to Moscow. Merkel later called him.")
    assert [actor.code for actor in party_antecedent(mentions, him, set())] == ["DEUGOV"]


def test_an_excluded_party_and_a_place_are_passed_over(nlp) -> None:  # type: ignore[no-untyped-def]
    doc, mentions, him = _him(nlp, "Johnson flew to Moscow. Merkel later called him.")
    assert [actor.code for actor in party_antecedent(mentions, him, {"DEU"})] == ["GBRGOV"]
    moscow = next(mention for mention in mentions if mention.actor.code == "RUS")
    assert not personal(moscow, doc)


def test_nothing_beyond_the_window(nlp) -> None:  # type: ignore[no-untyped-def]
    _doc, mentions, him = _him(nlp, "Johnson flew to Moscow. Merkel later called him.")
    assert party_antecedent(mentions, him, set(), window=5) == []


def test_a_speaking_he_is_the_nearest_person_subject_even_uncoded(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lavrov spoke on Monday. A senior analyst at the bank said prices would rise. "
        "\u201cDemand is strong,\u201d he said."
    )
    doc = nlp(text)
    he = next(token for token in doc if token.lower_ == "he")
    found = person_subject(he, [])
    assert found is not None and found.text == "analyst"


def test_a_subject_in_quoted_words_or_of_the_other_gender_is_passed_over(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Sergei Lavrov spoke on Monday. \u201cHe was right,\u201d he said."
    doc = nlp(text)
    he = [token for token in doc if token.lower_ == "he"][-1]
    quote = text.index("\u201c"), text.index("\u201d") + 1
    inside, outside = person_subject(he, []), person_subject(he, [quote])
    assert inside is not None and inside.i == he.i - 5  # the quoted "He", when no quote is known
    assert outside is not None and outside.text == "Lavrov"
    she = nlp("Merkel spoke on Monday. \u201cHe was right,\u201d she said.")
    found = person_subject(she[-3], [])
    assert found is not None and found.text == "Merkel"  # a "she" never takes a "he"
    assert person_subject(doc[1], []) is None  # not a pronoun
