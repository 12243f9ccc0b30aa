"""Folding control verbs into the event they govern: "agreed to hold talks" is one event, 036, not two.

CAMEO codes intentions, threats, refusals and appeals by what they are about; the governor's kind (from
``data/lexicon/governors.tsv``) and the governed event's code give the combined code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente import cameo
from detente.events import syntax
from detente.events.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.events import Predicate

# Governed code (by longest prefix) → combined code, per governor kind.
INTENT = {
    "04": "036", "046": "036", "045": "039", "05": "032", "057": "037", "06": "031", "061": "0311",
    "062": "0312", "063": "0313", "064": "0314", "07": "033", "071": "0331", "072": "0332", "073": "0333",
    "074": "0334", "08": "035", "081": "0351", "082": "0352", "084": "0353", "0841": "0353", "085": "0354",
    "086": "0355", "087": "0356", "03": "", "01": "030", "02": "030", "083": "034",
    "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344",
}  # fmt: skip
THREATEN = {
    "16": "131", "160": "1311", "163": "1312", "161": "1313", "14": "133", "04": "134", "046": "134",
    "17": "137", "18": "138", "19": "1384", "20": "1383", "15": "138",
}  # fmt: skip
REFUSE = {
    "04": "125", "036": "125", "046": "125", "045": "126", "038": "126", "057": "127", "037": "127",
    "027": "127", "08": "124", "084": "1243", "0841": "1243", "085": "1244", "086": "1245", "087": "1246",
    "06": "121", "061": "1211", "062": "1212", "063": "1213", "07": "122", "071": "1221", "072": "1222",
    "073": "1223", "074": "1224", "03": "120", "05": "120", "01": "011", "081": "1241", "082": "1242",
    "083": "123", "0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234",
}  # fmt: skip
# A refused intent is the refusal of what was intended ("will not lift" after "said it would" made it an
# intent, 0354 → 1244): the intents to cooperate, aid, reform and yield refuse as their acts do.
REFUSE |= {
    intent: REFUSE[governed]
    for governed, intent in INTENT.items()
    if intent[:3] in {"031", "033", "034", "035"} and governed in REFUSE
}
APPEAL = {
    "04": "026", "046": "026", "036": "026", "057": "027", "037": "027", "045": "028", "06": "021",
    "061": "0211", "062": "0212", "063": "0213", "064": "0214", "07": "023", "071": "0231", "072": "0232",
    "073": "0233", "074": "0234", "08": "025", "084": "0253", "0841": "0253", "085": "0254", "086": "0255",
    "087": "0256", "05": "022", "081": "0251", "082": "0252", "083": "024", "0831": "0241", "0832": "0242",
    "0833": "0243", "0834": "0244",
    # urging third parties to condemn, protest against or punish someone rallies opposition (CAMEO 113)
    "11": "113", "14": "113", "16": "113",
}  # fmt: skip
DEMAND = {
    "04": "106", "046": "106", "057": "107", "045": "108", "06": "101", "07": "103", "08": "105",
    "084": "1053", "0841": "1053", "085": "1054", "086": "1055", "087": "1056", "05": "102", "081": "1051",
    "082": "1052", "083": "104", "0831": "1041", "0832": "1042", "0833": "1043", "0834": "1044",
}  # fmt: skip
TABLES = {
    "claim": {"0": "015", "1": "015", "2": "015"},
    "consider": {"0": "014", "1": "014", "2": "014"},
    "intent": INTENT,
    "threaten": THREATEN,
    "refuse": REFUSE,
    "appeal": APPEAL,
    "demand": DEMAND,
}
DEFAULTS = {
    "claim": "015",
    "consider": "014",
    "intent": "030",
    "threaten": "130",
    "refuse": "120",
    "appeal": "020",
    "demand": "100",
}
#: Verbs whose refusal is "decline comment" (011) rather than a rejection.
SPEECH_ACTS = {"comment", "say", "speak", "answer", "respond", "elaborate", "discuss"}
#: Governors whose announced plan to meet or cooperate diplomatically CAMEO codes as an intent.
PLANS = {"plan", "intend"}
FLAG_KINDS = {"future": "future", "hypothetical": "hypothetical", "intent": "future"}
#: Verbs that report a decision: "announced it would impose tariffs" is the act (163), not a threat.
DECISIONS = {"announce", "declare", "confirm", "decide"}
#: Intent governors that agree on a joint act rather than vow one's own ("agreed to impose sanctions").
AGREEMENTS = {"agree"}
#: Roots of coercion and force: an intent to act so is a threat ("vowed to wage war"). Not 15, a posture
#: ("offered to send troops").
FORCE_ROOTS = {"14", "16", "17", "18", "19", "20"}
#: Going away: "ordered a diplomat to leave" is an expulsion, not an appeal to travel.
DEPARTURES = {"leave", "depart", "quit", "exit"}
#: Verbs that command a departure ("ordered X to leave"); asking or telling diplomats to go does too.
ORDERS = {"order", "instruct", "direct"}
#: Whose expulsion reduces diplomatic relations (CAMEO 161) rather than being a deportation (174).
DIPLOMATS = {
    "diplomat", "ambassador", "envoy", "attache", "consul", "official", "staff", "embassy", "mission",
    "representative", "charge",
}  # fmt: skip
#: "X must understand …": a lesson told, not an act demanded.
LESSONS = {"understand", "realise", "realize", "know", "remember", "learn", "see", "recognise", "recognize"}
#: Appeal governors that, with no one asked, ask for the speaker's own act ("asked to speak to X": 036).
REQUESTS = {"ask", "request"}
#: Verbs of sending or moving forces and people, coded by what they are sent to do when that is material
#: cooperation or aid ("deployed soldiers to train Nigerian troops" 062, "arrived to help deliver aid" 070).
MOVERS = {"deploy", "send", "dispatch", "despatch", "arrive", "fly", "station", "move", "rush"}
#: Codes of a move that its purpose replaces: arrivals and visits (042), force posture (15x).
MOVE_ROOTS = {"04", "15"}
#: Roots of a purpose that says what the move is: material cooperation (06) and aid (07).
PURPOSE_ROOTS = {"06", "07"}
#: Prepositions on the move that name where it goes: the purpose's beneficiary when it names none itself.
DESTINATIONS = {"to", "in", "into"}


def combined_code(kind: str, governed: str) -> str:
    """The code of "<governor kind> to <governed event>"; the governed code when the kind keeps it."""
    table = TABLES.get(kind)
    if table is None:
        return governed
    for length in (4, 3, 2, 1):
        mapped = table.get(governed[:length])
        if mapped is not None:
            return mapped or governed
    return DEFAULTS[kind]


def combine(coded: dict[int, Predicate], lexicon: Lexicon) -> list[Predicate]:
    """Fold each governed predicate into its governor; the rest stay as they are."""
    from detente.events import Predicate

    result = dict(coded)
    for index, statement in coded.items():
        expelled = _expulsion(statement)
        if expelled is not None:
            result[index] = expelled
            result.pop(expelled.trigger[-1].i, None)  # the departure, if coded, is part of it
            continue
        demanded = _obliged_other(statement, coded)
        if demanded:  # "Trump said North Korea must do something": a demand (100) on North Korea
            result[index] = Predicate(
                head=statement.head,
                anchor=statement.anchor,
                code="100",
                frame=statement.frame,
                trigger=statement.trigger,
                flags=set(statement.flags),
                extra_targets=demanded,
            )
    for index in sorted(coded, key=lambda i: -_depth(coded[i].head)):
        predicate = result.get(index)
        if predicate is None or predicate.nominal:
            continue
        head = predicate.head
        if head.dep_ in {"pcomp", "pobj"} and head.head.head.i in coded and head.head.head.i != index:
            # "accused Britain of spying", "criticised X for attacking": the content of a coded event
            result.pop(index, None)
            continue
        governor = syntax.governor_of(predicate.head)
        if governor is None:
            continue
        kind = lexicon.governors.get(governor.lemma_.lower())
        if governor.lemma_.lower() == "call" and not any(
            child.dep_ == "prep"
            and child.lower_ in {"on", "upon", "for"}
            and any(g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"} for g in child.children)
            for child in governor.children
        ):
            kind = None  # "called Erdogan to apologize" is a phone call, "called on X to" an appeal
        obliged = [c for c in head.children if c.dep_ in syntax.SUBJECTS] if _must(head) else []
        reporting = governor.lemma_.lower() in syntax.REPORTING
        if kind is None and obliged and reporting:
            kind = "demand"  # "Assad said Turkey must mediate": a demand on Turkey by the speaker
        elif kind is None and governor.lemma_.lower() == "claim" and _own_act(head, governor, past=True):
            kind = "claim"  # "the Houthis claimed that they had attacked": claim of responsibility
        elif kind is None and reporting and _own_future(head, governor):
            # "the rebels said they will release …": an intent (03x), or a threat for force (13x)
            kind = (
                "intent"
                if "03" <= predicate.code[:2] <= "08"
                else "threaten"
                if predicate.code >= "14"
                else None
            )
        if kind == "future" and governor.lemma_.lower() in PLANS and "04" <= predicate.code[:2] <= "05":
            kind = "intent"  # "plans to visit Caracas": an announced plan to meet is an intent (036)
        if kind == "intent" and any(child.dep_ == "neg" for child in head.children):
            kind = "refuse"  # "says it will not accept refugees": a refusal, not an intent
        kind = _refined_kind(kind, governor, predicate)
        if kind is None or (governor.pos_ not in {"VERB", "ADJ"}):
            continue
        if kind in {"plain", "future", "hypothetical"}:
            if kind in FLAG_KINDS:
                predicate.flags.add(FLAG_KINDS[kind])
            result.pop(governor.i, None)
            continue
        if kind in {"intent", "threaten"} and predicate.code[:2] in {"01", "02"}:
            result.pop(index, None)  # "agreed that history should be added": the content of a statement
            continue
        code = combined_code(kind, predicate.code)
        if kind == "refuse" and head.lemma_.lower() in SPEECH_ACTS:
            code = "011"  # "declined to comment"
        if not cameo.is_valid(code):
            continue
        extra = (
            [m for child in governor.children if child.dep_ == "dobj" for m in syntax.with_conjuncts(child)]
            + obliged
            if kind in {"appeal", "demand"}
            else []
        )
        flags = set(predicate.flags)
        if kind == "intent":
            flags.add("future")
        # An intent expressed with an adjective ("ready to") has its subject on the copula, reached via the
        # governed verb's control chain; a verb governor has its own.
        head = governor if governor.pos_ == "VERB" else predicate.head
        result[governor.i if governor.pos_ == "VERB" else index] = Predicate(
            head=head,
            anchor=predicate.anchor,
            code=code,
            frame=predicate.frame,
            trigger=[governor, *predicate.trigger],
            flags=flags,
            extra_targets=extra,
        )
        if governor.pos_ == "VERB":
            result.pop(index, None)
    return list(_purposes(result).values())


def _purposes(result: dict[int, Predicate]) -> dict[int, Predicate]:
    """A move coded by its purpose: "US soldiers deployed to Nigeria to train Nigerian soldiers" is military
    cooperation (062), not a show of force (150); the move's destination stays a target candidate."""
    from detente.events import Predicate

    for index, move in list(result.items()):
        if move.nominal or move.head.lemma_.lower() not in MOVERS or move.code[:2] not in MOVE_ROOTS:
            continue
        purpose = next(
            (
                result[child.i]
                for child in move.head.children
                if child.dep_ == "advcl"
                and child.i in result
                and result[child.i].code[:2] in PURPOSE_ROOTS
                and any(grand.dep_ == "aux" and grand.lower_ == "to" for grand in child.children)
            ),
            None,
        )
        if purpose is None:
            continue
        destinations = [
            pobj
            for prep, pobj in syntax.preps(move.head)
            if prep in DESTINATIONS and pobj is not None and pobj.ent_type_ not in {"DATE", "TIME"}
        ]
        result[index] = Predicate(
            head=move.head,
            anchor=move.anchor,
            code=purpose.code,
            frame=purpose.frame,
            trigger=[*move.trigger, *purpose.trigger],
            flags=move.flags | purpose.flags,
            extra_targets=[*purpose.extra_targets, *destinations],
        )
        result.pop(purpose.head.i, None)
    return result


