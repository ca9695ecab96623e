"""Quotes: one speaker's statement as each article renders it, and how the wordings differ.

Two outlets translating the same Russian sentence share few words ("do not reflect the
reality" / "does not conform to reality"), so quotes match on dense similarity, sentence
by sentence; the speaker keeps two people's similar words apart.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace

from storylens.analyse.lexicon import JOINED_NAMES, NAME_SUFFIXES
from storylens.compare.align import (
    Pair,
    Vectors,
    candidate_pairs,
    greedy_groups,
    mean_cosine,
    mutual_best,
)
from storylens.compare.lexical import content_words
from storylens.compare.occasions import other_occasions
from storylens.compare.units import Unit, is_statement
from storylens.records import Article, QuoteMatch, QuoteRendering, Span
from storylens.spelling import latin, name_key, one_given_name

# Calibrated on the seed pair, the golden story (tests/test_compare.py) and the sample
# corpus: translations of one statement by one speaker score cosine 0.55-0.82, even when
# they share no content word ("categorically reject any suggestion that figures were
# altered" / "firmly deny that any numbers were changed": 0.55); one speaker's different
# statements score 0.38-0.42 against each other and other cross-article pairs of different
# statements stay under 0.45. Pairs must also be each other's best match (`mutual_best`).
# Two speakers' similar words in the golden story score 0.81: only the speaker rule keeps
# those apart.
SAME_SPEAKER_COSINE_MIN = 0.5
UNKNOWN_SPEAKER_COSINE_MIN = 0.85  # a speaker is missing: only near-identical wording
GROUP_MEAN_MIN = 0.5
# Reported speech paraphrases and shortens: one speaker's *other* statements come closer to
# it than to a direct quote, so a pair with an indirect quote needs more similarity.
INDIRECT_COSINE_MIN = 0.6
# Renderings of one statement say as much as each other: translations of one sentence differ
# in length by at most 1.4x on the seed pair and the sample corpus. A quote over twice as
# long as the other (and not holding it verbatim) says more: the shorter is one speaker's
# other, shorter statement on the topic ("Walls should not be controversial" against a
# sentence about building a wall: cosine 0.51 on basil) unless the two are very close.
LENGTH_RATIO_MAX = 2.0
UNEQUAL_LENGTH_COSINE_MIN = 0.7
MAX_CONTAINED_CHARS = 2000  # text read when looking for a fragment inside a quote
# Words a quote of nobody known must hold, running word for word inside another outlet's
# quote, to be that quote: two or three words repeat across outlets as labels and scare
# quotes of no one's statement ("deep state", "Crooked Hillary"); four in a row ("disregarding
# basic security protocols" inside a quoted post) are the quoted source's own words.
UNKNOWN_VERBATIM_WORDS = 4
# Quotes of a story compared word for word, whatever their cosine (a quadratic pass: a
# story quoting more than this is compared on cosine candidates only past them).
MAX_CONTAINMENT_UNITS = 600
# Letters two spellings of one first name share: "Dmitry" / "Dmitri", "Rob" / "Robert".
FIRST_NAME_PREFIX = 3
# Surnames this long one letter apart are one name misspelt ("Ferran" / "Ferrán" is an
# accent; "Dimitrov" / "Dimitrow" a letter); shorter ones are too often two people.
MISSPELT_SURNAME_MIN = 6
# Words diffed per quote: difflib is quadratic, hostile quotes are not.
MAX_DIFF_WORDS = 400

_AMPERSAND = re.compile(r"\s&\s")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Words a quote itself puts in quote marks: a mark after a space or an opening bracket, its
# closer before a space or punctuation (an apostrophe inside a word is neither).
_INNER_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[—–-]))['‘\"“]([^'‘’\"“”]{2,120}?)['’\"”](?=[\s,.;:!?)\]—–-]|$)"
)
_EDGE_PUNCT = "\"'“”‘’«»„.,;:!?()[]—–-…"


def surname(speaker: str) -> str | None:
    """The last name word, lowercased, accents and possessive and generational suffix
    dropped ("Peña" and "Pena" are one name)."""
    words = [_fold(w.lower()) for w in _NAME_WORD.findall(speaker)]
    words = [re.sub(r"['’]s$", "", w) for w in words if w not in NAME_SUFFIXES]
    return words[-1] if words else None


def speakers_conflict(first: str | None, second: str | None) -> bool:
    """True when both speakers are known and are different people: another surname (one
    letter off in a long one is a misspelling), the same surname with other first names
    ("Liz Cheney" / "Mary Cheney": sisters), or a suffix one full name has and the other
    lacks ("Donald Trump Jr." is not his father; "Trump" alone may be either)."""
    if first is None or second is None:
        return False
    # "Rudy Giuliani and Jay Sekulow" in a joint statement, "Giuliani" in another outlet:
    # the same statement when either of the two is the other outlet's speaker.
    firsts, seconds = JOINED_NAMES.split(first), JOINED_NAMES.split(second)
    return all(_different_people(a, b) for a in firsts for b in seconds)


def _different_people(first: str, second: str) -> bool:
    if _ends_with(first, second) or _ends_with(second, first):
        # A word taken into one outlet's name ("spółki Miedziostal Agnieszka Kaczmarek":
        # the company's) before the other's whole name: one person.
        return False
    if not _same_surname(surname(first), surname(second)):
        return True
    given_first, given_second = _given_name(first), _given_name(second)
    if _suffixes(first) != _suffixes(second) and given_first and given_second:
        return True  # a surname alone ("Mr. Trump" after "Donald Trump Jr.") may be either
    return not _same_first_name(given_first, given_second)


def _ends_with(longer: str, shorter: str) -> bool:
    """`longer`'s words end with all of `shorter`'s, two at least."""
    tail = [_fold(w.lower()) for w in _NAME_WORD.findall(shorter)]
    words = [_fold(w.lower()) for w in _NAME_WORD.findall(longer)]
    return len(tail) >= 2 and len(words) > len(tail) and words[-len(tail) :] == tail


def _same_surname(first: str | None, second: str | None) -> bool:
    if first is None or second is None or first == second:
        return first == second
    if name_key(first) == name_key(second):
        return True  # one name in two scripts or spellings: Жуковский / Zhukovsky / Schukowski
    if min(len(first), len(second)) < MISSPELT_SURNAME_MIN:
        return False
    return _one_edit(first, second)


def _one_edit(first: str, second: str) -> bool:
    """One letter changed, added or dropped."""
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        return sum(a != b for a, b in zip(first, second, strict=True)) == 1
    short, long = sorted((first, second), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _suffixes(speaker: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _NAME_WORD.findall(speaker) if w.lower() in NAME_SUFFIXES)


def _fold(word: str) -> str:
    """Accents off, other scripts in Latin letters ("Олег" -> "oleg")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return latin("".join(ch for ch in decomposed if not unicodedata.combining(ch))).lower()


