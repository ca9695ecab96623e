"""Syndicated near-copies: MinHash signatures and the earliest original a copy points at."""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.group.syndication import (
    COPY_THRESHOLD,
    CopyDetector,
    minhash,
    signature_bytes,
    signature_from_bytes,
)
from storylens.records import Article

_WIRE = " ".join(f"wire{i}" for i in range(200))


def _edited(text: str, every: int) -> str:
    """The text with every `every`-th word replaced, as a republishing site edits a wire."""
    words = text.split()
    return " ".join("edit" if i % every == 0 else w for i, w in enumerate(words))


def test_a_copy_points_at_the_earliest_original_it_copies() -> None:
    detector = CopyDetector()
    detector.add("first", _WIRE)
    for number in range(30):  # republished many times: each copy also indexed
        detector.add(f"copy{number}", _WIRE + f" credit{number}")
    assert detector.find_original(_WIRE + " another credit") == "first"


def test_the_earliest_that_passes_wins_not_the_earliest_candidate() -> None:
    detector = CopyDetector()
    detector.add("loose", _edited(_WIRE, 3))  # a heavy rewrite: below the bar against it
    detector.add("close", _WIRE)
    probe = _WIRE + " credit"
    assert minhash(_edited(_WIRE, 3)).jaccard(minhash(probe)) < COPY_THRESHOLD
    assert detector.find_original(probe) == "close"


def test_a_signature_kept_as_bytes_is_the_same_signature() -> None:
    signature = minhash(_WIRE)
    kept = signature_bytes(signature)
    assert len(kept) == 512
    again = signature_from_bytes(kept)
    assert (again.hashvalues == signature.hashvalues).all()
    probe = minhash(_edited(_WIRE, 7))
    assert again.jaccard(probe) == signature.jaccard(probe)


def test_a_precomputed_signature_is_used_and_a_missing_one_computed() -> None:
    article = Article("a1", "wire.html", _WIRE)
    computed = CopyDetector.signature_of(article)
    assert computed is not None
    article.minhash = signature_bytes(minhash(_edited(_WIRE, 2)))  # not this body's
    read = CopyDetector.signature_of(article)
    assert read is not None and (read.hashvalues != computed.hashvalues).any()
    assert CopyDetector.signature_of(Article("a2", "short.html", "Too short.")) is None


def test_unrelated_and_short_texts_copy_nothing() -> None:
    detector = CopyDetector()
    detector.add("first", _WIRE)
    other = " ".join(f"other{i}" for i in range(200))
    assert detector.find_original(other) is None
    assert detector.find_original("too short to tell") is None


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["fog", "rain", "sun", "port", "road", "mayor"]), min_size=5))
def test_a_signature_estimates_jaccard_symmetrically(words: list[str]) -> None:
    text, other = " ".join(words), " ".join(reversed(words))
    assert minhash(text).jaccard(minhash(text)) == 1.0
    assert minhash(text).jaccard(minhash(other)) == minhash(other).jaccard(minhash(text))


def test_signatures_are_the_same_in_another_process() -> None:
    """A restart replays copy decisions from recomputed signatures: no per-process salt."""
    code = (
        "from storylens.group.syndication import minhash; "
        f"print(list(minhash({_WIRE!r}).hashvalues))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert other.stdout.strip() == str(list(minhash(_WIRE).hashvalues))
