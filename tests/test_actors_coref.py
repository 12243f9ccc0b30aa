"""In-document resolution of mentions the events stage needs: bare institutions by who speaks of them,
object pronouns (binding), "it" for states and bodies, "they" for the speakers who said it."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors import find_mentions
from detente.models import ActorMention
from detente.nlp import sentences as split_sentences

PUBLISHED = date(2019, 3, 5)


@pytest.fixture(scope="module")
def mentions_of(nlp):  # type: ignore[no-untyped-def]
    def run(text: str) -> list[ActorMention]:
        doc = nlp(text)
        return find_mentions(doc, split_sentences(doc), PUBLISHED)

    return run


def _at(mentions: list[ActorMention], text: str, word: str, nth: int = 0) -> ActorMention | None:
    """The mention headed by the ``nth`` occurrence of ``word`` in ``text`` (None when there is none)."""
    position = -1
    for _ in range(nth + 1):
        position = text.index(word, position + 1)
    return next((m for m in mentions if m.span[0] <= position < m.span[1]), None)


def _country(mentions: list[ActorMention], text: str, word: str, nth: int = 0) -> str | None:
    mention = _at(mentions, text, word, nth)
    return mention.actor.country if mention is not None else None


# --- bare institutions: the state of whoever speaks of them or deals with them -----------------------------


def test_the_army_in_a_spokesmans_words_is_his_states(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "BEIRUT — Shells landed near a Lebanese border village on Monday. A Turkish military spokesman said "
        "the army would respond to any further attack."
    )
    assert _country(mentions_of(text), text, "army") == "TUR"


def test_parliament_told_by_a_minister_is_the_ministers(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "KABUL — The border has been tense for weeks. Iran's interior minister told parliament that "
        "security forces had been put on alert along the frontier with Afghanistan."
    )
    found = mentions_of(text)
    assert _country(found, text, "parliament") == "IRN"
    assert _country(found, text, "security forces") == "IRN"


def test_opposition_urges_its_own_government(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "NAIROBI — Uganda closed its border crossing on Friday. Opposition leaders in Kampala urged the "
        "government to recall Uganda's envoy from Nairobi."
    )
    assert _country(mentions_of(text), text, "government") == "UGA"


def test_a_body_inside_the_quote_is_not_the_spokeswomans(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        'The Canadian foreign ministry said it was aware of the detention. "We urge the Chinese government '
        'to release him at once," a spokeswoman said.'
    )
    assert _country(mentions_of(text), text, "spokeswoman") == "CAN"


def test_a_dateline_does_not_outrank_the_sentences_own_subject(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "DHAKA — Floods cut off three districts on Sunday. Japan sent two navy ships with food to the "
        "port of Chittagong, the Japanese embassy said."
    )
    assert _country(mentions_of(text), text, "navy") == "JPN"


def test_a_dateline_still_places_a_bare_role_nothing_else_places(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "ISLAMABAD — Pakistan summoned an Indian diplomat on Tuesday. The army said it was ready."
    assert _country(mentions_of(text), text, "army") == "PAK"


# --- "it": a state or body only where the parse names the antecedent ------------------------------------


def test_it_opening_a_sentence_is_the_subject_before(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Turkey's embassy in Athens rejected the report. It accused Greek officials of spreading lies."
    mention = _at(mentions_of(text), text, "It")
    assert mention is not None and mention.actor.country == "TUR"


def test_it_in_a_relative_clause_is_the_main_subject(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Sweden on Friday expelled two Chinese journalists it suspected of spying."
    mention = _at(mentions_of(text), text, "it")
    assert mention is not None and mention.actor.country == "SWE"


def test_it_after_a_subject_that_is_no_actor_stays_unresolved(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "France signed the treaty in May. The treaty was ratified on Monday. It bans cluster munitions."
    assert _at(mentions_of(text), text, "It") is None


def test_it_after_a_person_is_not_that_person(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Chancellor Angela Merkel visited Kyiv on Monday. It was her first trip there since the war began."
    assert _at(mentions_of(text), text, "It") is None


def test_he_never_takes_what_an_it_stood_for(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Egypt's foreign ministry issued a statement. It said he would travel to Khartoum on Monday."
    mention = _at(mentions_of(text), text, "he")
    assert mention is None or mention.actor.country != "EGY"


def test_its_skips_a_plural_subject_for_the_singular_one_above(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Serbia's government said Kosovar police had raided its offices in the north."
    mention = _at(mentions_of(text), text, "its")
    assert mention is not None and mention.actor.country == "SRB"


def test_its_role_belongs_to_the_subject_not_the_last_body_named(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Hezbollah fired rockets at Israel. Qatar, which has mediated between the two sides, urged Israel "
        "and Hezbollah to stop and said its officials were in contact with both."
    )
    assert _country(mentions_of(text), text, "officials") == "QAT"


# --- object pronouns: never their own clause's subject ----------------------------------------------------


def test_him_is_not_the_subject_that_urged_him(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Prime Minister Justin Trudeau met President Emmanuel Macron on Monday. He urged him to act."
    found = mentions_of(text)
    him = _at(found, text, "him")
    assert him is not None and him.actor.country == "FRA"


def test_them_in_a_subjectless_clause_is_not_its_controller(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Canada on Monday imposed sanctions on four Russian officials, accusing them of abuses."
    them = _at(mentions_of(text), text, "them")
    assert them is not None and them.actor.country == "RUS"


# --- "they" for a coordination: all of it ------------------------------------------------------------


def test_they_after_a_coordinated_subject_stands_for_all_of_it(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Ghana and Togo said on Monday that they would open a joint border post."
    mention = _at(mentions_of(text), text, "they")
    assert mention is not None
    assert {member.country for member in mention.members} == {"GHA", "TGO"}


# --- counterparts: the state their own words give, the office of whom they are the counterpart of ----------


def test_a_named_counterpart_takes_its_demonym_and_the_others_office(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazilian Foreign Minister Paulo Souza met his Argentine counterpart, Diego Ferrari, in Rio on "
        "Monday. Ferrari said Argentina would lift the tariffs."
    )
    found = mentions_of(text)
    named = _at(found, text, "Diego Ferrari")
    assert named is not None and named.actor.code == "ARGGOV"
    later = _at(found, text, "Ferrari", 1)
    assert later is not None and later.actor.country == "ARG"


def test_a_bare_counterpart_takes_no_state_from_where_it_is(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Foreign Minister Sergei Lavrov met his counterparts in Geneva on Monday."
    mention = _at(mentions_of(text), text, "counterparts")
    assert mention is None or mention.actor.country is None


# --- "they" in what a plural subject said is that subject -----------------------------------------------


def test_they_in_a_report_is_the_reporting_pair_not_the_last_state(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The leaders of Chile and Argentina met in Santiago. After the meeting, the two presidents said "
        "they had agreed to reopen the pass."
    )
    mention = _at(mentions_of(text), text, "they")
    assert mention is None or (mention.actor.country is None and len(mention.members) == 2)


def test_the_pairs_agreement_after_dated_talks_is_coded_and_dated(code_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The foreign ministers of Ghana and Togo met in Accra on Tuesday.\n\n"
        "After the talks, the two ministers said they had agreed to keep meeting."
    )
    coded = code_text(text, "2023-05-10")
    agreed = [e for e in coded.events if e.sentence_index == 1 and e.root == "03"]
    pairs = {(e.source.country, e.target.country) for e in agreed if e.source and e.target}
    assert pairs == {("GHA", "TGO"), ("TGO", "GHA")}, [(e.cameo, e.trigger) for e in coded.events]
    assert {e.when.date for e in agreed} == {date(2023, 5, 9)}
