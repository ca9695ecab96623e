"""Language codes: normalising declared ones, and a cheap stop-word guess for nine languages."""

from __future__ import annotations

import re
from collections import Counter

# The most frequent function words of each language (a few dozen each): enough to tell the six
# apart on a paragraph, and to measure how "sentence-like" a line is in the line classifier.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the a an and or but nor of to in on at for from by with as is are was were be been "
        "being has have had do does did that this these those it its he she they we you i me "
        "him her his their them our us my your not no which who whom whose what when where why "
        "how will would can could should may might must shall said says than then there here "
        "into about after before over under against between during through also more most one "
        "all any some such if so up out only just very because while until again further once "
        "both each other own same too off down".split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einer eines einem und oder aber von zu im in am an "
        "auf für mit bei ist sind war waren wird werden hat haben nicht auch sich es er sie "
        "wir ihr dass als wie noch nach aus über um nur vor so zum zur kein keine "
        # Modal and auxiliary forms, pronouns and particles, as the English list has them:
        # without them a short German sentence ("…“, sagte der Trainer.") read as a label.
        "hier dort kann können konnte konnten muss müssen soll sollen will wollen würde würden "
        "wurde wurden hatte hatten hätte hätten sei seien ich du mich mir ihm ihn ihnen uns "
        "sein seine seiner seinen ihre ihren dies diese dieser dieses dann denn doch schon sehr "
        "mehr bis durch gegen ohne unter zwischen seit wenn weil ob jetzt immer alle man".split()
    ),
    "fr": frozenset(
        "le la les un une des du de et ou mais à au aux en dans sur pour par avec est sont "
        "était ont a été il elle ils elles nous vous on ne pas que qui ce cette ces son sa "
        "ses leur leurs plus comme se selon après avant ici là peut peuvent doit doivent "
        "sera seront avait avaient je tu me lui y dont où quand si tout tous toute aussi très "
        "entre sans sous depuis pendant mon ma mes notre nos votre".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas de del y o pero a al en por para con es son fue "
        "fueron ha han ser está están que se su sus lo como más no sin sobre entre este esta "
        "estos también según ya muy aquí allí puede pueden debe había habían será serán yo "
        "le les me nos cuando donde si todo todos toda porque hasta desde durante tras mi mis "
        "nuestro esa ese eso".split()
    ),
    "it": frozenset(
        "il lo la i gli le un uno una di del della dei delle e o ma a al alla in nel nella "
        "per con su è sono era stato ha hanno che non si come più anche dopo questo questa "
        "suo sua loro dal dalla qui può possono deve aveva avevano sarà saranno io mi ci gli "
        "quando dove se tutto tutti molto tra fra senza sotto durante mio mia nostro".split()
    ),
    "ru": frozenset(
        "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по "
        "только ее мне было вот от меня еще нет о из ему теперь когда уже для при это этот "
        "также который которые был была были будет может после более".split()
    ),
    # Polish and Turkish: only words no other list has ("i", "o", "to", "we", "de", "en" are
    # as common in the others, and would pull their pages away).
    "pl": frozenset(
        "w z ze się nie że jest są od przez dla jak ale jego jej przy tak już tylko też "
        "oraz czy być był była było były będzie tego tej tym który która które którzy także "
        "może według jednak gdy aby lub".split()
    ),
    # Turkish writes most of its function words as suffixes; these stand alone.
    "tr": frozenset(
        "ve bir bu için ile olarak olan gibi daha çok ama ancak sonra kadar ise değil var "
        "yok tarafından göre ayrıca bile veya hem şu ilk önce dedi olduğunu".split()
    ),
    "ar": frozenset(
        "في من على إلى الى عن أن إن التي الذي الذين هذا هذه ذلك تلك كان كانت قد لم لن ما لا "
        "هو هي هم مع بعد قبل حيث بين كما أو ثم عند منذ حتى خلال كل غير إلا وقد وفي ومن وهو "
        "وهي وأن وقال قال أنه".split()
    ),
}
ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values())
# Lists that tell the language but leave out many of its function words (`stopwords_for`).
PARTIAL_LISTS = frozenset({"pl", "tr", "ar"})

_TOKEN = re.compile(r"\w+")
_NAMES = {
    "english": "en",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "français": "fr",
    "spanish": "es",
    "español": "es",
    "italian": "it",
    "italiano": "it",
    "russian": "ru",
    "русский": "ru",
    "polish": "pl",
    "polski": "pl",
    "turkish": "tr",
    "türkçe": "tr",
    "arabic": "ar",
    "العربية": "ar",
}
# Guess thresholds set by hand and checked on the bench pages: a dump's guess agrees with its
# gold text's on 841 of 846 (the rest are near-empty golds or pages in other languages).
# Words read for a guess: a few paragraphs decide the language; more only costs time.
_GUESS_WORDS = 2000
# For a language without a list, its function words are the commonest short words of the page:
# 30 of at most 4 letters covers most articles/prepositions/conjunctions across European
# languages while leaving out content words (checked on the non-English bench pages).
_FREQUENT_WORDS = 30
_SHORT_WORD_CHARS = 4
# Fewer stop-word hits than this is too little evidence (a headline, a list of names).
_MIN_HITS = 5
# Running text in any of the six is 30-50% stop words; a page where they are under 10% of the
# words is in another language that merely quotes a few English/French words.
_MIN_SHARE = 0.1
# The winner must beat the runner-up clearly: en/fr/es/it share "a", "in", "e", "la"...
_MIN_MARGIN = 1.5


def normalise_code(value: str | None) -> str | None:
    """An ISO 639-1 code from `en-US`, `en_GB`, `EN`, `English`; None when not recognisable."""
    if not value:
        return None
    value = value.strip().lower()
    if value in _NAMES:
        return _NAMES[value]
    code = re.split(r"[-_\s.,;]", value, maxsplit=1)[0]
    return code if len(code) == 2 and code.isalpha() and code.isascii() else None


def guess_language(text: str) -> str | None:
    """The language among those of STOPWORDS whose stop words dominate `text`, else None."""
    tokens = list(map(str.lower, _TOKEN.findall(text[: _GUESS_WORDS * 8])[:_GUESS_WORDS]))
    # map() keeps the six counts in C: this runs on every page (a generator cost ~1 ms).
    hits = {lang: sum(map(words.__contains__, tokens)) for lang, words in STOPWORDS.items()}
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < _MIN_HITS or top < _MIN_MARGIN * second or top < _MIN_SHARE * len(tokens):
        return None
    return best


def frequent_words(text: str) -> frozenset[str]:
    """The document's own most frequent short words: its function words, in any language."""
    counts = Counter(
        token.lower() for token in _TOKEN.findall(text) if len(token) <= _SHORT_WORD_CHARS
    )
    return frozenset(word for word, _ in counts.most_common(_FREQUENT_WORDS))


def stopwords_for(language: str | None, text: str) -> frozenset[str]:
    """The stop list of `language`, or the frequent short words of `text` when it is unknown.
    The Polish and Turkish lists leave out what other lists hold, and Arabic joins "و" and
    "ب" to the next word: their page's own frequent words complete them, as for a language
    without a list."""
    listed = STOPWORDS.get(language or "")
    if listed is None:
        return frequent_words(text)
    return listed | frequent_words(text) if language in PARTIAL_LISTS else listed
