"""Syndicated near-copies: the same wire text republished by other sites.

MinHash over word 5-gram shingles with an LSH index finds candidates in constant time per
article; the estimated Jaccard similarity then decides. A copy points at the earliest
stored article it copies, so counting outlets can count a wire story once.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

from storylens.records import Article

NUM_PERM = 128
SHINGLE_WORDS = 5
# Copies keep most of the wire text but change headlines, trim a paragraph or add a credit;
# 0.6 estimated Jaccard over 5-gram shingles separates those from rewrites, which share
# facts but few five-word runs (checked on the sample corpus' syndicated and rewritten pairs).
COPY_THRESHOLD = 0.6
# Bodies shorter than this have too few shingles for a stable estimate.
MIN_WORDS = 40

_WORD = re.compile(r"\w+", re.UNICODE)
# Drawn once: datasketch draws a signature's permutations from its seed on every MinHash,
# which cost a twentieth of the driver's assignment pass.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1)


def _shingles(body: str) -> set[bytes]:
    words = _WORD.findall(body.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def minhash(body: str) -> MinHash:
    # CRC-32 (in C) for each shingle: datasketch's default, SHA-1 called from Python per
    # shingle, was half the driver's assignment pass. MinHash then mixes the values itself.
    signature = MinHash(
        num_perm=NUM_PERM,
        seed=1,
        hashfunc=zlib.crc32,
        permutations=_TEMPLATE.permutations,
        scheme=_TEMPLATE.scheme,
    )
    signature.update_batch(list(_shingles(body)))
    return signature


def signature_bytes(signature: MinHash) -> bytes:
    """The signature's hash values (32-bit in this scheme), 512 bytes to keep in a shard."""
    return np.asarray(signature.hashvalues, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        seed=1,
        hashfunc=zlib.crc32,
        hashvalues=np.frombuffer(data, dtype="<u4").astype(np.uint32),
        permutations=_TEMPLATE.permutations,
        scheme=_TEMPLATE.scheme,
    )


def sign(articles: list[Article]) -> None:
    """Each body's MinHash, kept on the article (`Article.minhash`): the serial grouping pass
    would otherwise compute it (~40% of its time), so the processes that extract (an ingest's
    or a batch's workers) sign what they extract, in parallel."""
    for article in articles:
        signature = CopyDetector.signature(article.body)
        article.minhash = None if signature is None else signature_bytes(signature)


class CopyDetector:
    """Remembers every article's MinHash and finds the original a new article copies."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}

    @staticmethod
    def signature(body: str) -> MinHash | None:
        """The body's MinHash, or None when it is too short to tell a copy."""
        return minhash(body) if len(_WORD.findall(body)) >= MIN_WORDS else None

    @classmethod
    def signature_of(cls, article: Article) -> MinHash | None:
        """The signature a batch worker computed (`Article.minhash`), else the body's."""
        if article.minhash is not None:
            return signature_from_bytes(article.minhash)
        return cls.signature(article.body)

    def find_original(self, body: str, signature: MinHash | None = None) -> str | None:
        """Id of the earliest stored article this body nearly copies, or None."""
        signature = signature or self.signature(body)
        if signature is None:
            return None
        # Oldest first, stopping at the first that passes: the same answer as checking all,
        # but a wire text republished a hundred times costs one comparison, not a hundred.
        for key in sorted(self._lsh.query(signature), key=self._order.__getitem__):
            if self._signatures[key].jaccard(signature) >= COPY_THRESHOLD:
                return key
        return None

    def add(self, article_id: str, body: str, signature: MinHash | None = None) -> None:
        if article_id in self._signatures:
            return
        signature = signature or self.signature(body)
        if signature is None:
            return
        self._signatures[article_id] = signature
        self._order[article_id] = len(self._order)
        self._lsh.insert(article_id, signature)
