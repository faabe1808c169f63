"""Table 三 (国办公开办函〔2021〕30号): every row and column, and 一 + 二 = 三（七） + 四 in every column."""

import random
from datetime import date, timedelta

import pytest

from requests_app import stats
from requests_app.models import ApplicantType, Application, Result
from tests.requests_app.conftest import application_data, at, registered

pytestmark = pytest.mark.django_db


def test_rows_are_exactly_the_national_form():
    labels = [spec.label for spec in stats.ROWS]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert labels[-1] == "四、结转下年度继续办理"
    assert "（七）总计" in labels
    reason_rows = [spec for spec in stats.ROWS if spec.level == 2]
    assert len(reason_rows) == 8 + 3 + 5 + 3
    counted = [r for spec in stats.ROWS for r in spec.results]
    assert sorted(counted) == sorted(Result.values)  # every category is counted in exactly one row
    assert [label for _, label in stats.COLUMNS] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]


def _random_application(rng, org, n):
    received = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    concluded = None
    result = ""
    status = Application.Status.PROCESSING
    if rng.random() < 0.8:
        concluded = received + timedelta(days=rng.randrange(60))
        result = rng.choice(Result.values)
        status = Application.Status.REPLIED
    return Application(
        tracking_number=f"YSQ{received.year}{n:06d}", password_hash="x", applicant_type=rng.choice(ApplicantType.values),
        applicant_name="申请人", phone="13800138000", address="地址", form_wanted="electronic", delivery="email",
        organization=org, channel="online", status=status, received_on=received, clock_start_on=received,
        due_on=None if concluded else received + timedelta(days=21), result=result, concluded_on=concluded,
    )  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_identity_holds_on_a_randomised_year_and_matches_a_brute_force_count(township, other_township, seed):
    rng = random.Random(seed)
    apps = [_random_application(rng, rng.choice([township, other_township]), n) for n in range(600)]
    Application.objects.bulk_create(apps)
    for org in (None, township):
        table = stats.table_three(2024, org)
        assert table.identity_holds()
        pool = [a for a in apps if org is None or a.organization == org]
        for col in ApplicantType.values:
            mine = [a for a in pool if a.applicant_type == col]
            new = sum(1 for a in mine if a.received_on.year == 2024)
            carried_in = sum(
                1 for a in mine if a.received_on.year < 2024 and (a.concluded_on is None or a.concluded_on.year >= 2024)
            )
            done = [a for a in mine if a.received_on.year <= 2024 and a.concluded_on and a.concluded_on.year == 2024]
            carried_over = sum(
                1 for a in mine if a.received_on.year <= 2024 and (a.concluded_on is None or a.concluded_on.year > 2024)
            )
            assert table.row("new")[col] == new
            assert table.row("carried_in")[col] == carried_in
            assert table.row("results_total")[col] == len(done)
            assert table.row("carried_over")[col] == carried_over
            assert table.row("withheld_3")[col] == sum(1 for a in done if a.result == "withheld_3")
            assert new + carried_in == len(done) + carried_over
        totals = table.row("results_total")
        assert totals["total"] == sum(totals[c] for c in ApplicantType.values)


def test_applications_built_through_the_services_land_in_the_right_rows(office_staff, officer, township):
    from requests_app import services

    carried = registered(office_staff, township, date(2023, 12, 20), unit=township)
    registered(office_staff, township, date(2024, 12, 30), unit=township)  # carried over to 2025
    with at(date(2024, 1, 5)):
        services.draft_reply(carried, actor=officer, result="partial", text="部分公开")
        services.approve_reply(carried, actor=office_staff)
    with at(date(2024, 3, 1)):
        filed = services.submit_online(application_data(township, applicant_type="legal", credit_code="", id_type=""))
        services.confirm_receipt(filed.application, actor=office_staff)
        services.withdraw(filed.application, reason="不再需要")
        services.submit_online(application_data(township))  # never received: not counted
    table = stats.table_three(2024)
    assert table.row("carried_in")["natural"] == 1
    assert table.row("new") == {**table.row("new"), "natural": 1, "legal": 1, "total": 2}
    assert table.row("partial")["natural"] == 1
    assert table.row("other_3")["legal"] == 1
    assert table.row("carried_over")["total"] == 1
    assert table.identity_holds()


def test_table_three_takes_a_fixed_number_of_queries(django_assert_max_num_queries, township):
    with django_assert_max_num_queries(4):
        stats.table_three(2024, township)
