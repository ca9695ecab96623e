"""A worker reports its own peak memory, not the driver's it was started from."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from storylens.batch.work import _peak_rss_mb


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="maxrss outlives exec on Linux")
def test_a_spawned_worker_does_not_inherit_the_driver_s_peak() -> None:
    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # every page touched: resident
    driver_peak = _peak_rss_mb()
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        worker_peak = pool.apply(_peak_rss_mb)
    assert driver_peak > 400
    assert worker_peak < driver_peak - 300
    del ballast
