"""Which embedding model made a database's article vectors (meta key `embedding_model`).

Grouping compares an arriving article's vector with the stored stories' centroids: vectors
of two models side by side would be compared as if they were one space (of another size
they are skipped, silently never joining), so an ingest with another model than the one the
database was built with is refused, with what to do instead.
"""

from __future__ import annotations

from dataclasses import replace

from storylens.config import ENGLISH_EMBEDDING_MODEL, Settings
from storylens.errors import ConfigError
from storylens.store.store import Store

EMBEDDING_MODEL_KEY = "embedding_model"
# What every database ingested before the model was recorded used (the only model then).
LEGACY_MODEL = ENGLISH_EMBEDDING_MODEL


def database_settings(store: Store, settings: Settings) -> Settings:
    """`settings` with the model this database's vectors were made with, where the user
    named none: a database built before the default changed keeps being ingested into with
    its own model. A model the user named is kept (and refused by the check if it differs)."""
    recorded = store.get_meta(EMBEDDING_MODEL_KEY)
    if recorded is None and store.last_seq() > 0:
        recorded = LEGACY_MODEL
    if recorded is None or settings.embedding_model_chosen:
        return settings
    return replace(settings, embedding_model=recorded)


def check_embedding_model(store: Store, model: str) -> None:
    """Record `model` for a new database; refuse one whose vectors another model made."""
    recorded = store.get_meta(EMBEDDING_MODEL_KEY)
    if recorded is None:
        if store.last_seq() > 0:
            recorded = LEGACY_MODEL
        elif store.read_only:
            return
        else:
            store.set_meta(EMBEDDING_MODEL_KEY, model)
            return
    if recorded != model:
        raise ConfigError(
            f"this database's article vectors were made by embedding model {recorded!r}, not "
            f"{model!r}: leave STORYLENS_EMBEDDING_MODEL unset (or set it to {recorded}) to add "
            "to it, or ingest into "
            "a new database (two models' vectors must not be grouped together)"
        )
