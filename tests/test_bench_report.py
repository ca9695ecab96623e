"""The extraction benchmark's floor peer, page split and Markdown table, and the speed table, on
made-up rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo's bench/ package

from bench.extraction import is_tune_page
from bench.peers import FLOOR_WORDS, make_peer
from bench.report import markdown


def test_the_dump_floor_keeps_only_lines_of_more_than_twelve_words() -> None:
    floor, reader = make_peer("lines>12 words", anchors=None)  # type: ignore[arg-type]
    long_line = " ".join(["word"] * (FLOOR_WORDS + 1))
    twelve = " ".join(["word"] * FLOOR_WORDS)
    assert floor(f"Home | News\n{twelve}\n{long_line}\n", None).text == long_line
    assert reader is None


def test_the_tune_check_split_is_stable_and_uneven() -> None:
    ids = [f"page-{n}" for n in range(400)]
    tune = [i for i in ids if is_tune_page(i)]
    assert [i for i in ids if is_tune_page(i)] == tune
    assert 0.5 < len(tune) / len(ids) < 0.75


def _row(tool: str, dataset: str, f1: float, seconds: float, **extra: float) -> dict:
    return {
        "tool": tool,
        "mode": "html",
        "dataset": dataset,
        "n": 10,
        "pages": 10,
        "tok_f1": f1,
        "tok_p": f1,
        "tok_r": f1,
        "f1_tune": f1,
        "n_tune": 6,
        "f1_check": f1,
        "n_check": 4,
        "empty": 0,
        "seconds": seconds,
        **extra,
    }


def test_the_table_weights_sets_by_pages_and_compares_speed_with_trafilatura() -> None:
    rows = [
        _row("storylens", "aeb", 0.9, 1.0),
        _row(
            "storylens",
            "wcxb-article-sample",
            0.7,
            1.0,
            date_exact=0.95,
            title_f1=0.97,
            author_exact=0.8,
            author_exact_tune=0.9,
            author_exact_check=0.6,
            n_titles=10,
            n_authors=5,
        ),
        _row("trafilatura", "aeb", 0.8, 2.0),
        _row("trafilatura", "wcxb-article-sample", 0.6, 2.0, date_exact=0.87),
    ]
    text = markdown(rows, {"commit": "abc1234", "cores": 2, "python": "3.11"})
    assert "| storylens | 0.900 | 0.700 | **0.800** | 0.800 | 0.800 | 0 | 10.0 | 2.00 |" in text
    assert "| trafilatura | 0.800 | 0.600 | **0.700** |" in text
    # Metadata per tool and set: date, title exact, title F1 (tune / check), authors.
    assert (
        "| storylens | wcxb-article-sample | 0.95 | - | 0.970 (- / -) | 0.800 (0.900 / 0.600) | - |"
        in text
    )
    assert "Pages with gold: wcxb-article-sample: 10 titles, 5 authors." in text
    assert "| trafilatura | wcxb-article-sample | 0.87 | - | - | - | - |" in text


def test_the_speed_table_sets_each_ingest_against_trafilatura_in_its_own_round(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The machine drifts: a round where everything ran slow must not read as a slow ingest.
    from bench import speed

    ingest = iter([20.0, 10.0, 40.0, 20.0, 10.0, 5.0])  # 1 worker, 2 workers, by round
    trafilatura = iter([10.0, 20.0, 5.0])
    monkeypatch.setattr(speed, "_ingest", lambda pages, work, workers: next(ingest))
    monkeypatch.setattr(speed, "_trafilatura", lambda pages: next(trafilatura))
    monkeypatch.setattr(speed.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(speed, "INGEST_RUNS", 3)
    found = speed._ingest_runs([tmp_path / "page.html"], tmp_path)
    two = found["storylens ingest, 2 workers"]
    assert two["runs_s"] == [10.0, 20.0, 5.0]
    assert two["x_trafilatura_by_round"] == [1.0, 1.0, 1.0]
    assert found["storylens ingest, 1 worker"]["x_trafilatura_by_round"] == [0.5, 0.5, 0.5]
    assert "x_trafilatura_by_round" not in found[speed.TRAFILATURA]
    table = speed._markdown(
        {
            "machine": {"cores": 2, "python": "3", "commit": "abc"},
            "pages": 1,
            "startup": {"help_s": 0.1, "extract_one_page_s": 0.2},
            "ingest": found,
        }
    )
    assert (
        "| storylens ingest, 2 workers | 10.0 | 0.1 | 10.0, 20.0, 5.0 | 1.00, 1.00, 1.00 |" in table
    )
