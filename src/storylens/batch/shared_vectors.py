"""Title+lead vectors shared by the workers of one run, through files in its `--out` directory.

    DIR/vectors/<model key>/<worker>.bin   the vectors one worker embedded, appended as it goes

A wire story reaches every worker as its copies are spread over the input: each worker
embedding the lead another has embedded already repeats the run's costliest step per record
(bench/results/scale.md: two workers did 21 s of embedding work as 40 s). Each worker appends
what it embeds to its own file and, before it embeds, reads what the others have appended
since it last looked, so a lead is embedded about once per run whichever worker meets it
first, and a resumed run starts from the vectors of the interrupted one. Once every shard
is done they serve nothing (a run into the same `--out` with other inputs is refused, and
the shards hold each article's vector), so the run removes them: ~1.5 KB a distinct lead, a
month of news would keep gigabytes of them.

Used only where a vector is a function of its text alone (one text per model call, see
`Embedder.batch_independent`): a vector read from another worker is the one this worker would
have computed, so the stories do not depend on which worker embedded what. Plain files with a
single writer each need no lock and work on the shared file system a cluster's workers see.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import uuid
import zlib
from collections import OrderedDict
from pathlib import Path

import numpy as np

from storylens.analyse.embeddings import Embedder, Vectors

# Vectors kept in memory for lookups (MiniLM: 1.5 KB each, so ~48 MB): the run's most
# recently embedded leads, whichever worker embedded them. Wire copies come within days.
CAPACITY = 32_768
KEY_BYTES = 16
CHECK_BYTES = 4
# Records read from a file at once, so a resumed run's large files read in bounded memory.
READ_RECORDS = 4096
FOLDER = "vectors"


def vectors_dir(out: str | Path, embedder: Embedder) -> Path:
    """One folder per model setting: a run resumed with other settings reuses nothing."""
    setting = repr((embedder.model_name, embedder.max_tokens, embedder.quantize, embedder.backend))
    key = hashlib.blake2b(setting.encode(), digest_size=8).hexdigest()
    return Path(out) / FOLDER / key


def remove_run_vectors(out: str | Path) -> None:
    """Deletes the run's vector files, once every shard is done (nothing reads them then)."""
    shutil.rmtree(Path(out) / FOLDER, ignore_errors=True)


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES).digest()


class SharedVectors:
    """One worker's view of the run's vector files: it reads every file and writes its own.

    Record layout: the text's 16-byte key, the float32 vector, a CRC-32 of both. A reader
    keeps whole records whose checksum holds and stops at the first that does not (a record
    still being written, or a worker killed halfway): it reads on from there next time.
    """

    def __init__(self, folder: Path, dimension: int, capacity: int = CAPACITY) -> None:
        self.folder = folder
        self.dimension = dimension
        self.capacity = capacity
        self.record_bytes = KEY_BYTES + 4 * dimension + CHECK_BYTES
        folder.mkdir(parents=True, exist_ok=True)
        worker = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.own = folder / f"{worker}.bin"
        self._offsets: dict[str, int] = {}  # bytes of each other worker's file read so far
        self._vectors: OrderedDict[bytes, Vectors] = OrderedDict()
        self.recalled = 0  # vectors taken from other workers instead of embedded

    def recall(self, texts: list[str]) -> dict[str, Vectors]:
        """The vectors of those texts some worker of the run has embedded."""
        self._read_others()
        found = {}
        for text in texts:
            vector = self._vectors.get(text_key(text))
            if vector is not None:
                found[text] = vector
        self.recalled += len(found)
        return found

    def publish(self, vectors: dict[str, Vectors]) -> None:
        """Appends the vectors this worker embedded, in one write."""
        records = bytearray()
        for text, vector in vectors.items():
            body = text_key(text) + np.asarray(vector, dtype="<f4").tobytes()
            records += body + zlib.crc32(body).to_bytes(CHECK_BYTES, "little")
        with open(self.own, "ab") as file:
            file.write(records)

    def _read_others(self) -> None:
        for entry in os.scandir(self.folder):
            if not entry.name.endswith(".bin") or entry.path == str(self.own):
                continue
            # Opened only when it grew: with many workers most files have not since last time.
            if entry.stat().st_size > self._offsets.get(entry.path, 0):
                self._read_from(entry.path)

    def _read_from(self, path: str) -> None:
        with open(path, "rb") as file:
            file.seek(self._offsets.get(path, 0))
            while chunk := file.read(READ_RECORDS * self.record_bytes):
                kept = self._keep_records(chunk)
                self._offsets[path] = self._offsets.get(path, 0) + kept
                if kept < len(chunk):
                    return

    def _keep_records(self, chunk: bytes) -> int:
        """Keeps the chunk's good whole records; returns the bytes they take."""
        at, size = 0, self.record_bytes
        while at + size <= len(chunk):
            end = at + size - CHECK_BYTES
            body, check = chunk[at:end], chunk[end : at + size]
            if zlib.crc32(body) != int.from_bytes(check, "little"):
                break
            self._keep(body[:KEY_BYTES], np.frombuffer(body[KEY_BYTES:], dtype="<f4"))
            at += size
        return at

    def _keep(self, key: bytes, vector: Vectors) -> None:
        self._vectors[key] = vector.astype(np.float32)
        self._vectors.move_to_end(key)
        while len(self._vectors) > self.capacity:
            self._vectors.popitem(last=False)
