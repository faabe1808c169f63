"""The positional jieba analyzer: words, sub-words at their parent's position, the user dictionary."""

from search import segment
from search.analyzer import ChineseAnalyzer


def tokens(text):
    return [(t.text, t.pos) for t in ChineseAnalyzer()(text, positions=True)]


def test_search_mode_sub_words_share_the_parent_words_position():
    found = tokens("财政预算执行")
    assert ("财政预算", 0) in found
    assert ("财政", 0) in found
    assert ("预算", 0) in found
    assert ("执行", 1) in found


def test_words_take_consecutive_positions_and_punctuation_takes_none():
    positions = [pos for text, pos in tokens("加强，监管。落实") if text in {"加强", "监管", "落实"}]
    assert positions == [0, 1, 2]


def test_the_government_user_dictionary_keeps_its_words_whole():
    for word in ["追责问责", "营商环境", "政务公开", "依申请公开"]:
        assert word in segment.words(f"要坚持{word}工作")


def test_a_four_character_dictionary_word_is_findable_by_its_parts():
    found = {text for text, _ in tokens("一律追责问责")}
    assert {"追责问责", "追责", "问责"} <= found


def test_latin_text_is_lowercased():
    assert ("app", 0) in tokens("APP")


def test_the_analyzer_pickles_for_whoosh_schemas():
    import pickle

    analyzer = pickle.loads(pickle.dumps(ChineseAnalyzer()))  # noqa: S301 - our own object
    assert [t.text for t in analyzer("预算")] == ["预算"]


def test_a_querys_words_are_jiebas_cut_of_the_whole_text_and_a_repeated_part_is_cut_once(monkeypatch):
    import jieba

    segment.ensure_ready()
    texts = [
        "财政预算 执行\u3000农田6",
        "营商环境,  政务公开。abc 2024年报",
        "“依申请公开”\t#x&y 县政府的通知",
        "",
        "  ",
    ]
    expected = [[w for w in jieba.cut(t) if segment.is_word(w)] for t in texts]
    assert [segment.words(t) for t in texts] == expected

    cuts = []
    monkeypatch.setattr(jieba, "cut", lambda text: cuts.append(text) or iter(["不该切"]))
    assert segment.words("执行 财政预算") == ["执行", "财政预算"]  # both parts kept from the first query
    assert cuts == []
    assert segment.words("水利工程建设") == ["不该切"] and cuts == ["水利工程建设"]
