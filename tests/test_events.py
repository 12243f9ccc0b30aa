"""The event coder on small inline sentences, with actors fixed by hand so that only the coder is tested."""

from __future__ import annotations

import json
from datetime import date

import pytest

from detente import cameo
from detente import nlp as nlp_stage
from detente.config import Config
from detente.events import RuleEvents, hand_mentions
from detente.events.combine import combined_code
from detente.events.lexicon import load
from detente.models import Article, Event
from detente.pipeline import DocState
from tests.conftest import shared_path

ACTORS = {
    "France": "FRA",
    "French officials": "FRAGOV",
    "Germany": "DEU",
    "Iran": "IRN",
    "Iraq": "IRQ",
    "Israel": "ISR",
    "Britain": "GBR",
    "Russia": "RUS",
    "Russian": "RUS",
    "Moscow": "RUS",
    "Ukraine": "UKR",
    "Johnson": "GBRGOV",
    "Lavrov": "RUSGOV",
    "the rebels": "SYRREB",
    "the army": "SYRMIL",
}


@pytest.fixture(scope="module")
def coder() -> RuleEvents:
    """One-sided events kept, so that structure tests see statements without addressees too."""
    return RuleEvents(Config(), dyadic=False)


def _runner(nlp, coder):  # type: ignore[no-untyped-def]
    def run(text: str, actors: dict[str, str] | None = None) -> list[Event]:
        doc = nlp(text)
        state = DocState(article=Article("doc", text), doc=doc, sentences=nlp_stage.sentences(doc))
        state.mentions = hand_mentions(doc, actors or ACTORS)
        coder(state)
        return state.events

    return run


@pytest.fixture(scope="module")
def code(nlp, coder):  # type: ignore[no-untyped-def]
    return _runner(nlp, coder)


@pytest.fixture(scope="module")
def dyadic(nlp):  # type: ignore[no-untyped-def]
    """The stage as the pipeline runs it: events without a target are dropped."""
    return _runner(nlp, RuleEvents(Config()))


def dyads(events: list[Event]) -> set[tuple[str, str | None, str]]:
    return {(e.source.code if e.source else "", e.target.code if e.target else None, e.cameo) for e in events}


def only(events: list[Event], root: str) -> list[Event]:
    return [event for event in events if event.root == root]


def test_simple_criticism(code) -> None:  # type: ignore[no-untyped-def]
    events = code("France condemned Germany on Monday.")
    assert dyads(events) == {("FRA", "DEU", "111")}
    [event] = events
    assert event.trigger == "condemned"
    assert event.coder == "cameo.rules.v1"
    assert event.quad_class == 3 and event.goldstein == cameo.lookup("111").goldstein
    assert event.flags == ()


