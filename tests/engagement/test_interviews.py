"""在线访谈: staff schedule it; the public asks before and during it (captcha, rate limit, moderation: nothing shows
until answered); staff publish question-and-answer pairs live and the fragment the live page polls shows them; the
page stays afterwards with its transcript and photos; unanswered questions become 政民互动 messages for the host unit;
other units meet a 404."""

from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from engagement import selectors, services
from engagement.models import Interview, Question
from interaction.models import Message
from portal.errors import DomainError, InvalidTransition, NotAllowed

pytestmark = pytest.mark.django_db
ASK = {"name": "老张", "content": "农村饮水工程维修资金从哪里出？", "captcha_0": "x", "captcha_1": "PASSED"}


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


def schedule(actor, unit, **fields) -> Interview:
    data = services.InterviewData(
        title=fields.pop("title", "农村饮水安全政策解读"), organization=unit,
        starts_at=fields.pop("starts_at", timezone.now() + timedelta(days=2)),
        preview="水务局负责同志解读农村饮水安全工程管理办法。", guests=[("李明", "县水务局局长"), ("王芳", "县水务局副局长")],
    )  # fmt: skip
    return services.schedule_interview(data, actor=actor)


def ask(interview, content="农村饮水工程维修资金从哪里出？") -> Question:
    return services.submit_question(interview, services.NewQuestion(name="老张", content=content, phone="13800000000"))


@pytest.fixture
def interview(office_staff, township) -> Interview:
    return schedule(office_staff, township)


# --- Services


def test_office_and_the_host_unit_officer_may_schedule(office_staff, officer, outsider, township):
    assert schedule(office_staff, township).guests.count() == 2
    assert schedule(officer, township).organization == township
    with pytest.raises(NotAllowed):
        schedule(outsider, township)


def test_questions_wait_for_moderation_and_show_only_once_answered(office_staff, interview):
    question = ask(interview)
    assert list(selectors.answered_questions(interview)) == []
    services.accept_question(question, actor=office_staff)
    assert list(selectors.answered_questions(interview)) == []
    with pytest.raises(InvalidTransition, match="访谈开始后"):
        services.answer_question(question, actor=office_staff, answer="由县财政统筹。", answered_by="李明")
    services.start_interview(interview, actor=office_staff)
    services.answer_question(question, actor=office_staff, answer="由县财政统筹安排。", answered_by="李明")
    assert [q.answer for q in selectors.answered_questions(interview)] == ["由县财政统筹安排。"]


def test_a_rejected_question_never_shows(office_staff, interview):
    question = ask(interview, content="广告广告广告广告")
    services.reject_question(question, actor=office_staff)
    services.start_interview(interview, actor=office_staff)
    with pytest.raises(InvalidTransition):
        services.answer_question(question, actor=office_staff, answer="—", answered_by="李明")
    assert list(selectors.answered_questions(interview)) == []


def test_an_outsider_cannot_moderate(outsider, interview):
    with pytest.raises(NotAllowed):
        services.accept_question(ask(interview), actor=outsider)


def test_no_questions_after_the_interview(office_staff, interview):
    services.start_interview(interview, actor=office_staff)
    services.end_interview(interview, actor=office_staff)
    with pytest.raises(DomainError, match="已结束"):
        ask(interview)


def test_an_unanswered_question_becomes_a_message_dispatched_to_the_host_unit(office_staff, interview, township):
    question = ask(interview)
    services.start_interview(interview, actor=office_staff)
    with pytest.raises(InvalidTransition, match="访谈结束后"):
        services.forward_question(question, actor=office_staff)
    services.end_interview(interview, actor=office_staff)
    question = services.forward_question(question, actor=office_staff)
    message = Message.objects.get(tracking_number=question.forwarded_to)
    assert (message.status, message.unit, message.content) == ("processing", township, question.content)
    assert question.status == Question.Status.FORWARDED


def test_host_questions_are_not_counted_as_the_publics(office_staff, interview):
    services.start_interview(interview, actor=office_staff)
    services.host_question(interview, actor=office_staff, content="请介绍出台背景。", answer="为保障饮水安全。",
                           answered_by="李明")  # fmt: skip
    question = ask(interview)
    services.answer_question(question, actor=office_staff, answer="县财政统筹。", answered_by="王芳")
    ask(interview, content="另一个没有答复的问题。")
    start = timezone.now() - timedelta(days=1)
    figures = selectors.annual_figures(start, timezone.now() + timedelta(days=5))
    assert figures == {"interviews": 1, "interview_questions": 2, "interview_answers": 1, "responses": 0}


# --- Public pages


