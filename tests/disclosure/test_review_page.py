"""The review page puts on one page what a reviewer needs: the document as it will be published, its metadata, each
scan hit marked in the text, the history and the decision form; it sits in the back office's own shell."""

import pytest

from disclosure import highlight
from disclosure.models import Column
from tests.disclosure.conftest import submitted

pytestmark = pytest.mark.django_db


def test_hits_are_marked_in_the_text_and_never_inside_a_tag():
    findings = [
        {"source": "正文", "match": "13912345678", "blocking": True},
        {"source": "正文", "match": "内部", "blocking": False},
        {"source": "标题", "match": "通知", "blocking": False},
    ]
    body = '<p>联系人电话13912345678，<a href="/内部/">内部资料</a>的通知</p>'
    marked = highlight.mark_hits(body, findings)
    assert '<mark class="scan-hit scan-hit-blocking">13912345678</mark>' in marked
    assert 'href="/内部/"' in marked  # the link target is not touched
    assert '<mark class="scan-hit">内部</mark>资料' in marked
    assert '<mark class="scan-hit">通知' not in marked  # a title hit is not marked in the body


def test_a_match_that_needs_escaping_is_found_in_the_escaped_body():
    marked = highlight.mark_hits("<p>A&amp;B公司</p>", [{"source": "正文", "match": "A&B", "blocking": False}])
    assert '<mark class="scan-hit">A&amp;B</mark>' in marked


def test_the_review_page_shows_preview_metadata_marked_hits_history_and_actions(client, officer, reviewer):
    column = Column.objects.get(slug="gfxwj")
    document = submitted(officer, column, doc_number="城政发〔2026〕5号", body="<p>经办人电话13912345678。</p>")
    client.force_login(reviewer)
    page = client.get(f"/staff/disclosure/{document.pk}/review/").content.decode()
    preview = page[page.index('class="article document review-preview"') : page.index("</article>")]
    assert "城政发〔2026〕5号" in preview and "索引号" in preview  # the 公开目录 metadata as published
    assert '<mark class="scan-hit' in preview and "13912345678</mark>" in preview
    assert "处理记录" in page and "提交审核意见" in page and "保密自动扫描" in page
    # The back office's shell: who is signed in, and none of the public header, navigation or footer.
    assert 'class="staff-header"' in page and "单位审核人" in page[: page.index('class="staff-layout"')]
    assert "site-nav" not in page and "site-footer" not in page and "搜索政策、文件、新闻" not in page
