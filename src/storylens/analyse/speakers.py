"""Who said each quote: the attribution next to it, resolved to the fullest name.

Attribution patterns, tried in order:
- after the quote: `"…," Peskov told reporters.` / `"…," he said` / `"…," said Reyes` /
  `"…," according to the ministry`;
- before it: `Mayor Tom Reyes said: "…"` / `he said, "…"` (the second half of a split
  quote) / `He insisted that "…"`: a speech verb at most four words before the mark;
- reported speech earlier in the same sentence (`Putin said that hackers are "free people
  like artists"`, `Rice said the speech would be "destructive"`), or a sentence opening on
  a person's view (`To Rep. Ana Ruiz, the bill "…"`);
- for quotes of four words or more only, a paragraph that is nothing but a quote continues
  the speaker of the quote closing the paragraph before it.

Before a verb the speaker is the clause's subject, not a name in an apposition about it
(`Ana Ruiz, the spokeswoman for Tom Hale, said`; see `clauses`), nor one before a role that
is the subject (`Before meeting Pip and Lark, the mayor remarked`); a participle speaks for
the subject of its clause (`Tom Hale, the treasurer, qualified his view, saying "…"`); two
people joined by "and" speak jointly (`said Ines Morel and Lars Berg`). Quoted words in
title case (`"In God We Trust"`) name something and get no speaker. A fragment of under four
words ("patriotically minded") with no speech verb before it in its sentence is a scare
quote: it gets a speaker only from an adjacent pattern.

A pronoun ("he said") is the last named speaker, or the one person named since, only when
that leaves exactly one candidate; otherwise the speaker is unknown (None) rather than a guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from storylens.analyse.clauses import (
    PREPOSITIONS,
    clause_start,
    governed,
    opens_part,
    part_index,
)
from storylens.analyse.lexicon import (
    ATTRIBUTING_VERB,
    EPITHET_VERB,
    JOINED_NAMES,
    PARTICIPLE,
    PRONOUNS,
    PUBLICATION,
    TITLE_WORDS,
)
from storylens.analyse.names import Mention, NameIndex, capitalised_tail
from storylens.analyse.quotes import QuoteSpan, is_title
from storylens.records import Entity, Sentence

STATEMENT_WORDS = 4  # shorter quotes are fragments: adjacent attribution only
MAX_TAIL = 200  # characters read after a quote for its attribution
MAX_HEAD = 300  # ... and before it: bounded, so many quotes in one long line stay cheap
WORD = re.compile(r"[\w'’.-]+")
CLAUSE_BREAK = re.compile(r"[,;:()—–]")
# Where the name after a verb stops. A full stop only at the end: the phrase is bounded by the
# sentence already, and "said Mr. Reyes" must keep "Mr. Reyes".
PHRASE_END = re.compile(r"[,;:()—–]|\.\s*$|\s(?:who|in|on|at|after|before|when|while|adding)\s")
STANCE = re.compile(r"\s*To\s+(?=[A-Z])")
# An unnamed writer at a publication: who speaks is the writer, not the publication.
MEDIA_PERSON = re.compile(
    r"\s*(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?P<who>(?:blogger|columnist|commentator|writer|reporter|"
    r"editor|host|anchor|correspondent|contributor)\s+(?:on|at|for|of|with)\s+[^,;]*[^,;\s])\s*$"
)
# A sentence that opens on "Asked …," and goes straight into a quote: the quote is the question.
# (`Asked on CNN whether…, he said, "…"` has its speaker between: two commas.)
ASKED = re.compile(r"\s*Asked\b[^\"“”.,]{0,60},\s*$")
POSSESSIVE = re.compile(r"['’]s\b")
# A name right before a staff role is whose staff ("Pence press secretary Alyssa Farah",
# "a Hale spokesman", "a Hale campaign aide"), as a possessive is: the one speaking is the
# staff member.
STAFF_OF = re.compile(
    r"\s+(?:campaign\s+)?(?:press\s+secretary|spokes(?:man|woman|person)|aide|lawyer|attorney|adviser|"
    r"advisor|campaign\s+manager|chief\s+of\s+staff|communications\s+director)\b",
    re.IGNORECASE,
)
# `"…," which he claimed …`: a relative clause after a quote is about the quoted thing.
RELATIVE_OPENING = re.compile(r"(?:which|that|what)\b", re.IGNORECASE)
# A relative pronoun right before the verb (`Sen. Ana Ruiz, who tweeted that "…"`): the verb's
# subject is the name the pronoun follows.
RELATIVE_SUBJECT = re.compile(r",\s*(?:who|which)\s+$")
# A part set off between the subject and its verb ("The mayor, speaking at the Harbour Hall,
# said"; "Ana Ruiz, who backed Mr. Hale, said"): a relative clause, a participle's or a
# preposition's phrase. What it names is where or about whom, never who speaks.
ASIDE = re.compile(rf"\s*(?:who|whom|whose|which|[a-z]+ing|{'|'.join(sorted(PREPOSITIONS))})\b")
# A place after a name ("Representative Kurt Lund of Lindholm"): not the name's last word.
FROM_PLACE = re.compile(r"\s+(?:of|from)\s+[A-Z][^,;]*$")
# A name before "campaign" or "administration" ("the Hale campaign said"): the campaign, an
# organisation, speaks, not its candidate.
COLLECTIVE = re.compile(
    r"\s+(campaign|administration)\b(?!\s+(?:[a-z]+\s+)?[a-z]+(?:man|woman|person|aide|adviser|advisor|secretary|manager|official|officials|director)\b)"
)
# ...and "calling" a thing a name after a comma or "and" ("…, calling the inquiry "a witch
# hunt""; not `has taken to calling it a "prank"`, whose subject is the clause's own).
PARTICIPLE_WORD = re.compile(rf"{PARTICIPLE}|(?<=,\s)calling|(?<=\band\s)calling")
# A pronoun opening a part of a clause: "And in an interview, he pointed to…".
PART_PRONOUN = re.compile(r"(?:^|[,;:(—–]\s*)(?:(?:[Aa]nd|[Bb]ut|[Tt]hen)\s+)?\b([Hh]e|[Ss]he)\b")
# A sentence opening on a pronoun as its subject, after at most a linking word.
PRONOUN_SUBJECT = re.compile(r"\s*(?:(?:And|But|Then|Later|Still|Yet)\s+)?([Hh]e|[Ss]he)\b")
INNER_MARKS = "'‘’\"“”«»‹›"
GROUPS = frozenset({"ORG", "NORP", "GPE"})
MAX_NAME_WORDS = 12
PRONOUN_WINDOW = 3  # sentences searched back for a person when no speaker is known yet
# A role after an indefinite article introduces someone the article has not named ("a
# BuzzFeed spokesman told…" after the special counsel's spokesman was named): the words
# read before the role for one ("a", "a BuzzFeed", "an agency press").
INDEFINITE = frozenset({"a", "an", "another"})
ROLE_MODIFIERS_READ = 3
# A sentence opening on a role as its subject: "The congressman …", "The former mayor …".
# A role's modifiers: "former", "embattled", "seven-term", "longtime" (two at most).
ROLE_MODIFIERS = r"(?:(?:former|new|embattled|veteran|longtime|[a-z]+-(?:term|year-old))\s+){0,2}"
ROLE_SUBJECT = re.compile(
    rf"\s*[\"“]?(?:The|the)\s+{ROLE_MODIFIERS}"
    rf"(?P<role>{'|'.join(sorted(TITLE_WORDS - {'mr', 'mrs', 'ms', 'miss', 'dr', 'father'}))})\s"
    r"(?!of\b)"
)

# The clause right before a speech verb is nothing but a role: "the president", "the
# former mayor".
ROLE_CLAUSE = re.compile(
    rf"(?:The|the)\s+{ROLE_MODIFIERS}"
    rf"({'|'.join(sorted(TITLE_WORDS - {'mr', 'mrs', 'ms', 'miss', 'dr', 'father'}))})"
)

ACRONYM = re.compile(r"[A-Z]{2,6}")
# "the Obama administration": a name used as a modifier is nobody's "he".
ATTRIBUTIVE = re.compile(r"\b(?:the|a|an)\s+$")
# "Twitter's Adam Sharp": the owner before a possessive is not the one speaking.
OWNER = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s\s+(?=[A-Z])")


def speaker_name(name: str | None) -> str | None:
    """The name as shown: no owner before a possessive when a full name follows it, no
    bracket an editor put inside a quote; words without a capital ("lesbian group") are a
    description, not a name. Spelling is the article's own (O’Neill stays O’Neill)."""
    if name is None:
        return None
    cleaned = " ".join(name.replace("[", "").replace("]", "").split())
    owned = OWNER.sub("", cleaned)
    if owned != cleaned and len(owned.split()) >= 2:
        cleaned = owned
    if not any(word[:1].isupper() for word in cleaned.split()):
        return None
    return cleaned


