"""Personas and builders for the disclosure tests. Documents in a state are made through the real services."""

import pytest

from disclosure import services
from disclosure.models import Column, Document
from portal.models import Role
from tests.conftest import make_user

YES = {key: True for key, _ in services.CHECKLIST}
BODY = "<p>为进一步做好辖区环境卫生整治工作，现将有关事项通知如下。</p>"


@pytest.fixture
def news_column(db) -> Column:
    return Column.objects.get(slug="tzgg")


@pytest.fixture
def catalogue_column(db) -> Column:
    return Column.objects.get(slug="gfxwj")


@pytest.fixture
def second_reviewer(township):
    return make_user("reviewer2", township, Role.REVIEWER)


@pytest.fixture
def deputy_leader(township):
    """A unit leader who is not the 主要领导."""
    return make_user("deputy", township, Role.LEADER)


@pytest.fixture
def second_office_staff(office):
    return make_user("office2", office, Role.OFFICE)


def draft(officer, column, title="关于开展城乡环境卫生整治的通知", **fields) -> Document:
    fields.setdefault("body", BODY)
    if column.carries_metadata:
        fields.setdefault("summary", "部署城乡环境卫生整治工作。")
        fields.setdefault("topic", "城乡建设、环境保护")
        fields.setdefault("genre", "通知")
        fields.setdefault("written_date", __import__("datetime").date(2026, 11, 20))
    if column.requires_doc_number:
        fields.setdefault("doc_number", "示政办发〔2026〕1号")
    return services.create_document(actor=officer, column=column, title=title, **fields)


def submitted(officer, column, **fields) -> Document:
    return services.submit(draft(officer, column, **fields), actor=officer)


def passed(document, *actors) -> Document:
    for actor in actors:
        document = services.review(document, actor=actor, decision="pass", checklist=YES, opinion="同意。")
    return document


def published(officer, reviewer, leader, office_staff, column, **fields) -> Document:
    return passed(submitted(officer, column, **fields), reviewer, leader, office_staff)
