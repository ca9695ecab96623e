"""Claims: the same statement aligned across the story's articles, shared or single-source.

Two sentences of different articles state the same thing when their vectors are close
*and* they agree on rare words (names, numbers, content words the rest of the story does
not repeat) — or, for translations and close paraphrases that reword everything, when
their vectors are very close. Dense similarity alone also pairs two different statements
about the same event, and words alone miss translations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from storylens.compare.align import (
    Pair,
    Vectors,
    candidate_pairs,
    greedy_groups,
    mean_cosine,
    mutual_best,
    standing_out,
)
from storylens.compare.lexical import rarity, weighted_dice
from storylens.compare.measures import measure_keys
from storylens.compare.units import Unit
from storylens.extract.dateline import parse_dateline
from storylens.records import Claim, Unconfirmed

# Calibrated by hand on the TASS/AFP seed pair (two translations of one denial), on the
# invented golden story in tests/test_compare.py, and by reading every aligned pair of
# eight basil stories (Fox/NYT/HuffPost) to move each threshold until the wrong pairs
# near it went and the right ones stayed. On the seed pair restatements score cosine
# 0.61-0.84 with rarity-weighted word overlap 0.19-0.49; different statements about the
# same hack reach cosine 0.65 but share at most one rare word. Precision is bounded by
# MiniLM: about one aligned pair in eight was still wrong on basil.
COSINE_FLOOR = 0.5  # below this no pair is considered...
# ...unless the two share a figure (a number of two digits or more: "1,900", "$22 million",
# "61,288") and another content word. MiniLM scores a long lead that packs five facts low
# against a short sentence stating one of them ("About 1,900 people were left homeless":
# 0.42-0.52 on the sample corpus) while the same figure and noun say it is one fact.
FIGURE_COSINE_MIN = 0.4
COSINE_ALONE = 0.82  # this close, rewording (a translation) needs no shared words
# Otherwise at least this rarity-weighted Dice overlap... (0.15 until the exhaustive gold:
# 0.2 lifted pair precision on both halves of the basil gold, 0.81 -> 0.86 and 0.91 -> 0.93,
# for one pair of recall in a hundred, and left the sample corpus as it was.)
OVERLAP_MIN = 0.2
SHARED_WORDS_MIN = 2  # ...of at least this many content words (one is a coincidence)...
COMBINED_MIN = 0.76  # ...and cosine + LEXICAL_WEIGHT * overlap at least this...
LEXICAL_WEIGHT = 0.5
# ...or this much where the two share many content words. The overlap is a Dice score, so
# a long sentence packing several facts scores low against a short one stating one of
# them however many words they share ("The Intercept wrote, citing a classified report of
# the US National Security Agency…" / "The Kremlin denied a leaked US report that…": 8
# words, 0.736). Between 0.72 and 0.76, pairs sharing 2-5 content words were right 19
# times in 34 on the basil tuning stories, those sharing 6 or more 26 in 37. With the bar
# at 0.76 below six shared words (it was 0.72 for all): pair precision basil 0.904 ->
# 0.920, held-out check 0.866 -> 0.895, sample corpus 0.956 -> 0.967, for 0.3-0.6 points
# of pair recall; at 0.76 for all, the seeds' leaked-report fact was lost.
COMBINED_MIN_MANY_WORDS = 0.72
MANY_SHARED_WORDS = 6
# A sentence is matched with another outlet's only when that sentence is closer to it
# (cosine + LEXICAL_WEIGHT * overlap) than any other sentence of the outlet by this much
# (`align.standing_out`). In a long story many sentences of one outlet come near the same
# sentence of another (the same people, the same case), and the best of several near-equal
# ones is a coin toss: of the pairs aligned on the 39 basil tuning stories, the wrong ones
# had a median lead of 0.09 over their runner-up, the right ones 0.29. Such a sentence is
# shown as unconfirmed, beside its nearest sentences. At 0.05: pair precision basil 0.853 ->
# 0.872, the held-out check 0.895 -> 0.920, the sample corpus 0.967 -> 0.968, for 1.4 and
# 1.5 points of pair recall on basil and the check, none on the corpus.
STANDS_OUT_BY = 0.05
# A group only grows while its members stay close on average, so a chain of pairwise
# matches cannot drift from one statement to another.
GROUP_MEAN_MIN = 0.55
# Added to the combined score when two sentences share a number (see `agreement`).
AGREEMENT_BONUS = 0.05
# Each article's lead (its first statement, or the one opening on a dateline): two leads
# that pair add a second group of theirs (`_second_sources`). Two leads no longer pair for
# being leads alone (cosine 0.4 was enough): such pairs were right 26 times in 35 on the
# basil stories the rule was written on, but 23 in 41 on the 21 stories of the held-out
# check ("Gov. Perry said he would back…" / "Sheriff Arpaio endorsed Perry…"); shared-claim pair
# precision without it: basil 0.890 -> 0.904, check 0.827 -> 0.866, the sample corpus
# 0.947 -> 0.956, for 1.5 points of pair recall. Restricted to leads that open on one actor
# and name no two weekdays, they were still right only half the time on the check.
LEAD_SEARCH = 3  # sentences read for a dateline
# "Only one outlet reports this" is a label a reader acts on, so it is given only when no
# sentence of another outlet comes near (cosine + LEXICAL_WEIGHT * overlap below this).
# Above it and below a match, the sentence may state another outlet's fact in other words
# (half of the same-fact pairs of the exhaustive basil gold score under 0.63, as do most
# pairs of different facts): it is shown as unconfirmed, beside its nearest sentences.
SINGLE_NEAREST_MAX = 0.45

# How many sentences of one article may state a figure that marks a fact (`figures`).
# Allowing the lead and one restatement (2) let in more wrong pairs than right ones on both
# gold sets: pair precision basil 0.921 -> 0.904, the sample corpus 0.945 -> 0.931, for
# 0.006 of pair recall.
FIGURE_RESTATED = 1
# A number naming a thing: after an acronym ("SB 1062", "SB1062") or a word that numbers
# things ("Flight 370", "Proposition 8", "No. 10").
LABELLED_NUMBER = re.compile(
    r"\b(?:[A-Z]{2,}|Bill|Route|Flight|Proposition|Prop\.|No\.|Number|Article|Section|"
    r"Amendment|Resolution|Highway|Interstate|Rule|Chapter|Title|Gate|Room|Pier|Platform)"
    r"[\s-]?(\d[\d,]*)"
)


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Units (indices into the story's sentence units) that make one statement."""

    units: list[int]
    voices: int  # independent outlets making it
    # Units that joined as a second group of theirs (`_second_sources`): aligned by a shared
    # figure, not as the one best match, so they do not take part in conflicts.
    second: frozenset[int] = frozenset()
    # A lone sentence's nearest sentence in each other outlet that comes near it (see
    # SINGLE_NEAREST_MAX): empty when it is clearly single-source.
    near: tuple[int, ...] = ()
    # Another outlet of the story writes in another language: words cannot be compared
    # across the two, so that outlet's silence on this sentence cannot be told.
    foreign: bool = False

    @property
    def shared(self) -> bool:
        return self.voices >= 2

    @property
    def unconfirmed(self) -> bool:
        """Neither matched nor clearly reported by one outlet alone."""
        return not self.shared and (bool(self.near) or self.foreign)


