import io

import pytest

from portal import demo as portal_demo
from requests_app import demo
from requests_app.models import Application

pytestmark = pytest.mark.django_db


def test_demo_builds_applications_in_every_state_once():
    portal_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    states = set(Application.objects.values_list("status", flat=True))
    assert {"submitted", "processing", "correction", "third_party", "replied", "withdrawn"} <= states
    count = Application.objects.count()
    demo.seed(io.StringIO())
    assert Application.objects.count() == count