def _given_name(speaker: str) -> str | None:
    """The first name word of a name of two words or more ("susan" of "Susan E. Rice")."""
    words = [
        _fold(w.lower()) for w in _NAME_WORD.findall(speaker) if w.lower() not in NAME_SUFFIXES
    ]
    return words[0] if len(words) > 1 else None


def _same_first_name(first: str | None, second: str | None) -> bool:
    """An initial fits its name ("J." / "John"), transliterations and most short forms share
    their first letters ("Dmitry" / "Dmitri", "Dan" / "Daniel"), other short forms are in a
    table ("Dick" / "Richard"); unknown fits anything."""
    if first is None or second is None:
        return True
    if len(first) == 1 or len(second) == 1:
        return first[0] == second[0]
    if name_key(first) == name_key(second):
        return True  # "Jörg" / "Joerg"
    shared = min(len(first), len(second), FIRST_NAME_PREFIX)
    return first[:shared] == second[:shared] or one_given_name(first, second)


def with_story_names(units: list[Unit], articles: Sequence[Article]) -> list[Unit]:
    """Units whose speaker one outlet names without a suffix ("Roger Stone") and another
    with one ("Roger J. Stone Jr."), given the suffixed name, when no article of the story
    names both forms: then they are one person, and the two outlets' quotes can pair. Where
    an article does ("Donald Trump Jr." beside "Donald Trump"), they are two people."""
    suffixed = {name for unit in units if (name := unit.speaker) and _suffixes(name)}
    if not suffixed:
        return units
    named_in = [
        {unit.speaker for unit in units if unit.article == index and unit.speaker}
        | {e.text for e in article.entities if e.label == "PERSON"}
        for index, article in enumerate(articles)
    ]
    # Suffixed names some article names beside a plain form of them: a son and his father.
    beside_a_parent = [
        name for names in named_in for name in names if any(_plain_form(o, name) for o in names)
    ]
    fuller: dict[str, str] = {}
    for plain in {u.speaker for u in units if u.speaker and not _suffixes(u.speaker)}:
        bearers = [name for name in suffixed if _plain_form(plain, name)]
        two_people = any(_plain_form(plain, name) for name in beside_a_parent)
        if len(bearers) == 1 and not two_people:
            fuller[plain] = bearers[0]
    if not fuller:
        return units
    return [replace(u, speaker=fuller.get(u.speaker or "", u.speaker)) for u in units]