def figures(units: list[Unit]) -> list[frozenset[str]]:
    """Per sentence, the quantities of two digits or more that may mark one fact (a single
    digit is too common: "4-1", "NestView 2").

    Not a label ("SB 1062", "Route 66"), and not a number an article repeats from sentence
    to sentence ("the 2016 election" in a story about it, the bill's number): that one is
    the story's subject, and two sentences naming it state different facts as often as the
    same. A number each article states once ("opened in 1978", "$22 million") is the fact."""
    found = [_quantities(unit) for unit in units]
    stated: Counter[tuple[int, str]] = Counter()
    for unit, numbers in zip(units, found, strict=True):
        stated.update((unit.article, number) for number in numbers)
    repeated = {number for (_, number), times in stated.items() if times > FIGURE_RESTATED}
    return [numbers - repeated for numbers in found]


def _quantities(unit: Unit) -> frozenset[str]:
    """The unit's figures, and what it measures (`measure_keys`: the same measure with another
    value is one fact in dispute, which `compare.measures` then shows)."""
    numbers = {w for w in unit.words if w[0].isdigit() and sum(ch.isdigit() for ch in w) >= 2}
    measured = measure_keys(unit.span.text)
    if not numbers:
        return measured
    labels = {m.group(1).replace(",", "") for m in LABELLED_NUMBER.finditer(unit.span.text)}
    return frozenset(numbers - labels) | measured


