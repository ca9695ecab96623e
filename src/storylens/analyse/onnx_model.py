"""A sentence-transformers model run by ONNX Runtime (`Settings.embedding_backend="onnx"`).

The model is exported from its own torch weights once (offline; `onnx` and `onnxruntime`
installed) to a file in the user's cache, and every later process loads that file. The
export is checked against the torch model on texts of several lengths before it is kept, so
a model that does not trace faithfully is never used: `load_onnx_encoder` then returns None
and the caller stays on torch. Both backends read the same tokens: the model's own tokenizer
file, checked once against the model (`onnx_tokens`), so that a process that finds the export
and that check done loads neither torch nor sentence-transformers; float32 vectors agree
with torch's to ~1e-6.

int8 quantizes the same Linear layers as the torch mode (`quantize_linear_layers`), with
ONNX Runtime's dynamic quantization: on a 2-core AVX2 machine it embedded a title+lead in
0.55x the float32 time and kept vectors closer to the float32 ones than torch's int8
(bench/results/embedding.md).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import shutil
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storylens.analyse.models import (
    load_sentence_model,
    resolve_embedding_model_path,
    thread_limit,
)
from storylens.analyse.onnx_tokens import (
    ModelTokens,
    Tokens,
    checked_tokens,
    recorded_plain_tokens,
    verdict_path,
)

# Bump when the exported graph changes (its inputs, outputs, the export settings or what
# `_drop_nan_guards` removes). 2: without the attention's NaN guards.
EXPORT_VERSION = 2
OPSET = 17
# Texts of different lengths and batch sizes the export must reproduce before it is kept.
CHECK_TEXTS = (
    "A short headline.",
    "The council met on Tuesday evening to discuss the bridge, which has been closed to "
    "traffic since the spring floods; engineers expect repairs to last until autumn.",
    "Markets fell.",
)
# Beside a cached file: the model folder (or packaged file) it was made from (`prune_orphans`).
SOURCE_SUFFIX = ".source"
# Largest difference from the torch vectors (unit length) an export may show.
CHECK_TOLERANCE = 1e-4

Vectors = npt.NDArray[np.float32]


def onnx_runtime_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class OnnxEncoder:
    """Embeds texts with an ONNX Runtime session and the model's own tokenizer."""

    def __init__(self, tokens: Tokens, session: Any) -> None:
        self.tokens = tokens
        self.session = session
        self.input_names = [i.name for i in session.get_inputs()]

    def encode(self, texts: list[str], batch_size: int) -> Vectors:
        """One unit-length row per text. Texts are batched by length (as
        sentence-transformers does) so that a batch pads little."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            out[chosen] = self._run([texts[i] for i in chosen])
        return out

    def _run(self, texts: list[str]) -> Vectors:
        features = self.tokens.features(texts)
        feeds = {name: features[name] for name in self.input_names}
        vectors = np.asarray(self.session.run(None, feeds)[0], dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    @property
    def dimension(self) -> int:
        return int(self.session.get_outputs()[0].shape[-1])


@lru_cache(maxsize=4)
def load_onnx_encoder(name: str, max_tokens: int | None, quantize: str) -> OnnxEncoder | None:
    """An encoder for model `name`, or None where ONNX Runtime cannot run it (not
    installed, or the model does not export faithfully): the caller then uses torch."""
    if not onnx_runtime_available():
        _warn(name, "onnxruntime is not installed")
        return None
    model_dir = resolve_embedding_model_path(name)
    try:
        export = _export_path(model_dir, quantize)
        verdict = verdict_path(export, max_tokens)
        tokens: Tokens | None = None
        if export.exists():
            tokens = recorded_plain_tokens(model_dir, verdict)
        if tokens is None:  # first use: the model exports, checks and tokenizes
            model = load_sentence_model(name, max_tokens)
            export = _cached_export(model_dir, model, quantize)
            tokens = checked_tokens(model, model_dir, verdict)
        return OnnxEncoder(tokens, _session(export))
    except Exception as exc:  # an export or load failure of any kind means: stay on torch
        _warn(name, f"{type(exc).__name__}: {exc}")
        return None


def _warn(name: str, reason: str) -> None:
    print(f"storylens: {name}: ONNX backend unavailable, using torch: {reason}", file=sys.stderr)


def _session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    # A batch worker limits every model to one thread per process (0: all cores).
    options.intra_op_num_threads = thread_limit() or 0
    options.inter_op_num_threads = 1
    # Errors only: the graph optimiser's notes (an initializer the export left unused) would
    # land on stderr, where a user reads per-item errors.
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def cache_dir() -> Path:
    """Where exported models live: $STORYLENS_CACHE_DIR, else the user's cache folder."""
    chosen = os.environ.get("STORYLENS_CACHE_DIR")
    if chosen:
        return Path(chosen) / "onnx"
    user_cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(user_cache) / "storylens" / "onnx"


