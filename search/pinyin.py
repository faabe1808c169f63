"""Pinyin search: a map from toneless pinyin (``yusuan``) to the Chinese words it may spell (预算).

pypinyin's own tables are read directly (a dict lookup per word instead of ~40 µs per ``lazy_pinyin`` call), so
the map over jieba's dictionary and the government user dictionary is built in about a second and cached in
DATA_DIR/cache; it is rebuilt when a dictionary file changes. At query time candidate words are kept only when the
index holds them, ranked by how many documents do (the backend does that part). The same map finds homophone
typos (财证 → caizheng → 财政) for the "您是不是要找" suggestions; a word of the dictionaries is never such a typo.

The cached file also holds each dictionary word's readings and each character's, so a searching process imports
pypinyin (57 MB in memory, most of it its table of phrase readings) only when it builds the map.
"""

from __future__ import annotations

import itertools
import marshal
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

PINYIN_QUERY_RE = re.compile(r"^[a-zA-Z][a-zA-Z\s']*$")
_MIN_FREQ = 20  # rarer jieba dictionary words are not worth an entry (the user dictionaries always are)
_MAP_VERSION = 4
_lock = threading.Lock()
_map: dict[str, list[str]] | None = None
# The words of the map not read as their characters are (a phrase's polyphonic character) -> their readings.
_word_readings: dict[str, tuple[str, ...]] = {}
_character_readings: dict[str, tuple[str, ...]] = {}  # each character -> its first two readings


def looks_like_pinyin(text: str) -> bool:
    return bool(PINYIN_QUERY_RE.match(text.strip()))


def _toneless(syllable: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))
    return plain.replace("ü", "v").lower()


@lru_cache(maxsize=50_000)
def readings(word: str) -> tuple[str, ...]:
    """Toneless pinyin keys of ``word`` (``财政预算`` → ``("caizhengyusuan",)``); a few for polyphonic words. A word
    of the map has the readings the map was built with; other text is read character by character."""
    if _map is None:
        pinyin_map()
    found = _word_readings.get(word)
    return found if found is not None else _by_character(word, _character_readings)


def _by_character(word: str, characters: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    per_char = []
    for ch in word:
        found = characters.get(ch)
        if not found:
            return ()
        per_char.append(found)
    return tuple("".join(combo) for combo in itertools.islice(itertools.product(*per_char), 4))


def sounds_like(candidate: str, typed: str) -> bool:
    """``candidate`` read as usual sounds like one reading of ``typed`` (财政 for 财证). Only the candidate's main
    reading counts: a rare reading of one of its characters (受 as dào) would make 接受 a homophone of 街道."""
    found = readings(candidate)
    return bool(found) and found[0] in readings(typed)


def is_word(text: str) -> bool:
    """A word of the dictionaries (jieba's common words, the government user dictionaries): typed on purpose, so
    never "corrected" into a homophone."""
    known = pinyin_map()
    return any(text in known.get(key, ()) for key in readings(text))


def _cache_file() -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / "cache" / f"pinyin-map-v{_MAP_VERSION}.marshal"


def _dictionary_stamp() -> float:
    from search import conf, segment

    files = [segment.USER_DICTIONARY, *map(Path, conf.SEARCH_USER_DICTIONARIES)]
    return max(p.stat().st_mtime for p in files if p.exists())


def _build() -> tuple[dict[str, list[str]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The map, each word's readings and each character's, from jieba's dictionary, the user dictionaries and
    pypinyin's tables (read directly: a dict look-up a word instead of ~40 µs a ``lazy_pinyin`` call). A phrase takes
    its reading from pypinyin's phrase table, which knows the reading a polyphonic character takes in it; other words
    are read character by character."""
    import jieba
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    from search import conf, segment

    segment.ensure_ready()
    characters = {
        chr(code): tuple(dict.fromkeys(_toneless(p) for p in found.split(",")))[:2]
        for code, found in pinyin_dict.items()
    }
    words = [w for w, freq in jieba.dt.FREQ.items() if freq >= _MIN_FREQ and 1 < len(w) <= 4]
    for path in [segment.USER_DICTIONARY, *map(Path, conf.SEARCH_USER_DICTIONARIES)]:
        words += [line.split()[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    result: dict[str, list[str]] = {}
    by_word: dict[str, tuple[str, ...]] = {}  # only the words not read as their characters are
    for word in dict.fromkeys(words):
        keys = _by_character(word, characters)
        if word in phrases_dict:
            phrase = ("".join(_toneless(p[0]) for p in phrases_dict[word]),)
            if phrase != keys:
                keys = by_word[word] = phrase
        for key in keys:
            result.setdefault(key, []).append(word)
    return result, by_word, characters


def pinyin_map() -> dict[str, list[str]]:
    global _map, _word_readings, _character_readings
    if _map is not None:
        return _map
    with _lock:
        if _map is None:
            path = _cache_file()
            if path.exists() and path.stat().st_mtime > _dictionary_stamp():
                found, by_word, characters = marshal.loads(path.read_bytes())  # noqa: S302 - our own file
            else:
                found, by_word, characters = _build()
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(marshal.dumps((found, by_word, characters)))
                tmp.replace(path)
            _word_readings, _character_readings = by_word, characters
            readings.cache_clear()
            _map = found
    return _map


def preload() -> None:
    """The map and the readings, loaded now (before a pre-forking server forks) not at a search."""
    pinyin_map()


def split_pinyin(text: str) -> list[str]:
    """Cut pinyin into known keys: ``caizheng yusuan`` → [caizheng, yusuan]; ``caizhengyusuan`` stays whole when it
    is a word, else it is cut into the fewest known keys. Returns [] when no cut exists."""
    known = pinyin_map()
    pieces: list[str] = []
    for chunk in re.split(r"[\s']+", text.lower().strip()):
        if not chunk:
            continue
        cut = _fewest_keys(chunk, known)
        if not cut:
            return []
        pieces += cut
    return pieces


def _fewest_keys(chunk: str, known: dict) -> list[str]:
    if chunk in known:
        return [chunk]
    best: list[list[str] | None] = [None] * (len(chunk) + 1)
    best[0] = []
    for end in range(1, len(chunk) + 1):
        for start in range(max(0, end - 24), end):
            prefix = best[start]
            piece = chunk[start:end]
            if prefix is not None and piece in known and (best[end] is None or len(prefix) + 1 < len(best[end])):
                best[end] = [*prefix, piece]
    return best[len(chunk)] or []
