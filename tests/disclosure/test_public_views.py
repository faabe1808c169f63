"""Public pages: platform, unit catalogue, column lists (fixed query counts), document pages, guide, home block."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure import services
from disclosure.models import Column, Document
from portal.sanitize import clean_html
from tests.disclosure.conftest import draft, published, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(officer, reviewer, leader, office_staff):
    return officer, reviewer, leader, office_staff


@pytest.fixture
def policy(people, catalogue_column):
    return published(*people, catalogue_column, title="城关镇环境卫生管理办法", doc_number="城政发〔2026〕8号",
                     keywords="环境卫生 管理办法")  # fmt: skip


def test_unpublished_documents_are_404_for_the_public(client, officer, news_column):
    for document in (draft(officer, news_column), submitted(officer, news_column)):
        assert client.get(reverse("disclosure:document", args=[document.pk])).status_code == 404


def test_published_document_page_shows_metadata_and_gov_meta(client, policy):
    response = client.get(reverse("disclosure:document", args=[policy.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (policy.index_number, "城政发〔2026〕8号", "城乡建设、环境保护", "通知", "有效", "主动公开"):
        assert text in html
    assert '<meta name="ArticleTitle" content="城关镇环境卫生管理办法">' in html
    assert '<meta name="ColumnName" content="行政规范性文件">' in html
    assert '<meta name="PubDate"' in html
    assert "/qr/?path=" in html


def test_withdrawn_document_says_so_and_hides_its_body(client, people, news_column):
    document = published(*people, news_column, body="<p>旧的正文内容</p>")
    services.withdraw(document, actor=people[3], reason="内容已过时效")
    html = client.get(reverse("disclosure:document", args=[document.pk])).content.decode()
    assert "本信息已于" in html and "内容已过时效" in html and "旧的正文内容" not in html
    assert document.title not in client.get(reverse("disclosure:column", args=["tzgg"])).content.decode()


def test_policy_and_interpretation_link_each_other(client, people, policy):
    reading = published(*people, Column.objects.get(slug="zcjd"), title="一图读懂环境卫生管理办法", interprets=policy)
    policy_html = client.get(reverse("disclosure:document", args=[policy.pk])).content.decode()
    reading_html = client.get(reverse("disclosure:document", args=[reading.pk])).content.decode()
    assert reading.get_absolute_url() in policy_html and "政策解读" in policy_html
    assert policy.get_absolute_url() in reading_html


def test_repealed_mark_is_shown(client, people, policy):
    from datetime import date

    services.change_validity(policy, actor=people[3], validity="废止", repealed_on=date(2026, 12, 1), reason="")
    html = client.get(reverse("disclosure:document", args=[policy.pk])).content.decode()
    assert "废止日期：2026-12-01" in html


def test_print_view_renders(client, policy):
    html = client.get(reverse("disclosure:document_print", args=[policy.pk])).content.decode()
    assert policy.title in html and policy.index_number in html


def test_column_list_is_newest_first_with_date_and_unit(client, people, news_column):
    older = published(*people, news_column, title="较早的通知")
    newer = published(*people, news_column, title="较新的通知")
    html = client.get(reverse("disclosure:column", args=["tzgg"])).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert people[0].organization.display_name in html


def _bulk_publish(people, column, n):
    for i in range(n):
        published(*people, column, title=f"批量信息{i:03d}")


def test_column_list_makes_a_fixed_number_of_queries(client, people, news_column, django_assert_max_num_queries):
    _bulk_publish(people, news_column, 3)
    # The first request after a change reads the per-site data again (column tree, cross-listings, count, profile).
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("disclosure:column", args=["tzgg"]))
    _bulk_publish(people, news_column, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("disclosure:column", args=["tzgg"]) + "?page=2")
    assert "第 2 / 2 页" in response.content.decode()


def test_catalogue_column_and_platform_make_fixed_queries(
    client, people, catalogue_column, django_assert_max_num_queries
):
    _bulk_publish(people, catalogue_column, 3)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("disclosure:platform"))
    with django_assert_max_num_queries(8) as few_col:
        client.get(reverse("disclosure:column", args=["gfxwj"]))
    _bulk_publish(people, catalogue_column, 15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("disclosure:platform"))
    with django_assert_max_num_queries(len(few_col.captured_queries)):
        client.get(reverse("disclosure:column", args=["gfxwj"]))


def test_section_column_lists_its_descendants(client, people, catalogue_column):
    document = published(*people, catalogue_column)
    html = client.get(reverse("disclosure:column", args=["zc"])).content.decode()
    assert document.title in html and "规章" in html


def test_unit_catalogue_shows_only_that_unit(client, people, catalogue_column, other_township):
    document = published(*people, catalogue_column)
    mine = client.get(reverse("disclosure:platform_unit", args=[people[0].organization.code])).content.decode()
    theirs = client.get(reverse("disclosure:platform_unit", args=[other_township.code])).content.decode()
    assert document.title in mine and document.title not in theirs
    other_list = client.get(reverse("disclosure:column", args=["gfxwj"]) + f"?unit={other_township.code}")
    assert document.title not in other_list.content.decode()


def test_unit_selector_redirects_to_the_unit_catalogue(client, township):
    response = client.get(reverse("disclosure:platform") + f"?unit={township.code}")
    assert response.status_code == 302 and response["Location"] == f"/disclosure/{township.code}/"


def test_unknown_unit_is_404(client, db):
    assert client.get("/disclosure/NOSUCHCODE/").status_code == 404


def test_a_unit_is_found_by_its_code_without_a_query_until_units_change(
    client, people, catalogue_column, other_township, django_assert_num_queries
):
    from portal.units import active_unit

    assert active_unit(other_township.code.lower()) == other_township  # the code in any case
    with django_assert_num_queries(0):
        assert active_unit(other_township.code) == other_township
    other_township.is_active = False
    other_township.save()  # changes public content: the kept units are read again
    assert client.get(reverse("disclosure:platform_unit", args=[other_township.code])).status_code == 404
    url = reverse("disclosure:column", args=["gfxwj"]) + f"?unit={other_township.code}"
    assert client.get(url).status_code == 404


def test_guide_is_built_from_the_units_contact_fields(client, township):
    township.address = "城关镇人民路1号"
    township.phone = "0951-1234567"
    township.office_hours = "工作日 9:00-17:00"
    township.fax = "0951-7654321"
    township.email = "gk@example.gov.cn"
    township.save()
    html = client.get(reverse("disclosure:guide_unit", args=[township.code])).content.decode()
    for value in ("城关镇人民路1号", "0951-1234567", "工作日 9:00-17:00", "0951-7654321", "gk@example.gov.cn"):
        assert value in html
    assert "政府信息公开指南" in html
    # The guide lists the catalogue's arrangement (条例 Art. 12), not item counts that would all read zero.
    assert "行政规范性文件" in html and "（0）" not in html


def test_guide_column_shows_the_county_guide(client, office):
    html = client.get(reverse("disclosure:column", args=["gkzn"])).content.decode()
    assert office.name in html


def test_county_guide_gives_the_sites_email_when_the_office_has_none(client, office):
    from portal.context_processors import clear_site_cache
    from portal.models import SiteProfile

    profile = SiteProfile.get()
    profile.contact_email = "zwgk@qinghe.example.gov.cn"
    profile.save()
    clear_site_cache()
    html = client.get(reverse("disclosure:guide")).content.decode()
    assert '<th scope="row">电子邮箱</th><td>zwgk@qinghe.example.gov.cn</td>' in html


@pytest.mark.parametrize(("reply", "extension"), [(15, 15), (20, 20)])
def test_guide_states_the_real_periods_correction_third_parties_and_fees(client, office, settings, reply, extension):
    """条例 Art. 30, 32, 33 and 42, with the configured periods (15 + 15 under the county's rules, 20 + 20 under
    the 2019 regulation)."""
    settings.REQUEST_REPLY_WORKDAYS, settings.REQUEST_EXTENSION_WORKDAYS = reply, extension
    for url in (reverse("disclosure:guide"), reverse("requests_app:guide")):
        text = " ".join(client.get(url).content.decode().split())
        assert "规定的工作日" not in text
        assert f"自收到申请之日起{reply}个工作日内" in text
        assert f"延长的期限最长不超过{extension}个工作日" in text
        assert "答复期限自收到补正后的申请之日起重新计算" in text
        assert "征求第三方意见所需时间不计算在答复期限内" in text
        assert "依申请提供政府信息不收取费用" in text
        assert "数量、频次明显超过合理范围的" in text and "信息处理费" in text


def test_public_attachment_download_only_for_published(client, people, news_column):
    document = draft(people[0], news_column)
    attachment = services.add_attachment(document, actor=people[0], upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"))
    url = reverse("disclosure:attachment", args=[document.pk, attachment.pk])
    assert client.get(url).status_code == 404
    services.submit(document, actor=people[0])
    from tests.disclosure.conftest import passed

    passed(Document.objects.get(pk=document.pk), *people[1:])
    assert client.get(url).status_code == 200


def test_home_page_shows_latest_news_and_platform_entry(client, people, news_column):
    document = published(*people, news_column, title="首页可见的通知")
    html = client.get("/").content.decode()
    assert "首页可见的通知" in html and document.get_absolute_url() in html
    assert "政府信息公开平台" in html and "/columns/zwyw/" in html


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">hover</div>',
    '<img src="https://evil.example/pixel.gif">',
    "<scr<script>ipt>alert(1)</script>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<object data="javascript:alert(1)"></object>',
    '<body onload="alert(1)">',
    '"><script>alert(document.cookie)</script>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<img src="//evil.example/media/x.png">',
    '<img src="/media/x.png" onerror="alert(1)">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_neither_stored_nor_rendered(client, people, news_column, payload):
    document = published(*people, news_column, body=f"<p>正文</p>{payload}")
    stored = Document.objects.get(pk=document.pk).body
    html = client.get(reverse("disclosure:document", args=[document.pk])).content.decode()
    body_html = html[html.index('<div class="article-body">') :]
    body_html = body_html[: body_html.index("</div>")]
    for bad in ("<script", "onerror", "onload", "onmouseover", "javascript:", "<iframe", "<svg", "<object",
                "evil.example", "data:text"):  # fmt: skip
        assert bad not in stored.lower()
        assert bad not in body_html.lower()
    assert stored == clean_html(stored)


def test_images_from_our_media_are_kept():
    assert clean_html('<img src="/media/disclosure/a.png" alt="图">') == '<img src="/media/disclosure/a.png" alt="图">'


@pytest.mark.parametrize(
    "src", ["/media/../static/x.svg", "/media/%2e%2e/admin/x.png", "/media/a/./../../x.png", "/media\\..\\x.png"]
)
def test_images_that_resolve_outside_our_media_are_dropped(src):
    assert clean_html(f'<img src="{src}" alt="图">') == '<img alt="图">'


def test_document_meta_tags_and_breadcrumbs(client, people, catalogue_column, news_column):
    from portal.models import SiteProfile

    profile = SiteProfile.get()
    profile.keywords = "清河县,政府信息公开"
    profile.save()
    policy = published(*people, catalogue_column, title='关于"清洁&美丽"  乡村的通知', summary="整治要点")
    html = client.get(reverse("disclosure:document", args=[policy.pk])).content.decode()
    # Escaped once, white space collapsed; the catalogue's column type.
    assert '<meta name="ArticleTitle" content="关于&quot;清洁&amp;美丽&quot; 乡村的通知">' in html
    assert '<meta name="ColumnType" content="信息公开目录">' in html
    assert f'<meta name="ContentSource" content="{policy.organization.name}">' in html
    assert '<meta name="Description" content="整治要点">' in html
    # The catalogue's root links to the platform page, then each column down to the document's own.
    crumbs = html.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    links = [part.split('"', 1)[0] for part in crumbs.split('href="')[1:]]
    assert links[0] == "/" and links[1] == reverse("disclosure:platform")
    assert links[-1] == catalogue_column.get_absolute_url()
    assert crumbs.endswith('<li><span aria-current="page">正文</span></li></ol>')

    # An article: its source; the site's keywords and its title when it has no keywords or summary of its own.
    news = published(*people, news_column, title="春季植树活动", source="县林业局", keywords="", summary="")
    html = client.get(reverse("disclosure:document", args=[news.pk])).content.decode()
    assert '<meta name="ColumnType" content="文章">' in html
    assert '<meta name="ContentSource" content="县林业局">' in html
    assert '<meta name="Keywords" content="清河县,政府信息公开">' in html
    assert '<meta name="Description" content="春季植树活动">' in html