def agreement(first: frozenset[str], second: frozenset[str]) -> float:
    """Bonus for the numbers and names two sentences share: the same figures and actors
    are strong evidence of one statement. Differing numbers cost nothing: "five killed" /
    "seven killed" is one claim in conflict, found later (`conflicts`)."""
    numbers = {w for w in first if w[0].isdigit()} & {w for w in second if w[0].isdigit()}
    return AGREEMENT_BONUS if numbers else 0.0


def pair_score(
    cosine: float, overlap: float, shared_words: int, bonus: float = 0.0, figure: bool = False
) -> float | None:
    """Confidence that two sentences make the same statement, or None when they do not."""
    combined = cosine + LEXICAL_WEIGHT * overlap + bonus
    if cosine >= COSINE_ALONE:
        return combined
    if shared_words < SHARED_WORDS_MIN:
        return None
    if figure and cosine >= FIGURE_COSINE_MIN:
        return combined
    bar = COMBINED_MIN_MANY_WORDS if shared_words >= MANY_SHARED_WORDS else COMBINED_MIN
    if cosine >= COSINE_FLOOR and overlap >= OVERLAP_MIN and combined >= bar:
        return combined
    return None


def align_claims(
    units: list[Unit],
    vectors: Vectors,
    voices: list[str],
    languages: list[str | None] | None = None,
) -> list[ClaimGroup]:
    """Group sentences into claims, ranked: most independent outlets first, then position.

    `languages`: per article, its language where known (see `ClaimGroup.foreign`)."""
    owners = [unit.article for unit in units]
    weights = rarity([unit.words for unit in units])
    pairs, packed, near = [], [], []
    closeness: dict[tuple[int, int], float] = {}
    leads = lead_units(units)
    quantities = figures(units)
    for i, j, cosine in candidate_pairs(vectors, owners, FIGURE_COSINE_MIN):
        first, second = units[i].words, units[j].words
        overlap = weighted_dice(first, second, weights)
        closeness[(i, j)] = cosine + LEXICAL_WEIGHT * overlap
        if voices[owners[i]] != voices[owners[j]]:
            near.append(Pair(closeness[(i, j)], i, j))
        figure = bool(quantities[i] & quantities[j])
        bonus = agreement(first, second)
        score = pair_score(cosine, overlap, len(first & second), bonus, figure)
        if score is not None:
            pairs.append(Pair(score, i, j))
            if figure or {i, j} <= leads:
                packed.append(pairs[-1])

    def close_enough(first: list[int], second: list[int]) -> bool:
        # Two lone sentences already passed `pair_score`, which weighs their words too.
        if len(first) == 1 and len(second) == 1:
            return True
        return mean_cosine(vectors, first, second) >= GROUP_MEAN_MIN

    # Each sentence joins through its best match in the other article only, and only where
    # that match stands out: a sentence whose partner prefers another sentence, or that has
    # two near-equal candidates in one article, is a near-miss, not a restatement.
    matched = mutual_best(standing_out(pairs, closeness, owners, STANDS_OUT_BY), owners)
    grouped = greedy_groups(owners, matched, close_enough)
    # Only a shared figure or two leads add a second group (`packed`: a sentence packing
    # several facts): on basil second sources from words and cosine alone added as many
    # wrong pairs as right ones.
    groups = [
        ClaimGroup(members, len({voices[units[i].article] for i in members}), second)
        for members, second in _second_sources(grouped, packed, owners, close_enough)
    ]
    foreign = _foreign(languages or [], voices)
    return sorted(_with_near(groups, near, owners, foreign), key=lambda g: _rank(g, units))


def _foreign(languages: list[str | None], voices: list[str]) -> set[int]:
    """Articles that another voice of the story writes in another (known) language."""
    found = set()
    for index, language in enumerate(languages):
        others = {lang for i, lang in enumerate(languages) if voices[i] != voices[index]}
        if language is not None and others - {language, None}:
            found.add(index)
    return found


def lead_units(units: list[Unit]) -> set[int]:
    """Each article's lead: its first statement, and the sentence opening on a dateline
    ("MOSCOW, June 6. /TASS/. ...") when a standfirst comes before it."""
    leads: set[int] = set()
    for index, unit in enumerate(units):
        opens = unit.position < LEAD_SEARCH and parse_dateline(unit.span.text) is not None
        if unit.position == 0 or opens:
            leads.add(index)
    return leads


