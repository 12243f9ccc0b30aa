"""A small name → factory registry of versioned stages.

A stage is registered under ``"<family>.<method>.v<N>"`` (``cameo.rules.v1``); that name is stored with every
record the stage produced, so a number in the database can be traced to the code that made it. Built-in
stages register themselves through the same decorator a third party would use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from detente.errors import PipelineError

if TYPE_CHECKING:
    from detente.config import Config
    from detente.pipeline import Stage

StageFactory = Callable[["Config"], "Stage"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.v\d+$")
_FACTORIES: dict[str, StageFactory] = {}


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under a versioned name."""
    if not _NAME.match(name):
        raise PipelineError(f"stage name {name!r} must look like 'family.method.v1'")

    def decorator(factory: StageFactory) -> StageFactory:
        _FACTORIES[name] = factory
        return factory

    return decorator


def make(name: str, config: Config) -> Stage:
    """Build the stage registered under ``name``."""
    _load_builtins()
    try:
        factory = _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES)) or "none"
        raise PipelineError(f"no stage registered as {name!r}; registered: {known}") from None
    return factory(config)


def names() -> list[str]:
    _load_builtins()
    return sorted(_FACTORIES)


def _load_builtins() -> None:
    # Importing the stage modules runs their @register decorators.
    from detente import actors, dates, events, quotes  # noqa: F401
