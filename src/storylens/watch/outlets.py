"""`--outlets FILE`: outlets with their sources and language, in TOML.

    [[outlet]]
    name = "Harbour Gazette"
    language = "en"
    sources = ["https://gazette.example/feed.xml", "https://gazette.example/"]

A bad file is one ConfigError line saying where and how to fix it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError


@dataclass(slots=True, frozen=True)
class SourceSpec:
    """One source to watch: a feed, a sitemap or a home page, and whose it is."""

    url: str
    outlet: str | None = None
    language: str | None = None


def read_outlets(path: str | Path) -> list[SourceSpec]:
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"--outlets {path}: cannot read it: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"--outlets {path}: not valid TOML: {exc}") from exc
    outlets = document.get("outlet")
    if not isinstance(outlets, list) or not outlets:
        raise ConfigError(f"--outlets {path}: no [[outlet]] tables (see the README's example)")
    return [spec for n, entry in enumerate(outlets, 1) for spec in _outlet(path, n, entry)]


def _outlet(path: str | Path, number: int, entry: Any) -> list[SourceSpec]:
    where = f"--outlets {path}: outlet {number}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table with name, language and sources")
    name, language, sources = entry.get("name"), entry.get("language"), entry.get("sources")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f'{where}: give it a name = "..."')
    if language is not None and not isinstance(language, str):
        raise ConfigError(f'{where} ({name}): language must be a string such as "en"')
    if isinstance(sources, str):
        sources = [sources]
    if (
        not isinstance(sources, list)
        or not sources
        or not all(isinstance(s, str) and s.strip() for s in sources)
    ):
        raise ConfigError(f"{where} ({name}): sources must be a list of feed or page URLs")
    return [SourceSpec(s.strip(), name.strip(), language) for s in sources]
