"""Quotes stage. Needs: doc, sentences, mentions, events. Adds: quotes (direct and indirect, with speakers).

Finds quoted speech and reported speech, attributes each to a speaker through the cue's subject or the
context, resolved to an actor, and links each quote to the events it carries.

Decisions a reader of the output should know:

- A direct quote's ``span`` and ``text`` are the words inside the marks. A quote interrupted by its
  attribution ("X," he said, "Y") is two quotes with the same speaker and cue, so that ``text`` is always
  ``article.text[span]``; a quote running over several paragraphs (each reopened, only the last closed)
  is one.
- Quoted words are speech only when a cue governs them (they are the cue's complement, or set off from it by
  a colon or comma) or when they form a full clause standing as a sentence of their own. Short quoted phrases
  inside a clause are scare quotes, titles or quoted descriptions (Assad calling Trump a "natural ally") and
  are not quotes: the description is the speaker's word, but it is not a statement we can attribute as speech.
- A quote with no cue of its own continues the previous speaker of the same stretch of paragraphs, or,
  with none, belongs to the person the sentence before it says was speaking ("Trump spoke only in
  bromides during the interview."). A name heading a quote with a colon ("Marco Rubio: ‘…’") is its
  speaker.
- The speaker is the actor the actors stage found at the speaker's head word (``text`` is the speaker's
  words), repaired from the article where that actor names no state or borrowed it from the quoted words
  (``detente.quotes.speakers``): an appositive or an earlier introduction of the name, the subject a bare
  "it said" points back to, the place of speaking, the last speaker for a pronoun or a role noun; a
  speaker's title or appositive gives the sector ("Principal Secretary X said in Nairobi" → ``KENGOV``).
  A "he" or "she" the actors stage left unresolved is the person the narration last made a subject
  (``detente.actors.antecedents.person_subject``). A state that speaks ("Pakistan said"), or a state's
  own body ("Britain's National Cyber Security Centre"), speaks as its government (``PAKGOV``). A speaker
  none of these resolves ("analysts", "a source") is ``None``: a code is never guessed.
- Coordinated speakers ("Both the British Foreign Office and the Russian Foreign Ministry said") all
  speak: ``Quote.speakers`` lists every actor, ``speaker`` is the first.
- Indirect speech ("Lavrov said Russia was ready …") is a quote with ``direct=False`` whose text is the
  reported clause without its "that".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from detente.config import Config
from detente.models import Actor, ActorMention, Event, Quote, Sentence, stable_id
from detente.nlp import text_of
from detente.pipeline import DocState
from detente.quotes.cues import (
    WEAK_SPEECH_VERBS,
    Cue,
    according_to,
    find_cue,
    is_speech_verb,
    speaker_span,
    subject_of,
)
from detente.quotes.marks import Quoted, find_quoted
from detente.quotes.speakers import SPOKESPEOPLE, joint_speakers, speaker_actor, speaker_mention
from detente.registry import register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

__all__ = [
    "SPOKESPEOPLE",
    "Attribution",
    "RuleQuotes",
    "attribute",
    "find_quoted",
    "joint_speakers",
    "make_rule_quotes",
    "resolve_speaker",
    "speaker_actor",
]

_SENTENCE_END = frozenset(".!?\u2026")

#: A quote with no cue must have at least this many words to count as a sentence of speech.
MIN_UNCUED_WORDS = 4


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote before it becomes a ``Quote``: where its speaker's words are, for evaluation and linking."""

    direct: bool
    span: tuple[int, int]
    cue: Token | None
    speaker: Token | None
    inherited: bool = False


class RuleQuotes:
    """Rule-based quote attribution on the dependency parse; see the module docstring for its decisions."""

    name: str = "quotes.rules.v1"
    requires: tuple[str, ...] = ("doc", "sentences", "mentions", "events")
    assigns: tuple[str, ...] = ("quotes",)

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, state: DocState) -> None:
        if not self.config.quotes:
            state.quotes = []
            return
        quotes: list[Quote] = []
        earlier: list[tuple[int, Actor]] = []
        for item in attribute(state.doc):
            speaker = speaker_actor(item.speaker, item.span, state.mentions, earlier)
            if speaker is not None:
                earlier.append((item.span[1], speaker))
            quote = to_quote(item, state.article.doc_id, state.doc, state.sentences, state.events, speaker)
            together = joint_speakers(item.speaker, item.span, state.mentions, speaker)
            quotes.append(replace(quote, speakers=together) if together else quote)
        state.quotes = quotes


