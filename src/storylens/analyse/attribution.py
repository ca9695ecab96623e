"""Who said a quote in a language the English attribution rules do not read.

`speakers.SpeakerResolver` reads English speech verbs and an English tagger's names. In a
German, French, Spanish, Italian or Russian report the attribution has the same shape with
other words: `„…“, sagte Bürgermeisterin Giulia Ferretti`, `« … », a déclaré la maire, Giulia
Ferretti`, `«…», dijo la alcaldesa, Giulia Ferretti`, `«…», — заявил пресс-секретарь Олег
Жуковский`. There, the speaker is the first person-like name (two to four capitalised words
in a row, any script) in the rest of the quote's sentence after its closing mark, else in
the words before its opening mark in the same sentence; a quote with neither keeps None.
The speech verb itself is not checked: in these languages a quote followed by a full name in
its own sentence is that person's words far more often than not, and a wrong guess only
costs a pairing its speaker check, which the quote's meaning still has to pass.
"""

from __future__ import annotations

import re

from storylens.analyse.quotes import QuoteSpan
from storylens.records import Entity

# Latin Extended-A and -B (Polish ł ś ż, Turkish ş ğ ı İ, Czech ř...), capitals and the rest.
_EXTENDED = [chr(c) for c in range(0x100, 0x250)]
_UPPER = "".join(c for c in _EXTENDED if c.isupper())
_LOWER = "".join(c for c in _EXTENDED if c.islower())
# A name word: a capital (Latin or Cyrillic), then letters; hyphens and apostrophes inside.
_NAME = (
    rf"[A-ZÀ-ÖØ-ÞА-ЯЁ{_UPPER}][a-zß-öø-ÿа-яё{_LOWER}]+"
    rf"(?:[-'’][A-ZÀ-ÖØ-ÞА-ЯЁa-zß-öø-ÿа-яё{_UPPER}{_LOWER}]+)*"
)
# Two to four such words in a row: "Giulia Ferretti", "Олег Жуковский", "Jörg Kämmerer".
PERSON = re.compile(rf"(?<![\w-])({_NAME}(?:\s+{_NAME}){{1,3}})(?![\w-])")
SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)")
MAX_AFTER = 160  # characters read after the closing mark
MAX_BEFORE = 160  # ... and before the opening mark
# Capitalised words that open a sentence or name a role rather than a person.
_NOT_A_NAME = frozenset(
    """der die das ein eine le la les un une el los las una il lo gli и в на the a an
    bürgermeister bürgermeisterin gouverneur provinzgouverneur präsident präsidentin
    minister ministerin sprecher sprecherin trainer kommissarin vali başkan bakan müdür
    sözcü""".split()
)


# Arabic speech verbs ("said", "added", "stressed", "stated", "explained"), with the "and"
# or "so" written onto them, and the clause after one up to a colon or the sentence's end.
_ARABIC_VERB = (
    r"(?<!\S)[وف]?(?:قال|قالت|أضاف|أضافت|أكد|أكدت|صرح|صرحت|أوضح|أوضحت|تابع|تابعت|ذكر|ذكرت)"
)
_ARABIC_WORD = r"[\u0621-\u065f\u066e-\u06d3\u0640]+"
_ARABIC_NOT_A_NAME = frozenset(
    "في من على إلى عن مع أن إن إنه أنه إنها أنها له لها لهم بيان مؤتمر صحفي للصحفيين "
    "لوكالة للصحافة أمس اليوم أيضا أيضاً".split()
)
_ARABIC_BEFORE = re.compile(rf"{_ARABIC_VERB}((?:\s+{_ARABIC_WORD})+)\s*:\s*$")
_ARABIC_AFTER = re.compile(rf"\s*[،,]?\s*{_ARABIC_VERB}((?:\s+{_ARABIC_WORD})+)\s*$")
# German roles are compounds: "Unternehmenssprecher", "Fischereikommissarin".
_ROLE_COMPOUND = re.compile(
    r"(?:sprecher|kommissar|minister|gouverneur|präsident|meister|trainer|chef|leiter|"
    r"vorsitzende|direktor)(?:in|r)?$",
    re.IGNORECASE,
)


def foreign_speaker(body: str, quote: QuoteSpan) -> str | None:
    """The person-like name attributed to `quote` in its sentence (module doc), or None."""
    after = body[quote.close : min(quote.para_end, quote.close + MAX_AFTER)]
    end = SENTENCE_END.search(after)
    after = after[: end.start()] if end else after
    found = _name_in(after)
    if found:
        return found
    before = body[max(quote.para_start, quote.open - MAX_BEFORE) : quote.open]
    starts = list(SENTENCE_END.finditer(before))
    before = before[starts[-1].end() :] if starts else before
    return _name_in(before, last=True) or _arabic_name(before, after)


def _arabic_name(before: str, after: str) -> str | None:
    """The speaker of an Arabic attribution: the two words that end the clause of a speech
    verb, before the quote's colon (`وقال والي المنطقة سليم كاراتاش: «…»`) or after its
    closing mark (`«…»، قالت ليلى حداد.`). Arabic has no capitals to tell a name by, but
    a role comes before the name ("the governor of the province Selim Karataş"), so the
    clause's last two words are the name far more often than not."""
    found = _ARABIC_BEFORE.search(before) or _ARABIC_AFTER.match(after)
    if not found:
        return None
    words = found.group(1).split()[-2:]
    if len(words) < 2 or _ARABIC_NOT_A_NAME.intersection(words):
        return None  # "قال في بيان" (said in a statement), "قال إنه" (said that he)
    return " ".join(words)


def _name_in(text: str, last: bool = False) -> str | None:
    names = [_trimmed(m.group(1)) for m in PERSON.finditer(text)]
    names = [n for n in names if n and " " in n]
    if not names:
        return None
    return names[-1] if last else names[0]


def _trimmed(name: str) -> str:
    """The name without the role or article words it starts with ("Bürgermeisterin Giulia
    Ferretti" -> "Giulia Ferretti", German compounds too: "Unternehmenssprecher Oleg
    Schukowski" -> "Oleg Schukowski")."""
    words = name.split()
    while words and (words[0].lower() in _NOT_A_NAME or _ROLE_COMPOUND.search(words[0])):
        words = words[1:]
    return " ".join(words)


def speaker_entities(
    body: str, quotes: list[QuoteSpan], speakers: list[str | None], entities: list[Entity]
) -> list[Entity]:
    """The entities with each quote's speaker as a PERSON where the language's pipeline gave
    none there (most languages have no tagger here: `pipelines`): the one kind of name these
    rules know is a person's. Each at its mention nearest the quote, after it first."""
    taken = [(e.start, e.end) for e in entities]
    added = []
    for quote, speaker in zip(quotes, speakers, strict=True):
        if not speaker:
            continue
        start = body.find(speaker, quote.close, quote.para_end)
        if start < 0:
            start = body.rfind(speaker, quote.para_start, quote.open)
        end = start + len(speaker)
        if start < 0 or any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        added.append(Entity(speaker, "PERSON", start, end))
    return sorted([*entities, *added], key=lambda e: (e.start, e.end))
