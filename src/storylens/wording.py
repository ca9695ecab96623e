"""Counts in words a person reads: "1 article", "2 articles", "1 story", "3 stories"."""

from __future__ import annotations

from collections.abc import Collection, Iterable


def sources_phrase(articles: int, republished: int) -> str:
    """ "2 independent sources (+4 republished)": a syndicated copy counts once, on its
    original."""
    phrase = counted(articles - republished, "independent source")
    return phrase + (f" (+{republished} republished)" if republished else "")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and the noun in the number it needs (`plural` where it is not noun + "s")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def glance_phrase(
    sources: tuple[int, int],
    *,
    facts: int,
    all_report: int | None,
    some: int,
    disputed: int,
    single: int,
) -> str:
    """A story in one line: "3 independent sources (+3 republished) · 4 facts all report ·
    2 disputed · 12 reported by one source". `sources` is (articles, republished copies);
    `all_report` is None where one source alone tells the story (then only its facts count)."""
    parts = [sources_phrase(*sources)]
    if all_report is None:
        return " · ".join([*parts, counted(facts, "fact")])
    parts.append(f"{counted(all_report, 'fact')} all report")
    if some:
        parts.append(f"{some} reported by some")
    parts.append(f"{disputed} disputed" if disputed else "none disputed")
    parts.append(f"{single} reported by one source")
    return " · ".join(parts)


def story_glance(
    sources: tuple[int, int],
    independent: Collection[str],
    claim_outlets: Iterable[Iterable[str]],
    disputed: int,
) -> str:
    """The glance line counted from a comparison: `independent` are the outlets of the
    articles that are not copies, `claim_outlets` the outlets stating each fact (a copy counted
    on its original), `disputed` the facts the outlets disagree on. The page, the Markdown
    and the HTML report all say it this way."""
    outlets = set(independent)
    reporters = [set(named) & outlets or set(named) for named in claim_outlets]
    everyone = len(outlets) > 1
    all_report = sum(1 for named in reporters if everyone and named >= outlets)
    single = sum(1 for named in reporters if len(named) <= 1)
    return glance_phrase(
        sources,
        facts=len(reporters),
        all_report=all_report if everyone else None,
        some=len(reporters) - all_report - single,
        disputed=disputed,
        single=single,
    )
