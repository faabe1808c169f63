"""The results page's engine on a small fixed corpus: segmentation, ranking, keys, pinyin, suggestions, facets."""

import pytest

from disclosure.models import Document
from tests.search.conftest import find, titles

pytestmark = pytest.mark.django_db


def test_a_word_inside_a_longer_word_is_found(corpus):
    assert "示范县2024年财政预算执行情况的报告" in titles(find("预算"))
    assert "示范县2024年财政预算执行情况的报告" in titles(find("财政"))
    assert titles(find("财政预算"))[0] == "示范县2024年财政预算执行情况的报告"


def test_a_four_character_word_is_found_whole_and_by_parts(corpus):
    assert titles(find("营商环境")) == ["关于进一步优化营商环境的实施意见"]
    assert titles(find("问责")) == ["城关镇召开安全生产工作会议"]


def test_a_two_word_query_ranks_the_document_holding_both_first(corpus):
    outcome = find("财政 检查")
    assert titles(outcome)[0] == "河西乡开展财政资金专项检查"
    assert outcome.partial_from == 1  # the others hold only one of the words
    assert outcome.total == 2


def test_the_exact_phrase_ranks_highest(corpus):
    outcome = find("信息公开")
    assert titles(outcome)[0] == "关于做好政府信息公开工作的通知"
    assert "城关镇召开安全生产工作会议" in titles(outcome)  # 公开 and 信息 apart
    assert titles(outcome)[-1] == "城关镇召开安全生产工作会议"


def test_a_quoted_phrase_must_appear_verbatim(corpus):
    assert titles(find('"预算执行"')) == ["示范县2024年财政预算执行情况的报告"]


@pytest.mark.parametrize(
    "typed", ["西政办发〔2018〕47号", "西政办发[2018]47号", "西政办发（2018）47", " 西政办发 〔2018〕 47号 "]
)
def test_a_doc_number_finds_that_document_first(corpus, typed):
    outcome = find(typed)
    assert outcome.hits[0].title == "示范县预算管理办法"
    assert outcome.hits[0].exact


def test_an_index_number_finds_that_document_first(corpus):
    document = corpus[3]
    outcome = find(document.index_number)
    assert outcome.hits[0].title == document.title
    assert outcome.hits[0].exact


@pytest.fixture
def homophones(corpus, township, officer):
    """Indexed documents holding 接到 and 接受 (jiē dào, and a polyphone reading of 受), but never 街道."""
    from search import services
    from tests.search.conftest import make_document

    for title, body in [
        ("关于接受社会捐赠的公告", "县民政局接到群众来信后，依法接受社会各界捐赠。"),
        ("城关镇接到防汛预警后迅速部署", "城关镇接到县防汛办预警通知后，立即部署防汛工作。"),
    ]:
        services.sync_object(
            "disclosure.document", make_document(title, body, organization=township, author=officer).pk
        )


def test_a_real_word_that_finds_nothing_gets_no_suggestion(homophones):
    """街道 is a word the reader meant: 接到 sounds the same, 接受 only by a polyphone, neither is what was asked."""
    outcome = find("街道")
    assert outcome.total == 0 and outcome.suggestions == []


def test_a_homophone_typo_of_an_indexed_word_gets_that_word(homophones):
    assert find("接倒").suggestions == ["接到"]  # same pinyin (jiē dǎo/dào), not a word
    assert "接受" not in find("接倒").suggestions


def test_a_long_sentence_gets_no_mangled_suggestion(homophones):
    outcome = find("我想咨询一下街道的财证预算什么时候公开")
    assert outcome.suggestions == []


def test_a_typo_among_several_words_is_fixed_when_the_fixed_words_occur_together(homophones):
    assert find("财证 检查").suggestions == ["财政检查"]  # both words are in 河西乡开展财政资金专项检查
    assert find("财证 防汛").suggestions == []  # no document holds 财政 and 防汛


