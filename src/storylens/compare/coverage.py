"""Coverage per outlet: what it alone reports, and what the others report that it leaves out.

Outlets are counted as voices: a syndicated copy neither makes a claim "shared" nor is said
to leave out what its original reports.
"""

from __future__ import annotations

from storylens.records import Claim, Coverage

# Claims listed as left out per outlet: the most widely reported first, bounded.
MAX_LEFT_OUT = 50


def coverage(
    claims: list[Claim], outlet_of: dict[str, str], voice_of: dict[str, str]
) -> list[Coverage]:
    """One entry per independent outlet (voice), named after the voice's outlet."""
    voices = list(dict.fromkeys(voice_of.values()))
    names: dict[str, str] = {}
    for article, voice in voice_of.items():
        names.setdefault(
            voice,
            voice.removeprefix("outlet ")
            if voice.startswith("outlet ")
            else outlet_of.get(article, voice),
        )
    made_by = [{voice_of.get(span.article, span.article) for span in c.sources} for c in claims]
    entries = []
    for voice in voices:
        only_here = [i for i, by in enumerate(made_by) if by == {voice}]
        left_out = sorted(
            (i for i, by in enumerate(made_by) if voice not in by),
            key=lambda i: (-len(made_by[i]), i),
        )[:MAX_LEFT_OUT]
        entries.append(Coverage(names[voice], only_here, left_out))
    return entries
