"""The extraction benchmark's rows as Markdown tables (bench/results/extraction.md)."""

from __future__ import annotations

from typing import Any

SETS_WITH_DATES = "wcxb-article-sample"
SETS_WITH_TITLES = ("wcxb-article-sample", "l3s-gn1")


def markdown(rows: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    lines = [
        f"# Extraction benchmark (commit {machine['commit']}, {machine['cores']} cores,"
        f" Python {machine['python']})",
        "",
        "Token F1 / P / R: shared scorer, macro over pages; `all` is the macro mean over every",
        "page. `tune` / `check`: the pages (split by id hash) used while improving storylens /",
        "never looked at. `empty`: empty bodies on pages whose gold is not empty. Speed: pages/s",
        "of the extraction call in CPU time (the machine is shared: wall time lies), all tools in",
        "one process, one after another, same pages.",
        "",
    ]
    for mode in ("html", "dump"):
        mode_rows = [r for r in rows if r["mode"] == mode]
        if mode_rows:
            lines += _mode_tables(mode, mode_rows)
    return "\n".join(lines)


def _mode_tables(mode: str, rows: list[dict[str, Any]]) -> list[str]:
    datasets = sorted({r["dataset"] for r in rows})
    tools = list(dict.fromkeys(r["tool"] for r in rows))
    by_tool = {t: {r["dataset"]: r for r in rows if r["tool"] == t} for t in tools}
    baseline = _speed(by_tool.get("trafilatura", {}))
    head = ["tool", *datasets, "all", "tune", "check", "empty", "pages/s", "× trafilatura"]
    lines = [f"## {mode} input: token F1", "", _cells(head), _rule(len(head))]
    for tool in tools:
        mine = by_tool[tool]
        speed = _speed(mine)
        lines.append(
            _cells(
                [
                    tool,
                    *(_num(mine[d]["tok_f1"]) if d in mine else "-" for d in datasets),
                    f"**{_num(_weighted(mine, 'tok_f1', 'n'))}**",
                    _num(_weighted(mine, "f1_tune", "n_tune")),
                    _num(_weighted(mine, "f1_check", "n_check")),
                    str(sum(r["empty"] for r in mine.values())),
                    f"{speed:.1f}" if speed else "-",
                    f"{speed / baseline:.2f}" if speed and baseline else "-",
                ]
            )
        )
    lines += ["", f"## {mode} input: token P / R", "", _cells(["tool", *datasets, "all"])]
    lines.append(_rule(len(datasets) + 2))
    for tool in tools:
        mine = by_tool[tool]
        cells = [_pr(mine[d]["tok_p"], mine[d]["tok_r"]) if d in mine else "-" for d in datasets]
        overall = _pr(_weighted(mine, "tok_p", "n"), _weighted(mine, "tok_r", "n"))
        lines.append(_cells([tool, *cells, overall]))
    return [*lines, "", *_metadata_table(mode, tools, by_tool), ""]


def _metadata_table(mode: str, tools: list[str], by_tool: dict[str, dict[str, Any]]) -> list[str]:
    head = [
        "tool",
        "set",
        "date exact day",
        "title exact",
        "title token F1",
        "authors exact",
        "authors token F1",
    ]
    lines = [
        f"## {mode} input: metadata",
        "",
        "Each cell: all pages (tune / check); n = pages whose gold has the field. Titles and",
        "authors are compared after normalising (`bench/extraction_meta.py`): titles NFKC, case",
        "folded, typographic quotes and dashes made ASCII, whitespace collapsed; authors as a",
        'set of names ("By", credentials such as "MD", case and punctuation dropped; split at',
        "; , & / and 'and'/'und'/'et'/'y'); a missing author or title scores 0. Gold limits:",
        "50 of the 415 l3s-gn1 gold titles run over several lines (headline and deck or first",
        "sentence) and some have '?' for a lost typographic character, so no headline matches",
        "them exactly; wcxb gold titles are sometimes the <title> with its site name. wcxb gold",
        "authors are what the page shows or declares (handles and organisations included).",
        "",
        _cells(head),
        _rule(len(head)),
    ]
    for dataset in SETS_WITH_TITLES:
        for tool in tools:
            row = by_tool[tool].get(dataset)
            if row is None:
                continue
            date = row.get("date_exact") if dataset == SETS_WITH_DATES else None
            cells = [
                _split_cell(row, f"{f}_{kind}")
                for f in ("title", "author")
                for kind in ("exact", "f1")
            ]
            if date is None and all(cell == "-" for cell in cells):
                continue
            lines.append(_cells([tool, dataset, _num(date, 2), *cells]))
    counts = [
        f"{s}: {n} titles, {a} authors"
        for s in SETS_WITH_TITLES
        if (any_row := next((m[s] for m in by_tool.values() if s in m), None)) is not None
        for n, a in [(any_row.get("n_titles", 0), any_row.get("n_authors", 0))]
    ]
    return [*lines, "", "Pages with gold: " + "; ".join(counts) + "."] if counts else lines


def _split_cell(row: dict[str, Any], key: str) -> str:
    if row.get(key) is None:
        return "-"
    return f"{_num(row[key])} ({_num(row.get(key + '_tune'))} / {_num(row.get(key + '_check'))})"


def _weighted(mine: dict[str, dict[str, Any]], key: str, count: str) -> float | None:
    pairs = [(r[key], r[count]) for r in mine.values() if r.get(key) is not None]
    total = sum(n for _, n in pairs)
    return sum(v * n for v, n in pairs) / total if total else None


def _speed(mine: dict[str, dict[str, Any]]) -> float | None:
    seconds = sum(r["seconds"] for r in mine.values())
    pages = sum(r["pages"] for r in mine.values())
    return pages / seconds if seconds else None


def _num(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pr(precision: float | None, recall: float | None) -> str:
    return f"{_num(precision)} / {_num(recall)}"


def _cells(values: list[str]) -> str:
    return "| " + " | ".join(values) + " |"


def _rule(width: int) -> str:
    return "|---" * width + "|"
