"""int8 embedding (Settings.embedding_quantize): which layers it changes, and its vectors."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch

from storylens.analyse import Analyser
from storylens.analyse.models import load_sentence_model, quantize_linear_layers
from storylens.config import Settings
from storylens.errors import ConfigError
from storylens.records import Article

LEADS = [
    ("Harbour crane collapses in Velden", "A crane fell onto a cargo ship on Monday night."),
    ("Velden port reopens after crane accident", "Ships docked again on Wednesday morning."),
    ("Choir from Ostrava wins festival prize", "The youth choir sang three pieces in Latin."),
]


def test_an_unknown_mode_is_refused_before_any_model_loads() -> None:
    with pytest.raises(ConfigError, match="STORYLENS_EMBEDDING_QUANTIZE"):
        load_sentence_model("no-such-model", 128, "fp4")


def test_every_linear_layer_but_the_first_narrowing_one_becomes_int8() -> None:
    torch.manual_seed(3)
    block = torch.nn.Sequential(
        torch.nn.Linear(16, 64),
        torch.nn.GELU(),
        torch.nn.Linear(64, 16),  # the first that narrows: kept in float
        torch.nn.Linear(16, 64),
        torch.nn.GELU(),
        torch.nn.Linear(64, 16),
    )
    inputs = torch.randn(4, 16)
    expected = block(inputs)
    quantize_linear_layers(block)
    kinds = [type(layer).__module__.startswith("torch.ao") for layer in block]
    assert kinds == [True, False, False, True, False, True]
    assert isinstance(block[2], torch.nn.Linear)
    got = block(inputs)
    assert torch.allclose(got, expected, atol=0.1)
    assert not torch.equal(got, expected)  # int8 arithmetic, not the float layers


def _articles() -> list[Article]:
    return [
        Article(id=f"a{n}", source=f"test:{n}", title=title, body=body)
        for n, (title, body) in enumerate(LEADS)
    ]


def _vectors(analyser: Analyser, together: bool = True) -> np.ndarray:
    articles = _articles()
    analyser.embedder.forget()
    for batch in [articles] if together else [[a] for a in articles]:
        analyser.analyse_lead(batch)
    return np.array([a.embedding for a in articles])


@pytest.mark.models
def test_int8_vectors_stay_close_to_float_and_do_not_depend_on_their_batch() -> None:
    torch_settings = replace(Settings(), embedding_backend="torch")
    float32 = _vectors(Analyser(replace(torch_settings, embedding_quantize="none")))
    int8_analyser = Analyser(replace(torch_settings, embedding_quantize="int8"))
    int8 = _vectors(int8_analyser)
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)
    assert ((int8 * float32).sum(axis=1) > 0.95).all()
    assert not np.array_equal(int8, float32)
    # One scale per call quantizes the activations: each text gets its own call, so an
    # article alone and in a batch (a streaming and a batch run) get the same floats.
    assert np.array_equal(_vectors(int8_analyser, together=False), int8)
    similar = int8 @ int8.T
    assert similar[0, 1] > similar[0, 2]  # the two port stories are nearer to each other
