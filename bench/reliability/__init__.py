"""Reliability harnesses: fuzzing, resource bounds, crash safety, concurrency.

`make fuzz` runs the fuzzer for a bounded time; `make bench-reliability` runs every harness
in full and writes `bench/results/reliability.md` (+ `.json`). The tests run each harness in
a short mode (tests/test_reliability_*.py).
"""