def test_passive_swaps_roles(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Johnson was slammed by Moscow.")
    assert dyads(events) == {("RUS", "GBRGOV", "111")}


def test_coordinated_sources_and_targets_give_one_event_per_pair(code) -> None:  # type: ignore[no-untyped-def]
    events = code("France and Germany criticised Iran and Iraq.")
    pairs = {(s, t) for s, t, _ in dyads(events)}
    assert pairs == {("FRA", "IRN"), ("FRA", "IRQ"), ("DEU", "IRN"), ("DEU", "IRQ")}


def test_accuse_of_is_an_accusation_with_the_object_as_target(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Iran accused Britain of spying.")
    assert {(s, t) for s, t, _ in dyads(events)} == {("IRN", "GBR")}
    assert all(e.cameo.startswith("112") for e in events)


def test_control_verb_folds_into_intent_to_meet(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Iran agreed to hold talks with France.")
    assert dyads(events) == {("IRN", "FRA", "036")}
    assert "future" in events[0].flags
    assert "agreed" in events[0].trigger


def test_refusal_codes(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Iran refused to meet French officials.")
    assert dyads(events) == {("IRN", "FRAGOV", "125")}


def test_negation_is_flagged(code) -> None:  # type: ignore[no-untyped-def]
    [event] = only(code("Iran did not attack Iraq."), "19")
    assert event.flags == ("negated",)
    assert (event.source and event.source.code, event.target and event.target.code) == ("IRN", "IRQ")


def test_reported_speech_gives_statement_and_reported_event(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Lavrov said Russia was ready to hold talks with Britain.")
    statement = [e for e in events if e.cameo == "010"]
    embedded = [e for e in events if e.root == "03"]
    assert [(e.source and e.source.code) for e in statement] == ["RUSGOV"]
    assert [(e.source and e.source.code, e.target and e.target.code) for e in embedded] == [("RUS", "GBR")]
    assert {"reported", "future"} <= set(embedded[0].flags)


def test_conditional_readiness(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Russia is ready to reciprocate if Britain changes its policy.")
    intent = only(events, "03")
    assert intent and "conditional" in intent[0].flags
    assert intent[0].source is not None and intent[0].source.code == "RUS"
    assert intent[0].target is not None and intent[0].target.code == "GBR"


def test_future_and_hypothetical(code) -> None:  # type: ignore[no-untyped-def]
    [sanction] = code("Britain will impose sanctions on Russia.")
    assert (sanction.cameo, sanction.target and sanction.target.code) == ("163", "RUS")
    assert "future" in sanction.flags
    [attack] = only(code("Iran would attack Israel."), "19")
    assert "hypothetical" in attack.flags


def test_question(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Will Iran attack Israel?")
    assert events and all("question" in e.flags for e in events)


def test_threat_to_attack_is_a_military_threat(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Iran threatened to attack Israel.")
    assert {e.cameo[:3] for e in events} == {"138"}
    assert {(e.source and e.source.code, e.target and e.target.code) for e in events} == {("IRN", "ISR")}


def test_appeal_takes_the_urged_actor_as_target(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Britain urged Russia to withdraw its troops.")
    assert {(s, t) for s, t, _ in dyads(events)} == {("GBR", "RUS")}
    assert all(e.root == "02" for e in events)
    assert events[0].cameo == "0256"


def test_phone_call(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Johnson spoke by phone with Lavrov on Sunday.")
    assert dyads(events) == {("GBRGOV", "RUSGOV", "041")}
    assert cameo.lookup("041").plover_mode == "phone"


def test_light_verb_with_event_noun(code) -> None:  # type: ignore[no-untyped-def]
    assert dyads(code("Britain imposed sanctions on Russia.")) == {("GBR", "RUS", "163")}
    talks = code("France held talks with Germany.")
    assert {(s, t, c[:2]) for s, t, c in dyads(talks)} == {("FRA", "DEU", "04")}


def test_nominal_event_takes_its_possessor_as_source(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Moscow's attack on Ukraine began at dawn.")
    assert ("RUS", "UKR", "190") in dyads(events)


def test_both_sides_means_the_pair_in_context(code) -> None:  # type: ignore[no-untyped-def]
    events = code("France criticised Germany. Later both sides agreed to resume talks.")
    intents = only(events, "03")
    assert {(e.source and e.source.code, e.target and e.target.code) for e in intents} == {
        ("FRA", "DEU"),
        ("DEU", "FRA"),
    }


def test_relative_clause_subject(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Johnson, who accused Russia of war crimes, left early.")
    assert ("GBRGOV", "RUS") in {(s, t) for s, t, _ in dyads(events)}


def test_no_event_without_an_acting_actor(code) -> None:  # type: ignore[no-untyped-def]
    assert code("The embassy was attacked overnight.") == []
    assert code("A storm hit the coast of Britain.") == []
    assert code("Prices rose sharply in March.") == []


def test_event_fields_are_consistent(code) -> None:  # type: ignore[no-untyped-def]
    text = "Officials met on Monday. Iran accused Britain of spying."
    events = code(text)
    assert events
    for event in events:
        assert cameo.is_valid(event.cameo)
        assert event.quad_class == cameo.quad_class(event.cameo)
        assert text[event.trigger_span[0] : event.trigger_span[1]] == event.trigger
        assert text[event.span[0] : event.span[1]] == event.sentence
        assert 0.0 <= event.confidence <= 1.0
        assert set(event.flags) <= {
            "negated",
            "conditional",
            "hypothetical",
            "future",
            "reported",
            "question",
        }
    again = code(text)
    assert [e.event_id for e in again] == [e.event_id for e in events]


def test_combined_codes() -> None:
    assert combined_code("intent", "046") == "036"
    assert combined_code("intent", "0331") == "0331"
    assert combined_code("refuse", "0841") == "1243"
    assert combined_code("threaten", "163") == "1312"
    assert combined_code("appeal", "087") == "0256"
    assert combined_code("plain", "190") == "190"
    assert combined_code("demand", "111") == "100"


def test_every_lexicon_code_is_valid() -> None:
    lexicon = load()
    assert len(lexicon.verbs) > 1000
    for frames in (*lexicon.verbs.values(), *lexicon.nouns.values()):
        for frame in frames:
            assert frame.code == "-" or cameo.is_valid(frame.code), frame
    assert {"intent", "refuse", "appeal", "threaten"} <= set(lexicon.governors.values())


def test_seed_page_dyads(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Through the whole pipeline (real actor stage): the page's GBR↔RUS events."""
    from detente.ingest import article_from_text

    text = shared_path("seed", "russia-uk-breakthrough.txt").read_text(encoding="utf-8")
    coded = pipeline.code(article_from_text(text, published=date(2016, 11, 21)))
    found = {
        (e.source.country if e.source else None, e.target.country if e.target else None, e.root)
        for e in coded.events
    }
    summary = json.dumps(sorted(map(str, found)))
    assert ("GBR", "RUS", "04") in found, summary
    assert ("GBR", "RUS", "02") in found, summary
    assert {("GBR", "RUS", "03"), ("RUS", "GBR", "03")} <= found, summary
    assert ("RUS", "GBR", "11") in found, summary
    conditional = [e for e in coded.events if "conditional" in e.flags and e.root == "03"]
    assert conditional and all(e.source and e.source.country == "RUS" for e in conditional)


def _bench():  # type: ignore[no-untyped-def]
    """The benchmark script as a module: the CI gate reuses its scoring rule and dictionary loader."""
    import importlib.util

    from tests.conftest import REPO

    spec = importlib.util.spec_from_file_location("events_dev", REPO / "bench" / "events_dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: ConfliBERT 5-class macro-F1 of events with a source (stand-in actors), every 8th sentence: measured
#: minus 0.02 (docs/event-coding.md has the full-set figures).
FLOOR_WITH_SOURCE = 0.91  # measured 0.930 (second session; first pinned at 0.888)


def test_gate_conflibert_classes(nlp, coder) -> None:  # type: ignore[no-untyped-def]
    """Pinned floor on every 8th ConfliBERT sentence (169): 5-class macro-F1 of the main predicate."""
    from detente.events import code_predicates

    path = shared_path("dev", "events", "conflibert_cameo_train.jsonl")
    bench = _bench()
    rows = [json.loads(line) for line in path.open(encoding="utf-8")][::8]
    gold, predicted, with_source = [], [], []
    for row, doc in zip(rows, nlp.pipe([row["text"] for row in rows]), strict=True):
        predicates = [p for sent in doc.sents for p in code_predicates(sent, coder.lexicon)]
        gold.append(row["pentacode"])
        predicted.append(bench.main_class([(p.code, bench._depth(p.head)) for p in predicates]))
        state = DocState(article=Article(row["id"], row["text"]), doc=doc, sentences=nlp_stage.sentences(doc))
        state.mentions = bench.chunk_mentions(doc)
        coder(state)
        heads = [doc.char_span(*e.trigger_span, alignment_mode="expand").root for e in state.events]
        with_source.append(
            bench.main_class([(e.cameo, bench._depth(h)) for e, h in zip(state.events, heads, strict=True)])
        )
    scores = bench.macro_f1(gold, predicted, range(5))
    assert scores["macro_f1"] >= 0.93, scores  # measured 0.951 on this subset, 0.924 on all 1,349
    scores = bench.macro_f1(gold, with_source, range(5))
    assert scores["macro_f1"] >= FLOOR_WITH_SOURCE, scores  # a source required (stand-in actors)


def test_gate_petrarch_structure(nlp, coder) -> None:  # type: ignore[no-untyped-def]
    """Pinned floors on the PETRARCH unit-test suite: who is source and target (actor roots)."""
    path = shared_path("dev", "events", "petrarch_structure_suites.jsonl")
    bench = _bench()
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [
        r for r in rows if r["suite"] == "petr_unittest" and r["evaluate"] and r["expected_kind"] == "events"
    ]
    entries = bench.load_actor_dictionary(
        path.parent / "petrarch_validate_dicts" / "PETR.Validate.actors.txt"
    )
    expected_total = found = coded = correct = 0
    for row, doc in zip(rows, nlp.pipe([row["text"] for row in rows]), strict=True):
        state = DocState(article=Article(row["id"], row["text"]), doc=doc, sentences=nlp_stage.sentences(doc))
        state.mentions = bench.dictionary_mentions(doc, entries)
        coder(state)
        got = {(e.source.code[:3], e.target.code[:3]) for e in state.events if e.source and e.target}
        expected = {(item["source"][:3], item["target"][:3]) for item in row["expected"]}
        expected_total += len(expected)
        found += len(expected & got)
        coded += len(got)
        correct += len(got & expected)
    recall, precision = found / expected_total, correct / max(1, coded)
    assert recall >= 0.65, (recall, precision)  # measured 0.675 (second session; first 0.553)
    assert precision >= 0.90, (recall, precision)  # measured 0.920


def test_said_must_is_a_demand_on_the_obliged(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Lavrov said Britain must withdraw its troops.")
    assert {(s, t, c[:2]) for s, t, c in dyads(events)} == {("RUSGOV", "GBR", "10")}


def test_declined_to_comment(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Iran declined to comment on the report.")
    assert [e.cameo for e in events] == ["011"]


def test_announced_own_future_act_is_an_intent(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The rebels said they will release the hostages to France.")
    assert {e.root for e in events} == {"03"}
    assert {(e.source and e.source.code) for e in events} == {"SYRREB"}
    assert "future" in events[0].flags


def test_claimed_own_attack_is_a_claim_of_responsibility(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The rebels claimed that they had attacked the army.")
    assert [e.cameo for e in events] == ["015"]


def test_expelling_diplomats_reduces_relations(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Britain expelled Russian diplomats.")
    assert dyads(events) == {("GBR", "RUS", "161")}


def test_agentless_passive_in_a_bilateral_sentence(code) -> None:  # type: ignore[no-untyped-def]
    text = "Russia and Britain argue. Relations between the two countries soured after Johnson was slammed."
    slams = [e for e in code(text) if e.root == "11"]
    assert {(e.source and e.source.code, e.target and e.target.code) for e in slams} == {("RUS", "GBRGOV")}
    assert all(e.confidence < 0.7 for e in slams)
    assert code("Johnson was slammed for his remarks.") == []


def test_events_inside_an_if_clause_are_conditional(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Russia is ready to talk if Britain changes its policy and attacks Iran.")
    attack = only(events, "19")
    assert attack and attack[0].flags == ("conditional",)


def test_announced_own_refusal(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Iran says it will not release the hostages.")
    assert [e.cameo for e in events] == ["1243"]
    assert events[0].source is not None and events[0].source.code == "IRN"


def test_predicative_adjective(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Iran is pessimistic about the talks with France.")
    assert [e.cameo for e in events] == ["012"]
    assert events[0].source is not None and events[0].source.code == "IRN"


def test_meeting_a_deadline_is_no_meeting(code) -> None:  # type: ignore[no-untyped-def]
    assert code("Iran met the deadline.") == []
    assert dyads(code("Iran met France.")) == {("IRN", "FRA", "040")}


def test_statement_venues_are_not_targets(code) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in code("France said in Germany that prices rose.") if e.cameo == "010"]
    assert [(e.source and e.source.code, e.target) for e in events] == [("FRA", None)]


def test_only_mutual_predicates_pair_coordinated_subjects(code) -> None:  # type: ignore[no-untyped-def]
    met = code("France and Germany met on Monday.")
    assert {(s, t) for s, t, _ in dyads(met)} == {("FRA", "DEU"), ("DEU", "FRA")}
    plans = code("France and Germany announced spending plans.")
    assert all(e.target is None for e in plans)


def test_past_negation_is_not_a_refusal(code) -> None:  # type: ignore[no-untyped-def]
    [past] = code("Iran did not release the hostages to France.")
    assert past.cameo == "0841" and "negated" in past.flags
    [future] = code("Iran will not release the hostages to France.")
    assert future.cameo == "1243"


# ------------------------------------------------------------------------ dyadic coding and context targets

WIRE = {
    **ACTORS,
    "India": "IND",
    "Pakistan": "PAK",
    "Indian": "IND",
    "the United States": "USA",
    "South Korea": "KOR",
    "North Korea": "PRK",
    "reporters": "GBRMED",
    "OSLO": "NOR",
    "Norway": "NOR",
    "Russian diplomats": "RUSGOV",
    "the foreign ministers": "GOV",
}


def test_dyadic_stage_drops_events_without_a_target(dyadic) -> None:  # type: ignore[no-untyped-def]
    assert dyadic("Lavrov said the weather was fine.", WIRE) == []
    assert dyads(dyadic("Britain criticised Russia.", WIRE)) == {("GBR", "RUS", "111")}


def test_one_sided_mode_keeps_statements(code) -> None:  # type: ignore[no-untyped-def]
    assert dyads(code("Lavrov said the weather was fine.", WIRE)) == {("RUSGOV", None, "010")}


def test_denial_targets_the_accuser(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = "India accused Pakistan of sheltering militants.\n\nPakistan denied any involvement."
    assert ("PAK", "IND", "016") in dyads(dyadic(text, WIRE))


def test_rejecting_an_accusation_is_a_denial_of_the_accuser(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = "India accused Pakistan of sheltering militants.\n\nPakistan rejected the accusation on Sunday."
    assert ("PAK", "IND", "016") in dyads(dyadic(text, WIRE))


def test_response_without_an_earlier_act_has_no_target(dyadic) -> None:  # type: ignore[no-untyped-def]
    assert dyadic("Pakistan rejected the accusation on Sunday.", WIRE) == []


def test_warning_targets_the_parties_of_its_condition(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = (
        "North Korea warned that it would take strong countermeasures if the United States and South Korea"
        " went ahead with the exercises."
    )
    events = only(dyadic(text, WIRE), "13")
    assert {(e.source and e.source.code, e.target and e.target.code) for e in events} == {
        ("PRK", "USA"),
        ("PRK", "KOR"),
    }


def test_warning_about_anothers_act_targets_it(dyadic) -> None:  # type: ignore[no-untyped-def]
    [event] = only(dyadic("Pakistan warned that any Indian incursion would be met with force.", WIRE), "13")
    assert event.target is not None and event.target.code == "IND"


def test_of_phrase_conjuncts_are_both_parties(dyadic) -> None:  # type: ignore[no-untyped-def]
    events = dyadic("The foreign ministers of India and Pakistan spoke by telephone on Monday.", WIRE)
    assert {("IND", "PAK"), ("PAK", "IND")} <= {
        (e.source and e.source.country, e.target and e.target.country) for e in events
    }


def test_pair_phrase_as_target_is_the_pair_in_context(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = (
        "India accused Pakistan of shelling.\n\nBritain spoke with the foreign ministers of both countries."
    )
    targets = {e.target.code for e in only(dyadic(text, WIRE), "04") if e.target}
    assert targets == {"IND", "PAK"}


def test_dateline_is_no_actor(dyadic) -> None:  # type: ignore[no-untyped-def]
    events = dyadic("OSLO — Norway on Wednesday expelled three Russian diplomats.", WIRE)
    assert dyads(events) == {("NOR", "RUSGOV", "161")}


def test_statement_to_the_press_has_no_target(dyadic) -> None:  # type: ignore[no-untyped-def]
    assert dyadic("Johnson told reporters in London that talks had failed.", WIRE) == []


def test_calling_something_baseless_is_criticism(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = "India accused Pakistan of shelling.\n\nPakistan called the accusation baseless."
    assert ("PAK", "IND", "111") in dyads(dyadic(text, WIRE))


def test_urging_coordinated_objects_targets_each(code) -> None:  # type: ignore[no-untyped-def]
    events = only(
        code("Britain urged India and Pakistan to resolve the dispute through dialogue.", WIRE), "02"
    )
    assert {e.target.code for e in events if e.target} == {"IND", "PAK"}


def test_two_sides_act_on_each_other_past_a_sector_object(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = "India accused Pakistan of shelling.\n\nThe two countries exchanged ambassadors last month."
    assert {("IND", "PAK"), ("PAK", "IND")} <= {
        (e.source and e.source.code, e.target and e.target.code) for e in only(dyadic(text, WIRE), "05")
    }


def test_sports_story_is_discarded(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Australia beat New Zealand at the cricket ground.\n\n"
        "The fast bowler took four wickets as the visitors lost the final match."
    )
    assert dyadic(text, {"Australia": "AUS", "New Zealand": "NZL"}) == []


def test_one_sports_word_does_not_discard_a_political_story(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = "Britain criticised Russia over the cricket tour."
    assert dyads(dyadic(text, WIRE)) == {("GBR", "RUS", "111")}


def test_reaction_drawn_from_another_party(dyadic) -> None:  # type: ignore[no-untyped-def]
    events = dyadic(
        "Last month, North Korea fired a missile over Japan, drawing condemnation from Tokyo.",
        WIRE | {"Tokyo": "JPN", "Japan": "JPN"},
    )
    assert ("JPN", "PRK", "111") in dyads(events)


def test_recalled_ambassador_targets_the_host_country(dyadic) -> None:  # type: ignore[no-untyped-def]
    events = dyadic("Pakistan has recalled its ambassador to India.", WIRE | {"its ambassador": "PAKGOV"})
    assert {(s, t) for s, t, _ in dyads(events)} == {("PAK", "IND")}


def test_package_of_sanctions_is_sanctions(dyadic) -> None:  # type: ignore[no-untyped-def]
    events = dyadic("Britain agreed a fresh package of sanctions against Russia.", WIRE)
    assert dyads(events) == {("GBR", "RUS", "163")}


def test_conditional_future_force_is_a_threat(code) -> None:  # type: ignore[no-untyped-def]
    events = code("If Iran attacks, Israel will strike Iran.")
    assert {e.root for e in events if e.source and e.source.code == "ISR"} == {"13"}


def test_said_it_would_retaliate_answers_the_last_act(dyadic) -> None:  # type: ignore[no-untyped-def]
    text = "Britain imposed sanctions on Russia.\n\nRussia said it would retaliate."
    assert any(s == "RUS" and t == "GBR" for s, t, _ in dyads(dyadic(text, WIRE)))


def test_config_keeps_one_sided_events_when_asked() -> None:
    import detente
    from detente.config import Config

    text = "Mr Lavrov said Russia was ready to talk."
    assert detente.code_text(text, "2016-11-21").events == ()
    one_sided = detente.code_text(text, "2016-11-21", config=Config(dyadic_events=False)).events
    assert {e.cameo for e in one_sided} >= {"010"}
    assert all(e.target is None for e in one_sided)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('Mr Assad described Mr Trump as a "natural ally".', "051"),
        ("Moscow dismissed the British claims as absurd.", "111"),
        ("Russia described Britain as an unreliable partner.", "111"),
        ("China hailed the agreement with Russia as historic.", "051"),
    ],
)
def test_naming_through_as_is_a_judgement(code_text, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    codes = {event.cameo for event in code_text(text, "2016-11-21").events}
    assert code in codes, codes


@pytest.mark.parametrize("verb", ["reiterated", "expressed", "raised", "voiced"])
def test_concern_is_a_pessimistic_comment_however_voiced(code_text, verb: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Britain {verb} its concern about the Russian bombing of Aleppo."
    codes = {event.cameo for event in code_text(text, "2016-11-21").events}
    assert codes == {"012"}, codes


# Argument structure: coordination, compounds, clauses (one event per pair).

PAIRS = {
    **ACTORS,
    "Indian": "IND",
    "Pakistani": "PAK",
    "Indian civilians": "INDCVL",
    "French": "FRA",
    "German": "DEU",
}


def test_coordinated_frame_objects_give_one_event_per_target(code) -> None:  # type: ignore[no-untyped-def]
    """The seed page's sentence: the parser hangs the second conjunct on the verb; each is a target."""
    events = code(
        "Johnson expressed concern about the situation in Ukraine, "
        "and continued Russian support for the rebels."
    )
    assert {("GBRGOV", "UKR", "012"), ("GBRGOV", "RUS", "012")} <= dyads(events)


def test_each_conjunct_reaches_its_own_actor(code) -> None:  # type: ignore[no-untyped-def]
    """A conjunct that names no actor is resolved through its own preposition (the situation in Ukraine)."""
    events = code("Britain expressed concern about the situation in Ukraine and the conduct of Russia.")
    assert {(s, t) for s, t, _ in dyads(events)} == {("GBR", "UKR"), ("GBR", "RUS")}


def test_coordinated_modifiers_are_two_parties_acting_on_each_other(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Indian and Pakistani troops exchanged fire.", PAIRS)
    assert {(s, t) for s, t, _ in dyads(events)} == {("IND", "PAK"), ("PAK", "IND")}


def test_coordinated_sources_do_not_act_on_their_own_side(code) -> None:  # type: ignore[no-untyped-def]
    """Killing Indian civilians is Pakistan's act in a clash of both: India does not act on itself."""
    events = code("Indian and Pakistani troops exchanged fire, killing Indian civilians.", PAIRS)
    killing = [e for e in events if e.trigger == "killing"]  # whatever its code (190 or 20x)
    assert {(e.source.code if e.source else None, e.target.code if e.target else None) for e in killing} == {
        ("PAK", "INDCVL")
    }


def test_every_subject_counts_when_the_parser_gives_two(code) -> None:  # type: ignore[no-untyped-def]
    """ "Old foes France and Germany": *foes* and *France* are both subjects; the pair acts on each other."""
    events = code("Old foes France and Germany signed a treaty.")
    assert {(s, t) for s, t, _ in dyads(events)} == {("FRA", "DEU"), ("DEU", "FRA")}


def test_members_of_a_place_stand_for_it(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Lawmakers in France and Germany welcomed the resumption of talks with Iran.")
    assert {(s, t) for s, t, _ in dyads(events)} == {("FRA", "IRN"), ("DEU", "IRN")}
    assert not code("Refugees in Germany welcomed the resumption of talks with Iran.")  # outsiders do not


def test_a_group_named_by_example_is_its_members(code) -> None:  # type: ignore[no-untyped-def]
    assert {(s, t) for s, t, _ in dyads(code("Britain criticised partners like Iran."))} == {("GBR", "IRN")}


def test_a_prepositional_particle_leads_to_the_target(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Germany asked for sanctions against Iran.")
    assert ("DEU", "IRN") in {(s, t) for s, t, _ in dyads(events)}


def test_the_subject_of_a_content_clause_is_the_target(code) -> None:  # type: ignore[no-untyped-def]
    events = code("France expressed hope that Iran would return to talks.")
    assert {(s, t) for s, t, c in dyads(events) if c.startswith("01")} == {("FRA", "IRN")}


def test_from_and_active_by_phrases_are_late_targets(code) -> None:  # type: ignore[no-untyped-def]
    assert {(s, t) for s, t, _ in dyads(code("France withdrew its troops from Iraq."))} == {("FRA", "IRQ")}
    denial = code("Iran denied charges by Israel that it armed the rebels.")
    assert ("IRN", "ISR", "016") in dyads(denial)


def test_what_is_received_from_someone_is_given_by_them(code) -> None:  # type: ignore[no-untyped-def]
    assert {(s, t) for s, t, c in dyads(code("Russia received money from Iran."))} == {("IRN", "RUS")}


def test_a_meeting_place_is_a_venue_not_a_party(code) -> None:  # type: ignore[no-untyped-def]
    events = code("French and German ministers met in Moscow.", PAIRS)
    assert {(s, t) for s, t, _ in dyads(events)} == {("FRA", "DEU"), ("DEU", "FRA")}


def test_a_participle_object_of_the_object_is_the_target(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Britain boycotted the parade supporting Russia.")
    assert {(s, t) for s, t, _ in dyads(events)} == {("GBR", "RUS")}


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Russia and Ukraine resumed on Monday.",
        "France and Germany postponed their meeting.",
        "France and Germany criticised each other.",
        "Old foes France and Germany have restored diplomatic ties.",
    ],
)
def test_mutual_events_give_both_directions(code, text) -> None:  # type: ignore[no-untyped-def]
    pairs = {(s, t) for s, t, _ in dyads(code(text))}
    assert len(pairs) == 2 and {(t, s) for s, t in pairs} == pairs, pairs


def test_ties_with_a_third_party_are_not_mutual(code) -> None:  # type: ignore[no-untyped-def]
    events = code("France and Germany cut ties with Iran.")
    assert {(s, t) for s, t, _ in dyads(events)} == {("FRA", "IRN"), ("DEU", "IRN")}


def test_warnings_are_aimed_at_what_they_warn_of(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Iran warned of retaliation against Israel.")
    assert {(s, t) for s, t, _ in dyads(events)} == {("IRN", "ISR")}


def test_a_raised_subject_acts_in_the_infinitive(code) -> None:  # type: ignore[no-untyped-def]
    """ "is expected to attack": the passive's subject is the attacker; "was summoned to protest" is not."""
    assert {(s, t) for s, t, _ in dyads(code("Russia is expected to attack Ukraine."))} == {("RUS", "UKR")}
    assert not [
        e for e in code("Iran was summoned to protest the incident.") if e.source and e.source.code == "IRN"
    ]


@pytest.mark.parametrize(
    "text", ["Britain gives medical equipment to Ukraine.", "Britain gave to Ukraine some of the equipment."]
)
def test_a_dative_to_is_a_preposition_not_an_object(code, text) -> None:  # type: ignore[no-untyped-def]
    """spaCy labels the "to" of giving *dative*; the recipient is its object."""
    assert {(s, t) for s, t, _ in dyads(code(text))} == {("GBR", "UKR")}


@pytest.mark.parametrize(
    "text",
    ["Germany is pessimistic about Iran.", "Germany is skeptical about Iran being able to keep the deal."],
)
def test_a_comment_is_aimed_at_what_it_is_about(code, text) -> None:  # type: ignore[no-untyped-def]
    assert {(s, t) for s, t, c in dyads(code(text)) if c.startswith("01")} == {("DEU", "IRN")}


def test_aid_is_for_whom_its_purpose_clause_helps(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Germany has earmarked emergency aid to help Ukraine cope.")
    earmarked = [e for e in events if e.trigger == "earmarked"]
    assert [
        (e.source.code if e.source else None, e.target.code if e.target else None) for e in earmarked
    ] == [("DEU", "UKR")]


def test_what_is_sent_is_not_whom_it_is_sent_to(code) -> None:  # type: ignore[no-untyped-def]
    """Deployed troops are the sender's means; the target is where they go (unless nothing else is)."""
    actors = {"Britain": "GBR", "peacekeepers": "IGOUNOPKO", "Mali": "MLI"}
    events = code("Britain deployed 300 peacekeepers to Mali.", actors)
    assert {(s, t) for s, t, _ in dyads(events)} == {("GBR", "MLI")}
    attacked = code("Britain attacked the peacekeepers in Mali.", actors)
    assert ("GBR", "IGOUNOPKO") in {(s, t) for s, t, _ in dyads(attacked)}


def test_a_place_inside_a_venue_is_a_venue_too(code) -> None:  # type: ignore[no-untyped-def]
    """ "at next month's summit in Osaka": neither the summit nor Osaka is whom Trump meets."""
    actors = {"Trump": "USAGOV", "Xi Jinping": "CHNGOV", "Osaka": "JPN"}
    events = code("Trump said he would meet Xi Jinping at next month's summit in Osaka.", actors)
    assert {(s, t) for s, t, c in dyads(events) if c.startswith("0") and t} == {("USAGOV", "CHNGOV")}


def test_force_is_aimed_at_whoever_is_near(code) -> None:  # type: ignore[no-untyped-def]
    actors = {"North Korea": "PRK", "South Korea": "KOR"}
    events = code("North Korea fired two artillery shells near a naval vessel from South Korea.", actors)
    assert {(s, t) for s, t, _ in dyads(events)} == {("PRK", "KOR")}


# ------------------------------------------------------------------ argument structure, round 2

PEOPLE = {
    "Merkel": "DEUGOV",
    "She": "DEUGOV",
    "Putin": "RUSGOV",
    "Johnson": "GBRGOV",
    "Trump": "USAGOV",
    "North Korea": "PRK",
    "Moscow": "RUS",
    "Germany": "DEU",
    "Britain": "GBR",
    "France": "FRA",
    "Russia": "RUS",
    "Ukraine": "UKR",
    "Turkey": "TUR",
}


def test_object_pronoun_stands_for_another_party(code) -> None:  # type: ignore[no-untyped-def]
    """ "She urged him": him is not her, when no actors stage resolved it (hand-fixed actors)."""
    events = code("Merkel met Putin on Monday. She urged him to withdraw troops from Ukraine.", PEOPLE)
    urged = [e for e in events if e.trigger.startswith("urged")]
    assert [(e.source and e.source.code, e.target and e.target.code) for e in urged] == [("DEUGOV", "RUSGOV")]


def test_object_pronoun_bound_by_the_actors_stage(code_text) -> None:  # type: ignore[no-untyped-def]
    """The same through the pipeline: the actors stage's binding keeps "him" off her; events take it as is."""
    coded = code_text("Merkel met Putin on Monday. She urged him to withdraw troops from Ukraine.")
    urged = [e for e in coded.events if e.trigger.startswith("urged")]
    assert [(e.source and e.source.code, e.target and e.target.code) for e in urged] == [("DEUGOV", "RUSGOV")]


def test_him_is_a_person_not_a_place(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Johnson flew to Moscow. Merkel later called him.", PEOPLE)
    called = [e for e in events if e.trigger.startswith("called")]
    assert [(e.source and e.source.code, e.target and e.target.code) for e in called] == [
        ("DEUGOV", "GBRGOV")
    ]


def test_a_pair_agreeing_on_a_topic_acts_on_each_other(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Trump and Putin agreed to share information on North Korea.", PEOPLE)
    assert {(s, t) for s, t, _ in dyads(events)} == {("USAGOV", "RUSGOV"), ("RUSGOV", "USAGOV")}
    assert all(e.root == "03" and "future" in e.flags for e in events)
    # a measure on a third party is not a topic: the pair imposes it on Russia
    sanctions = code("France and Germany agreed to impose sanctions on Russia.", PEOPLE)
    assert {(s, t) for s, t, _ in dyads(sanctions)} == {("FRA", "RUS"), ("DEU", "RUS")}


def test_urging_a_party_to_sanction_a_third_is_an_appeal_and_a_possible_act(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Germany urged Britain to sanction Russia.", PEOPLE)
    by_dyad = {(e.source and e.source.code, e.target and e.target.code): e for e in events}
    assert by_dyad[("DEU", "GBR")].cameo == "020"
    assert by_dyad[("GBR", "RUS")].root == "16" and "hypothetical" in by_dyad[("GBR", "RUS")].flags
    assert by_dyad[("DEU", "RUS")].cameo == "113"  # rallying opposition against Russia
    assert "hypothetical" not in by_dyad[("DEU", "GBR")].flags


def test_called_on_a_party_to_act_makes_it_the_actor(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Johnson called on Germany to impose sanctions on Russia.", PEOPLE)
    assert ("GBRGOV", "DEU", "020") in dyads(events)
    assert ("DEU", "RUS") in {(s, t) for s, t, c in dyads(events) if c.startswith("16")}
    # a date is nobody: "called on Monday for Russia to withdraw" asks Russia, not Monday
    monday = code("France called on Monday for Russia to withdraw.", PEOPLE)
    assert {e.source.code for e in monday if e.source and e.root == "08"} <= {"RUS"}


def test_urging_force_is_an_appeal_and_a_possible_attack(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Germany urged Britain to attack Russia.", PEOPLE)
    assert ("DEU", "GBR", "020") in dyads(events)
    attack = [e for e in events if e.root == "19"]
    assert [(e.source and e.source.code, e.target and e.target.code) for e in attack] == [("GBR", "RUS")]
    assert "hypothetical" in attack[0].flags


def test_a_preposition_on_a_noun_parsed_as_an_adverb_still_gives_the_target(code, nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Britain will contribute a million gold florin to Ukraine."
    florin = next(t for t in nlp(text) if t.text == "florin")
    assert florin.dep_ == "advmod"  # the small parser's misparse this test is about
    assert ("GBR", "UKR") in {(s, t) for s, t, _ in dyads(code(text, PEOPLE))}


def test_a_content_clause_names_whom_an_attitude_is_about(code) -> None:  # type: ignore[no-untyped-def]
    welcomed = code("Russia welcomed that Turkey had agreed to the plan.", PEOPLE)
    assert ("RUS", "TUR") in {(s, t) for s, t, c in dyads(welcomed) if c.startswith("05")}
    # a verb of saying tells about Turkey without acting on it
    said = code("Russia said that Turkey had agreed to the plan.", PEOPLE)
    assert not [e for e in said if e.source and e.source.code == "RUS" and e.target]


def test_said_he_would_meet_is_an_intent_not_a_hypothetical_meeting(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Johnson said he would meet Putin next week.", PEOPLE)
    meet = [e for e in events if e.target and e.target.code == "RUSGOV"]
    assert [(e.source and e.source.code, e.cameo) for e in meet] == [("GBRGOV", "036")]
    assert "hypothetical" not in meet[0].flags and "future" in meet[0].flags


def test_domestic_force_between_two_actors_of_one_code(code) -> None:  # type: ignore[no-untyped-def]
    actors = {"Russian police": "RUSCOP", "Russian police officers": "RUSCOP", "Russia": "RUS"}
    arrested = code("Russian police arrested Russian police officers in Moscow.", actors)
    assert ("RUSCOP", "RUSCOP", "173") in dyads(arrested)
    # elsewhere one code twice is one actor: no self-directed visit or praise
    visited = code("Russian police visited Russian police officers in Moscow.", actors)
    assert not [e for e in visited if e.target is not None]


def test_an_unresolved_pronoun_in_a_content_clause_is_the_holding_subject(code) -> None:  # type: ignore[no-untyped-def]
    """ "Russia indicated it deplored Ukraine": *it* is Russia, also under a later "an official said"."""
    events = code("Russia indicated it deplored Ukraine, an official said on Saturday.", PEOPLE)
    assert ("RUS", "UKR") in {(s, t) for s, t, c in dyads(events) if c.startswith("11")}


def test_who_hung_on_an_organisation_stands_for_the_person(code, nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A Russian woman believed linked to Iran who shot at French officers was extradited to Britain."
    who = next(t for t in nlp(text) if t.text == "who")
    assert who.head.head.text == "Iran"  # the misparse this test is about: "who" hangs on Iran
    actors = {"Russian": "RUS", "Iran": "IRN", "French officers": "FRAMIL", "Britain": "GBR"}
    shot = [e for e in code(text, actors) if e.trigger.startswith("shot")]
    assert {(e.source and e.source.code, e.target and e.target.code) for e in shot} == {("RUS", "FRAMIL")}
    # a name the relative clause hangs on directly keeps it: "Iran, who criticised France" is Iran
    assert ("IRN", "FRA") in {
        (s, t) for s, t, _ in dyads(code("Iran, who criticised France, left.", PEOPLE | {"Iran": "IRN"}))
    }


def test_a_pronoun_prefers_an_earlier_subject(code) -> None:  # type: ignore[no-untyped-def]
    """ "Merkel urged Johnson to act and Putin asked her to help": the centre of the first clause."""
    events = code("Merkel urged Johnson to act and Putin asked her to help.", PEOPLE)
    asked = [e for e in events if e.trigger.startswith("asked")]
    assert {(e.source and e.source.code, e.target and e.target.code) for e in asked} == {("RUSGOV", "DEUGOV")}


def test_an_unresolved_subject_pronoun_is_the_earlier_subject(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Johnson urged France to act and then he asked Russia to help Ukraine.", PEOPLE)
    asked = [e for e in events if e.trigger.startswith("asked")]
    assert {(e.source and e.source.code, e.target and e.target.code) for e in asked} == {("GBRGOV", "RUS")}
