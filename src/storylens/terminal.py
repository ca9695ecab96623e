"""Text from articles made safe to print: no terminal control sequence reaches a terminal.

Article text, titles and file names are hostile: an ESC, a C1 control (U+009B is a CSI on
its own) or a carriage return in them could move the cursor, rewrite earlier lines, set a
window title or worse on the terminal that shows our output. Every such character is
written as a `\\uXXXX` escape, which is also what JSON would write for it: a JSON document
stays the same document (only these characters' spelling changes), and plain text shows
them instead of obeying them. Newlines and tabs stay as they are.
"""

from __future__ import annotations

# C0 controls but newline and tab, DEL, and the C1 controls.
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_ESCAPES = {code: f"\\u{code:04x}" for code in _CONTROLS if chr(code) not in "\n\t"}


def printable(text: str) -> str:
    """`text` with every terminal control character but newline and tab escaped."""
    return text.translate(_ESCAPES)
