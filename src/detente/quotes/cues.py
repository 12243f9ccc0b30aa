"""Speech cues and their speakers, read from the dependency parse.

A cue is a speech verb (say, tell, warn, …) or a noun cue ("according to X", "X's statement"); its speaker is
the grammatical subject, followed through coordination, relative clauses, participles and "was quoted as
saying". The lexicon is the project's own list of English verbs of communication.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Verbs that report speech or writing. Lemmas, as spaCy's lemmatiser gives them.
SPEECH_VERBS = frozenset(
    (
        "say", "tell", "add", "insist", "warn", "declare", "state", "announce", "claim", "argue", "note",
        "explain", "stress", "reiterate", "repeat", "remark", "reply", "respond", "answer", "retort",
        "counter", "ask", "wonder", "question", "urge", "demand", "suggest", "propose", "recommend",
        "acknowledge", "admit", "concede", "confirm", "deny", "affirm", "assert", "maintain", "contend",
        "allege", "charge", "accuse", "complain", "lament", "protest", "object", "predict", "promise",
        "pledge", "vow", "swear", "threaten", "boast", "brag", "joke", "quip", "muse", "recall", "recount",
        "report", "write", "tweet", "post", "blog", "testify", "inform", "assure", "caution", "advise",
        "emphasise", "emphasize", "observe", "comment", "continue", "conclude", "begin", "summarise",
        "summarize", "describe", "mention", "point", "signal", "indicate", "reveal", "disclose", "shout",
        "yell", "scream", "whisper", "mutter", "cry", "exclaim", "proclaim", "read", "chant", "mouth", "echo",
        "sing", "text", "email", "quote", "rule", "order", "decree", "agree", "disagree", "criticise",
        "criticize", "slam", "blast", "attack", "praise", "hail", "welcome", "condemn", "denounce", "dismiss",
        "reject", "counsel", "opine", "reason", "posit", "speculate", "estimate", "confess", "bark", "snap",
        "mock", "scoff", "interject", "gush", "sigh", "laugh", "chuckle", "beam", "plead", "beg", "concur",
        "blurt", "recite", "marvel",
    )
)  # fmt: skip

#: Verbs that report speech with a particle: "shot back", "chimed in", "weighed in".
PHRASAL_SPEECH_VERBS = frozenset(
    (("go", "on"), ("shoot", "back"), ("fire", "back"), ("hit", "back"), ("chime", "in"), ("weigh", "in"),
     ("pipe", "up"), ("push", "back"))
)  # fmt: skip

#: Verbs that report speech only with a content clause or a quote; with a bare phrase they describe.
WEAK_SPEECH_VERBS = frozenset(
    (
        "rule", "order", "agree", "disagree", "criticise", "criticize", "slam", "blast", "attack", "praise",
        "hail", "welcome", "condemn", "denounce", "dismiss", "reject", "describe", "mention", "point",
        "signal", "indicate", "continue", "begin",
    )
)  # fmt: skip

#: Nouns that carry an attribution when something owns them: "the minister's statement: …".
SPEECH_NOUNS = frozenset(
    (
        "statement", "remarks", "remark", "comment", "comments", "words", "tweet", "post", "message",
        "letter", "speech", "interview", "announcement", "response", "reply", "answer", "testimony", "claim",
        "warning", "note", "memo", "email", "e-mail", "release",
    )
)  # fmt: skip

_PRONOUNS = frozenset(("he", "she", "they", "i", "we", "it", "you", "who"))


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue found in the parse: the word that attributes, and the speaker's head token if known."""

    token: Token
    speaker: Token | None
    kind: str  # verb | according | noun | colon


def is_speech_verb(token: Token) -> bool:
    """Whether the token is a verb of speaking or writing ("went on", "shot back" included)."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = token.lemma_.lower()
    if any((lemma, c.lower_) in PHRASAL_SPEECH_VERBS for c in token.children if c.dep_ in ("prt", "advmod")):
        return True
    return lemma in SPEECH_VERBS


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker of a verb: its subject, or the subject it inherits from the clause it hangs on."""
    if depth > 4:
        return None
    # Nearest child first: "MOSCOW — Russia's FSB said" parses the dateline as a second subject.
    for child in sorted(verb.children, key=lambda c: abs(verb.i - c.i)):
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "Lavrov, who said …": the noun the relative clause describes
            owner = noun_cue(child)  # "the ministry's statement said": the ministry speaks
            return owner if owner is not None else _past_dateline(child)
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "nsubjpass":
            # "X was told" makes X the hearer; only "X was quoted as saying" makes X the speaker.
            return child if verb.lemma_ == "quote" else None
    scene = _scene_subject(verb)
    if scene is not None:
        return scene
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if head.lemma_.lower() in SPEECH_NOUNS:  # "issued comments insisting …": whoever issued them
            owner = noun_cue(head)
            return owner if owner is not None else subject_of(head.head, depth + 1)
        return head
    if verb.dep_ in ("conj", "xcomp", "advcl") and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "was quoted as saying"
        return subject_of(head.head, depth + 1)
    return None


