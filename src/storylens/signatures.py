"""A body's MinHash signature values, computed without importing datasketch.

The processes that extract (an ingest's or a batch's workers) sign what they extract
(`sign`), and datasketch's package import pulls in scipy for its LSH indexes, which a
worker never uses: ~0.9 s of CPU at the start of every worker. The values are those of
datasketch's MinHash in its "affine32" scheme with seed 1 over the CRC-32 of each shingle
(checked equal in tests/test_group_copies.py), so the grouping pass reads them as
datasketch MinHashes (`group.syndication`).
"""

from __future__ import annotations

import itertools
import re
import zlib

import numpy as np
import numpy.typing as npt

from storylens.records import Article

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5
# Bodies shorter than this have too few shingles for a stable estimate.
MIN_WORDS = 40

HashValues = npt.NDArray[np.uint32]

_WORD = re.compile(r"\w+", re.UNICODE)


def _permutations() -> tuple[HashValues, HashValues]:
    """datasketch's affine permutations h -> a * h + b mod 2^32, drawn as it draws them."""
    draw = np.random.RandomState(SEED)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


_A, _B = _permutations()


def hash_values(body: str) -> HashValues:
    """The body's MinHash: each permutation's least value over the CRC-32s of its shingles
    (each run of `SHINGLE_WORDS` lower-cased words, joined by one space, in UTF-8; the whole
    text's words when fewer), pre-mixed with the MurmurHash3 finalizer as datasketch does."""
    return _min_hash(_WORD.findall(body.lower()))


def body_signature(body: str) -> HashValues | None:
    """The body's MinHash, or None when it has fewer than `MIN_WORDS` words (too few
    shingles to tell a copy)."""
    lowered = body.lower()
    words = _WORD.findall(lowered)
    # Lower-casing that keeps every character one character keeps every word a word, so the
    # words are counted once; "İ" -> "i̇" adds a mark that splits one: counted again.
    count = len(words) if len(lowered) == len(body) else len(_WORD.findall(body))
    return _min_hash(words) if count >= MIN_WORDS else None


def _min_hash(words: list[str]) -> HashValues:
    mixed = _fmix32(_shingle_crcs(words)).reshape(-1, 1)
    return (mixed * _A + _B).min(axis=0)


def _shingle_crcs(words: list[str]) -> HashValues:
    """The CRC-32 of each shingle, read as slices of the words joined once rather than
    joined again per shingle. A shingle that repeats is hashed again: a least value is the
    same over a set or over a list with repeats."""
    if len(words) < SHINGLE_WORDS:
        return np.array([zlib.crc32(" ".join(words).encode())], dtype=np.uint32)
    joined = " ".join(words).encode()
    sizes = [len(word) for word in words] if joined.isascii() else [len(w.encode()) for w in words]
    starts = [0, *itertools.accumulate(size + 1 for size in sizes)]
    view = memoryview(joined)
    last = len(words) - SHINGLE_WORDS
    return np.fromiter(
        (zlib.crc32(view[starts[i] : starts[i + SHINGLE_WORDS] - 1]) for i in range(last + 1)),
        dtype=np.uint32,
        count=last + 1,
    )


def _fmix32(values: HashValues) -> HashValues:
    """MurmurHash3's 32-bit finalizer (the uint32 products wrap, as intended)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signature_bytes_of(body: str) -> bytes | None:
    """The body's signature as kept on an article (512 bytes), or None when too short."""
    found = body_signature(body)
    return None if found is None else found.astype("<u4").tobytes()


def sign(articles: list[Article]) -> None:
    """Each body's signature, kept on the article (`Article.minhash`): the serial grouping
    pass would otherwise compute it (~40% of its time), so the processes that extract (an
    ingest's or a batch's workers) sign what they extract, in parallel."""
    for article in articles:
        article.minhash = signature_bytes_of(article.body)
