"""Mutations of real inputs: the damage the web and broken scrapers do to pages and exports.

Each mutator takes a seed's bytes and a seeded `random.Random` and returns damaged bytes;
`mutate` stacks one to three of them. Everything is deterministic for a given seed, so a
crashing input can be rebuilt from its number alone.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable

Mutator = Callable[[bytes, random.Random], bytes]

# Big enough to cross the fuzzer's size limit (bench/reliability/fuzz.py), small enough that
# thousands of inputs stay fast.
GIANT = 300_000
DEEP = 20_000
# Scripts, directions and code points that trip decoders and tokenizers.
MIXED = [
    "Кремль опроверг",
    "الكرملين ينفي",
    "克里姆林宫否认",
    "クレムリン",
    "\u202eevil\u202c",
    "e\u0301\u0301\u0301",
    "\U0001f600\U0001f1fa\U0001f1e6",
    "\ufeff",
    "\u200b\u200d",
    "ᚠᚢᚦ",
    "\U00010348",
]
ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1251", "latin-1", "utf-8-sig"]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 1 + len(out) // 200)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def swap_encoding(data: bytes, rng: random.Random) -> bytes:
    """Re-encode the text in another encoding (what mislabelled pages are)."""
    text = data.decode("utf-8", errors="replace")
    return text.encode(rng.choice(ENCODINGS), errors="replace")


def _insert(data: bytes, piece: bytes, rng: random.Random) -> bytes:
    at = rng.randint(0, len(data))
    return data[:at] + piece + data[at:]


def giant_line(data: bytes, rng: random.Random) -> bytes:
    unit = rng.choice([b"a", b"word ", b'"', b"<", b"\xd0\x96", b"-", b"&amp;"])
    return _insert(data, unit * (rng.randint(GIANT // 10, GIANT) // len(unit)), rng)


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.randint(DEEP // 10, DEEP)
    opener, closer = rng.choice(
        [(b"<div>", b"</div>"), (b"<b><i>", b""), (b"[", b"]"), (b'{"a":', b"}"), (b"<p>", b"")]
    )
    return _insert(data, opener * depth + b"x" + closer * depth, rng)


def nul_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 50)):
        out.insert(rng.randint(0, len(out)), 0)
    return bytes(out)


def mixed_scripts(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 20)):
        piece = rng.choice(MIXED).encode("utf-8", errors="surrogatepass")
        data = _insert(data, piece, rng)
    if rng.random() < 0.3:  # a lone surrogate, as broken UTF-8 encoders write it
        data = _insert(data, b"\xed\xa0\x80", rng)
    return data


def broken_gzip(data: bytes, rng: random.Random) -> bytes:
    packed = gzip.compress(data, compresslevel=1)
    damage = rng.choice(["cut", "flip", "trailing", "nested", "members"])
    if damage == "cut":
        return packed[: rng.randint(2, max(2, len(packed) - 1))]
    if damage == "flip":
        return packed[:10] + flip_bytes(packed[10:], rng)
    if damage == "trailing":
        return packed + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    if damage == "nested":
        for _ in range(rng.randint(1, 5)):
            packed = gzip.compress(packed, compresslevel=1)
        return packed
    half = len(data) // 2
    return gzip.compress(data[:half]) + gzip.compress(data[half:])


def _warc_record(payload: bytes, declared: int, url: str) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + payload
    headers = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {declared + 45}\r\n\r\n"
    ).encode()
    return headers + http + b"\r\n\r\n"


def broken_warc(data: bytes, rng: random.Random) -> bytes:
    """The input as a WARC response record whose framing lies or breaks."""
    url = rng.choice(["http://example.test/a", "file:///etc/passwd", "http://127.0.0.1:1/x"])
    declared = len(data) + rng.choice([0, 0, -7, 13, 10**9, -len(data)])
    record = _warc_record(data, max(declared, 0), url)
    damage = rng.choice(["none", "cut", "no-length", "two", "gzip"])
    if damage == "cut":
        record = record[: rng.randint(0, len(record))]
    elif damage == "no-length":
        record = record.replace(b"Content-Length", b"Content-Lenght", 1)
    elif damage == "two":
        record = record + _warc_record(data[::-1], len(data), url)
    elif damage == "gzip":
        record = broken_gzip(record, rng)
    return record


def malformed_jsonl(data: bytes, rng: random.Random) -> bytes:
    """The input as JSONL records, some of them broken."""
    text = data.decode("utf-8", errors="replace")
    good = json.dumps({"title": "t", "text": text, "url": "file:///etc/passwd"}).encode()
    lines = [
        good,
        good[: rng.randint(0, len(good))],
        b'{"text": ' + b"[" * rng.randint(1, DEEP) + b"}",
        b'"just a string"',
        b"[1, 2, 3]",
        b'{"text": null, "html": 5}',
        b'{"text": "' + b"\\ud800" * rng.randint(1, 50) + b'"}',
        b'{"id": {"nested": ["x"]}, "text": "body", "published": "0000-99-99"}',
        b'{"html": "<p>' + b"x" * rng.randint(0, GIANT) + b'</p>"}',
        b"\xff\xfe{}",
    ]
    rng.shuffle(lines)
    return b"\n".join(lines[: rng.randint(1, len(lines))]) + rng.choice([b"\n", b"", b"\r\n"])


def splice(data: bytes, rng: random.Random) -> bytes:
    cut = rng.randint(0, len(data))
    return data[cut:] + data[:cut]


MUTATORS: dict[str, Mutator] = {
    "truncate": truncate,
    "flip_bytes": flip_bytes,
    "swap_encoding": swap_encoding,
    "giant_line": giant_line,
    "deep_nesting": deep_nesting,
    "nul_bytes": nul_bytes,
    "mixed_scripts": mixed_scripts,
    "broken_gzip": broken_gzip,
    "broken_warc": broken_warc,
    "malformed_jsonl": malformed_jsonl,
    "splice": splice,
}
# Framings wrap the whole input; applied last, so the damage inside survives.
_FRAMINGS = {"broken_gzip", "broken_warc", "malformed_jsonl"}


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """`data` damaged by one to three mutators, and their names in order."""
    names = rng.sample(sorted(MUTATORS), rng.randint(1, 3))
    names.sort(key=lambda name: name in _FRAMINGS)
    for name in names:
        data = MUTATORS[name](data, rng)
    return data, names