@pytest.mark.parametrize("typed", ["yusuan", "caizheng yusuan", "caizhengyusuan", "YuSuan"])
def test_pinyin_finds_the_chinese_words(corpus, typed):
    outcome = find(typed)
    assert "示范县2024年财政预算执行情况的报告" in titles(outcome)
    assert "预算" in outcome.pinyin_words or "财政预算" in outcome.pinyin_words


def test_a_homophone_typo_gets_a_suggestion(corpus):
    outcome = find("财证预算")
    assert outcome.total == 0 or outcome.suggestions
    assert "财政预算" in outcome.suggestions


def test_a_one_character_typo_gets_a_suggestion(corpus):
    assert "营商环境" in find("营商环竟").suggestions


@pytest.mark.parametrize("typed", ['"', "*", "(", ")", "AND", "OR", "~", ":", '预算 AND ("财政" OR *)~:', "[]{}^!\\/"])
def test_query_syntax_characters_never_cause_an_error(corpus, typed):
    find(typed)


def test_facet_counts_equal_the_databases_counts(corpus, township):
    outcome = find("预算")
    matching = Document.objects.filter(pk__in=[d.pk for d in corpus if "预算" in d.title + d.body])
    assert outcome.total == matching.count()
    units = dict(outcome.facets["unit"])
    for name in {d.organization.name for d in matching}:
        assert units[name] == matching.filter(organization__name=name).count()
    years = dict(outcome.facets["year"])
    assert sum(years.values()) == matching.count()
    columns = dict(outcome.facets["column"])
    assert sum(columns.values()) == matching.count()


def test_a_facet_filter_narrows_results_and_keeps_its_own_counts(corpus, township, other_township):
    outcome = find("预算", filters={"unit": other_township.name})
    assert titles(outcome) == ["河西乡开展财政资金专项检查"]
    assert dict(outcome.facets["unit"])[township.name] == 2  # the unit facet ignores its own filter


def test_sort_by_date_puts_the_newest_first(corpus):
    dates = [hit.pub_date for hit in find("预算", sort="date").hits]
    assert dates == sorted(dates, reverse=True)


def test_title_only_and_date_range_narrow_the_search(corpus):
    from datetime import date

    assert titles(find("预算", title_only=True)) == ["示范县2024年财政预算执行情况的报告", "示范县预算管理办法"] or set(
        titles(find("预算", title_only=True))
    ) == {"示范县2024年财政预算执行情况的报告", "示范县预算管理办法"}
    assert titles(find("预算", date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))) == [
        "示范县2024年财政预算执行情况的报告"
    ]


def test_highlighting_marks_the_words_and_escapes_html(search_index, township, officer):
    from search import services
    from tests.search.conftest import make_document

    doc = make_document(
        "预算<script>alert(1)</script>公开", "正文&lt;b&gt;预算&lt;/b&gt;说明", organization=township, author=officer
    )
    services.sync_object("disclosure.document", doc.pk)
    hit = find("预算").hits[0]
    assert "<script>" not in hit.title_html
    assert "&lt;script&gt;" in hit.title_html
    assert "<mark>预算</mark>" in hit.title_html
    assert "<b>" not in hit.snippet_html
    assert "<mark>预算</mark>" in hit.snippet_html


def test_pagination_returns_the_next_page(corpus):
    first = find("预算", page_size=2)
    second = find("预算", page_size=2, page=2)
    assert len(first.hits) == 2
    assert not set(titles(first)) & set(titles(second))
    assert len(titles(first)) + len(titles(second)) == min(4, first.total)


def test_several_words_are_not_taken_for_a_one_character_typo(corpus, monkeypatch):
    from search import suggest

    walked = []
    real = suggest._prefix_terms
    monkeypatch.setattr(suggest, "_prefix_terms", lambda *args: walked.append(args[1]) or real(*args))
    find("营商 环竟")  # two words typed: the index's terms are not walked for a one-off of 营商环竟
    assert walked == []
    assert "营商环境" in find("营商环竟").suggestions and walked == ["营"]
