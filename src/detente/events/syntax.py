"""Reading the dependency parse for the event coder: frames, subjects, objects, governors and modality.

Everything here takes spaCy tokens and returns tokens or small values; mapping tokens to actors and building
``Event`` records happens in the stage (``detente.events``), so this module stays about syntax only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.events.lexicon import Frame, FrameItem, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "attr", "oprd"}
#: Prepositions whose object is the target of an event when the frame names none.
TARGET_PREPS = (
    "with", "to", "against", "on", "upon", "at", "toward", "towards", "into", "between", "over", "outside",
)  # fmt: skip
#: Clausal complements that hold the event a governor is about.
COMPLEMENTS = {"xcomp", "ccomp"}
#: Relative pronouns that stand for the noun a relative clause modifies.
RELATIVES = {"who", "which", "that", "whom"}
MODIFIERS = {"compound", "amod", "poss", "nmod", "appos"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
FUTURE_AUX = {"will", "shall", "'ll"}
CONDITION_MARKS = {"if", "unless", "provided", "providing"}
NEGATORS = {"not", "n't", "never", "no"}


def words_of(token: Token) -> set[str]:
    """The token's own word forms plus those of its compound and adjective modifiers."""
    found = {token.lemma_.lower(), token.lower_}
    for child in token.children:
        if child.dep_ in {"compound", "amod"}:
            found.update((child.lemma_.lower(), child.lower_))
    return found


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in PASSIVE_SUBJECTS or child.dep_ == "auxpass" for child in verb.children)


def objects(verb: Token) -> list[Token]:
    # a dative "to" is a preposition ("gives equipment to Nicaragua"): its object comes through preps()
    found = [child for child in verb.children if child.dep_ in OBJECTS and child.pos_ != "ADP"]
    if is_passive(verb):
        found += [child for child in verb.children if child.dep_ in PASSIVE_SUBJECTS]
    return found


def preps(token: Token) -> Iterator[tuple[str, Token | None]]:
    """(preposition, its object) for the token's prepositional children, including agentive "by"."""
    for child in token.children:
        if child.dep_ in {"prep", "agent"} or (child.dep_ == "dative" and child.pos_ == "ADP"):
            pobj = next((grand for grand in child.children if grand.dep_ in {"pobj", "pcomp"}), None)
            yield child.lower_, pobj


@dataclass(frozen=True, slots=True)
class Context:
    """What frames can ask about a predicate, gathered once: object words, child words, prepositions."""

    objects: frozenset[str]
    children: frozenset[str]
    preps: dict[str, frozenset[str]]
    bare_preps: frozenset[str]


def context(predicate: Token) -> Context:
    object_words: set[str] = set()
    found_objects = objects(predicate) if predicate.pos_ in {"VERB", "AUX"} else []
    for obj in found_objects:
        object_words |= words_of(obj)
        for prep, pobj in preps(obj):  # "a state of siege", not "attacks on military targets"
            if prep == "of" and pobj is not None:
                object_words |= words_of(pobj)
    children: set[str] = set()
    for child in predicate.children:
        children.update((child.lower_, child.lemma_.lower()))
    prep_words: dict[str, set[str]] = {}
    bare: set[str] = set()
    for child in predicate.children:  # "called for Britain to stay": "for" marks the clause
        if child.dep_ in {"advcl", "ccomp", "xcomp"}:
            bare.update(g.lower_ for g in child.children if g.dep_ == "mark" and g.lower_ == "for")
    for holder in (predicate, *found_objects):
        for prep, pobj in preps(holder):
            if pobj is None:
                continue
            prep_words.setdefault(prep, set()).update(_subtree_words(pobj))
            if pobj.ent_type_ not in {"DATE", "TIME"}:  # "called him on Wednesday" is no "call on"
                bare.add(prep)
    return Context(
        frozenset(object_words),
        frozenset(children),
        {prep: frozenset(words) for prep, words in prep_words.items()},
        frozenset(bare),
    )


