"""Properties of extract() on arbitrary input: it never raises, and a dump's body is its lines."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.extract import extract
from storylens.extract.text import normalise_line, normalise_lines, printed_chars, squash
from storylens.records import Article, Failure, RawDoc

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_WORDS = st.sampled_from(
    "the a council said on Tuesday that bridge harbour will reopen in spring MOSCOW (AFP) "
    "/TASS/ June 6. 2017-06-06 Read also Most read Share {{item}} © 1 2 - | : Published "
    "По словам Der Stadtrat hat beschlossen».".split()
)
_SENTENCE = st.lists(_WORDS, min_size=0, max_size=40).map(" ".join)
_LINE = st.one_of(
    _SENTENCE,
    st.text(max_size=80),
    st.sampled_from(["", "Read also", "More from AFP", "Most read", "Share", "{{x}}", "3"]),
)
_DUMP = st.lists(_LINE, max_size=60).map("\n".join)

_TAGS = st.sampled_from(["p", "div", "article", "nav", "footer", "aside", "h1", "li", "td", "span"])


@st.composite
def _html(draw: st.DrawFn) -> str:
    parts = ["<html><head><title>", draw(_SENTENCE), "</title></head><body>"]
    for _ in range(draw(st.integers(0, 20))):
        tag = draw(_TAGS)
        parts += [f"<{tag}>", draw(_SENTENCE), "<br>" if draw(st.booleans()) else "", f"</{tag}>"]
    if draw(st.booleans()):
        parts.append(draw(st.text(max_size=200)))  # stray text and broken markup
    return "".join(parts) + "</body></html>"


def _check(raw: RawDoc) -> Article | Failure:
    result = extract(raw)
    assert isinstance(result, Article | Failure)
    if isinstance(result, Article):
        assert result.body and result.body == result.body.strip()
        assert result.published is None or len(result.published) == 10
    else:
        assert result.source == raw.source and result.reason
    return result


@_SETTINGS
@given(text=st.text(max_size=2000), fmt=st.sampled_from(["html", "text", "body"]))
def test_any_text_in_any_format(text: str, fmt: str) -> None:
    _check(RawDoc("prop", text, fmt))  # type: ignore[arg-type]


@_SETTINGS
@given(html=_html())
def test_any_html(html: str) -> None:
    _check(RawDoc("prop.html", html, "html"))


@_SETTINGS
@given(dump=_DUMP)
def test_every_kept_dump_line_is_a_line_of_the_input(dump: str) -> None:
    result = _check(RawDoc("prop.txt", dump, "text"))
    if isinstance(result, Article):
        lines = {normalise_line(line) for line in dump.splitlines()}
        assert all(paragraph in lines for paragraph in result.body.split("\n\n"))


@_SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_normalise_line_collapses_exactly_the_regex_whitespace(text: str) -> None:
    # normalise_line uses str.split() for speed; it must match the \s+ definition it replaced.
    invisible = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
    expected = re.sub(r"\s+", " ", invisible.sub("", text)).strip()
    assert normalise_line(text) == expected


@_SETTINGS
@given(st.text(max_size=60))
def test_squash_keeps_the_lower_case_alphanumerics(text: str) -> None:
    assert squash(text) == "".join(ch for ch in text.lower() if ch.isalnum())


@_SETTINGS
@given(st.text(max_size=60))
def test_printed_chars_is_the_normalised_length_less_its_spaces(text: str) -> None:
    assert printed_chars(text) == len(normalise_line(text).replace(" ", ""))


@_SETTINGS
@given(st.text(max_size=80))
def test_normalise_lines_is_normalise_line_on_each_line(text: str) -> None:
    assert normalise_lines(text) == [normalise_line(line) for line in text.split("\n")]
