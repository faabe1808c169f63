"""Personas come from tests/conftest.py (a township's officer, reviewer and leader; the outsider of another township;
office staff). Items are built through the real services: a published item went through all three reviews."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.models import Role
from services_guide import services
from services_guide.models import GuideVersion, Material
from services_guide.services import MaterialInput
from tests.conftest import make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "申请表.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def guide_fields(**overrides) -> dict:
    """Every required element of a 办事指南, filled in."""
    fields = {
        "kind": "license",
        "level": "township",
        "target": "person",
        "basis": "《中华人民共和国行政许可法》第十二条\n《示范省农村宅基地管理办法》第八条",
        "conditions": "本村集体经济组织成员\n一户只能拥有一处宅基地",
        "process": "申请\n村民小组会议讨论并公示\n乡镇审核批准\n发放批准书",
        "legal_days": 20,
        "promised_days": 10,
        "place": "城关镇便民服务中心2号窗口",
        "hours": "周一至周五 8:30-12:00，14:30-17:30",
        "phone": "0319-8123456",
        "complaint_phone": "0319-8123400",
        "result": "《农村宅基地批准书》",
        "online": "partly",
        "online_url": "https://zwfw.example.gov.cn/item/1",
    }
    return {**fields, **overrides}


def two_materials(with_files: bool = True) -> list[MaterialInput]:
    return [
        MaterialInput(name="农村宅基地和建房（规划许可）申请表", form=Material.Form.ORIGINAL, copies=1,
                      blank_form=pdf() if with_files else None, example=pdf("样表.pdf") if with_files else None),
        MaterialInput(name="申请人身份证", form=Material.Form.COPY, copies=2, note="正反面复印在同一页"),
    ]  # fmt: skip


def draft_item(officer, *, code="QH-ZJD-001", name="农村宅基地审批", themes=("housing", "farming"), **overrides):
    return services.create_item(
        actor=officer, organization=officer.organization, code=code, name=name, themes=list(themes),
        materials=two_materials(), **guide_fields(**overrides),
    )  # fmt: skip


def review_through(version, reviewer, leader, office_staff) -> GuideVersion:
    services.submit(version, actor=version.created_by)
    services.pass_review(version, actor=reviewer, level="first", opinion="初审通过")
    services.pass_review(version, actor=leader, level="second", opinion="复审同意")
    return services.approve(version, actor=office_staff, opinion="同意发布")


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "guide-files"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def leader2(township):
    return make_user("leader2", township, Role.LEADER)


@pytest.fixture
def draft(officer):
    return draft_item(officer)


@pytest.fixture
def published(draft, reviewer, leader, office_staff):
    return review_through(draft, reviewer, leader, office_staff)
