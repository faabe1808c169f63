"""What the reader typed, made safe: cut to length, split into words and phrases, recognised as a 文号, 索引号 or
pinyin. Nothing here builds engine syntax, so characters like ``" * ( ) AND OR ~ :`` can never cause an error:
quotes mark a phrase, every other syntax character is treated as a space."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search import conf, pinyin, segment

# 西政办发〔2018〕47号, also typed with [], 【】, () or （） around the year, or with spaces.
DOC_NUMBER_RE = re.compile(r"^(\S{1,30}?)[〔\[【(（](\d{4})[〕\]】)）](\d{1,5})号?$")
# 000014349/2017-00110, 11441700007280420Y/2021-00050.
INDEX_NUMBER_RE = re.compile(r"^([0-9A-Za-z]{9}|[0-9A-Za-z]{18})[/／](\d{4})[-－](\d{1,5})$")
_SYNTAX = re.compile(r"[*?()\[\]{}<>~:^+\-!&|\\/=;,，。、；：！？（）《》“”‘’\"'`]+")
_BOOLEAN_WORDS = {"AND", "OR", "NOT", "TO"}


def normalize_doc_number(text: str) -> str:
    """The one spelling of a 文号 kept in the index: no spaces, the year in 〔〕, ending in 号."""
    compact = re.sub(r"\s+", "", text)
    match = DOC_NUMBER_RE.match(compact)
    if not match:
        return ""
    issuer, year, number = match.groups()
    return f"{issuer}〔{year}〕{int(number)}号"


def normalize_index_number(text: str) -> str:
    match = INDEX_NUMBER_RE.match(re.sub(r"\s+", "", text))
    if not match:
        return ""
    code, year, serial = match.groups()
    return f"{code.upper()}/{year}-{int(serial):05d}"


@dataclass
class ParsedQuery:
    raw: str
    text: str = ""
    truncated: bool = False
    phrases: list[str] = field(default_factory=list)  # quoted by the reader: must appear as typed
    words: list[str] = field(default_factory=list)  # accurate-mode words of the unquoted part
    doc_number: str = ""
    index_number: str = ""
    pinyin_keys: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases or self.doc_number or self.index_number or self.pinyin_keys)

    @property
    def literal(self) -> str:
        """The query as one string without spaces: a document holding it verbatim is an exact phrase hit."""
        return "".join(self.phrases) if self.phrases and not self.words else re.sub(r"\s+", "", self.text)

    def all_terms(self) -> list[str]:
        """Every word to highlight."""
        terms = list(self.words)
        for phrase in self.phrases:
            terms += segment.words(phrase)
        return [t for t in dict.fromkeys(terms) if t]


def parse(raw: str | None) -> ParsedQuery:
    raw = (raw or "").strip()
    text = raw[: conf.SEARCH_MAX_QUERY_CHARS]
    parsed = ParsedQuery(raw=raw, text=text, truncated=len(raw) > len(text))
    if not text:
        return parsed
    parsed.doc_number = normalize_doc_number(text)
    parsed.index_number = normalize_index_number(text)
    quoted = re.findall(r"[\"“”]([^\"“”]+)[\"“”]", text)
    parsed.phrases = [p for p in (_clean(q).replace(" ", "") for q in quoted) if p]
    rest = _clean(re.sub(r"[\"“”][^\"“”]+[\"“”]", " ", text))
    if pinyin.looks_like_pinyin(rest) and not parsed.phrases:
        parsed.pinyin_keys = pinyin.split_pinyin(rest)
    parsed.words = list(dict.fromkeys(w.lower() for w in segment.words(rest)))
    return parsed


def _clean(text: str) -> str:
    text = _SYNTAX.sub(" ", text)
    return " ".join(w for w in text.split() if w not in _BOOLEAN_WORDS)
