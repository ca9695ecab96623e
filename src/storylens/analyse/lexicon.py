"""Word lists for English news prose: abbreviations, titles, speech verbs.

Kept apart from the rules that use them so that a missed abbreviation or verb is a one-line fix.
"""

from __future__ import annotations

import re

# Abbreviations that are (almost) never the last word of a sentence: a boundary after them is
# a segmentation error ("Mr. Reyes", "Jan. 12", "Gov. Ann Lee").
NEVER_FINAL = frozenset(
    """Mr Mrs Ms Messrs Dr Prof Sen Sens Rep Reps Gov Gen Col Lt Sgt Capt Cmdr Adm Maj Brig Cpl
    Pvt Rev Fr Hon Pres Supt Insp Det Gens St Mt Ft Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov
    Dec vs approx ca cf incl fig al e.g i.e""".split()
)

# Abbreviations that may end a sentence ("... in the U.S. The ..." vs "the U.S. Senate"): a
# boundary after them is kept only when the next word is a usual sentence opener.
MAYBE_FINAL = frozenset(
    """Inc Corp Co Ltd Bros Jr Sr Ave Blvd Rd a.m p.m No Ala Ariz Ark Calif Colo Conn Del Fla Ga
    Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash
    Wis Wyo""".split()
)

# Words that open a new sentence far more often than they continue a name or an acronym.
SENTENCE_OPENERS = frozenset(
    """The A An He She It They We I You This That These Those There Their His Her Its Our My
    But And Or So Yet In On At For From With By After Before When While Although Though
    However Meanwhile Still Also Last Earlier Later As If Some Many Most Several Both Each
    According Officials Police No Now Then Since Despite Under Over Instead Such What Who Why
    How Where One Two Three""".split()
)

# Words naming a role rather than a person: stripped from the front of a speaker's name
# ("Kremlin Spokesman Dmitry Peskov" -> "Dmitry Peskov") and matched against "the minister".
TITLE_WORDS = frozenset(
    """president vice prime minister secretary spokesman spokeswoman spokesperson mayor governor
    senator representative congressman congresswoman lawmaker mp chairman chairwoman chair
    chief director ceo head leader general colonel captain lieutenant sergeant commander
    admiral ambassador envoy diplomat judge justice king queen prince princess pope sheikh emir
    chancellor premier deputy professor doctor mr mrs ms miss dr prof gen col lt sgt capt gov sen
    rep sir dame lord lady officer inspector superintendent analyst economist lawyer attorney
    coach manager founder executive official aide adviser advisor commissioner councillor
    councilor speaker whip bishop archbishop rabbi imam cardinal rev reverend father""".split()
)

# The last word of a news outlet's name, or a common noun naming one: "according to The
# Hill" credits a paper that reported someone's words, not a source that said them (a
# document or an office credited the same way is the source: "according to the indictment").
PUBLICATION = re.compile(
    r"\b(?:Times|Post|Journal|Hill|News|Herald|Tribune|Gazette|Courier|Chronicle|Inquirer|"
    r"Observer|Telegraph|Guardian|Ledger|Wire|Press|Magazine|Daily|Dispatch|Globe|Examiner|"
    r"Reuters|Politico|Axios|Bloomberg|CNN|MSNBC|NBC|ABC|CBS|BBC|NPR|AFP|AP|TASS|Interfax|"
    r"Xinhua|newspaper|paper|magazine|outlet|broadcaster|network|website|site|tabloid)\W*$"
)

# A name's generational suffix: "Eric H. Holder Jr." is a Holder, and not his father.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Verbs (and "according to") that attribute a quote to the phrase next to them.
SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|stated|noted|notes|explained|"
    "explains|insisted|insists|replied|replies|continued|continues|wrote|writes|declared|"
    "declares|argued|argues|warned|warns|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|"
    "claimed|claims|acknowledged|admitted|announced|commented|concluded|confirmed|denied|"
    "observed|recalled|remarked|responded|suggested|tweeted|posted|underlined|urged|"
    "cautioned|conceded|complained|predicted|promised|reiterated|agreed|shouted|reported|"
    "pointed out|went on|[Aa]ccording to"
)
# Case-sensitive: "United States" must not read as the verb "states".
SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
# Between two people speaking jointly ("Ines Morel and Lars Berg said"): the speakers
# module joins them into one speaker, the quote matcher splits that speaker again.
JOINED_NAMES = re.compile(r"\s+(?:and|&)\s+")
# A participle ("…, saying "…"") speaks for the subject of the clause it hangs on.
PARTICIPLE = "saying|adding|writing|telling"
# Verbs that give a quote its speaker without being speech verbs everywhere ("pledges to end
# "…"", "described it as "…"", "saying that he would "…""): read by the speaker rules only,
# so the framing's verb counts and the sentence splitter keep to plain speech verbs.
# "called" only when it names someone with the quoted words ("called Mr. Trump a “false
# prophet”", "calling one a "jackass"", "referred to a reporter as a "jackass""): alone it
# is as often a phone call as a name given.
EPITHET = (
    r"(?=\s(?:[^\"“”.;]|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.){1,40}?\s(?:as\s)?(?:a|an)\s[\"“]"
    # ...or a pronoun or a short noun phrase right before the quoted name ("called it "a
    # disgrace"", "calling the investigation "politically motivated"").
    r"|\s(?:it|him|her|them|(?:the|this|that|his|her|their|its)(?:\s[\w'’-]+){1,3})\s(?:as\s)?[\"“])"
)
# Those verbs: the quoted words come after the person named, however many words that takes.
EPITHET_VERB = re.compile(r"call|refer", re.IGNORECASE)
ATTRIBUTING_VERB = re.compile(
    rf"\b(?:{SPEECH_VERBS}|{PARTICIPLE}|pledged|pledges|vowed|vows|described|describes|"
    r"branded|brands|dubbed|demanded|demands|asserted|asserts|answered|answers|quipped|"
    r"joked|exclaimed|yelled|screamed|snapped|retorted|countered|wondered|boasted|lamented|"
    # "called on Trump to apologize and "…"": a demand, in the words quoted after it.
    r"testified|(?:called|calls|calling)\s+on(?=\s[^.;\"“”]{1,60}?\bto\s)|"
    rf"(?:called|calls|calling|referred\s+to|refers\s+to){EPITHET})\b"
)

PRONOUNS = frozenset({"he", "she"})
