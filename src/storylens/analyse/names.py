"""The people an article names: fullest names, the roles they are given, where they appear.

A speaker is reported under the fullest name the article uses: "Peskov" becomes "Dmitry
Peskov" once "Kremlin Spokesman Dmitry Peskov" has appeared, and "the spokesman" becomes him
too when he is the only person the article calls a spokesman.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from storylens.analyse.clauses import PREPOSITIONS
from storylens.analyse.lexicon import NAME_SUFFIXES, TITLE_WORDS
from storylens.records import Entity

NAME_WORD = re.compile(r"[A-Z][\w.'’-]*")
POSSESSIVE = re.compile(r"['’]s$")
ABBREVIATED_TITLE = re.compile(r"\b(Rep|Reps|Sen|Sens|Gov|Rev|Gen|Col|Sgt|Capt|Prof|Supt)\.")
# First names coordinated before a full name: "Sasha and Malia Obama", "Ann, Tom and Lee Hale".
SIBLING = re.compile(r"((?:[A-Z][a-z]+,\s+)*[A-Z][a-z]+),?\s+(?:and|&)\s+$")
# A role named one way and given another: "the congressman" is the article's "Rep. Ann Lee"
# or "Representative Ann Lee" (a lookup only: the title itself says nothing of gender).
ROLE_FORMS = {
    "congressman": ("rep", "representative"),
    "congresswoman": ("rep", "representative"),
    "lawmaker": ("rep", "representative", "sen", "senator", "congressman", "congresswoman"),
    "representative": ("rep",),
    "senator": ("sen",),
    "governor": ("gov",),
    "general": ("gen",),
    "reverend": ("rev",),
}
GENDERED_ROLES = {
    "mr": "he",
    "spokesman": "he",
    "chairman": "he",
    "congressman": "he",
    "king": "he",
    "prince": "he",
    "mrs": "she",
    "ms": "she",
    "miss": "she",
    "spokeswoman": "she",
    "chairwoman": "she",
    "congresswoman": "she",
    "queen": "she",
    "princess": "she",
    # Kin named beside a person ("his wife, Huma Abedin"): a "he" a sentence later is not her.
    "wife": "she",
    "husband": "he",
    "daughter": "she",
    "son": "he",
    "mother": "she",
    "sister": "she",
    "brother": "he",
    "widow": "she",
    "girlfriend": "she",
    "boyfriend": "he",
}
KIN_WORDS = frozenset(
    "wife husband daughter son mother sister brother widow girlfriend boyfriend".split()
)
MAX_SURNAMES = 200  # people whose untagged surnames are looked for: bounds the pattern
NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*)")
PREVIOUS_WORD = re.compile(r"([A-Z][\w.'’-]*)[ \t]+$")
# How many words before a name are read as its role ("Kremlin Spokesman Dmitry Peskov").
ROLE_WORDS = 3
# Words that make the role after them another one: a vice president is not "the president",
# a deputy director not "the director", a lieutenant governor not "the governor".
SECOND_IN_LINE = frozenset({"vice", "deputy", "assistant", "associate", "lieutenant", "under"})


# A sentence's linking word the NER took into the name after it ("Plus Obama is…").
LINKING_WORDS = frozenset({"plus", "and", "but", "so", "also", "then", "still", "yet"})


def strip_title(name: str) -> str:
    """The name after its last role word: "Transport Minister Elena Varga" -> "Elena Varga";
    a linking word before it goes too ("Plus Obama" -> "Obama")."""
    words = POSSESSIVE.sub("", name.strip()).split()
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower().rstrip(".") in TITLE_WORDS:
            return " ".join(words[index + 1 :])
    if len(words) > 1 and words[0].lower() in LINKING_WORDS:
        words = words[1:]
    return " ".join(words)


def surname_of(words: list[str]) -> str:
    """The last name word, a generational suffix skipped ("Holder" of "Eric H. Holder Jr.")."""
    named = [w for w in words if w.lower().rstrip(".") not in NAME_SUFFIXES] or words
    return named[-1]


def suffixes_of(name: str) -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in name.split()) & NAME_SUFFIXES


def capitalised_tail(phrase: str) -> str:
    """The trailing run of capitalised words of a phrase, titles removed ("", if none)."""
    words = phrase.split()
    run: list[str] = []
    for word in reversed(words):
        if not NAME_WORD.fullmatch(word):
            break
        run.insert(0, word)
    return strip_title(" ".join(run))


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str  # canonical: the fullest form
    quoted: bool  # inside a quote: a name the speaker says, not a person in the narrative


IRISH_O = re.compile(r"^O['’](?=[A-Z])")


def _covers(longer: str, shorter: str) -> bool:
    """`longer` holds all of `shorter`'s words and more ("Tom C. Reyes" / "Tom Reyes"), and
    the same suffix ("Donald Trump Jr." is another person than a "Donald Trump" beside him)."""
    words = {w.lower() for w in longer.split()}
    if suffixes_of(longer) != suffixes_of(shorter) and len(shorter.split()) > 1:
        return False
    return longer != shorter and {w.lower() for w in shorter.split()} < words


class NameIndex:
    """The PERSON names of one article, canonicalised, with the roles given to each.

    Lookups go through dictionaries and sorted offsets: a hostile body can name thousands of
    people, and every quote asks who was named near it.
    """

    def __init__(self, names: list[str]) -> None:
        self.by_surname: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for name in dict.fromkeys(names):
            words = name.split()
            if words:
                # "O’Rourke" also answers to "Rourke": scraped text drops an O’ whose
                # apostrophe it could not read ("Rourke demanded Barr …").
                last = surname_of(words)
                bare = IRISH_O.sub("", last).lower()
                entry = (name, frozenset(w.lower() for w in words) | {bare})
                for surname in dict.fromkeys((last.lower(), bare)):
                    self.by_surname.setdefault(surname, []).append(entry)
        self.mentions: list[Mention] = []
        self.mention_starts: list[int] = []
        self.holders: dict[str, set[str]] = {}  # role word -> canonical names given it
        self.genders: dict[str, str] = {}  # canonical name -> "he" / "she", once known

    @classmethod
    def build(
        cls, body: str, entities: list[Entity], quotes: Sequence[tuple[int, int]] = ()
    ) -> NameIndex:
        """From an article's entities; `quotes`: the sorted spans of its quotes, marks included."""
        quote_starts = [a for a, _ in quotes]
        people = [(e, strip_title(e.text)) for e in entities if e.label == "PERSON"]
        index = cls([name for _, name in people if name] + _siblings(body, people))
        canonical: dict[str, str] = {}
        found: list[tuple[int, int, str]] = []
        roles = []
        for entity, name in people:
            if name:
                given = _role_words(body, entity)
                roles.append((entity, name, given, _gender(given)))
        # "the mayor's daughter Ingrid Hale" is a she: "Mr. Hale" is someone else.
        genders = {name: said for _, name, _, said in roles if said}
        for entity, name, given, said in roles:
            full = canonical.setdefault(name, index.canonical(name))
            if said and genders.get(full, said) != said:
                full = name
            found.append((entity.start, entity.end, full))
            for role in given:
                index.holders.setdefault(role, set()).add(full)
        # "President Trump" is a person even where the NER tags the bare surname otherwise.
        titled = {name for _, name, given, _ in roles if given and " " not in name}
        found += index._untagged_surnames(body, found, genders, titled)
        for start, end, full in sorted(found):
            inside = bisect_right(quote_starts, start) - 1
            quoted = inside >= 0 and start < quotes[inside][1]
            index.mentions.append(Mention(start, end, full, quoted))
            index.mention_starts.append(start)
        return index

    def _untagged_surnames(
        self,
        body: str,
        tagged: list[tuple[int, int, str]],
        genders: dict[str, str],
        titled: set[str],
    ) -> list[tuple[int, int, str]]:
        """Surnames of the article's people where the NER saw no person.

        A small model tags "Donald Trump" in one sentence and misses "Trump spent the day…"
        in the next (or tags it an organisation), and a "he said" after it then reaches back
        past him. Only a surname that leads to one fuller name counts, or one the article
        gives a title ("President Trump", `titled`), and not inside a longer name ("Trump
        Tower", "Ann Rice"): its neighbours must not be capitalised words other than titles.
        """
        surnames = {}
        for name in list(dict.fromkeys(full for _, _, full in tagged))[:MAX_SURNAMES]:
            words = name.split()
            last = surname_of(words)
            if (len(words) > 1 or name in titled) and self.canonical(last) == name:
                surnames[last] = name
        if not surnames:
            return []
        taken = sorted((start, end) for start, end, _ in tagged)
        starts = [start for start, _ in taken]
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, surnames)) + r")\b")
        hits = []
        for match in pattern.finditer(body):
            at = bisect_right(starts, match.start()) - 1
            if at >= 0 and match.start() < taken[at][1]:
                continue  # inside a tagged name
            if _inside_longer_name(body, match.start(), match.end()):
                continue
            full = surnames[match.group()]
            title = PREVIOUS_WORD.search(body, max(0, match.start() - 40), match.start())
            said = _gender({title.group(1).lower().rstrip(".")}) if title else None
            if said and genders.get(full, said) != said:
                continue  # "Mr. Hale" beside a woman named Hale: not her
            hits.append((match.start(), match.end(), full))
        return hits

    def canonical(self, name: str) -> str:
        """The longest name in the article with the same surname and all of `name`'s words."""
        words = name.split()
        if not words:
            return name
        wanted = {w.lower() for w in words}
        fuller = [n for n, ws in self.by_surname.get(surname_of(words).lower(), []) if wanted <= ws]
        if len(words) == 1 and all(len(n.split()) == 1 for n in fuller):
            fuller = self._by_first_name(words[0].lower()) or fuller
        # The fullest forms: "Tom Reyes" covers "Reyes" and "Tom"; "Tim C. Hutchinson" does
        # not cover "Seth Hutchinson".
        people = [n for n in fuller if not any(_covers(other, n) for other in fuller)]
        # Two different people with this surname ("Tom Reyes", "Ana Reyes"): keep the name.
        return people[0] if len(people) == 1 else name

    def _by_first_name(self, word: str) -> list[str]:
        """The fuller names starting with `word` ("Malia" -> "Malia Obama"), asked when the
        word is nobody's surname in the article."""
        return [
            n
            for entries in self.by_surname.values()
            for n, _ in entries
            if len(n.split()) > 1 and n.split()[0].lower() == word
        ]

    def by_role(self, role: str) -> str | None:
        """The only person given `role` ("spokesman"), if exactly one is; a role the article
        gives in another form counts ("the congressman" is the one it calls "Rep. …")."""
        role = role.lower()
        holders = self.holders.get(role, set()).union(
            *(self.holders.get(form, set()) for form in ROLE_FORMS.get(role, ()))
        )
        return next(iter(holders)) if len(holders) == 1 else None

    def gender(self, name: str) -> str | None:
        """ "he" or "she" when a title ("Mrs.", "spokeswoman") or an earlier pronoun says."""
        if name in self.genders:
            return self.genders[name]
        for role, pronoun in GENDERED_ROLES.items():
            if name in self.holders.get(role, ()):
                return pronoun
        return None

    def people_between(self, start: int, end: int, quoted: bool = True) -> list[str]:
        """Canonical names mentioned in `start`..`end`; `quoted=False` leaves out quotes."""
        return [m.name for m in self.mentions_between(start, end, quoted)]

    def mentions_between(self, start: int, end: int, quoted: bool = True) -> list[Mention]:
        low = bisect_left(self.mention_starts, start)
        high = bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[low:high] if quoted or not m.quoted]


