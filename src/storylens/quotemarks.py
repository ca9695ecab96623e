"""A sentence cut from a longer quote, shown with the quotation mark it lacks.

A claim or a summary cites one sentence of an article verbatim. When that sentence is the
first of a quote of several, it opens a quotation mark that never closes; when it is the
last, it closes one it never opened ("It is a climate problem," said Vera Ruiz). Shown as
they are, a reader cannot tell whose words end where. The records keep the verbatim span;
what a person reads gets the missing mark, as an editor adds it.
"""

from __future__ import annotations

# Curly and guillemet pairs: the opening and closing marks differ, so the side that lacks
# its mark is known. ("„…“" is left alone: its closing mark is English's opening one.)
PAIRED = (("“", "”"), ("«", "»"))
STRAIGHT = '"'


def balanced(text: str) -> str:
    """`text` with the quotation marks it opens or closes alone completed."""
    for opening, closing in PAIRED:
        missing = text.count(opening) - text.count(closing)
        if missing > 0:
            text += closing * missing
        elif missing < 0:
            text = opening * -missing + text
    if text.count(STRAIGHT) % 2:
        # A straight mark opening the text opens a quote the text does not close; anywhere
        # else it closes one opened before the text.
        text = text + STRAIGHT if text.lstrip().startswith(STRAIGHT) else STRAIGHT + text
    return text
