"""The ONNX backend's tokens: the model's tokenizer file, checked once, then no torch at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storylens.analyse.embeddings import Embedder
from storylens.analyse.models import load_sentence_model, resolve_embedding_model_path
from storylens.analyse.onnx_tokens import (
    CHECK_TEXTS,
    ModelTokens,
    PlainTokens,
    checked_tokens,
    recorded_plain_tokens,
)
from storylens.config import ENGLISH_EMBEDDING_MODEL, Settings

TEXTS = [
    "Harbour crane collapses in Velden. A crane fell onto a cargo ship on Monday night.",
    "Choir from Ostrava wins festival prize.",
]


def _onnx_embedder() -> Embedder:
    settings = Settings()
    return Embedder(
        ENGLISH_EMBEDDING_MODEL,
        settings.embedding_max_tokens,
        quantize=settings.embedding_quantize,
        backend="onnx",
    )


class _Tensor:
    def __init__(self, values: list[list[int]]) -> None:
        self.values = values

    def numpy(self) -> Any:
        return np.array(self.values, dtype=np.int64)


class _ModelWithOtherTokens:
    """A model whose own tokenizer disagrees with its tokenizer file (a prompt, say)."""

    max_seq_length = 128

    def __init__(self, real: Any) -> None:
        self.real = real

    def preprocess(self, texts: list[str]) -> dict[str, Any]:
        found = self.real.preprocess(texts)
        ids = found["input_ids"].numpy()
        ids[:, 1] = 7  # the first word token replaced
        return {"input_ids": _Tensor(ids.tolist())} | {
            k: v for k, v in found.items() if k != "input_ids"
        }


@pytest.mark.models
def test_the_tokenizer_file_gives_the_model_s_tokens(tmp_path: Path) -> None:
    name = ENGLISH_EMBEDDING_MODEL
    model = load_sentence_model(name, 128)
    verdict = tmp_path / "verdict.json"
    tokens = checked_tokens(model, resolve_embedding_model_path(name), verdict)
    assert isinstance(tokens, PlainTokens)
    assert json.loads(verdict.read_text()) == {"version": 1, "plain": True, "max_length": 128}
    for batch in ([CHECK_TEXTS[0]], list(CHECK_TEXTS), TEXTS):
        want = ModelTokens(model).features(batch)
        got = tokens.features(batch)
        assert all(np.array_equal(want[k], got[k]) for k in want)
    assert tokens.features([CHECK_TEXTS[3]])["input_ids"].shape == (1, 128)


@pytest.mark.models
def test_a_model_whose_tokens_differ_keeps_its_own_tokenizer(tmp_path: Path) -> None:
    name = ENGLISH_EMBEDDING_MODEL
    model = _ModelWithOtherTokens(load_sentence_model(name, 128))
    verdict = tmp_path / "verdict.json"
    tokens = checked_tokens(model, resolve_embedding_model_path(name), verdict)
    assert isinstance(tokens, ModelTokens)
    assert json.loads(verdict.read_text())["plain"] is False
    assert recorded_plain_tokens(resolve_embedding_model_path(name), verdict) is None


def test_a_missing_or_damaged_verdict_means_check_again(tmp_path: Path) -> None:
    verdict = tmp_path / "verdict.json"
    assert recorded_plain_tokens(str(tmp_path), verdict) is None
    verdict.write_text("{not json")
    assert recorded_plain_tokens(str(tmp_path), verdict) is None
    verdict.write_text(json.dumps({"version": 0, "plain": True, "max_length": 128}))
    assert recorded_plain_tokens(str(tmp_path), verdict) is None


LATER_PROCESS = """
import sys, numpy as np
from storylens.analyse.embeddings import Embedder
from storylens.config import ENGLISH_EMBEDDING_MODEL, Settings
s = Settings()
e = Embedder(ENGLISH_EMBEDDING_MODEL, s.embedding_max_tokens, quantize=s.embedding_quantize,
             backend="onnx")
np.save(sys.argv[1], e.embed(sys.argv[2:]))
loaded = sorted(m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules)
print(",".join(loaded))
"""


@pytest.mark.models
def test_a_later_process_embeds_the_same_without_loading_torch(
    onnx_cache: Path, tmp_path: Path
) -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    first = _onnx_embedder().embed(TEXTS)  # exports, checks the tokenizer, records both
    saved = tmp_path / "later.npy"
    env = os.environ | {"STORYLENS_CACHE_DIR": str(onnx_cache), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", LATER_PROCESS, str(saved), *TEXTS],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == ""  # none of torch, sentence-transformers, transformers
    assert np.load(saved).tobytes() == first.tobytes()
