"""The register of 行政复议 / 行政诉讼 cases (table 四 of the annual report): staff pages, scoping, bad input."""

from datetime import date

import pytest
from django.urls import reverse

from portal.errors import DomainError, NotAllowed
from requests_app import services
from requests_app.models import DisputeCase

pytestmark = pytest.mark.django_db


def _post(township, **overrides):
    data = {"organization": township.pk, "kind": "review", "case_number": "县府复〔2024〕3号", "claimant": "王某",
            "organ": "县人民政府", "filed_on": "2024-05-06", "outcome": "", "concluded_on": "", "note": "",
            "application_number": ""}  # fmt: skip
    data.update(overrides)
    return data


def test_an_officer_registers_and_edits_a_case_of_their_unit(client, officer, township):
    client.force_login(officer)
    assert client.get(reverse("requests_app:staff_case_create")).status_code == 200
    response = client.post(reverse("requests_app:staff_case_create"), _post(township))
    assert response.status_code == 302
    case = DisputeCase.objects.get()
    assert case.organization == township and case.created_by == officer
    response = client.post(reverse("requests_app:staff_case_edit", args=[case.pk]),
                           _post(township, outcome="corrected", concluded_on="2024-08-01"))  # fmt: skip
    case.refresh_from_db()
    assert (case.outcome, case.concluded_on) == ("corrected", date(2024, 8, 1))
    assert "县府复" in client.get(reverse("requests_app:staff_cases")).content.decode()


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(client, officer, township):
    client.force_login(officer)
    response = client.post(reverse("requests_app:staff_case_create"),
                           _post(township, outcome="upheld", concluded_on="2024-01-01", application_number="YSQ0"))  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "不能早于" in html and "没有这个申请编号" in html and "王某" in html
    assert not DisputeCase.objects.exists()


def test_an_outsider_meets_404_and_cannot_register_for_another_unit(client, officer, outsider, township):
    case = services.register_case(actor=officer, organization=township, kind="review", claimant="甲", organ="县政府",
                                  filed_on=date(2024, 1, 2))  # fmt: skip
    client.force_login(outsider)
    assert client.get(reverse("requests_app:staff_case_edit", args=[case.pk])).status_code == 404
    assert "甲" not in client.get(reverse("requests_app:staff_cases")).content.decode()
    with pytest.raises(NotAllowed):
        services.register_case(actor=outsider, organization=township, kind="review", claimant="乙", organ="县政府",
                               filed_on=date(2024, 1, 2))  # fmt: skip
    with pytest.raises(DomainError):
        services.update_case(case, actor=officer, outcome="upheld")
