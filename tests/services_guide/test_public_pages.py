"""/services/ (by unit, by theme, by kind, with counts), the guide page and its print version, the materials' files,
the 机构 page's list and the home entrance. Drafts and changes under review are never shown; each page keeps a fixed
number of queries whatever the catalogue's size."""

import pytest

from portal.models import Role
from services_guide import services
from services_guide.models import GuideVersion
from tests.conftest import make_user
from tests.services_guide.conftest import PDF, draft_item, pdf, review_through

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(officer, reviewer, leader, office_staff, other_township):
    """Three items of the township in force (a person's, a business's and one for both), one draft, and one item of
    another township."""
    versions = [
        review_through(draft_item(officer, code="QH-A", name="农村宅基地审批"), reviewer, leader, office_staff),
        review_through(
            draft_item(officer, code="QH-B", name="个体工商户登记", target="business", kind="confirmation",
                       themes=["start_business"], online="fully"),
            reviewer, leader, office_staff,
        ),
        review_through(
            draft_item(officer, code="QH-C", name="高龄津贴发放", target="both", kind="benefit",
                       themes=["retirement"]),
            reviewer, leader, office_staff,
        ),
    ]  # fmt: skip
    draft_item(officer, code="QH-D", name="尚未发布的草稿事项")
    other = make_user("other_officer", other_township, Role.OFFICER)
    other_reviewer = make_user("other_reviewer", other_township, Role.REVIEWER)
    other_leader = make_user("other_leader", other_township, Role.LEADER)
    review_through(draft_item(other, code="HX-A", name="河西乡危房改造补助"), other_reviewer, other_leader,
                   office_staff)  # fmt: skip
    return versions


def test_the_catalogue_counts_by_unit_theme_and_kind_and_hides_drafts(client, catalogue, township):
    page = client.get("/services/").content.decode()

    assert "共 4 个事项" in page and "可全程网上办理 1 个" in page
    assert "尚未发布的草稿事项" not in page
    assert "个人办事" in page and '住房<span class="muted">（2）' in page  # 宅基地 and 危房改造
    assert '开办企业<span class="muted">（1）' in page
    assert '退休养老<span class="muted">（1）' in page  # an item for both shows in each group
    assert f'{township.display_name}<span class="muted">（3）' in page
    assert '行政许可<span class="muted">（2）' in page


def test_the_kept_counts_follow_a_publish(client, catalogue, officer, reviewer, leader, office_staff, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the counts themselves, not the page cache, are under test
    assert "共 4 个事项" in client.get("/services/").content.decode()
    review_through(draft_item(officer, code="QH-E", name="残疾人两项补贴", kind="benefit"), reviewer, leader,
                   office_staff)  # fmt: skip
    page = client.get("/services/").content.decode()
    assert "共 5 个事项" in page and '行政给付<span class="muted">（2）' in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("group=business", ["个体工商户登记", "高龄津贴发放"], ["农村宅基地审批"]),
        ("group=person&theme=housing", ["农村宅基地审批", "河西乡危房改造补助"], ["个体工商户登记"]),
        ("kind=benefit", ["高龄津贴发放"], ["农村宅基地审批"]),
        ("q=工商", ["个体工商户登记"], ["高龄津贴发放"]),
        ("theme=nonsense", ["农村宅基地审批", "个体工商户登记"], []),
    ],
)
def test_the_filters_select_items(client, catalogue, query, shown, hidden):
    section = client.get(f"/services/?{query}").content.decode().split('id="h-list"', 1)[1]
    for name in shown:
        assert name in section
    for name in hidden:
        assert name not in section


def test_a_unit_filter_lists_its_items(client, catalogue, other_township):
    section = client.get(f"/services/?unit={other_township.code}").content.decode().split('id="h-list"', 1)[1]
    assert "河西乡危房改造补助" in section and "农村宅基地审批" not in section
    assert client.get("/services/?unit=NOSUCHUNIT").status_code == 404


def test_the_guide_shows_every_required_element_and_links_to_corrections(client, catalogue):
    response = client.get("/services/QH-A/")
    page = response.content.decode()

    for text in ("行政许可法", "本村集体经济组织成员", "农村宅基地和建房（规划许可）申请表", "原件", "2份",
                 "正反面复印在同一页", "乡镇审核批准", "20个工作日", "10个工作日", "不收费", "2号窗口",
                 "0319-8123456", "0319-8123400", "《农村宅基地批准书》", "网上预约、预审", "中介服务"):  # fmt: skip
        assert text in page, text
    assert 'href="/corrections/new/?url=http%3A//testserver/services/QH-A/"' in page
    assert "这个指南有错误" in page
    assert client.get("/services/qh-a/").status_code == 200  # codes are case-insensitive


