"""The actors stage: lexicon units, parse grouping, knowledge base, in-document resolution."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from detente.actors import describe_code, find_mentions, observations, split_code
from detente.actors.kb import ActorKB, Role, display_name, normalise, parse_actors_file, parse_date
from detente.models import ActorMention
from detente.nlp import sentences as split_sentences

from .conftest import shared_path

PUBLISHED = date(2016, 11, 21)


@pytest.fixture(scope="module")
def mentions_of(nlp):  # type: ignore[no-untyped-def]
    def run(text: str, published: date | None = PUBLISHED) -> list[ActorMention]:
        doc = nlp(text)
        return find_mentions(doc, split_sentences(doc), published)

    return run


def _by_text(mentions: list[ActorMention], text: str) -> ActorMention:
    for mention in mentions:
        if mention.actor.text == text:
            return mention
    raise AssertionError(f"no mention {text!r} in {[m.actor.text for m in mentions]}")


def _codes(mentions: list[ActorMention]) -> dict[str, str]:
    return {mention.actor.text: mention.actor.code for mention in mentions}


# --- codes -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("RUSGOV", ("RUS", "GOV")),
        ("USA", ("USA", None)),
        ("IGOUNO", (None, None)),
        ("REB", (None, "REB")),
        ("GBRGOVMIL", ("GBR", "GOV")),
        ("PSEREBHMS", ("PSE", "REB")),
        ("COP", (None, "COP")),  # police, not CAMEO's ethnic code of the same letters
        ("REL", (None, "REL")),
    ],
)
def test_split_code(code: str, expected: tuple[str | None, str | None]) -> None:
    assert split_code(code) == expected


# --- lexicon and parse grouping ----------------------------------------------------------------------------


def test_countries_demonyms_and_plurals(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(
        mentions_of("Britons and Russians met in Geneva. Britain warned Russia. Iraqi troops advanced.")
    )
    assert codes["Britons"] == "GBR"
    assert codes["Russians"] == "RUS"
    assert codes["Britain"] == "GBR"
    assert codes["Russia"] == "RUS"
    assert codes["Iraqi troops"] == "IRQMIL"


def test_lower_case_words_are_not_countries(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Let us turkey-trot to china shops, said the man.")
    assert all(mention.actor.country not in ("USA", "TUR", "CHN") for mention in mentions)


def test_seats_of_power_are_government_metonyms(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        "The Kremlin rejected the claim. Downing Street said talks would go on. The Pentagon sent jets, "
        "and the White House welcomed the move. Moscow responded angrily."
    )
    codes = _codes(mentions)
    assert codes["The Kremlin"] == "RUSGOV"
    assert codes["Downing Street"] == "GBRGOV"
    assert codes["The Pentagon"] == "USAMIL"
    assert codes["the White House"] == "USAGOV"
    assert _by_text(mentions, "Moscow").kind == "metonym"
    assert codes["Moscow"] == "RUSGOV"  # a capital as subject speaks for its government


def test_institution_phrases(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        "The UK government protested. Russia's foreign ministry said the Syrian regime was not to blame. "
        "A Russian Ministry of Defence spokesman denied it."
    )
    codes = _codes(mentions)
    assert codes["The UK government"] == "GBRGOV"
    assert codes["Russia's foreign ministry"] == "RUSGOV"
    assert codes["the Syrian regime"] == "SYRGOV"
    assert codes["A Russian Ministry of Defence spokesman"] == "RUSMIL"
    assert _by_text(mentions, "Russia's foreign ministry").head == _token_offset(
        "The UK government protested. Russia's foreign ministry", "ministry"
    )


def _token_offset(text: str, word: str) -> int:
    return text.rindex(word)


def test_role_nouns_get_sectors_without_country(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(mentions_of("Police fired on protesters. Rebels shelled the town and lawmakers fled."))
    assert codes["Police"] == "COP"
    assert codes["protesters"] == "OPP"
    assert codes["Rebels"] == "REB"
    assert codes["lawmakers"] == "LEG"


def test_titled_person_is_one_mention_headed_by_the_name(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Russian Foreign Minister Sergey Lavrov met reporters."
    mentions = mentions_of(text)
    lavrov = _by_text(mentions, "Russian Foreign Minister Sergey Lavrov")
    assert lavrov.actor.code == "RUSGOV"
    assert lavrov.actor.name == "Sergey Lavrov"
    assert lavrov.head == text.index("Lavrov")
    assert lavrov.span == (0, text.index(" met"))
    assert len([m for m in mentions if m.span[0] < text.index(" met")]) == 1


def test_unknown_person_is_coded_from_title_and_apposition(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        "Kenyan Interior Minister Zorbu Makalani said so. Tavi Oranek, Chile's defence minister, agreed."
    )
    makalani = next(m for m in mentions if m.actor.name == "Zorbu Makalani")
    assert makalani.actor.code == "KENGOV"
    oranek = next(m for m in mentions if m.actor.name == "Tavi Oranek")
    assert oranek.actor.code == "CHLGOV"  # a defence minister is a cabinet member


def test_international_organisations(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(
        mentions_of("NATO warned Moscow. The UN and the European Union called for calm. The IMF agreed.")
    )
    assert codes["NATO"] == "IGOWSTNAT"
    assert codes["The UN"] == "IGOUNO"
    assert codes["the European Union"] == "IGOEUREEC"
    assert codes["The IMF"].startswith("IGO")


def test_one_mention_per_head_token(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        "The British Foreign Secretary Boris Johnson spoke to the Russian ambassador in London."
    )
    heads = [mention.head for mention in mentions]
    assert len(heads) == len(set(heads))
    spans = sorted(mention.span for mention in mentions)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# --- knowledge base ----------------------------------------------------------------------------------------


def test_kb_person_without_title_uses_role_valid_on_publication_day(mentions_of) -> None:  # type: ignore[no-untyped-def]
    assert _by_text(mentions_of("Lavrov said talks would continue."), "Lavrov").actor.code == "RUSGOV"
    trump_2016 = _by_text(mentions_of("Donald Trump said he would win.", date(2016, 11, 21)), "Donald Trump")
    trump_2018 = _by_text(mentions_of("Donald Trump said he would win.", date(2018, 3, 1)), "Donald Trump")
    assert trump_2016.actor.code == "USA"
    assert trump_2018.actor.code == "USAGOV"


def test_kb_lookup_by_date_and_add() -> None:
    kb = ActorKB()
    kb.add("Ann Example", "FRAGOV", date(2010, 1, 1), date(2012, 12, 31), aliases=["Example"])
    kb.add("Ann Example", "FRAELI", date(2013, 1, 1), None)
    assert kb.lookup("Ann Example", date(2011, 6, 1)) is not None
    assert kb.lookup("Example", date(2011, 6, 1)).code == "FRAGOV"  # type: ignore[union-attr]
    assert kb.lookup("Ann Example", date(2014, 1, 1)).code == "FRAELI"  # type: ignore[union-attr]
    assert kb.lookup("Ann Example", date(2009, 1, 1)) is None
    assert kb.lookup("Nobody Known", date(2011, 6, 1)) is None


def test_default_kb_knows_seed_people() -> None:
    kb = ActorKB.load_default()
    assert kb.lookup("Sergey Lavrov", PUBLISHED).code == "RUSGOV"  # type: ignore[union-attr]
    assert kb.lookup("Boris Johnson", PUBLISHED).code == "GBRGOV"  # type: ignore[union-attr]
    assert kb.lookup("Igor Konashenkov", PUBLISHED).code == "RUSMIL"  # type: ignore[union-attr]
    assert kb.lookup("Bashar al-Assad", PUBLISHED).code == "SYRGOV"  # type: ignore[union-attr]


def test_parse_petrarch_actors_format() -> None:
    text = (
        "# comment\n"
        "SERGEY_LAVROV_  # CountryInfo.txt\n"
        "+LAVROV\n"
        "+SERGEI_LAVROV\n"
        "\t[RUSGOV 19940922-20040712] # Amb. to UN\n"
        "\t[RUSGOV >20040309]\n"
        "NATO_\t[IGOWSTNAT]\n"
        "OLD_MAN_ [ABCGOV <991231]\n"
    )
    entries = list(parse_actors_file(text))
    assert [entry.name for entry in entries] == ["Sergey Lavrov", "Nato", "Old Man"]
    assert entries[0].aliases == ("Lavrov", "Sergei Lavrov")
    assert entries[0].roles == (
        Role("RUSGOV", date(1994, 9, 22), date(2004, 7, 12)),
        Role("RUSGOV", date(2004, 3, 9), None),
    )
    assert entries[2].roles == (Role("ABCGOV", None, date(1999, 12, 31)),)


def test_import_actors_file_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "mine.actors"
    path.write_text("JANE_ROE_\n+ROE\n\t[NORGOV 150101-161231]\n", encoding="utf-8")
    kb = ActorKB()
    assert kb.import_actors_file(path) == 1
    assert kb.lookup("Roe", date(2016, 5, 1)).code == "NORGOV"  # type: ignore[union-attr]
    assert kb.lookup("Jane Roe", date(2014, 5, 1)) is None  # not yet in office
    assert kb.lookup("Jane Roe", date(2017, 5, 1)).code == "NORELI"  # type: ignore[union-attr]
    assert parse_date("991231") == date(1999, 12, 31)
    assert parse_date("150101") == date(2015, 1, 1)
    assert parse_date("nonsense") is None


def test_names_normalise() -> None:
    assert normalise("Mr. Sergey  Lavrov") == "sergey lavrov"
    assert normalise("Bashar al-Assad") == "bashar al assad"
    assert display_name("BASHAR_AL-ASSAD_") == "Bashar al-Assad"


# --- resolution --------------------------------------------------------------------------------------------


def test_surname_and_title_resolve_to_earlier_person(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenyan Foreign Minister Zorbu Makalani arrived on Monday. Mr Makalani met the press. "
        "Later the foreign minister left for Addis Ababa."
    )
    mentions = mentions_of(text)
    surname = _by_text(mentions, "Mr Makalani")  # the honorific belongs to the mention
    assert surname.actor.name == "Zorbu Makalani"
    assert surname.actor.code == "KENGOV"
    assert surname.kind == "surname"
    role = _by_text(mentions, "the foreign minister")
    assert role.actor.name == "Zorbu Makalani"
    assert role.actor.code == "KENGOV"


def test_pronouns_prefer_recent_subject(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Kenyan President Zorbu Makalani met Chilean envoy Tavi Oranek. He said the talks went well."
    he = next(m for m in mentions_of(text) if m.kind == "pronoun")
    assert he.actor.name == "Zorbu Makalani"
    text = "Chilean envoy Tavi Oranek was received by Kenyan President Zorbu Makalani. He praised the host."
    he = next(m for m in mentions_of(text) if m.kind == "pronoun")
    assert he.actor.name == "Tavi Oranek"


def test_they_resolves_to_plural_actor(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Syrian rebels attacked the base. They said it was revenge.")
    they = next(m for m in mentions if m.kind == "pronoun")
    assert they.actor.code == "SYRREB"


def test_group_pairs_keep_both_members(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Kenyan President Zorbu Makalani called Chilean President Tavi Oranek. Both presidents agreed."
    group = next(m for m in mentions_of(text) if m.kind == "group")
    assert {actor.name for actor in group.members} == {"Zorbu Makalani", "Tavi Oranek"}
    assert group.actor.code == ""


# --- the seed page -----------------------------------------------------------------------------------------


def test_seed_page_actors(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = shared_path("seed", "russia-uk-breakthrough.txt").read_text(encoding="utf-8")
    mentions = mentions_of(text)
    by_name: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.actor.name:
            by_name.setdefault(mention.actor.name, set()).add(mention.actor.code)
    assert by_name["Boris Johnson"] == {"GBRGOV"}
    assert by_name["Sergey Lavrov"] == {"RUSGOV"}
    assert by_name["Igor Konashenkov"] == {"RUSMIL"}
    assert by_name["Bashar al-Assad"] == {"SYRGOV"}
    assert by_name["Donald Trump"] == {"USA"}
    spokesman = next(m for m in mentions if m.actor.text.endswith("foreign office spokesman"))
    assert spokesman.actor.code == "GBRGOV"
    embassy = next(m for m in mentions if m.actor.text == "the Russian embassy")
    assert embassy.actor.code == "RUSGOV"
    secretary = next(m for m in mentions if m.actor.text == "The Foreign Secretary")
    assert secretary.actor.name == "Boris Johnson"


def test_stage_fills_state_mentions(code_text) -> None:  # type: ignore[no-untyped-def]
    coded = code_text("The Kremlin said Russian Foreign Minister Sergey Lavrov would visit London.")
    codes = {mention.actor.code for mention in coded.mentions}
    assert {"RUSGOV", "GBR"} <= codes


def test_dev_actor_cases_file_is_readable() -> None:
    path = shared_path("dev", "actors", "ngec_actor_tests.jsonl")
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert "expected" in first


def test_former_title_makes_an_elite(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Former Kenyan President Zorbu Makalani criticised the vote.")
    assert next(m for m in mentions if m.actor.name == "Zorbu Makalani").actor.code == "KENELI"


def test_place_inside_a_persons_name_is_not_a_country(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Senator Feliciano Valencia spoke to reporters in Bogota.")
    assert all(m.actor.country != "ESP" for m in mentions)


def test_capital_as_object_stays_a_place(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(mentions_of("The minister will visit London next week."))
    assert codes["London"] == "GBR"


def test_state_and_sector_modifying_one_noun_form_one_mention(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian government missiles hit the town."
    mention = _by_text(mentions_of(text), "Syrian government missiles")
    assert mention.actor.code == "SYRGOV"
    assert mention.head == text.index("missiles")


def test_stateless_role_takes_the_country_it_is_located_in(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(mentions_of("A court in Bishkek jailed the journalist."))
    assert codes["A court"] == "KGZJUD"


def test_rank_yields_to_the_body_that_qualifies_it(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(mentions_of("The rebel commander met the police chief."))
    assert codes["The rebel commander"] == "REB"
    assert codes["the police chief"] == "COP"


def test_group_without_determiner_and_intelligence_services(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("France accused Russia. The FSB denied it. Both countries traded blame.")
    group = next(m for m in mentions if m.kind == "group")
    assert {actor.country for actor in group.members} == {"FRA", "RUS"}
    assert _codes(mentions)["The FSB"] == "RUSSPY"


def test_religious_codes_are_not_countries() -> None:
    assert split_code("JEW") == (None, None)
    assert split_code("CHRREB") == (None, "REB")


def test_phoenix_religion_codes_are_not_mauritius_or_morocco(mentions_of) -> None:  # type: ignore[no-untyped-def]
    sunnis = _by_text(mentions_of("Sunnis protested in the capital."), "Sunnis")
    assert sunnis.actor.country is None and sunnis.actor.code.startswith("MOS")
    maronites = _by_text(mentions_of("Maronites gathered at the church."), "Maronites")
    assert maronites.actor.country is None


def test_believer_with_a_leading_title_is_religious(mentions_of) -> None:  # type: ignore[no-untyped-def]
    cleric = _by_text(mentions_of("A Muslim cleric condemned the attack."), "A Muslim cleric")
    assert (cleric.actor.country, cleric.actor.sector) == (None, "REL")
    leaders = _by_text(mentions_of("Muslim leaders in France met the minister."), "Muslim leaders")
    assert (leaders.actor.country, leaders.actor.sector) == ("FRA", "REL")
    protesters = mentions_of("Muslim protesters marched.")
    assert _by_text(protesters, "Muslim protesters").actor.sector != "REL"


def test_role_in_a_named_body_keeps_its_sector(mentions_of) -> None:  # type: ignore[no-untyped-def]
    legislators = _by_text(mentions_of("European Union legislators voted."), "European Union legislators")
    assert legislators.actor.code.startswith("IGO") and legislators.actor.sector == "LEG"
    former = _by_text(mentions_of("A former CIA official said so."), "CIA official")
    assert former.actor.code == "USAELI"
    body = _by_text(mentions_of("The CIA said so."), "The CIA")
    assert body.actor.code == "USASPY"


def test_unknown_name_ending_in_party_is_a_party(mentions_of) -> None:  # type: ignore[no-untyped-def]
    party = _by_text(mentions_of("The Congress Party won the vote."), "The Congress Party")
    assert (party.actor.sector, party.actor.name) == ("PTY", "Congress Party")  # not the US Congress
    other = mentions_of("The Institutional Revolutionary Party lost.")
    assert _by_text(other, "The Institutional Revolutionary Party").actor.sector == "PTY"


def test_place_based_body_belongs_to_the_place(mentions_of) -> None:  # type: ignore[no-untyped-def]
    group = mentions_of("A Somalia-based paramilitary group attacked the town.")
    assert _by_text(group, "A Somalia-based paramilitary group").actor.country == "SOM"
    backed = _codes(mentions_of("US-backed forces advanced."))
    assert not backed.get("forces", "MIL").startswith("USA")


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("Panamanian Immigration inspectors detained them.", "Panamanian Immigration inspectors", "PANCOP"),
        ("Ukrainian agricultural workers went on strike.", "Ukrainian agricultural workers", "UKRAGR"),
        ("Chinese netizens mocked the claim.", "Chinese netizens", "CHNCVL"),
        ("Russia's security service detained him.", "Russia's security service", "RUSSPY"),
        ("Deputy Secretary Hicks visited Kyiv.", "Deputy Secretary Hicks", "GOV"),
        ("Federal investigators searched the office.", "investigators", "COP"),
    ],
)
def test_role_nouns_added_by_hand(mentions_of, text: str, phrase: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert _by_text(mentions_of(text), phrase).actor.code == code


def test_partially_recognised_entity_keeps_its_sector(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(mentions_of("Transnistria accused Moldova of a blockade."))
    assert codes["Transnistria"] == "MDAPRE" and codes["Moldova"] == "MDA"
    officials = _by_text(mentions_of("South Ossetian officials met them."), "South Ossetian officials")
    assert (officials.actor.country, officials.actor.sector) == ("GEO", "PRE")


def test_out_of_office_is_an_elite_and_mistagged_names_inside_sentences(mentions_of) -> None:  # type: ignore[no-untyped-def]
    between = mentions_of("Officials held talks with Trump on Monday.", date(2023, 6, 1))
    assert _by_text(between, "Trump").actor.code == "USAELI"
    serving = mentions_of("Officials held talks with Trump on Monday.", date(2018, 6, 1))
    assert _by_text(serving, "Trump").actor.code == "USAGOV"


def test_surname_tagged_as_common_noun_stays_in_the_name(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mention = next(m for m in mentions_of("Hashim Thaci") if m.kind == "name")  # "Thaci" tagged NN
    assert mention.actor.text == "Hashim Thaci" and mention.actor.country == "KSV"


def test_former_holder_of_an_office_phrase_is_an_elite(mentions_of) -> None:  # type: ignore[no-untyped-def]
    former = _by_text(mentions_of("A former White House official said so."), "White House official")
    assert former.actor.code == "USAELI"
    serving = _by_text(mentions_of("A White House official said so."), "A White House official")
    assert serving.actor.code == "USAGOV"


def test_of_phrase_names_a_university_not_a_body_it_belongs_to(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("He teaches at the University of St Andrews in Scotland.")
    assert _by_text(mentions, "the University of St Andrews").actor.sector == "EDU"
    firm = mentions_of("The president of ClearView Economics said so.")
    assert _by_text(firm, "The president of ClearView Economics").actor.sector is None


def test_context_envoys_a_state_acts_on_are_not_its_own(mentions_of) -> None:  # type: ignore[no-untyped-def]
    expelled = mentions_of("Russia said on Friday it had expelled diplomats over the protest.")
    assert _by_text(expelled, "diplomats").actor.country != "RUS"
    told = mentions_of(
        "Pakistan summoned India's deputy high commissioner. The foreign secretary told the envoy that "
        "the remarks were dangerous."
    )
    assert _code_of(told, "India's deputy high commissioner") == "INDGOV"
    assert _code_of(told, "the envoy") == "INDGOV"  # the same envoy, not Pakistan's


def test_context_definite_role_repeats_an_earlier_one(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Russia summoned the British ambassador. The ambassador said nothing.")
    assert _code_of(mentions, "The ambassador") == "GBRGOV"
    named = mentions_of(
        "Pakistan protested against remarks by Indian ministers. Defence Minister Khalid Mahmood went "
        "further."
    )  # a named holder of a more specific title is no repetition of the plural
    assert _by_text(named, "Defence Minister Khalid Mahmood").actor.country != "IND"


def test_located_in_a_part_of_a_state_named_by_its_possessive(mentions_of) -> None:  # type: ignore[no-untyped-def]
    base = mentions_of("Rebels attacked a military base in Saudi Arabia's southwestern Jizan region.")
    assert _code_of(base, "a military base") == "SAUMIL"
    school = mentions_of("Gunmen stormed a university in Kenya's Garissa town near the Somali border.")
    assert _by_text(school, "a university").actor.country == "KEN"


# --- gate: country of ConfliBERT event arguments (bench/actors_dev.py, first 200 sentences) -------------

#: Floors pinned a little under the measured values (source 0.99, target 0.86, coverage 0.98 / 0.96).
GATE_FLOORS = {
    "source_country_accuracy": 0.96,
    "target_country_accuracy": 0.90,  # measured 0.925 (second session)
    "source_coded_coverage": 0.95,
    "target_coded_coverage": 0.92,
}


def test_conflibert_span_countries_gate() -> None:
    import importlib.util

    shared_path("dev", "events", "conflibert_cameo_train.jsonl")
    bench = Path(__file__).resolve().parents[1] / "bench" / "actors_dev.py"
    spec = importlib.util.spec_from_file_location("actors_dev", bench)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    summary = module.run_spans(limit=200)
    assert summary["source_silver_spans"] >= 80 and summary["target_silver_spans"] >= 80
    for key, floor in GATE_FLOORS.items():
        assert summary[key] >= floor, f"{key} fell to {summary[key]} (floor {floor})"


def test_coordinated_states_are_they(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Britain and France condemned the attack. They said it was barbaric.")
    they = next(m for m in mentions if m.kind == "pronoun")
    assert {actor.code for actor in they.members} == {"GBR", "FRA"}
    assert they.actor.code == ""


def test_organisations_carry_their_canonical_name(mentions_of) -> None:  # type: ignore[no-untyped-def]
    un = _by_text(mentions_of("The UN condemned the attack."), "The UN")
    assert un.actor.name == "United Nations"
    assert un.kind == "name"


def test_describe_code() -> None:
    assert describe_code("RUSGOV") == "Russia: government"
    assert describe_code("IGOUNO") == "United Nations"
    assert describe_code("REB") == "rebels"


def test_observations_collect_titled_unknown_people(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Kenyan Foreign Minister Zorbu Makalani met Sergey Lavrov in Moscow.")
    seen = observations(mentions, PUBLISHED)
    assert [(item.name, item.code) for item in seen] == [("Zorbu Makalani", "KENGOV")]


def test_kb_round_trips_through_tsv(tmp_path: Path) -> None:
    kb = ActorKB()
    kb.add("Ann Example", "FRAGOV", date(2010, 1, 1), date(2012, 12, 31), aliases=["Example"])
    kb.add("Ann Example", "FRALEG", date(2013, 1, 1))
    path = tmp_path / "kb.tsv"
    kb.write_tsv(path)
    again = ActorKB()
    assert again.load_tsv(path) == 2
    assert list(again.rows()) == list(kb.rows())
    assert again.lookup("Example", date(2014, 1, 1)).code == "FRALEG"  # type: ignore[union-attr]


def test_wire_dateline_is_not_an_actor(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "LIMA, Peru (Reuters) - Argentine oil company Pluspetrol said protesters blocked a road."
    mentions = mentions_of(text)
    assert all(mention.span[0] >= text.index("Argentine") for mention in mentions)
    assert "MED" not in {mention.actor.code for mention in mentions}


def test_named_company_is_not_he(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Argentine oil company Pluspetrol halted output. Manager Tavi Oranek said he was worried."
    he = next(m for m in mentions_of(text) if m.kind == "pronoun")
    assert he.actor.name == "Tavi Oranek"


def test_title_in_an_uncoded_firm_has_no_sector(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Ken Maylander, president of ClearView Economics, said growth was slow.")
    person = next(m for m in mentions if m.actor.name == "Ken Maylander")
    assert person.actor.sector != "GOV"


def test_bare_surname_of_the_office_holder(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Chirac said France would veto the resolution.", date(2003, 3, 10))
    assert _by_text(mentions, "Chirac").actor.code == "FRAGOV"


def test_organisation_named_again_keeps_its_code(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Russian oil giant Yukos filed for bankruptcy. Yukos said the court was unfair."
    coded = [m for m in mentions_of(text) if m.actor.name == "Yukos"]
    assert len(coded) == 2 and {m.actor.country for m in coded} == {"RUS"}


def test_acronym_in_brackets_names_the_body(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mention = next(
        m for m in mentions_of("The Nigerian Air Force (NAF) bombed the camp.") if m.kind == "name"
    )
    assert mention.actor.code == "NGAMIL"
    assert mention.actor.name == "NAF"
    assert mention.actor.text == "The Nigerian Air Force (NAF)"


def test_hyphenated_pair_of_states_is_two_actors(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(mentions_of("US-China talks collapsed as Washington and Beijing traded barbs."))
    assert codes["US"] == "USA" and codes["China"] == "CHN"
    assert codes["Washington"] == "USAGOV" and codes["Beijing"] == "CHNGOV"


def test_regions_have_cameo_codes_but_no_country(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mention = _by_text(mentions_of("The Middle East braced for war."), "The Middle East")
    assert mention.actor.code == "MEA"
    assert mention.actor.country is None


def test_known_subject_mistagged_as_common_noun(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Trump urges UN to renew Iran sanctions.", date(2020, 9, 1))
    assert _by_text(mentions, "Trump").actor.code == "USAGOV"


def test_month_is_not_a_person(mentions_of) -> None:  # type: ignore[no-untyped-def]
    assert all(m.actor.name != "Theresa May" for m in mentions_of("In May the minister resigned."))


def test_misspelt_given_name_joins_a_known_surname(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mention = next(m for m in mentions_of("Bashr Al Assad met Russian officials.") if m.kind == "name")
    assert mention.actor.text == "Bashr Al Assad"
    assert mention.actor.name == "Bashar al-Assad"
    assert mention.actor.code == "SYRGOV"


def test_reflexive_binds_to_its_clause_subject(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Kenyan President Zorbu Makalani knew that Chilean envoy Tavi Oranek liked himself."
    himself = next(m for m in mentions_of(text) if m.kind == "pronoun")
    assert himself.actor.name == "Tavi Oranek"


def test_collective_noun_heads_its_members(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "Dozens of Syrian rebels attacked the base."
    mention = _by_text(mentions_of(text), "Dozens of Syrian rebels")
    assert mention.actor.code == "SYRREB"
    assert mention.head == text.index("Dozens")


def test_international_codes_expose_their_sector() -> None:
    assert split_code("IGOUNOJUDICJ") == (None, "JUD")
    assert split_code("IGOWSTNAT") == (None, None)


def test_organisation_words_are_not_surnames() -> None:
    assert ActorKB.load_default().lookup("Party", date(2015, 1, 1)) is None


def test_led_coalition_belongs_to_its_leader_not_backed_forces(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(mentions_of("The Saudi-led coalition bombed the port. US-backed forces advanced."))
    assert codes["The Saudi-led coalition"].startswith("SAU")
    assert not codes.get("forces", "MIL").startswith("USA")


def test_stateless_collective_located_in_a_country(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mention = _by_text(
        mentions_of("Thousands of textile workers in Haiti protested."), "Thousands of textile workers"
    )
    assert mention.actor.country == "HTI"


def test_possessive_survives_a_misparse_and_passing_bodies_do_not_recode(mentions_of) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(
        mentions_of(
            "The UN has called on Libya ’s internationally recognized government to act. "
            "All Pakistani pro-Taliban newspapers were banned."
        )
    )
    assert codes["Libya ’s internationally recognized government"] == "LBYGOV"
    assert codes["Pakistani pro-Taliban newspapers"].startswith("PAK")


def test_kb_search_finds_entries_by_part_of_a_name() -> None:
    names = {entry.name for entry in ActorKB.load_default().search("lavrov")}
    assert "Sergey Lavrov" in names
    assert ActorKB().search("anything") == []


def test_known_name_after_stray_capitalised_words(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mention = next(m for m in mentions_of("Furious Theresa May attacked the plan.") if m.kind == "name")
    assert (mention.actor.name, mention.actor.code) == ("Theresa May", "GBRGOV")


def test_owner_of_a_regime_gives_its_state_not_its_name(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mention = _by_text(mentions_of("They condemned Kim Jong-un's regime."), "Kim Jong-un's regime")
    assert mention.actor.code == "PRKGOV"
    assert mention.actor.name is None


def test_unknown_bare_name_kept_only_when_resolved(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "President Zorbu Makalani of Kenya met reporters. Makalani said talks went well."
    surname = next(m for m in mentions_of(text) if m.kind == "surname")
    assert (surname.actor.name, surname.actor.code) == ("Zorbu Makalani", "KENGOV")


def test_later_fuller_mention_gives_the_state_to_earlier_ones(mentions_of) -> None:  # type: ignore[no-untyped-def]
    text = "President Zorbu Makalani praised the deal. Later President Zorbu Makalani of Kenya left."
    codes = [m.actor.code for m in mentions_of(text) if m.actor.name == "Zorbu Makalani"]
    assert codes == ["KENGOV", "KENGOV"]


def test_headline_capitalised_words_are_not_names(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Russia-UK Breakthrough\n\nThe talks went well.")
    assert {m.actor.code for m in mentions} == {"RUS", "GBR"}
    assert all(m.actor.name is None for m in mentions)


# --------------------------------------------------------------------------------------------------------
# document-context states (detente.actors.context)
# --------------------------------------------------------------------------------------------------------


def _code_of(mentions: list[ActorMention], text: str) -> str:
    return _by_text(mentions, text).actor.code


def test_context_body_nearby_gives_state_and_surname_inherits(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        'Pakistan\'s foreign office rejected the accusation. "India has a habit of blaming Pakistan," '
        "spokeswoman Ayesha Qureshi said. Qureshi added that talks were possible.",
        None,
    )
    assert _code_of(mentions, "spokeswoman Ayesha Qureshi") == "PAKGOV"
    later = [m for m in mentions if m.actor.text == "Qureshi"]
    assert later and later[0].actor.name == "Ayesha Qureshi" and later[0].actor.code == "PAKGOV"


def test_context_possessive_its_takes_the_body(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Kenya's foreign ministry said its spokeswoman would brief the press.")
    assert _code_of(mentions, "spokeswoman") == "KENGOV"


def test_context_place_of_the_clause(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("The defence minister told reporters in Nairobi that the talks had failed.")
    assert _code_of(mentions, "The defence minister") == "KENGOV"


def test_context_place_inside_reported_content_is_no_cue(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("The defence minister said the attackers were trained in Pakistan and India.")
    assert _by_text(mentions, "The defence minister").actor.country is None


def test_context_dateline_when_the_state_takes_part(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        "ISLAMABAD, Aug 22 (Reuters) - Foreign Secretary Tariq Hussain told the ambassador that India "
        "was wrong. Pakistan would not be bullied, he said."
    )
    assert _code_of(mentions, "Foreign Secretary Tariq Hussain") == "PAKGOV"
    assert _by_text(mentions, "the ambassador").actor.country is None  # an envoy's place is no cue


def test_context_dateline_of_a_distant_desk_is_no_cue(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        "LONDON (Reuters) - The foreign minister said on Monday that Iran and Iraq had agreed on talks."
    )
    assert _by_text(mentions, "The foreign minister").actor.country is None


def test_context_office_names(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Ministry of External Affairs spokesman Rajiv Menon said the talks would resume.")
    assert _code_of(mentions, "Ministry of External Affairs spokesman Rajiv Menon") == "INDGOV"
    british = mentions_of("The Foreign Office said the sanctions would stay.")
    assert _code_of(british, "The Foreign Office") == "GBRGOV"
    pakistani = mentions_of("ISLAMABAD — The Foreign Office said Pakistan would respond to India.")
    assert _code_of(pakistani, "The Foreign Office") == "PAKGOV"  # a usual state yields to the dateline


def test_context_split_evidence_leaves_the_state_unknown(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        "India and Pakistan traded accusations. The foreign minister said talks were over."
    )
    assert _by_text(mentions, "The foreign minister").actor.code == "GOV"


def test_context_paragraph_state(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("Kenya closed the border on Monday.\n\nResidents said the town was quiet.")
    assert _code_of(mentions, "Residents") == "KENCVL"
    split = mentions_of(
        "Kenya and Somalia closed the border on Monday.\n\nResidents said the town was quiet."
    )
    assert _by_text(split, "Residents").actor.country is None


def test_context_coordinated_state_is_not_contradicted(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of("CANBERRA — Australia said Beijing had warned Chinese students and tourists.")
    assert _by_text(mentions, "tourists").actor.country in (None, "CHN")


def test_context_located_rebels_take_the_place_not_their_backer(mentions_of) -> None:  # type: ignore[no-untyped-def]
    mentions = mentions_of(
        "He expressed concern about the security situation in Ukraine, and continued Russian support "
        "for the separatists."
    )
    assert _code_of(mentions, "the separatists") == "UKRREB"
    conflict = mentions_of("Iranian support for the rebels in the Syrian conflict grew.")
    assert _code_of(conflict, "the rebels") == "SYRREB"
    part = mentions_of("The militants attacked a checkpoint in the Donetsk region of Ukraine.")
    assert _by_text(part, "The militants").actor.country == "UKR"


def test_pro_or_anti_a_state_is_a_stance_not_a_nationality(mentions_of) -> None:  # type: ignore[no-untyped-def]
    located = mentions_of("Pro-Russian separatists in eastern Ukraine shelled the town.")
    assert _code_of(located, "separatists") == "UKRREB"
    assert "RUS" not in {m.actor.country for m in located}
    protesters = mentions_of("Anti-American protesters marched in Cairo.")
    assert _code_of(protesters, "protesters") == "EGYOPP"
    assert _code_of(mentions_of("Russian separatists shelled the town."), "Russian separatists") == "RUSREB"


def test_context_located_by_the_scene_of_the_sentence_before(mentions_of) -> None:  # type: ignore[no-untyped-def]
    scene = mentions_of("Clashes erupted in eastern Ukraine on Sunday. The separatists said they held.")
    assert _code_of(scene, "The separatists") == "UKRREB"
    own_state = mentions_of("Clashes erupted in Syria. The rebels said Turkey had helped.")
    assert _by_text(own_state, "The rebels").actor.country != "SYR"  # the sentence names a state itself


def test_context_backer_alone_gives_no_state(mentions_of) -> None:  # type: ignore[no-untyped-def]
    assert _by_text(mentions_of("Russia armed the rebels."), "the rebels").actor.code == "REB"
    backed = mentions_of("Russian support for the separatists grew.")
    assert _by_text(backed, "the separatists").actor.country is None
    fought = mentions_of("Syrian troops shelled the rebels.")  # a state's forces fight rebels at home
    assert _code_of(fought, "the rebels") == "SYRREB"
    ordered = mentions_of("Iraq ordered the rebels to leave the city.")  # acting on them, not backing
    assert _code_of(ordered, "the rebels") == "IRQREB"
    supplied = mentions_of("Iran supplied weapons to the rebels.")
    assert _by_text(supplied, "the rebels").actor.country is None


def test_context_located_cue_is_only_for_home_sectors(mentions_of) -> None:  # type: ignore[no-untyped-def]
    police = mentions_of("Police arrested protesters after the violence in Kenya.")
    assert _code_of(police, "Police") == "KENCOP"
    assert _code_of(police, "protesters") == "KENOPP"
    split = mentions_of("The rebels attacked towns in Sudan and camps in Chad.")
    assert _by_text(split, "The rebels").actor.country is None  # two places: no state
    elsewhere = mentions_of("Mr Assad, who trained in London, vowed to defeat the militants.")
    assert _by_text(elsewhere, "the militants").actor.country != "GBR"  # someone else's clause
    envoy = mentions_of("The envoy discussed the situation in Yemen.")  # not a home sector
    assert _by_text(envoy, "The envoy").actor.country is None


# --------------------------------------------------------------------------------------------------------
# PETRARCH .agents import (detente.actors.agents)
# --------------------------------------------------------------------------------------------------------

AGENTS_FIXTURE = """# a test agents file
!PERSON! = MAN, MEN, WOMAN, WOMEN
ZORBLAT_ {ZORBLATS} [~MIL]   # a made-up soldier
FROB!PERSON! [~REB]
QUIXBODY {} [~GOV]
TRUCE_WATCHER [IGO~]
"""


def test_parse_agents_expands_sets_and_plurals() -> None:
    from detente.actors.agents import parse_agents

    entries = {entry.phrase: entry.code for entry in parse_agents(AGENTS_FIXTURE)}
    assert entries["zorblat"] == "MIL" and entries["zorblats"] == "MIL"
    assert entries["frobwoman"] == "REB" and entries["frobmen"] == "REB"
    assert "quixbody" in entries and "quixbodies" not in entries  # "{}": no plural
    assert "truce watcher" not in entries  # a body kind, not a sector
    assert all(entry.kind == "role" for entry in parse_agents(AGENTS_FIXTURE))


def test_load_agents_file_extends_one_stage(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from detente.actors import RuleActors
    from detente.config import Config

    path = tmp_path / "test.agents"
    path.write_text(AGENTS_FIXTURE, encoding="utf-8")
    stage = RuleActors(Config())
    doc = nlp("Russian zorblats attacked the town.")
    before = find_mentions(doc, split_sentences(doc), PUBLISHED)
    assert "RUSMIL" not in {m.actor.code for m in before}
    assert stage.load_agents_file(path) == len(
        __import__("detente.actors.agents", fromlist=["parse_agents"]).parse_agents(AGENTS_FIXTURE)
    )
    after = find_mentions(doc, split_sentences(doc), PUBLISHED, stage.kb, stage._matchers_for(doc))
    assert "RUSMIL" in {m.actor.code for m in after}
    again = find_mentions(doc, split_sentences(doc), PUBLISHED)  # the process-wide lexicon is untouched
    assert "RUSMIL" not in {m.actor.code for m in again}


def test_agents_files_in_the_configuration_extend_the_stage(tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    from detente.actors import RuleActors
    from detente.config import Config

    agents = tmp_path / "extra.agents"
    agents.write_text("WATERMASTER [~GOV]\n", encoding="utf-8")
    text = "Egyptian watermasters accused Ethiopia of stealing the Nile."
    plain = RuleActors(Config())
    extended = RuleActors(Config(agents_files=str(agents)))
    assert len(extended._agents) >= 1

    def codes(stage: RuleActors) -> set[str]:
        from detente.ingest import article_from_text
        from detente.nlp import sentences
        from detente.pipeline import DocState

        doc = nlp(text)
        state = DocState(article=article_from_text(text), doc=doc, sentences=sentences(doc))
        stage(state)
        return {m.actor.code for m in state.mentions}

    assert "EGYGOV" in codes(extended)
    assert "EGYGOV" not in codes(plain)