def matches(item: FrameItem, found: Context, lexicon: Lexicon) -> bool:
    word = item.word
    if item.kind == "prep":
        if word is None:
            return item.prep in found.bare_preps
        words = found.preps.get(item.prep or "")
        return words is not None and _wanted(word, words, lexicon)
    if word == "_":  # any object at all: "returned the sculpture to …"
        return bool(found.objects) if item.kind == "obj" else bool(found.children)
    return _wanted(word or "", found.objects if item.kind == "obj" else found.children, lexicon)


def _wanted(word: str, pool: frozenset[str], lexicon: Lexicon) -> bool:
    """Whether the pool holds the word or a member of its synset (most words are plain: a set lookup)."""
    if word.startswith("@"):
        return not lexicon.words(word).isdisjoint(pool)
    return word in pool


def _subtree_words(token: Token) -> set[str]:
    found = words_of(token)
    for child in token.children:
        if child.dep_ in {"prep", "pobj", "conj"}:
            found |= words_of(child)
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found |= words_of(grand)
    return found


def best_frame(predicate: Token, frames: tuple[Frame, ...], lexicon: Lexicon) -> Frame | None:
    """The most specific frame whose requirements all hold around the predicate (frames come sorted)."""
    if not frames:
        return None
    found = context(predicate)
    for frame in frames:  # a plain loop: this is the coder's innermost one (thousands of frames per text)
        for item in frame.items:
            if not matches(item, found, lexicon):
                break
        else:
            return frame
    return None


def with_conjuncts(token: Token) -> list[Token]:
    """A noun and the nouns coordinated with it ("Britain and France" → both), and coordinated modifiers
    ("Indian and Pakistani troops", "Eriadori and Calenardhon leaders": each modifier is a party)."""
    found = [token]
    for child in token.children:
        coordinated = child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN", "PRON"}
        named_apposition = child.dep_ == "appos" and child.pos_ == "PROPN"  # "Mordor, the awful Fornost, and"
        if coordinated or named_apposition:
            found.extend(with_conjuncts(child))
        elif child.dep_ in COORDINATED_MODIFIERS and any(grand.dep_ == "conj" for grand in child.children):
            found.extend(_modifier_conjuncts(child))
    return found


#: Modifiers whose coordination names several parties ("Indian and Pakistani", "Arnor, Calenardhon and …").
COORDINATED_MODIFIERS = {"nmod", "compound", "amod", "poss"}


def _modifier_conjuncts(modifier: Token) -> list[Token]:
    """A coordinated modifier and its conjuncts, adjectives included ("Indian and Pakistani")."""
    found = [modifier]
    for child in modifier.children:
        if child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN", "ADJ"}:
            found.extend(_modifier_conjuncts(child))
    return found


def of_objects(token: Token) -> list[Token]:
    """The objects of a noun's "of" phrases ("the foreign ministers of both countries" → countries)."""
    return [pobj for prep, pobj in preps(token) if prep == "of" and pobj is not None]


def of_conjuncts(token: Token) -> list[Token]:
    """Nouns coordinated inside a noun's "of" phrase ("the ministers of India and Pakistan" → both)."""
    return [member for pobj in of_objects(token) for member in with_conjuncts(pobj)]


#: Texts that speak for whoever issued them ("approved a resolution criticising X").
DOCUMENTS = {
    "report", "resolution", "letter", "statement", "communique", "declaration", "note", "message", "motion",
    "bill", "decree", "memo", "memorandum",
}  # fmt: skip
#: Dashes that end a dateline ("LAHORE — India and Pakistan signed …").
DATELINE_DASHES = {"—", "–", "-", "--"}


def is_dateline(token: Token) -> bool:
    """A token of the dateline that opens a story ("DHAKA — Japan pledged …", "CUCUTA, Colombia — …"):
    where it was filed, not who acted. The line starts with an upper-case place and ends at a dash."""
    doc = token.doc
    if not any(t.text in DATELINE_DASHES for t in doc[token.i + 1 : token.i + 7]):
        return False  # most tokens: no dash just after them, no need to find the sentence
    start = token.sent.start
    first = doc[start]
    if not first.is_upper or len(first.text) < 3 or token.i - start > 5:
        return False
    window = token.doc[start : min(start + 7, token.sent.end)]
    dash = next((t.i for t in window if t.text in DATELINE_DASHES), None)
    return dash is not None and token.i < dash