@register("quotes.rules.v1")
def make_rule_quotes(config: Config) -> RuleQuotes:
    return RuleQuotes(config)


def attribute(doc: Doc) -> list[Attribution]:
    """Every direct and indirect quote in the document with its cue and speaker tokens, in text order."""
    text = text_of(doc)
    quoted = find_quoted(text)
    direct: list[Attribution] = []
    previous: Attribution | None = None
    for index, item in enumerate(quoted):
        before = quoted[index - 1] if index else None
        after = quoted[index + 1] if index + 1 < len(quoted) else None
        found = _direct(doc, item, before, after, previous)
        if found is not None:
            direct.append(found)
            previous = found
    indirect = _indirect(doc, quoted, direct)
    return sorted(direct + indirect, key=lambda a: a.span)


def _direct(
    doc: Doc, item: Quoted, before: Quoted | None, after: Quoted | None, previous: Attribution | None
) -> Attribution | None:
    """The attribution of one quoted stretch, or None when it is not speech (a scare quote, a title)."""
    inner = doc.char_span(item.start, item.end, alignment_mode="expand")
    if inner is None or len(inner) == 0:
        return None
    pre = _pre_stretch(doc, item, before)
    post = _post_stretch(doc, item, after)
    # '“X,” he said' and '“X”, he said' attribute to the words after the quote before those before it.
    ends_comma = text_of(doc)[item.end - 1] == "," or text_of(doc)[item.outer_end : item.outer_end + 1] == ","
    order = [(post, False), (pre, True)] if ends_comma else [(pre, True), (post, False)]
    if ends_comma and post is not None and _participle_after(post):
        order.reverse()  # '“…,” pointing to the farmers' goes on the clause before; it does not attribute
    for stretch, is_before in order:
        if stretch is None:
            continue
        cue = find_cue(stretch, before=is_before)
        if cue is None or item.outer_start <= cue.token.idx < item.outer_end:
            continue
        if _governs(cue, inner, is_before, pre is None or pre[-1].text == ":"):
            speaker = cue.speaker
            if speaker is None or item.outer_start <= speaker.idx < item.outer_end:
                speaker = _fallback_speaker(cue, inner, stretch, is_before)
            return Attribution(True, (item.start, item.end), cue.token, speaker)
    if pre is None and previous is not None and _follows_attribution(doc, previous, item):
        return Attribution(True, (item.start, item.end), None, previous.speaker, inherited=True)
    introduced = pre is None or pre[-1].text == ":"  # "Then, on CNN: “…”" introduces speech without a cue
    if introduced and _is_sentence(doc, inner, item) and _ends_sentence(doc, item, post):
        if previous is not None and _near(text_of(doc), previous.span[1], item.start):
            return Attribution(True, (item.start, item.end), None, previous.speaker, inherited=True)
        return Attribution(True, (item.start, item.end), None, _speaker_before(doc, item), inherited=True)
    return None


def _speaker_before(doc: Doc, item: Quoted) -> Token | None:
    """The speaker of an uncued quote that follows a sentence about someone speaking ("Trump spoke only
    in evasive bromides during the interview.", then “…”): that sentence's speaking subject."""
    start = doc.char_span(item.outer_start, item.outer_end, alignment_mode="expand")
    if start is None or start.start == 0:
        return None
    sentence = doc[start.start - 1].sent
    if text_of(doc)[sentence.end_char : item.outer_start].count("\n") > 2:
        return None
    marks = 0
    for token in sentence:
        marks += token.text in _MARK_CHARS
        if marks % 2 or not (is_speech_verb(token) or token.lemma_.lower() in _SPEAKING):
            continue  # a verb inside quoted words is not the narrator's
        subject = subject_of(token)
        if subject is not None and (subject.pos_ == "PROPN" or subject.lower_ in ("he", "she")):
            return subject
    return None


#: Verbs that tell someone spoke without reporting what was said (a cue for the quote that follows).
_SPEAKING = frozenset(("speak", "talk"))


def _participle_after(post: Span) -> bool:
    """Whether the words after a quote open with a participle clause ("…,” referencing …")."""
    words = [t for t in post if not (t.is_punct or t.is_space or t.text in _MARK_CHARS)]
    return bool(words) and words[0].tag_ == "VBG" and words[0].dep_ in ("advcl", "xcomp", "acl", "conj")


