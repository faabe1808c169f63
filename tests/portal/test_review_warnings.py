"""The review-warning registry: an app's checker adds warnings to another app's review form without either app
importing the other; a failing checker is left out instead of breaking the review."""

import pytest

from portal import review_warnings
from portal.review_warnings import ReviewWarning


class _Doc:
    pk = 7


@pytest.fixture(autouse=True)
def _only_the_tests_checkers(monkeypatch):
    """The installed apps' checkers (the wording check) read real documents: set them aside here."""
    monkeypatch.setattr(review_warnings, "_checkers", {})


@pytest.fixture
def checker():
    seen = []

    def check(document):
        seen.append(document.pk)
        return [ReviewWarning("错别字", "按装", "安装", "正文", "请及时", "燃气报警器"),
                ReviewWarning("国家名称", "中华人民共合国", "中华人民共和国", "标题", serious=True)]  # fmt: skip

    review_warnings.register("test-checker", check)
    return seen


def test_warnings_come_back_serious_first(checker, db):
    found = review_warnings.warnings_for(_Doc())
    assert [w.match for w in found][:2] == ["中华人民共合国", "按装"]
    assert checker == [7]


def test_a_failing_checker_is_left_out_when_not_debugging(checker, settings, db):
    settings.DEBUG = False

    def broken(document):
        raise RuntimeError("dictionary unreadable")

    review_warnings.register("test-broken", broken)
    assert [w.match for w in review_warnings.warnings_for(_Doc())].count("按装") == 1
    settings.DEBUG = True
    with pytest.raises(RuntimeError):
        review_warnings.warnings_for(_Doc())
