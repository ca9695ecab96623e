"""The failures of one ingest, in bounded memory.

A hostile input can fail a million times over (a 3 MB file of a million `{}` lines): the
failures must not pile up until the end. Each one is counted, the first few are kept for
the answer (the API's `failures`), and the others wait only until `FLUSH_EVERY` of them
are due, then go to the store's failures table. That table records what went wrong; it
is no copy of a hostile input: past `STORED_AT_MOST` rows per ingest only a count is kept,
and one closing row says how many more there were. Every failure still reaches the
caller's own sink as it happens (the CLI prints each on stderr).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storylens.records import Failure

# Failures kept whole for the answer to an ingest (the API answers with counts and these).
FIRST_KEPT = 20
# Failures written to the store together: large enough that a bad file costs few
# transactions, small enough that they hold ~100 KB between writes.
FLUSH_EVERY = 1000
# Failure rows one ingest stores one by one; the rest are counted in a closing row.
STORED_AT_MOST = 10_000
# The source of that closing row: it is about the ingest, not about one input.
SUMMARY_SOURCE = "ingest"


@dataclass(slots=True)
class FailureLog:
    count: int = 0
    first: list[Failure] = field(default_factory=list)
    pending: list[Failure] = field(default_factory=list)  # due for the store
    taken: int = 0  # rows handed to the store so far
    not_stored: int = 0  # failures past STORED_AT_MOST, only counted

    def add(self, failure: Failure) -> None:
        self.count += 1
        if len(self.first) < FIRST_KEPT:
            self.first.append(failure)
        if self.taken + len(self.pending) < STORED_AT_MOST:
            self.pending.append(failure)
        else:
            self.not_stored += 1

    @property
    def due(self) -> bool:
        """Enough failures wait that they should be written now, batch or not."""
        return len(self.pending) >= FLUSH_EVERY

    def take(self, *, last: bool = False) -> list[Failure]:
        """The rows to store now; `last`: the ingest is over, so with the closing count."""
        rows, self.pending = self.pending, []
        self.taken += len(rows)
        if last and self.not_stored:
            rows.append(
                Failure(
                    SUMMARY_SOURCE,
                    f"{self.not_stored} more failures not recorded one by one "
                    f"(an ingest records its first {STORED_AT_MOST})",
                )
            )
            self.not_stored = 0
        return rows
