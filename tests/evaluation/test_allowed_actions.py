"""The buttons and the guards cannot disagree: for every persona, every state of a 通报, a 考核方案 and a 年度报表,
and every action of their tables, an action ``allowed_actions`` offers succeeds through its service and an action it
hides is refused. Every try is rolled back, so each starts from the same state."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from evaluation import services, webreport
from evaluation.figures import evaluated_units
from evaluation.models import Bulletin, Indicator, Scheme, WebReport
from evaluation.workflows import BULLETIN_WORKFLOW, REPORT_WORKFLOW, SCHEME_WORKFLOW
from portal.errors import DomainError
from portal.models import Organization

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def _succeeds(call, obj, user) -> bool:
    try:
        with transaction.atomic():
            call(obj, user)
            raise _Undo
    except _Undo:
        return True
    except DomainError:
        return False


def check(workflow, model, states: dict, personas: dict, calls: dict) -> set[str]:
    assert set(calls) == set(workflow.table)
    offered_anywhere: set[str] = set()
    for state, obj in states.items():
        for name, user in personas.items():
            fresh = model.objects.get(pk=obj.pk)
            offered = set(workflow.allowed_actions(fresh, user))
            offered_anywhere |= offered
            for action, call in calls.items():
                assert _succeeds(call, model.objects.get(pk=obj.pk), user) == (action in offered), (state, name, action)
    return offered_anywhere


@pytest.fixture
def personas(office_staff, office_staff2, officer, outsider, admin_user):
    return {"office": office_staff, "office2": office_staff2, "officer": officer, "outsider": outsider,
            "admin": admin_user}  # fmt: skip


def test_bulletin_actions(personas, township, office_staff, office_staff2):
    def bulletin(month: int, *steps) -> Bulletin:
        b = services.generate_bulletin(2025, month)
        for step in steps:
            step(b)
        return Bulletin.objects.get(pk=b.pk)

    edit = lambda b: services.edit_bulletin(b, actor=office_staff, remarks="意见", inspection={})  # noqa: E731
    approve = lambda b: services.approve_bulletin(b, actor=office_staff2)  # noqa: E731
    send = lambda b: services.send_bulletin(b, actor=office_staff2)  # noqa: E731
    publish = lambda b: services.publish_bulletin(b, actor=office_staff2)  # noqa: E731
    states = {
        "draft": bulletin(1),
        "draft, edited by office": bulletin(2, edit),
        "approved": bulletin(3, approve),
        "sent": bulletin(4, approve, send),
        "published": bulletin(5, approve, send, publish),
    }
    calls = {
        "regenerate": lambda b, u: services.regenerate_bulletin(b, actor=u),
        "edit": lambda b, u: services.edit_bulletin(b, actor=u, remarks="改", inspection={township.pk: 1}),
        "approve": lambda b, u: services.approve_bulletin(b, actor=u),
        "return": lambda b, u: services.return_bulletin(b, actor=u, opinion="数据需核实"),
        "send": lambda b, u: services.send_bulletin(b, actor=u),
        "publish": lambda b, u: services.publish_bulletin(b, actor=u),
        "unpublish": lambda b, u: services.unpublish_bulletin(b, actor=u, reason="数据有误"),
    }
    assert check(BULLETIN_WORKFLOW, Bulletin, states, personas, calls) == set(calls)
    assert "approve" not in BULLETIN_WORKFLOW.allowed_actions(states["draft, edited by office"], office_staff)


def test_scheme_actions(personas, township, other_township, office_staff):
    def scheme(year: int, *, scored: bool = False, final: bool = False) -> Scheme:
        s = services.create_scheme(year, actor=office_staff)
        if scored:
            units = Organization.objects.filter(pk__in=[u["id"] for u in evaluated_units()])
            for indicator in s.indicators.filter(rule=Indicator.Rule.MANUAL):
                for unit in units:
                    services.score_manual(s, indicator, unit, actor=office_staff, points=Decimal(1), note="已评")
        if final:
            services.finalise_scheme(s, actor=office_staff)
        return Scheme.objects.get(pk=s.pk)

    states = {"draft": scheme(2023), "draft, complete": scheme(2024, scored=True),
              "final": scheme(2025, scored=True, final=True)}  # fmt: skip

    def score(s, u):
        indicator = s.indicators.filter(rule=Indicator.Rule.MANUAL).first()
        return services.score_manual(s, indicator, township, actor=u, points=Decimal(2), note="制度健全")

    calls = {
        "edit": lambda s, u: services.update_scheme(s, actor=u, name="方案", performance_weight=Decimal(5)),
        "score": score,
        "finalise": lambda s, u: services.finalise_scheme(s, actor=u),
        "reopen": lambda s, u: services.reopen_scheme(s, actor=u, reason="补充评分"),
    }
    assert check(SCHEME_WORKFLOW, Scheme, states, personas, calls) == set(calls)


def test_web_report_actions(personas, office_staff, office_staff2):
    def report(year: int, *steps) -> WebReport:
        r = services.create_web_report(year)
        for step in steps:
            step(WebReport.objects.get(pk=r.pk))
        return WebReport.objects.get(pk=r.pk)

    def fill(r):
        entries = {line.key: {"bool": False, "decimal": "0", "text": "无"}.get(line.kind, 0)
                   for line in webreport.entry_lines(r.figures)}  # fmt: skip
        services.edit_web_report(r, actor=office_staff, entries=entries)

    submit = lambda r: services.submit_web_report(r, actor=office_staff)  # noqa: E731
    approve = lambda r: services.approve_web_report(r, actor=office_staff2)  # noqa: E731
    back = lambda r: services.return_web_report(r, actor=office_staff2, opinion="请核对")  # noqa: E731
    states = {
        "draft": report(2020),
        "draft, filled": report(2021, fill),
        "pending": report(2022, fill, submit),
        "returned": report(2023, fill, submit, back),
        "published": report(2024, fill, submit, approve),
    }
    calls = {
        "refresh": lambda r, u: services.refresh_web_report(r, actor=u),
        "edit": lambda r, u: services.edit_web_report(r, actor=u, entries={"sec_checks": 3}),
        "submit": lambda r, u: services.submit_web_report(r, actor=u),
        "approve": lambda r, u: services.approve_web_report(r, actor=u),
        "return": lambda r, u: services.return_web_report(r, actor=u, opinion="请核对"),
        "withdraw": lambda r, u: services.withdraw_web_report(r, actor=u, reason="更正"),
    }
    assert check(REPORT_WORKFLOW, WebReport, states, personas, calls) == set(calls)
    assert REPORT_WORKFLOW.allowed_actions(states["pending"], office_staff) == []
