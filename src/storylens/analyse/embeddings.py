"""Dense vectors for sentences and articles (sentence-transformers, unit length)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Protocol

import numpy as np
import numpy.typing as npt

from storylens.analyse.models import check_quantize_mode, load_sentence_model
from storylens.analyse.onnx_model import OnnxEncoder, load_onnx_encoder
from storylens.analyse.packaged import USE, PackagedEncoder, packaged_encoder, packaged_name
from storylens.config import BACKEND_CHOICES, ENGLISH_EMBEDDING_MODEL
from storylens.errors import ConfigError
from storylens.vector_layout import HYBRID

Vectors = npt.NDArray[np.float32]

# Longer inputs are cut to keep one embedding call bounded; the model reads far fewer tokens.
MAX_CHARS = 2000
# Texts whose vectors are remembered. Syndicated copies repeat a wire story's title and lead
# word for word, and the sentences of a story repeat across its outlets: each is embedded
# once. 8,192 MiniLM vectors take 12 MB.
MEMO_SIZE = 8192
# Texts per model call in float32. The model pads a batch to its longest text and
# sentence-transformers sorts the texts by length first, so small batches waste less on
# padding: 16 took ~15% less time per title+lead than 64 on one core, 4 to 32 alike.
BATCH_SIZE = 16
# An int8 model quantizes a call's activations with one scale for the whole batch, so a
# vector would depend on the texts embedded with it: one text per call keeps each vector a
# function of its text alone (a batch run and a streaming run must find the same stories),
# and costs little once nothing is padded (bench/results/embedding.md).
QUANTIZED_BATCH_SIZE = 1
# ONNX Runtime embeds one text per call faster than a batch (38.6 against 45.8 CPU ms per
# title+lead in float32 on one core: nothing padded), and a vector of one text per call
# is a function of its text alone in every mode, so workers keep their memo (see
# `batch_independent`).
ONNX_BATCH_SIZE = 1
# What runs the model (Settings.embedding_backend): sentence-transformers on torch, or the
# same weights exported to ONNX Runtime (falls back to torch where that is unavailable).
BACKENDS = BACKEND_CHOICES


class VectorShare(Protocol):
    """Vectors other processes embedded with the same model (a batch run's workers)."""

    def recall(self, texts: list[str]) -> dict[str, Vectors]: ...

    def publish(self, vectors: dict[str, Vectors]) -> None: ...


class Embedder:
    """Embeds texts in batches with one model, loaded lazily on first use."""

    def __init__(
        self,
        model_name: str,
        max_tokens: int | None = None,
        batch_size: int | None = None,
        memo_size: int = MEMO_SIZE,
        quantize: str = "none",
        backend: str = "torch",
    ) -> None:
        if backend not in BACKENDS:
            raise ConfigError(
                f"embedding backend {backend!r} is not one of {', '.join(BACKENDS)} "
                "(STORYLENS_EMBEDDING_BACKEND)"
            )
        check_quantize_mode(quantize)
        # A packaged multilingual model under any of its names (see `packaged`).
        self.model_name = packaged_name(model_name) or model_name
        self.max_tokens = max_tokens
        self.quantize = quantize
        self.backend = backend
        default_batch = BATCH_SIZE if quantize == "none" else QUANTIZED_BATCH_SIZE
        if backend == "onnx" or packaged_name(model_name) or model_name == HYBRID:
            default_batch = ONNX_BATCH_SIZE
        self.batch_size = batch_size or default_batch
        self.memo_size = memo_size
        self._memo: OrderedDict[str, Vectors] = OrderedDict()
        self._lock = threading.Lock()  # the server compares stories in several threads
        self.texts_embedded = 0  # by the model, not from the memo (benchmarks report it)
        # Consulted after the memo, given what this embeds; set only where a vector is a
        # function of its text alone (`batch_independent`), or stories would depend on it.
        self.share: VectorShare | None = None
        # The hybrid (`vector_layout`): MiniLM as configured, then the multilingual model.
        self._english: Embedder | None = None
        if self.model_name == HYBRID:
            self._english = Embedder(
                ENGLISH_EMBEDDING_MODEL, max_tokens, self.batch_size, 0, quantize, backend
            )

    def embed(self, texts: list[str]) -> Vectors:
        """One unit-length row per text (cosine similarity is a dot product)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        cut = [text[:MAX_CHARS] for text in texts]
        known = self._recall(cut)
        missing = list(dict.fromkeys(t for t in cut if t not in known))
        if missing and self.share is not None:
            shared = self.share.recall(missing)
            known.update(shared)
            self._remember(known, list(shared))
            missing = [t for t in missing if t not in shared]
        if missing:
            # Copies of the rows: a view would keep its whole batch's array alive.
            known.update(zip(missing, (row.copy() for row in self._encode(missing)), strict=True))
            self._remember(known, missing)
            if self.share is not None:
                self.share.publish({t: known[t] for t in missing})
        return np.stack([known[text] for text in cut]).astype(np.float32, copy=False)

    def _encode(self, texts: list[str]) -> Vectors:
        self.texts_embedded += len(texts)
        if self._english is not None:
            english = self._english._encode(texts)
            multilingual = packaged_encoder(USE, self.max_tokens).encode(texts)
            return (np.hstack([english, multilingual]) / np.sqrt(2.0)).astype(np.float32)
        packaged = self._packaged()
        if packaged is not None:
            return packaged.encode(texts, self.batch_size)
        encoder = self._onnx_encoder()
        if encoder is not None:
            return encoder.encode(texts, self.batch_size)
        model = load_sentence_model(self.model_name, self.max_tokens, self.quantize)
        vectors = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _recall(self, texts: list[str]) -> dict[str, Vectors]:
        with self._lock:
            found = {}
            for text in texts:
                vector = self._memo.get(text)
                if vector is not None:
                    self._memo.move_to_end(text)
                    found[text] = vector
            return found

    def _remember(self, known: dict[str, Vectors], new: list[str]) -> None:
        with self._lock:
            for text in new:
                self._memo[text] = known[text]
            while len(self._memo) > self.memo_size:
                self._memo.popitem(last=False)

    @property
    def batch_independent(self) -> bool:
        """Whether a text's vector is the same whatever it is embedded with: one text per
        model call pads nothing and quantizes each text on its own."""
        return self.batch_size == 1

    def forget(self) -> None:
        """Empty the memo. A vector depends on its batch in the last bits (padding), so a
        caller that must give the same floats whatever ran before starts afresh."""
        with self._lock:
            self._memo.clear()

    def _packaged(self) -> PackagedEncoder | None:
        """A packaged multilingual model (its own runtime: no backend, no quantization)."""
        if packaged_name(self.model_name) is None:
            return None
        return packaged_encoder(self.model_name, self.max_tokens)

    def _onnx_encoder(self) -> OnnxEncoder | None:
        """The model on ONNX Runtime, or None: the torch backend, or ONNX unavailable."""
        if self.backend != "onnx":
            return None
        return load_onnx_encoder(self.model_name, self.max_tokens, self.quantize)

    @property
    def dimension(self) -> int:
        if self._english is not None:
            return self._english.dimension + packaged_encoder(USE, self.max_tokens).dimension
        packaged = self._packaged()
        if packaged is not None:
            return packaged.dimension
        encoder = self._onnx_encoder()
        if encoder is not None:
            return encoder.dimension
        model = load_sentence_model(self.model_name, self.max_tokens, self.quantize)
        # Renamed in sentence-transformers 5; the old name still works there but warns.
        get_dimension = getattr(model, "get_embedding_dimension", None)
        if get_dimension is None:
            get_dimension = model.get_sentence_embedding_dimension
        return int(get_dimension())
