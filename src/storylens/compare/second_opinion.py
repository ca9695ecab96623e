"""A second model's word before a sentence is labelled "only one outlet reports this".

The claims are aligned on MiniLM (`claims`), which misses a fact restated at another level
of detail: "Two of his fund-raisers have already been charged" against another outlet's
sentence on a named fund-raiser's guilty plea scores under its floor, so the sentence was
shown as single-source although a reader of the other outlet has the fact. multilingual-e5
reads such restatements closer. A sentence about to be labelled single-source is compared
under e5 with its nearest sentences in the other outlets; when one comes to SAME_FACT_MIN
the sentence is shown as unconfirmed, beside it, and "single-source" keeps its meaning. On
the exhaustive comparison gold (bench/gold) this moved 23 of 158 lone sentences on basil,
11 of them wrongly single-source (one in six of all lone sentences is), and 4 of 77 on the
sample corpus, 3 of them wrong: single-source precision basil 0.835 -> 0.889, corpus
0.857 -> 0.890.

e5 is too slow to read every sentence of a story (~50 ms of CPU a sentence), so it reads
each lone sentence and its NEAREST_CHECKED nearest sentences in other outlets by the
story's own vectors; e5's cosines are calibrated to MiniLM's scale (`analyse.packaged`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from storylens.compare.align import Vectors
from storylens.compare.claims import ClaimGroup
from storylens.compare.units import Unit

# Other outlets' sentences e5 reads for each lone sentence: the nearest by the story's
# vectors (both parts of the hybrid), whatever their cosine (the restatements it finds
# score as low as 0.3 on MiniLM: a floor there let wrong labels back, corpus single-source
# precision 0.890 -> 0.868). 3 found 11 of the 26
# wrong on basil and 3 of the 11 on the sample corpus, as 5 nearest by MiniLM alone did,
# for 1.8 s more CPU a basil story against 2.5.
NEAREST_CHECKED = 3
# e5 cosine (calibrated) at which another outlet's sentence may state the same fact. At
# the pair floor (0.5), reading every other sentence, the check moved twice as many basil
# sentences (66 against 31) for a few more wrong ones (18 against 14).
SAME_FACT_MIN = 0.55

# Texts e5 reads for one story, at most (~20 s of CPU, what MiniLM spends on the biggest
# story the compare stage reads): past it, lone sentences further down their articles
# keep the label the claims' alignment gave them.
MAX_TEXTS_READ = 400

Encode = Callable[[list[str]], Vectors]


def recheck_single_sources(
    groups: list[ClaimGroup],
    units: list[Unit],
    vectors: Vectors,
    voices: list[str],
    encode: Encode | None,
) -> list[ClaimGroup]:
    """The groups, each single-source sentence that e5 finds restated by another outlet
    made unconfirmed with that sentence as its nearest. `voices`: per article."""
    if encode is None:
        return groups
    checks = _candidates(groups, units, vectors, voices)
    if not checks:
        return groups
    texts = list(
        dict.fromkeys(units[i].span.text for k, found in checks.items() for i in [k, *found])
    )
    second = encode(texts)
    row = {text: n for n, text in enumerate(texts)}

    def cosine(first: int, other: int) -> float:
        return float(second[row[units[first].span.text]] @ second[row[units[other].span.text]])

    rechecked = list(groups)
    for index, group in enumerate(groups):
        lone = group.units[0]
        close = [i for i in checks.get(lone, []) if cosine(lone, i) >= SAME_FACT_MIN]
        if close:
            rechecked[index] = replace(group, near=tuple(one_per_article(close, units)))
    return rechecked


def _candidates(
    groups: list[ClaimGroup], units: list[Unit], vectors: Vectors, voices: list[str]
) -> dict[int, list[int]]:
    """For each single-source sentence, its nearest sentences in other outlets: leads
    first, then each article's next sentences, while the texts stay within MAX_TEXTS_READ."""
    owners = np.asarray([unit.article for unit in units])
    voice = np.asarray([voices[article] for article in owners.tolist()], dtype=object)
    lones = [g.units[0] for g in groups if not g.shared and not g.unconfirmed]
    found: dict[int, list[int]] = {}
    texts: set[str] = set()
    for lone in sorted(lones, key=lambda i: (units[i].position, units[i].article)):
        others = np.flatnonzero(voice != voices[units[lone].article])
        if len(others) == 0:
            continue
        sims = vectors[others] @ vectors[lone]
        nearest = [int(i) for i in others[np.argsort(-sims, kind="stable")[:NEAREST_CHECKED]]]
        read = {units[i].span.text for i in [lone, *nearest]}
        if len(texts | read) > MAX_TEXTS_READ:
            break
        texts |= read
        found[lone] = nearest
    return found


def one_per_article(close: list[int], units: list[Unit]) -> list[int]:
    """The first (nearest by the story's vectors) of each article, in unit order."""
    kept: dict[int, int] = {}
    for unit in close:
        kept.setdefault(units[unit].article, unit)
    return sorted(kept.values())