def complement_actors(verb: Token) -> list[list[Token]]:
    """Who a warning or accusation is about, as groups best first: the subject of its clausal complement
    with its modifiers ("warned that any Indian incursion would …" → Indian), the subjects of a condition
    inside it ("warned it would act if the United States and South Korea went ahead"), then the objects
    of prepositions in the clause."""
    groups: list[list[Token]] = []
    for child in verb.children:
        if child.dep_ != "ccomp":
            continue
        for subject in (g for g in child.children if g.dep_ in SUBJECTS | PASSIVE_SUBJECTS):
            groups.append(with_conjuncts(subject) + [g for g in subject.children if g.dep_ in MODIFIERS])
        groups.append(condition_subjects(child))
        for holder in (child, *objects(child)):
            for _, pobj in preps(holder):
                if pobj is not None:
                    groups += [with_conjuncts(pobj), nested_pobjs(pobj, 1)]
    return [group for group in groups if group]


def content_subjects(verb: Token) -> list[Token]:
    """The subjects of a verb's content clause ("welcomed that Turkey and Iran had agreed" → both)."""
    return [
        member
        for clause in verb.children
        if clause.dep_ == "ccomp"
        for subject in clause.children
        if subject.dep_ in SUBJECTS | PASSIVE_SUBJECTS
        for member in with_conjuncts(subject)
    ]


#: Verbs that answer an earlier act: their target is whoever acted on the responder.
RESPONSE_VERBS = {"deny", "reject", "dismiss", "respond", "retaliate", "reply", "react", "rebuff", "refute"}
#: Nouns that refer back to an earlier act when they are the object ("denounced the measures").
REFERRING_NOUNS = {
    "accusation", "allegation", "charge", "claim", "warning", "threat", "remark", "statement", "comment",
    "criticism", "demand", "proposal", "offer", "request", "decision", "move", "measure", "step", "sanction",
    "expulsion", "protest", "ultimatum", "report", "action", "attack", "strike", "shelling", "ban", "tariff",
}  # fmt: skip


def is_response(predicate: Token, anchor: Token) -> bool:
    """A predicate that answers an earlier act: a verb of response, or a predicate whose object is a
    definite noun referring back to an act ("rejected the accusation", "denounced the measures")."""
    if predicate.lemma_.lower() in RESPONSE_VERBS or anchor.lemma_.lower() in RESPONSE_VERBS:
        return True
    if any(c.dep_ in COMPLEMENTS and c.lemma_.lower() in RESPONSE_VERBS for c in predicate.children):
        return True  # "warned that it would respond", "said it would retaliate"
    holder = anchor if anchor is not predicate else predicate
    found = objects(holder) if holder.pos_ in {"VERB", "AUX"} else []
    return any(
        obj.lemma_.lower() in REFERRING_NOUNS
        and any(
            c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "these", "those", "such", "its"}
            for c in obj.children
        )
        and not any(g.dep_ == "prep" for g in obj.children)  # "the accusation of spying" names its content
        for obj in found
    )


