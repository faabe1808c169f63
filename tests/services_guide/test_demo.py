"""The demo catalogue: about 40 items across six units, built through the services, idempotent."""

import io

import pytest

from portal import demo as portal_demo
from services_guide import demo
from services_guide.models import GuideVersion, ServiceItem

pytestmark = pytest.mark.django_db


def test_the_demo_builds_forty_items_of_six_units_and_a_second_run_changes_nothing(settings, tmp_path, client):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    out = io.StringIO()
    portal_demo.seed(out)
    demo.seed(out)

    assert ServiceItem.objects.count() == len(demo.ITEMS) >= 40
    assert ServiceItem.objects.values("organization").distinct().count() == 6
    statuses = set(GuideVersion.objects.values_list("status", flat=True))
    assert {"published", "pending_second", "stopped", "draft", "returned"} <= statuses
    assert ServiceItem.objects.in_force().count() == len(demo.ITEMS) - 3  # the draft, the returned one, the stopped
    page = client.get("/services/?group=business&theme=start_business").content.decode()
    assert "食品经营许可" in page and "有限责任公司设立登记" in page
    material = GuideVersion.objects.get(item__code="QH-SC-001").materials.order_by("order").first()
    assert client.get(f"/services/QH-SC-001/materials/{material.pk}/blank/").status_code == 200

    demo.seed(out)
    assert ServiceItem.objects.count() == len(demo.ITEMS)
    assert GuideVersion.objects.count() == len(demo.ITEMS) + 1  # the change under review
