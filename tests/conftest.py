"""Shared fixtures: paths, the sample corpus, and models loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
KREMLIN = SHARED / "examples" / "kremlin-denies-hacking"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def kremlin_files() -> list[Path]:
    """The two seed documents; tests that use them skip when ../shared is absent."""
    if not KREMLIN.is_dir():
        pytest.skip("../shared/examples is not beside the repository")
    return sorted(KREMLIN.glob("*.txt"))


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    from storylens.analyse.embeddings import Embedder
    from storylens.config import Settings

    return Embedder(Settings().embedding_model)


@pytest.fixture
def onnx_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private ONNX export cache, and encoders loaded afresh for it."""
    from storylens.analyse import onnx_model

    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    onnx_model.load_onnx_encoder.cache_clear()
    yield tmp_path
    onnx_model.load_onnx_encoder.cache_clear()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless chromium for the tests that read pages as a person does (browser_support)."""
    from browser_support import chromium

    with chromium() as launched:
        yield launched
