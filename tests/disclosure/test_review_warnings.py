"""The review form lists the warnings other apps' checkers give (portal.review_warnings), beside the scan."""

import pytest

from portal import review_warnings
from portal.review_warnings import ReviewWarning
from tests.disclosure.conftest import submitted


@pytest.fixture
def checker():
    seen = []

    def check(document):
        seen.append(document.pk)
        return [ReviewWarning("错别字", "按装", "安装", "正文", "请及时", "燃气报警器"),
                ReviewWarning("国家名称", "中华人民共合国", "中华人民共和国", "标题", serious=True)]  # fmt: skip

    review_warnings.register("test-checker", check)
    yield seen
    review_warnings._checkers.pop("test-checker")


def test_the_review_form_lists_the_warnings(client, checker, officer, reviewer, news_column):
    document = submitted(officer, news_column)
    client.force_login(reviewer)

    html = client.get(f"/staff/disclosure/{document.pk}/review/").content.decode()

    assert "错敏检查提示" in html
    assert "<mark>按装</mark>" in html and "建议：安装" in html
    assert "国家名称·严重" in html
    assert checker == [document.pk]