def _gender(roles: set[str]) -> str | None:
    """ "he" or "she" where the roles given to a mention say which ("Mr.", "daughter")."""
    said = {GENDERED_ROLES[role] for role in roles if role in GENDERED_ROLES}
    return said.pop() if len(said) == 1 else None


def _siblings(body: str, people: list[tuple[Entity, str]]) -> list[str]:
    """The full names that "Sasha and Malia Obama" implies ("Sasha Obama"): with two people
    of one surname, a bare "Obama" (their father, the president) is neither of them."""
    implied = []
    for entity, name in people:
        words = name.split()
        before = SIBLING.search(body, max(0, entity.start - 40), entity.start)
        if len(words) != 2 or before is None:
            continue
        # "Tomas Berg and Ingrid Solberg": the word before "and" ends another full name.
        if not _inside_longer_name(body, before.start(1), before.end(1)):
            implied += [f"{first} {words[-1]}" for first in NAME_WORD.findall(before.group(1))]
    return implied


def _role_words(body: str, entity: Entity) -> set[str]:
    """Role words given to a PERSON mention: just before it in its own clause ("Kremlin
    spokesman Dmitry Peskov", "Mr. Okafor"), or in an apposition ("the union leader, Lars
    Berg" / "Lars Berg, the union leader,")."""
    # A title's abbreviation ("Rep. Ann Lee", "Sen.") keeps its word but not its full stop,
    # which the split below would read as a sentence's end.
    before = ABBREVIATED_TITLE.sub(r"\1", body[max(0, entity.start - 80) : entity.start])
    # A full stop after a lowercase word ends a sentence; after "Mr" it does not.
    parts = re.split(r"([,;:!?()\"“”\n]|(?<=[a-z]{2})\.)", before)
    words = [*_after_preposition(parts[-1].split()[-ROLE_WORDS:]), *entity.text.split()]
    if len(parts) >= 3 and not parts[-1].strip() and parts[-2] == ",":
        words += parts[-3].split()[-ROLE_WORDS:]
    after = re.match(r",\s+((?:the|a|an)\s[^,;.()\n]{1,60})", body[entity.end : entity.end + 80])
    if after is not None:
        words += after.group(1).split()
    roles = TITLE_WORDS | KIN_WORDS
    bare = [w.lower().rstrip(".") for w in words]
    return {
        word
        for at, word in enumerate(bare)
        if word in roles and (at == 0 or bare[at - 1] not in SECOND_IN_LINE)
    }


def _inside_longer_name(body: str, start: int, end: int) -> bool:
    """A capitalised word right after, or a capitalised non-title word right before."""
    following = NEXT_WORD.match(body, end)
    if following is not None and not POSSESSIVE.search(body[start:end]):
        return True
    previous = PREVIOUS_WORD.search(body, max(0, start - 40), start)
    if previous is None:
        return False
    word = previous.group(1)
    bare = word.rstrip(".").lower()
    if word.endswith(".") and len(bare) > 1 and bare not in TITLE_WORDS:
        return False  # "…met Obama. Trump left": the word before ends a sentence
    return bare not in TITLE_WORDS


def _after_preposition(words: list[str]) -> list[str]:
    """The words after the last preposition: "lawyer for Tom Hale" gives Hale no role."""
    cut = max((i + 1 for i, w in enumerate(words) if w.lower() in PREPOSITIONS), default=0)
    return words[cut:]
