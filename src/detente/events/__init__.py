"""Events stage. Needs: doc, sentences, mentions. Adds: events (CAMEO/PLOVER-coded, with source and target).

Codes predicates (verbs, light verb + event noun, event nouns) to CAMEO 1.1b3 codes through the project's
lexicon, takes source and target from the dependency parse, folds control verbs into the event they govern
("agreed to hold talks" → 036, "refused to meet" → 125), and marks modality (negated, conditional, …).
The algorithm is written down in docs/event-coding.md.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente import cameo
from detente.actors.antecedents import party_antecedent
from detente.actors.lexicon import party_key
from detente.config import Config
from detente.events import syntax
from detente.events.combine import combine, combined_code
from detente.events.lexicon import Frame, Lexicon, load
from detente.events.parties import (
    ActorIndex,
    audience,
    distinct,
    group_actors,
    is_pair_phrase,
    pair_in_context,
    through,
)
from detente.events.parties import hand_mentions as hand_mentions  # re-exported for tests and benches
from detente.models import Actor, Article, Event, Sentence, stable_id
from detente.pipeline import DocState
from detente.registry import register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

#: Light verbs whose object noun names the event ("held talks", "launched an attack", "imposed sanctions").
LIGHT_VERBS = {
    "hold", "have", "make", "launch", "carry", "conduct", "stage", "begin", "start", "impose", "issue",
    "express", "sign", "reach", "pledge", "offer", "announce", "open", "deliver", "lodge", "file", "level",
    "mount", "extend", "give", "provide", "continue", "resume", "receive", "take", "pay", "voice", "seal",
    "intensify", "escalate", "step", "declare", "order", "call", "wage", "unleash", "perform", "agree",
    "approve", "adopt", "unveil", "introduce", "slap", "widen", "expand", "tighten",
}  # fmt: skip
#: Nouns that measure out an event noun ("a package of sanctions", "a round of talks").
QUANTITY_NOUNS = {"package", "round", "set", "series", "wave", "raft", "batch", "slew", "host", "number"}


@dataclass(slots=True)
class Predicate:
    """A coded predicate before actors are attached; ``head`` supplies the subject, ``anchor`` the target."""

    head: Token
    anchor: Token
    code: str
    frame: Frame | None
    trigger: list[Token]
    flags: set[str] = field(default_factory=set)
    nominal: bool = False
    extra_targets: list[Token] = field(default_factory=list)
    #: Nouns that are not its target ("urged Britain to sanction Russia": the rally is against Russia)
    excluded: list[Token] = field(default_factory=list)


def code_predicates(sent: Span, lexicon: Lexicon) -> list[Predicate]:
    """Every coded predicate of a sentence, with governors folded in and modality set (no actors yet)."""
    coded: dict[int, Predicate] = {}
    consumed: set[int] = set()
    for token in sent:
        if token.pos_ != "VERB" or token.i in consumed or token.dep_ == "amod":  # "the detained vessels"
            continue
        frame = syntax.best_frame(token, lexicon.verbs.get(token.lemma_.lower(), ()), lexicon)
        judged = _judgement(token, lexicon)
        if judged is not None:  # "Pakistan called the expulsion a fabricated drama": criticism, no phone call
            frame = Frame(token.lemma_.lower(), judged, (), hand=True, score=2.0)
        predicate = None
        if frame is not None and frame.code != "-":  # "-": a hand frame saying "no event" ("take office")
            predicate = Predicate(token, token, frame.code, frame, [token, *_frame_tokens(token, frame)])
        light = token.lemma_.lower() in LIGHT_VERBS and (frame is None or frame.score < 1.5)
        if light:
            for obj in (child for child in token.children if child.dep_ == "dobj"):
                # "agreed a fresh package of sanctions": a quantity noun hands over to its "of" phrase
                for noun in (obj, *(syntax.of_objects(obj) if obj.lemma_.lower() in QUANTITY_NOUNS else ())):
                    noun_frame = syntax.best_frame(noun, lexicon.nouns.get(noun.lemma_.lower(), ()), lexicon)
                    if noun_frame is not None and noun_frame.code != "-":
                        predicate = Predicate(token, noun, noun_frame.code, noun_frame, [token, noun])
                        consumed.add(noun.i)
                        break
        if predicate is not None:
            coded[token.i] = predicate
    for token in sent:
        if token.pos_ == "ADJ" and token.dep_ in {"acomp", "ROOT"}:  # "McConnell is pessimistic about …"
            frame = syntax.best_frame(token, lexicon.adjectives.get(token.lemma_.lower(), ()), lexicon)
            if frame is not None and token.i not in coded:
                coded[token.i] = Predicate(token, token, frame.code, frame, [token])
        reaction = token.dep_ == "dobj" and token.head.lemma_.lower() in syntax.REACTION_VERBS
        if token.pos_ == "NOUN" and token.i not in consumed and (token.dep_ != "dobj" or reaction):
            frame = syntax.best_frame(token, lexicon.nouns.get(token.lemma_.lower(), ()), lexicon)
            if frame is not None and frame.code != "-":
                # "North Korea fired a missile, drawing condemnation from Tokyo": Tokyo condemns North Korea
                aimed_at = syntax.subjects(token.head)[0] if reaction else []
                coded[token.i] = Predicate(
                    token, token, frame.code, frame, [token], nominal=True, extra_targets=aimed_at
                )
    predicates = _rallies_split(combine(coded, lexicon), coded, lexicon)
    for predicate in predicates:
        predicate.flags |= syntax.modality(predicate.head, syntax.governor_of(predicate.head))
        if syntax.speech_head(predicate.head) is not None and not predicate.code.startswith("01"):
            predicate.flags.add("reported")
        future = any(
            c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in predicate.head.children
        )
        governor = syntax.governor_of(predicate.head)
        if governor is not None and lexicon.governors.get(governor.lemma_.lower()) == "hypothetical":
            future = False  # "said he hopes Japan will persuade …" is a wish, not an intent
        if "reported" in predicate.flags and future and "04" <= predicate.code[:2] <= "08":
            predicate.code = combined_code("intent", predicate.code)  # "said X would give aid" → 033
        if {"conditional", "future"} <= predicate.flags and "15" <= predicate.code[:2] <= "20":
            predicate.code = combined_code("threaten", predicate.code)  # "if X…, we will fight back": 13x
        if (
            "negated" in predicate.flags
            and "03" <= predicate.code[:2] <= "08"
            and _refusal_tense(predicate.head)
        ):
            predicate.code = combined_code("refuse", predicate.code)  # "will not release" → 1243
    return predicates


#: Roots of what a party is urged to do to a third that the urging does not fold into ("urged Britain to
#: sanction Russia"): coercion and force. Urging others to condemn or protest stays a rally of opposition
#: (113, "called on followers to join a rally against …").
RALLIED_ROOTS = {"16", "17", "18", "19", "20"}


def _rallies_split(
    predicates: list[Predicate], coded: dict[int, Predicate], lexicon: Lexicon
) -> list[Predicate]:
    """ "Germany urged Britain to sanction Russia": an appeal (020) by Germany to Britain and Britain's
    possible sanction of Russia (163, flagged hypothetical), not one event aimed at Britain; for coercion
    (16x) also Germany rallying opposition against Russia (113)."""
    result: list[Predicate] = []
    for predicate in predicates:
        head = predicate.head
        governed = next(
            (coded[c.i] for c in head.children if c.dep_ in syntax.COMPLEMENTS and c.i in coded), None
        )
        urged = syntax.urged(head)
        if (
            predicate.nominal
            or governed is None
            or governed.head not in predicate.trigger[1:]  # the governor folded it in (combine)
            or lexicon.governors.get(head.lemma_.lower()) != "appeal"
            or governed.code[:2] not in RALLIED_ROOTS
            or not urged
        ):
            result.append(predicate)
            continue
        result.append(Predicate(head, head, "020", None, [head], set(predicate.flags), extra_targets=urged))
        if governed.code.startswith("16"):
            rally = Predicate(head, governed.anchor, "113", governed.frame, list(predicate.trigger))
            rally.flags, rally.excluded = set(predicate.flags), urged
            result.append(rally)
        governed.flags.add("hypothetical")
        result.append(governed)
    return result


#: Verbs of naming: "called the report baseless", "described the talks as productive".
NAMING_VERBS = {"call", "label", "brand", "term", "dub"}
#: Verbs that name their object through "as": "described Trump as a natural ally", "dismissed it as absurd".
AS_NAMING_VERBS = {
    "describe",
    "characterize",
    "characterise",
    "portray",
    "depict",
    "regard",
    "dismiss",
    "hail",
}


def _judgement(verb: Token, lexicon: Lexicon) -> str | None:
    """The code of "X called Y <judgement>": criticism or praise by the words of the complement, else a
    statement; None when the verb names nothing (no object complement)."""
    lemma = verb.lemma_.lower()
    if lemma not in NAMING_VERBS and lemma not in AS_NAMING_VERBS:
        return None
    complements = [
        child
        for child in verb.children
        if child.dep_ == "oprd" or (child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"NOUN", "ADJ"})
    ]  # "called Erdogan to apologize" is a phone call: a verb complement names nothing
    if lemma in AS_NAMING_VERBS:
        complements = [
            complement
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "as"
            for complement in prep.children
            if complement.dep_ in {"pobj", "amod", "acomp"}
        ]
    for obj in (child for child in verb.children if child.dep_ == "dobj"):
        complements += [child for child in obj.children if child.dep_ == "appos"]
    if not complements or not any(child.dep_ == "dobj" for child in verb.children):
        return None
    words = {
        word
        for complement in complements
        for member in (*syntax.with_conjuncts(complement), *syntax.of_objects(complement))
        for word in syntax.words_of(member)
    }  # "unfriendly and unfounded", "a declaration of economic war"
    codes = {lexicon.judgements[word] for word in words if word in lexicon.judgements}
    return "111" if "111" in codes else "051" if codes else "010"


def _frame_tokens(token: Token, frame: Frame) -> list[Token]:
    """The particles and adjacent prepositions a frame names, so the trigger reads "spoke to", "call on"."""
    wanted = {item.prep for item in frame.items if item.kind == "prep"}
    wanted |= {item.word for item in frame.items if item.kind == "word"}
    return [
        child
        for child in token.children
        if child.lower_ in wanted
        and (child.i == token.i + 1 or (child.dep_ == "prt" and 0 < child.i - token.i <= 3))
        and child.dep_ in {"prep", "prt", "agent", "dative"}
    ]


#: How many different sentence-level discard phrases mark a whole story as not political news.
DISCARD_PHRASES = 3


def not_political(doc: Doc, lexicon: Lexicon) -> bool:
    """A story PETRARCH would discard: one story-level phrase ("world cup", "grand prix") or several
    sentence-level ones ("cricket", "wicket", "bowler"); one passing mention of sport is not enough."""
    seen: set[tuple[str, ...]] = set()
    discards = lexicon.discards
    for token in doc:
        lower, lemma = token.lower_, token.lemma_
        if lower not in discards and lemma not in discards:
            continue
        for form in {lower, lemma.lower()}:
            for words, scope in discards.get(form, ()):
                following = doc[token.i : token.i + len(words)]
                if len(following) == len(words) and all(
                    word in {t.lower_, t.lemma_.lower()} for word, t in zip(words, following, strict=True)
                ):
                    if scope == "story":
                        return True
                    seen.add(words)
    return len(seen) >= DISCARD_PHRASES


class RuleEvents:
    name: str = "cameo.rules.v1"
    requires: tuple[str, ...] = ("doc", "sentences", "mentions")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, config: Config, dyadic: bool = True) -> None:
        self.config = config
        self.lexicon = load()
        #: CAMEO practice (TABARI, PETRARCH, ICEWS): an event is a source-action-target triple, so
        #: events whose target is neither named nor inferable are dropped; one-sided benchmarks keep them.
        self.dyadic = dyadic

    def __call__(self, state: DocState) -> None:
        if not_political(state.doc, self.lexicon):
            log.debug("%s: a sports or celebrity story (PETRARCH discards); no events", state.article.doc_id)
            state.events = []
            return
        index = ActorIndex(state.mentions)
        events: list[Event] = []
        starts = [sentence.start for sentence in state.sentences]
        for sent in state.doc.sents:
            sentence = _sentence_for(state.sentences, starts, sent)
            if sentence is None:
                continue
            for predicate in code_predicates(sent, self.lexicon):
                events.extend(self._events(state.article, sentence, predicate, index, events))
        if self.dyadic:
            events = [event for event in events if event.target is not None]
        state.events = _dedupe(events)

    def _events(
        self,
        article: Article,
        sentence: Sentence,
        predicate: Predicate,
        index: ActorIndex,
        history: list[Event],
    ) -> list[Event]:
        if predicate.nominal:
            source_tokens = syntax.noun_source_candidates(predicate.head)
            how = "nominal"
        else:
            source_tokens, how = syntax.subjects(predicate.head)
        source_tokens = [token for token in source_tokens if not syntax.is_dateline(token)]
        sources = distinct(index.group(source_tokens))
        speaker = syntax.clause_holder(predicate.head) or syntax.speech_head(predicate.head)
        if not sources and speaker is not None and any(t.pos_ == "PRON" for t in source_tokens):
            # "the two ministers said they had agreed", "Ethiopia indicated it deplored Libya": an
            # unresolved subject pronoun of a content clause is the subject of the verb that holds it
            source_tokens, _ = syntax.subjects(speaker)
            sources = distinct(index.group(source_tokens))
        pronouns = [t for t in source_tokens if t.lower_ in SUBJECT_PRONOUNS and t.dep_ in syntax.SUBJECTS]
        if not sources and pronouns:  # "Galadriel urged Bree … and then she asked Gondor": she is Galadriel
            sources = party_antecedent(index.mentions, pronouns[0], set())
        pair = any(is_pair_phrase(token) for token in source_tokens) and len(sources) < 2
        if pair:
            sources = pair_in_context(source_tokens[0].idx, index, history)
        if not sources and predicate.nominal:  # "talks between Russia and Ukraine": each with the other
            between = distinct(index.group(syntax.between_members(predicate.head)))
            sources, how = (between, "between") if len(between) > 1 else (sources, how)
        if not sources and how == "none" and syntax.is_passive(predicate.head):
            sources = self._bilateral_agent(sentence, predicate, index)
            how = "bilateral" if sources else how
        if not sources:
            return []
        targets: list[Actor] = []
        groups = [predicate.extra_targets]
        for holder in _chain(predicate.anchor, predicate.head):  # "considering sending aid to North Korea"
            groups += syntax.target_candidates(holder, predicate.frame, predicate.code)
        if "conditional" in predicate.flags:
            groups.append(syntax.condition_subjects(predicate.head))
        givers = distinct(index.group(syntax.givers(predicate.head, predicate.code)))
        if givers and not predicate.nominal:  # "Eriador received money from Osgiliath": Osgiliath gives
            sources, targets, groups, how = givers, sources, [], "giver"
        trigger = list(predicate.trigger)
        own_keys = {key for key in map(party_key, sources) if key is not None}
        own_side: tuple[list[Actor], list[Token]] | None = None
        topic = False
        for group in groups:
            group = [token for token in group if not syntax.is_dateline(token)]
            if not group or group[0] in predicate.excluded:
                continue
            if _has_venue(predicate.code) and not _addressee(group[0], predicate):
                continue  # "said at a dinner", "met in Moscow": statements and meetings have venues
            found = group_actors(group, index, own_keys)
            if len(group) > 1:  # one event per conjunct: "concern about the situation in Ukraine and …"
                found += [actor for actor in through(group, index) if actor not in found]
            if len(found) < 2 and any(is_pair_phrase(t) for m in group for t in (m, *syntax.of_objects(m))):
                found = pair_in_context(
                    group[0].idx, index, history
                )  # "spoke with the ministers of both countries"
            targets = [
                actor
                for actor in found
                if (actor not in sources or len(sources) > 1)
                and not any(actor.code == source.country for source in sources)  # "He reiterated the UK's …"
                and not (len(sources) == 1 and party_key(actor) == party_key(sources[0]) and len(found) == 2)
                and not (predicate.code.startswith("01") and audience(actor, sources))
            ]
            if targets and own_side is None and all(party_key(t) in own_keys for t in targets):
                own_side, targets = (targets, group), []  # "recalled its ambassador to Kenya": look further
                continue
            if targets:
                prep = group[0].head
                if prep.dep_ in {"prep", "dative"} and prep.head in (predicate.head, predicate.anchor):
                    trigger.append(prep)  # "spoke to", "talks with"
                topic = group[0].dep_ == "pobj" and _topic(prep, predicate.frame)
                break
        if not targets and own_side is not None:
            targets = own_side[0]  # "opposition leaders urged the government": the source's own side
        predicate = Predicate(
            predicate.head, predicate.anchor, predicate.code, predicate.frame, trigger, predicate.flags,
            predicate.nominal, predicate.extra_targets,
        )  # fmt: skip
        if not targets and len(sources) == 1 and not pair:
            targets = self._implicit_targets(predicate, sources[0], index, history)
        found_target = bool(targets)
        source_keys = {party_key(source) for source in sources}
        if len(sources) == 2 and all(party_key(target) in {None, *source_keys} for target in targets):
            # "the two countries exchanged ambassadors", "Indian and Pakistani troops exchanged artillery
            # fire" (the artillery is one of them): they act on each other
            found_target = False
        if len(sources) == 2 and topic and "03" <= predicate.code[:2] <= "08":
            found_target = False  # "Trump and Putin agreed to share information on North Korea": a topic
        pairs: list[tuple[Actor, Actor | None]] = []
        for source in sources:
            symmetric = len(sources) == 2 and (
                predicate.code[:2] in {"04", "06"}
                or predicate.code in {"036", "037", "057"}
                or predicate.head.lemma_.lower() in RECIPROCAL
                or syntax.mutual_object(predicate.head)
                or how == "between"
            )
            if (pair or symmetric) and not found_target and not predicate.code.startswith("01"):
                # "both sides agreed", "Gondor and Osgiliath met": each acts towards the other
                partners = [other for other in sources if other != source]
                pairs += [(source, partner) for partner in partners] or [(source, None)]
            else:
                pairs += [
                    (source, target)
                    for target in targets
                    if _other(source, target, predicate.code)
                    and not _own_of_several(source, target, source_keys)
                ] or ([] if targets else [(source, None)])
        return [
            self._event(article, sentence, predicate, source, target, how, found_target)
            for source, target in pairs
        ]

    def _implicit_targets(
        self, predicate: Predicate, source: Actor, index: ActorIndex, history: list[Event]
    ) -> list[Actor]:
        """The target a careful coder reads from context when the sentence names none.

        A warning or accusation about another party's act targets that party ("warned that any Indian
        incursion would be met with force" → India); a response to an earlier act targets whoever acted
        ("Moscow denied any involvement", "Iran denounced the measures") — the last actor in the document
        that acted on the responder.
        """
        own = party_key(source)
        if predicate.code[:2] in {"11", "13"} and not predicate.nominal:
            for group in syntax.complement_actors(predicate.head):
                found = [
                    actor for actor in distinct(index.group(group)) if party_key(actor) not in {None, own}
                ]
                if found:
                    return found
        if not syntax.is_response(predicate.head, predicate.anchor):
            speech = predicate.head.lemma_.lower() in syntax.REPORTING
            if predicate.code[:2] in {"01", "11", "13"} or predicate.nominal or speech:
                return []  # "said that Russia …", "suggested Russia should …" tell about Russia
            # "Gollum allowed that Mordor isn't …", "welcomed that Turkey had agreed": who the clause is about
            clause = distinct(index.group(syntax.content_subjects(predicate.head)))
            return [actor for actor in clause if party_key(actor) not in {None, own}]
        for event in history[: -RECALL - 1 : -1]:  # the most recent acts only
            if (
                event.target is not None
                and party_key(event.target) == own
                and party_key(event.source) not in {None, own}
            ):
                return [event.source] if event.source is not None else []
        return []

    def _bilateral_agent(self, sentence: Sentence, predicate: Predicate, index: ActorIndex) -> list[Actor]:
        """The agent of an agentless passive in a sentence about a pair ("the relationship between the two
        states plunged after Johnson was slammed"): the other member of the pair named around it."""
        if not any(is_pair_phrase(token) for token in predicate.head.sent):
            return []
        pair = index.pair_before(sentence.end)
        subjects = [c for c in predicate.head.children if c.dep_ in syntax.PASSIVE_SUBJECTS]
        patients = index.group([m for c in subjects for m in syntax.with_conjuncts(c)])
        if len(pair) != 2 or len(patients) != 1:
            return []
        countries = [actor.country or actor.code for actor in pair]
        patient = patients[0].country or patients[0].code
        if patient not in countries:
            return []
        return [pair[1 - countries.index(patient)]]

    def _event(
        self,
        article: Article,
        sentence: Sentence,
        predicate: Predicate,
        source: Actor,
        target: Actor | None,
        how: str,
        found_target: bool,
    ) -> Event:
        entry = cameo.lookup(predicate.code)
        tokens = sorted(predicate.trigger, key=lambda token: token.i)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if end - start > 60:
            start, end = predicate.head.idx, predicate.head.idx + len(predicate.head)
        trigger = article.text[start:end]
        doc_id = article.doc_id
        confidence = 0.5
        confidence += 0.15 if predicate.frame is not None and predicate.frame.items else 0.0
        confidence += 0.1 if predicate.frame is not None and predicate.frame.hand else 0.0
        confidence += 0.15 if found_target else 0.0
        confidence += 0.1 if how in {"direct", "agent"} else 0.0
        confidence -= 0.2 if how == "bilateral" else 0.0
        confidence -= 0.1 if "reported" in predicate.flags else 0.0
        source_code = source.code
        target_code = target.code if target is not None else ""
        return Event(
            event_id=stable_id(doc_id, sentence.index, (start, end), entry.code, source_code, target_code),
            doc_id=doc_id,
            source=source,
            target=target,
            cameo=entry.code,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            plover_type=entry.plover_type,
            plover_mode=entry.plover_mode,
            trigger=trigger,
            trigger_span=(start, end),
            sentence_index=sentence.index,
            sentence=sentence.text,
            span=(sentence.start, sentence.end),
            confidence=round(min(1.0, max(0.0, confidence)), 2),
            coder=RuleEvents.name,
            flags=tuple(
                flag
                for flag in ("negated", "conditional", "hypothetical", "future", "reported", "question")
                if flag in predicate.flags
            ),
        )


#: Subject pronouns that, left unresolved by the actors stage, stand for the nearest earlier subject.
SUBJECT_PRONOUNS = {"he", "she", "they"}
#: How many earlier events a response looks back through for the act it answers.
RECALL = 40
#: Prepositions that give the place of a statement rather than its addressee or topic.
VENUE_PREPS = {"at", "in", "on", "outside", "near", "during", "after", "before", "inside"}
#: Predicates that are mutual when two actors are their subject ("Italy and Spain agreed").
RECIPROCAL = {
    "agree", "cooperate", "meet", "talk", "negotiate", "reconcile", "ally", "sign", "exchange", "clash",
    "trade",
}  # fmt: skip


#: Meetings whose place phrase is a venue, not the other party ("met in Moscow"); visits (042, 043) go
#: to a place.
MEETINGS = {"040", "041", "044", "045", "046", "036"}


def _has_venue(code: str) -> bool:
    return code.startswith("01") or code in MEETINGS


#: Roots of domestic conflict kept between two actors of one code ("police arrested police officers"):
#: protest, coercion, force. Elsewhere one code twice is mostly a misparse ("army chief visited troops").
DOMESTIC_ROOTS = {"14", "17", "18", "19", "20"}


def _other(source: Actor, target: Actor, code: str) -> bool:
    """Whether the target is another actor than the source. The same code is another actor in domestic
    conflict when both name a specific sector by different names ("Russian police arrested Russian police
    officers"); a country, a bare code or one name twice ("Johnson … Johnson", a pronoun) is the same."""
    if target.code != source.code:
        return True
    if code[:2] not in DOMESTIC_ROOTS:
        return False
    named_apart = source.name is None or source.name != target.name
    return source.sector is not None and named_apart and source.text.lower() != target.text.lower()


def _own_of_several(source: Actor, target: Actor, source_keys: set[str | None]) -> bool:
    """Coordinated sources of different sides acting on one of those sides: only the other side acts on
    it ("Indian and Pakistani troops … killing Indian civilians" is Pakistan's act, not India's)."""
    key = party_key(source)
    return len(source_keys - {None}) > 1 and key is not None and key == party_key(target)


#: Prepositions that give what a cooperative act is about, not whom it is with ("share information on
#: North Korea", "cooperate on Iran").
TOPIC_PREPS = {"on", "over", "about", "regarding", "concerning"}


def _topic(prep: Token, frame: Frame | None) -> bool:
    """Whether a target came through a topic preposition the frame does not name ("agree on X" names it)."""
    named = {item.prep or item.word for item in frame.items} if frame is not None else set()
    return prep.lower_ in TOPIC_PREPS and prep.lower_ not in named


def _refusal_tense(verb: Token) -> bool:
    """Negation is a refusal for what will not or does not happen ("will not release", "does not
    accept"), not for a past that did not happen ("did not pay")."""
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}
    return not auxiliaries & {"did", "had", "has", "have", "was", "were"}