def _refined_kind(kind: str | None, governor: Token, predicate: Predicate) -> str | None:
    """The governor's kind, adjusted by what it governs and how it is said."""
    lemma = governor.lemma_.lower()
    root = predicate.code[:2]
    if kind == "threaten" and lemma in DECISIONS:
        return "future"  # "Beijing announced that it would impose tariffs": the decision, flagged future
    if kind == "intent" and lemma in AGREEMENTS and root in FORCE_ROOTS - {"14"}:
        return "future"  # "agreed to impose sanctions": the agreed measure itself (163), flagged future
    if kind == "intent" and root in FORCE_ROOTS:
        return "threaten"  # "vowed to wage war on": CAMEO codes a promised use of force as a threat (13x)
    if (
        kind == "appeal"
        and lemma in REQUESTS
        and root == "04"
        and not any(child.dep_ in {"dobj", "dative"} for child in governor.children)
    ):
        return "intent"  # "asked to speak to China's minister": the asker's own wish to meet (036)
    return kind


def _expulsion(predicate: Predicate) -> Predicate | None:
    """ "ordered a Pakistani diplomat to leave the country": an expulsion of whom was told to go (CAMEO
    161 for diplomats, else 174), whether or not the departure itself is coded."""
    from detente.events import Predicate

    verb = predicate.head
    lemma = verb.lemma_.lower()
    if predicate.nominal or lemma not in ORDERS | {"ask", "tell"}:
        return None
    told = [child for child in verb.children if child.dep_ == "dobj"]
    going = [c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in DEPARTURES]
    diplomats = bool({t.lemma_.lower() for t in told} & DIPLOMATS)
    if not told or not going or (lemma not in ORDERS and not diplomats):
        return None  # "urged Russian troops to leave Ukraine" is an appeal, not an expulsion
    code = "161" if diplomats else "174"
    return Predicate(
        head=verb,
        anchor=verb,
        code=code,
        frame=predicate.frame,
        trigger=[verb, *going],
        flags=set(predicate.flags),
        extra_targets=[m for t in told for m in syntax.with_conjuncts(t)],
    )


