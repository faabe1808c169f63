"""在线访谈 in the site search (类别 在线访谈): an interview is found by its preview, its transcript and the answers given
live; a cancelled one leaves the index."""

import pytest

from engagement import services
from tests.engagement.test_interviews import ask, schedule
from tests.search.conftest import find, search_index  # noqa: F401 - the temporary index fixture

pytestmark = pytest.mark.django_db


def _urls(outcome):
    return [hit.url for hit in outcome.hits]


def test_an_interview_is_found_by_its_preview_and_then_by_an_answer(
    search_index,  # noqa: F811
    office_staff,
    township,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = schedule(office_staff, township, title="农村饮水安全政策在线访谈")
    url = f"/interviews/{interview.pk}/"
    hit = next(h for h in find("饮水安全工程").hits if h.url == url)
    assert (hit.kind, hit.column, hit.unit) == ("在线访谈", "在线访谈", township.name)
    assert url not in _urls(find("水费减免"))

    with django_capture_on_commit_callbacks(execute=True):
        services.start_interview(interview, actor=office_staff)
        question = ask(interview, content="低保户的水费能否减免？")
        services.answer_question(question, actor=office_staff, answer="低保户水费按规定减免。", answered_by="李明")
    assert url in _urls(find("水费减免"))

    with django_capture_on_commit_callbacks(execute=True):
        services.end_interview(interview, actor=office_staff)
    assert url in _urls(find("饮水安全工程"))


def test_a_cancelled_interview_leaves_the_index(
    search_index,  # noqa: F811
    office_staff,
    township,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = schedule(office_staff, township, title="秸秆禁烧政策在线访谈")
    assert f"/interviews/{interview.pk}/" in _urls(find("秸秆禁烧"))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_interview(interview, actor=office_staff, reason="嘉宾临时有公务。")
    assert f"/interviews/{interview.pk}/" not in _urls(find("秸秆禁烧"))