def test_public_can_ask_and_the_question_waits_unseen(client, interview):
    response = client.post(f"/interviews/{interview.pk}/ask/", ASK)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == Question.Status.PENDING and question.submitter_ip
    assert question.content not in client.get(f"/interviews/{interview.pk}/").content.decode()


def test_bad_question_keeps_the_input_and_saves_nothing(client, interview):
    page = client.post(f"/interviews/{interview.pk}/ask/", {**ASK, "content": "好"}).content.decode()
    assert "问题不能少于5个字。" in page and 'value="老张"' in page
    assert not Question.objects.exists()


def test_wrong_captcha_is_refused(client, interview):
    page = client.post(f"/interviews/{interview.pk}/ask/", {**ASK, "captcha_1": "WRONG"}).content.decode()
    assert "验证码" in page and not Question.objects.exists()


def test_questions_are_rate_limited(client, interview, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(f"/interviews/{interview.pk}/ask/", ASK).status_code == 302
    response = client.post(f"/interviews/{interview.pk}/ask/", ASK)
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Question.objects.count() == 2


def test_live_page_polls_the_fragment_with_an_external_script(client, office_staff, interview):
    services.start_interview(interview, actor=office_staff)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert f'data-poll-url="/interviews/{interview.pk}/answers/"' in page
    assert "js/interview_live.js" in page and "<script>" not in page


def test_fragment_shows_answers_as_they_are_published(client, office_staff, interview, django_assert_max_num_queries):
    services.start_interview(interview, actor=office_staff)
    for i in range(5):
        question = ask(interview, content=f"第{i}个问题：补贴标准是多少？")
        services.answer_question(question, actor=office_staff, answer=f"第{i}个答复。", answered_by="李明")
    ask(interview, content="还没审核的问题内容")
    # Two of the app's own (the interview, its answers); the rest is the site's middleware (session, visit count).
    with django_assert_max_num_queries(8):
        response = client.get(f"/interviews/{interview.pk}/answers/")
    html = response.content.decode()
    assert html.count('class="qa-item"') == 5 and "还没审核" not in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_answers_are_escaped(client, office_staff, interview):
    services.start_interview(interview, actor=office_staff)
    question = ask(interview, content="<script>alert(1)</script>问题")
    services.answer_question(question, actor=office_staff, answer="<b>答复</b>", answered_by="李明")
    html = client.get(f"/interviews/{interview.pk}/answers/").content.decode()
    assert "<script>alert" not in html and "&lt;b&gt;" in html


def test_public_pages_have_query_ceilings(client, office_staff, township, django_assert_max_num_queries):
    for i in range(3):
        item = schedule(office_staff, township, title=f"第{i}期访谈")
        services.start_interview(item, actor=office_staff)
        services.end_interview(item, actor=office_staff)
    schedule(office_staff, township, title="下一期访谈")
    with django_assert_max_num_queries(8):
        page = client.get("/interviews/").content.decode()
    assert "下一期访谈" in page and "第2期访谈" in page
    with django_assert_max_num_queries(10):
        assert client.get(f"/interviews/{item.pk}/").status_code == 200


def test_the_list_is_kept_between_changes_and_follows_an_answer(client, settings, office_staff, interview,
                                                                 django_assert_num_queries):  # fmt: skip
    settings.PAGE_CACHE_SECONDS = 0  # the lists themselves, not the whole page
    services.start_interview(interview, actor=office_staff)
    client.get("/interviews/")
    with django_assert_num_queries(0):
        assert "正在直播" in client.get("/interviews/").content.decode()
    services.answer_question(ask(interview), actor=office_staff, answer="由县财政统筹安排。", answered_by="李明")
    services.end_interview(interview, actor=office_staff)
    page = client.get("/interviews/").content.decode()
    assert "往期访谈" in page and "答复网民提问1条" in page


def test_after_the_interview_the_page_keeps_transcript_photos_and_answers(client, office_staff, interview):
    services.start_interview(interview, actor=office_staff)
    question = ask(interview)
    services.answer_question(question, actor=office_staff, answer="由县财政统筹安排。", answered_by="李明")
    services.end_interview(interview, actor=office_staff)
    data = services.InterviewData(title=interview.title, organization=interview.organization,
                                  starts_at=interview.starts_at, preview=interview.preview,
                                  guests=[("李明", "县水务局局长")],
                                  transcript="<p>主持人：各位网友好。</p><script>x</script>")  # fmt: skip
    services.update_interview(interview, data, actor=office_staff)
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    services.add_photo(interview, actor=office_staff, upload=SimpleUploadedFile("现场.png", buffer.getvalue()),
                       caption="访谈现场")  # fmt: skip
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "各位网友好" in page and "<script>x" not in page and "访谈现场" in page and "由县财政统筹安排。" in page
    assert "我要提问" not in page and "data-poll-url" not in page


def test_cancelled_interview_is_not_public(client, office_staff, interview):
    services.cancel_interview(interview, actor=office_staff, reason="嘉宾临时有公务。")
    assert client.get(f"/interviews/{interview.pk}/").status_code == 404


# --- Staff pages


def test_outsider_gets_404_on_the_staff_pages(client, outsider, interview):
    question = ask(interview)
    client.force_login(outsider)
    assert client.get(f"/staff/interviews/{interview.pk}/").status_code == 404
    assert client.get(f"/staff/interviews/{interview.pk}/edit/").status_code == 404
    assert client.post(f"/staff/interviews/{interview.pk}/questions/{question.pk}/accept/").status_code == 404
    assert client.post(f"/staff/interviews/{interview.pk}/start/").status_code == 404
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING


def test_staff_answer_live_from_the_page(client, office_staff, interview):
    question = ask(interview)
    client.force_login(office_staff)
    client.post(f"/staff/interviews/{interview.pk}/start/")
    page = client.get(f"/staff/interviews/{interview.pk}/").content.decode()
    assert question.content in page and "发布答复" in page
    response = client.post(f"/staff/interviews/{interview.pk}/questions/{question.pk}/answer/",
                           {f"q{question.pk}-answered_by": "李明", f"q{question.pk}-answer": "由县财政统筹安排。"})  # fmt: skip
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED


def test_staff_answer_without_text_shows_the_error(client, office_staff, interview):
    question = ask(interview)
    services.start_interview(interview, actor=office_staff)
    client.force_login(office_staff)
    page = client.post(f"/staff/interviews/{interview.pk}/questions/{question.pk}/answer/",
                       {f"q{question.pk}-answered_by": "李明"}).content.decode()  # fmt: skip
    assert "请填写答复内容。" in page
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING


def test_schedule_form_needs_guests_in_name_post_form(client, office_staff, township):
    client.force_login(office_staff)
    page = client.post("/staff/interviews/new/", {
        "title": "访谈", "organization": township.pk, "starts_at": "2026-12-20T09:30", "guests": "李明",
        "preview": "预告",
    }).content.decode()  # fmt: skip
    assert "格式不对" in page and not Interview.objects.exists()


def test_staff_pages_have_query_ceilings(client, office_staff, township, django_assert_max_num_queries):
    for i in range(5):
        schedule(office_staff, township, title=f"第{i}期")
    interview = Interview.objects.first()
    services.start_interview(interview, actor=office_staff)
    for i in range(6):
        ask(interview, content=f"第{i}个待审核的问题")
    client.force_login(office_staff)
    client.get("/staff/interviews/")
    with django_assert_max_num_queries(14):
        assert client.get("/staff/interviews/").status_code == 200
    with django_assert_max_num_queries(30):
        page = client.get(f"/staff/interviews/{interview.pk}/").content.decode()
    assert page.count("待审核的问题") == 6


# --- Photos


def _png() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    return SimpleUploadedFile("现场.png", buffer.getvalue())


def test_a_photo_is_removed_with_its_file_and_a_history_row(
    client, settings, tmp_path, office_staff, officer, outsider, interview, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    photo = services.add_photo(interview, actor=office_staff, upload=_png(), caption="误传的图片")
    path = Path(photo.image.path)
    assert path.exists()
    with pytest.raises(NotAllowed):
        services.remove_photo(photo, actor=outsider)

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_photo(photo, actor=officer)  # the host unit's 信息员
    assert not interview.photos.exists() and not path.exists()
    row = interview.history.order_by("pk").last()
    assert row.action == "photo_remove" and row.actor == officer and row.extra["caption"] == "误传的图片"
    assert "误传的图片" not in client.get(f"/interviews/{interview.pk}/").content.decode()
    with pytest.raises(DomainError, match="已删除"):
        services.remove_photo(photo, actor=officer)


def test_staff_remove_a_photo_from_the_interview_page(client, settings, tmp_path, office_staff, outsider, interview):
    settings.MEDIA_ROOT = tmp_path
    photo = services.add_photo(interview, actor=office_staff, upload=_png(), caption="会场全景")
    url = f"/staff/interviews/{interview.pk}/photos/{photo.pk}/remove/"
    client.force_login(office_staff)
    page = client.get(f"/staff/interviews/{interview.pk}/").content.decode()
    assert f'action="{url}"' in page and "删除图片：会场全景" in page
    client.force_login(outsider)
    assert client.post(url).status_code == 404  # another unit's interview
    assert interview.photos.exists()
    client.force_login(office_staff)
    response = client.post(url, follow=True)
    assert "图片已删除。" in response.content.decode() and not interview.photos.exists()
