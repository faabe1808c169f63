"""Staff pages: scoping (outsiders get 404 everywhere), the editor, the review page, attachments and the PDF."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure import services
from disclosure.models import Attachment, Document
from portal.pdf import pdf_text
from tests.disclosure.conftest import YES, draft, passed, published, submitted
from tests.images import png_declaring

pytestmark = pytest.mark.django_db

DOC_URLS = [
    "staff_detail", "staff_edit", "staff_review", "staff_withdraw", "staff_history", "staff_review_pdf",
]  # fmt: skip
POST_URLS = ["staff_submit", "staff_override", "staff_validity", "staff_attachment_add"]


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def document(officer, news_column):
    return submitted(officer, news_column)


@pytest.mark.parametrize("name", DOC_URLS)
def test_outsider_gets_404_on_every_document_page(client, outsider, document, name):
    response = login(client, outsider).get(reverse(f"disclosure:{name}", args=[document.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", POST_URLS)
def test_outsider_gets_404_on_every_action(client, outsider, document, name):
    response = login(client, outsider).post(
        reverse(f"disclosure:{name}", args=[document.pk]), {"reason": "越权尝试理由"}
    )
    assert response.status_code == 404
    assert Document.objects.get(pk=document.pk).status == Document.Status.PENDING_FIRST


def test_outsider_gets_404_on_attachment_urls(client, outsider, officer, document):
    attachment = services.add_attachment(
        document, actor=officer, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    for name in ("staff_attachment", "staff_attachment_delete"):
        url = reverse(f"disclosure:{name}", args=[document.pk, attachment.pk])
        response = login(client, outsider).post(url) if "delete" in name else login(client, outsider).get(url)
        assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_user_without_a_role_gets_404_on_lists(client, township):
    from tests.conftest import make_user

    nobody = make_user("nobody", township)
    for name in ("staff_list", "staff_create"):
        assert login(client, nobody).get(reverse(f"disclosure:{name}")).status_code == 404


def test_anonymous_is_sent_to_login(client, document):
    response = client.get(reverse("disclosure:staff_detail", args=[document.pk]))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_outsider_list_does_not_show_other_units(client, outsider, document):
    response = login(client, outsider).get(reverse("disclosure:staff_list"))
    assert response.status_code == 200
    assert document.title not in response.content.decode()


def test_office_staff_see_every_unit(client, office_staff, document):
    response = login(client, office_staff).get(reverse("disclosure:staff_list"))
    assert document.title in response.content.decode()


def test_staff_list_query_count_is_fixed(client, officer, news_column, django_assert_max_num_queries):
    for i in range(30):
        draft(officer, news_column, title=f"草稿{i}")
    login(client, officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("disclosure:staff_list"))
    assert response.status_code == 200


def test_review_queue_query_count_is_fixed(client, officer, reviewer, news_column, django_assert_max_num_queries):
    for i in range(25):
        submitted(officer, news_column, title=f"待审{i}")
    login(client, reviewer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("disclosure:staff_queue", args=["first"]))
    assert response.content.decode().count("待审") >= 20


def test_workbench_shows_queues_with_clocks(client, officer, reviewer, news_column, django_assert_max_num_queries):
    for i in range(12):
        submitted(officer, news_column, title=f"工作台待审{i}")
    login(client, reviewer)
    response = client.get("/staff/")
    html = response.content.decode()
    assert "信息发布·初审待办" in html and "工作台待审" in html and "剩余" in html


# --- Editor


def test_officer_creates_a_draft_and_body_is_sanitised(client, officer, news_column):
    login(client, officer)
    response = client.post(
        reverse("disclosure:staff_create"),
        {
            "title": "关于冬季防火的通知", "column": news_column.pk, "disclosure_method": "主动公开", "validity": "有效",
            "body": '<p onclick="alert(1)">正文</p><script>alert(1)</script><a href="javascript:alert(1)">链接</a>',
        },
    )  # fmt: skip
    assert response.status_code == 302
    document = Document.objects.get(title="关于冬季防火的通知")
    assert "script" not in document.body and "onclick" not in document.body and "javascript" not in document.body
    assert document.status == Document.Status.DRAFT


def test_editor_shows_errors_next_to_fields_and_keeps_input(client, officer, catalogue_column):
    login(client, officer)
    response = client.post(
        reverse("disclosure:staff_create"),
        {"title": "保留的标题", "column": catalogue_column.pk, "doc_number": "城政发(2026)1号", "validity": "有效",
         "disclosure_method": "主动公开"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "文号格式应为" in html and 'value="保留的标题"' in html
    assert not Document.objects.exists()


def test_editor_offers_only_the_units_columns_and_marks_catalogue_ones(client, officer):
    """A township officer: 乡镇动态 yes, 部门动态 and 规章 (county office only) no; catalogue columns are marked."""
    import re

    html = login(client, officer).get(reverse("disclosure:staff_create")).content.decode()
    select = html[html.index('id="id_column"') :]
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select[: select.index("</select>")])
    assert "乡镇动态" in options and "通知公告" in options
    assert "部门动态" not in options and not any(o.split(" › ")[-1].split("（")[0] == "规章" for o in options)
    assert "政策 › 行政规范性文件（公开目录）" in options
    assert "乡镇政府重点公开（第二十一条） › 筹资筹劳（公开目录）" in options
    assert not any("市政建设" in o for o in options)  # Art. 21 county items belong to county-level units


def test_editor_loads_ckeditor_from_static(client, officer):
    html = login(client, officer).get(reverse("disclosure:staff_create")).content.decode()
    assert "/static/ckeditor/ckeditor/ckeditor.js" in html


def test_editing_in_review_through_the_page_returns_to_first_review(client, officer, reviewer, news_column):
    document = passed(submitted(officer, news_column), reviewer)
    login(client, officer)
    response = client.post(
        reverse("disclosure:staff_edit", args=[document.pk]),
        {"title": "改过的标题", "column": news_column.pk, "body": document.body, "disclosure_method": "主动公开",
         "validity": "有效"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Document.objects.get(pk=document.pk).status == Document.Status.PENDING_FIRST


def test_submit_through_the_page(client, officer, news_column):
    document = draft(officer, news_column)
    login(client, officer).post(reverse("disclosure:staff_submit", args=[document.pk]))
    assert Document.objects.get(pk=document.pk).status == Document.Status.PENDING_FIRST


# --- Review page


def _review_post(**overrides):
    data = {key: "yes" for key, _ in services.CHECKLIST}
    data.update({"decision": "pass", "opinion": "同意发布。"})
    data.update(overrides)
    return data


def test_review_page_highlights_findings(client, officer, reviewer, news_column):
    document = submitted(officer, news_column, body="<p>文件标注机密★1年，请注意</p>")
    html = login(client, reviewer).get(reverse("disclosure:staff_review", args=[document.pk])).content.decode()
    assert "<mark>机密★</mark>" in html and "发现阻断性问题" in html


def test_review_through_the_page_moves_the_item(client, officer, reviewer, news_column):
    document = submitted(officer, news_column)
    response = login(client, reviewer).post(reverse("disclosure:staff_review", args=[document.pk]), _review_post())
    assert response.status_code == 302
    assert Document.objects.get(pk=document.pk).status == Document.Status.PENDING_SECOND


def test_review_needs_the_checklist(client, officer, reviewer, news_column):
    document = submitted(officer, news_column)
    data = _review_post()
    del data["no_privacy"]
    response = login(client, reviewer).post(reverse("disclosure:staff_review", args=[document.pk]), data)
    assert response.status_code == 200 and "请回答此项（是/否）。" in response.content.decode()
    assert Document.objects.get(pk=document.pk).status == Document.Status.PENDING_FIRST


def test_own_submission_review_page_says_why_not(client, officer, document):
    from portal.models import Role

    officer.groups.add(
        *__import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.filter(name=Role.REVIEWER)
    )
    response = login(client, officer).get(reverse("disclosure:staff_review", args=[document.pk]), follow=True)
    assert "不能审核本人起草、报送" in response.content.decode()


def test_blocked_final_review_shows_a_message_not_an_error(
    client, officer, reviewer, leader, office_staff, news_column
):
    document = passed(submitted(officer, news_column, body="<p>绝密★</p>"), reviewer, leader)
    response = login(client, office_staff).post(
        reverse("disclosure:staff_review", args=[document.pk]), _review_post(), follow=True
    )
    assert response.status_code == 200 and "阻断" in response.content.decode()
    assert Document.objects.get(pk=document.pk).status == Document.Status.PENDING_FINAL


def test_override_then_publish_through_the_pages(client, officer, reviewer, leader, office_staff, news_column):
    document = passed(submitted(officer, news_column, body="<p>绝密★（已解密）</p>"), reviewer, leader)
    login(client, office_staff)
    client.post(
        reverse("disclosure:staff_override", args=[document.pk]), {"reason": "已于2026年10月解密，见解密通知。"}
    )
    client.post(reverse("disclosure:staff_review", args=[document.pk]), _review_post())
    assert Document.objects.get(pk=document.pk).status == Document.Status.PUBLISHED


def test_withdraw_through_the_page(client, officer, reviewer, leader, office_staff, news_column):
    document = published(officer, reviewer, leader, office_staff, news_column)
    login(client, office_staff).post(
        reverse("disclosure:staff_withdraw", args=[document.pk]), {"reason": "内容已过时效"}
    )
    assert Document.objects.get(pk=document.pk).status == Document.Status.WITHDRAWN


# --- Attachments


def test_pdf_attachment_is_accepted_and_its_text_extracted(client, officer, news_column):
    from portal.pdf import render_pdf

    document = draft(officer, news_column)
    pdf = render_pdf("disclosure/pdf/review_form.html", {"document": document, "history": [], "reviews": []})
    response = login(client, officer).post(
        reverse("disclosure:staff_attachment_add", args=[document.pk]),
        {"file": SimpleUploadedFile("审核表.pdf", pdf, content_type="application/pdf")},
    )
    assert response.status_code == 302
    attachment = document.attachments.get()
    assert attachment.kind == "pdf" and "报送单位" in attachment.extracted_text
    assert attachment.name == "审核表.pdf" and "审核表" not in attachment.file.name


def test_exe_renamed_pdf_is_refused(client, officer, news_column):
    document = draft(officer, news_column)
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    response = login(client, officer).post(
        reverse("disclosure:staff_attachment_add", args=[document.pk]),
        {"file": SimpleUploadedFile("通知.pdf", exe, content_type="application/pdf")},
        follow=True,
    )
    assert "不是允许的类型" in response.content.decode()
    assert not document.attachments.exists()


def test_docx_attachment_is_scanned(officer, reviewer, news_column):
    from tests.disclosure.test_scan import VALID_ID, _docx

    document = draft(officer, news_column)
    upload = SimpleUploadedFile("名单.docx", _docx(f"张三 {VALID_ID}").getvalue())
    services.add_attachment(document, actor=officer, upload=upload)
    document = services.submit(document, actor=officer)
    assert document.scan_blocking
    assert document.scan_findings[0]["source"] == "附件“名单.docx”"


def test_uploading_in_review_returns_to_first_review(officer, reviewer, news_column):
    document = passed(submitted(officer, news_column), reviewer)
    services.add_attachment(document, actor=officer, upload=SimpleUploadedFile("a.png", png_declaring(40, 30)))
    assert Document.objects.get(pk=document.pk).status == Document.Status.PENDING_FIRST


# --- The review form PDF


def test_review_form_pdf_holds_the_opinions(client, officer, reviewer, leader, office_staff, news_column):
    document = submitted(officer, news_column, body="<p>联系电话13912345678</p>")
    services.review(document, actor=reviewer, decision="pass", checklist=YES, opinion="初审同意，内容准确。")
    services.review(document, actor=leader, decision="pass", checklist=YES, opinion="复审同意发布。")
    services.review(document, actor=office_staff, decision="pass", checklist=YES, opinion="终审通过。")
    response = login(client, reviewer).get(reverse("disclosure:staff_review_pdf", args=[document.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(pdf_text(response.content).split())
    for expected in (
        "信息发布审核表",
        "初审同意，内容准确。",
        "复审同意发布。",
        "终审通过。",
        "不涉及国家秘密：是",
        "手机号码",
    ):
        assert expected in text
    assert document.organization.name in text


def test_attachment_download_uses_the_display_name(client, officer, news_column):
    document = draft(officer, news_column)
    attachment = services.add_attachment(
        document, actor=officer, upload=SimpleUploadedFile("方案.pdf", b"%PDF-1.4\n%%EOF")
    )
    response = login(client, officer).get(reverse("disclosure:staff_attachment", args=[document.pk, attachment.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"%PDF" in b"".join(response.streaming_content)
    _ = io  # keep the import for future binary fixtures


@pytest.mark.parametrize("model", ["column", "sensitiveword", "document", "indexcounter"])
def test_admin_pages_load(client, admin_user, officer, news_column, model):
    draft(officer, news_column)
    assert login(client, admin_user).get(f"/admin/disclosure/{model}/").status_code == 200


def test_admin_edits_who_may_publish_in_a_column_with_tick_boxes(client, admin_user, news_column):
    from disclosure.models import Column

    client = login(client, admin_user)
    url = f"/admin/disclosure/column/{news_column.pk}/change/"
    page = client.get(url).content.decode()
    assert 'type="checkbox" name="publisher_kinds" value="township"' in page
    data = {
        "name": news_column.name, "kind": news_column.kind, "order": news_column.order, "description": "",
        "carries_metadata": "", "is_active": "on", "publisher_kinds": ["township", "office"],
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    news_column = Column.objects.get(pk=news_column.pk)
    assert news_column.publisher_kinds == ["office", "township"]  # stored in the kinds' own order


def test_a_cover_image_declaring_a_huge_size_is_refused_next_to_the_field(client, officer, news_column):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.images import png_declaring

    login(client, officer)
    # 50 M pixels: below what Django's ImageField itself refuses, above IMAGE_MAX_PIXELS (40 M)
    bomb = SimpleUploadedFile("cover.png", png_declaring(10_000, 5_000), content_type="image/png")
    response = client.post(
        reverse("disclosure:staff_create"),
        {"title": "带封面的通知", "column": news_column.pk, "disclosure_method": "主动公开", "validity": "有效",
         "body": "<p>正文</p>", "cover_image": bomb},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "尺寸过大" in html and 'value="带封面的通知"' in html
    assert not Document.objects.exists()


def test_a_title_with_a_direction_override_is_stored_without_it(client, officer, news_column):
    login(client, officer)
    client.post(
        reverse("disclosure:staff_create"),
        {"title": "关于\u202e知通的火防季冬", "column": news_column.pk, "disclosure_method": "主动公开",
         "validity": "有效", "body": "<p>正文</p>"},
    )  # fmt: skip
    assert Document.objects.get().title == "关于知通的火防季冬"


@pytest.mark.parametrize(
    "data, message",
    [(png_declaring(20_000, 20_000), "尺寸过大，超过 4000 万像素"), (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "已损坏")],
    ids=["400-megapixels", "corrupt"],
)
def test_a_huge_or_broken_image_attachment_is_refused(client, officer, news_column, data, message):
    document = draft(officer, news_column)
    login(client, officer)
    picture = SimpleUploadedFile("现场照片.png", data, content_type="image/png")
    url = reverse("disclosure:staff_attachment_add", args=[document.pk])
    assert message in client.post(url, {"file": picture}, follow=True).content.decode()
    assert not document.attachments.exists()


# --- The detail page shows the buttons the transition table offers


def _detail(client, user, document) -> str:
    return login(client, user).get(reverse("disclosure:staff_detail", args=[document.pk])).content.decode()


def test_detail_page_offers_the_reviewer_the_review_and_not_the_officer(client, officer, reviewer, document):
    review_url = reverse("disclosure:staff_review", args=[document.pk])
    assert review_url in _detail(client, reviewer, document)
    page = _detail(client, officer, document)
    assert review_url not in page and reverse("disclosure:staff_edit", args=[document.pk]) in page


def test_detail_page_holds_submit_back_and_says_what_is_missing(client, officer, catalogue_column):
    document = services.create_document(actor=officer, column=catalogue_column, title="某办法", body="<p>正文</p>")
    page = _detail(client, officer, document)
    assert "disabled" in page and "报送前请补充：主题分类" in page
    assert reverse("disclosure:staff_submit", args=[document.pk]) not in page


def test_detail_page_offers_withdraw_and_validity_to_office_staff_only(
    client, officer, reviewer, leader, office_staff, catalogue_column
):
    document = published(officer, reviewer, leader, office_staff, catalogue_column)
    urls = [reverse(f"disclosure:staff_{name}", args=[document.pk]) for name in ("withdraw", "validity")]
    office_page, officer_page = _detail(client, office_staff, document), _detail(client, officer, document)
    assert all(url in office_page for url in urls)
    assert not any(url in officer_page for url in urls)
