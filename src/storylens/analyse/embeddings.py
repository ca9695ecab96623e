"""Dense vectors for sentences and articles (sentence-transformers, unit length)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from storylens.analyse.models import load_sentence_model

Vectors = npt.NDArray[np.float32]

# Longer inputs are cut to keep one embedding call bounded; MiniLM reads 256 tokens anyway.
MAX_CHARS = 2000


class Embedder:
    """Embeds texts in batches with one model, loaded lazily on first use."""

    def __init__(self, model_name: str, batch_size: int = 64) -> None:
        self.model_name = model_name
        self.batch_size = batch_size

    def embed(self, texts: list[str]) -> Vectors:
        """One unit-length row per text (cosine similarity is a dot product)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = load_sentence_model(self.model_name)
        vectors = model.encode(
            [text[:MAX_CHARS] for text in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    @property
    def dimension(self) -> int:
        model = load_sentence_model(self.model_name)
        # Renamed in sentence-transformers 5; the old name still works there but warns.
        get_dimension = getattr(model, "get_embedding_dimension", None)
        if get_dimension is None:
            get_dimension = model.get_sentence_embedding_dimension
        return int(get_dimension())