def _addressee(token: Token, predicate: Predicate) -> bool:
    """Not a venue: a statement is made to or about someone, not "at a dinner" or "in Washington" (a place
    phrase on the verb itself, or a place inside one: "at the G20 summit in Osaka"; "concern about the
    situation in Ukraine" is about Ukraine)."""
    if token in predicate.extra_targets:
        return True
    walker = token
    for _ in range(4):  # up through nested prepositional phrases to the one on the predicate
        prep = walker.head
        if walker.dep_ != "pobj" or prep.dep_ != "prep":
            return True
        if prep.head in (predicate.head, predicate.anchor):
            return prep.lower_ not in VENUE_PREPS
        walker = prep.head
    return True


def _chain(anchor: Token, head: Token) -> list[Token]:
    """The tokens from a predicate's anchor up to its head (noun → light verb → governor)."""
    chain = [anchor]
    walker = anchor
    for _ in range(4):
        if walker is head or walker.head is walker:
            break
        walker = walker.head
        chain.append(walker)
    return chain if chain[-1] is head else [anchor, head] if anchor is not head else [anchor]


def _sentence_for(sentences: tuple[Sentence, ...], starts: list[int], sent: Span) -> Sentence | None:
    """The pipeline's sentence (stripped, blank ones dropped) that starts inside a spaCy sentence."""
    position = bisect.bisect_left(starts, sent.start_char)
    if position < len(sentences) and sentences[position].start < sent.end_char:
        return sentences[position]
    return None


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    unique: list[Event] = []
    for event in events:
        if event.event_id not in seen:
            seen.add(event.event_id)
            unique.append(event)
    return unique


@register("cameo.rules.v1")
def make_rule_events(config: Config) -> RuleEvents:
    return RuleEvents(config, dyadic=config.dyadic_events)
