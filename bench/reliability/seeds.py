"""Seed inputs for the fuzzer: our sample corpus, and the shared benchmark pages if present.

The shared pages are read where they lie at run time and never copied into the repository.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SHARED_EXTRACTION = ROOT.parent / "shared" / "bench" / "extraction"
# The corpus folders holding documents (the rest are gold files and generator sources).
CORPUS_FOLDERS = ("html", "dumps", "feeds", "archive", "encodings", "gz")


@dataclass(slots=True, frozen=True)
class Seed:
    name: str  # a file name: its suffix still breaks format ties after mutation
    data: bytes


def corpus_seeds() -> list[Seed]:
    paths = sorted(p for folder in CORPUS_FOLDERS for p in (CORPUS / folder).rglob("*"))
    return [Seed(p.name, p.read_bytes()) for p in paths if p.is_file()]


def shared_seeds(limit: int, rng: random.Random) -> list[Seed]:
    """Up to `limit` benchmark pages (gzipped HTML and text dumps), picked at random."""
    if not SHARED_EXTRACTION.is_dir():
        return []
    pages = sorted(SHARED_EXTRACTION.glob("*/*/page.*"))
    picked = rng.sample(pages, min(limit, len(pages)))
    return [Seed(p.name, p.read_bytes()) for p in sorted(picked)]


def all_seeds(shared_limit: int, rng: random.Random) -> list[Seed]:
    return corpus_seeds() + shared_seeds(shared_limit, rng)