def subjects(verb: Token, depth: int = 0) -> tuple[list[Token], str]:
    """The acting noun(s) of a verb and how they were found (direct, agent, relative, control, absolute).

    Passives take their agent ("by Moscow"), or the actor of an absolute "with X slamming …" clause; verbs
    without a subject of their own take their governor's (control, coordination, "the step of calling on").
    """
    if depth > 4:
        return [], "none"
    passive = is_passive(verb)
    own = [child for child in verb.children if child.dep_ in SUBJECTS] if not passive else []
    if own and own[0].lower_ in RELATIVES and verb.dep_ == "relcl":
        return with_conjuncts(antecedent(verb.head, own[0])), "relative"
    # every subject: the small parser gives "Old foes Gondor and Osgiliath have …" two of them
    members = [member for child in own for member in with_conjuncts(child) if not is_dateline(member)]
    if members:  # "OSLO — Norway expelled": the dateline parses as a subject with Norway beside it
        return members, "direct"
    if passive:
        for prep, pobj in preps(verb):
            if prep == "by" and pobj is not None:
                return with_conjuncts(pobj), "agent"
        absolute = _absolute_actor(verb)
        if absolute is not None:
            return with_conjuncts(absolute), "absolute"
        return [], "none"
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        document = verb.head
        if document.lemma_.lower() in DOCUMENTS and document.dep_ == "dobj" and document.head.pos_ == "VERB":
            # "Amnesty put out a report accusing the army": the report speaks for its author
            found, _ = subjects(document.head, depth + 1)
            return found, "control"
        return with_conjuncts(verb.head), "relative"
    if verb.dep_ == "acl":  # "his commitment to fight" → his
        owner = next((child for child in verb.head.children if child.dep_ == "poss"), None)
        if owner is not None:
            return with_conjuncts(owner), "control"
    if verb.dep_ == "relcl":
        return [], "none"
    head = verb.head
    if head is verb:
        return [], "none"
    if verb.dep_ == "acomp" or (head.pos_ == "ADJ" and head.dep_ == "acomp"):
        # "Russia was ready to bury …": the adjective's subject sits on the copula.
        found, _ = subjects(head if verb.dep_ == "acomp" else head.head, depth + 1)
        return found, "control"
    if verb.dep_ in {"xcomp", "conj", "advcl"} and head.pos_ in {"VERB", "AUX", "ADJ"}:
        if verb.dep_ == "xcomp" and head.lemma_.lower() in RAISING and is_passive(head):
            # raising: "Russia is expected to attack", "Arnor is said to be about to restore"
            raised = [c for c in head.children if c.dep_ in PASSIVE_SUBJECTS]
            if raised:
                return with_conjuncts(raised[0]), "control"
        if verb.dep_ == "xcomp" and head.pos_ == "VERB":
            objects_of_head = urged(head)
            if objects_of_head:  # object control: "urged Russia to use", "called on France to" → them
                return objects_of_head, "control"
        found, _ = subjects(head, depth + 1)
        return found, "control"
    if verb.dep_ in {"pcomp", "pobj"} or (verb.dep_ == "acl" and verb.tag_ != "VBN"):
        walker = head
        for _ in range(4):
            if walker.pos_ in {"VERB", "AUX"}:
                found, _ = subjects(walker, depth + 1)
                return found, "control"
            if walker.head is walker:
                break
            walker = walker.head
    return [], "none"


#: Entity types of names a personal relative pronoun ("who") does not stand for when the parser hangs it
#: on them (not NORP: "an ethnic Chechen who had fought" is a person).
NON_PERSONS = {"ORG", "GPE", "LOC", "FAC"}


def antecedent(noun: Token, relative: Token) -> Token:
    """The noun a relative pronoun stands for. The small parser hangs "who" on the nearest noun even when
    that is an organisation or a place inside a phrase about a person ("a woman believed linked to
    Al-Qaeda who shot at officers": the woman shot); "who" then goes up to the nearest person noun or
    the subject of the verb that phrase hangs on."""
    if relative.lower_ not in {"who", "whom"} or noun.ent_type_ not in NON_PERSONS or noun.pos_ != "PROPN":
        return noun
    for ancestor in list(noun.ancestors)[:6]:
        if ancestor.pos_ in {"NOUN", "PROPN"} and _personal_noun(ancestor):
            return ancestor
        if ancestor.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in ancestor.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS), None)
            if subject is not None:
                return subject if _personal_noun(subject) else noun
    return noun


