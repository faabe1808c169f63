"""jieba, loaded once per process with the government user dictionary (a process that never loaded it segments
government words differently from the index).

``init()`` runs at the first search or index write of a process (every tokenising function calls ``ensure_ready()``),
so a web worker that only serves pages never holds jieba's ~90 MB; with SEARCH_PRELOAD on, ``SearchConfig.ready()``
calls it before a pre-forking server forks. When the user dictionary changes, rebuild the index (``manage.py rebuild_index``): documents indexed with the
old segmentation would otherwise miss words the new dictionary creates.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

import jieba

USER_DICTIONARY = Path(__file__).with_name("userdict.txt")
_lock = threading.Lock()
_ready = False
logger = logging.getLogger(__name__)

jieba.setLogLevel(logging.WARNING)


def init() -> None:
    """Load jieba's model (cached in DATA_DIR/cache, not in a 0600 file under /tmp) and the user dictionaries."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        from django.conf import settings

        from search import conf

        cache_dir = Path(settings.DATA_DIR) / "cache"
        cache_dir.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(cache_dir)
        jieba.initialize()
        for path in [USER_DICTIONARY, *map(Path, conf.SEARCH_USER_DICTIONARIES)]:
            jieba.load_userdict(str(path))
        _ready = True


def ensure_ready() -> None:
    if not _ready:
        init()


def words(text: str) -> list[str]:
    """The words of ``text`` (a query) in accurate mode (no sub-words), without spaces and punctuation.

    jieba cuts a text in blocks that whitespace always separates, each on its own, so a text's words are those of its
    whitespace-separated parts in turn; a part (a query's word: 财政预算, 农田6) recurs from query to query, and is
    cut once per process (some 25 µs each time by jieba)."""
    ensure_ready()
    found: list[str] = []
    for part in text.split():
        found += _part_words(part) if len(part) <= _KEPT_PART_CHARS else _cut(part)
    return found


_KEPT_PART_CHARS = 32


@lru_cache(maxsize=8192)
def _part_words(part: str) -> tuple[str, ...]:
    return tuple(_cut(part))


def _cut(text: str) -> list[str]:
    return [w for w in jieba.cut(text) if is_word(w)]


def sub_words(word: str) -> list[str]:
    """The dictionary words inside ``word`` that jieba's search mode adds (预算 and 财政 inside 财政预算)."""
    ensure_ready()
    freq = jieba.dt.FREQ
    found = []
    if len(word) > 2:
        found += [word[i : i + 2] for i in range(len(word) - 1) if freq.get(word[i : i + 2])]
    if len(word) > 3:
        found += [word[i : i + 3] for i in range(len(word) - 2) if freq.get(word[i : i + 3])]
    return found


@lru_cache(maxsize=4096)
def is_word(token: str) -> bool:
    """True for tokens worth indexing: anything with a letter, digit or CJK character."""
    return any(ch.isalnum() for ch in token)
