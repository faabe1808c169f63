"""The pinyin map's cached readings: a word of the map is read as the map was built (a phrase's polyphonic character as
pypinyin's phrase table reads it), other text character by character, and a process that finds the map cached never
imports pypinyin (tests/portal/test_deploy_files.py checks that part in a fresh process)."""

import random

from search import pinyin


def test_each_word_of_the_map_is_found_under_its_readings():
    known = pinyin.pinyin_map()
    words = sorted({w for found in known.values() for w in found})
    assert len(words) > 50_000
    for word in random.Random(2).sample(words, 5000):
        keys = pinyin.readings(word)
        assert keys and all(word in known[key] for key in keys)


def test_phrases_keep_their_reading_and_other_text_is_read_by_character():
    assert pinyin.readings("银行") == ("yinhang",)  # 行 as háng in this phrase, not xíng
    assert pinyin.readings("财政预算") == ("caizhengyusuan",)
    assert "caizheng" in pinyin.readings("财证")  # not a word: character by character
    assert pinyin.is_word("财政") and not pinyin.is_word("财证")
    assert pinyin.readings("abc") == ()
