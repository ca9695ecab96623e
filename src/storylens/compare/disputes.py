"""One disputed fact, told once: the comparison's conflicts grouped per claim and kind.

The comparison keeps one conflict per pair of articles, so each side stays checkable; every
view (the page, the Markdown report) shows a disputed fact once, each value with the outlets
stating it: "Five (Daily Courier, Lakeshore Gazette) vs. Seven (Northern Ledger)".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storylens.records import Conflict

Label = Callable[[str], str]  # article id -> outlet label


@dataclass(slots=True, frozen=True)
class Dispute:
    kind: str  # what differs: number, date, name, attribution
    conflicts: list[Conflict]  # the pairs of articles behind it
    values: list[tuple[str, list[str]]]  # each value as first written, with its outlets
    sides: list[tuple[str, str, str]]  # (outlet, value, sentence), each once


def disputes(conflicts: list[Conflict], label: Label) -> list[Dispute]:
    """The conflicts grouped per fact (claim and kind), in the order each fact first
    appears; a value is one however its case is written ("Five" / "five")."""
    groups: dict[tuple[int, str], list[Conflict]] = {}
    for conflict in conflicts:
        groups.setdefault((conflict.claim, conflict.kind), []).append(conflict)
    return [_dispute(kind, group, label) for (_, kind), group in groups.items()]


def _dispute(kind: str, conflicts: list[Conflict], label: Label) -> Dispute:
    values: dict[str, tuple[str, list[str]]] = {}  # "five" -> ("Five", outlets)
    sides: dict[tuple[str, str, str], None] = {}
    for conflict in conflicts:
        for span, value in (
            (conflict.first, conflict.first_value.text),
            (conflict.second, conflict.second_value.text),
        ):
            outlet = label(span.article)
            _, outlets = values.setdefault(value.lower(), (value, []))
            if outlet not in outlets:
                outlets.append(outlet)
            sides[(outlet, value, span.text)] = None
    return Dispute(kind, conflicts, list(values.values()), list(sides))
