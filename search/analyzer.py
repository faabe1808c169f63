"""The positional jieba analyzer for Whoosh, written because jieba's stock ChineseAnalyzer breaks phrase search.

jieba's own analyzer stores character offsets as token positions, so a phrase query never matches. Here each word
gets the next position, and the sub-words that search mode adds (财政 and 预算 inside 财政预算) share the position
of their parent word. So 预算, 财政 and 财政预算 all find a text containing 财政预算, and the phrase "财政 预算"
still finds "财政/预算" segmented as two words. Punctuation and spaces are dropped without taking a position, and no
stop filter renumbers positions.

The analyzer is pickled into the Whoosh index's schema, so it keeps no state of its own.
"""

from __future__ import annotations

from functools import lru_cache

import jieba
from whoosh.analysis import Token, Tokenizer

from search import segment


class JiebaTokenizer(Tokenizer):
    """Whoosh tokenizer: jieba accurate mode for words, search-mode sub-words at the parent's position."""

    def __eq__(self, other) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ):
        segment.ensure_ready()
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        token.boost = 1.0
        token.stopped = False
        pos = start_pos
        for word, start, end in jieba.tokenize(value):
            texts = _expansions(word)
            if not texts:
                continue
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            for text in texts:
                token.text = token.original = text
                yield token
            pos += 1


@lru_cache(maxsize=200_000)
def _expansions(word: str) -> tuple[str, ...]:
    """The tokens one jieba word yields: its search-mode sub-words, then itself; () for punctuation and spaces.
    Cached because vocabulary repeats: this halves the analyzer's cost on long documents."""
    if not segment.is_word(word):
        return ()
    return (*(sub.lower() for sub in segment.sub_words(word)), word.lower())


def ChineseAnalyzer() -> JiebaTokenizer:  # noqa: N802 - named like Whoosh's analyzer factories
    """The analyzer for every Chinese text field (haystack: ``CharField(analyzer=ChineseAnalyzer())``)."""
    return JiebaTokenizer()
