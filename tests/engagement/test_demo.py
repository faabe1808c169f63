"""Demo 解读回应: one past interview with a transcript, one scheduled, a concern answered in time and one late;
a second run changes nothing."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine

from engagement import demo
from engagement.models import Concern, Interview, Question

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_demo_has_each_example_once(tmp_path, settings):
    from disclosure import demo as disclosure_demo
    from portal import demo as portal_demo

    settings.MEDIA_ROOT = tmp_path
    portal_demo.seed(StringIO())
    disclosure_demo.seed(StringIO())
    demo.seed(StringIO())
    demo.seed(StringIO())
    past = Interview.objects.get(status="ended")
    assert past.transcript and past.photos.count() == 1 and past.policy is not None
    assert past.questions.filter(status=Question.Status.ANSWERED).count() == 3
    assert Interview.objects.filter(status="scheduled").count() == 1
    late = {c.title: any(k.is_late() for k in c.clocks.all()) for c in Concern.objects.all()}
    assert sorted(late.values()) == [False, False, True]
    assert Concern.objects.filter(status="closed").count() == 1
