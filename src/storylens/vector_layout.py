"""The hybrid embedding's layout: an English model's vector and a multilingual one's, side
by side in one stored vector (`Settings.embedding_model = "hybrid-minilm-use"`).

MiniLM reads English best (the story benchmarks group better with it than with any
multilingual model measured: bench/results/multilingual.md); the Universal Sentence Encoder
multilingual reads one event alike in 16 languages. The hybrid stores both, each at weight
1/sqrt(2) so that the whole vector has unit length, and every reader picks its part: two
texts of one language compare on the English model's part, two of different languages (or
a story written in several) on the multilingual part (`part`). A vector of any other model
is used whole.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

HYBRID = "hybrid-minilm-use"
ENGLISH_DIM = 384  # all-MiniLM-L6-v2
MULTILINGUAL_DIM = 513  # USE multilingual v3, 512, and the calibration's constant coordinate
HYBRID_DIM = ENGLISH_DIM + MULTILINGUAL_DIM

Vectors = npt.NDArray[np.float32]


def is_hybrid(vectors: Vectors) -> bool:
    return vectors.shape[-1] == HYBRID_DIM


def part(vectors: Vectors, multilingual: bool) -> Vectors:
    """The multilingual or the English part of hybrid vectors, each row at unit length
    again; any other model's vectors as they are."""
    if not is_hybrid(vectors):
        return vectors
    chosen = vectors[..., ENGLISH_DIM:] if multilingual else vectors[..., :ENGLISH_DIM]
    norms = np.linalg.norm(chosen, axis=-1, keepdims=True)
    return (chosen / np.maximum(norms, 1e-12)).astype(np.float32)