def _export_path(model_dir: str, quantize: str) -> Path:
    return cache_dir() / f"{_model_key(model_dir)}-{quantize}.onnx"


def _cached_export(model_dir: str, model: Any, quantize: str) -> Path:
    """The model's ONNX file for `quantize`, exported (and checked) on first use."""
    float_path = _export_path(model_dir, "none")
    if not float_path.exists():
        float_path.parent.mkdir(parents=True, exist_ok=True)
        publish(float_path, lambda tmp: _export(model, tmp))
        record_source(float_path, model_dir)
        prune_orphans(float_path.parent)
    if quantize == "none":
        return float_path
    quantized = _export_path(model_dir, quantize)
    if not quantized.exists():
        publish(quantized, lambda tmp: _quantize(float_path, tmp))
    return quantized


def record_source(cached: Path, source: str) -> None:
    """Which model folder (an ONNX export's) or packaged file (USE's unpacked weights) a
    cached file was made from, so `prune_orphans` can tell when it (an uninstalled
    environment) is gone."""
    key = cached.name.split("-", 1)[0]
    (cached.parent / f"{key}{SOURCE_SUFFIX}").write_text(str(Path(source).resolve()))


def prune_orphans(folder: Path) -> list[str]:
    """Remove the cached files whose recorded source no longer exists; returns their keys.

    Each environment that installs a model exports (or unpacks) it once (the key names
    the source), so reinstalls would otherwise leave ~150 MB behind each time. Files
    without a recorded source (made by an older storylens) are left alone."""
    removed = []
    for record in folder.glob(f"*{SOURCE_SUFFIX}"):
        try:
            source = Path(record.read_text().strip())
        except OSError:
            continue
        if source.exists():
            continue
        key = record.name[: -len(SOURCE_SUFFIX)]
        for path in folder.glob(f"{key}-*"):
            path.unlink(missing_ok=True)
        record.unlink(missing_ok=True)
        removed.append(key)
    return removed