def _pre_stretch(doc: Doc, item: Quoted, before: Quoted | None) -> Span | None:
    """The words between the start of the quote's sentence (or the previous quote) and its opening mark."""
    text = text_of(doc)
    floor = before.outer_end if before is not None else 0
    paragraph = text.rfind("\n", floor, item.outer_start)
    if paragraph >= 0 and not text[paragraph : item.outer_start].strip():
        # The quote opens its paragraph: a previous paragraph ending in a colon introduces it.
        if not text[floor:paragraph].rstrip().endswith(":"):
            return None
        paragraph = text.rfind("\n", floor, len(text[:paragraph].rstrip()))
    floor = max(floor, paragraph + 1)
    lead = text[floor : item.outer_start].rstrip()
    if not lead or lead[-1] in _SENTENCE_END:
        return None
    last = doc.char_span(len(lead) + floor - 1, len(lead) + floor, alignment_mode="expand")
    if last is None:
        return None
    start = max(last[0].sent.start_char, floor)
    stretch = doc.char_span(start, floor + len(lead), alignment_mode="contract")
    return stretch if stretch is not None and len(stretch) else None


def _post_stretch(doc: Doc, item: Quoted, after: Quoted | None) -> Span | None:
    """The words after the closing mark up to the end of the sentence (or the next quote)."""
    if not item.closed:
        return None
    text = text_of(doc)
    ceiling = after.outer_start if after is not None else len(text)
    paragraph = text.find("\n", item.outer_end, ceiling)
    ceiling = ceiling if paragraph < 0 else paragraph
    tail = text[item.outer_end : ceiling]
    if not tail.strip():
        return None
    offset = item.outer_end + (len(tail) - len(tail.lstrip()))
    first = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if first is None:
        return None
    end = min(first[0].sent.end_char, ceiling)
    if first[0].sent.start == first[0].i and first[0].is_punct:
        end = min(max(end, doc[first[0].i].sent.end_char), ceiling)
    stretch = doc.char_span(item.outer_end, end, alignment_mode="contract")
    if stretch is None or not len(stretch):
        return None
    quote_text = text[item.start : item.end].rstrip()
    words = [t for t in stretch if not t.is_punct]
    new_sentence = quote_text[-1:] in _SENTENCE_END and words and words[0].text[:1].isupper()
    if new_sentence and not _attribution_sentence(words):
        return None
    return stretch


def _attribution_sentence(words: list[Token]) -> bool:
    """Whether a sentence after a quote only attributes it ("He tweeted when …"): it opens with its subject
    and a speech verb that carries no content clause of its own."""
    for token in words[:5]:
        if is_speech_verb(token) and token.i - words[0].i <= 4:
            has_subject = any(c.dep_ == "nsubj" for c in token.children)
            has_content = any(c.dep_ in ("ccomp", "dobj") for c in token.children)
            return has_subject and not has_content
    return False


def _governs(cue: Cue, inner: Span, is_before: bool, starts_sentence: bool) -> bool:
    """Whether the cue attributes these quoted words as speech rather than quoting a phrase in passing."""
    root = _quote_root(inner)
    if root is None or (_partial(root, inner) and not _set_apart(inner)) or _is_title(inner):
        return False
    if is_before and not _set_off(cue, inner) and _names(cue, inner):
        return False
    if _direct_child(root, cue.token):
        return True
    doc = inner.doc
    if is_before:
        between = doc[cue.token.i + 1 : inner.start]
        tail = [t for t in between if not (t.is_space or t.text in _MARK_CHARS)]
        if tail and (tail[-1].text == ":" or (cue.kind == "according" and tail[-1].text == ",")):
            return True
        if tail and tail[-1].text == ",":
            return all(t.pos_ not in ("VERB", "AUX") or t.dep_ == "aux" for t in tail)
        return all(t.lower_ in ("that", ",", ":") for t in tail)
    if not starts_sentence:
        return False
    between = doc[inner.end : cue.token.i]
    for token in between:
        if token.is_punct or token.is_space:
            continue
        if cue.speaker is not None and token.i in {t.i for t in cue.speaker.subtree}:
            continue
        if cue.speaker is None and token.pos_ not in ("VERB", "AUX"):
            continue  # a misparsed subject ("Brent Bozell III, founder of …, tells"): see _fallback_speaker
        if token.dep_ in ("aux", "advmod", "neg") and token.head.i == cue.token.i:
            continue
        return False
    return True


