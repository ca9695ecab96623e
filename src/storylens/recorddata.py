"""Records as plain data and back, derived from their type hints: one converter for all.

A comparison is stored as `to_data(comparison)` and read back with
`from_data(Comparison, data)`; a field added to a record travels through both with no
code of its own. Decoding checks each value against its annotation, so a row edited by
hand fails with TypeError/KeyError rather than giving a record of the wrong shape.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

T = TypeVar("T")


def to_data(record: Any) -> Any:
    """Dataclasses as dicts (every field), tuples as lists; the rest as it is."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_data(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, list | tuple):
        return [to_data(item) for item in record]
    if isinstance(record, dict):
        return {key: to_data(value) for key, value in record.items()}
    return record


def from_data(kind: type[T], data: Any) -> T:
    """The record of type `kind` that `to_data` gave `data`; missing fields that have a
    default take it (rows written before the field existed)."""
    value: T = _decode(kind, data)
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    return get_type_hints(kind)


def _decode(kind: Any, data: Any) -> Any:
    origin = get_origin(kind)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise TypeError(f"{kind.__name__}: expected an object")
        hints = _hints(kind)
        values = {
            f.name: _decode(hints[f.name], data[f.name])
            for f in dataclasses.fields(kind)
            if f.name in data or not _has_default(f)
        }
        return kind(**values)
    if origin in (types.UnionType, typing.Union):
        options = get_args(kind)
        if data is None and type(None) in options:
            return None
        return _decode(next(o for o in options if o is not type(None)), data)
    if origin is typing.Literal:
        if data not in get_args(kind):
            raise TypeError(f"{data!r} is not one of {get_args(kind)}")
        return data
    if origin in (list, tuple, frozenset):
        if not isinstance(data, list):
            raise TypeError("expected a list")
        items = [_decode(get_args(kind)[0], item) for item in data]
        return origin(items) if origin is not list else items
    if origin is dict:
        if not isinstance(data, dict):
            raise TypeError("expected an object")
        key_kind, value_kind = get_args(kind)
        return {_decode(key_kind, k): _decode(value_kind, v) for k, v in data.items()}
    return _scalar(kind, data)


def _scalar(kind: Any, data: Any) -> Any:
    if kind is Any:
        return data
    if kind is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if kind in (str, int, bool) and type(data) is kind:
        return data
    raise TypeError(f"expected {getattr(kind, '__name__', kind)}, got {type(data).__name__}")


def _has_default(field: dataclasses.Field[Any]) -> bool:
    return (
        field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
    )