def _model_key(model_dir: str) -> str:
    """Names a model's weights and the software that exported them: a changed file or
    version exports afresh instead of loading a stale graph (versions read without
    importing torch, which the exported model no longer needs)."""
    versions = "|".join(
        [str(EXPORT_VERSION), *(importlib.metadata.version(p) for p in ("torch", "onnxruntime"))]
    )
    digest = hashlib.sha256(versions.encode())
    root = Path(model_dir).resolve()
    digest.update(str(root).encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def publish(path: Path, write: Any) -> None:
    """Write through a private file and rename it: workers exporting at once never read a
    half-written file, and the last rename wins with identical content."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _export(model: Any, path: Path) -> None:
    import torch

    features = model.preprocess(list(CHECK_TEXTS))
    names = [k for k, v in features.items() if isinstance(v, torch.Tensor)]
    constants = {k: v for k, v in features.items() if k not in names}
    wrapper = _sentence_graph(model, names, constants).eval()
    axes = {n: {0: "batch", 1: "tokens"} for n in names}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer notices about shapes it fixes: checked below
        torch.onnx.export(
            wrapper,
            tuple(features[n] for n in names),
            str(path),
            input_names=names,
            output_names=["sentence_embedding"],
            dynamic_axes=axes | {"sentence_embedding": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
        )
    if int(model.preprocess([""])["attention_mask"].sum()) > 0:
        _drop_nan_guards(path)
    _check_export(model, path)


def _drop_nan_guards(path: Path) -> None:
    """The exported graph without torch's guard after each attention softmax, `Where(IsNaN(p),
    0, p)`: it zeroes the weights of a query whose keys are all masked, and a model whose
    tokenizer marks even an empty text ([CLS] and [SEP]) never masks all of a text's keys,
    so the guard never changes a value. Without it: the same bits in ~5% less time per
    title+lead (it reads each layer's score matrix twice); the check still compares with
    torch."""
    import onnx

    exported = onnx.load(str(path))
    nodes = exported.graph.node
    made_by = {output: node for node in nodes for output in node.output}
    readers = Counter(name for node in nodes for name in node.input)
    outputs = {output.name for output in exported.graph.output}
    readers.update(outputs)
    guards = [
        node
        for node in nodes
        if _is_nan_guard(node, made_by, readers) and node.output[0] not in outputs
    ]
    # Whatever read a guard's output reads the softmax it guarded.
    guarded = {guard.output[0]: guard.input[2] for guard in guards}
    for node in nodes:
        node.input[:] = [guarded.get(name, name) for name in node.input]
    for guard in guards:
        nodes.remove(made_by[guard.input[0]])
        nodes.remove(guard)
    onnx.save(exported, str(path))


def _is_nan_guard(node: Any, made_by: dict[str, Any], readers: Counter[str]) -> bool:
    """`Where(IsNaN(x), _, x)`, its test read by nothing else."""
    if node.op_type != "Where" or len(node.input) != 3:
        return False
    test = made_by.get(node.input[0])
    return (
        test is not None
        and test.op_type == "IsNaN"
        and test.input[0] == node.input[2]
        and readers[node.input[0]] == 1
    )


def _sentence_graph(model: Any, names: list[str], constants: dict[str, Any]) -> Any:
    """The model as a module of plain tensors in, the sentence vector out (what the
    exporter traces); `constants` are the non-tensor features, such as the modality."""
    import torch

    class SentenceGraph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors: Any) -> Any:
            features = dict(zip(names, tensors, strict=True)) | constants
            return self.model(features)["sentence_embedding"]

    return SentenceGraph()


def _check_export(model: Any, path: Path) -> None:
    """Refuse an export whose vectors differ from torch's, singly and batched."""
    encoder = OnnxEncoder(ModelTokens(model), _session(path))
    texts = list(CHECK_TEXTS)
    expected = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    for batch in (1, len(texts)):
        got = encoder.encode(texts, batch)
        gap = float(np.abs(got - expected).max())
        if gap > CHECK_TOLERANCE:
            raise ValueError(f"exported model differs from torch by {gap:.2g}")


def _quantize(float_path: Path, path: Path) -> None:
    """int8 weights (per output channel) in the layers `quantize_linear_layers` picks."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(float_path))
    weights = {w.name: tuple(w.dims) for w in graph.graph.initializer if len(w.dims) == 2}
    linear = [
        (node.name, weights[w])
        for node in graph.graph.node
        if node.op_type == "MatMul"
        for w in node.input
        if w in weights
    ]
    # The first layer that narrows its input stays float32 (see quantize_linear_layers).
    narrowing = next((n for n, (rows, cols) in linear if rows > cols), None)
    # ONNX Runtime writes a shape-inferred copy beside the model it reads under a fixed name
    # ("…-inferred.onnx"), then deletes it: two workers exporting at once read each other's
    # half-written copy ("Wire format was corrupt"). It reads a private copy instead.
    with (
        tempfile.TemporaryDirectory(dir=path.parent) as private,
        warnings.catch_warnings(),
        _quiet_logging(),
    ):
        warnings.simplefilter("ignore")  # advice about preprocessing a graph for static use
        source = Path(private) / float_path.name
        shutil.copyfile(float_path, source)
        quantize_dynamic(
            str(source),
            str(path),
            weight_type=QuantType.QInt8,
            per_channel=True,
            nodes_to_quantize=[n for n, _ in linear if n != narrowing],
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )


@contextmanager
def _quiet_logging() -> Iterator[None]:
    """The quantizer logs advice on the root logger, which would land on stderr."""
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)
