"""The exception tree. Every message names the bad value and what to do about it.

    DetenteError
    ├── ConfigError          a setting is unknown or malformed
    ├── ModelError           the spaCy pipeline is missing or is not the pinned one
    ├── PipelineError        stages registered or ordered wrongly (a requirement is not met)
    ├── InputError           a document cannot be read or used (carried as a Rejected record in batches)
    └── StorageError         the database cannot be opened or is of an unknown schema version

Batches never raise for one bad document: ingest turns an ``InputError`` into a ``Rejected`` record.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""


class ConfigError(DetenteError):
    pass


class ModelError(DetenteError):
    pass


class PipelineError(DetenteError):
    pass


class InputError(DetenteError):
    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.reason = message


class StorageError(DetenteError):
    pass
