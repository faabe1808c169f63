"""A 规章 or 行政规范性文件 is published only with its 文号 (the column says so): refused at submission, at every
review pass and at import."""

import pytest

from disclosure import services, workflows
from disclosure.models import Column, Document
from portal.errors import DomainError
from portal.models import Role
from tests.conftest import make_user
from tests.disclosure.conftest import YES, draft, passed, published, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(officer, reviewer, leader, office_staff):
    return officer, reviewer, leader, office_staff


@pytest.mark.parametrize("slug", ["gz", "gfxwj"])
def test_a_normative_document_without_a_doc_number_cannot_be_submitted(office_staff, officer, slug):
    author = office_staff if slug == "gz" else officer  # 规章 are the county government's own
    document = draft(author, Column.objects.get(slug=slug), doc_number="")
    assert "文号" in workflows.missing_for_submit(document)
    with pytest.raises(DomainError, match="文号"):
        services.submit(document, actor=author)
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT


@pytest.mark.parametrize("slug", ["gz", "gfxwj"])
def test_a_normative_document_with_a_doc_number_is_published(office_staff, office, slug):
    column = Column.objects.get(slug=slug)
    author = make_user("office_officer", office, Role.OFFICER)
    reviewer = make_user("office_reviewer", office, Role.REVIEWER)
    leader = make_user("office_leader", office, Role.LEADER, is_principal_leader=True)
    document = published(author, reviewer, leader, office_staff, column, doc_number="示政发〔2026〕5号")
    assert document.status == Document.Status.PUBLISHED


def test_other_catalogue_columns_need_no_doc_number(people):
    document = published(*people, Column.objects.get(slug="qtwj"), doc_number="")
    assert document.status == Document.Status.PUBLISHED


def test_final_review_refuses_a_normative_document_without_a_doc_number(people, catalogue_column):
    officer, reviewer, leader, office_staff = people
    document = passed(submitted(officer, catalogue_column, doc_number="城政发〔2026〕8号"), reviewer, leader)
    Document.objects.filter(pk=document.pk).update(doc_number="")
    with pytest.raises(DomainError, match="文号"):
        services.review(document, actor=office_staff, decision="pass", checklist=YES)
    document.refresh_from_db()
    assert document.status == Document.Status.PENDING_FINAL


@pytest.mark.parametrize("slug", ["gz", "gfxwj"])
def test_import_refuses_a_normative_document_without_a_doc_number(office_staff, office, slug):
    with pytest.raises(DomainError, match="文号"):
        services.import_document(actor=office_staff, column=Column.objects.get(slug=slug), organization=office,
                                 title="旧网站规范性文件", body="<p>正文</p>", summary="概述", topic="综合政务",
                                 genre="通知")  # fmt: skip
    assert not Document.objects.exists()
