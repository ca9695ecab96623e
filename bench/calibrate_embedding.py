"""Calibrate a packaged embedding model's cosines to MiniLM's (see storylens.analyse.packaged).

The calibration set is the sample corpus (`corpus/`, 46 English articles in 12 stories that
we wrote ourselves; none of the story benchmarks' files and none of `corpus/multilingual`,
which the multilingual benchmark scores): the title+lead of every article, as ingest embeds
it, and every pair of articles, same story or not by `corpus/gold.json`. For each model the
transform's `shift` (how much of the model's mean vector is taken off) and `pad` (a constant
coordinate's weight) are chosen so that its mean same-story and different-story cosines
equal MiniLM's; the mean vector is the calibration texts' mean. Writes
`src/storylens/analyse/calibration/<model>.npz`.

    python -m bench.calibrate_embedding [model ...]
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

from storylens.analyse import lead_text
from storylens.analyse.embeddings import Embedder
from storylens.analyse.packaged import CALIBRATION, PACKAGED_MODELS, Calibration, PackagedEncoder
from storylens.config import Settings
from storylens.inputs import extract_inputs

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOCUMENT_DIRS = ["html", "dumps", "feeds", "archive", "encodings", "gz"]
SHIFTS = np.linspace(0.0, 1.0, 101)


def calibration_texts() -> tuple[list[str], list[str]]:
    """The sample corpus' title+lead texts and their gold story."""
    gold = json.loads((CORPUS / "gold.json").read_text("utf-8"))["documents"]
    settings = Settings()
    texts, stories = [], []
    inputs = [str(CORPUS / name) for name in DOCUMENT_DIRS]
    for article in extract_inputs(inputs, settings, on_failure=lambda failure: None):
        path, _, record = article.source.partition("#")
        key = Path(path).resolve().relative_to(CORPUS).as_posix()
        key = f"{key}#{record}" if record else key
        texts.append(lead_text(article))
        stories.append(gold[key]["story"])
    return texts, stories


def pair_means(vectors: np.ndarray, stories: list[str]) -> tuple[float, float]:
    same: list[float] = []
    other: list[float] = []
    for i, j in combinations(range(len(stories)), 2):
        (same if stories[i] == stories[j] else other).append(float(vectors[i] @ vectors[j]))
    return float(np.mean(same)), float(np.mean(other))


def fit(raw: np.ndarray, stories: list[str], target: tuple[float, float]) -> Calibration:
    """The shift and pad whose same/different means come closest to `target`."""
    mean = raw.mean(axis=0)
    best: tuple[float, Calibration] | None = None
    for shift in SHIFTS:
        plain = Calibration(mean, float(shift), 0.0).apply(raw)
        same, other = pair_means(plain, stories)
        if same <= other:
            continue
        pad = 1.0 - (target[0] - target[1]) / (same - other)
        pad = min(max(pad, 0.0), 0.95)
        gap = abs((1 - pad) * other + pad - target[1]) + abs((1 - pad) * same + pad - target[0])
        if best is None or gap < best[0]:
            best = (gap, Calibration(mean, float(shift), pad))
    assert best is not None
    return best[1]


def main(models: list[str]) -> int:
    texts, stories = calibration_texts()
    reference = Embedder(Settings().embedding_model).embed(texts)
    target = pair_means(reference, stories)
    print(f"MiniLM: same-story {target[0]:.3f}, other {target[1]:.3f} ({len(texts)} texts)")
    CALIBRATION.mkdir(exist_ok=True)
    for model in models or list(PACKAGED_MODELS):
        raw = PackagedEncoder(model, Settings().embedding_max_tokens, calibrated=False).encode(
            texts
        )
        calibration = fit(raw, stories, target)
        after = pair_means(calibration.apply(raw), stories)
        print(
            f"{model}: raw same {pair_means(raw, stories)[0]:.3f} other "
            f"{pair_means(raw, stories)[1]:.3f}; shift {calibration.shift:.2f} pad "
            f"{calibration.pad:.3f}; calibrated same {after[0]:.3f} other {after[1]:.3f}"
        )
        np.savez(
            CALIBRATION / f"{model}.npz",
            mean=calibration.mean.astype(np.float32),
            shift=np.float32(calibration.shift),
            pad=np.float32(calibration.pad),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
