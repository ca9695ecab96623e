"""Tokens for the ONNX backend, read without loading torch or sentence-transformers.

Importing sentence-transformers (torch, transformers) took ~5 s of each process' start and
most of a batch worker's memory, only to tokenize: ONNX Runtime runs the model. The model's
own `tokenizer.json`, read by the `tokenizers` library, gives the same tokens for a model
whose text goes straight to its tokenizer. That is checked once per model and token limit
against the model's `preprocess` (edge whitespace, accents, CJK, emoji, an over-long text, a
padded batch) and the verdict kept beside the export; a model that fails it, or has no
`tokenizer.json`, is tokenized by the model itself, as before.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Features = dict[str, npt.NDArray[np.int64]]

CHECK_TEXTS = (
    "  Harbour crane collapses in Velden \n",
    "Ünïcödé façade — “quoted” words, an emoji 🎉 and 日本語のテキスト",
    "A\u00a0non-breaking\tspace and a tab.",
    "council bridge repairs " * 200,  # longer than any token limit: truncation
    "",
    "Markets fell.",
)
VERDICT_VERSION = 1


class Tokens(Protocol):
    def features(self, texts: list[str]) -> Features: ...


class ModelTokens:
    """Tokens from the sentence-transformers model itself (torch loaded)."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def features(self, texts: list[str]) -> Features:
        found = self.model.preprocess(texts)
        return {k: v.numpy() for k, v in found.items() if hasattr(v, "numpy")}


class PlainTokens:
    """Tokens from the model's `tokenizer.json`: truncated to `max_length`, padded to the
    longest text of a call, as sentence-transformers does."""

    def __init__(self, tokenizer_file: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length)
        padding = self.tokenizer.padding or {}
        self.tokenizer.enable_padding(
            pad_id=padding.get("pad_id", 0),
            pad_type_id=padding.get("pad_type_id", 0),
            pad_token=padding.get("pad_token", "[PAD]"),
        )

    def features(self, texts: list[str]) -> Features:
        encodings = self.tokenizer.encode_batch(texts)
        return {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }


def verdict_path(export: Path, max_tokens: int | None) -> Path:
    return export.with_name(f"{export.stem}-tokens-{max_tokens or 'model'}.json")


def recorded_plain_tokens(model_dir: str, verdict: Path) -> PlainTokens | None:
    """The plain tokenizer where an earlier check found it equal to the model's, else None."""
    try:
        found = json.loads(verdict.read_text())
    except (OSError, ValueError):
        return None
    if found.get("version") != VERDICT_VERSION or not found.get("plain"):
        return None
    return PlainTokens(Path(model_dir) / "tokenizer.json", int(found["max_length"]))


def checked_tokens(model: Any, model_dir: str, verdict: Path) -> Tokens:
    """The plain tokenizer if it gives the model's tokens, else the model's; the verdict is
    written for the next process."""
    plain = _plain_if_equal(model, Path(model_dir) / "tokenizer.json")
    record = {
        "version": VERDICT_VERSION,
        "plain": plain is not None,
        "max_length": int(model.max_seq_length),
    }
    tmp = verdict.with_name(f".{verdict.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record))
    tmp.replace(verdict)
    return plain or ModelTokens(model)


def _plain_if_equal(model: Any, tokenizer_file: Path) -> PlainTokens | None:
    if not tokenizer_file.is_file() or not model.max_seq_length:
        return None
    try:
        plain = PlainTokens(tokenizer_file, int(model.max_seq_length))
    except Exception:  # a tokenizer file this library cannot read: the model tokenizes
        return None
    reference = ModelTokens(model)
    batches = [[text] for text in CHECK_TEXTS] + [list(CHECK_TEXTS)]
    for texts in batches:
        want, got = reference.features(texts), plain.features(texts)
        for name, values in want.items():
            if name not in got or not np.array_equal(values, got[name]):
                return None
    return plain
