"""Scores coded articles against hand-coded gold (events, quotes, time expressions): the quality gate's ruler.

Pure functions over small records, so the scorer itself is unit-tested on hand-made lists. Matching is one
to one (a prediction counts for at most one gold item) and, where several pairings are possible, the best
one is taken (multiset intersection), so a figure never depends on output order.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.actors.lexicon import SECTORS, party_key
from detente.models import Actor, CodedArticle, EventDate

EVENTS_FILE = "sample_events.jsonl"
QUOTES_FILE = "sample_quotes.jsonl"
TIMEX_FILE = "sample_timex.jsonl"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    doc_id: str
    sentence: str
    source: str | None
    source_sector: str | None
    target: str | None
    target_sector: str | None
    root: str
    cameo: str
    date: str | None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldQuote:
    doc_id: str
    text_start: str
    direct: bool
    speaker_name: str | None
    speaker_code: str | None


@dataclass(frozen=True, slots=True)
class GoldTimex:
    doc_id: str
    text: str
    value: str


@dataclass(frozen=True, slots=True)
class Gold:
    events: tuple[GoldEvent, ...]
    quotes: tuple[GoldQuote, ...]
    timexes: tuple[GoldTimex, ...]

    @property
    def doc_ids(self) -> set[str]:
        ids = {event.doc_id for event in self.events} | {quote.doc_id for quote in self.quotes}
        return ids | {timex.doc_id for timex in self.timexes}


@dataclass(frozen=True, slots=True)
class PredEvent:
    """What the event scorer looks at in a predicted event."""

    doc_id: str
    source: str | None
    target: str | None
    root: str
    date: str | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PredQuote:
    doc_id: str
    text: str
    direct: bool
    speaker_code: str | None


@dataclass(frozen=True, slots=True)
class PredTimex:
    doc_id: str
    text: str
    value: str


# ---------------------------------------------------------------------------------------------- loading


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_gold(directory: str | Path) -> Gold:
    """The three gold files of a directory (tests/gold): events, quotes and time expressions."""
    folder = Path(directory)
    events = tuple(
        GoldEvent(
            doc_id=row["doc_id"],
            sentence=row["sentence"],
            source=row["source"],
            source_sector=row.get("source_sector"),
            target=row["target"],
            target_sector=row.get("target_sector"),
            root=row["root"],
            cameo=row["cameo"],
            date=row.get("date"),
            flags=tuple(row.get("flags") or ()),
        )
        for row in _read_jsonl(folder / EVENTS_FILE)
    )
    quotes = tuple(
        GoldQuote(
            row["doc_id"], row["text_start"], bool(row["direct"]), row["speaker_name"], row["speaker_code"]
        )
        for row in _read_jsonl(folder / QUOTES_FILE)
    )
    timexes = tuple(
        GoldTimex(row["doc_id"], row["text"], row["value"]) for row in _read_jsonl(folder / TIMEX_FILE)
    )
    return Gold(events, quotes, timexes)


# ---------------------------------------------------------------------------------- from pipeline output


def actor_key(actor: Actor | None) -> str | None:
    """The party an actor stands for (``detente.actors.lexicon.party_key``): country, else IGO code."""
    return party_key(actor)


def code_key(code: str | None) -> str | None:
    """A CAMEO actor code cut to country (or IGO) plus first sector, as the gold speaker codes are written."""
    if not code:
        return None
    return code.removeprefix("IGO")[:6]


def date_value(when: EventDate) -> str | None:
    """An event date at its precision, as the gold writes it (``2023-10-16``, ``2023-W39``, ``2023-10``)."""
    if when.date is None:
        return None
    if when.precision == "month":
        return when.date.strftime("%Y-%m")
    if when.precision == "year":
        return str(when.date.year)
    if when.precision == "week":
        year, week, _ = when.date.isocalendar()
        return f"{year}-W{week:02d}"
    return when.date.isoformat()


def predictions(
    coded: Iterable[CodedArticle],
) -> tuple[list[PredEvent], list[PredQuote], list[PredTimex]]:
    """Reduce pipeline output to what the scorers compare."""
    events: list[PredEvent] = []
    quotes: list[PredQuote] = []
    timexes: list[PredTimex] = []
    for item in coded:
        doc_id = item.article.doc_id
        events.extend(
            PredEvent(
                doc_id,
                actor_key(event.source),
                actor_key(event.target),
                event.root,
                date_value(event.when),
                tuple(event.flags),
            )
            for event in item.events
        )
        quotes.extend(
            PredQuote(doc_id, quote.text, quote.direct, quote.speaker.code if quote.speaker else None)
            for quote in item.quotes
        )
        timexes.extend(PredTimex(doc_id, timex.text, timex.value) for timex in item.timexes)
    return events, quotes, timexes


# ---------------------------------------------------------------------------------------------- scoring


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _overlap(left: Iterable[Any], right: Iterable[Any]) -> int:
    """Size of the multiset intersection: the most one-to-one pairs of equal items."""
    return sum((Counter(left) & Counter(right)).values())


def _undirected(source: str | None, target: str | None) -> tuple[str, str]:
    return tuple(sorted((source or "", target or "")))  # type: ignore[return-value]


def score_events(
    pred: Sequence[PredEvent], gold: Sequence[GoldEvent], no_event_docs: Iterable[str] = ()
) -> dict[str, float]:
    """Precision, recall and F1 on (doc, source country, target country, root), and what hangs off them.

    ``relaxed_*`` ignore direction; ``root_accuracy`` is the share of dyad-matched pairs (same doc, source,
    target) whose roots agree; ``date_accuracy`` and ``flags_agreement`` are over strict matches;
    ``no_event_docs_clean`` is the share of ``no_event_docs`` (e.g. a sports story) with no predicted event.
    """
    strict_pred = [(e.doc_id, e.source, e.target, e.root) for e in pred]
    strict_gold = [(e.doc_id, e.source, e.target, e.root) for e in gold]
    matched = _overlap(strict_pred, strict_gold)
    precision, recall = _ratio(matched, len(pred)), _ratio(matched, len(gold))

    relaxed = _overlap(
        [(e.doc_id, _undirected(e.source, e.target), e.root) for e in pred],
        [(e.doc_id, _undirected(e.source, e.target), e.root) for e in gold],
    )
    relaxed_precision, relaxed_recall = _ratio(relaxed, len(pred)), _ratio(relaxed, len(gold))

    dyad_roots_pred: dict[tuple[str, str | None, str | None], list[str]] = defaultdict(list)
    dyad_roots_gold: dict[tuple[str, str | None, str | None], list[str]] = defaultdict(list)
    for event in pred:
        dyad_roots_pred[(event.doc_id, event.source, event.target)].append(event.root)
    for gold_event in gold:
        dyad_roots_gold[(gold_event.doc_id, gold_event.source, gold_event.target)].append(gold_event.root)
    dyad_pairs = root_agree = 0
    for dyad, gold_roots in dyad_roots_gold.items():
        pred_roots = dyad_roots_pred.get(dyad, [])
        dyad_pairs += min(len(gold_roots), len(pred_roots))
        root_agree += _overlap(gold_roots, pred_roots)

    dates_pred: dict[tuple[str, str | None, str | None, str], list[str | None]] = defaultdict(list)
    flags_pred: dict[tuple[str, str | None, str | None, str], list[frozenset[str]]] = defaultdict(list)
    dates_gold: dict[tuple[str, str | None, str | None, str], list[str | None]] = defaultdict(list)
    flags_gold: dict[tuple[str, str | None, str | None, str], list[frozenset[str]]] = defaultdict(list)
    for event in pred:
        key = (event.doc_id, event.source, event.target, event.root)
        dates_pred[key].append(event.date)
        flags_pred[key].append(frozenset(event.flags))
    for gold_event in gold:
        key = (gold_event.doc_id, gold_event.source, gold_event.target, gold_event.root)
        dates_gold[key].append(gold_event.date)
        flags_gold[key].append(frozenset(gold_event.flags))
    dates_right = sum(
        _overlap([d for d in dates if d is not None], [d for d in dates_pred.get(key, []) if d is not None])
        for key, dates in dates_gold.items()
    )
    flags_right = sum(_overlap(flags, flags_pred.get(key, [])) for key, flags in flags_gold.items())

    quiet_docs = set(no_event_docs)
    noisy = {event.doc_id for event in pred} & quiet_docs
    return {
        "events_gold": float(len(gold)),
        "events_pred": float(len(pred)),
        "events_matched": float(matched),
        "events_precision": precision,
        "events_recall": recall,
        "events_f1": _f1(precision, recall),
        "events_relaxed_precision": relaxed_precision,
        "events_relaxed_recall": relaxed_recall,
        "events_relaxed_f1": _f1(relaxed_precision, relaxed_recall),
        "events_root_accuracy": _ratio(root_agree, dyad_pairs),
        "events_dyads_matched": float(dyad_pairs),
        "events_date_accuracy": _ratio(dates_right, matched),
        "events_flags_agreement": _ratio(flags_right, matched),
        "no_event_docs_clean": _ratio(len(quiet_docs - noisy), len(quiet_docs)) if quiet_docs else 1.0,
    }


_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
_EDGE = re.compile(r"^[\s\"'(\[]+|[\s\"')\].,;:]+$")
_THAT = re.compile(r"^that\s+")


def normalise_quote(text: str) -> str:
    """Lower case, straight quote marks, single spaces, no quote marks or punctuation at the edges."""
    return _EDGE.sub("", " ".join(text.translate(_QUOTE_MARKS).split()).lower())


def speaker_agrees(gold_code: str | None, pred_code: str | None) -> bool:
    """Same country (or IGO) and, when the gold names a sector, the same first sector."""
    gold_key, pred_key = code_key(gold_code), code_key(pred_code)
    if gold_key is None or pred_key is None:
        return gold_key == pred_key
    if gold_key[:3] != pred_key[:3] or pred_key[:3] in SECTORS:
        return False
    return len(gold_key) < 6 or gold_key[3:6] == pred_key[3:6]


def _country(code: str | None) -> str | None:
    key = code_key(code)
    return key[:3] if key and key[:3] not in SECTORS else None


def match_quotes(
    pred: Sequence[PredQuote], gold: Sequence[GoldQuote]
) -> list[tuple[GoldQuote, PredQuote | None]]:
    """Pair each gold quote with at most one prediction from its document.

    First pass: the prediction starts with the gold opening; second pass, for the rest: the prediction
    contains it (a partial quote inside a longer reported clause). Earlier predictions are tried first.
    """
    by_doc: dict[str, list[PredQuote]] = defaultdict(list)
    for quote in pred:
        by_doc[quote.doc_id].append(quote)
    used: set[int] = set()
    pairs: dict[int, PredQuote] = {}
    for prefix_pass in (True, False):
        for number, item in enumerate(gold):
            if number in pairs:
                continue
            wanted = normalise_quote(item.text_start)
            for candidate in by_doc.get(item.doc_id, []):
                if id(candidate) in used:
                    continue
                text = normalise_quote(candidate.text)
                variants = (text, _THAT.sub("", text))  # a reported clause may keep its "that"
                if any(v.startswith(wanted) if prefix_pass else wanted in v for v in variants):
                    pairs[number] = candidate
                    used.add(id(candidate))
                    break
    return [(item, pairs.get(number)) for number, item in enumerate(gold)]


def score_quotes(pred: Sequence[PredQuote], gold: Sequence[GoldQuote]) -> dict[str, float]:
    """Quote recall and speaker accuracy (both over all gold quotes), direct/indirect agreement on matches."""
    pairs = match_quotes(pred, gold)
    matched = [(item, quote) for item, quote in pairs if quote is not None]
    speaker_right = sum(speaker_agrees(item.speaker_code, quote.speaker_code) for item, quote in matched)
    country_right = sum(
        speaker_agrees(_country(item.speaker_code), _country(quote.speaker_code)) for item, quote in matched
    )
    direct_right = sum(item.direct == quote.direct for item, quote in matched)
    return {
        "quotes_gold": float(len(gold)),
        "quotes_pred": float(len(pred)),
        "quotes_matched": float(len(matched)),
        "quote_recall": _ratio(len(matched), len(gold)),
        "quote_precision": _ratio(len(matched), len(pred)),
        "quote_speaker_accuracy": _ratio(speaker_right, len(gold)),
        "quote_speaker_country_accuracy": _ratio(country_right, len(gold)),
        "quote_direct_agreement": _ratio(direct_right, len(matched)),
    }


def match_timexes(
    pred: Sequence[PredTimex], gold: Sequence[GoldTimex]
) -> list[tuple[GoldTimex, PredTimex | None]]:
    """Pair gold and predicted expressions of a document: same text first, then one text inside the other."""
    by_doc: dict[str, list[PredTimex]] = defaultdict(list)
    for timex in pred:
        by_doc[timex.doc_id].append(timex)
    used: set[int] = set()
    pairs: dict[int, PredTimex] = {}
    for exact_pass in (True, False):
        for number, item in enumerate(gold):
            if number in pairs:
                continue
            wanted = item.text.lower()
            for candidate in by_doc.get(item.doc_id, []):
                if id(candidate) in used:
                    continue
                text = candidate.text.lower()
                if text == wanted if exact_pass else (wanted in text or text in wanted):
                    pairs[number] = candidate
                    used.add(id(candidate))
                    break
    return [(item, pairs.get(number)) for number, item in enumerate(gold)]


def score_timexes(pred: Sequence[PredTimex], gold: Sequence[GoldTimex]) -> dict[str, float]:
    """Share of gold expressions found, and with the right value (over all gold, and over those found)."""
    pairs = match_timexes(pred, gold)
    found = [(item, timex) for item, timex in pairs if timex is not None]
    right = sum(item.value == timex.value for item, timex in found)
    return {
        "timex_gold": float(len(gold)),
        "timex_pred": float(len(pred)),
        "timex_found": _ratio(len(found), len(gold)),
        "timex_precision": _ratio(len(found), len(pred)),
        "timex_value_accuracy": _ratio(right, len(gold)),
        "timex_value_accuracy_found": _ratio(right, len(found)),
    }


def score(coded: Iterable[CodedArticle], gold: Gold) -> dict[str, float]:
    """Every gate figure for pipeline output against the gold; documents with no gold event stay quiet."""
    items = list(coded)
    events, quotes, timexes = predictions(items)
    event_docs = {event.doc_id for event in gold.events}
    quiet_ids = gold.doc_ids - event_docs
    quiet = [item.article.doc_id for item in items if item.article.doc_id in quiet_ids]
    return {
        **score_events(events, gold.events, quiet),
        **score_quotes(quotes, gold.quotes),
        **score_timexes(timexes, gold.timexes),
    }