def _with_near(
    groups: list[ClaimGroup], near: list[Pair], owners: list[int], foreign: set[int]
) -> list[ClaimGroup]:
    """Lone sentences get their nearest sentence in each other article that comes near."""
    best: dict[tuple[int, int], Pair] = {}
    for pair in near:
        if pair.score < SINGLE_NEAREST_MAX:
            continue
        for unit, other in ((pair.first, pair.second), (pair.second, pair.first)):
            key = (unit, owners[other])
            if key not in best or pair.score > best[key].score:
                best[key] = pair
    nearest: dict[int, list[int]] = {}
    for (unit, _), pair in sorted(best.items()):
        nearest.setdefault(unit, []).append(pair.second if pair.first == unit else pair.first)
    return [
        ClaimGroup(
            g.units,
            g.voices,
            g.second,
            tuple(nearest.get(g.units[0], ())),
            owners[g.units[0]] in foreign,
        )
        if len(g.units) == 1
        else g
        for g in groups
    ]


def _second_sources(
    groups: list[list[int]],
    pairs: list[Pair],
    owners: list[int],
    close_enough: Callable[[list[int], list[int]], bool],
) -> list[tuple[list[int], frozenset[int]]]:
    """Sentences that also state another group's statement join it as well.

    A lead packs several facts ("a 6.1 quake killed seven and left 1,900 homeless") that
    another outlet states in sentences of their own; one-to-one alignment gives the lead to
    one of them only. A pair that passed the test but lost to a better match adds its
    sentence to the other's group too, while that group has no sentence of its article;
    when neither group can take it, the pair is a claim of its own.
    """
    home = {unit: index for index, group in enumerate(groups) for unit in group}
    extended = [list(group) for group in groups]
    seconds: list[set[int]] = [set() for _ in groups]
    articles = [{owners[u] for u in group} for group in groups]
    joined: set[tuple[int, int]] = set()
    for pair in sorted(pairs, key=lambda p: (-p.score, p.first, p.second)):
        if home[pair.first] == home[pair.second] or (pair.first, pair.second) in joined:
            continue
        added = False
        for unit, other in ((pair.first, pair.second), (pair.second, pair.first)):
            target = home[other]
            if owners[unit] in articles[target] or not close_enough(groups[target], [unit]):
                continue
            extended[target].append(unit)
            seconds[target].add(unit)
            articles[target].add(owners[unit])
            joined.update((min(unit, u), max(unit, u)) for u in extended[target])
            added = True
        if not added:
            extended.append([pair.first, pair.second])
            seconds.append({pair.first, pair.second})
            joined.add((pair.first, pair.second))
    return [
        (sorted(group), frozenset(second)) for group, second in zip(extended, seconds, strict=True)
    ]


def _rank(group: ClaimGroup, units: list[Unit]) -> tuple[int, int, int, int]:
    first = units[group.units[0]]
    return (0 if group.shared else 1, -group.voices, first.article, first.position)


def for_conflicts(group: ClaimGroup, claim: Claim) -> Claim:
    """The claim as aligned one to one: second sources left out, so two sentences that
    share a figure but state other things are never read as one claim in conflict."""
    if not group.second:
        return claim
    kept = [s for i, s in zip(_ordered(group), claim.sources, strict=True) if i not in group.second]
    return Claim(claim.text, kept, claim.outlets, claim.shared and len(kept) > 1)


def to_claim(group: ClaimGroup, units: list[Unit], labels: list[str]) -> Claim:
    """The record: one span per article, its wording the first one's. Sentences that
    joined as a second claim of theirs (a lead packing several facts) come last, so a
    lead cited by two claims does not give both the same wording."""
    ordered = _ordered(group)
    sources = [units[i].span for i in ordered]
    outlets = list(dict.fromkeys(labels[units[i].article] for i in ordered))
    return Claim(sources[0].text, sources, outlets, group.shared)


def _ordered(group: ClaimGroup) -> list[int]:
    return sorted(group.units, key=lambda i: (i in group.second, i))


def to_unconfirmed(group: ClaimGroup, units: list[Unit]) -> Unconfirmed:
    return Unconfirmed(units[group.units[0]].span, [units[i].span for i in group.near])