def _fallback_speaker(cue: Cue, inner: Span, stretch: Span, is_before: bool) -> Token | None:
    """The speaker when the parse gives the cue no subject: the nearest subject before a preposed cue
    ("Flea shared the news, writing “…”"), or the noun phrase between quote and a postposed cue."""
    doc = inner.doc
    if is_before:
        for token in reversed(doc[stretch.start : cue.token.i]):
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.i < cue.token.i:
                return None if token.dep_ == "nsubjpass" else token
        return None
    between = [t for t in doc[inner.end : cue.token.i] if not (t.is_punct or t.is_space)]
    heads = [t for t in between if not (inner.end <= t.head.i < cue.token.i) or t.head.i == t.i]
    nominal = [t for t in heads if t.pos_ in _NOMINAL or t.text[:1].isupper()]
    if nominal:
        return nominal[0]
    if between:
        return None
    # "…,” added a New Hampshire Democrat: the inverted subject parsed as an object
    after = [c for c in cue.token.rights if c.dep_ in _INVERTED and c.pos_ in _NOMINAL]
    return after[0] if after else _inverted_name(cue.token)


def _inverted_name(cue: Token) -> Token | None:
    """The last word of the noun phrase right after a postposed cue when the parse attached it elsewhere
    ("…,” said David Brock, a Clinton confidant; "said Skelly" with the name read as an adverb)."""
    last = None
    for token in cue.doc[cue.i + 1 : cue.i + 8]:
        modifier = token.dep_ in ("amod", "compound", "nmod")  # "ranking Democrat"
        if token.is_punct or token.is_space or (token.pos_ in _NOT_IN_NAMES and not modifier):
            break
        last = token
    if last is None or not (last.pos_ in _NOMINAL or last.text[:1].isupper()):
        return None
    return last if last.sent.start == cue.sent.start else None


_NOMINAL = frozenset(("PROPN", "NOUN", "PRON"))
_NOT_IN_NAMES = frozenset(("VERB", "AUX", "ADP", "SCONJ", "CCONJ"))
_INVERTED = frozenset(("dobj", "attr", "npadvmod", "oprd", "dative", "appos"))


# Tokens that are quote marks: single glyphs, and the doubled apostrophes and backticks of ''…'' / ``…''.
_MARK_CHARS = frozenset(("''", "``", *"\u201c\u201d\"\u201e\u00ab\u00bb\u2018\u2019'\u201a\u2039\u203a`"))


def _partial(root: Token, inner: Span) -> bool:
    """A quote whose clause goes on outside its marks ("Ryan said Obama's words “amount to …”") is a partial
    quote inside reported speech, not a direct quote of its own."""
    if inner.start <= root.head.i < inner.end or root.head.i == root.i:
        return False
    doc = inner.doc
    head = root.head
    if head.i >= inner.end and not (head.is_punct or is_speech_verb(head) or _speaker_of_cue(head)):
        return True  # the quoted words are a part of a clause that goes on after them
    after = doc[inner.end : root.right_edge.i + 1]
    if is_speech_verb(root.head) and root.head.i >= inner.end:
        after = doc[inner.end : inner.end]  # words up to a postposed cue are its speaker, misattached
    outside = [*doc[root.left_edge.i : inner.start], *after]
    return any(not (t.is_punct or t.is_space or t.text in _MARK_CHARS or t.dep_ == "mark") for t in outside)


def _speaker_of_cue(token: Token) -> bool:
    """A quote misattached to the subject of a postposed cue ("“…,” Sarandon, 69, told MSNBC")."""
    return token.dep_ == "nsubj" and token.head.i > token.i and is_speech_verb(token.head)


def _set_apart(inner: Span) -> bool:
    """A quote set off by punctuation on both sides ('fired back: “If they sue us, they will lose,”
    referencing …') is a unit of speech however the parse hangs the words around it on its clause."""
    text = text_of(inner.doc)
    before = text[: inner.start_char].rstrip().rstrip("".join(_MARK_CHARS)).rstrip()
    after = text[inner.end_char :].lstrip().lstrip("".join(_MARK_CHARS)).lstrip()
    opens = before[-1:] in (":", ",", "") or before[-1:] in _SENTENCE_END
    closes = inner.text[-1:] in (",", ".", "!", "?") or after[:1] in (",", ".", ";", "")
    return opens and closes and inner.text[:1].isupper()


def _set_off(cue: Cue, inner: Span) -> bool:
    """Whether a colon or comma sets the quote off from a preposed cue."""
    doc = inner.doc
    gap = [t for t in doc[cue.token.i + 1 : inner.start] if not (t.is_space or t.text in _MARK_CHARS)]
    return bool(gap) and gap[-1].text in (":", ",")


