"""意见征集: before, during and after the window (the county's 公众参与制度 art. 4 and 8)."""

from datetime import datetime

import pytest

from interaction import services
from interaction.models import Consultation, Opinion
from portal.errors import InvalidTransition

from .conftest import TZ, at

OPINION = {
    "name": "王五",
    "content": "建议增加公交班次。",
    "phone": "13600001111",
    "captcha_0": "x",
    "captcha_1": "PASSED",
}


@pytest.fixture
def consultation(office, office_staff) -> Consultation:
    with at(2025, 5, 1):
        c = Consultation(
            title="关于《示范县城区公交线路优化方案（征求意见稿）》公开征求意见的公告",
            background="<p>为方便群众出行……</p><script>alert(1)</script>",
            draft_text="<p>一、优化线路……</p>",
            starts_at=datetime(2025, 5, 10, 9, tzinfo=TZ),
            ends_at=datetime(2025, 5, 20, 18, tzinfo=TZ),
            contact_unit=office,
            contact_details="0954-1234567",
        )
        services.save_consultation(c, actor=office_staff)
        return services.publish_consultation(c, actor=office_staff)


def test_rich_text_is_sanitised_when_saved(consultation):
    assert "<script>" not in consultation.background and "为方便群众出行" in consultation.background


def test_before_the_window_the_page_says_when_it_opens_and_refuses_opinions(client, consultation):
    with at(2025, 5, 5):
        page = client.get(f"/consultations/{consultation.pk}/").content.decode()
        assert "未开始" in page and "提交意见" not in page
        response = client.post(f"/consultations/{consultation.pk}/opinions/", OPINION)
    assert "尚未开始" in response.content.decode() and Opinion.objects.count() == 0


def test_during_the_window_the_public_submits_opinions(client, consultation):
    with at(2025, 5, 15):
        page = client.get(f"/consultations/{consultation.pk}/").content.decode()
        assert "征集中" in page and "提交意见" in page
        response = client.post(f"/consultations/{consultation.pk}/opinions/", OPINION, follow=True)
    assert "您的意见已提交" in response.content.decode()
    assert Opinion.objects.get().content == "建议增加公交班次。"


def test_bad_input_on_the_opinion_form_saves_nothing_and_keeps_the_text(client, consultation):
    with at(2025, 5, 15):
        response = client.post(
            f"/consultations/{consultation.pk}/opinions/", OPINION | {"name": "", "content": "好" * 2001}
        )
    page = response.content.decode()
    assert "请填写姓名或单位。" in page and "意见建议不能超过2000字" in page and "好" * 2001 in page
    assert Opinion.objects.count() == 0


def test_after_the_window_the_page_shows_the_count_and_the_feedback(client, consultation, office_staff):
    with at(2025, 5, 15):
        for i in range(3):
            services.submit_opinion(
                consultation, services.NewOpinion(name=f"市民{i}", content=f"意见{i}，电话13600001111")
            )
    with at(2025, 5, 21):
        with pytest.raises(InvalidTransition, match="已结束"):
            services.submit_opinion(consultation, services.NewOpinion(name="迟到", content="晚了"))
        first = consultation.opinions.first()
        services.set_opinion_public(first, actor=office_staff, public=True)
        page = client.get(f"/consultations/{consultation.pk}/").content.decode()
        assert "已结束" in page and '<strong class="opinion-count">3</strong>' in page
        assert "意见0" in page and "意见1" not in page  # only the opinion staff chose is shown
        assert "13600001111" not in page
        services.publish_feedback(consultation, actor=office_staff, feedback="<p>采纳了增加班次的建议。</p>")
        page = client.get(f"/consultations/{consultation.pk}/").content.decode()
    assert "采纳了增加班次的建议" in page and "已反馈" in page


def test_a_public_opinion_is_a_paragraph_of_text_escaped_once(client, consultation, office_staff):
    with at(2025, 5, 15):
        opinion = services.submit_opinion(
            consultation, services.NewOpinion(name="市民", content="票价 < 2元 '最好'\n<script>alert(1)</script>")
        )
    with at(2025, 5, 21):
        services.set_opinion_public(opinion, actor=office_staff, public=True)
        page = client.get(f"/consultations/{consultation.pk}/").content.decode()
    assert "<p>票价 &lt; 2元 &#x27;最好&#x27;<br>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in page
    assert "&lt;p&gt;" not in page and "&amp;" not in page and "<script>alert" not in page


def test_feedback_cannot_be_published_before_the_window_closes(consultation, office_staff):
    with at(2025, 5, 15), pytest.raises(InvalidTransition, match="结束后"):
        services.publish_feedback(consultation, actor=office_staff, feedback="<p>提前</p>")


def test_drafts_are_not_public(client, office, office_staff):
    c = services.save_consultation(
        Consultation(title="草稿", background="b", draft_text="d", starts_at=datetime(2030, 1, 1, tzinfo=TZ),
                     ends_at=datetime(2030, 2, 1, tzinfo=TZ), contact_unit=office, contact_details="电话"),
        actor=office_staff,
    )  # fmt: skip
    assert client.get(f"/consultations/{c.pk}/").status_code == 404


def test_office_creates_a_consultation_through_the_form(client, office, office_staff):
    client.force_login(office_staff)
    data = {
        "title": "征求意见", "background": "背景", "draft_text": "正文", "starts_at": "2030-01-01T09:00",
        "ends_at": "2029-12-01T09:00", "how_to_participate": "网上提交", "contact_unit": office.pk,
        "contact_details": "0954-1234567",
    }  # fmt: skip
    response = client.post("/staff/consultations/new/", data)
    assert "截止时间必须晚于开始时间。" in response.content.decode() and Consultation.objects.count() == 0
    response = client.post("/staff/consultations/new/", data | {"ends_at": "2030-02-01T18:00"})
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and consultation.status == Consultation.Status.DRAFT
    client.post(f"/staff/consultations/{consultation.pk}/publish/")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PUBLISHED


def test_the_admin_cannot_replace_a_draft_attachment_unchecked(client, consultation, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    url = f"/admin/interaction/consultation/{consultation.pk}/change/"
    assert client.get(url).status_code == 200
    fake = SimpleUploadedFile("草案.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    data = {
        "title": consultation.title, "background": "背景", "draft_text": "草案", "draft_attachment": fake,
        "starts_at_0": "2025-05-10", "starts_at_1": "09:00", "ends_at_0": "2025-05-20", "ends_at_1": "18:00",
        "how_to_participate": "来信", "contact_unit": consultation.contact_unit_id, "contact_details": "0954-1234567",
        "opinions-TOTAL_FORMS": "0", "opinions-INITIAL_FORMS": "0",
    }  # fmt: skip
    client.post(url, data)
    consultation.refresh_from_db()
    assert not consultation.draft_attachment
