"""Syndicated near-copies: MinHash signatures and the earliest original a copy points at."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.group.syndication import (
    BANDS,
    COPY_THRESHOLD,
    ROWS,
    CopyDetector,
    jaccard,
    minhash,
    signature_bytes,
    signature_from_bytes,
)
from storylens.records import Article
from storylens.signatures import MIN_WORDS, SHINGLE_WORDS, sign, signature_bytes_of

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
    assert jaccard(minhash(_edited(_WIRE, 3)), minhash(probe)) < COPY_THRESHOLD
    assert detector.find_original(probe) == "close"


def test_a_signature_kept_as_bytes_is_the_same_signature() -> None:
    signature = minhash(_WIRE)
    kept = signature_bytes(signature)
    assert len(kept) == 512
    again = signature_from_bytes(kept)
    assert (again == signature).all()
    probe = minhash(_edited(_WIRE, 7))
    assert jaccard(again, probe) == jaccard(signature, probe)


def test_a_precomputed_signature_is_used_and_a_missing_one_computed() -> None:
    article = Article("a1", "wire.html", _WIRE)
    computed = CopyDetector.signature_of(article)
    assert computed is not None
    article.minhash = signature_bytes(minhash(_edited(_WIRE, 2)))  # not this body's
    read = CopyDetector.signature_of(article)
    assert read is not None and (read != computed).any()
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
    assert jaccard(minhash(text), minhash(text)) == 1.0
    assert jaccard(minhash(text), minhash(other)) == jaccard(minhash(other), minhash(text))


def test_signatures_are_the_same_in_another_process() -> None:
    """A restart replays copy decisions from recomputed signatures: no per-process salt."""
    code = f"from storylens.group.syndication import minhash; print(list(minhash({_WIRE!r})))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert other.stdout.strip() == str(list(minhash(_WIRE)))


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_signatures_are_datasketch_minhashes_of_the_crc32_shingles(body: str) -> None:
    # Workers compute the values without datasketch; the grouping pass compares them with
    # datasketch's own (its LSH index, its Jaccard estimate).
    expected = _datasketch_of(body)
    assert (minhash(body) == expected.hashvalues).all()
    assert jaccard(minhash(body), minhash("other words")) == expected.jaccard(
        _datasketch(minhash("other words"))
    )


def long_enough(body: str) -> bool:
    """The reference: enough words, counted on the body as written."""
    return len(re.findall(r"\w+", body)) >= MIN_WORDS


def shingles(body: str) -> set[bytes]:
    """The reference: every run of five lower-cased words, joined by one space, in UTF-8."""
    words = re.findall(r"\w+", body.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def _datasketch_of(body: str) -> MinHash:
    """datasketch's own MinHash of the body's shingles, CRC-32 hashed."""
    template = MinHash(num_perm=128, seed=1)
    found = MinHash(
        num_perm=128,
        seed=1,
        hashfunc=zlib.crc32,
        permutations=template.permutations,
        scheme=template.scheme,
    )
    found.update_batch(list(shingles(body)))
    return found


def _datasketch(signature: np.ndarray) -> MinHash:  # type: ignore[type-arg]
    template = MinHash(num_perm=128, seed=1)
    return MinHash(
        num_perm=128,
        seed=1,
        hashvalues=signature,
        permutations=template.permutations,
        scheme=template.scheme,
    )


def test_the_copy_index_finds_the_candidates_datasketchs_lsh_finds() -> None:
    lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=128)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)
    detector = CopyDetector()
    wires = [_edited(_WIRE, every) for every in (2, 3, 4, 6, 9, 15, 40)]
    for number, text in enumerate(wires):
        detector.add(f"w{number}", text)
        lsh.insert(f"w{number}", _datasketch(minhash(text)))
    for every in (2, 3, 5, 7, 11, 30, 100):
        probe = minhash(_edited(_WIRE, every) + " credit")
        assert detector._candidates(probe) == set(lsh.query(_datasketch(probe)))


def test_sign_keeps_the_signature_bytes_of_long_bodies_only() -> None:
    articles = [Article("a1", "wire.html", _WIRE), Article("a2", "short.html", "Too short.")]
    sign(articles)
    assert articles[0].minhash == signature_bytes(minhash(_WIRE))
    assert articles[1].minhash is None


def test_ingest_imports_neither_datasketch_nor_scipy() -> None:
    """datasketch imports scipy (~0.9 s of CPU), which the ingest's process and each of its
    workers would pay at start."""
    code = (
        "import sys; import storylens.inputs, storylens.analyse, storylens.pipeline; "
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["wire", "Port", "İstanbul", "straße", "ǅemal", "K", "’s", "42", "Ünal"])
        | st.text(min_size=1, max_size=8),
        min_size=0,
        max_size=80,
    )
)
def test_signatures_are_those_of_the_shingle_set_counted_on_the_body(words: list[str]) -> None:
    # The fast path hashes slices of the joined words; it must give the values of the
    # shingle set, and count words on the body as written ("İ" lower-cases to two chars).
    body = " ".join(words)
    found = signature_bytes_of(body)
    if not long_enough(body):
        assert found is None
        return
    assert found == _datasketch_of(body).hashvalues.astype("<u4").tobytes()