def _names(cue: Cue, inner: Span) -> bool:
    """A verbless phrase run into the sentence after an object ("declaring it “another super Tuesday”",
    "described Mr Trump as a “natural ally”") names or describes; it is not a quote of speech."""
    if any(t.pos_ in ("VERB", "AUX") for t in inner) or inner[-1].text in ("!", "?"):
        return False
    objects = [c for c in cue.token.children if c.dep_ in ("dobj", "dative", "prep") and c.i < inner.start]
    return bool(objects) or cue.token.lemma_.lower() in WEAK_SPEECH_VERBS


def _is_title(inner: Span) -> bool:
    """A title or slogan ("Good Morning America"): every word capitalised, not an exclamation or question."""
    words = [t for t in inner if t.is_alpha]
    if len(words) < 2 or inner[-1].text in ("!", "?") or any(t.text in ("!", "?", ":") for t in inner):
        return False
    small = {"a", "an", "the", "of", "in", "on", "and", "for", "to", "at", "with"}
    return all(t.text[0].isupper() or t.lower_ in small for t in words)


def _quote_root(inner: Span) -> Token | None:
    """The first word of the quote whose head lies outside it (or that heads its own sentence)."""
    for token in inner:
        if not (inner.start <= token.head.i < inner.end) or token.head.i == token.i:
            return token
    return None


def _direct_child(root: Token, cue: Token) -> bool:
    """The quote's root hangs on the cue itself (its complement), possibly through "that" or a colon."""
    if root.dep_ == "dobj" and cue.lemma_ in ("tell", "ask", "inform", "urge"):
        return False  # the object of "told" is the hearer ("told ABC's “Good Morning America”")
    return root.head.i == cue.i and root.dep_ in _COMPLEMENTS


_COMPLEMENTS = frozenset(("ccomp", "dobj", "parataxis", "xcomp", "intj", "conj", "npadvmod"))


def _is_sentence(doc: Doc, inner: Span, item: Quoted) -> bool:
    """Whether quoted words are a full clause: a verb with its subject inside, or several sentences."""
    words = [t for t in inner if not t.is_punct and not t.is_space]
    if len(words) < MIN_UNCUED_WORDS:
        return False
    if item.paragraphs > 1 or sum(1 for t in inner if t.text in (".", "!", "?")) >= 2:
        return True
    for token in inner:
        if token.pos_ in ("VERB", "AUX") and any(
            c.dep_ in _SUBJECTS and inner.start <= c.i < inner.end for c in token.children
        ):
            return True
    # A long stretch with a finite verb is a sentence even when the parse misses its subject.
    return len(words) >= 8 and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inner)


_SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj", "expl"))


def _ends_sentence(doc: Doc, item: Quoted, post: Span | None) -> bool:
    if post is None:
        return True
    first = next((t for t in post if not t.is_space), None)
    return first is None or first.text in _SENTENCE_END or first.text in ("\u2014", "-", ")")


def _follows_attribution(doc: Doc, previous: Attribution, item: Quoted) -> bool:
    """'“X,” he said. “Y.”': a quote right after the previous one's attribution keeps its speaker."""
    cue = previous.cue
    if cue is None or not (previous.span[1] < cue.idx < item.start):
        return False
    between = text_of(doc)[previous.span[1] : item.outer_start]
    return "\n" not in between and len(between.split()) <= 12


def _near(text: str, end: int, start: int) -> bool:
    """A quote inherits the previous speaker only from a quote in the same or the paragraph just before."""
    between = text[end:start]
    return between.count("\n") <= 2 and len([p for p in between.split("\n") if p.strip()]) <= 2


def _indirect(doc: Doc, quoted: list[Quoted], direct: list[Attribution]) -> list[Attribution]:
    """Reported speech outside any quote: a speech verb's content clause ("Lavrov said Russia was …"),
    the clause a parenthetical cue hangs on ("Russia, Lavrov said, is …") or "…, according to X"."""
    found: list[Attribution] = []
    inside = [(q.outer_start, q.outer_end) for q in quoted]
    speech = [a.span for a in direct]
    for token in doc:
        if any(s <= token.idx < e for s, e in inside):
            continue
        reported = _reported(token)
        if reported is None:
            continue
        bounds, speaker = reported
        start, end = _trim_clause(doc, *bounds)
        words = doc[start:end]
        if end - start < 2 or not any(t.pos_ in ("VERB", "AUX") or t.dep_ in _SUBJECTS for t in words):
            continue
        span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        if any(s < span[1] and span[0] < e for s, e in speech):
            continue
        found.append(Attribution(False, span, token, speaker))
    return _outer_reports(found)