def _plain_form(plain: str, suffixed: str) -> bool:
    """`plain` (no suffix, two words or more) is `suffixed` without its suffix, or a shorter
    form of it ("Roger Stone" of "Roger J. Stone Jr.")."""
    if _suffixes(plain) or not _suffixes(suffixed) or len(plain.split()) < 2:
        return False
    return _same_surname(surname(plain), surname(suffixed)) and _same_first_name(
        _given_name(plain), _given_name(suffixed)
    )


def match_quotes(units: list[Unit], vectors: Vectors) -> list[QuoteMatch]:
    """Matched quotes (most renderings first), then unmatched quotes that have a speaker."""
    owners = [unit.article for unit in units]
    candidates = candidate_pairs(vectors, owners, SAME_SPEAKER_COSINE_MIN)
    seen = {(i, j) for i, j, _ in candidates}
    candidates += [c for c in _contained_pairs(units, vectors) if (c[0], c[1]) not in seen]
    pairs = [
        Pair(cosine, i, j)
        for i, j, cosine in candidates
        if _same_statement(units[i], units[j], cosine)
    ]
    # Pairs where one quote is a verbatim piece of the other: their cosine is diluted by
    # the words only the longer one has, so it says little about whether they belong.
    verbatim = {(p.first, p.second) for p in pairs if _verbatim(units[p.first], units[p.second])}

    def compatible(first: list[int], second: list[int]) -> bool:
        if any(
            speakers_conflict(units[a].speaker, units[b].speaker) for a in first for b in second
        ):
            return False
        if any((min(a, b), max(a, b)) in verbatim for a in first for b in second):
            return True
        return mean_cosine(vectors, first, second) >= GROUP_MEAN_MIN

    groups = greedy_groups(owners, mutual_best(pairs, owners), compatible)
    # A lone reported statement is a claim, not a quote worth listing on its own.
    kept = [
        g
        for g in groups
        if len(g) > 1 or (units[g[0]].speaker is not None and units[g[0]].kind == "direct")
    ]
    kept.sort(key=lambda g: (-len(g), units[g[0]].article, units[g[0]].position))
    return [
        QuoteMatch(_speaker(g, units), [QuoteRendering.of(units[i].span, units[i].kind) for i in g])
        for g in kept
    ]


