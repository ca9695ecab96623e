"""Conflicts: two outlets make one claim but disagree on a number, a date, a name or a source.

Only sentences already aligned into one claim are compared, and only values that play the
same role in both: numbers counting the same thing ("five people" / "seven people"), the one
amount each gives in a currency ("$4,300" / "$4,400"), the dates the sentences name (a day,
or a year under the same word: "since 2003" / "since 2002"), the first names of one surname,
the person a statement is attributed to. A value one sentence gives and the other omits is a
difference of detail, not a conflict; so is a figure that is the other rounded ("1,900" /
"1,904", "$4.3 million" / "$4,312,000"). (A measure that names what it measures, "the
47-page indictment", is compared across the whole story instead: `compare.measures`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from storylens.analyse.lexicon import SPEECH_VERBS
from storylens.compare.lexical import content_words
from storylens.compare.quotes import surname
from storylens.compare.timeline import DATE_WORDS, Anchor, resolve
from storylens.records import Claim, Conflict, Span
from storylens.spelling import name_key

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
# A number and the word it counts ("420 jobs", "five people", "310 million").
COUNTED = re.compile(
    r"\b(?P<number>\d+(?:[.,]\d+)*|" + "|".join(NUMBER_WORDS) + r")\s+(?P<thing>[^\W\d_]{3,})",
    re.IGNORECASE,
)
# `Peskov said` / `said Peskov` / `according to the ministry`: who a statement is from.
NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
ATTRIBUTION = re.compile(
    rf"(?P<before>{NAME})\s+(?:{SPEECH_VERBS})\b|\b(?:said|says|according\s+to)\s+(?P<after>{NAME})"
)
# Capitalised words that are not a source: pronouns, days, months, sentence openers.
NOT_SOURCES = frozenset(
    """he she they it we i you this that the on in at last monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december today yesterday""".split()
)
# A group is not a source two outlets can disagree on ("Democrats wrote" / "Ms. Warren
# wrote": the party and one of its senators).
GROUP_SOURCES = frozenset(
    """democrats republicans officials authorities police lawmakers critics residents analysts
    experts investigators prosecutors officers witnesses sources aides advocates""".split()
)
# An amount of money: "$4,300", "€2.5 million", "£40m" (amounts written in words, "4,300
# euros", are counted things: `COUNTED`).
_AMOUNT = (
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
)
MONEY = re.compile(r"(?P<currency>[$€£¥])\s?" + _AMOUNT, re.IGNORECASE)
# A figure as written, with its currency and scale if any ("$4.3 million", "2 million").
FIGURE = re.compile(r"(?:[$€£¥]\s?)?" + _AMOUNT, re.IGNORECASE)
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
CURRENCIES = ("$", "€", "£", "¥")
# A figure ending in this many zeros may be rounded at its last non-zero digit ("1,900"
# for 1,904; "$250,000" for $253,000); "20" or "30" people are as likely exact.
ROUNDED_ZEROS = 2
# "more than 100" / "about 1,900": a rounded figure, not a count to dispute.
APPROXIMATE = re.compile(
    r"\b(?i:more than|over|at least|about|around|nearly|almost|roughly|some|up to|"
    r"fewer than|less than|under|close to|approximately|an estimated)\s+$"
)
# A rank or label, not a count: "the No. 2 position", "No. 3 spot", "#1 seed".
LABEL_BEFORE = re.compile(r"(?:\bNo\.?|\bNumber|#)\s*$", re.IGNORECASE)
# A figure said of what would, will or might be ("his plan would cut $800 billion") and one
# said of what was ("Obama has cut $716 billion") are of two times, not one in dispute.
HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|will|may|shall|plans?\s+to|proposes?|proposed|wants?\s+to)\b",
    re.IGNORECASE,
)
HYPOTHETICAL_WORDS = 8  # words read before a figure for its mood
PRONOUN_SPEAKS = re.compile(
    rf"\b(?i:he|she|they|we|i)\s+(?:{SPEECH_VERBS})\b|\b(?:said|says)\s+(?i:he|she|they)\b"
)
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# One source among several ("Nebraska and Oklahoma complained", "said Smith and Jones"):
# two outlets listing the same sources in another order name another last one.
CONJOINED_BEFORE = re.compile(r"(?:\band|&|,)\s*$")
CONJOINED_AFTER = re.compile(r"^\s*(?:and|&|,)\s+[A-Z]")
# Two sentences attributing one statement to two sources say the same thing apart from who
# says it: the share of the shorter one's content words (attributions left out) that the
# other also has. Two sentences aligned for another fact they share ("two days after the
# Times reported it, Clinton announced…" / "since the Times reported…") share far less.
SAME_STATEMENT_MIN = 0.7
# What follows "X said" is the statement when it has this many content words; else ("…,
# fire chief Anna Holt said.") the statement comes before, up to the clause break that
# ends it (the source's role sits between that break and the name).
STATEMENT_WORDS_MIN = 3
CLAUSE_BREAK = re.compile(r"[,;:—–][\"”’]?\s")
# Words read either side of a date for the event it dates (the verb or noun it modifies).
EVENT_CONTEXT = 4
DATE_NAMES = content_words(" ".join(sorted(NOT_SOURCES)))
# Two counts of one thing further apart than this factor are two different counts (the
# injured and the homeless, this year's and last year's), not one count in dispute.
MAX_NUMBER_RATIO = 2.0
# Claims compared per story and sources per claim: the check is pairwise.
MAX_CLAIMS = 400
MAX_SOURCES = 12

# A year, and the word before it that ties it to the event ("since", "in"): years compared
# only under the same word ("since 2003" / "in 2002" date two different things).
YEAR = re.compile(
    r"(?:\b(?P<link>in|since|from|until|by|during)\s+)?(?<![\d$€£,.])\b(?P<year>(?:19|20)\d{2})\b"
    r"(?!\d|,\d|-\d|\s*(?:percent|%))",
    re.IGNORECASE,
)
Anchors = dict[str, tuple[date, Anchor] | None]
# A sentence that dates one event by another ("on Wednesday, a day after the ban was
# announced") names the reaction's day, which differs from the announcement's by design.
DATED_BY_ANOTHER_EVENT = re.compile(
    r"\b(?:a|one|two|three|\d+) days? (?:after|later|before|earlier)\b"
    r"|\bthe (?:next|following|previous) day\b|\bthe day (?:after|before)\b",
    re.IGNORECASE,
)


def find_conflicts(
    claims: list[Claim], voices: dict[str, str], anchors: Anchors, people: list[list[str]]
) -> list[Conflict]:
    """Every disagreement between two independent outlets' sentences of one claim.

    `people`: per person the story names, the full names (two words or more) it goes by.
    """
    conflicts: list[Conflict] = []
    for index, claim in enumerate(claims[:MAX_CLAIMS]):
        if not claim.shared:
            continue
        sources = claim.sources[:MAX_SOURCES]
        for i, first in enumerate(sources):
            for second in sources[i + 1 :]:
                if voices.get(first.article) == voices.get(second.article):
                    continue
                conflicts.extend(_pair_conflicts(index, first, second, anchors, people))
    return conflicts


def _pair_conflicts(
    index: int, first: Span, second: Span, anchors: Anchors, people: list[list[str]]
) -> Iterator[Conflict]:
    finders: list[tuple[str, Callable[[Span], Found]]] = [
        ("number", _numbers),
        ("number", _money),
        ("date", lambda span: _dates(span, anchors.get(span.article))),
        ("date", _years),
        ("name", lambda span: _names(span, people)),
        ("attribution", _attributions),
    ]
    for kind, finder in finders:
        a, b = finder(first), finder(second)
        for key in sorted(a.keys() & b.keys()):
            (value_a, at_a), (value_b, at_b) = a[key], b[key]
            if _differ(
                kind, value_a, value_b, first.text[slice(*at_a)], second.text[slice(*at_b)]
            ) and _same_subject(kind, first.text, at_a, second.text, at_b):
                if kind == "number" and not _one_time(first.text, at_a, second.text, at_b):
                    continue
                yield Conflict(
                    kind,  # type: ignore[arg-type]
                    index,
                    first,
                    second,
                    sub_span(first, *at_a),
                    sub_span(second, *at_b),
                )


def _differ(kind: str, value_a: str, value_b: str, words_a: str, words_b: str) -> bool:
    if value_a == value_b:
        return False
    if kind == "date":
        # The same words ("tonight") in articles of different days name different days;
        # that is not two outlets disagreeing.
        return words_a.lower() != words_b.lower()
    if kind == "number":
        if value_a.startswith("~") or value_b.startswith("~"):
            return False
        try:
            low, high = sorted((float(value_a), float(value_b)))
        except ValueError:
            return False
        if high - low < max(rounding_margin(words_a), rounding_margin(words_b)):
            return False  # one figure is the other rounded: a more precise one, not another
        return low > 0 and high / low <= MAX_NUMBER_RATIO
    if kind == "name":
        # "Byron Todd Jones" / "Todd Jones": one name holds the other's words, a middle name
        # the other outlet uses as the first; only two first names ("Linda" / "Loretta")
        # disagree.
        names_a, names_b = _name_words(value_a), _name_words(value_b)
        return not (names_a <= names_b or names_b <= names_a)
    return True


def _one_time(first: str, at_a: tuple[int, int], second: str, at_b: tuple[int, int]) -> bool:
    """Whether both figures are said in one mood: both of what is or was, or both of what
    would or will be (`HYPOTHETICAL`)."""
    return _hypothetical(first, at_a) == _hypothetical(second, at_b)


def _hypothetical(text: str, at: tuple[int, int]) -> bool:
    before = " ".join(text[max(0, at[0] - 200) : at[0]].split()[-HYPOTHETICAL_WORDS:])
    return HYPOTHETICAL.search(before) is not None


def _name_words(name: str) -> set[str]:
    """A name's words as spellings of one name share them ("O’Neill" / "O'Neill", "Peña" /
    "Pena"): `name_key` of each."""
    return {key for word in name.split() if (key := name_key(word))}


def _same_subject(
    kind: str, first: str, at_a: tuple[int, int], second: str, at_b: tuple[int, int]
) -> bool:
    """Whether the two values are about one thing: one event for dates, one statement for
    attributions (numbers and names are matched on what they count or whom they name)."""
    if kind == "date":
        return _same_event(first, at_a, second, at_b)
    if kind == "attribution":
        return _same_statement(first, second)
    return True


def _same_statement(first: str, second: str) -> bool:
    words_a, words_b = _statement_words(first), _statement_words(second)
    shorter = min(len(words_a), len(words_b))
    return shorter > 0 and len(words_a & words_b) / shorter >= SAME_STATEMENT_MIN


def _statement_words(text: str) -> frozenset[str]:
    """Content words of what a sentence says someone said, without who says it: the words
    after "Anna Holt said", or those before ", fire chief Anna Holt said" (the role left out
    with the name)."""
    attribution = ATTRIBUTION.search(_unquoted(text))
    if attribution is None:
        return content_words(text)
    after = content_words(text[attribution.end() :])
    if len(after) >= STATEMENT_WORDS_MIN:
        return after
    parts = CLAUSE_BREAK.split(text[: attribution.start()])
    return content_words(" ".join(parts[:-1] if len(parts) > 1 else parts))


def _same_event(first: str, at_a: tuple[int, int], second: str, at_b: tuple[int, int]) -> bool:
    """Two dates name one event when the words around them do ("fire broke out ... on
    Tuesday" / "... on Monday"); a sentence aligned with another may date another event of
    the story ("the bill reached her desk Monday" / "she vetoed it on Wednesday")."""
    return bool(_around(first, at_a) & _around(second, at_b))


def _around(text: str, at: tuple[int, int]) -> frozenset[str]:
    before = text[max(0, at[0] - 200) : at[0]].split()[-EVENT_CONTEXT:]
    after = text[at[1] : at[1] + 200].split()[:EVENT_CONTEXT]
    return content_words(" ".join(before + after)) - DATE_NAMES


def _unquoted(text: str) -> str:
    """The text with quoted words blanked (offsets kept): names inside quotation marks are
    what the speaker talks about, not who speaks. A quote the sentence opens or closes
    without its other mark (it spans sentences) runs to the sentence's edge."""
    text = QUOTED.sub(lambda m: " " * len(m.group()), text)
    opening, closing = text.find("“"), text.find("”")
    if closing >= 0 and (opening < 0 or closing < opening):
        text = " " * (closing + 1) + text[closing + 1 :]
    opening = text.find("“")
    if opening >= 0:
        text = text[:opening] + " " * (len(text) - opening)
    return text


def sub_span(span: Span, start: int, end: int) -> Span:
    """The words of `span` from `start` to `end` (offsets in it), as a span of its article."""
    return Span(span.article, span.start + start, span.start + end, span.text[start:end])


Found = dict[str, tuple[str, tuple[int, int]]]  # role -> (normalised value, offsets in span)


def _numbers(span: Span) -> Found:
    found: Found = {}
    for match in COUNTED.finditer(span.text):
        thing = next(iter(content_words(match["thing"])), None)
        if thing is None or span.text[: match.start()].rstrip().endswith(CURRENCIES):
            continue  # an amount of money ("$2 million") is `_money`'s
        if LABEL_BEFORE.search(span.text[: match.start()]):
            continue  # "the No. 2 position": a rank, not a count
        value = number_value(match["number"])
        end = match.end("number")
        scale = SCALES.get(match["thing"].lower())
        if scale is not None and value.replace(".", "", 1).isdigit():
            # "2 million people": the figure is 2,000,000, written rounded to a million.
            value, end = repr(float(value) * scale), match.end("thing")
        if APPROXIMATE.search(span.text[: match.start()]):
            value = "~" + value  # a rounder figure agrees with a more precise one
        # The same thing counted twice in one sentence is ambiguous: drop it.
        if thing in found and found[thing][0] != value:
            found[thing] = ("?", found[thing][1])
        else:
            found.setdefault(thing, (value, (match.start("number"), end)))
    return {key: item for key, item in found.items() if item[0] != "?"}


def _money(span: Span) -> Found:
    """Currency -> the one amount the sentence gives in it (two amounts in one currency are
    two things: which one the other outlet states cannot be told)."""
    found: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for match in MONEY.finditer(span.text):
        scale = SCALES.get((match["scale"] or "").lower(), 1.0)
        value = repr(float(match["number"].replace(",", "")) * scale)
        if APPROXIMATE.search(span.text[: match.start()]):
            value = "~" + value
        found.setdefault(f"money {match['currency']}", []).append((value, match.span()))
    return {key: items[0] for key, items in found.items() if len({v for v, _ in items}) == 1}


def rounding_margin(words: str) -> float:
    """How far a figure as written may be from the exact one: half the unit of its last
    digit when it may be rounded ("1,900", "$4.3 million", "$2 million"), else 0."""
    match = FIGURE.search(words)
    if match is None:
        return 0.0
    number = match["number"].replace(",", "")
    scale = SCALES.get((match["scale"] or "").lower(), 1.0)
    whole, _, decimals = number.partition(".")
    if decimals:
        unit = 10.0 ** -len(decimals)
    else:
        zeros = len(whole) - len(whole.rstrip("0"))
        unit = 10.0**zeros if zeros >= ROUNDED_ZEROS or scale > 1 else 0.0
    return unit * scale / 2


def number_value(text: str) -> str:
    """A figure as digits: "Five" -> "5", "1,900" -> "1900"."""
    lowered = text.lower()
    if lowered in NUMBER_WORDS:
        return str(NUMBER_WORDS[lowered])
    return lowered.replace(",", "")


def _dates(span: Span, anchor: tuple[date, Anchor] | None) -> Found:
    if DATED_BY_ANOTHER_EVENT.search(span.text):
        return {}  # its day is the day of a later or earlier event, not the claim's
    days = []
    for match in DATE_WORDS.finditer(span.text):
        if not match.group()[0].isupper() and match.lastgroup != "relative":
            continue
        resolved = resolve(match.lastgroup or "", match.group(), anchor)
        if resolved is not None and resolved[1] == "day":
            days.append((resolved[0].isoformat(), match.span()))
    # Only a sentence naming one day says when *the* event was.
    return {"date": days[0]} if len(days) == 1 else {}


def _years(span: Span) -> Found:
    """The one year a sentence names, keyed by the word that ties it to the event ("has led
    the party since 2003" / "since 2002"): a sentence naming two years dates two things."""
    years = list(YEAR.finditer(span.text))
    if len(years) != 1 or years[0].group("link") is None:
        return {}
    year = years[0]
    return {f"year {year.group('link').lower()}": (year.group("year"), year.span("year"))}


def _names(span: Span, people: list[list[str]]) -> Found:
    """Person -> first name, for the story's people this sentence names in full. Keyed by
    person, not surname: Malia and Sasha Obama are two people, not one name in dispute."""
    found: Found = {}
    for person, names in enumerate(people):
        for name in names:
            at = span.text.find(name)
            if at >= 0:
                first = name.split()[0]
                found.setdefault(str(person), (name, (at, at + len(first))))
    return found


def _attributions(span: Span) -> Found:
    text = _unquoted(span.text)
    if PRONOUN_SPEAKS.search(text):
        return {}  # "he said, referring to when Fox said…": the speaker is not named here
    found = [
        (key, m.span(group))
        for m in ATTRIBUTION.finditer(text)
        for group in ("before", "after")
        if m.group(group) and not _conjoined(text, *m.span(group))
        for key in [surname(m.group(group))]
        if key is not None and key not in NOT_SOURCES and key not in GROUP_SOURCES
    ]
    # Pronoun-free sentences attributed to one source only.
    if len({key for key, _ in found}) != 1:
        return {}
    return {"speaker": found[0]}


def _conjoined(text: str, start: int, end: int) -> bool:
    return bool(CONJOINED_BEFORE.search(text[:start]) or CONJOINED_AFTER.match(text[end:]))
