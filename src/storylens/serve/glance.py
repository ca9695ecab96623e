"""The top of a story page: who reports what, in one line and one bar per outlet.

"2 independent sources (+4 republished) · 4 facts all report · none disputed · 13 reported by
one source", then for each independent outlet how many of the story's facts it reports, split
into those another outlet reports too and those only it reports. Counted from the report's
claims and conflicts as the page shows them (a republished copy counts on its original).
"""

from __future__ import annotations

from dataclasses import dataclass

from storylens.wording import story_glance


@dataclass(slots=True)
class OutletBar:
    """One independent outlet's share of the story's facts."""

    outlet: str
    anchor: str  # id of its column on the page
    shared: int  # facts it reports that another independent outlet reports too
    only_here: int  # facts only it reports
    facts: int  # the story's facts
    republished: int  # copies of its articles printed by other outlets

    @property
    def text(self) -> str:
        """The bar in words (also what a screen reader reads)."""
        reported = self.shared + self.only_here
        return (
            f"reports {reported} of {self.facts} facts: "
            f"{self.shared} shared, {self.only_here} only here"
        )


@dataclass(slots=True)
class Glance:
    line: str
    bars: list[OutletBar]


def glance(
    sources: tuple[int, int],
    outlets: list[tuple[str, str, int]],
    claim_outlets: list[list[str]],
    disputed: int,
) -> Glance:
    """`sources`: (articles, republished copies); `outlets`: (outlet, column anchor, copies of
    it) of each independent outlet, in page order; `claim_outlets`: the outlets reporting each
    fact; `disputed`: facts the outlets disagree on."""
    independent = {outlet for outlet, _, _ in outlets}
    reporters = [set(named) & independent or set(named) for named in claim_outlets]
    line = story_glance(sources, independent, claim_outlets, disputed)
    bars = [
        OutletBar(
            outlet,
            anchor,
            shared=sum(1 for named in reporters if outlet in named and len(named) > 1),
            only_here=sum(1 for named in reporters if named == {outlet}),
            facts=len(reporters),
            republished=copies,
        )
        for outlet, anchor, copies in outlets
    ]
    return Glance(line, bars if len(reporters) else [])
