"""The mention-level antecedent search other stages call for pronouns the actors stage left open."""

from __future__ import annotations

from detente.actors.antecedents import party_antecedent, personal
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
