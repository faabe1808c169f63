"""Only 主动公开 items reach the site; 依申请公开 and 不予公开 items stay internal records (drafts). The services refuse
them at submission, at every review pass and at import, and the public side never lists one."""

import pytest
from django.urls import reverse

from disclosure import selectors, services
from disclosure.models import Document
from disclosure.search_indexes import DocumentIndex
from portal.errors import DomainError
from tests.disclosure.conftest import YES, draft, passed, published, submitted

pytestmark = pytest.mark.django_db

NOT_PROACTIVE = ["依申请公开", "不予公开"]


@pytest.fixture
def people(officer, reviewer, leader, office_staff):
    return officer, reviewer, leader, office_staff


# --- 公开方式


@pytest.mark.parametrize("method", NOT_PROACTIVE)
def test_an_item_not_for_proactive_disclosure_is_kept_as_a_draft_and_cannot_be_submitted(officer, news_column, method):
    document = draft(officer, news_column, disclosure_method=method)
    with pytest.raises(DomainError, match="只有主动公开的信息可以报送发布"):
        services.submit(document, actor=officer)
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT and document.disclosure_method == method


@pytest.mark.parametrize("method", NOT_PROACTIVE)
def test_the_draft_page_says_why_it_cannot_be_submitted(client, officer, news_column, method):
    document = draft(officer, news_column, disclosure_method=method)
    client.force_login(officer)
    page = client.get(reverse("disclosure:staff_detail", args=[document.pk])).content.decode()
    assert f"公开方式为“{method}”" in page and "disabled" in page


def test_an_item_under_review_cannot_be_changed_to_on_request(people, news_column):
    officer, reviewer = people[:2]
    document = submitted(officer, news_column)
    with pytest.raises(DomainError, match="只有主动公开的信息可以报送发布"):
        services.update_document(document, actor=reviewer, disclosure_method="依申请公开")
    document.refresh_from_db()
    assert document.disclosure_method == "主动公开" and document.status == Document.Status.PENDING_FIRST


@pytest.mark.parametrize("method", NOT_PROACTIVE)
def test_final_review_refuses_an_item_that_is_not_for_proactive_disclosure(people, news_column, method):
    """An item that reached 终审 before the rule existed: passing it would publish it."""
    officer, reviewer, leader, office_staff = people
    document = passed(submitted(officer, news_column), reviewer, leader)
    Document.objects.filter(pk=document.pk).update(disclosure_method=method)
    with pytest.raises(DomainError, match="只有主动公开的信息可以报送发布"):
        services.review(document, actor=office_staff, decision="pass", checklist=YES)
    document.refresh_from_db()
    assert document.status == Document.Status.PENDING_FINAL and document.index_number is None
    # Refusing it is still possible.
    services.review(
        document, actor=office_staff, decision="reject", checklist=YES, opinion="依申请公开，不在网站发布。"
    )


@pytest.mark.parametrize("method", NOT_PROACTIVE)
def test_import_refuses_an_item_that_is_not_for_proactive_disclosure(office_staff, township, news_column, method):
    with pytest.raises(DomainError, match="只有主动公开的信息可以报送发布"):
        services.import_document(actor=office_staff, column=news_column, organization=township, title="旧网站信息",
                                 body="<p>正文</p>", disclosure_method=method)  # fmt: skip
    assert not Document.objects.exists()


def test_a_published_row_that_is_not_proactive_is_not_public(client, people, news_column, catalogue_column):
    """A row published before the rule existed: no list, page, count or search index shows it."""
    document = published(*people, catalogue_column, title="某项依申请公开的信息")
    Document.objects.filter(pk=document.pk).update(disclosure_method="依申请公开")
    assert client.get(document.get_absolute_url()).status_code == 404
    assert document.title not in client.get(reverse("disclosure:column", args=["gfxwj"])).content.decode()
    assert document.title not in client.get(reverse("disclosure:platform")).content.decode()
    assert selectors.published_counts().get(catalogue_column.pk, 0) == 0
    assert not DocumentIndex().index_queryset().filter(pk=document.pk).exists()
    assert not DocumentIndex().read_queryset().filter(pk=document.pk).exists()
    assert not [u for u in selectors.publishing_units() if u.n]
