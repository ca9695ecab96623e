"""Which format an input is in, judged from its first bytes; the file name only breaks ties."""

from __future__ import annotations

import os
import re
from typing import Literal

from storylens.read.binary import has_binary_magic
from storylens.read.decode import head_text
from storylens.read.gunzip import MAGIC as GZIP_MAGIC

Kind = Literal["gzip", "warc", "json", "jsonl", "html", "text", "binary"]

# Enough for any page's doctype, <meta> and first tags, and for several JSONL lines.
HEAD_BYTES = 64 * 1024
# Markup that only an HTML page starts with (`<head` also catches `<header>`).
_PAGE_MARKERS = ("<!doctype html", "<html", "<head", "<body")
# Tags that make a document starting with `<` an HTML fragment rather than a text dump.
_FRAGMENT_MARKERS = (
    *("<p>", "<p ", "<div", "<span", "<a ", "<br", "<img", "<ul", "<ol", "<table"),
    *("<h1", "<h2", "<h3", "<article", "<section", "<main", "<meta", "<title", "<link"),
    *("<script", "<style", "<!--", "<?xml"),
)
_HTML_WINDOW = 2048
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
_ANY_TAG = re.compile(r"<[a-z!/][^>]*>")
_WARC = re.compile(r"WARC/1\.[01]\r?\n")
# A JSON document, not a text dump that happens to begin with a bracket ("[Update] ...").
_JSON_ARRAY = re.compile(r"\[\s*[{\]]")
_JSON_OBJECT = re.compile(r"\{\s*[\"}]")


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _is_jsonl(text: str, name: str, complete: bool) -> bool:
    """One object per line, or one (usually pretty-printed) JSON object?"""
    lines = text.split("\n")
    if not complete:
        lines = lines[:-1]  # the last line may be cut by the end of the head
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:  # a first line longer than the head: only JSONL has those
        return _suffix(name) != ".json"
    if len(lines) == 1 and complete:  # a single compact object
        return _suffix(name) in _JSONL_SUFFIXES
    # Each JSONL line is a whole object; a pretty-printed object's lines are its members.
    whole = sum(1 for line in lines if line.startswith("{") and line.endswith("}"))
    return whole * 2 >= len(lines)


def _is_html(text: str, name: str) -> bool:
    window = text[:_HTML_WINDOW].lower()
    if any(marker in window for marker in _PAGE_MARKERS):
        return True
    if window.startswith("<") and any(marker in window for marker in _FRAGMENT_MARKERS):
        return True
    return _suffix(name) in _HTML_SUFFIXES and _ANY_TAG.search(window) is not None


def sniff(head: bytes, name: str = "", *, complete: bool = False) -> Kind:
    """The format of an input starting with `head`; `complete`: head is the whole input."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if has_binary_magic(head):
        return "binary"
    text = head_text(head).lstrip("\ufeff \t\r\n")
    if _WARC.match(text):
        return "warc"
    if _JSON_ARRAY.match(text):
        return "json"
    if _JSON_OBJECT.match(text):
        return "jsonl" if _is_jsonl(text, name, complete) else "json"
    if _suffix(name) == ".json" and text.startswith(("[", "{", '"')):
        return "json"  # valid JSON that could pass for text: the name decides
    return "html" if _is_html(text, name) else "text"