def _contained_pairs(units: list[Unit], vectors: Vectors) -> list[tuple[int, int, float]]:
    """Pairs (i < j) of other articles where one speaker's quote runs word for word inside
    the other's (`a "false prophet"` / "…this false prophet that is just cheating…"), found
    whatever their cosine: the words only the longer quote has dilute it below any floor.
    Attributed quotes of two words or more (one scare-quoted word proves nothing), and
    quotes of nobody known of `UNKNOWN_VERBATIM_WORDS` or more inside an attributed one."""
    read = [
        (i, f" {' '.join(words)} ", len(words), unit.speaker is not None)
        for i, unit in enumerate(units[:MAX_CONTAINMENT_UNITS])
        if len(words := _words(unit.span.text)) >= (2 if unit.speaker else UNKNOWN_VERBATIM_WORDS)
    ]
    found = []
    for a, (i, text_i, size_i, known_i) in enumerate(read):
        for j, text_j, size_j, known_j in read[a + 1 :]:
            if units[i].article == units[j].article:
                continue
            inner, outer = (text_i, text_j) if size_i <= size_j else (text_j, text_i)
            if not (known_i or known_j) or (
                not (known_i and known_j) and min(size_i, size_j) < UNKNOWN_VERBATIM_WORDS
            ):
                continue
            if inner in outer and content_words(inner):
                found.append((i, j, float(vectors[i] @ vectors[j])))
    return found


def _same_statement(first: Unit, second: Unit, cosine: float) -> bool:
    if speakers_conflict(first.speaker, second.speaker):
        return False
    fragment = not (is_statement(first.span.text) and is_statement(second.span.text))
    if first.speaker is None or second.speaker is None:
        # A quoted fragment of nobody known ("Today" show, a "no" vote, a scare-quoted
        # word) repeats the same words across outlets without being anyone's statement;
        # a run of `UNKNOWN_VERBATIM_WORDS` words inside a known speaker's quote is theirs.
        if _verbatim(first, second):
            return True
        return not fragment and cosine >= UNKNOWN_SPEAKER_COSINE_MIN
    if _words(first.span.text) == _words(second.span.text):
        # One speaker's very words, but for case and punctuation ("Who are you!" / "who
        # are you?": cosine 0.77 on MiniLM, which reads both).
        return True
    if _quoted_within(first, second):
        # One outlet quotes a piece of what another quotes whole (`felt "whipsawed"` /
        # "I'm getting whipsawed here"; `has "injected a degree of partisanship…"` / the
        # whole sentence): the same speaker's same words, however diluted the cosine.
        return True
    if other_occasions(first.occasion, second.occasion):
        # Much the same words said again elsewhere (a statement, then a video): two
        # statements, though no rule on the words alone can tell.
        return False
    if fragment:
        # One speaker's two short fragments ("core U.S. interests" / "U.S. policies") share
        # a topic, not a statement: only near-identical words pair.
        return cosine >= UNKNOWN_SPEAKER_COSINE_MIN
    if _unequal_length(first, second) and cosine < UNEQUAL_LENGTH_COSINE_MIN:
        return False
    if "indirect" in (first.kind, second.kind) or _partial(first) or _partial(second):
        return cosine >= INDIRECT_COSINE_MIN
    return cosine >= SAME_SPEAKER_COSINE_MIN


def _unequal_length(first: Unit, second: Unit) -> bool:
    shorter, longer = sorted((len(_words(first.span.text)), len(_words(second.span.text))))
    return longer > LENGTH_RATIO_MAX * max(shorter, 1)


def _partial(unit: Unit) -> bool:
    """A quote opening on a lowercase word is spliced into the writer's sentence (`either
    managers decide, "or else the culture tells them"`): a piece of the statement, framed
    by the writer's paraphrase, which pairs like reported speech does."""
    text = unit.span.text.lstrip(_EDGE_PUNCT + " ")
    return bool(text) and text[0].islower()


def _verbatim(first: Unit, second: Unit) -> bool:
    """One quote's words run in the other's: any piece with a content word when both
    speakers are known; when one is not, `UNKNOWN_VERBATIM_WORDS` words at least, and not
    words the longer quote puts in marks of its own. Either may be the unknown one: an
    outlet that quotes the whole sentence without saying who ("…," he said, after a "he" no
    rule resolves) carries the words another outlet quotes as someone's."""
    if first.speaker is not None and second.speaker is not None:
        return _quoted_within(first, second)
    inner, outer = sorted((first, second), key=lambda unit: len(_words(unit.span.text)))
    if inner.speaker is None and outer.speaker is None:
        return False  # nobody known on either side: a speaker the page would show as unknown
    if len(_words(inner.span.text)) < UNKNOWN_VERBATIM_WORDS:
        return False
    return _quoted_within(first, second) and not _mentioned(inner.span.text, outer.span.text)


