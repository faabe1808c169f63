"""The catalogue the county rules name: the added columns with their parents, the full wording of Art. 20 items (五)
and (六), 国土空间规划, and a document listed in a second column without a second copy (its page, the platform's
counts and the search all honour the listing)."""

import pytest

from disclosure import services
from disclosure.models import Column, Document
from tests.disclosure.conftest import draft, passed, published
from tests.search.conftest import find, search_index, titles  # noqa: F401 - search_index is a fixture

pytestmark = pytest.mark.django_db


def test_the_columns_the_rules_name_are_in_the_tree_with_their_parents():
    parents = dict(Column.objects.values_list("name", "parent__slug"))
    assert parents["权责清单"] == "fdzdgk"
    assert parents["规范性文件清理结果"] == "zc"
    assert parents["人大建议和政协提案办理"] == "fdzdgk"
    assert parents["政府常务会议"] == "fdzdgk"
    assert parents["审计结果公告"] == "fdzdgk"
    assert parents["干部任免"] == "fdzdgk"
    assert Column.objects.get(slug="cwhy").publisher_kinds == ["office"]
    assert Column.objects.get(slug="jc-12").name == "国土空间规划领域"
    assert Column.objects.get(slug="fd-05").name == "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
    assert Column.objects.get(slug="fd-06").name == (
        "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"
    )


@pytest.fixture
def listed_twice(officer, reviewer, leader, office_staff) -> Document:
    """A 规范性文件 filed under 政策, also listed under 法定主动公开内容 item (一)."""
    item_one = Column.objects.get(slug="fd-01")
    document = draft(officer, Column.objects.get(slug="gfxwj"), title="城关镇集贸市场管理办法",
                     doc_number="城政发〔2026〕5号", also_listed_in=[item_one])  # fmt: skip
    return passed(services.submit(document, actor=officer), reviewer, leader, office_staff)


def test_a_document_listed_in_a_second_column_shows_there_once(client, listed_twice, django_assert_max_num_queries):
    assert Document.objects.count() == 1
    for slug in ("gfxwj", "fd-01", "fdzdgk", "zc"):
        # The first list after a change also reads the per-site data kept until the next one (columns, units, the
        # column's total, the cross-listings); those after it read less. On PostgreSQL the first list of a shape on
        # a connection also prepares its statement.
        with django_assert_max_num_queries(11):
            page = client.get(f"/columns/{slug}/").content.decode()
        assert page.count("城关镇集贸市场管理办法") == 1, slug


def test_the_platform_counts_the_document_in_both_columns(client, listed_twice, django_assert_max_num_queries):
    from disclosure import selectors

    counts = selectors.published_counts()
    assert counts[Column.objects.get(slug="gfxwj").pk] == 1
    assert counts[Column.objects.get(slug="fd-01").pk] == 1
    with django_assert_max_num_queries(10):
        assert client.get("/disclosure/").status_code == 200


def test_the_search_finds_it_by_the_name_of_the_second_column(
    search_index,  # noqa: F811
    officer,
    reviewer,
    leader,
    office_staff,
    django_capture_on_commit_callbacks,
):
    item_one = Column.objects.get(slug="fd-01")
    with django_capture_on_commit_callbacks(execute=True):
        document = draft(officer, Column.objects.get(slug="gfxwj"), title="城关镇集贸市场管理办法",
                         doc_number="城政发〔2026〕5号", also_listed_in=[item_one])  # fmt: skip
        passed(services.submit(document, actor=officer), reviewer, leader, office_staff)
    assert titles(find("行政法规、规章和规范性文件 集贸市场")) == ["城关镇集贸市场管理办法"]


def test_the_editor_lists_a_document_in_another_column_and_history_says_so(client, officer):
    document = draft(officer, Column.objects.get(slug="gfxwj"), doc_number="城政发〔2026〕5号")
    item_one = Column.objects.get(slug="fd-01")
    services.update_document(document, actor=officer, also_listed_in=[item_one])
    assert list(document.also_listed_in.all()) == [item_one]
    assert document.history.order_by("-pk").first().extra["fields"] == ["also_listed_in"]
    client.force_login(officer)
    page = client.get(f"/staff/disclosure/{document.pk}/edit/").content.decode()
    assert "同时列入栏目" in page and f'<option value="{item_one.pk}" selected>' in page


def test_a_column_the_unit_may_not_publish_in_is_refused(officer):
    from portal.errors import NotAllowed

    document = draft(officer, Column.objects.get(slug="gfxwj"), doc_number="城政发〔2026〕5号")
    with pytest.raises(NotAllowed):  # 政府常务会议 is the county government's own
        services.update_document(document, actor=officer, also_listed_in=[Column.objects.get(slug="cwhy")])
    assert not document.also_listed_in.exists()


def test_the_home_news_block_shows_an_item_also_listed_in_a_home_column(
    client, officer, reviewer, leader, office_staff
):
    from disclosure import selectors

    notices = Column.objects.get(slug="tzgg")
    older = published(officer, reviewer, leader, office_staff, notices, title="关于春节假期安排的通知")
    listed = draft(officer, Column.objects.get(slug="gfxwj"), title="城关镇集贸市场管理办法",
                   doc_number="城政发〔2026〕5号", also_listed_in=[notices])  # fmt: skip
    listed = passed(services.submit(listed, actor=officer), reviewer, leader, office_staff)
    latest = selectors.latest_by_column([notices])[notices.pk]
    assert [d.pk for d in latest] == [listed.pk, older.pk]  # newest first, filed or listed
    assert "城关镇集贸市场管理办法" in client.get("/").content.decode()