def _past_dateline(subject: Token) -> Token:
    """The subject behind a dateline the parse made the subject ("LIMA, Peru (Reuters) - Pluspetrol said"):
    the word after the dash that the dateline governs."""
    if subject.ent_type_ != "GPE" or subject.i != subject.sent.start:
        return subject
    doc = subject.doc
    for child in subject.children:
        after_dash = any(t.text in _DASHES for t in doc[subject.i : child.left_edge.i])
        if child.dep_ in ("appos", "conj") and child.i > subject.i and after_dash:
            return child
    return subject


_DASHES = frozenset(("-", "\u2014", "\u2013", "--"))


def _scene_subject(verb: Token) -> Token | None:
    """A subject parsed into the scene before it ("In Islamabad, Nadia Farooq, an adviser, said"): a name
    coordinated with the place or in apposition to a word of the scene, set off by a comma just before the
    verb."""
    if verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    for prep in verb.lefts:
        if prep.dep_ != "prep":
            continue
        for place in prep.children:
            names = [
                c
                for c in place.children
                if c.dep_ == "conj" and c.pos_ == "PROPN" and c.ent_type_ not in _PLACES
            ]
            if names and names[-1].right_edge.i + 2 >= verb.i:
                return names[-1]
        # "In a call on Dec. 2, Col. Warren, a spokesman, said": the subject parsed as an appositive
        for token in prep.subtree:
            reaches = token.right_edge.i + 2 >= verb.i
            if token.dep_ == "appos" and token.pos_ in ("PROPN", "NOUN") and reaches and _person_like(token):
                return token
    return None


_PLACES = frozenset(("GPE", "LOC", "FAC"))


def _person_like(token: Token) -> bool:
    return token.ent_type_ not in _PLACES and token.ent_type_ not in ("DATE", "TIME")


def according_to(token: Token) -> Token | None:
    """The source of "according to X" when ``token`` is "according"."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ == "to":
        for grandchild in following.children:
            if grandchild.dep_ == "pobj":
                return grandchild
    return None


def noun_cue(token: Token) -> Token | None:
    """The owner of a speech noun: "X's statement", "a statement from X"."""
    if token.lemma_.lower() not in SPEECH_NOUNS or token.pos_ != "NOUN":
        return None
    for child in token.children:
        if child.dep_ == "poss":
            return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in ("PROPN", "NOUN", "PRON"):
                    return grandchild
    return None


def find_cue(stretch: Span, *, before: bool) -> Cue | None:
    """The cue in the words beside a quote: nearest the quote first, a speech verb before a noun cue.

    ``before`` says the stretch precedes the quote (so the nearest word is its last).
    """
    tokens = list(stretch)
    ordered = list(reversed(tokens)) if before else tokens
    for token in ordered:
        if token.lower_ == "according":
            source = according_to(token)
            if source is not None:
                return Cue(token, source, "according")
        if is_speech_verb(token):
            return Cue(token, subject_of(token), "verb")
    for token in ordered:
        owner = noun_cue(token)
        if owner is not None:
            return Cue(token, owner, "noun")
    if before and tokens and tokens[-1].text == ":":
        verb = _clause_verb(tokens[-1])
        if verb is not None and verb.i < tokens[-1].i:  # not the quote's own verb the colon hangs on
            subject = subject_of(verb)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN", "PRON"):
                return Cue(verb, subject, "colon")
        name = _heading_name(tokens)
        if name is not None:
            return Cue(tokens[-1], name, "colon")
    return None


def _heading_name(tokens: list[Token]) -> Token | None:
    """The name a verbless heading gives before a colon ("Marco Rubio: ‘You Don’t Win …’")."""
    if any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    words = [t for t in tokens[:-1] if not (t.is_punct or t.is_space)]
    if not words or words[-1].pos_ != "PROPN" or words[-1].ent_type_ in ("GPE", "LOC", "DATE", "TIME"):
        return None
    name = words[-1]
    while name.dep_ in ("compound", "flat") and name.head.i > name.i and name.head.i < tokens[-1].i:
        name = name.head
    return name


def _clause_verb(colon: Token) -> Token | None:
    """The verb of the clause a colon ends: "Cruz called them on it:"."""
    head = colon.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def speaker_span(head: Token) -> tuple[int, int]:
    """The character span of the speaker's noun phrase: its modifiers and name parts, not clauses after it."""
    first = head
    for token in head.lefts:
        if token.dep_ in _MODIFIERS:
            first = min(first, token.left_edge, key=lambda t: t.i)
    for index in range(head.i - 1, first.i - 1, -1):
        token = head.doc[index]
        infix = token.text == "-" and index > 0 and not (token.whitespace_ or head.doc[index - 1].whitespace_)
        if token.is_punct and token.text not in ("'s", "\u2019s", ".") and not infix:
            first = head.doc[index + 1]  # a dateline ("LONDON (Reuters) - …") is not part of the name
            break
    last = head
    for token in head.rights:
        if token.dep_ in ("compound", "flat") and token.i == last.i + 1:
            last = token
    return first.idx, last.idx + len(last.text)


_MODIFIERS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "case"})