def _outer_reports(found: list[Attribution]) -> list[Attribution]:
    """Reported speech inside other reported speech ("Saito said he suggested that …") stays with the outer
    report: its speaker is the one the article quotes."""
    return [
        item
        for item in found
        if not any(
            other is not item and other.span[0] <= item.span[0] and item.span[1] <= other.span[1]
            for other in found
        )
    ]


def _reported(token: Token) -> tuple[tuple[int, int], Token | None] | None:
    """The token bounds of what a cue reports and the speaker, when ``token`` is a cue of reported speech."""
    if token.lower_ == "according":
        source = according_to(token)
        head = token.head
        if source is None or head.i == token.i or head.pos_ not in ("VERB", "AUX"):
            return None
        return _without(head, token), source
    if not is_speech_verb(token):
        return None
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return (clause.left_edge.i, _before_other_report(clause)), subject_of(token)
    if token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX") and _has_subject(token):
        return _without(token.head, token), subject_of(token)
    return None


def _before_other_report(clause: Token) -> int:
    """Where a reported clause ends: before a report of another speaker hung on its end ("X said A had
    shelled the town, while B said …"), which is a quote of its own."""
    end = clause.right_edge.i + 1
    for token in clause.subtree:
        if (
            token.i > clause.i
            and token.dep_ in ("advcl", "conj")
            and is_speech_verb(token)
            and _has_subject(token)
            and any(c.dep_ == "ccomp" for c in token.children)
            and token.right_edge.i + 1 >= end - 1
        ):
            return min(end, token.left_edge.i)
    return end


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _without(head: Token, part: Token) -> tuple[int, int]:
    """Token bounds of the clause of ``head`` with ``part`` cut off when it sits at either edge."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    cut_start, cut_end = part.left_edge.i, part.right_edge.i + 1
    if cut_end >= end - 1:  # "…, Lavrov said." (allowing the full stop)
        end = cut_start
    elif cut_start <= start:
        start = cut_end
    return start, end


def _trim_clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without a leading "that" and without punctuation at the edges."""
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or (doc[start].dep_ == "mark" and doc[start].lower_ == "that")
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    # Keep the closing mark of a partial quote that the clause opened ('would "move the company …"').
    for token in doc[end : end + 3]:
        if not _unbalanced(doc[start:end]):
            break
        if token.text in _CLOSING_MARKS:
            end = token.i + 1
        elif not token.is_punct:
            break
    return start, end


def _unbalanced(words: Span) -> bool:
    """Whether a stretch opens a quote it does not close."""
    texts = [t.text for t in words]
    straight = sum(texts.count(mark) for mark in ('"', "''"))
    curly = texts.count("\u201c") + texts.count("\u00ab") - texts.count("\u201d") - texts.count("\u00bb")
    return straight % 2 == 1 or curly > 0


_CLOSING_MARKS = frozenset(('"', "\u201d", "\u00bb", "''"))


def to_quote(
    item: Attribution,
    doc_id: str,
    doc: Doc,
    sentences: tuple[Sentence, ...],
    events: list[Event],
    speaker: Actor | None,
) -> Quote:
    """The record a quote becomes: its speaker (``detente.quotes.speakers``), the events inside it linked."""
    start, end = item.span
    event_ids = tuple(e.event_id for e in events if start <= e.trigger_span[0] and e.trigger_span[1] <= end)
    index = next((s.index for s in sentences if s.start <= start < s.end), -1)
    if index < 0:
        index = next((s.index for s in reversed(sentences) if s.start <= start), 0)
    return Quote(
        quote_id=stable_id(doc_id, item.span),
        doc_id=doc_id,
        direct=item.direct,
        text=text_of(doc)[start:end],
        span=item.span,
        speaker=speaker,
        cue=item.cue.text if item.cue is not None else None,
        sentence_index=index,
        event_ids=event_ids,
    )


def resolve_speaker(head: Token | None, mentions: list[ActorMention]) -> Actor | None:
    """The actor at the speaker's head word alone, with the speaker's words as its text; None when unknown.

    A role noun with no actor of its own speaks for the actor that qualifies it ("Kremlin spokesman").
    """
    mention = speaker_mention(head, mentions)
    if head is None or mention is None:
        return None
    start, end = speaker_span(head)
    return mention.actor.with_text(text_of(head.doc)[start:end])
