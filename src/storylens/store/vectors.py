"""Which embedding model made a database's article vectors (meta key `embedding_model`).

Grouping compares an arriving article's vector with the stored stories' centroids: vectors
of two models side by side would be compared as if they were one space (of another size
they are skipped, silently never joining), so an ingest with another model than the one the
database was built with is refused, with what to do instead.
"""

from __future__ import annotations

from storylens.config import ENGLISH_EMBEDDING_MODEL
from storylens.errors import ConfigError
from storylens.store.store import Store

EMBEDDING_MODEL_KEY = "embedding_model"
# What every database ingested before the model was recorded used (the only model then).
LEGACY_MODEL = ENGLISH_EMBEDDING_MODEL


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
            f"{model!r}: set STORYLENS_EMBEDDING_MODEL={recorded} to add to it, or ingest into "
            "a new database (two models' vectors must not be grouped together)"
        )
