"""Builders for the 依申请公开 tests: applications made through the real services."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from portal.validators import id_number_check_char
from requests_app import services

TZ = ZoneInfo("Asia/Shanghai")


def valid_id(body17: str = "64042219800101001") -> str:
    return body17 + id_number_check_char(body17)


def application_data(organization, **overrides) -> dict:
    data = {
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_type": "id_card",
        "id_number": valid_id(),
        "credit_code": "",
        "legal_representative": "",
        "contact_person": "",
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "address": "示范县城关镇人民路1号",
        "postcode": "756200",
        "info_title": "2024年城关镇危房改造补助名单",
        "info_doc_number": "",
        "info_description": "请提供2024年城关镇农村危房改造补助对象名单及补助标准。",
        "form_wanted": "electronic",
        "delivery": "email",
        "organization": organization,
    }
    data.update(overrides)
    return data


def at(day: date, hour: int = 10):
    """Freeze time on a day (Asia/Shanghai)."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False)


def registered(office_staff, organization, received_on: date, unit=None, **overrides):
    """An application registered as an in-person filing on ``received_on`` (time frozen there)."""
    with at(received_on):
        filed = services.register(application_data(organization, **overrides), actor=office_staff, channel="in_person")
        if unit is not None:
            services.assign(filed.application, actor=office_staff, unit=unit)
    return filed.application


@pytest.fixture
def county(office):
    return office
