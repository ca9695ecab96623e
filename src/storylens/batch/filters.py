"""Which articles a batch keeps: by publication date range, language and host.

Every drop has a reason, counted per shard (`dropped_<reason>`), so "why is this page not
in the result?" has an answer. The host filter also runs before extraction when the record
carries its URL (a WARC response does), so that a month of news read for one site does
not pay for extracting every other one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from storylens.errors import ConfigError
from storylens.records import Article


@dataclass(slots=True, frozen=True)
class ArticleFilter:
    since: str | None = None  # ISO dates, both ends included
    until: str | None = None
    language: str | None = None  # ISO 639-1 code; `en` keeps `en` and `en-GB`
    host: str | None = None  # `example.com` keeps it and its subdomains

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError as exc:
                    raise ConfigError(f"--{name} {value!r}: want a date as YYYY-MM-DD") from exc

    def drop_url(self, url: str | None) -> str | None:
        """The reason to drop a record by its URL alone, before extracting it."""
        if self.host and url and not host_matches(url, self.host):
            return "host"
        return None

    def drop(self, article: Article) -> str | None:
        """The reason to drop an extracted article, or None to keep it."""
        if self.host and not (article.url and host_matches(article.url, self.host)):
            return "host"
        if self.language and not _language_matches(article.language, self.language):
            return "language"
        if self.since or self.until:
            day = (article.published or "")[:10]
            if not day:
                return "undated"
            if (self.since and day < self.since) or (self.until and day > self.until):
                return "date"
        return None


def host_matches(url: str, host: str) -> bool:
    try:
        found = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    wanted = host.lower().strip(".")
    return found == wanted or found.endswith("." + wanted)


def _language_matches(found: str | None, wanted: str) -> bool:
    if not found:
        return False
    return found.lower().split("-")[0].split("_")[0] == wanted.lower()
