"""Where an element sits in the page's layout: inside a region that is not the article's."""

from __future__ import annotations

import re
from collections.abc import Collection

from lxml.html import HtmlElement


def in_region(
    element: HtmlElement,
    tags: frozenset[str],
    names: re.Pattern[str],
    article: Collection[HtmlElement] = (),
) -> bool:
    """Whether the element, or an ancestor below <body>, has one of `tags` or a class/id
    matching `names` (a menu, a teaser list, a footer: whatever the caller leaves out).

    `article`: elements known to hold the article text (its ancestors); none of them is such
    a region, whatever its name (ASP.NET pages wrap the whole page in one <form>)."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html") or node in article:
            return False
        classes = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in tags or names.search(classes):
            return True
    return False