@dataclass(slots=True, frozen=True)
class Phrase:
    """The words naming the speaker; `first` when the name is the first one in them;
    `participle` when they end on "…, saying": the speaker is their clause's subject."""

    start: int
    end: int
    first: bool
    participle: bool = False
    credited: bool = False  # `according to X`: X reported the words, it may not say them


class SpeakerResolver:
    """Resolves the speakers of one article's quotes, in reading order."""

    def __init__(
        self, body: str, sentences: list[Sentence], entities: list[Entity], quotes: list[QuoteSpan]
    ) -> None:
        self.body = body
        self.sentence_starts = [s.start for s in sentences]
        self.sentence_ends = [s.end for s in sentences]
        self.entities = sorted(entities, key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]
        self.marks = [(q.open, q.close) for q in quotes]
        self.mark_starts = [q.open for q in quotes]
        self.names = NameIndex.build(body, entities, self.marks)
        self.quotes = quotes
        self.last_speaker: str | None = None
        self.last_position = 0

    def resolve_all(self) -> list[str | None]:
        speakers: list[str | None] = []
        for index, quote in enumerate(self.quotes):
            speaker = self._speaker(index, quote, speakers)
            speakers.append(speaker)
        for index in reversed(range(len(self.quotes) - 1)):
            if speakers[index] is None and _runs_on(self.quotes[index], self.quotes[index + 1]):
                # A quote a line break cut (`analyse.quotes`) is attributed after its end.
                speakers[index] = speakers[index + 1]
        return [speaker_name(self._spelt_out(speaker)) for speaker in speakers]

    def _spelt_out(self, name: str | None) -> str | None:
        """An acronym ("NRA") as the article spells it out ("National Rifle Association"):
        the fullest name the article gives, as for people."""
        if name is None or not ACRONYM.fullmatch(name):
            return name
        for entity in self.entities:
            words = [w for w in entity.text.split() if w[:1].isupper()]
            if entity.label in GROUPS and len(words) > 1 and "".join(w[0] for w in words) == name:
                return entity.text
        return name

    def _speaker(self, index: int, quote: QuoteSpan, done: list[str | None]) -> str | None:
        previous = self.quotes[index - 1] if index else None
        following = self.quotes[index + 1].open if index + 1 < len(self.quotes) else len(self.body)
        if is_title(self.body[quote.start : quote.end]):
            return None  # a name in quote marks ("In God We Trust"), nobody's words
        if ASKED.match(self.body, self._sentence_start(quote.open), quote.open):
            return None  # `Asked point-blank, "Is that picture you?"`: an unnamed questioner
        statement = quote.words(self.body) >= STATEMENT_WORDS
        after = self._after(quote, following)
        before = self._before(quote, previous, direct=True)
        # A quote that ends its sentence belongs to the attribution leading into it, if any.
        ended = self.body[quote.end - 1 : quote.end] == "."
        phrase = (before or after) if ended else (after or before)
        if phrase is None and done and done[-1] and self._next_sentence_quote(previous, quote):
            # `"…," he said. "Teachers should teach."`: his next words, however few (the
            # attribution before it is the previous quote's).
            self.last_speaker, self.last_position = done[-1], quote.close
            return done[-1]
        if phrase is None:
            # A fragment too, when the sentence reports someone's speech: `Ana Ruiz said the
            # plan was "reckless"` quotes her word; a scare quote has no speech verb before it.
            phrase = self._before(quote, previous, direct=False) or self._stance(quote)
        if phrase is not None:
            speaker = self._resolve(phrase)
            if phrase.credited and not statement and self._publication(phrase):
                # `Hale criticized the council for its "secrecy," according to the Courier`:
                # the paper reported his word; the clause's subject said it.
                opening = self._sentence_start(quote.open)
                subject = Phrase(opening, quote.open, first=False, participle=True)
                speaker = self._clause_subject(subject) or speaker
            # An unknown speaker makes a later "she said" unsure; a fragment quoted from
            # nobody we know (`deputies called it a "gift"`) does not.
            if speaker is not None or statement:
                # "he said" never refers back to an organisation.
                group = self._group(phrase) or (speaker and COLLECTIVE.search(f" {speaker}"))
                person = speaker if not group else None
                self.last_speaker, self.last_position = person, max(quote.close, phrase.end)
            return speaker
        if statement and previous and done and self._continues(previous, quote, done[-1]):
            self.last_speaker, self.last_position = done[-1], quote.close
            return done[-1]
        return None

    def _after(self, quote: QuoteSpan, following: int) -> Phrase | None:
        """`"…," Peskov told reporters` / `"…," said Reyes` / `"…," according to X`."""
        end = min(quote.para_end, following, quote.close + MAX_TAIL)
        end = min(end, self._sentence_end(quote.close, end))
        tail = self.body[quote.close : end]
        verb = ATTRIBUTING_VERB.search(tail)
        joint = self._joint(quote, end)
        # No punctuation between quote and verb: `"free people" and conceded…` runs on.
        if verb is None or not re.search(r"[,?!.…—–]", joint):
            return None
        before = tail[: verb.start()].strip(" ,—–-\u00a0")
        if RELATIVE_OPENING.match(before):
            # `"…," which he claimed the mayor had asked`: a clause about the quoted thing,
            # whose verb reports someone's view of it, not who says the quoted words.
            return None
        if _according(verb) or not before:
            return self._phrase_after_verb(quote.close + verb.end(), end, _according(verb))
        # After a full stop only a short `Peskov said.` belongs to the quote.
        ended = not re.search(r"[,?!—–]", joint)
        words = len(WORD.findall(before))
        if words > (4 if ended else 10) or (ended and "," in before):
            return None
        return Phrase(quote.close, quote.close + verb.start(), first=True)

    def _joint(self, quote: QuoteSpan, end: int) -> str:
        """The punctuation from the quoted words to the first word after the closing mark.

        A quote ending on a quote inside it (`…the ‘f bomb,’” he said`) has its comma
        before the inner mark: the joint starts at the last character that is no mark."""
        last = quote.end
        while last - 1 > quote.start and self.body[last - 1] in INNER_MARKS:
            last -= 1
        after = self.body[quote.close : end]
        return (
            self.body[last - 1 : quote.close]
            + after[: len(after) - len(after.lstrip(" ,.;:!?—–-\u00a0"))]
        )

    def _before(self, quote: QuoteSpan, previous: QuoteSpan | None, direct: bool) -> Phrase | None:
        """`Mayor Tom Reyes said: "…"` (direct), or `X said that … "…"` (reported)."""
        start = max(quote.para_start, self._sentence_start(quote.open), quote.open - MAX_HEAD)
        if previous is not None and previous.close > start:
            start = previous.close
        head = self.body[start : quote.open]
        # The opening mark too: an epithet verb looks ahead to it (`called him a "…"`).
        verbs = list(ATTRIBUTING_VERB.finditer(self.body[start : quote.open + 1]))
        if not verbs:
            return None
        verb = verbs[-1]
        gap = head[verb.end() :]
        named_with = EPITHET_VERB.match(verb.group()) is not None  # bounded by its pattern
        if direct and not named_with and (len(WORD.findall(gap)) > 4 or re.search(r"[.!?;]", gap)):
            return None
        relative = RELATIVE_SUBJECT.search(head, 0, verb.start())
        if relative is not None:
            return self._antecedent(start, start + relative.start())
        if PARTICIPLE_WORD.fullmatch(self.body, start + verb.start(), start + verb.end()):
            # `Ms. Lauten … posted an apology for her "hurtful" words, saying she had "…"`:
            # the subject may stand before an earlier quote of the sentence.
            opening = max(quote.para_start, self._sentence_start(quote.open), quote.open - MAX_HEAD)
            return Phrase(opening, start + verb.start(), first=False, participle=True)
        # `according to X, "…"`, and `"…," said Reyes, "…"` (the second half of a split quote)
        if _according(verb) or not head[: verb.start()].strip(" ,—–-"):
            return self._phrase_after_verb(start + verb.end(), quote.open, _according(verb))
        return Phrase(start, start + verb.start(), first=False)

    def _antecedent(self, start: int, end: int) -> Phrase:
        """The words a relative pronoun at `end` refers back to: the last person named in its
        part of the clause (`even from President Trump, who said`), else the last group (`the
        Log Cabin Republicans, a gay group, which said`: an apposition may stand between),
        else the whole part (`The congressman, who described`)."""
        parts = [start, *(b.end() for b in CLAUSE_BREAK.finditer(self.body, start, end))]
        for part in reversed(parts[-2:]):
            people = self.names.mentions_between(part, end)
            groups = [
                e
                for e in self._entities_in(Phrase(part, end, first=True))
                if e.label in GROUPS
                and e.end <= end
                and not re.search(r"\bof\s+$", self.body[max(0, e.start - 4) : e.start])
            ]
            named = [(m.start, m.end) for m in people] or [(e.start, e.end) for e in groups]
            if named:
                first, last = max(named, key=lambda span: span[1])
                return Phrase(first, last, first=True)
        return Phrase(parts[-1], end, first=True)

    def _stance(self, quote: QuoteSpan) -> Phrase | None:
        """`To Ana Ruiz, the bill "…"`: a sentence opening on "To" and a person, then a
        comma, gives that person's view."""
        start = max(quote.para_start, self._sentence_start(quote.open))
        opening = STANCE.match(self.body, start, quote.open)
        if opening is None:
            return None
        name_end = self.body.find(",", opening.end(), quote.open)
        if name_end < 0 or ATTRIBUTING_VERB.search(self.body, name_end, quote.open):
            return None
        if not self.names.mentions_between(opening.end(), name_end, quoted=False):
            return None  # `To Americans, …`: only a person's view is a speaker's
        return Phrase(opening.end(), name_end, first=True)

    def _phrase_after_verb(self, start: int, limit: int, credited: bool) -> Phrase | None:
        """The name right after the verb: `said Mayor Tom Reyes, who…` -> "Mayor Tom Reyes";
        `credited` after "according to"."""
        text = self.body[start:limit]
        stop = PHRASE_END.search(text)
        end = start + (stop.start() if stop else len(text))
        if stop and stop.group() == "," and not self.names.mentions_between(start, end):
            # `said a White House spokesman, Eric Schultz`: the role, then the name after it.
            end = self._apposition_end(end, limit)
        words = len(WORD.findall(self.body[start:end]))  # "Georgi Marinov of the Green party"
        if not words or words > MAX_NAME_WORDS:
            return None
        return Phrase(start, end, first=True, credited=credited)

    def _apposition_end(self, comma: int, limit: int) -> int:
        """The end of a name right after `comma`, or `comma` when no name comes next."""
        gap = len(self.body[comma + 1 : limit]) - len(self.body[comma + 1 : limit].lstrip())
        named = self.names.mentions_between(comma + 1, comma + 2 + gap, quoted=False)
        return named[0].end if named else comma

    def _resolve(self, phrase: Phrase) -> str | None:
        """A name for the words naming a speaker, or None when they name nobody we know."""
        role = None if phrase.first else ROLE_CLAUSE.fullmatch(self._clause(phrase))
        if role is not None:
            # `Before meeting Mac and Cheese, the president remarked that…`: the role is the
            # subject, whoever the clauses before it name; its holder, if only one.
            return self.names.by_role(role.group(1).lower())
        if phrase.participle:
            return self._clause_subject(phrase)
        person = self._named_speaker(phrase)
        if person is not None:
            return person
        clause = self._clause(phrase)
        words = [w.lower() for w in WORD.findall(clause)]
        pronouns = [w for w in (words[:1] if phrase.first else words[-3:]) if w in PRONOUNS]
        if pronouns:
            # Before the verb the pronoun ends the phrase (`Asa Hutchinson, who led the
            # review, … -- he said`): the names earlier in its own sentence are candidates.
            return self._pronoun(phrase.start if phrase.first else phrase.end, pronouns[-1])
        writer = MEDIA_PERSON.match(clause)
        if writer is not None:
            # `A blogger on the Web site Freedom's Lighthouse said`: a publication is never
            # the speaker of its writers' words; the unnamed writer at it is.
            return writer.group("who")
        # A person the phrase names but `_named_speaker` ruled out (`a lawyer for Tom Hale`)
        # must not come back as a capitalised name.
        ruled_out = any(
            phrase.first or not self._in_aside(phrase.start, m.start)
            for m in self.names.mentions_between(phrase.start, phrase.end)
        )
        name = "" if ruled_out else _name_at_end(clause)
        if name and name.split()[0] not in ("The", "A", "An"):
            canonical = self.names.canonical(name)
            if canonical != name:
                return canonical
            group = self._group(phrase)
            # One capitalised word the NER did not tag is as likely "Officials" as a name.
            if group is not None or " " in name or self._tagged(phrase, name):
                return group or name
        for at in reversed(range(len(words))):
            if INDEFINITE & set(words[max(0, at - ROLE_MODIFIERS_READ) : at]):
                continue  # "a BuzzFeed spokesman": someone new, not the spokesman named before
            holder = self.names.by_role(words[at])
            if holder is not None:
                return holder
        return self._group(phrase)

    def _named_speaker(self, phrase: Phrase) -> str | None:
        """The person the phrase names as the one speaking.

        After the verb the first name (`said Tom Reyes, a friend of Ana Ruiz`). Before it,
        in the clause of the verb (`…, and Ana Ruiz said`; `…when she added`), the subject
        (`Ana Ruiz, who is married to Tom Hale, said`), else the name nearest the verb; a
        pronoun right before the verb is left to the pronoun rule. Names a preposition
        takes (`a spokesman for Tom Hale`) and possessives (`Hale's spokesman`, `Hale
        spokesman Ana Ruiz`) are never the speaker.
        """
        start = phrase.start
        if not phrase.first:
            start = clause_start(self.body, phrase.start, phrase.end)
            last_words = WORD.findall(self.body, max(start, phrase.end - 40), phrase.end)[-2:]
            if any(w.lower() in PRONOUNS for w in last_words):
                return None
        mentions = [
            m
            for m in self.names.mentions_between(start, phrase.end)
            if not POSSESSIVE.match(self.body, m.end)
            and not STAFF_OF.match(self.body, m.end)
            and not governed(self.body, start, m.start)
            and (phrase.first or not self._in_aside(start, m.start))
        ]
        if not mentions:
            return None
        if phrase.first:
            return self._jointly(mentions[0], mentions)
        heads = [m for m in mentions if opens_part(self.body, start, m.start)]
        return self._jointly((heads or mentions[::-1])[0], mentions)

    def _collective(self, mention: Mention) -> str | None:
        """ "Hale campaign" where the name stands before "campaign" or "administration"."""
        found = COLLECTIVE.match(self.body, mention.end)
        if found is None:
            return None
        return f"{self.body[mention.start : mention.end]} {found.group(1)}"

    def _clause_subject(self, phrase: Phrase) -> str | None:
        """The subject of the clause a participle hangs on: the first person, or "he"/"she",
        opening a part of it (`Another candidate, Doug Ducey, …, qualified his view,
        saying…`; `And in an interview, he pointed to…, saying…`). Names inside the clause's
        other words (`…to oust Trump…, saying`) are not who speaks."""
        start = clause_start(self.body, phrase.start, phrase.end)
        mentions = self.names.mentions_between(start, phrase.end, quoted=False)
        heads = [
            m
            for m in mentions
            if opens_part(self.body, start, m.start) and not POSSESSIVE.match(self.body, m.end)
        ]
        pronoun = PART_PRONOUN.search(self.body[start : phrase.end])
        if pronoun is not None and (not heads or start + pronoun.start(1) < heads[0].start):
            return self._pronoun(start + pronoun.start(1), pronoun.group(1).lower())
        return self._jointly(heads[0], mentions) if heads else None

    def _jointly(self, first: Mention, mentions: list[Mention]) -> str:
        """`Rudy Giuliani and Jay Sekulow said in a joint statement`: both are the speaker;
        `the Hale campaign said`: the campaign."""
        collective = self._collective(first)
        if collective is not None:
            return collective
        later = [m for m in mentions if m.start > first.start]
        if later and JOINED_NAMES.fullmatch(self.body, first.end, later[0].start):
            return f"{first.name} and {later[0].name}"
        return first.name

    def _tagged(self, phrase: Phrase, name: str) -> bool:
        return any(name in e.text for e in self._entities_in(phrase))

    def _entities_in(self, phrase: Phrase) -> list[Entity]:
        low = bisect.bisect_left(self.entity_starts, phrase.start)
        return self.entities[low : bisect.bisect_left(self.entity_starts, phrase.end)]

    def _clause(self, phrase: Phrase) -> str:
        """The clause naming the speaker: `On Tuesday, the minister` -> `the minister`;
        before the verb, asides skipped (`The mayor, speaking at the hall,` -> `The mayor`)."""
        parts = [p for p in CLAUSE_BREAK.split(self.body[phrase.start : phrase.end]) if p.strip()]
        if not parts:
            return ""
        if phrase.first:
            return parts[0].strip()
        kept = [p for p in parts[1:] if not ASIDE.match(p)]
        return (kept[-1] if kept else parts[0]).strip()

    def _publication(self, phrase: Phrase) -> bool:
        """Whether the phrase names a news outlet ("The Hill", "the local paper")."""
        return PUBLICATION.search(self.body[phrase.start : phrase.end].rstrip(" ,.")) is not None

    def _in_aside(self, start: int, position: int) -> bool:
        """Whether `position` lies in a part of its clause set off as an aside (not the
        clause's first part)."""
        breaks = list(CLAUSE_BREAK.finditer(self.body, start, position))
        return bool(breaks) and ASIDE.match(self.body, breaks[-1].end(), position) is not None

    def _group(self, phrase: Phrase) -> str | None:
        """An organisation as speaker, when the phrase is just its name ("the Kremlin")."""
        clause = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", self._clause(phrase))
        for entity in self._entities_in(phrase):
            if entity.label in GROUPS and entity.text == clause:
                return entity.text
        return None

    def _pronoun(self, position: int, pronoun: str) -> str | None:
        """The person a "he"/"she" at `position` refers to, when only one fits.

        News puts the antecedent in the sentence before (`Helena Baptista said… "…," she
        said`), so the nearest sentence naming anyone decides: its subject (the first person
        named before its speech verb) or else its only person, of a fitting gender; two or
        more people and no subject make it ambiguous. With nobody named in the last few
        sentences, the pronoun continues the last speaker.
        """
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        for i in range(index, max(-1, index - PRONOUN_WINDOW - 1), -1):
            start = self.sentence_starts[i]
            end = min(self.sentence_ends[i], position)
            if i < index and self._opens_on(start, end, pronoun):
                # `He later praised Ann Lee, …. "…," he said`: a sentence whose subject is
                # the same pronoun is about the same person; the people it names are not.
                if start < self.last_position <= self.sentence_ends[i]:
                    break
                continue
            mentions = [
                m
                for m in self.names.mentions_between(start, end, quoted=False)
                if not POSSESSIVE.match(self.body, m.end)  # "Kessler's chief executive"
                and not ATTRIBUTIVE.search(self.body, max(0, m.start - 5), m.start)
                # "On Twitter on Friday, he said": in the pronoun's own sentence, what a
                # preposition takes is not who speaks (the small NER model tags a platform
                # as a person). In the sentence before, it may be: "a sharp response from
                # Rev. Ann Lee. '…,' she said".
                and not (i == index and governed(self.body, start, m.start))
            ]
            people = self._fitting([m.name for m in mentions], pronoun)
            if people:
                subject = self._subject(mentions, start, end, pronoun)
                opening = ROLE_SUBJECT.match(self.body, start, end)
                if subject is None and opening is not None:
                    # "The congressman … his wife, Ann Lee, …", "The president spoke, along
                    # with Vice President Tim Hale": "he" is who the role names, never
                    # another person of the sentence; unknown when nobody fits the role.
                    subject = self._role_referent(opening.group("role"), pronoun)
                    return self._learn(subject, pronoun) if subject else None
                chosen = subject or (people[0] if len(people) == 1 else None)
                return self._learn(chosen, pronoun) if chosen else None
            if start < self.last_position <= self.sentence_ends[i]:
                break  # back at the last attribution: it names nobody new
        last = self.last_speaker
        return self._learn(last, pronoun) if last and self._fitting([last], pronoun) else None

    def _opens_on(self, start: int, end: int, pronoun: str) -> bool:
        """Whether the sentence's subject is `pronoun` ("He later praised…", "Then she…")."""
        opening = PRONOUN_SUBJECT.match(self.body, start, end)
        return opening is not None and opening.group(1).lower() == pronoun

    def _role_referent(self, role: str, pronoun: str) -> str | None:
        """Who a sentence opening on a role as its subject ("The congressman also expressed…")
        is about: the one person the article gives that role, else the one speaking so far,
        when of a fitting gender."""
        for candidate in (self.names.by_role(role.lower()), self.last_speaker):
            if candidate is not None and self._fitting([candidate], pronoun):
                return candidate
        return None

    def _subject(self, mentions: list[Mention], start: int, end: int, pronoun: str) -> str | None:
        """The sentence's subject, of a fitting gender.

        With a speech verb outside quotes: the first person opening a part of the clause
        before it, else the first one before it that no preposition takes. Without one
        (`According to X` names a source, it is no verb): the first person opening a part,
        only when everyone else named sits in another part, an apposition about them
        (`Ana Ruiz, married to Tom Hale, posted…`), or after a preposition (`Ana stepped up
        her attacks on Tom`), not beside them (`Ana met Tom`).
        """
        verbs = (
            v
            for v in ATTRIBUTING_VERB.finditer(self.body, start, end)
            if not self._quoted(v.start()) and not _according(v)
        )
        verb = next(verbs, None)
        limit = verb.start() if verb else end
        named = [m for m in mentions if m.start < limit]
        heads = [m for m in named if opens_part(self.body, start, m.start)]
        heads = [m for m in heads if self._fitting([m.name], pronoun)]
        if verb is None:
            if not heads:
                return None
            part = part_index(self.body, start, heads[0].start)
            beside = {
                m.name
                for m in named
                if part_index(self.body, start, m.start) == part
                and (m is heads[0] or not governed(self.body, start, m.start))
            }
            return heads[0].name if len(self._fitting(list(beside), pronoun)) == 1 else None
        if heads:
            return heads[0].name
        free = [m.name for m in named if not governed(self.body, start, m.start)]
        before = self._fitting(free, pronoun)
        return before[0] if before else None

    def _quoted(self, position: int) -> bool:
        index = bisect.bisect_right(self.mark_starts, position) - 1
        return index >= 0 and position < self.marks[index][1]

    def _fitting(self, names: list[str], pronoun: str) -> list[str]:
        """The distinct `names` whose gender, where known, agrees with `pronoun`."""
        return [n for n in dict.fromkeys(names) if self.names.gender(n) in (None, pronoun)]

    def _learn(self, name: str, pronoun: str) -> str:
        self.names.genders.setdefault(name, pronoun)
        return name

    def _next_sentence_quote(self, previous: QuoteSpan | None, quote: QuoteSpan) -> bool:
        """A whole sentence in quote marks opening right after the sentence that attributed
        the previous quote (`"…," he said. "Teachers should teach."`): however short, the
        same speaker's next words, not a scare-quoted word."""
        if previous is None or previous.para_start != quote.para_start:
            return False
        attribution_end = self._sentence_end(previous.close, quote.open)
        if attribution_end > quote.open or self.body[attribution_end : quote.open].strip():
            return False  # the quote sits inside the attribution's sentence, or after more
        end = min(self._sentence_end(quote.close, quote.para_end), quote.para_end)
        return not self.body[quote.close : end].strip(" .!?…")

    def _continues(self, previous: QuoteSpan, quote: QuoteSpan, speaker: str | None) -> bool:
        """An unattributed statement right after an attributed quote: the same speaker goes on.

        Either later in the same paragraph with nobody else named in between (`"…," Asante
        said. "…"`), or as a paragraph of nothing but a quote right after it.
        """
        if previous.para_start == quote.para_start:
            # The quote opens the sentence after the previous quote's attribution...
            attribution_end = self._sentence_end(previous.close, quote.open)
            if not self.body[attribution_end : quote.open].strip():
                return True
            # ...or whatever comes between names nobody else.
            between = self.names.people_between(previous.close, quote.open, quoted=False)
            return set(between) <= {speaker}
        alone = not self.body[quote.para_start : quote.open].strip()
        alone = alone and not self.body[quote.close : quote.para_end].strip(" .")
        adjacent = not self.body[previous.para_end : quote.para_start].strip()
        return alone and adjacent

    def _sentence_start(self, position: int) -> int:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[index] if index >= 0 else 0

    def _sentence_end(self, position: int, default: int) -> int:
        """End of the sentence holding the first word at or after `position`."""
        text = self.body[position:default]
        first = position + len(text) - len(text.lstrip(" \t\u00a0"))
        index = bisect.bisect_right(self.sentence_ends, first)
        return self.sentence_ends[index] if index < len(self.sentence_ends) else default


def _according(verb: re.Match[str]) -> bool:
    """ "according to X": X is credited with the words, not said to say them."""
    return verb.group().lower() == "according to"


def _name_at_end(clause: str) -> str:
    """The name ending a clause, a place after it left out ("Representative Kurt Lund of
    Lindholm" -> "Kurt Lund"), unless what stands before the place is no full name
    ("Secretary of State Ana Ruiz")."""
    name = capitalised_tail(FROM_PLACE.sub("", clause))
    return name if " " in name else capitalised_tail(clause)


def _runs_on(quote: QuoteSpan, following: QuoteSpan) -> bool:
    """Whether `following` is the rest of `quote`, which ran on past its line's end without
    a mark opening the next line (its opening mark lies before its own line)."""
    return quote.close == quote.para_end and following.open < following.para_start
