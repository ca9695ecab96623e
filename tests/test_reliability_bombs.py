"""Resource bounds in CI: the cheap bombs, each in a child process with its peak RSS.

The full set (1 GB gzip JSONL line, 200 MB JSONL line, 19 MB string ingested) runs in
`make bench-reliability`.
"""

from __future__ import annotations

import pytest
from bench.reliability.bombs import BOMBS, Bomb, run_bomb

QUICK = ("gzip bomb", "WARC bomb", "HTML 100,000 deep", "200 MB line (stdin)")


@pytest.mark.parametrize("bomb", [b for b in BOMBS if b.name in QUICK], ids=lambda b: b.name)
def test_bomb_is_refused_or_cut_with_a_message_within_bounds(bomb: Bomb) -> None:
    result = run_bomb(bomb)
    assert result["held"], result
    assert result["exit"] == 1 and bomb.expect and bomb.expect in result["message"]
    assert result["peak_rss_mb"] < bomb.bound_mb