def _personal_noun(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or (token.pos_ == "NOUN" and token.ent_type_ not in NON_PERSONS)


#: Verbs whose prepositional object is who is asked to act ("called on France to condemn", "appealed to").
APPEAL_PREPS = {"call": {"on", "upon"}, "appeal": {"to"}, "prevail": {"on", "upon"}}


def urged(verb: Token) -> list[Token]:
    """Whom a verb asks or makes act: its direct object ("urged Britain to"), or for *call on*, *appeal
    to* the preposition's object, with conjuncts; empty when there is none."""
    found = [child for child in verb.children if child.dep_ == "dobj"]
    wanted = APPEAL_PREPS.get(verb.lemma_.lower(), set())
    found += [
        pobj
        for prep, pobj in preps(verb)
        if prep in wanted
        and pobj is not None
        and pobj.pos_ != "VERB"
        and pobj.ent_type_ not in {"DATE", "TIME"}
    ]  # "called on Monday for Russia to withdraw": a date is nobody
    return with_conjuncts(found[0]) if found else []


#: Passive verbs whose subject is the subject of their infinitive ("Russia is expected to attack"); not
#: "was summoned to protest", where the summoner protests.
RAISING = {
    "say", "expect", "believe", "report", "know", "see", "think", "consider", "understand", "allege",
    "rumour", "rumor", "presume", "suppose", "assume", "suspect", "hear", "show", "set", "poise", "schedule",
    "due", "likely", "slate", "tip", "feel", "find", "claim", "deem",
}  # fmt: skip


def _absolute_actor(verb: Token) -> Token | None:
    """The actor of an absolute clause in a passive's scope: "was chastised … with Moscow slamming it"."""
    for token in verb.subtree:
        if token.dep_ != "prep" or token.lower_ != "with":
            continue
        for child in token.children:
            if child.dep_ == "pcomp" and child.pos_ == "VERB":
                subject = next((grand for grand in child.children if grand.dep_ == "nsubj"), None)
                if subject is not None:
                    return subject
            if child.dep_ == "pobj" and any(grand.dep_ == "acl" for grand in child.children):
                return child
    return None


#: Prepositions through which a target is reached inside an object ("a resumption of ties with Gondor").
INNER_PREPS = {*TARGET_PREPS, "about", "in", "of", "for", "from", "by"}


def nested_pobjs(token: Token, depth: int = 3) -> list[Token]:
    """Objects of prepositions below a noun, breadth first, ``depth`` prepositions deep."""
    found: list[Token] = []
    layer = [token]
    for _ in range(depth):
        # through participles too: "sanctions imposed on Eritrea"
        holders = [*layer, *(child for noun in layer for child in noun.children if child.dep_ == "acl")]
        layer = [
            pobj for noun in holders for prep, pobj in preps(noun) if pobj is not None and prep in INNER_PREPS
        ]
        found += layer
    return found


#: Prepositions that aim force at whoever is there ("fired near a naval vessel", "shelled across the line").
FORCE_PREPS = {"near", "across", "along", "around", "inside"}
#: Roots whose "about"/"of" phrase names whom they are aimed at ("warned of the Prince", "complained
#: about Osgiliath"): disapproval, rejection, threats, reduced relations.
ABOUT_ROOTS = {"11", "12", "13", "16"}


def target_candidates(predicate: Token, frame: Frame | None, code: str = "") -> list[list[Token]]:
    """Groups of coordinated nouns that may be the target, best first: the frame's preposition, the
    objects (and what they are about: "stop the assault on Aleppo"), then the target prepositions."""
    found: list[Token] = []
    # a frame's particle may be a preposition too: "asked for sanctions against Osgiliath"
    frame_preps = [item.prep if item.kind == "prep" else item.word for item in frame.items] if frame else []
    verbal = predicate.pos_ in {"VERB", "AUX"}
    holders = [predicate]
    if verbal:
        holders += [child for child in predicate.children if child.dep_ == "dobj"]
    for prep_word in frame_preps:
        for holder in holders:
            for prep, pobj in preps(holder):
                # "accused him of spying on troops": a clause after the preposition is content, not target
                if prep == prep_word and pobj is not None and pobj.pos_ not in {"VERB", "AUX"}:
                    found += [pobj, *nested_pobjs(pobj, 2)]
    if verbal:
        for obj in objects(predicate):
            found += [obj, *clause_arguments(obj), *nested_pobjs(obj)]
    target_preps = TARGET_PREPS if verbal else (*TARGET_PREPS, "for", "against")
    for prep_word in target_preps:
        for holder in holders:
            found += [pobj for prep, pobj in preps(holder) if prep == prep_word and pobj is not None]
    for adverb in adverbial_holders(predicate) if verbal else []:  # "marched close to the border with X"
        for prep, pobj in preps(adverb):
            if prep in TARGET_PREPS and pobj is not None:
                found += [pobj, *nested_pobjs(pobj, 1)]
    if verbal:  # last: "departed from Libya", "denied charges by the Chamber" (an active verb's "by")
        found += [
            pobj
            for prep, pobj in preps(predicate)
            if pobj is not None
            and pobj.pos_ in {"NOUN", "PROPN"}
            and (
                (prep == "from" and predicate.lemma_.lower() not in RECEIVING)
                or (prep == "by" and not is_passive(predicate))
            )
        ]
    if predicate.pos_ == "ADJ":  # "skeptical about the government being able to …", "pessimistic about X"
        for prep, pobj in preps(predicate):
            if prep in {"about", "of", "regarding", "over"} and pobj is not None:
                found += (
                    [g for g in pobj.children if g.dep_ in SUBJECTS]
                    if pobj.pos_ in {"VERB", "AUX"}
                    else [pobj]
                )
    if "05" <= code[:2] <= "08" and verbal:  # "earmarked aid to help Haiti cope": whom it is for
        found += beneficiaries(predicate)
    if "15" <= code[:2] <= "20" and verbal:  # "fired shells near a vessel from South Korea"
        for prep, pobj in (pair for holder in holders for pair in preps(holder)):
            if prep in FORCE_PREPS and pobj is not None:
                found += [pobj, *nested_pobjs(pobj, 1)]
    if code[:2] in ABOUT_ROOTS:  # "warned of the Prince of Dol Amroth", "warned of retaliation against X"
        for prep, pobj in preps(predicate):
            if prep in {"about", "of"} and pobj is not None and pobj.pos_ in {"NOUN", "PROPN"}:
                found += [pobj, *nested_pobjs(pobj, 1)]
    if code[:2] in GIVING_ROOTS:  # "deployed 300 troops to Mali", "donated USD1 million to the WFP"
        found = [t for t in found if not is_means(t)] + [t for t in found if is_means(t)]
    groups: list[list[Token]] = []
    seen: set[int] = set()
    for token in found:
        if token.i in seen:
            continue
        group = with_conjuncts(token)
        seen.update(member.i for member in group)
        groups.append(group)
    stray = stray_conjuncts(predicate) if verbal else []
    if groups and stray:  # "expressed concern about the situation in Ukraine, and Russian support for …"
        groups[0] = groups[0] + [token for token in stray if token.i not in seen]
    return groups


def adverbial_holders(verb: Token) -> list[Token]:
    """Adverbs of the verb that carry a preposition: "came close to the border", and nouns the small
    parser tags as adverbs ("contribute a million florin to Gondor": *florin* is an advmod)."""
    return [
        child
        for child in verb.children
        if child.dep_ == "advmod" and child.i > verb.i and any(g.dep_ == "prep" for g in child.children)
    ]


#: Verbs whose "from" phrase names the giver, not the target ("received money from Osgiliath").
RECEIVING = {
    "receive", "get", "obtain", "accept", "hear", "learn", "win", "earn", "draw", "gain", "buy", "import",
}  # fmt: skip


#: Verbs of a purpose clause whose object is who benefits ("sent aid to help Haiti").
BENEFIT_VERBS = {"help", "assist", "support", "aid", "protect", "rebuild", "feed", "save", "supply", "equip"}


def beneficiaries(verb: Token) -> list[Token]:
    """Who a cooperative act is for, from its purpose clause: "to help Haiti cope" → Haiti."""
    found: list[Token] = []
    for clause in (child for child in verb.children if child.dep_ in {"advcl", "xcomp"}):
        if clause.lemma_.lower() not in BENEFIT_VERBS:
            continue
        for child in clause.children:
            if child.dep_ == "dobj":
                found.append(child)
            elif child.dep_ in {"ccomp", "xcomp"}:  # "help Haiti cope": Haiti parses as the clause subject
                found += [grand for grand in child.children if grand.dep_ in SUBJECTS]
    return found


def givers(verb: Token, code: str) -> list[Token]:
    """Who gave what the subject received: the "from" phrase of a receiving verb coded as material
    cooperation or aid ("received money from Osgiliath" → Osgiliath gives to the subject)."""
    if code[:2] not in {"06", "07"} or verb.lemma_.lower() not in RECEIVING or verb.pos_ != "VERB":
        return []
    holders = [verb, *(child for child in verb.children if child.dep_ == "dobj")]
    return [
        member
        for holder in holders
        for prep, pobj in preps(holder)
        if prep == "from" and pobj is not None
        for member in with_conjuncts(pobj)
    ]


def clause_arguments(noun: Token) -> list[Token]:
    """Who a noun's clause is about: the subject of a content clause ("expressed hope that Osgiliath
    could be drawn in" → Osgiliath) or a participle's object ("boycotted the parade supporting Gondor")."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ not in {"acl", "ccomp"} or child.pos_ not in {"VERB", "AUX"}:
            continue
        if any(grand.dep_ == "mark" and grand.lower_ == "that" for grand in child.children):
            found += [grand for grand in child.children if grand.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        elif child.tag_ == "VBG":
            found += [grand for grand in child.children if grand.dep_ == "dobj"]
    return found


#: Roots whose object is usually what is given, sent or deployed, not whom it goes to: intents,
#: diplomatic, material and aid cooperation, concessions, force posture.
GIVING_ROOTS = {"03", "05", "06", "07", "08", "15"}
#: What a party sends or gives of its own ("sent 200 troops", "contribute air support").
MEANS_NOUNS = {
    "troop", "soldier", "force", "personnel", "peacekeeper", "team", "unit", "aid", "assistance", "support",
    "money", "fund", "funding", "supply", "equipment", "weapon", "arm", "expert", "doctor", "official",
}  # fmt: skip


def is_means(token: Token) -> bool:
    """Something a party gives or deploys (a means noun, an amount): a target only when nothing else is."""
    amount = token.ent_type_ in {"MONEY", "QUANTITY", "CARDINAL"} or token.pos_ == "NUM"
    return amount or token.lemma_.lower() in MEANS_NOUNS


def stray_conjuncts(verb: Token) -> list[Token]:
    """Nouns the parser coordinated with the verb instead of with its object ("expressed concern about
    the situation, and continued Russian support": *support* hangs on *expressed*); a clause has a verb."""
    return [
        member
        for child in verb.children
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"}
        and not any(grand.dep_ in SUBJECTS | PASSIVE_SUBJECTS | {"aux", "cop"} for grand in child.children)
        for member in with_conjuncts(child)
    ]  # fmt: skip


#: Verbs whose object is others' reaction to their subject ("drew condemnation from Tokyo").
REACTION_VERBS = {
    "draw",
    "earn",
    "attract",
    "receive",
    "win",
    "face",
    "provoke",
    "spark",
    "trigger",
    "prompt",
}


def noun_source_candidates(noun: Token) -> list[Token]:
    """Who acts in a nominal event: "Russia's attack", "Russian support", "the attack by rebels"."""
    found: list[Token] = []
    reaction = noun.dep_ == "dobj" and noun.head.lemma_.lower() in REACTION_VERBS
    for holder in (noun, noun.head) if reaction else (noun,):
        for prep, pobj in preps(holder):
            if prep in {"by", "from"} and pobj is not None:  # "condemnation from Tokyo"
                found += with_conjuncts(pobj)
    found += [child for child in noun.children if child.dep_ in {"poss", "compound", "amod", "nmod"}]
    marker = noun.head if noun.dep_ == "pobj" else None
    if not found and marker is not None and marker.head.lemma_.lower() in {"responsible", "blame"}:
        # "the LRA are responsible for mass killings" → the LRA
        holder = marker.head.head if marker.head.dep_ == "acomp" else marker.head
        found += [child for child in holder.children if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
    return found


#: Nouns of a relation that, owned by "their", make coordinated subjects act on each other ("Gondor and
#: Osgiliath postponed their meeting").
MUTUAL_NOUNS = {
    "meeting", "talk", "summit", "negotiation", "tie", "relation", "relationship", "dialogue", "cooperation",
    "dispute", "conflict", "feud", "rivalry", "agreement", "deal", "partnership", "alliance", "rift", "truce",
}  # fmt: skip

#: Relations that are between two parties whoever owns them ("Gondor and Osgiliath renewed ties").
BILATERAL_NOUNS = {"tie", "relation", "relationship"}


def mutual_object(verb: Token) -> bool:
    """Whether the verb's object makes its subjects act on each other: "each other", "one another", or
    "their" + a relation ("postponed their meeting", "renewed their ties")."""
    for obj in objects(verb) if verb.pos_ in {"VERB", "AUX"} else []:
        if obj.lower_ in {"other", "another"} and any(c.lower_ in {"each", "one"} for c in obj.children):
            return True
        owned = any(c.dep_ == "poss" and c.lower_ == "their" for c in obj.children)
        lemma = obj.lemma_.lower()
        partner = any(prep in {"with", "to"} for holder in (verb, obj) for prep, _ in preps(holder))
        if (owned and lemma in MUTUAL_NOUNS) or (lemma in BILATERAL_NOUNS and not partner):
            return True  # "renewed diplomatic ties", not "restored ties with Gxndor" (a partner not coded)
    return False


def between_members(noun: Token) -> list[Token]:
    """The parties of a nominal event between two actors ("talks between Russia and Ukraine")."""
    return [member for prep, pobj in preps(noun) if prep == "between" and pobj is not None
            for member in with_conjuncts(pobj)]  # fmt: skip


def condition_subjects(predicate: Token) -> list[Token]:
    """Subjects of an if-clause on the predicate or its governors ("ready to … if the UK changes")."""
    walker = predicate
    for _ in range(4):
        for child in walker.children:
            if child.dep_ == "advcl" and any(
                grand.dep_ == "mark" and grand.lower_ in CONDITION_MARKS for grand in child.children
            ):
                found = [grand for grand in child.children if grand.dep_ in SUBJECTS]
                if found:
                    return with_conjuncts(found[0])
        if walker.head is walker:
            break
        walker = walker.head
    return []


def governor_of(predicate: Token) -> Token | None:
    """The verb or adjective whose complement the predicate is ("agreed to meet" → agreed)."""
    if predicate.dep_ in COMPLEMENTS and predicate.head is not predicate:
        return predicate.head
    return None


def modality(predicate: Token, governor: Token | None) -> set[str]:
    """Flags from the predicate's and its governor's auxiliaries, negators and conditional clauses."""
    flags: set[str] = set()
    holders = [predicate]
    if governor is not None:
        holders.append(governor)
        if governor.pos_ == "ADJ" and governor.head is not governor:
            holders.append(governor.head)  # "is ready to …": the copula carries aux, neg, if-clauses
    clause = predicate.head if predicate.dep_ == "conj" else predicate  # "if X changes … and shows …"
    if clause.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in CONDITION_MARKS for child in clause.children
    ):
        flags.add("conditional")
    for holder in holders:
        for child in holder.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "advmod" and word == "never"):
                flags.add("negated")
            elif child.dep_ == "aux" and child.tag_ == "MD":
                if word in FUTURE_AUX or child.lemma_ in FUTURE_AUX:
                    flags.add("future")
                elif word in HYPOTHETICAL_AUX or child.lemma_ in HYPOTHETICAL_AUX:
                    flags.add("hypothetical")
            elif child.dep_ == "advcl" and any(
                grand.dep_ == "mark" and grand.lower_ in CONDITION_MARKS for grand in child.children
            ):
                flags.add("conditional")
    if predicate.sent.text.rstrip().endswith("?"):
        flags.add("question")
    return flags


def speech_head(predicate: Token) -> Token | None:
    """The verb of saying that the predicate's clause is reported under ("said Russia was ready")."""
    walker = predicate
    for _ in range(4):
        if walker.dep_ not in {"ccomp", "xcomp", "conj", "acomp"} or walker.head is walker:
            return None
        walker = walker.head
        if walker.dep_ != "conj" and walker.pos_ == "VERB" and walker.lemma_ in REPORTING:
            return walker
    return None


def clause_holder(predicate: Token) -> Token | None:
    """The verb whose content clause the predicate heads ("indicated it deplored" → indicated)."""
    head = predicate.head
    return head if predicate.dep_ == "ccomp" and head is not predicate and head.pos_ == "VERB" else None


REPORTING = {
    "say",
    "tell",
    "state",
    "add",
    "announce",
    "claim",
    "report",
    "insist",
    "note",
    "declare",
    "write",
    "argue",
    "stress",
    "believe",
    "think",
    "suggest",
}
