"""The 网站工作年度报表 reads 解读回应's figures: 在线访谈 held, the public's questions and the answers, the responses
to public concerns, and the 解读 by form."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from disclosure import selectors as disclosure
from engagement import services
from evaluation import webreport
from tests.disclosure.conftest import draft, passed
from tests.engagement.test_concerns import record, response
from tests.engagement.test_interviews import ask, schedule

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def test_the_yearly_report_counts_interviews_questions_answers_and_responses(office_staff, officer, township):
    with time_machine.travel(datetime(2026, 5, 10, 9, tzinfo=TZ), tick=False):
        interview = schedule(office_staff, township, starts_at=datetime(2026, 5, 10, 9, 30, tzinfo=TZ))
        answered, _unanswered = ask(interview), ask(interview, content="第二个问题还没有答复。")
        services.start_interview(interview, actor=office_staff)
        services.answer_question(answered, actor=office_staff, answer="已安排。", answered_by="李明")
        services.end_interview(interview, actor=office_staff)
        schedule(office_staff, township, title="下期访谈", starts_at=datetime(2026, 6, 1, 9, tzinfo=TZ))
        concern = record(office_staff, township)
        services.respond(concern, response(when=datetime(2026, 5, 10, 8, 30, tzinfo=TZ)), actor=officer)
    figures = webreport.compute(2026)
    got = {k: figures[k] for k in ("interview_periods", "interview_questions", "interview_answers", "responses")}
    assert got == {"interview_periods": 1, "interview_questions": 2, "interview_answers": 1, "responses": 1}
    assert webreport.compute(2025)["interview_periods"] == 0


def test_interpretations_are_counted_by_their_form(officer, reviewer, leader, office_staff):
    from disclosure.models import Column

    catalogue_column, reading_column = Column.objects.get(slug="gfxwj"), Column.objects.get(slug="zcjd")
    policy = passed(services_submit(draft(officer, catalogue_column)), reviewer, leader, office_staff)
    for kind in ("图解", "图解", "问答"):
        reading = draft(officer, reading_column, title=f"{kind}解读", interprets=policy, interpretation_kind=kind)
        passed(services_submit(reading), reviewer, leader, office_staff)
    start = policy.published_at - timedelta(days=1)
    assert disclosure.interpretations_by_kind(start, start + timedelta(days=3)) == {"图解": 2, "问答": 1}


def services_submit(document):
    from disclosure import services as disclosure_services

    return disclosure_services.submit(document, actor=document.created_by)