def _obliged_other(predicate: Predicate, coded: dict[int, Predicate]) -> list[Token]:
    """Who a bare statement says must act, when that act is not coded itself ("said Turkey must do more").

    Not the speaker's own duty ("said we must", "said it must"): only a named other subject.
    """
    verb = predicate.head
    if predicate.code != "010" or predicate.nominal or verb.lemma_.lower() not in syntax.REPORTING:
        return []
    speaker = next((c for c in verb.children if c.dep_ in syntax.SUBJECTS), None)
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i in coded or not _must(clause) or clause.lemma_ in LESSONS:
            continue  # "Minsk must understand that there is a price": a warning, not a demand
        subjects = [c for c in clause.children if c.dep_ in syntax.SUBJECTS and c.pos_ in {"PROPN", "NOUN"}]
        if subjects and (speaker is None or subjects[0].lower_ != speaker.lower_):
            return syntax.with_conjuncts(subjects[0])
    return []


def _own_future(verb: Token, speaker_verb: Token) -> bool:
    """The speaker announces its own future act: "X said it/they will …", "X said X would …"."""
    return _own_act(verb, speaker_verb, past=False)


def _own_act(verb: Token, speaker_verb: Token, past: bool) -> bool:
    """The speaker tells of its own act: future ("said they will …") or past ("claimed they had …")."""
    future = any(child.dep_ == "aux" and child.lower_ in {"will", "would", "'ll"} for child in verb.children)
    if future == past or (past and verb.tag_ not in {"VBD", "VBN"}):
        return False
    subject = next((c for c in verb.children if c.dep_ in syntax.SUBJECTS), None)
    speaker = next((c for c in speaker_verb.children if c.dep_ in syntax.SUBJECTS), None)
    if subject is None or speaker is None:
        return False
    return subject.pos_ == "PRON" or subject.lower_ == speaker.lower_


def _must(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "must" for child in verb.children)


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)
