"""Hand-built records for tests that need no model."""

from __future__ import annotations

from datetime import date

from detente.models import (
    Actor,
    ActorMention,
    Article,
    CodedArticle,
    Event,
    EventDate,
    Quote,
    Sentence,
    TimeRef,
    stable_id,
)

GBR = Actor("GBRGOV", "GBR", "GOV", "Boris Johnson", "The Foreign Secretary")
RUS = Actor("RUSGOV", "RUS", "GOV", "Sergey Lavrov", "Sergey Lavrov")
RUSMIL = Actor("RUSMIL", "RUS", "MIL", "Igor Konashenkov", "Major-General Igor Konashenkov")


def make_event(
    doc_id: str,
    source: Actor | None,
    target: Actor | None,
    cameo: str,
    goldstein: float,
    quad_class: int,
    when: date | None,
    precision: str = "day",
    sentence_index: int = 0,
    flags: tuple[str, ...] = (),
) -> Event:
    return Event(
        event_id=stable_id(doc_id, sentence_index, cameo, source and source.code, target and target.code),
        doc_id=doc_id,
        source=source,
        target=target,
        cameo=cameo,
        quad_class=quad_class,
        goldstein=goldstein,
        plover_type="CONSULT",
        plover_mode=None,
        trigger="spoke to",
        trigger_span=(4, 12),
        sentence_index=sentence_index,
        sentence="The Foreign Secretary spoke to Lavrov.",
        span=(0, 38),
        confidence=0.8,
        coder="cameo.rules.v1",
        flags=flags,
        when=EventDate(when, precision, "on Sunday" if when else None),  # type: ignore[arg-type]
    )


def coded_article(doc_id: str = "doc1", text: str = "The Foreign Secretary spoke to Lavrov.",
                  events: tuple[Event, ...] = ()) -> CodedArticle:  # fmt: skip
    article = Article(
        doc_id=doc_id, text=text, title="Title", published=date(2016, 11, 21), removed=("Print:",)
    )
    sentence = Sentence(0, 0, len(text), text)
    mention = ActorMention(GBR, (0, 21), 14, 0, "role")
    quote = Quote(stable_id(doc_id, 0), doc_id, True, text, (0, len(text)), RUS, "said", 0,
                  tuple(event.event_id for event in events))  # fmt: skip
    timex = TimeRef("on Sunday", (0, 9), "DATE", "2016-11-20", 0)
    return CodedArticle(article, (sentence,), (mention,), events, (quote,), (timex,))
