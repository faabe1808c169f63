"""Personas come from tests/conftest.py; here: building messages through the real services, and frozen time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from interaction import services
from interaction.models import Message

TZ = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0):
    """Freeze the clock at a Shanghai wall-clock time."""
    return time_machine.travel(datetime(year, month, day, hour, minute, tzinfo=TZ), tick=False)


def new_message(**fields) -> tuple[Message, str]:
    data = {
        "kind": Message.Kind.CONSULT,
        "title": "关于城关镇自来水管网改造的咨询",
        "content": "请问城关镇南街的自来水管网改造什么时候完工？",
        "name": "张三",
        "phone": "13812345678",
        "email": "zhangsan@example.com",
        "agrees_to_publish": True,
    } | fields
    return services.submit_message(services.NewMessage(**data))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def message(db) -> Message:
    return new_message()[0]


@pytest.fixture
def dispatched(message, office_staff, township, officer) -> Message:
    """A message dispatched to the township (whose officer answers it)."""
    return services.dispatch_message(message, actor=office_staff, unit=township, instruction="请城关镇核实答复。")


@pytest.fixture
def replied(dispatched, officer) -> Message:
    return services.reply_message(dispatched, actor=officer, reply="预计本月底完工，届时恢复正常供水。")
