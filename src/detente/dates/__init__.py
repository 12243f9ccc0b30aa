"""Dates stage. Needs: doc, sentences, events. Adds: timexes, and a date on every event.

Finds time expressions, normalises them to TimeML values against the publication date, and dates each
event by the expression that governs it, else by the publication date (precision "publication").
"""

from __future__ import annotations

import logging

from detente.config import Config
from detente.pipeline import DocState
from detente.registry import register

log = logging.getLogger(__name__)


class RuleDates:
    name = "dates.rules.v1"
    requires = ("doc", "sentences", "events")
    assigns = ("timexes", "events")

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, state: DocState) -> None:
        state.timexes = []


@register("dates.rules.v1")
def make_rule_dates(config: Config) -> RuleDates:
    return RuleDates(config)
