"""The home page of a real county portal: a welcome banner (not the meta description), the 图片新闻 block, the
依申请公开 box with its guide and figures, and the 党政机关 / 政府网站找错 badges in the footer, whose links the site
profile holds."""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.models import Column, Document
from portal import pagecache
from portal.models import SiteProfile
from tests.disclosure.conftest import published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _profile(**fields) -> SiteProfile:
    profile = SiteProfile.get()
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    cache.clear()
    return profile


def test_the_banner_reads_as_a_welcome_not_as_the_meta_description(client):
    _profile(county_name="青山县", description="青山县人民政府门户网站：政务要闻、政府信息公开")
    banner = re.search(r'<section class="home-banner".*?</section>', client.get("/").content.decode(), re.S)[0]
    assert "青山县欢迎您" in banner and "政务要闻、政府信息公开" not in banner
    _profile(welcome_message="青山绿水，欢迎您来。")
    assert "青山绿水，欢迎您来。" in client.get("/").content.decode()


def test_the_footer_badges_link_where_the_profile_says(client):
    page = client.get("/organizations/").content.decode()
    assert "badge-dzjg.svg" not in page  # no registration record: no 党政机关 mark
    assert 'alt="我为政府网站找错"' in page and 'href="/corrections/new/?url=' in page
    _profile(conac_link="https://bszs.conac.cn/sitename?method=show&id=1", error_report_link="https://zfwzzc.example/a")
    page = client.get("/organizations/").content.decode()
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=1"' in page and "党政机关网站标识" in page
    assert 'href="https://zfwzzc.example/a"' in page


def test_picture_news_shows_the_news_with_a_picture_in_a_pausable_block(
    client, officer, reviewer, leader, office_staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    column = Column.objects.get(slug="xzdt")
    document = published(officer, reviewer, leader, office_staff, column, title="城关镇举办农民丰收节")
    published(officer, reviewer, leader, office_staff, column, title="城关镇召开安全生产会议")
    assert "图片新闻" not in client.get("/").content.decode()  # no picture yet: no block

    picture = _png()
    document.cover_image.save("harvest.png", SimpleUploadedFile("harvest.png", picture), save=False)
    Document.objects.filter(pk=document.pk).update(cover_image=document.cover_image.name)
    pagecache.bump()  # a bulk update sends no signal: whoever uses one retires the kept pages and blocks
    page = client.get("/").content.decode()
    block = re.search(r'<section class="panel wide picture-news".*?</section>', page, re.S)[0]
    assert "城关镇举办农民丰收节" in block and "城关镇召开安全生产会议" not in block
    assert "暂停轮播" in block and 'src="/static/js/carousel.js"' in page
    assert not re.search(r"<script>(?!</script>)", page)  # no inline script (CSP)


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (32, 18), (31, 95, 168)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_request_box_gives_the_steps_the_entries_and_this_years_figures(client):
    page = client.get("/").content.decode()
    box = re.search(r'<section class="panel req-home-block".*?</section>', page, re.S)[0]
    assert "提交申请" in box and "个工作日内答复" in box
    assert 'href="/requests/new/"' in box and 'href="/requests/track/"' in box and 'href="/requests/"' in box
    assert '收到申请</span><span class="figure">0<small>件' in box


def test_the_home_page_with_every_block_keeps_its_query_ceiling(client, django_assert_max_num_queries):
    client.get("/")
    with django_assert_max_num_queries(10):  # every app's block; the 图片新闻 and 依申请公开 figures one each
        assert client.get("/").status_code == 200