def _mentioned(inner: str, outer: str) -> bool:
    """Whether `outer` puts all of `inner`'s content words in quote marks of its own (`The
    'Queen of Rage' is something you apply to wrestlers`): a title or label someone gave,
    which the speaker names rather than says."""
    wanted = content_words(inner)
    return any(wanted <= content_words(part) for part in _INNER_QUOTED.findall(outer))


def _quoted_within(first: Unit, second: Unit) -> bool:
    """The shorter quote's words, a content word among them, run in order in the longer."""
    short, long = sorted((_words(first.span.text), _words(second.span.text)), key=len)
    if not short or not content_words(" ".join(short)):
        return False
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def _words(text: str) -> list[str]:
    """Lowercase words, one apostrophe for all ("it’s" and "it's" are one word), "&" read
    as "and" ("Comey & others" in a post is "Comey and others" in a report)."""
    text = _AMPERSAND.sub(" and ", text[:MAX_CONTAINED_CHARS])
    return [w.lower().replace("’", "'") for w in _NAME_WORD.findall(text)]


def _speaker(group: list[int], units: list[Unit]) -> str | None:
    # The fullest name any article gives ("Dmitry Peskov" over "Peskov").
    names = [name for i in group if (name := units[i].speaker)]
    return max(names, key=len) if names else None


def reworded(first: str, second: str) -> list[tuple[str, str]]:
    """`quote_diff` of two renderings whose words differ; empty when only their case and
    punctuation do ("…of the Pier" / "…of the Pier."), which a reader needs no diff for."""
    runs = quote_diff(first, second)
    return runs if any(op != "equal" for op, _ in runs) else []


def quote_diff(first: str, second: str) -> list[tuple[str, str]]:
    """Word-level diff of two renderings: ("equal" | "delete" | "insert", words) runs.

    Words compare without case and surrounding punctuation, so "reality," and "Reality"
    are equal; the words shown are the first rendering's for equal runs.
    """
    a, b = first.split(), second.split()
    head_a, head_b = a[:MAX_DIFF_WORDS], b[:MAX_DIFF_WORDS]
    matcher = difflib.SequenceMatcher(
        None, [_key(w) for w in head_a], [_key(w) for w in head_b], autojunk=False
    )
    runs: list[tuple[str, list[str]]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(runs, "equal", head_a[i1:i2])
            continue
        _append(runs, "delete", head_a[i1:i2])
        _append(runs, "insert", head_b[j1:j2])
    _append(runs, "delete", a[MAX_DIFF_WORDS:])
    _append(runs, "insert", b[MAX_DIFF_WORDS:])
    return [(op, " ".join(words)) for op, words in runs]


def _key(word: str) -> str:
    return word.strip(_EDGE_PUNCT).lower() or word


def span_languages(spans: Sequence[Span], articles: Mapping[str, Article]) -> list[str | None]:
    """Each span's language: its article's, None where unknown (what `diff_bases` reads)."""
    return [getattr(articles.get(span.article), "language", None) for span in spans]


def diff_bases(languages: list[str | None]) -> list[int | None]:
    """Per rendering of a quote (their languages in order), the rendering its words are
    diffed against: the first one in its language, None for that first one itself. Two
    renderings in two languages are shown side by side, never diffed word by word."""
    first: dict[str | None, int] = {}
    bases: list[int | None] = []
    for index, language in enumerate(languages):
        base = first.setdefault((language or "")[:2] or None, index)
        bases.append(None if base == index else base)
    return bases


def _append(runs: list[tuple[str, list[str]]], op: str, words: list[str]) -> None:
    if not words:
        return
    if runs and runs[-1][0] == op:
        runs[-1][1].extend(words)
    else:
        runs.append((op, list(words)))
