"""The exceptions storylens raises. Everything derives from `StorylensError`.

StorylensError
├── InputError      one input item cannot be read or extracted (reported, batch goes on)
├── ConfigError     a setting or option is invalid (a usage error: exit status 2)
└── StoreError      the database cannot be opened, migrated or written
    └── UnknownStoryError   no stored story has this id (or the prefix names several)
"""

from __future__ import annotations


class StorylensError(Exception):
    """Root of every error storylens raises on purpose."""


class InputError(StorylensError):
    """One input item is unusable. `source` names the item, `reason` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ConfigError(StorylensError):
    """An option or setting is invalid; the message says how to fix it."""


class StoreError(StorylensError):
    """The database cannot be opened, migrated or written."""


class UnknownStoryError(StoreError, LookupError):
    """No stored story has this id, or the prefix matches several (a StoreError for the CLI,
    a LookupError for callers that treat the store as a mapping)."""