def test_the_print_version_holds_the_guide_without_the_site_chrome(client, catalogue):
    page = client.get("/services/QH-A/print/").content.decode()
    assert "农村宅基地审批" in page and "受理条件" in page and "site-nav" not in page


def test_drafts_and_unknown_codes_are_not_found(client, catalogue):
    assert client.get("/services/QH-D/").status_code == 404
    assert client.get("/services/NOPE/").status_code == 404
    assert client.get("/services/QH-A/versions/2/").status_code == 404


def test_a_published_blank_form_downloads_and_a_drafts_does_not(client, catalogue):
    material = catalogue[0].materials.order_by("order").first()
    response = client.get(f"/services/QH-A/materials/{material.pk}/blank/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    draft = GuideVersion.objects.get(item__code="QH-D").materials.order_by("order").first()
    assert client.get(f"/services/QH-D/materials/{draft.pk}/blank/").status_code == 404
    assert client.get(f"/services/QH-A/materials/{draft.pk}/blank/").status_code == 404
    assert client.get(f"/services/QH-A/materials/{material.pk}/other/").status_code == 404


def test_files_are_kept_outside_the_public_media_folder(catalogue, settings):
    material = catalogue[0].materials.order_by("order").first()
    path = material.blank_form.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_a_change_under_review_does_not_reach_the_public_files(client, catalogue, officer):
    change = services.draft_change(catalogue[0].item, actor=officer)
    added = services.MaterialInput(name="新增的未发布材料", blank_form=pdf("新表.pdf"))
    services.update_version(change, actor=officer, materials=[added])
    new = change.materials.get(name="新增的未发布材料")
    assert client.get(f"/services/QH-A/materials/{new.pk}/blank/").status_code == 404
    assert "新增的未发布材料" not in client.get("/services/QH-A/").content.decode()


def test_the_organisation_page_lists_its_items_in_force(client, catalogue, township):
    page = client.get(f"/organizations/{township.code}/").content.decode()
    assert "办事服务" in page and "个体工商户登记" in page and "尚未发布的草稿事项" not in page
    assert "河西乡危房改造补助" not in page


def test_the_home_page_has_a_services_entrance(client, catalogue):
    page = client.get("/").content.decode()
    assert 'id="h-services"' in page and "/services/?group=business&amp;theme=start_business" in page


def test_public_pages_keep_a_fixed_number_of_queries(client, catalogue, officer, reviewer, leader, office_staff,
                                                     township, django_assert_max_num_queries):  # fmt: skip
    for n in range(6):
        review_through(draft_item(officer, code=f"QH-X{n}", name=f"事项{n}", themes=["job", "health"]), reviewer,
                       leader, office_staff)  # fmt: skip
    client.get("/")  # warms the site profile cache
    pages = {"/services/": 5, "/services/?group=person&theme=job": 5, "/services/QH-A/": 5,
             "/services/QH-A/print/": 5, f"/organizations/{township.code}/": 3}  # fmt: skip  # unit, leaders, items
    for url, ceiling in pages.items():
        with django_assert_max_num_queries(ceiling):
            assert client.get(url).status_code == 200, url


def test_the_kept_browsing_panels_mark_the_filter_of_each_request(client, catalogue):
    assert 'aria-current="true"' not in client.get("/services/").content.decode()
    marked = client.get("/services/?kind=benefit").content.decode()
    assert '<a href="?kind=benefit" aria-current="true">' in marked
    # A combination no link of the panels sets is rendered, not kept: its marks are right too.
    both = client.get("/services/?kind=benefit&group=person").content.decode()
    assert '<a href="?kind=benefit" aria-current="true">' in both
    assert 'href="?group=person" aria-current="true"' in both
    assert 'aria-current="true"' not in client.get("/services/").content.decode()


def test_the_list_of_a_browsing_combination_takes_no_query_between_changes(
    client, catalogue, officer, reviewer, leader, office_staff, django_assert_num_queries
):
    client.get("/")  # the site profile
    client.get("/services/?kind=benefit")  # the list, its total and the panels kept for this combination
    with django_assert_num_queries(0):
        page = client.get("/services/?kind=benefit").content.decode()
    assert "河西乡危房改造补助" not in page  # a draft, never listed

    review_through(draft_item(officer, code="QH-NEW", name="新发布的给付事项", kind="benefit"), reviewer, leader,
                   office_staff)  # fmt: skip

    assert "新发布的给付事项" in client.get("/services/?kind=benefit").content.decode()


def test_a_searched_list_is_read_each_time(client, catalogue, django_assert_max_num_queries):
    client.get("/services/?q=登记")
    with django_assert_max_num_queries(5):
        assert "个体工商户登记" in client.get("/services/?q=登记").content.decode()
